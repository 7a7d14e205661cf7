// Latin spellings of words in other scripts (ICU "Any-Latin; Latin-ASCII"),
// so that a name in Cyrillic, Arabic, Hebrew, Greek, kana, hangul or han
// meets its Latin forms in the name-variant matcher.
#pragma once

#include <string>
#include <string_view>

namespace rashomon {

// True when `s` has a letter outside the Latin script.
bool HasNonLatinLetter(std::string_view s);

// The script (an ICU UScriptCode: Latin, Cyrillic, Arabic...) of the first
// letter of `s` that belongs to one; -1 when it has none.
int FirstLetterScript(std::string_view s);

// True when `s` has letters and none of them has letter case (Arabic,
// Hebrew and other scripts whose names carry no capital).
bool IsCaselessWord(std::string_view s);

// `s` in plain ASCII Latin letters ("Арагчи" -> "Aragchi"); text without
// non-Latin letters comes back unchanged. Thread-safe.
std::string ToLatin(std::string_view s);

}  // namespace rashomon
