// HTML main-text extraction: the article body and its metadata from one web
// page.
//
// The page is decoded to UTF-8 (html/encoding.h), parsed into a compact tree
// (html/dom.h, filled by libxml2's HTML parser) and walked without recursion. Text is cut into blocks (paragraphs, headings,
// list items, cells); each block is scored by its length, commas and link
// density, the scores flow to the enclosing containers, class/id hints
// ("article", "content" vs "comment", "share", "related", ...) weigh in, and
// the best container plus its strong siblings is kept. Inside it, link lists,
// hidden and clutter subtrees (navigation, asides, captions, forms, buttons)
// are dropped. The result is one paragraph or heading per line, in page order.
//
// Metadata comes from <meta> tags (Open Graph, article:*, Dublin Core),
// JSON-LD, <time>, rel=author / byline elements, <title>, <html lang>,
// <link rel=canonical> and date patterns in the URL.
//
// Untrusted input: work and memory are bounded by HtmlOptions. Thread-safe
// (no shared state).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rashomon {

struct HtmlOptions {
  // Pages longer than this are cut before parsing (and `truncated` is set).
  // 16 MiB is ten times the largest real article page we have seen; the
  // tree takes at most a few bytes per input byte, so this bounds memory.
  size_t max_html_bytes = 16u << 20;
  // Start tags nested deeper than this (by a quick pre-scan; void elements
  // and <p>/<li>/cells do not count) are dropped before parsing, with their
  // end tags; text is kept. Parsing time grows with depth times size, so
  // this bounds the work on hostile pages; real pages stay far below.
  size_t max_parse_depth = 1000;
  // A start tag with more named attributes than this is ended before the
  // next one (the rest reads as text; `tags_cut` counts them). libxml2
  // checks each attribute against all earlier ones of its tag, so this
  // keeps parsing linear; real elements have a few dozen at most.
  size_t max_attributes = 256;
  // Elements nested deeper than this are flattened into their ancestor at
  // this depth for scoring. Deep nesting is never content structure.
  size_t max_depth = 512;
  // A block shorter than this (in bytes of text) adds no score to its
  // containers. Shorter lines are still output when inside the article.
  size_t min_scored_chars = 25;
  // Inside the article, a block whose share of linked text is above this is
  // dropped as a link list (related stories, tags, navigation).
  double max_link_density = 0.5;
  // A sibling of the best container is kept when its score is at least this
  // fraction of the best score. Lower keeps more of split articles (and
  // more clutter).
  double sibling_score_fraction = 0.2;
  // The best container is widened to its parent, at most this many times,
  // while the parent adds paragraph text and at most climb_clutter_ratio
  // times as much other text (link lists, short lines). Catches articles
  // split into sibling sections; higher ratios keep more clutter.
  int max_climb = 3;
  // Link-poor paragraphs at least this long (bytes) outside the chosen
  // containers are kept when they lie between the article's title heading
  // (at most max_lead_blocks blocks before the article) and its last block.
  size_t min_orphan_chars = 60;
  size_t max_lead_blocks = 40;
  // After the article's last block, such paragraphs are kept until this
  // many other blocks come in a row. 0 stops at the last block.
  size_t max_trailing_misses = 2;
  double climb_clutter_ratio = 0.5;
};

struct ExtractedPage {
  std::string text;  // one paragraph or heading per line, valid UTF-8
  std::string title;
  std::string byline;        // authors, ", "-separated
  std::string site_name;     // outlet
  std::string lang;          // primary language subtag, lower case ("en")
  std::string canonical_url; // absolute when the page gives one
  std::optional<int64_t> published;  // UTC seconds
  std::optional<int64_t> modified;
  std::string charset;    // what the bytes were decoded from
  bool truncated = false; // the page was longer than max_html_bytes
  size_t tags_cut = 0;     // start tags cut at max_attributes
  // Work units of the parse outside the tree walk: bytes the attribute scan
  // stepped over plus the attribute pairs libxml2 compared. Tests check it
  // grows linearly with the page.
  uint64_t parse_work = 0;
};

// Extracts the article from raw page bytes (any charset). `url` (may be
// empty) gives a date pattern fallback and is kept when the page has no
// canonical URL; `http_charset` is the transport's charset, if any.
// Fails with kInvalidInput when the page holds no article text.
Result<ExtractedPage> ExtractHtml(std::string_view bytes, std::string_view url = {},
                                  const HtmlOptions& options = HtmlOptions(),
                                  std::string_view http_charset = {});

// All visible text of a page's body, one block per line, with no selection
// (for reference texts such as an expected article). "" when there is none.
std::string HtmlToPlainText(std::string_view bytes, const HtmlOptions& options = HtmlOptions());

// Date in a URL path: /2019/05/31/, /2019-05-31-, /20190531/ -> UTC midnight.
std::optional<int64_t> DateFromUrl(std::string_view url);

// Cleans a <title>: drops a site name after (or before) a separator
// (" | ", " - ", " – ", " — ", " :: ", " » ") when what remains is long
// enough to be a headline.
std::string CleanTitle(std::string_view title, std::string_view site_name = {});

}  // namespace rashomon
