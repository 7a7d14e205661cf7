// Sentence matching: does one sentence say what another says, in any
// wording? The matcher behind fact units, provenance and `eval paraphrase`.
//
// A sentence is reduced to a SentenceSketch (content stems, their order,
// numbers, capitalised names with transliteration-tolerant phonetic keys).
// Two sketches are compared on a handful of features: idf-weighted stem
// overlap in both directions (Mihalcea et al. 2006, with exact stems instead
// of WordNet), content-bigram overlap, the longest common subsequence of
// stems, agreement of numbers and of names, and length ratio. The features
// are combined by a fixed linear score whose weights and decision threshold
// were chosen by 10-fold cross-validation on the MSRP train split
// (align.cc has the run); nothing is fitted at run time. Idf comes from the
// sentences at hand (an IdfTable filled without labels). Synonyms come from
// WordNet (wordnet.h) when it is installed.
//
// Sketches are plain values; an IdfTable is not thread-safe while adding and
// read-only afterwards. All functions are thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/document.h"

namespace rashomon {

struct SentenceSketch {
  std::vector<uint64_t> seq;      // content stems in sentence order (numbers included)
  std::vector<uint64_t> stems;    // the same, sorted and unique
  std::vector<uint64_t> numbers;  // number keys, sorted and unique
  std::vector<std::string> names; // phonetic keys of capitalised words not opening the sentence
  std::vector<uint64_t> name_stems;  // stem of each name, parallel to names
  std::vector<uint64_t> all;      // stems of every word, stopwords too, sorted and unique
  std::vector<uint64_t> order;    // the same in sentence order, with repeats (the first kMaxOrder)
  std::vector<float> weights;     // idf of each of `stems`, once IdfTable::Weigh filled it
  // WordNet synsets of each of `stems` (English, not names): those of
  // stems[i] are syn_ids[syn_start[i], syn_start[i + 1]); syn_all holds
  // them all, sorted and unique. Empty without WordNet.
  std::vector<uint32_t> syn_start;
  std::vector<uint32_t> syn_ids;
  std::vector<uint32_t> syn_all;
  int words = 0;                  // word and number tokens
  // Computed from the fields above once (RefreshSketch), so that pairs
  // compare without rebuilding them: the hashes of seq's content-stem
  // bigrams, sorted and unique; and the letters of each of names (bit
  // c - 'a'; 0 for a key with other characters).
  std::vector<uint64_t> bigrams;
  std::vector<uint32_t> name_masks;
  // `order` sorted, repeats kept (a bag of the words); and the index in
  // `all` of each of `order`'s words.
  std::vector<uint64_t> bag;
  std::vector<uint16_t> order_rank;
  // A 256-bit Bloom filter of syn_all (all zero when it is empty or not
  // computed): most synset look-ups end here.
  std::array<uint64_t, 4> syn_bloom{};
  // The number of each of names in the IdfTable that weighed this sketch
  // (name_table is that table's serial; 0 before any Weigh): names compare
  // by number there, each pair of keys once per table.
  std::vector<uint32_t> name_ids;
  uint64_t name_table = 0;
};

// Recomputes a sketch's derived fields (bigrams, name_masks, syn_bloom)
// after seq, names or syn_all changed. SketchSentence and SketchText return refreshed sketches.
void RefreshSketch(SentenceSketch* s);


// The sketch of one sentence of a Document.
SentenceSketch SketchSentence(const Document& doc, const Sentence& sentence);
// The sketch of a standalone sentence (tokenized here).
SentenceSketch SketchText(std::string_view text, const std::string& lang = "en");
// The sketch of the tokens [begin, end) of `text`, whose stems the caller
// may have replaced (by their English translations: cross_language.h);
// `english` adds WordNet synonyms.
SentenceSketch SketchTokenSpan(std::string_view text, const Token* begin, const Token* end, bool english);

// Sentence frequencies of stems. Idf(x) = log((n + prior + 1) / (df + 1)):
// `prior` background sentences in which no stem occurs keep idf meaningful
// when there are only a few sentences.
//
// The table also numbers the name keys of the sketches it weighs and
// remembers which pairs of them match (NamesMatch), so a story compares
// each pair of names once. That memo makes comparisons through one table
// unsafe to run from several threads at once.
class IdfTable {
 public:
  explicit IdfTable(float prior = 50.0f) : prior_(prior) {}
  IdfTable(const IdfTable& other);
  IdfTable& operator=(const IdfTable& other);
  void Add(const SentenceSketch& s);
  float Idf(uint64_t stem) const;
  // Caches the idf of each stem in s->weights (comparisons then skip the
  // table) and numbers its names. REQUIRES: no Add() afterwards, or weigh
  // again.
  void Weigh(SentenceSketch* s) const;
  // Whether this table weighed s (its weights are then this table's idf).
  bool Weighed(const SentenceSketch& s) const {
    return s.name_table == serial_ && s.weights.size() == s.stems.size();
  }
  size_t sentences() const { return n_; }
  // Whether names x of a and y of b are spellings of one name (phonetic
  // keys close in edit distance); by number when this table weighed both.
  bool NamesMatch(const SentenceSketch& a, size_t x, const SentenceSketch& b, size_t y) const;

