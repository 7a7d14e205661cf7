// One story's articles in several languages compared word for word: the
// content words of an article not in English read as English stems through
// the FreeDict pivot (text/translate.h), so that a sentence and its
// translation share stems and align as one fact, and a quote and its
// translation share stems and group as versions of one quote.
//
// Each word the dictionary knows becomes one of its English translations:
// the first that the story's English articles use ("declaró" -> "declare"
// when the English article says "declared", not "state"), else the first
// listed. A word it does not know (a name, a number, a word missing from a
// small dictionary) becomes the English stem of its own letters, so names
// written alike meet; a word in another script (Arabic, Cyrillic...) whose
// Latin transliteration spells, consonant for consonant (AbjadSkeleton),
// one capitalised word of the English articles becomes that word's stem
// ("فاستولي" -> "fastoli"), so a name meets its Latin form. A skeleton two
// such English words share maps to neither. Stopwords keep their own stems (sketches leave them
// out of the content stems). English articles, and stories in one language,
// are untouched: a StoryPivot of a story in one language is inactive.
//
// Thread safety: immutable once built; the dictionaries are shared
// (PivotDictionaryFor).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/align.h"
#include "text/document.h"

namespace rashomon {

class StoryPivot {
 public:
  StoryPivot() = default;
  // Active when `docs` are in more than one language.
  explicit StoryPivot(const std::vector<const Document*>& docs);

  bool active() const { return active_; }
  // Whether the words of an article in `lang` are mapped (active, and `lang`
  // is not English).
  bool Maps(const std::string& lang) const;

  // The English stem standing for `token` of `text` in `lang`.
  uint64_t EnglishStem(std::string_view text, const Token& token, const std::string& lang) const;

  // The sketch of a sentence of `doc` with its words mapped (SketchSentence
  // when the article's words are not mapped).
  SentenceSketch Sketch(const Document& doc, const Sentence& sentence) const;

  // The key (Token::key) of the capitalised word of the English articles
  // that `word`, in a script without capitals (Arabic, Hebrew), spells
  // consonant for consonant as NameStem reads it; 0 when none (or two).
  // What lines up such a sentence with its English translation
  // (analysis/translation.h).
  uint64_t NameKey(std::string_view word) const;

  // QuoteStems of a quote, its words mapped (QuoteStems when not mapped).
  std::vector<uint64_t> QuoteStems(const std::string& text, const std::string& lang) const;

 private:
  bool active_ = false;
  std::unordered_set<uint64_t> english_;  // stems of the English articles' content words
  // AbjadSkeleton of the English articles' capitalised words -> their stem
  // (0: two words of one skeleton) and the key of the first such word.
  struct SkeletonName {
    uint64_t stem = 0, key = 0;
  };
  std::unordered_map<std::string, SkeletonName> name_skeletons_;
  uint64_t NameStem(std::string_view word) const;
  // The name `word` spells, as written or without the article or a prefix
  // letter; null when none (or two).
  const SkeletonName* NameOf(std::string_view word) const;
};

}  // namespace rashomon
