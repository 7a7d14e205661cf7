// Internal to html/: page metadata from a parsed page (html/dom.h). See extract.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "html/dom.h"
#include "html/extract.h"

namespace rashomon::internal {

// Text of a node's subtree, whitespace collapsed, at most max_bytes.
// Skips script and style.
std::string NodeText(const Dom& dom, uint32_t node, size_t max_bytes = 4096);

// Fills title, byline, site_name, lang, canonical_url, published, modified
// from the whole document; `url` (may be empty) gives a date fallback.
// Elements deeper than max_depth are not visited.
void CollectMetadata(const Dom& dom, std::string_view url, size_t max_depth, ExtractedPage* page);

}  // namespace rashomon::internal