 private:
  struct NameKeys {
    std::unordered_map<std::string, uint32_t> ids;
    std::vector<std::string> keys;
    std::vector<uint32_t> masks;
    // Pairs compared: open addressing over key = (smaller id + 1) << 32 |
    // (larger id + 1), each cell key << 1 | (1 when they match), 0 when
    // empty; one flat array, as a story compares thousands of pairs and a
    // node per pair (or a second array for the answers) missed the cache.
    std::vector<uint64_t> matches;
    size_t match_used = 0;
    int match_shift = 64;
    // The slot of `key`: where it is, or the empty slot where it goes.
    size_t MatchSlot(uint64_t key) const;
    void GrowMatches();
  };
  // Name ids from this one on are compared without the memo (the cell
  // holds the smaller id in 31 bits).
  static constexpr uint32_t kMaxMemoName = (1u << 30);
  static uint64_t NextSerial();
  std::unordered_map<uint64_t, uint32_t> df_;
  size_t n_ = 0;
  float prior_;
  uint64_t serial_ = NextSerial();  // renewed by an Add() after a Weigh()
  mutable bool weighed_ = false;
  mutable NameKeys names_;
};

inline constexpr int kMatchFeatures = 15;
inline constexpr size_t kMaxOrder = 160;
using MatchFeatures = std::array<float, kMatchFeatures>;

// The features of a pair, each in [0, 1]: [0] symmetric idf-weighted stem
// overlap, [1] the smaller of the two directional overlaps, [2] bigram Dice,
// [3] LCS / shorter length, [4] number agreement (1 when neither has
// numbers), [5] name agreement (1 when neither has names), [6] length ratio,
// [7] Dice of all word stems (stopwords too: function words carry negation
// and direction), [8] 1 when both have numbers and share none, [9] the
// smaller directional overlap when a stem also counts as found through a
// WordNet synonym (equal to [1] without WordNet). Then measures of
// machine-translation evaluation over every word's stem, in order: [10] and
// [11] the smaller and larger share of one side's words (repeats counted
// once per repeat on the other side) found in the other, [12] the
// recall-weighted harmonic mean of the shares of each side's words found in
// the other (the smaller share as precision), [13] the same lowered for
// fragmentation (as METEOR does), [14] fragmentation: runs of matched words
// per matched word.
MatchFeatures PairFeatures(const SentenceSketch& a, const SentenceSketch& b, const IdfTable& idf);
// The same, given ab = Containment(a, b) and ba = Containment(b, a) when
// the caller has them already (they are the costliest part).
MatchFeatures PairFeatures(const SentenceSketch& a, const SentenceSketch& b, const IdfTable& idf, float ab, float ba);

// A score in about [0, 1]; >= kParaphraseThreshold means "same statement".
float MatchScore(const MatchFeatures& f);
float SentenceSimilarity(const SentenceSketch& a, const SentenceSketch& b, const IdfTable& idf);
// MatchScore(PairFeatures(a, b, idf, ab, ba)), skipping features the score
// gives no weight.
float PairScore(const SentenceSketch& a, const SentenceSketch& b, const IdfTable& idf, float ab, float ba);

// Chosen by cross-validation on MSRP train (see align.cc); fixed.
extern const float kParaphraseThreshold;

// Work done by this thread's sentence comparisons, for cost tests (counts,
// not time): directional containments computed, name keys compared by edit
// distance, and equal word pairs met by provenance's lockstep scans.
struct MatchWork {
  uint64_t containments = 0;
  uint64_t name_distances = 0;
  uint64_t lockstep_pairs = 0;
};
MatchWork& ThreadMatchWork();

// The Levenshtein distance of a and b (byte-wise; the full dynamic
// programme, for entity-name comparisons and as the reference in tests).
size_t EditDistance(const std::string& a, const std::string& b);

// Whether the Levenshtein distance of a and b is at most k (byte-wise;
// exact for any input, fastest for lower-case ASCII keys such as
// PhoneticKey's). Sentence matching compares name keys with it.
bool EditDistanceAtMost(const std::string& a, const std::string& b, size_t k);

// Idf-weighted fraction of `part`'s stems that `whole` also has (directional
// containment, for provenance).
float Containment(const SentenceSketch& part, const SentenceSketch& whole, const IdfTable& idf);
// The `n` stems of `s` with the highest idf (ties by stem), rarest first:
// what candidate generation probes an inverted index with.
std::vector<uint64_t> RarestStems(const SentenceSketch& s, const IdfTable& idf, size_t n);
// Containment, a stem of `part` that `whole` lacks counting as found when
// `whole` has a WordNet synonym of it (both sketched with synonyms).
float ContainmentWithSynonyms(const SentenceSketch& part, const SentenceSketch& whole, const IdfTable& idf);

}  // namespace rashomon
