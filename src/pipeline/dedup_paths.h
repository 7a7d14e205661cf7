// Near-duplicate groups over the articles of files and folders, streamed:
// the loop behind `rashomon dedup`, shared with the Python package so both
// give the same groups. Articles are read and signed in batches and not
// kept; only their ids and the index stay in memory.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "sketch/dedup.h"

namespace rashomon {

struct DedupPathsResult {
  std::vector<std::string> ids;    // every article read, in input order (unique, as ArticleCollector)
  std::vector<DedupGroup> groups;  // indices into ids
};

// Reads `paths` (IngestPathsParallel: the articles, errors and warnings of
// IngestPathsRefs) and groups the articles by their body, or their title
// when the body is empty. Parsing and signing run on options.threads
// threads while the calling thread reads the input and one more thread
// indexes the signatures in input order, so the answer does not depend on
// the number of threads. A repeated id
// with the same content is skipped, with other content renamed id#2, ...
// (warnings in diag); unreadable inputs are errors in diag.
DedupPathsResult DedupPaths(const std::vector<std::string>& paths, const DedupOptions& options,
                            Diagnostics& diag);

}  // namespace rashomon
