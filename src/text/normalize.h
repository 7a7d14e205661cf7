// Unicode normalisation of article text, and folding of words for matching.
//
// Display text is NFKC with spaces unified (no-break and other Unicode spaces
// become ' ', runs collapse, zero-width characters and soft hyphens go).
// Matching keys additionally lowercase, strip diacritics and unify
// apostrophes, so "Aragüshi", "ARAGUSHI" and "aragushi" share one key.
// All functions are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "text/offset_map.h"

namespace rashomon {

// Appends the normalised form of `line` to *out, recording in *map where its
// pieces came from (raw offsets are raw_base + position in line). Leading and
// trailing whitespace are dropped.
void NormalizeLine(std::string_view line, uint32_t raw_base, std::string* out, OffsetMap* map);

// Convenience: normalised copy of a short string, without offsets.
std::string NormalizeText(std::string_view s);

// Lowercased, diacritic-free, apostrophe-unified key for one word or phrase.
std::string FoldForMatch(std::string_view s);

// Appends the folded form of one code point (may be empty or several bytes).
void AppendFolded(char32_t cp, std::string* out);

// Unicode character classes used by the tokenizer and the segmenter.
bool IsLetter(char32_t cp);
bool IsDigitChar(char32_t cp);
bool IsUpperCase(char32_t cp);
bool IsLowerCase(char32_t cp);
bool IsSpaceChar(char32_t cp);
// Combining marks and other characters that continue a word.
bool IsWordContinuation(char32_t cp);
bool IsApostrophe(char32_t cp);  // ' ’ ʼ
bool IsHyphen(char32_t cp);      // - ‐ ‑
bool IsDash(char32_t cp);        // – — ―
bool IsOpeningQuote(char32_t cp);
bool IsClosingQuote(char32_t cp);
bool IsQuoteMark(char32_t cp);  // any quotation mark, including ' and "

}  // namespace rashomon
