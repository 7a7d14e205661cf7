// Cleaning and segmenting a batch of articles.
//
// Two passes: first the corpus-wide line statistics that boilerplate
// detection needs (which short lines recur across articles), then one
// Document per article, in parallel. The returned Documents borrow the
// Articles, which must outlive them and must not move (keep the vector
// unchanged while the Documents live).
#pragma once

#include <vector>

#include "ingest/article.h"
#include "text/document.h"

namespace rashomon {

class Progress;

std::vector<Document> BuildDocuments(const std::vector<Article>& articles, const TextOptions& options = {},
                                     Progress* progress = nullptr, int threads = 0);

}  // namespace rashomon
