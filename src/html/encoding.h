// Character encodings of web pages: finding the charset and converting to
// UTF-8.
//
// The order of evidence follows what browsers do: a byte-order mark, then the
// charset the transport declared (HTTP Content-Type), then a <meta charset> or
// <meta http-equiv="Content-Type"> in the first bytes of the page, then
// detection from the bytes (uchardet). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace rashomon {

struct DecodedHtml {
  std::string text;     // valid UTF-8, BOM removed
  std::string charset;  // the charset used, lower case ("utf-8", "windows-1252")
  std::string source;   // where it came from: "bom", "http", "meta", "detected", "default"
  size_t repaired_bytes = 0;  // bytes that did not decode and were replaced
};

// The charset named in the first `scan_bytes` of an HTML page by a <meta>
// tag, lower case, or "" when there is none.
std::string SniffMetaCharset(std::string_view html, size_t scan_bytes = 4096);

// The charset parameter of a Content-Type value ("text/html; charset=ISO-8859-1"
// -> "iso-8859-1"), or "".
std::string CharsetFromContentType(std::string_view content_type);

// "utf-16le" or "utf-16be" when the bytes are UTF-16 by a byte-order mark
// or by the pattern of zero bytes that ASCII markup leaves in UTF-16 (every
// other byte zero); otherwise "".
std::string SniffUtf16(std::string_view bytes);

// Converts `bytes` to UTF-8. `http_charset` may be empty. Never fails on
// content: undecodable bytes become U+FFFD (or are repaired as Windows-1252
// when the page claimed UTF-8 but is not).
DecodedHtml DecodeHtmlToUtf8(std::string_view bytes, std::string_view http_charset = {});

}  // namespace rashomon
