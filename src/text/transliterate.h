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

// The token keys (Hash64 of WordKey) a name word is compared by across
// scripts. A word written in a cased script other than Latin (Cyrillic,
// Greek, Armenian) gets the key of its Latin spelling ("Дронов": the key of
// "Dronov"), so a name meets its Latin form wherever names are compared by
// key, and, as `second`, the key of its stem's Latin spelling in `lang`
// (a name declines in Russian: "Дронова", "Дронову" -> "Dronov"), equal to
// `first` when the stem is the word. Marks ToLatin leaves between letters
// (the soft sign's apostrophe) go. Both are `key`, the word's own, for
// Latin words, for words of scripts without capitals (whose names are not
// read from capitals) and when the transliteration has no letters.
struct NameKeys {
  uint64_t first = 0, second = 0;
};
NameKeys NameKeysAcrossScripts(std::string_view word, uint64_t key, std::string_view lang);

}  // namespace rashomon
