// Translations as provenance: an article that is a translation of another
// names the same people and places and gives the same numbers, in the same
// order, however different its words.
//
// A TranslationSignature is the sequence of an article's anchors that
// survive translation, in text order: the words of names (capitalised
// inside a sentence, or all capitals; other scripts in their Latin
// transliteration, case and accents folded) and the digits of numbers of
// two or more digits ("1.234,5" and "1,234.5" both read 12345). Two
// articles in different languages whose signatures share a long common
// subsequence, relative to the longer one, are a translation pair:
// independent reports of one event name the same people too, but not in
// the same order sentence after sentence, nor nearly all of them. (German
// capitalises every noun, which lengthens its signatures: a German
// translation needs more of its anchors in common.)
//
// Thread-safe (pure functions over borrowed Documents).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text/document.h"

namespace rashomon {

struct TranslationOptions {
  // Anchors of each side compared (the lede and body's first part say
  // enough; the bound keeps the comparison quadratic in a constant).
  int max_anchors = 200;
  // A pair is a translation when its common subsequence holds at least
  // `min_common` anchors and `min_share` of the longer signature. On the
  // pooled MEANTIME set (eval translations) 0.4 finds 710 of the 720
  // translation pairs among 86,400 pairs in different languages, with 6
  // false ones; over the shorter signature the best cut-off (0.6) misses
  // 59 and finds 9 false.
  int min_common = 5;
  float min_share = 0.4f;
  // Facts lower the bar: a pair whose statements align as facts (at least
  // `aligned_facts` of the shorter article's statements, by count of
  // statements, and no fewer than `min_aligned`) is a translation with
  // `aligned_share` of the longer signature in order. A translator who
  // drops or spells out names and numbers keeps the statements; two
  // reports of one event that state the same facts name their people in
  // another order.
  float aligned_facts = 0.2f;
  int min_aligned = 3;
  float aligned_share = 0.3f;
};

struct TranslationSignature {
  std::vector<uint64_t> anchors;  // in text order
};

class StoryPivot;  // analysis/cross_language.h

// With `pivot`, a word in a script without capitals (Arabic, Hebrew) that
// spells a name of the story's English articles is that name
// (StoryPivot::NameKey).
TranslationSignature SignatureOf(const Document& doc, const TranslationOptions& options = {},
                                 const StoryPivot* pivot = nullptr);

// Each sentence's anchors with the number of its anchor words (a word's
// keys count once): what lines up a sentence with its translation. The
// anchors are those of SignatureOf, sorted and unique, with one key more
// per declined name in Cyrillic or Greek (its stem's Latin spelling,
// text/transliterate.h) and a name opening the sentence when the article
// writes it capitalised inside one too, but without weekdays and months
// (capitalised in English only).
using SentenceAnchorList = std::vector<std::pair<std::vector<uint64_t>, int>>;
// Of `sentences` (indices into doc.sentences), in their order; of every
// sentence of `doc` when null.
SentenceAnchorList AnchorsOfSentences(const Document& doc, const std::vector<uint32_t>* sentences = nullptr,
                                      const StoryPivot* pivot = nullptr);

// The statements of a translation pair that translate each other: pairs
// (i, j) of indices into `from_anchors` and `to_anchors` (each statement's
// SentenceAnchors, with its word count), in order on both sides (a
// translation keeps its source's order), maximising the anchors shared. A
// pair shares at least one anchor word and half of the anchor words of the
// statement with more.
std::vector<std::pair<uint32_t, uint32_t>> AlignTranslatedStatements(const SentenceAnchorList& from_anchors,
                                                                     const SentenceAnchorList& to_anchors);

struct TranslationMatch {
  int common = 0;     // anchors of the longest common subsequence
  int shorter = 0;    // anchors of the shorter signature
  int longer = 0;     // and of the longer
  float share = 0;    // common / longer
  bool Translation(const TranslationOptions& o) const { return common >= o.min_common && share >= o.min_share; }
};

// Statements two articles state as one fact (analysis/fact_units.h), for
// the lower bar of TranslationOptions::aligned_facts.
class SharedFacts {
 public:
  explicit SharedFacts(std::vector<int> statements) : statements_(std::move(statements)) {}
  // One more statement of article `a` is in a fact with article `b`.
  void Add(uint32_t a, uint32_t b) { ++aligned_[Key(a, b)]; }
  int Aligned(uint32_t a, uint32_t b) const {
    auto it = aligned_.find(Key(a, b));
    return it == aligned_.end() ? 0 : it->second;
  }
  int Statements(uint32_t a) const { return a < statements_.size() ? statements_[a] : 0; }

 private:
  static uint64_t Key(uint32_t a, uint32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }
  std::vector<int> statements_;  // per article
  std::unordered_map<uint64_t, int> aligned_;
};

TranslationMatch MatchTranslation(const TranslationSignature& a, const TranslationSignature& b);

// A translation pair among a story's articles: `to` is taken as derived
// from `from` (the earlier article, else the English one, else the first).
struct TranslationPair {
  uint32_t from = 0, to = 0;  // indices into the documents
  TranslationMatch match;
  int aligned = 0;     // statements of the shorter article in a fact with the other (with SharedFacts)
  int statements = 0;  // statements of the shorter article
  std::vector<std::string> evidence;  // for readers
};

// The signatures of a story's articles and the match of every pair in
// different languages, computed once per story analysis: the quote
// grouping and the provenance both read them (FindTranslations). Empty for
// a story in one language (a pass over its languages).
class TranslationMatches {
 public:
  TranslationMatches() = default;
  TranslationMatches(const std::vector<const Document*>& docs, const TranslationOptions& options);
  bool mixed() const { return n_ > 0; }
  // The match of articles a < b (in different languages; else empty).
  const TranslationMatch& At(uint32_t a, uint32_t b) const { return matches_[a * n_ + b]; }

 private:
  size_t n_ = 0;
  std::vector<TranslationMatch> matches_;  // n_ x n_, upper triangle
};

// Every translation pair among `docs` (pairs in one language are never
// compared). With `facts`, a pair whose facts align is held to the lower
// bar (TranslationOptions::aligned_facts). `matches` of the same `docs`
// and options, else computed here.
std::vector<TranslationPair> FindTranslations(const std::vector<const Document*>& docs,
                                              const TranslationOptions& options = {},
                                              const SharedFacts* facts = nullptr,
                                              const TranslationMatches* matches = nullptr);

}  // namespace rashomon
