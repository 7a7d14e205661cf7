// Language identification from function words, stopword lists and Snowball
// stemmers for the languages we support (en, es, it, nl, de, fr, pt).
// Other languages fall back to no stemming and no stopwords.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rashomon {

// ISO 639-1 code of the most likely language of `text` ("en" when unsure:
// the default corpus is English news).
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
