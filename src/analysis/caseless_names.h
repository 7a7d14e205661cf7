// Names in scripts without letter case (Arabic, Hebrew): capitals mark no
// name there, so FindMentions finds none. A run of caseless words is a
// mention when its Latin transliteration spells, consonant for consonant,
// a name that the story's other articles write in a cased script: an
// abjad writes the consonants of a foreign name and few of its vowels
// ("Ordo Kalvani", أوردو كالفاني "awrdw kalfany", אורדו קלבני "'wrdw
// qlbny" all read "rd krbn"). The mention joins the one name it spells.
//
// Guards against common words and look-alike people:
//   - stopwords never start or continue a name;
//   - a run of two or more words must spell every word of one name;
//   - one word alone must spell the last word of exactly one name (or
//     one one-word name) with at least four consonants, or three when the
//     language's dictionary (FreeDict) is there and does not list the word
//     (Arabic builds common words on three-consonant roots; the Snowball
//     stem of a name may be a word too, "كالفاني" -> "فاني", so longer
//     names are not looked up);
//   - a run that spells two different names is no mention.
// Arabic spells foreign consonants with its own letters: g as q or gh (k/g),
// ch as j (g/s), v as w. When no name is spelled exactly, a run may differ
// from one name by one such substitution per word (SkeletonsNear; two in a
// word of kTwoChangeClasses consonant classes or more), under
// stricter conditions: the name has four consonant classes or more (one
// word alone: its last word has), a changed word has three or more and is
// no word of the dictionary, no other name is near as well, and the run's
// last word spells no other name's last word exactly.
// A leading prefix letter (Arabic و ب ل ك ف, Hebrew ו ה ב ל מ ש כ: "and",
// "in", "to", "the") and the Arabic article ال are tried off the word.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/entities.h"
#include "text/abjad.h"
#include "text/document.h"

namespace rashomon {

struct CaselessMention {
  Mention mention;  // its form in the article's script, prefix letters off
  size_t name = 0;  // index of the known name it spells
  uint32_t begin = 0, end = 0;  // the form's span in Document::text
};

// Whether `doc` has a word of letters without case (cheap on text in
// cased scripts: words opening with an ASCII byte are not looked at).
bool HasCaselessWords(const Document& doc);

class CaselessNames {
 public:
  // `names`: the folded Latin tokens of the names found by capitals.
  explicit CaselessNames(const std::vector<std::vector<std::string>>& names);
  // Mentions of the known names in the caseless words of `doc`.
  std::vector<CaselessMention> Find(const Document& doc, uint32_t doc_index) const;

  struct Name {
    std::vector<std::string> skeletons;  // per word, particles left out
    std::string last;                    // the folded last word
  };

 private:
  std::vector<Name> names_;
  size_t max_words_ = 0;
};

}  // namespace rashomon
