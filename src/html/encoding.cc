#include "html/encoding.h"

#include <unicode/ucnv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <memory>

#include "base/strings.h"
#include "base/utf8.h"

namespace rashomon {
namespace {

// Lower-cases and trims a charset label; maps the labels browsers treat as
// Windows-1252 (WHATWG Encoding Standard) to it.
std::string NormalizeCharset(std::string_view label) {
  std::string c = AsciiLowercase(TrimAscii(label));
  while (!c.empty() && (c.back() == '"' || c.back() == '\'' || c.back() == ';')) c.pop_back();
  while (!c.empty() && (c.front() == '"' || c.front() == '\'')) c.erase(c.begin());
  if (c == "utf8" || c == "unicode-1-1-utf-8") return "utf-8";
  if (c == "iso-8859-1" || c == "latin1" || c == "latin-1" || c == "us-ascii" || c == "ascii" ||
      c == "iso8859-1" || c == "cp1252" || c == "l1" || c == "iso_8859-1") {
    return "windows-1252";
  }
  if (c == "gb2312" || c == "gbk" || c == "x-gbk") return "gb18030";
  if (c == "shift-jis" || c == "sjis" || c == "x-sjis") return "shift_jis";
  return c;
}

bool HasNonAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// Converts with ICU; false when ICU does not know the charset.
bool ConvertWithIcu(std::string_view bytes, const std::string& charset, std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset.c_str(), &err);
  if (U_FAILURE(err) || conv == nullptr) return false;
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(conv, ucnv_close);
  // Each input byte yields at most 2 UTF-16 units and each unit 3 UTF-8 bytes.
  std::u16string wide(bytes.size() * 2 + 16, u'\0');
  err = U_ZERO_ERROR;
  int32_t n = ucnv_toUChars(conv, reinterpret_cast<UChar*>(wide.data()), static_cast<int32_t>(wide.size()),
                            bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err) && err != U_STRING_NOT_TERMINATED_WARNING) return false;
  out->clear();
  out->reserve(static_cast<size_t>(n) + n / 2);
  for (int32_t i = 0; i < n; ++i) {
    char32_t cp = wide[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && wide[i + 1] >= 0xDC00 && wide[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (wide[i + 1] - 0xDC00);
      ++i;
    }
    AppendUtf8(cp, out);
  }
  return true;
}

std::string Detect(std::string_view bytes) {
  uchardet_t ud = uchardet_new();
  if (ud == nullptr) return "";
  // Detection on the first 256 KiB is as good as on the whole page.
  size_t n = std::min<size_t>(bytes.size(), 256u << 10);
  std::string found;
  if (uchardet_handle_data(ud, bytes.data(), n) == 0) {
    uchardet_data_end(ud);
    const char* cs = uchardet_get_charset(ud);
    if (cs != nullptr) found = cs;
  }
  uchardet_delete(ud);
  return found;
}

}  // namespace

