// English pivot terms for words of other languages, from bilingual
// dictionaries: the layer that lets a Spanish and an English report of one
// event share vocabulary.
//
// The dictionaries are FreeDict's, as Debian installs them for dictd
// (dict-freedict-spa-eng ...: `freedict-spa-eng.index` and
// `freedict-spa-eng.dict.dz` under /usr/share/dictd), read at run time. A
// PivotDictionary maps the Snowball stem of a source word (the hash a
// Token's `stem` holds for that language) to the stems of its first English
// translations, each weighted 1/n so that a word weighs the same however
// many translations it has. Only one-word headwords count; usage notes,
// cross-references and grammar tags are skipped.
//
// A missing dictionary is no error: that language's articles simply get no
// pivot terms (and nothing is printed), so a machine without the packages
// clusters as before, only without the cross-language help.
//
// Thread safety: a PivotDictionary is immutable once built.
// PivotDictionaryFor loads each language once, on first use, from any
// thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rashomon {

// How often English uses a word: the summed sense tag counts of WordNet's
// cntlist.rev (SemCor frequencies), keyed by the Hash64 of the English
// Snowball stem (one-word lemmas only).
using EnglishWordCounts = std::unordered_map<uint64_t, uint32_t>;

// The counts from the text of a cntlist.rev ("police%1:14:00:: 1 38"
// lines); malformed lines are skipped.
EnglishWordCounts ParseEnglishWordCounts(std::string_view cntlist);

// The installed counts, loaded once from $RASHOMON_WORDNET, else
// /usr/share/wordnet; empty when wordnet-base is not installed.
const EnglishWordCounts& InstalledEnglishWordCounts();

struct PivotTerm {
  uint64_t stem = 0;  // Hash64 of the English Snowball stem
  float weight = 0;   // shares of one source word, summing to 1
};

class PivotDictionary {
 public:
  // Translations kept per headword: the first ones are the common senses.
  static constexpr int kMaxTranslations = 4;
  // Translations longer than this many words are explanations, not words.
  static constexpr int kMaxPhraseWords = 3;

  // Builds the dictionary of `lang` (an ISO 639-1 code, for its stemmer and
  // stopwords) from the text of a dictd index and of its (uncompressed)
  // dictionary file. Malformed lines are skipped.
  //
  // With `ranked` (not null), the dictionary's order of translations is
  // taken to say nothing of which sense is common (FreeDict's ara-eng is
  // its eng-ara turned around: "Backslash, Constabularies" come before
  // "Police"), so a word keeps the kMaxTranslations translations English
  // uses most by these counts, and none English never uses (no count)
  // when some have one.
  static PivotDictionary Parse(std::string_view index, std::string_view dict, std::string_view lang,
                               const EnglishWordCounts* ranked = nullptr);
  // The same from a dictionary of English into `lang` read backwards: each
  // one-word translation of an English headword maps to that headword
  // (eng-rus: Debian has no rus-eng). The headwords come in alphabetical
  // order, so `ranked` chooses among them as above.
  static PivotDictionary ParseReversed(std::string_view index, std::string_view dict, std::string_view lang,
                                       const EnglishWordCounts* ranked = nullptr);
  // Reads `<dir>/freedict-<xxx>-eng.index` and `.dict.dz` (or `.dict`) for
  // `lang` (`freedict-eng-rus` read backwards for Russian); empty when the
  // files are absent or `lang` has no FreeDict dictionary here. Arabic and
  // Russian, whose dictionaries order translations alphabetically, are
  // ranked by the installed English word counts.
  static PivotDictionary Load(const std::string& dir, std::string_view lang);

  // The English terms of a source stem; empty when the word is not listed.
  std::span<const PivotTerm> Lookup(uint64_t source_stem) const;
  size_t size() const { return index_.size(); }
  bool empty() const { return index_.empty(); }

 private:
  static PivotDictionary FromMerged(std::unordered_map<uint64_t, std::vector<uint64_t>> merged,
                                    const EnglishWordCounts* ranked);
  std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> index_;  // stem -> [begin, end) in terms_
  std::vector<PivotTerm> terms_;
};

// The FreeDict file stem of a language's dictionary ("spa-eng" for "es",
// "eng-rus" for "ru", read backwards), or empty for English and languages
// without one.
std::string_view FreeDictPair(std::string_view lang);

// The installed dictionary of `lang` into English, loaded once from
// $RASHOMON_DICT_DIR, else /usr/share/dictd; nullptr for English, for
// languages without a dictionary, and when it is not installed.
const PivotDictionary* PivotDictionaryFor(std::string_view lang);

}  // namespace rashomon
