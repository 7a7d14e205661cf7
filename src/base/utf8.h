// UTF-8 validation, decoding, encoding and repair.
//
// Strict per RFC 3629: overlong forms, surrogates and code points above
// U+10FFFF are invalid. All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rashomon {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// True if `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// Decodes the code point starting at s[pos]. Returns the number of bytes it
// spans (at least 1 when pos < s.size()); on an invalid sequence stores
// kReplacementChar and returns 1. REQUIRES: pos < s.size().
size_t DecodeUtf8(std::string_view s, size_t pos, char32_t* cp);

// Appends the UTF-8 encoding of `cp` (kReplacementChar if not a scalar value).
void AppendUtf8(char32_t cp, std::string* out);

// Maps a byte 0x80..0xFF to the code point Windows-1252 gives it (ISO-8859-1
// for the five bytes 1252 leaves undefined).
char32_t Windows1252ToCodePoint(unsigned char byte);

// Copies `in` to `out`, decoding every byte that is not part of a well-formed
// UTF-8 sequence as Windows-1252. Returns the number of bytes so repaired
// (0 when `in` was valid, in which case out == in).
size_t RepairUtf8(std::string_view in, std::string* out);

// Number of code points in valid UTF-8 (invalid bytes count as one each).
size_t CountCodePoints(std::string_view s);

// Truncates to at most max_bytes without splitting a code point.
std::string_view TruncateUtf8(std::string_view s, size_t max_bytes);

}  // namespace rashomon
