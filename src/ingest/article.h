// Article: one news article as read from any input, before cleaning.
//
// Every reader (plain text, JSON Lines, HTML, WARC) produces these. The
// struct owns its strings; later stages borrow from them by string_view, so an
// Article must outlive the Documents and reports built from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace rashomon {

struct Article {
  // Stable id: the file name without extensions for a file, the "id" field
  // for a JSON Lines record, the record's target URI for WARC.
  std::string id;
  std::string source;  // outlet ("Gulf Courier"); empty when unknown
  std::string url;
  std::optional<int64_t> published;  // UTC seconds since the epoch
  std::string title;   // empty: the text stage finds or infers one
  std::string byline;  // authors, when known
  std::string text;    // body, valid UTF-8, line breaks separate paragraphs
  std::string lang;    // ISO 639-1 when known ("en"), else empty
  std::string origin;  // the file it came from, for messages
  uint64_t origin_line = 0;  // line in a JSON Lines file, else 0
};

}  // namespace rashomon
