// Reading on every core for callers that keep no article (near-duplicate
// detection): IngestPathsRefs with the parsing, and the caller's work on
// each record, on worker threads.
//
// The input is cut into units: a plain JSON Lines file into byte ranges of
// ParallelReadOptions::chunk_bytes, each standing for the lines that start
// in it, which a worker reads (pread) and cuts; a compressed one, read and
// decompressed on the calling thread, into chunks of whole lines of about
// that size; a UTF-16 one or any other file whole. Workers parse units and
// hand their records to the unit's RefUnitWork. Units are then taken back on the calling thread in input
// order: their diagnostics replayed (the rules that span a file, such as
// the binary check of its first line and the cap of 20 errors shown,
// applied there) and their records passed to `accept`. So the articles,
// their order, and every error and warning in its order are those of
// IngestPathsRefs, whatever the number of threads.
//
// Thread-safety: one call at a time per RefUnitWork; different units' works
// run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "ingest/ingest.h"

namespace rashomon {

// One record as the calling thread gets it back.
struct ParallelRecord {
  std::string_view id;     // as read
  uint64_t content = 0;    // HashCombine(Hash64(title), Hash64(text))
  std::string_view origin;  // the file
  uint64_t origin_line = 0;
  size_t slot = 0;          // its position in its unit, as given to RefUnitWork::Record
};

class RefUnitWork {
 public:
  virtual ~RefUnitWork() = default;
  // On a worker thread, for each record of the unit in order (slot 0, 1,
  // ...). The views of `ref` are valid only during the call. A range does
  // not know its place in the file: its ref.origin_line counts from the
  // range's first line, and so does the id of a record named by its line;
  // `accept` gets the final ones.
  virtual void Record(size_t slot, const ArticleRef& ref) = 0;
};

struct ParallelReadOptions {
  int threads = 0;  // 0: DefaultThreadCount(); 1: every unit on the calling thread
  size_t chunk_bytes = 1u << 20;  // about 250 articles of 4 KB
};

// See the header comment. make_work is called on the calling thread, once
// per unit; accept on the calling thread with each record, in input order,
// and the work of its unit.
IngestStats IngestPathsParallel(
    const std::vector<std::string>& paths, const IngestOptions& options,
    const ParallelReadOptions& parallel, Diagnostics& diag,
    const std::function<std::unique_ptr<RefUnitWork>()>& make_work,
    const std::function<void(RefUnitWork& work, const ParallelRecord& record)>& accept);

}  // namespace rashomon