std::string SniffUtf16(std::string_view bytes) {
  if (bytes.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (bytes.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  size_t pairs = std::min<size_t>(bytes.size(), 4096) / 2;
  if (pairs < 8) return "";
  size_t even_zero = 0, odd_zero = 0;
  for (size_t i = 0; i < pairs; ++i) {
    even_zero += bytes[2 * i] == '\0';
    odd_zero += bytes[2 * i + 1] == '\0';
  }
  // Markup is mostly ASCII: in UTF-16LE its high (odd) bytes are zero.
  if (odd_zero * 10 >= pairs * 4 && even_zero * 20 <= pairs) return "utf-16le";
  if (even_zero * 10 >= pairs * 4 && odd_zero * 20 <= pairs) return "utf-16be";
  return "";
}

std::string CharsetFromContentType(std::string_view content_type) {
  std::string lower = AsciiLowercase(content_type);
  size_t p = lower.find("charset");
  if (p == std::string::npos) return "";
  p += 7;
  while (p < lower.size() && (lower[p] == ' ' || lower[p] == '=')) ++p;
  while (p < lower.size() && (lower[p] == '"' || lower[p] == '\'')) ++p;
  size_t e = p;
  while (e < lower.size() && (IsAsciiAlpha(lower[e]) || IsAsciiDigit(lower[e]) || lower[e] == '-' ||
                              lower[e] == '_' || lower[e] == ':' || lower[e] == '.')) {
    ++e;
  }
  return NormalizeCharset(lower.substr(p, e - p));
}

std::string SniffMetaCharset(std::string_view html, size_t scan_bytes) {
  std::string head = AsciiLowercase(html.substr(0, std::min(html.size(), scan_bytes)));
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    size_t end = head.find('>', pos);
    if (end == std::string::npos) break;
    std::string_view tag(head.data() + pos, end - pos);
    pos = end;
    size_t c = tag.find("charset");
    if (c == std::string_view::npos) continue;
    // Both <meta charset="x"> and content="text/html; charset=x".
    std::string cs = CharsetFromContentType(tag.substr(c));
    if (!cs.empty()) return cs;
  }
  return "";
}

DecodedHtml DecodeHtmlToUtf8(std::string_view bytes, std::string_view http_charset) {
  DecodedHtml r;
  std::string charset;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    charset = "utf-8";
    r.source = "bom";
  } else if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    charset = bytes[0] == '\xFF' ? "utf-16le" : "utf-16be";
    bytes.remove_prefix(2);
    r.source = "bom";
  }
  if (charset.empty() && !http_charset.empty()) {
    charset = NormalizeCharset(http_charset);
    r.source = "http";
  }
  // UTF-16 without a BOM: a declared UTF-16 is believed only when the
  // bytes look like it (and then the zero bytes tell the byte order), as
  // browsers read a UTF-16 label on ASCII-compatible bytes as UTF-8; an
  // undeclared one is recognised by its zero bytes.
  std::string utf16 = r.source == "bom" ? "" : SniffUtf16(bytes);
  if (r.source != "bom" && charset.rfind("utf-16", 0) == 0) {
    charset = utf16.empty() ? "utf-8" : utf16;
  }
  if (charset.empty() && !utf16.empty()) {
    charset = utf16;
    r.source = "detected";
  }
  if (charset.empty()) {
    charset = SniffMetaCharset(bytes);
    if (charset.rfind("utf-16", 0) == 0) charset = "utf-8";  // readable as ASCII, so not UTF-16
    if (!charset.empty()) r.source = "meta";
  }
  // Pages often declare a legacy charset and are really UTF-8 (templates
  // copied between sites, re-encoded archives); valid multi-byte UTF-8 is
  // almost never an accident in a legacy encoding.
  bool valid_utf8 = IsValidUtf8(bytes);
  if (!charset.empty() && charset != "utf-8" && charset.rfind("utf-16", 0) != 0 && valid_utf8 &&
      HasNonAscii(bytes)) {
    charset = "utf-8";
    r.source += "+validated";
  }
  if (charset.empty()) {
    if (valid_utf8) {
      charset = "utf-8";
      r.source = "default";
    } else {
      charset = NormalizeCharset(Detect(bytes));
      r.source = "detected";
      if (charset.empty() || charset == "ascii") charset = "windows-1252";
    }
  }
  r.charset = charset;
  if (charset == "utf-8") {
    if (valid_utf8) {
      r.text.assign(bytes);  // the common case: nothing to repair
    } else {
      r.repaired_bytes = RepairUtf8(bytes, &r.text);
    }
    return r;
  }
  if (!ConvertWithIcu(bytes, charset, &r.text)) {
    // Unknown label: keep what is valid UTF-8, read the rest as Windows-1252.
    r.charset = "utf-8";
    r.source += "+unknown";
    r.repaired_bytes = RepairUtf8(bytes, &r.text);
  }
  return r;
}

}  // namespace rashomon
