// Fact units and provenance of a story.
//
// Fact units: the story's statement sentences (not bylines, captions or
// fragments) aligned across articles with the sentence matcher of align.h.
// Candidate pairs come from an inverted index over each sentence's rarest
// stems, so the work grows with the number of sentences, not its square.
//
// Provenance: "B derives from A" when most of B's statements are A's, or B
// repeats A's word runs (word 3-gram containment). Candidate article pairs
// are those sharing fact units or rare shingles. Direction comes from
// publication time when both are known, else from containment asymmetry
// (B's content mostly inside A), else from length (the longer is taken as
// the source). A derived article gets a second parent when that parent
// explains a good share of its statements the first does not (a rewrite
// merging two originals).
//
// Everything here borrows the Documents given and returns plain values.
// Thread-safe (no shared state).
#pragma once

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "analysis/align.h"
#include "analysis/counterparts.h"
#include "analysis/translation.h"
#include "report/model.h"
#include "text/document.h"

namespace rashomon {

class StoryPivot;  // analysis/cross_language.h

struct FactOptions {
  // Statements shorter than this many words are fragments, headings or
  // bylines; longer ones are segmentation accidents and are cut for
  // matching (see align.cc) but kept.
  int min_words = 6;
  // Match score for two sentences to be one statement. The paraphrase
  // threshold of MSRP is the default; facts across translations need it.
  float same_fact = kParaphraseThreshold;
  // Two sentences stating the same numbers (every number of each found in
  // the other, at least `min_numbers` of them) need only this score: a count
  // like "196 rescued, 20 missing" pins the statement down however worded.
  float same_numbers_fact = 0.3f;
  int min_numbers = 2;
  // Candidate generation: each sentence looks up its `probe_stems` rarest
  // stems; posting lists longer than `max_postings` are skipped (stems that
  // common say nothing about which sentences match).
  int probe_stems = 6;
  size_t max_postings = 400;
  // Each statement is compared with at most this many later statements of
  // other articles, those sharing the most probe stems first.
  size_t max_candidates = 32;
  // Provenance candidates: a fact stated by many articles pairs each with
  // the `earliest_partners` first ones; each article is then compared with
  // at most `max_partners` others (those sharing the most).
  size_t earliest_partners = 16;
  size_t max_partners = 12;
  // Statements no other article matches, joined when one holds most of the
  // other or of one of its clauses (counterparts.h): a
  // claim told inside sentences about different things.
  CounterpartOptions anchored{0.5f, 0.55f, 3, 4};
};

struct ProvenanceOptions {
  // B derives from A when at least `shingles` of B's word 3-grams (outside
  // quotation marks: a quote shared is the speaker's words, not a copy) are
  // in A, or at least `sentences` of B's statements align with A's (and no
  // fewer than `min_shared_facts`). On Clough-Stevenson, independent answers
  // on one topic share at most ~10% of 3-grams and no more than 20% of
  // statements; light and heavy rewrites share more (eval reuse).
  float shingles = 0.1f;
  float strong_shingles = 0.3f;  // enough on its own, however short the article
  float sentences = 0.5f;
  int min_shared_facts = 2;
  int min_run = 8;  // words of the longest shared run backing `shingles`
  // A second parent must explain at least this share of B's statements
  // that earlier parents do not.
  float extra_parent = 0.2f;
  // Containment asymmetry that decides the direction without times.
  float asymmetry = 0.1f;
  // Reworded in lockstep: a spinner swaps words one for one and keeps the
  // rest, function words and word order included ("would trigger retaliatory
  // strikes against" -> "would prompt retaliatory strikes on"). A statement
  // counts when it keeps at least `lockstep_kept` ordinary words (not names,
  // not numbers) on one alignment with its source statement, with at least
  // `lockstep_swaps` one-or-two-word swaps between them. Independent reports
  // of one event word their sentences differently (the lengths between
  // shared words drift). B derives from A when `lockstep_statements` of its
  // statements are such rewordings, or one is and at least `lockstep_order`
  // of its statements with a counterpart in A keep A's order.
  int lockstep_kept = 7;
  int lockstep_swaps = 2;
  int lockstep_statements = 2;
  int lockstep_order = 4;
  // One rewording this long (ordinary words kept, with `strong_swaps`
  // swaps) is enough on its own: a dozen words in the same order around
  // three swapped ones is no coincidence.
  int strong_lockstep_kept = 12;
  int strong_lockstep_swaps = 3;
  // A derivation counts against independence (a copy is not a witness)
  // only with at least `counted_share` of the derived article's text or
  // statements in the source, or `counted_rewordings` lockstep rewordings;
  // weaker ones are reported as weak evidence and the two articles still
  // count as two sources.
  float counted_share = 0.25f;
  int counted_rewordings = 2;
  // Articles in different languages that are translations of one another
  // (analysis/translation.h) are a derivation that counts: a translation
  // is not a second witness.
  bool translations = true;
  TranslationOptions translation;
};

// How much of `derived` is found in `source`.
struct ReuseMeasure {
  float shingle_containment = 0;  // share of derived's word 3-grams in source
  float sentence_share = 0;       // share of derived's statements aligned to source
  int derived_sentences = 0;
  int shared_sentences = 0;
  int loose_shared = 0;           // statements with a paraphrase-level counterpart in source
  int in_order = 0;               // of those, the most whose counterparts keep the derived's order
  int longest_run = 0;            // words of the longest common word run
  std::string longest_run_text;   // that run, as derived writes it
  int reworded = 0;               // statements reworded in lockstep from one of source's
  int strong_reworded = 0;        // of those, reworded at strong_lockstep_* length
  std::string reworded_text;      // the longest such rewording, as derived writes it
  std::string reworded_source;    // and as the source wrote it
  float Score() const { return std::max(shingle_containment, sentence_share); }
  bool Reworded(const ProvenanceOptions& o) const {
    return reworded >= o.lockstep_statements || (reworded >= 1 && in_order >= o.lockstep_order) ||
           strong_reworded >= 1;
  }
  bool Counted(const ProvenanceOptions& o) const {
    return Score() >= o.counted_share || reworded >= o.counted_rewordings;
  }
  bool Derived(const ProvenanceOptions& o) const {
    // Shared 3-grams alone can be stock phrasing of one kind of event ("ran
    // aground on a sandbank"): they count with a long shared run or shared
    // statements behind them.
    bool shingles = shingle_containment >= o.strong_shingles ||
                    (shingle_containment >= o.shingles &&
                     (longest_run >= o.min_run || shared_sentences >= o.min_shared_facts));
    return shingles || (sentence_share >= o.sentences && shared_sentences >= o.min_shared_facts) || Reworded(o);
  }
};

// Per-document sketch for comparisons: statement sentences and shingles.
struct DocSketch {
  const Document* doc = nullptr;
  std::vector<uint32_t> statements;      // sentence indices kept as statements
  std::vector<SentenceSketch> sketches;  // parallel to statements
  std::vector<uint64_t> shingles;        // word 3-gram hashes, sorted unique
  std::vector<uint64_t> shingle_seq;     // in text order (for runs)
  std::vector<uint32_t> shingle_token;   // token index of each shingle_seq entry
  std::vector<uint32_t> shingle_rank;    // index in shingles of each shingle_seq entry
  // The words (not punctuation) of each statement, computed once for the
  // lockstep scans of provenance: statement k's are [word_start[k],
  // word_start[k + 1]) of word_token (token index), word_key (token key)
  // and word_ordinary (not capitalised mid-sentence, not a number);
  // word_order holds, in the same range, the positions in the statement
  // (0, 1, ...) sorted by key, then position.
  std::vector<uint32_t> word_start;
  std::vector<uint32_t> word_token;
  std::vector<uint64_t> word_key;
  std::vector<uint8_t> word_ordinary;
  std::vector<uint32_t> word_order;
  // Every (stem, statement) pair of the statements' sketches, sorted: the
  // statements holding a stem, found by provenance without a map per pair.
  std::vector<std::pair<uint64_t, uint32_t>> stem_index;
  // Sketch class of each statement in its story (equal sketches, equal
  // classes; see sketch_classes.h), parallel to sketches; empty outside a
  // story's analysis.
  std::vector<uint32_t> classes;
  // The stems each statement looks up among a source article's when
  // provenance measures the article as derived (its heaviest, by the
  // story's idf): statement k's are probe_stems[probe_start[k],
  // probe_start[k + 1]). Empty outside a story's analysis.
  std::vector<uint32_t> probe_start;
  std::vector<uint64_t> probe_stems;
};

// `pivot` (may be null): the story's words across languages; a sentence
// of an article not in English is then sketched with English stems.
DocSketch SketchDocument(const Document& doc, const FactOptions& options = {}, const StoryPivot* pivot = nullptr);

// REQUIRES: idf holds the statements of both documents (or more).
ReuseMeasure MeasureReuse(const DocSketch& source, const DocSketch& derived, const IdfTable& idf,
                          const ProvenanceOptions& options = {});

// The best lockstep rewording of sentence `sb` of `b` from sentence `sa` of
// `a` (see ProvenanceOptions::lockstep_kept): both sentences' words laid on
// one alignment (a constant offset), cut into stretches of equal words
// separated by swaps of one or two words. Returns the stretch keeping the
// most ordinary words among those with at least `min_swaps` swaps.
struct Lockstep {
  int kept = 0;     // ordinary words (not capitalised mid-sentence, not numbers) equal on both sides
  int swaps = 0;    // one- or two-word gaps inside the stretch
  uint32_t b_first = 0, b_last = 0;  // the stretch's first and last token in b
  uint32_t a_first = 0, a_last = 0;  // and in a
};
Lockstep FindLockstep(const Document& a, const Sentence& sa, const Document& b, const Sentence& sb, int min_swaps);

// A statement a Document makes that looks like a byline, photo caption,
// timestamp or fragment rather than a fact.
bool IsNonStatement(const Document& doc, const Sentence& sentence, int min_words);

// Who corroborates a fact: the supporting articles (indices into the
// story's documents) that count as independent witnesses, and for each of
// the others, why it does not count.
struct Corroboration {
  struct Dependence {
    uint32_t article;  // the article not counted
    uint32_t counted;  // the counted article it depends on
    uint32_t via;      // == counted when it derives from it, else their common source
    bool direct;       // counted is its parent (a copy), not a remoter ancestor
  };
  std::vector<uint32_t> independent;
  std::vector<Dependence> dependent;
};

// Ancestors (transitive parents) of each article.
std::vector<std::set<uint32_t>> Ancestors(const std::vector<std::vector<uint32_t>>& parents);

// Counts the independent witnesses among `support`: originals first; an
// article does not count when a counted one is its ancestor or shares an
// ancestor with it. `parents` and `ancestors` are per document.
Corroboration CountWitnesses(const std::vector<uint32_t>& support, const std::vector<std::vector<uint32_t>>& parents,
                             const std::vector<std::set<uint32_t>>& ancestors);

// "3 articles, 2 independent: B copies A" (ids[i] names document i); "B
// translates A" where (B, A) is in `translated`, document B a translation
// of document A.
std::string ExplainCorroboration(const Corroboration& c, const std::vector<std::string>& ids,
                                 const std::set<std::pair<uint32_t, uint32_t>>& translated = {});

// Whether `text` (a statement of `article`) states a value that `article`
// claims in one of story.conflicts: a claim others contradict. Whole words,
// case and accents folded. What each outlet adds lists these first.
bool StatesContestedValue(const report::Story& story, const std::string& article, const std::string& text);

// Fills story->facts, story->provenance, story->unique (contested claims
// first; reads story->conflicts, so run after FindConflicts) and the independent
// source counts: the supporting articles that are neither derived from
// another supporting article nor share a source with one already counted. `docs` in the order of story->articles.
// `positions` (may be null) receives, parallel to story->facts, the
// earliest relative position (0 = lede, 1 = last statement) at which any
// article states each fact. `translation_matches` (may be null: computed
// here) of `docs` with provenance_options.translation.
void AnalyzeFactsAndProvenance(const std::vector<const Document*>& docs, report::Story* story,
                               const FactOptions& fact_options = {},
                               const ProvenanceOptions& provenance_options = {},
                               std::vector<float>* positions = nullptr,
                               const TranslationMatches* translation_matches = nullptr);

}  // namespace rashomon
