// Language identification from the script and function words, stopword
// lists and Snowball stemmers for the languages we support (en, es, it, nl,
// de, fr, pt, ru, ar). Other languages are "unknown": no stemming and no
// stopwords.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rashomon {

// The language code of a text in no supported language or script.
inline constexpr const char* kUnknownLanguage = "unknown";

// Whether an article's language code is English, or none given (read as
// English, the default corpus).
inline bool IsEnglish(std::string_view lang) { return lang.empty() || lang == "en"; }

// ISO 639-1 code of the most likely language of `text`. Text mostly in
// Cyrillic is "ru", in Arabic script "ar" (when their function words are
// there), in any other non-Latin script kUnknownLanguage. Latin text: the
// language with most function words; a short text with too few is "en"
// (the default corpus is English news), a long one kUnknownLanguage.
std::string GuessLanguage(std::string_view text);

// True if `folded` (FoldForMatch form) is a stopword of `lang`.
bool IsStopword(std::string_view folded, std::string_view lang);

// Languages with stopword lists.
const std::vector<std::string>& SupportedLanguages();

// Stems a folded word with the Snowball stemmer for `lang` (thread-local
// stemmer instances; safe from many threads). Words of unsupported
// languages come back unchanged.
std::string Stem(std::string_view folded, std::string_view lang);

}  // namespace rashomon
