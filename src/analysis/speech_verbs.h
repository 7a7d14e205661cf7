// Speech verbs and "according to" words of the languages read other than
// English, for quote speakers ("«…», dijo X", "X a déclaré : « … »",
// "„…“, so X", "«…», — заявила X"). Each language's list applies to its
// own articles only, so words that are also English words ("dice",
// "declare", "so") change nothing in English text; the few verbs of the
// other languages that are no English word are read in every language
// (quotes.cc).
#pragma once

#include <string>
#include <string_view>

namespace rashomon {

// The language of the article whose quotes are being read on this thread
// (ExtractQuotes sets it for its duration; "" outside).
class SpeechLanguage {
 public:
  explicit SpeechLanguage(std::string_view lang) : previous_(current_) { current_ = lang; }
  ~SpeechLanguage() { current_ = previous_; }
  SpeechLanguage(const SpeechLanguage&) = delete;
  SpeechLanguage& operator=(const SpeechLanguage&) = delete;
  static std::string_view Current() { return current_; }

 private:
  static thread_local std::string_view current_;
  std::string_view previous_;
};

// A stopword of the current language other than English ("Il", "Infatti"
// opening a sentence are no speaker).
bool IsForeignStopword(const std::string& folded);

// An article of the current language other than English ("el", "la",
// "le", "die", "het"): it may open a speaker's description ("dijo la
// alcaldesa Lena Okafor").
bool IsForeignArticle(const std::string& folded);

// Spanish, Italian and Portuguese drop the subject ("…, ha declarado que"):
// a capitalised word before the verb is no subject unless in commas.
bool DropsSubject(std::string_view lang);

// A folded word (FoldForMatch) that attributes speech in `lang`: a speech
// verb in a simple or compound tense ("dijo", "ha detto", "a déclaré",
// "sagte", "zei", "заявила", "قال") or a word for "according to"
// ("según", "selon", "laut", "volgens", "по словам").
bool IsSpeechVerbOf(std::string_view lang, const std::string& folded);

// An auxiliary between a speaker and a participle in `lang` ("Paul Brenot
// a précisé", "Marco Lentini ha dichiarato", "Greta Malven hat gesagt").
bool IsSpeechAuxiliaryOf(std::string_view lang, const std::string& folded);

// A folded English word for a described source that is a document, a
// medium, a thing or an event ("report", "statement", "talks"), not a
// person: the head of "the report said" names no speaker.
bool IsSourceNoun(const std::string& w);

}  // namespace rashomon
