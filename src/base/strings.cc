#include "base/strings.h"

#include "base/utf8.h"

namespace rashomon {

std::string_view TrimAscii(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsAsciiSpace(s[b])) ++b;
  while (e > b && IsAsciiSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool IsAscii(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string AsciiLowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiToLower(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiToLower(a[i]) != AsciiToLower(b[i])) return false;
  }
  return true;
}

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < s.size()) {
        std::string_view line = s.substr(start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
      }
      break;
    }
    std::string_view line = s.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, p - start));
    start = p + 1;
  }
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

size_t CountAsciiWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = IsAsciiSpace(c);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool nbsp = c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
    if (IsAsciiSpace(c) || nbsp) {
      pending_space = !out.empty();
      i += nbsp;
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(c);
    }
  }
  return out;
}

namespace {

// Code points a terminal would act on rather than show: C0 and C1
// controls, DEL, and the marks and overrides that reorder text.
bool ActsOnTerminal(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Appends one code point at s[i] (len bytes), escaped when it must be.
void AppendEscaped(std::string_view s, size_t i, size_t len, char32_t cp, std::string* out) {
  static const char* kHex = "0123456789abcdef";
  if (cp == kReplacementChar && s.substr(i, len) != "\xEF\xBF\xBD") {
    for (size_t k = i; k < i + len; ++k) {  // bytes that are not UTF-8
      unsigned char b = static_cast<unsigned char>(s[k]);
      *out += "\\x";
      out->push_back(kHex[b >> 4]);
      out->push_back(kHex[b & 0xF]);
    }
    return;
  }
  if (!ActsOnTerminal(cp)) {
    out->append(s.substr(i, len));
    return;
  }
  if (cp == '\n') {
    *out += "\\n";
  } else if (cp == '\t') {
    *out += "\\t";
  } else if (cp == '\r') {
    *out += "\\r";
  } else if (cp < 0x80) {
    *out += "\\x";
    out->push_back(kHex[(cp >> 4) & 0xF]);
    out->push_back(kHex[cp & 0xF]);
  } else {
    *out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kHex[(cp >> shift) & 0xF]);
  }
}

}  // namespace

std::string EscapeForMessage(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(s, i, &cp);
    AppendEscaped(s, i, len, cp, &out);
    i += len;
  }
  return out;
}

std::string Excerpt(std::string_view s, size_t max_chars) {
  std::string out;
  size_t chars = 0;
  size_t i = 0;
  while (i < s.size() && chars < max_chars) {
    char32_t cp;
    size_t len = DecodeUtf8(s, i, &cp);
    AppendEscaped(s, i, len, cp, &out);
    i += len;
    ++chars;
  }
  if (i < s.size()) out += "…";
  return out;
}

std::string WithThousands(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count && count % 3 == 0) out.push_back(',');
    out.push_back(*it);
    ++count;
  }
  if (n < 0) out.push_back('-');
  return std::string(out.rbegin(), out.rend());
}

}  // namespace rashomon
