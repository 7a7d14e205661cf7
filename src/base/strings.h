// Small string helpers over std::string_view. Returned views borrow from the
// argument and live as long as it does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rashomon {

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
inline char AsciiToLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c + 32) : c; }

// True when every byte of `s` is ASCII (no UTF-8 sequence in it).
bool IsAscii(std::string_view s);
std::string_view TrimAscii(std::string_view s);
std::string AsciiLowercase(std::string_view s);
bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Splits on '\n' (a trailing '\r' is dropped from each line). Empty lines kept.
std::vector<std::string_view> SplitLines(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// Words of `s`: runs of characters other than ASCII whitespace.
size_t CountAsciiWords(std::string_view s);

// Collapses runs of whitespace (ASCII and no-break space) to one space and trims.
std::string CollapseWhitespace(std::string_view s);

// Renders a string for an error message: at most max_chars code points,
// escaped as EscapeForMessage does, "…" appended when cut.
std::string Excerpt(std::string_view s, size_t max_chars = 40);

// A name (a file, a record) as a message may show it: control characters
// ("\n", "\t", "\r", "\x1b"), DEL and C1 controls, text-direction marks and
// overrides ("\u202e") and bytes that are not UTF-8 ("\xff") escaped, so
// that a name can neither start a line of its own nor act on a terminal.
std::string EscapeForMessage(std::string_view s);

// "1,234,567"
std::string WithThousands(long long n);

}  // namespace rashomon
