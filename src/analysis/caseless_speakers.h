// Speakers of quotes in scripts without letter case (Arabic, Hebrew): the
// speaker finder of quotes.h reads capitalised names, which these scripts
// do not write. The story's caseless name mentions (caseless_names.h: words
// that spell a name its cased-script articles write) serve instead:
//   - a mention right after a speech verb, after up to three description
//     words ("وقال الوزير أوردو كالفاني إن …", "«…»، قال كالفاني"; Arabic
//     puts the verb first), or right before it ("קלבני אמר");
//   - a mention after "according to" (حسب، بحسب، وفقا لـ، לדברי، לפי);
//   - a speech verb with no subject word after it ("وأضاف أن …", "he
//     added") continues the article's last speaker.
// A word after the verb that spells no name ("قال مسؤول", "an official
// said") is a description: the quote gets no speaker. The speaker is
// reported as the name the cased-script article wrote ("Ordo Kalvani"),
// so that versions across scripts compare by the same last name.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <unordered_set>
#include <vector>

#include "analysis/quotes.h"
#include "text/document.h"

namespace rashomon {

// A set of words, each folded (FoldForMatch) as the caseless word lists
// compare them.
std::unordered_set<std::string> FoldedWords(std::initializer_list<const char*> words);

class CaselessSpeakers {
 public:
  // The names the story's articles write with capitals; nothing is read
  // unless one of `docs` has caseless words.
  explicit CaselessSpeakers(const std::vector<const Document*>& docs);
  // Fills the speaker of each quote of `doc` (document `doc_index` of the
  // story) that has none; quotes as ExtractQuotes gives them, in text order.
  void Attribute(const Document& doc, uint32_t doc_index, std::vector<ExtractedQuote>* quotes) const;

 private:
  std::vector<std::vector<std::string>> names_;  // folded tokens, for CaselessNames
  std::vector<std::string> display_;             // each name as its article wrote it
};

// A folded word that attributes speech in Arabic or Hebrew ("قال",
// "وأضاف", "אמר", "הוסיפה"), and one for "according to" ("حسب", "לדברי").
bool IsCaselessSpeechVerb(const std::string& folded);
bool IsCaselessAccordingTo(const std::string& folded);

}  // namespace rashomon
