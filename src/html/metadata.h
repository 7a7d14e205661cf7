// Internal to html/: page metadata from a parsed gumbo tree. See extract.h.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

#include "html/extract.h"

namespace rashomon::html_internal {

// Text of a node's subtree, whitespace collapsed, at most max_bytes.
// Iterative; skips script and style.
std::string NodeText(const GumboNode* node, size_t max_bytes = 4096);

// Attribute value or "" (never null).
std::string_view Attr(const GumboNode* node, const char* name);

// Fills title, byline, site_name, lang, canonical_url, published, modified
// from the whole document; `url` (may be empty) gives a date fallback.
// Iterative; elements deeper than max_depth are not visited.
void CollectMetadata(const GumboNode* root, std::string_view url, size_t max_depth, ExtractedPage* page);

}  // namespace rashomon::html_internal
