#include "analysis/facts.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "analysis/clause_align.h"
#include "analysis/counterparts.h"
#include "analysis/cross_language.h"
#include "analysis/fact_conflicts.h"
#include "analysis/fact_units.h"
#include "analysis/lockstep.h"
#include "analysis/names.h"
#include "analysis/provenance_evidence.h"
#include "analysis/sketch_classes.h"
#include "analysis/slot_conflicts.h"
#include "analysis/translation.h"
#include "text/normalize.h"
#include "base/hash.h"
#include "base/strings.h"
#include "base/union_find.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

void SortUnique(std::vector<uint64_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

bool HasPrefixIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

bool ContainsIgnoreCase(std::string_view s, std::string_view needle) {
  return AsciiLowercase(s).find(needle) != std::string::npos;
}

std::string Percent(float x) { return std::to_string(static_cast<int>(std::lround(100 * x))) + "%"; }

// A derived statement whose idf-weighted stems are at least this much inside
// one source statement is that statement reworded or cut down ("spun"
// rewrites keep the rare words and change the rest).
constexpr float kStatementInside = 0.6f;

using internal::AlignStatements;
using internal::GroupUnits;
using internal::kQuickReject;
using internal::LooseLink;
using internal::PieceText;
using internal::StatementRef;
using internal::Unit;

// A derived statement with at least this much of its idf-weighted stems in
// one source statement (which is not much longer) is a paraphrase-level
// counterpart of it: spun rewrites swap common words for synonyms and keep
// the names, numbers and rare words.
constexpr float kLooseInside = 0.4f;

// Length of the longest strictly increasing subsequence (patience sort).
int LongestIncreasing(const std::vector<uint32_t>& v) {
  std::vector<uint32_t> tails;
  for (uint32_t x : v) {
    auto it = std::lower_bound(tails.begin(), tails.end(), x);
    if (it == tails.end()) {
      tails.push_back(x);
    } else {
      *it = x;
    }
  }
  return static_cast<int>(tails.size());
}

// Whether a and b state the same thing, given ab = Containment(a, b) and
// ba = Containment(b, a).
bool Aligned(const SentenceSketch& a, const SentenceSketch& b, const IdfTable& idf, float threshold, float ab,
             float ba) {
  if (ab < kQuickReject && ba < kQuickReject) return false;
  return PairScore(a, b, idf, ab, ba) >= threshold;
}


}  // namespace

bool IsNonStatement(const Document& doc, const Sentence& sentence, int min_words) {
  int words = 0;
  for (uint32_t t = sentence.first_token; t < sentence.token_end; ++t) words += doc.tokens[t].IsWord();
  if (words < min_words) return true;
  std::string_view s = TrimAscii(doc.SentenceText(sentence));
  // Bylines and datestamps: "By Jane Doe and ...", "Published 3 June", "Updated ...".
  for (std::string_view p : {"by ", "published ", "updated ", "posted ", "last modified"}) {
    if (HasPrefixIgnoreCase(s, p) && words <= 12) return true;
  }
  // Photo and video captions carry credits ("Photo: ...", "(AFP/Getty
  // Images)", "File photo"); the credit words are generic, not outlet lists.
  for (std::string_view p : {"photo:", "image:", "video:", "watch:", "file photo", "caption:", "pictured:"}) {
    if (HasPrefixIgnoreCase(s, p)) return true;
  }
  for (std::string_view p : {"getty images", "/ap photo", "ap photo/", "/afp", "afp/", "/reuters", "reuters/",
                             "photo credit", "(photo", "[photo", "file photo"}) {
    if (ContainsIgnoreCase(s, p)) return true;
  }
  return false;
}

DocSketch SketchDocument(const Document& doc, const FactOptions& options, const StoryPivot* pivot) {
  DocSketch out;
  out.doc = &doc;
  out.word_start.push_back(0);
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const Sentence& sent = doc.sentences[s];
    // Shingles over every sentence: copied bylines and captions are
    // evidence of copying too.
    std::vector<uint32_t> words;
    bool quoted = false;
    for (uint32_t t = sent.first_token; t < sent.token_end; ++t) {
      const Token& tok = doc.tokens[t];
      if (tok.kind == TokenKind::kPunct) {
        std::string_view p = doc.TokenText(tok);
        if (p == "\"" || p == "\u201C" || p == "\u201D" || p == "\u00AB" || p == "\u00BB") {
          quoted = p == "\"" ? !quoted : (p == "\u201C" || p == "\u00AB");
        }
        continue;
      }
      if (!quoted) words.push_back(t);
    }
    // Shingles mostly made of names and numbers ("Strait of Tarsa", "on
    // March 3") are the event itself, which independent reports share too.
    auto proper = [&](uint32_t t) {
      const Token& tok = doc.tokens[t];
      return tok.kind == TokenKind::kNumber ||
             (tok.Is(token_flags::kCapitalized) && !tok.Is(token_flags::kSentenceStart));
    };
    for (size_t i = 0; i + 2 < words.size(); ++i) {
      if (proper(words[i]) + proper(words[i + 1]) + proper(words[i + 2]) >= 2) continue;
      uint64_t h = HashCombine(HashCombine(doc.tokens[words[i]].key, doc.tokens[words[i + 1]].key),
                               doc.tokens[words[i + 2]].key);
      out.shingle_seq.push_back(h);
      out.shingle_token.push_back(words[i]);
    }
    if (IsNonStatement(doc, sent, options.min_words)) continue;
    out.statements.push_back(s);
    out.sketches.push_back(pivot != nullptr ? pivot->Sketch(doc, sent) : SketchSentence(doc, sent));
    AddStatementWords(doc, sent, &out);
  }
  out.shingles = out.shingle_seq;
  SortUnique(&out.shingles);
  out.shingle_rank.reserve(out.shingle_seq.size());
  for (uint64_t h : out.shingle_seq) {
    out.shingle_rank.push_back(
        static_cast<uint32_t>(std::lower_bound(out.shingles.begin(), out.shingles.end(), h) - out.shingles.begin()));
  }
  for (uint32_t k = 0; k < out.sketches.size(); ++k) {
    for (uint64_t x : out.sketches[k].stems) out.stem_index.emplace_back(x, k);
  }
  std::sort(out.stem_index.begin(), out.stem_index.end());
  return out;
}

namespace {

// The containments of statement pairs of two articles in both directions,
// and whether they align, computed on first use: provenance measures a pair
// of articles both ways, and each way needs both containments of every
// candidate pair. Alignment is symmetric (every feature is), so one flag
// serves both ways. Row: a statement of `first`; column: one of `second`.
class PairMemo {
 public:
  // `classes` (may be null): the story's memo by sketch class, consulted
  // when both articles' statements have their classes.
  PairMemo(const DocSketch& first, const DocSketch& second, internal::ClassPairMemo* classes = nullptr)
      : first_(&first), cols_(second.sketches.size()), cells_(first.sketches.size() * cols_),
        classes_(first.classes.size() == first.sketches.size() && second.classes.size() == second.sketches.size()
                     ? classes
                     : nullptr) {}

  // Containment(x, y) and Containment(y, x) for statement x of `derived`
  // and y of `source`, which are `first` and `second` in either order.
  std::pair<float, float> Inside(const DocSketch& derived, size_t x, const DocSketch& source, size_t y,
                                 const IdfTable& idf) {
    const bool derived_first = &derived == first_;
    Cell& c = cells_[derived_first ? x * cols_ + y : y * cols_ + x];
    if (!c.known) {
      // fs: Containment(first's statement, second's); sf the other way.
      if (classes_) {
        std::tie(c.fs, c.sf) = classes_->Inside(derived.classes[x], derived.sketches[x], source.classes[y], source.sketches[y]);
      } else {
        c.fs = Containment(derived.sketches[x], source.sketches[y], idf);
        c.sf = Containment(source.sketches[y], derived.sketches[x], idf);
      }
      if (!derived_first) std::swap(c.fs, c.sf);
      c.known = true;
    }
    return derived_first ? std::pair{c.fs, c.sf} : std::pair{c.sf, c.fs};
  }

  // Aligned(derived x, source y) at `threshold`, given their containments.
  bool Aligned(const DocSketch& derived, size_t x, const DocSketch& source, size_t y, const IdfTable& idf,
               float threshold, float inside, float outside) {
    Cell& c = cells_[&derived == first_ ? x * cols_ + y : y * cols_ + x];
    if (c.aligned < 0 && classes_) {
      const bool reject = inside < kQuickReject && outside < kQuickReject;
      c.aligned = !reject && classes_->Score(derived.classes[x], derived.sketches[x], source.classes[y],
                                              source.sketches[y], inside, outside) >= threshold
                      ? 1
                      : 0;
    } else if (c.aligned < 0) {
      c.aligned = rashomon::Aligned(derived.sketches[x], source.sketches[y], idf, threshold, inside, outside) ? 1 : 0;
    }
    return c.aligned == 1;
  }

 private:
  struct Cell {
    float fs = 0, sf = 0;
    bool known = false;
    int8_t aligned = -1;  // unknown
  };
  const DocSketch* first_;
  size_t cols_;
  std::vector<Cell> cells_;
  internal::ClassPairMemo* classes_;
};

// Article pairs with more statement pairs than this measure without a memo.
constexpr size_t kMaxMemoCells = size_t{1} << 20;

// The stems a statement of a derived article looks up among the source's:
// its heaviest, those holding all but kQuickReject of its idf mass (any
// statement sharing none of them holds less than kQuickReject of it through
// exact stems), appended to out. heavy is scratch space.
void ProbeStems(const SentenceSketch& ds, const IdfTable& idf, std::vector<std::pair<float, uint64_t>>* heavy,
                std::vector<uint64_t>* out) {
  heavy->clear();
  float total = 0;
  for (size_t j = 0; j < ds.stems.size(); ++j) {
    float w = ds.weights.size() == ds.stems.size() ? ds.weights[j] : idf.Idf(ds.stems[j]);
    heavy->emplace_back(w, ds.stems[j]);
    total += w;
  }
  std::sort(heavy->begin(), heavy->end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  float mass = 0;
  for (const auto& [w, x] : *heavy) {
    if (mass > (1.0f - kQuickReject) * total) break;
    mass += w;
    out->push_back(x);
  }
}

// The word 3-grams of `derived` found in `source`: sets m's shingle
// containment and longest shared run, and returns for each sentence of
// derived its (shared, total) 3-grams.
std::vector<std::pair<int, int>> MeasureShingles(const DocSketch& source, const DocSketch& derived, ReuseMeasure* m) {
  const Document& d = *derived.doc;
  // Which of derived's distinct shingles the source has (one merge of the
  // two sorted lists), then whether each in text order is the source's.
  std::vector<uint8_t> in_source(derived.shingles.size(), 0);
  size_t common = 0;
  for (size_t i = 0, j = 0; i < derived.shingles.size() && j < source.shingles.size();) {
    if (derived.shingles[i] < source.shingles[j]) {
      ++i;
    } else if (source.shingles[j] < derived.shingles[i]) {
      ++j;
    } else {
      in_source[i++] = 1;
      ++common;
      ++j;
    }
  }
  const bool ranked = derived.shingle_rank.size() == derived.shingle_seq.size();
  std::vector<uint8_t> shared_seq(derived.shingle_seq.size());
  for (size_t i = 0; i < derived.shingle_seq.size(); ++i) {
    shared_seq[i] = ranked ? in_source[derived.shingle_rank[i]]
                           : std::binary_search(source.shingles.begin(), source.shingles.end(), derived.shingle_seq[i]);
  }
  if (!derived.shingles.empty()) {
    m->shingle_containment = static_cast<float>(common) / static_cast<float>(derived.shingles.size());
  }
  // Longest run of consecutive shared shingles (inside one sentence).
  size_t run = 0, best_run = 0, best_end = 0;
  for (size_t i = 0; i < derived.shingle_seq.size(); ++i) {
    bool shared = shared_seq[i] != 0;
    bool continues = i > 0 && run > 0 && d.tokens[derived.shingle_token[i]].sentence ==
                                              d.tokens[derived.shingle_token[i - 1]].sentence;
    run = shared ? (continues ? run + 1 : 1) : 0;
    if (run > best_run) {
      best_run = run;
      best_end = i;
    }
  }
  if (best_run > 0) {
    m->longest_run = static_cast<int>(best_run + 2);
    uint32_t first = derived.shingle_token[best_end + 1 - best_run];
    // The run ends two words after the last shingle's first word.
    uint32_t last = derived.shingle_token[best_end];
    int more = 2;
    while (more > 0 && last + 1 < d.tokens.size()) {
      ++last;
      if (d.tokens[last].kind != TokenKind::kPunct) --more;
    }
    m->longest_run_text = CollapseWhitespace(
        std::string_view(d.text).substr(d.tokens[first].begin, d.tokens[last].end - d.tokens[first].begin));
  }
  std::vector<std::pair<int, int>> sentence_shingles(d.sentences.size());  // per sentence: (shared, total)
  for (size_t i = 0; i < derived.shingle_seq.size(); ++i) {
    auto& c = sentence_shingles[d.tokens[derived.shingle_token[i]].sentence];
    c.first += shared_seq[i];
    ++c.second;
  }
  return sentence_shingles;
}

ReuseMeasure MeasureReuseImpl(const DocSketch& source, const DocSketch& derived, const IdfTable& idf,
                              float threshold, const ProvenanceOptions& po, std::vector<bool>* covered,
                              PairMemo* memo = nullptr) {
  ReuseMeasure m;
  const Document& d = *derived.doc;
  // A statement is found in the source when it aligns with one of the
  // source's statements, or when most of its 3-grams are the source's (a
  // sentence stitched from two of the source's).
  const std::vector<std::pair<int, int>> sentence_shingles = MeasureShingles(source, derived, &m);
  m.derived_sentences = static_cast<int>(derived.sketches.size());
  if (covered) covered->assign(derived.sketches.size(), false);
  // Source statements by stem. A derived statement is compared only with
  // source statements sharing one of its heaviest stems, those holding all
  // but kQuickReject of its idf mass: any statement sharing none of them
  // holds less than kQuickReject of it through exact stems. (A name spelled
  // differently shares no stem; a statement whose only overlap is such a
  // name is missed, but it could not reach a match score either.)
  std::vector<std::pair<uint64_t, uint32_t>> own_index;  // a DocSketch not made by SketchDocument
  const std::vector<std::pair<uint64_t, uint32_t>>* by_stem = &source.stem_index;
  if (by_stem->empty()) {
    for (uint32_t k = 0; k < source.sketches.size(); ++k) {
      for (uint64_t x : source.sketches[k].stems) own_index.emplace_back(x, k);
    }
    std::sort(own_index.begin(), own_index.end());
    by_stem = &own_index;
  }
  std::vector<uint32_t> mark(source.sketches.size(), 0);
  uint32_t stamp = 0;
  std::vector<std::pair<float, uint64_t>> heavy;
  std::vector<uint64_t> probes;
  std::vector<uint32_t> candidates;
  std::vector<uint32_t> loose_matches;  // source statement of each loosely matched derived statement
  const int min_kept = std::min(po.lockstep_kept, po.strong_lockstep_kept);
  for (size_t i = 0; i < derived.sketches.size(); ++i) {
    const auto& counts = sentence_shingles[derived.statements[i]];
    bool found = counts.second >= 3 && 2 * counts.first >= counts.second;
    const SentenceSketch& ds = derived.sketches[i];
    const bool probed = derived.probe_start.size() == derived.sketches.size() + 1;
    if (!probed) {
      probes.clear();
      ProbeStems(ds, idf, &heavy, &probes);
    }
    const uint64_t* probe_begin = probed ? derived.probe_stems.data() + derived.probe_start[i] : probes.data();
    const uint64_t* probe_end = probed ? derived.probe_stems.data() + derived.probe_start[i + 1] : probes.data() + probes.size();
    candidates.clear();
    ++stamp;
    for (const uint64_t* probe = probe_begin; probe != probe_end; ++probe) {
      const uint64_t x = *probe;
      auto p = std::lower_bound(by_stem->begin(), by_stem->end(), std::pair<uint64_t, uint32_t>{x, 0});
      for (; p != by_stem->end() && p->first == x; ++p) {
        const uint32_t k = p->second;
        if (mark[k] != stamp) {
          mark[k] = stamp;
          candidates.push_back(k);
        }
      }
    }
    std::sort(candidates.begin(), candidates.end());
    float best = 0;
    uint32_t best_k = 0;
    Lockstep step;
    bool strong = false;
    for (size_t c = 0; c < candidates.size(); ++c) {
      const SentenceSketch& ss = source.sketches[candidates[c]];
      float inside = 0, outside = 0;
      if (memo) {
        std::tie(inside, outside) = memo->Inside(derived, i, source, candidates[c], idf);
      } else {
        inside = Containment(ds, ss, idf);
        outside = Containment(ss, ds, idf);
      }
      float loose = std::min(inside, 2.0f * outside);
      if (loose > best) {
        best = loose;
        best_k = candidates[c];
      }
      if (!found) {
        found = inside >= kStatementInside ||
                (memo ? memo->Aligned(derived, i, source, candidates[c], idf, threshold, inside, outside)
                      : Aligned(ds, ss, idf, threshold, inside, outside));
      }
      // A lockstep keeps some rare words; one unable to keep enough is not scanned.
      if (inside >= kQuickReject && LockstepBound(source, candidates[c], derived, i) >= min_kept) {
        std::array<Lockstep, 2> both;  // the lockstep and the stricter one a strong rewording needs
        ScanLocksteps(StatementWords(source, candidates[c]), StatementWords(derived, i),
                      {po.lockstep_swaps, po.strong_lockstep_swaps}, &both);
        const Lockstep& l = both[0];
        if (l.kept > step.kept) step = l;
        if (l.kept >= po.strong_lockstep_kept && l.swaps < po.strong_lockstep_swaps) {
          strong = strong || both[1].kept >= po.strong_lockstep_kept;
        } else {
          strong = strong || l.kept >= po.strong_lockstep_kept;
        }
      }
    }
    m.strong_reworded += strong;
    if (step.kept >= po.lockstep_kept) {
      const Document& sd = *source.doc;
      std::string text = CollapseWhitespace(std::string_view(d.text).substr(
          d.tokens[step.b_first].begin, d.tokens[step.b_last].end - d.tokens[step.b_first].begin));
      if (text.size() > m.reworded_text.size()) {
        m.reworded_text = std::move(text);
        m.reworded_source = CollapseWhitespace(std::string_view(sd.text).substr(
            sd.tokens[step.a_first].begin, sd.tokens[step.a_last].end - sd.tokens[step.a_first].begin));
      }
      ++m.reworded;
    }
    if (found || best >= kLooseInside) loose_matches.push_back(best_k);
    if (!found) continue;
    ++m.shared_sentences;
    if (covered) (*covered)[i] = true;
  }
  m.loose_shared = static_cast<int>(loose_matches.size());
  m.in_order = LongestIncreasing(loose_matches);
  if (m.derived_sentences > 0) {
    m.sentence_share = static_cast<float>(m.shared_sentences) / static_cast<float>(m.derived_sentences);
  }
  return m;
}

}  // namespace

namespace {

// The probe stems of each statement of d (DocSketch::probe_stems).
void SetProbeStems(const IdfTable& idf, DocSketch* d) {
  std::vector<std::pair<float, uint64_t>> heavy;
  d->probe_start.assign(1, 0);
  d->probe_stems.clear();
  for (const SentenceSketch& s : d->sketches) {
    ProbeStems(s, idf, &heavy, &d->probe_stems);
    d->probe_start.push_back(static_cast<uint32_t>(d->probe_stems.size()));
  }
}

}  // namespace

ReuseMeasure MeasureReuse(const DocSketch& source, const DocSketch& derived, const IdfTable& idf,
                          const ProvenanceOptions& options) {
  return MeasureReuseImpl(source, derived, idf, kParaphraseThreshold, options, nullptr);
}

namespace {

// Every article's sketch, with the idf of the story's statements.
// Articles in several languages compare their statements in English stems
// (`pivot` of the story).
std::vector<DocSketch> SketchAll(const std::vector<const Document*>& docs, const FactOptions& fo,
                                 const StoryPivot& pivot, IdfTable* idf) {
  std::vector<DocSketch> sketches;
  sketches.reserve(docs.size());
  for (const Document* d : docs) {
    sketches.push_back(SketchDocument(*d, fo, pivot.active() ? &pivot : nullptr));
    for (const SentenceSketch& s : sketches.back().sketches) idf->Add(s);
  }
  for (DocSketch& d : sketches) {
    for (SentenceSketch& s : d.sketches) idf->Weigh(&s);
  }
  return sketches;
}

std::vector<StatementRef> AllStatements(const std::vector<DocSketch>& sketches) {
  std::vector<StatementRef> refs;
  for (uint32_t d = 0; d < sketches.size(); ++d) {
    for (uint32_t k = 0; k < sketches[d].statements.size(); ++k) refs.push_back({d, k});
  }
  return refs;
}

// The sketch class of every statement of the story (DocSketch::classes).
void AssignClasses(const std::vector<StatementRef>& refs, std::vector<DocSketch>* sketches) {
  std::vector<const SentenceSketch*> all;
  all.reserve(refs.size());
  for (const StatementRef& r : refs) all.push_back(&(*sketches)[r.doc].sketches[r.index]);
  const std::vector<uint32_t> classes = internal::SketchClasses(all);
  for (DocSketch& d : *sketches) d.classes.assign(d.sketches.size(), 0);
  for (size_t g = 0; g < refs.size(); ++g) (*sketches)[refs[g].doc].classes[refs[g].index] = classes[g];
}

// Candidate article pairs for provenance: they share fact units or rare
// shingles. Work stays near linear in the story's size: a fact stated by
// many articles pairs each of them with the earliest few only (sources come
// first in time order), shingles found in many articles say nothing, and
// each article keeps its best-voted partners only.
std::set<std::pair<uint32_t, uint32_t>> CandidatePairs(const std::vector<Unit>& units,
                                                       const std::vector<DocSketch>& sketches, const FactOptions& fo) {
  const auto n = static_cast<uint32_t>(sketches.size());
  std::unordered_map<uint64_t, int> votes;  // key: a << 32 | b with a < b
  auto vote = [&](uint32_t a, uint32_t b, int v) {
    if (a == b) return;
    if (a > b) std::swap(a, b);
    votes[(static_cast<uint64_t>(a) << 32) | b] += v;
  };
  for (const Unit& u : units) {
    for (size_t j = 1; j < u.docs.size(); ++j) {
      for (size_t i = 0; i < std::min(j, fo.earliest_partners); ++i) vote(u.docs[i], u.docs[j], 1);
    }
  }
  std::unordered_map<uint64_t, std::vector<uint32_t>> shingle_docs;
  for (uint32_t d = 0; d < n; ++d) {
    for (uint64_t h : sketches[d].shingles) shingle_docs[h].push_back(d);
  }
  std::unordered_map<uint64_t, int> shingle_votes;
  for (const auto& [h, list] : shingle_docs) {
    if (list.size() < 2 || list.size() > 20) continue;
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size(); ++j) {
        ++shingle_votes[(static_cast<uint64_t>(std::min(list[i], list[j])) << 32) | std::max(list[i], list[j])];
      }
    }
  }
  for (const auto& [key, v] : shingle_votes) {
    if (v >= 8) votes[key] += 1;
  }
  std::vector<std::vector<std::pair<int, uint32_t>>> partners(n);  // (votes, other)
  for (const auto& [key, v] : votes) {
    auto a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key & 0xffffffffu);
    partners[a].push_back({v, b});
    partners[b].push_back({v, a});
  }
  std::set<std::pair<uint32_t, uint32_t>> pairs;  // ordered for deterministic output
  for (uint32_t d = 0; d < n; ++d) {
    auto& list = partners[d];
    std::sort(list.begin(), list.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    if (list.size() > fo.max_partners) list.resize(fo.max_partners);
    for (const auto& [v, o] : list) pairs.insert({std::min(d, o), std::max(d, o)});
  }
  return pairs;
}

// A derivation found between two articles, with the reader's evidence.
struct Edge {
  uint32_t from, to;
  ReuseMeasure m;
  std::vector<bool> covered;
  std::vector<std::string> evidence;
  bool translation = false;  // counts against independence however much aligned
};

// Which way a derivation goes, and why.
std::pair<bool, std::string> Direction(const Document& a, const Document& b, const ReuseMeasure& ab,
                                       const ReuseMeasure& ba, const ProvenanceOptions& po) {
  const auto& ta = a.article->published;
  const auto& tb = b.article->published;
  if (ta && tb && *ta != *tb) {
    bool b_from_a = *ta < *tb;
    int64_t gap = b_from_a ? *tb - *ta : *ta - *tb;
    char buf[64];
    // Always fits: any int64 gap in hours is at most 16 digits.
    (void)std::snprintf(buf, sizeof buf, "published %.1f h later", static_cast<double>(gap) / 3600.0);
    return {b_from_a, buf};
  }
  if (std::fabs(ab.Score() - ba.Score()) >= po.asymmetry) {
    bool b_from_a = ab.Score() > ba.Score();
    return {b_from_a, "containment asymmetry: " + Percent(b_from_a ? ab.Score() : ba.Score()) +
                          " of it inside the source, " + Percent(b_from_a ? ba.Score() : ab.Score()) + " the other way"};
  }
  return {a.word_count >= b.word_count,
          "direction uncertain (no times, symmetric overlap): the longer article taken as the source"};
}

// Everything the derivation steps share.
struct ProvenanceContext {
  const std::vector<const Document*>& docs;
  const std::vector<DocSketch>& sketches;
  const IdfTable& idf;
  const FactOptions& fo;
  const ProvenanceOptions& po;
  const QuoteCuts& quote_cuts;
  const std::vector<std::pair<std::string, std::vector<std::string>>>& odd_spellings;
  internal::ClassPairMemo* class_memo;
  // Translation pairs among docs (analysis/translation.h); empty when
  // ProvenanceOptions::translations is off.
  const std::vector<TranslationPair>& translations;
};

const TranslationPair* TranslationOf(const ProvenanceContext& ctx, uint32_t a, uint32_t b) {
  for (const TranslationPair& t : ctx.translations) {
    if ((t.from == a && t.to == b) || (t.from == b && t.to == a)) return &t;
  }
  return nullptr;
}

// The derivation between articles a and b, if either derives from the other.
std::optional<Edge> MeasureEdge(const ProvenanceContext& ctx, uint32_t a, uint32_t b) {
  std::vector<bool> cov_ab, cov_ba;
  // Two very long articles measure without the memo rather than hold a
  // table of every pair of their statements.
  std::optional<PairMemo> memo;
  if (ctx.sketches[a].sketches.size() * ctx.sketches[b].sketches.size() <= kMaxMemoCells) {
    memo.emplace(ctx.sketches[a], ctx.sketches[b], ctx.class_memo);
  }
  PairMemo* pair_memo = memo ? &*memo : nullptr;
  // ab: b inside a; ba: a inside b.
  ReuseMeasure ab = MeasureReuseImpl(ctx.sketches[a], ctx.sketches[b], ctx.idf, ctx.fo.same_fact, ctx.po, &cov_ab, pair_memo);
  ReuseMeasure ba = MeasureReuseImpl(ctx.sketches[b], ctx.sketches[a], ctx.idf, ctx.fo.same_fact, ctx.po, &cov_ba, pair_memo);
  if (!ab.Derived(ctx.po) && !ba.Derived(ctx.po)) return std::nullopt;
  // A translation and its source, their facts aligned across languages:
  // the translation's direction (the earlier, else the English one).
  const TranslationPair* translation = TranslationOf(ctx, a, b);
  auto [b_from_a, why] = translation != nullptr ? std::pair<bool, std::string>{translation->from == a, {}}
                                                : Direction(*ctx.docs[a], *ctx.docs[b], ab, ba, ctx.po);
  Edge e;
  e.from = b_from_a ? a : b;
  e.to = b_from_a ? b : a;
  e.m = b_from_a ? ab : ba;
  e.covered = b_from_a ? cov_ab : cov_ba;
  const std::string& from_id = ctx.docs[e.from]->article->id;
  const std::string& to_id = ctx.docs[e.to]->article->id;
  e.evidence = Evidence(e.m, ctx.quote_cuts.Shared(from_id, to_id));
  for (const auto& [form, arts] : ctx.odd_spellings) {
    bool both = std::find(arts.begin(), arts.end(), from_id) != arts.end() &&
                std::find(arts.begin(), arts.end(), to_id) != arts.end();
    if (both) e.evidence.push_back("same unusual spelling \"" + form + "\"");
  }
  if (translation != nullptr) {
    // Counted against independence however many of its facts aligned.
    e.translation = true;
    e.m.sentence_share = std::max(e.m.sentence_share, translation->match.share);
    e.evidence.insert(e.evidence.end(), translation->evidence.begin(), translation->evidence.end());
  } else {
    e.evidence.push_back(why);
  }
  return e;
}

// Translation pairs (analysis/translation.h) are derivations that count
// against independence, unless the pair is already linked.
void AddTranslationEdges(const ProvenanceContext& ctx, std::vector<std::vector<Edge>>* incoming) {
  auto linked = [&](uint32_t x, uint32_t y) {
    return std::any_of((*incoming)[y].begin(), (*incoming)[y].end(), [&](const Edge& e) { return e.from == x; });
  };
  for (const TranslationPair& t : ctx.translations) {
    if (linked(t.from, t.to) || linked(t.to, t.from)) continue;
    Edge e{t.from, t.to, {}, std::vector<bool>(ctx.sketches[t.to].sketches.size(), true), t.evidence, true};
    e.m.sentence_share = t.match.share;
    (*incoming)[t.to].push_back(std::move(e));
  }
}

// Parents of each article: the best source, then any source explaining
// enough of the rest. Reports each chosen derivation in story->provenance.
// `counted` (per article) receives the parents whose derivation is strong
// enough to count against independence (ProvenanceOptions::counted_share).
std::vector<std::vector<uint32_t>> ChooseParents(const ProvenanceContext& ctx, std::vector<std::vector<Edge>>* incoming,
                                                 report::Story* story, std::vector<std::vector<uint32_t>>* counted) {
  const size_t n = ctx.docs.size();
  std::vector<std::vector<uint32_t>> parents(n);
  counted->assign(n, {});
  for (uint32_t b = 0; b < n; ++b) {
    std::vector<Edge>& in = (*incoming)[b];
    // Best first by both kinds of evidence together: a source whose words
    // were taken as well as its statements comes before one that only
    // states the same things (a translation or rewrite of that source,
    // matching as many statements but few words).
    auto rank = [](const Edge& e) { return e.m.shingle_containment + e.m.sentence_share; };
    std::stable_sort(in.begin(), in.end(), [&](const Edge& x, const Edge& y) { return rank(x) > rank(y); });
    std::vector<bool> covered(ctx.sketches[b].sketches.size(), false);
    for (size_t k = 0; k < in.size(); ++k) {
      int fresh = 0;
      for (size_t i = 0; i < covered.size(); ++i) fresh += in[k].covered[i] && !covered[i];
      bool take = k == 0;
      if (!take && !covered.empty()) {
        take = fresh >= ctx.po.min_shared_facts &&
               static_cast<float>(fresh) >= ctx.po.extra_parent * static_cast<float>(covered.size());
      }
      if (!take) continue;
      for (size_t i = 0; i < covered.size(); ++i) covered[i] = covered[i] || in[k].covered[i];
      parents[b].push_back(in[k].from);
      report::Provenance p;
      p.from = ctx.docs[in[k].from]->article->id;
      p.to = ctx.docs[b]->article->id;
      p.score = std::round(1000.0 * in[k].m.Score()) / 1000.0;
      if (in[k].m.Counted(ctx.po) || in[k].translation) {
        (*counted)[b].push_back(in[k].from);
      } else {
        p.evidence.push_back("weak evidence (under " + Percent(ctx.po.counted_share) + " shared and fewer than " +
                             std::to_string(ctx.po.counted_rewordings) +
                             " rewordings): both still count as independent sources");
      }
      p.evidence.insert(p.evidence.end(), in[k].evidence.begin(), in[k].evidence.end());
      if (k > 0) p.evidence.push_back("a second source: " + std::to_string(fresh) + " statements not in the first");
      story->provenance.push_back(std::move(p));
    }
  }
  std::stable_sort(story->provenance.begin(), story->provenance.end(),
                   [](const report::Provenance& x, const report::Provenance& y) { return x.score > y.score; });
  return parents;
}

}  // namespace

namespace {

// For each unit of one article, whether another article states it in other
// words all the same (FindCounterparts) or quotes the same words: such a
// claim is not what the article adds.
std::vector<bool> HasCounterpart(const std::vector<const Document*>& docs, const std::vector<DocSketch>& sketches,
                                 const std::vector<StatementRef>& refs, const std::vector<Unit>& units,
                                 const IdfTable& idf,
                                 const std::unordered_map<const Document*, std::vector<uint8_t>>& quoted) {
  std::vector<ClauseItem> items;
  items.reserve(refs.size());
  std::vector<uint32_t> unit_of(refs.size(), 0);
  for (uint32_t u = 0; u < units.size(); ++u) {
    for (uint32_t g : units[u].members) unit_of[g] = u;
  }
  std::unordered_map<uint64_t, std::vector<uint32_t>> quote_docs;  // quoted pair -> articles
  std::vector<std::vector<uint64_t>> pairs(refs.size());
  for (uint32_t g = 0; g < refs.size(); ++g) {
    const DocSketch& d = sketches[refs[g].doc];
    const Sentence& sentence = d.doc->sentences[d.statements[refs[g].index]];
    items.push_back({d.doc, refs[g].doc, &sentence, &d.sketches[refs[g].index], units[unit_of[g]].docs.size() == 1});
    pairs[g] = QuotedPairs(*d.doc, sentence, quoted.at(docs[refs[g].doc]));
    for (uint64_t h : pairs[g]) {
      auto& list = quote_docs[h];
      if (list.empty() || list.back() != refs[g].doc) list.push_back(refs[g].doc);
    }
  }
  CounterpartOptions any;
  any.first = true;
  any.cover = kAddedCover;
  const std::vector<std::vector<Counterpart>> found = FindCounterparts(items, idf, any);
  std::vector<bool> out(units.size(), false);
  for (uint32_t g = 0; g < refs.size(); ++g) {
    if (!items[g].split) continue;
    bool any = !found[g].empty();
    for (size_t k = 0; k < pairs[g].size() && !any; ++k) any = quote_docs[pairs[g][k]].size() > 1;
    if (any) out[unit_of[g]] = true;
  }
  return out;
}

// Per article, its quote versions of which another article has a version
// too, in its own words or in translation.
std::unordered_map<std::string, std::vector<const std::string*>> SharedQuoteVersions(const report::Story& story) {
  std::unordered_map<std::string, std::vector<const std::string*>> out;
  for (const report::Quote& q : story.quotes) {
    // Versions in two articles or more: each has one in another article.
    const bool several = std::any_of(q.versions.begin(), q.versions.end(), [&](const report::QuoteVersion& v) {
      return v.article != q.versions.front().article;
    });
    if (!several) continue;
    for (const report::QuoteVersion& v : q.versions) {
      if (!v.text.empty()) out[v.article].push_back(&v.text);
    }
  }
  return out;
}

// Whether `statement` is mostly (half its words or more) one of `shared`,
// its article's quote versions that other articles have versions of: the
// claim that the speaker said it is not what the article adds, however
// the others word the quote.
bool QuotesAVersionShared(const std::vector<const std::string*>& shared, const std::string& statement) {
  return std::any_of(shared.begin(), shared.end(), [&](const std::string* text) {
    return statement.find(*text) != std::string::npos && 2 * CountAsciiWords(*text) >= CountAsciiWords(statement);
  });
}

// Facts, each outlet's unique facts, and the conflicts inside fact units.
void ReportFacts(const std::vector<const Document*>& docs, const std::vector<DocSketch>& sketches,
                 const std::vector<StatementRef>& refs, const std::vector<Unit>& units,
                 const std::vector<std::vector<uint32_t>>& parents, const std::vector<TranslationPair>& translations,
                 const IdfTable& idf, report::Story* story, std::vector<float>* positions) {
  std::set<std::pair<uint32_t, uint32_t>> translated;  // (translation, source)
  for (const TranslationPair& t : translations) translated.insert({t.to, t.from});
  const std::vector<std::set<uint32_t>> ancestors = Ancestors(parents);
  std::vector<std::string> ids;
  ids.reserve(docs.size());
  for (const Document* d : docs) ids.push_back(d->article->id);
  std::vector<std::vector<uint32_t>> unique(docs.size());  // unit indices
  KeepDisagreements(&story->conflicts);
  std::unordered_map<const Document*, std::vector<uint8_t>> quoted;
  for (const Document* d : docs) quoted.emplace(d, QuotedTokens(*d));
  const DocumentWordsMap words = WordsOfDocuments(docs);
  const std::vector<bool> counterpart = HasCounterpart(docs, sketches, refs, units, idf, quoted);
  std::unordered_map<std::string, std::vector<const std::string*>> shared_quotes = SharedQuoteVersions(*story);
  for (uint32_t u = 0; u < units.size(); ++u) {
    const Unit& unit = units[u];
    report::Fact f;
    f.id = "f" + std::to_string(u + 1);
    // Its words: its first member's that is no translation of another.
    const auto own = std::find_if(unit.members.begin(), unit.members.end(), [&](uint32_t g) {
      return std::find(unit.translations.begin(), unit.translations.end(), g) == unit.translations.end();
    });
    const StatementRef& first = refs[own != unit.members.end() ? *own : unit.members.front()];
    const Document& d = *docs[first.doc];
    f.text = std::string(d.SentenceText(d.sentences[sketches[first.doc].statements[first.index]]));
    if (unit.loose) {
      std::string piece = PieceText(*docs[unit.piece_doc], unit.piece_first, unit.piece_end);
      if (!piece.empty()) f.text = std::move(piece);
    }
    for (uint32_t x : unit.docs) f.articles.push_back(ids[x]);
    Corroboration c = CountWitnesses(unit.docs, parents, ancestors);
    f.independent_sources = static_cast<int>(c.independent.size());
    for (uint32_t x : c.independent) f.witnesses.push_back(ids[x]);
    f.corroboration = ExplainCorroboration(c, ids, translated);
    f.partial = unit.loose && !unit.translated;
    f.translated = unit.translated;
    if (unit.docs.size() == 1 && !counterpart[u] &&
        !QuotesAVersionShared(shared_quotes[ids[unit.docs[0]]], f.text)) {
      unique[unit.docs[0]].push_back(u);
    }
    if (positions) positions->push_back(unit.position);
    if (unit.docs.size() >= 2 && !unit.loose) {
      // Word by word, statements in one language only: the fact's own.
      std::vector<UnitStatement> members;
      for (uint32_t g : unit.members) {
        if (std::find(unit.translations.begin(), unit.translations.end(), g) != unit.translations.end()) continue;
        if (docs[refs[g].doc]->lang != d.lang) continue;
        const Document& md = *docs[refs[g].doc];
        members.push_back({&md, &md.sentences[sketches[refs[g].doc].statements[refs[g].index]]});
      }
      // Word-by-word slots first (their values are the most precise), then
      // what the unit's statements say as wholes.
      AddSlotConflicts(members, Excerpt(f.text, 80), quoted, &story->conflicts);
      std::vector<report::Conflict> whole;
      AddUnitConflicts(members, Excerpt(f.text, 80), &whole, &words);
      AppendNewConflicts(std::move(whole), &story->conflicts);
    }
    story->facts.push_back(std::move(f));
  }
  KeepDisagreements(&story->conflicts);
  // What each outlet adds, the claims others contradict first.
  for (uint32_t d = 0; d < docs.size(); ++d) {
    if (unique[d].empty()) continue;
    std::stable_partition(unique[d].begin(), unique[d].end(), [&](uint32_t u) {
      return StatesContestedValue(*story, ids[d], story->facts[u].text);
    });
    report::Unique added{ids[d], {}};
    for (uint32_t u : unique[d]) added.facts.push_back(story->facts[u].id);
    story->unique.push_back(std::move(added));
  }
}

}  // namespace

namespace {

// For each pair of articles in different languages, how many statements of
// each are in a fact with the other (the lower bar of
// TranslationOptions::aligned_facts). Empty for a story in one language.
SharedFacts FactsAcrossLanguages(const std::vector<const Document*>& docs, const std::vector<DocSketch>& sketches,
                                 const std::vector<StatementRef>& refs, const std::vector<Unit>& units) {
  std::vector<int> statements;
  statements.reserve(sketches.size());
  for (const DocSketch& d : sketches) statements.push_back(static_cast<int>(d.statements.size()));
  SharedFacts out(std::move(statements));
  const bool mixed = std::any_of(docs.begin(), docs.end(), [&](const Document* d) { return d->lang != docs[0]->lang; });
  if (!mixed) return out;
  for (const Unit& unit : units) {
    if (unit.docs.size() < 2) continue;
    for (uint32_t g : unit.members) {
      const uint32_t x = refs[g].doc;
      for (uint32_t y : unit.docs) {
        if (docs[y]->lang != docs[x]->lang) out.Add(x, y);
      }
    }
  }
  return out;
}

// Statements of a translation pair that translate each other (their names
// and numbers line up, in order: AlignTranslatedStatements) and that no
// statement of another article matched: one fact of both articles, which
// the translation edge keeps from counting twice. Its words are in two
// languages, so it is a loose unit (it counts sources, yields no
// conflicts), shown in the source's words. Returns whether any joined.
bool JoinTranslatedStatements(const std::vector<const Document*>& docs, const StoryPivot& pivot,
                              const std::vector<DocSketch>& sketches,
                              const std::vector<StatementRef>& refs, const std::vector<TranslationPair>& translations,
                              UnionFind* dsu, std::vector<LooseLink>* loose) {
  if (translations.empty()) return false;
  std::vector<uint32_t> offset(sketches.size() + 1, 0);
  for (size_t d = 0; d < sketches.size(); ++d) {
    offset[d + 1] = offset[d] + static_cast<uint32_t>(sketches[d].statements.size());
  }
  std::vector<uint32_t> unit_size(refs.size(), 0);
  for (uint32_t g = 0; g < refs.size(); ++g) ++unit_size[dsu->Find(g)];
  std::vector<bool> alone(refs.size());
  for (uint32_t g = 0; g < refs.size(); ++g) alone[g] = unit_size[dsu->Find(g)] == 1;
  std::vector<bool> joined(refs.size(), false);  // by this pass
  if (loose->size() < refs.size()) loose->resize(refs.size());
  bool any = false;
  for (const TranslationPair& t : translations) {
    const SentenceAnchorList from = AnchorsOfSentences(*docs[t.from], &sketches[t.from].statements, &pivot);
    const SentenceAnchorList to = AnchorsOfSentences(*docs[t.to], &sketches[t.to].statements, &pivot);
    // Whether the unit of statement g holds a statement of article `doc`.
    auto holds = [&](uint32_t g, uint32_t doc) {
      for (uint32_t x = offset[doc]; x < offset[doc + 1]; ++x) {
        if (dsu->Same(x, g)) return true;
      }
      return false;
    };
    for (const auto& [i, j] : AlignTranslatedStatements(from, to)) {
      const uint32_t a = offset[t.from] + i, b = offset[t.to] + j;
      if (dsu->Same(a, b)) continue;
      if ((alone[b] || joined[b]) && !(alone[a] || joined[a]) && !holds(a, t.to)) {
        // The source's statement is a fact of other articles too: its
        // translation joins that fact as one more source, not as words.
        (*loose)[b] = LooseLink{false, t.from, 0, 0, true};
        dsu->Union(a, b);
        joined[b] = true;
        any = true;
        continue;
      }
      if (!(alone[a] || joined[a]) || !(alone[b] || joined[b])) continue;
      const Sentence& source = docs[t.from]->sentences[sketches[t.from].statements[i]];
      const LooseLink piece{true, t.from, source.first_token, source.token_end, true};
      if (!joined[a]) (*loose)[a] = piece;
      if (!joined[b]) (*loose)[b] = (*loose)[a];
      dsu->Union(a, b);
      joined[a] = joined[b] = true;
      any = true;
    }
  }
  return any;
}

}  // namespace

void AnalyzeFactsAndProvenance(const std::vector<const Document*>& docs, report::Story* story,
                               const FactOptions& fo, const ProvenanceOptions& po, std::vector<float>* positions,
                               const TranslationMatches* translation_matches) {
  IdfTable idf;
  const StoryPivot pivot(docs);
  std::vector<DocSketch> sketches = SketchAll(docs, fo, pivot, &idf);
  const std::vector<StatementRef> refs = AllStatements(sketches);
  AssignClasses(refs, &sketches);
  for (DocSketch& d : sketches) SetProbeStems(idf, &d);
  internal::ClassPairMemo class_memo(idf);
  std::vector<LooseLink> loose;
  UnionFind dsu = AlignStatements(sketches, refs, idf, fo, &class_memo, &loose);
  std::vector<Unit> units = GroupUnits(sketches, refs, &dsu, loose);

  const QuoteCuts quote_cuts(*story);
  const auto odd_spellings = OddSpellings(*story);
  const SharedFacts shared = FactsAcrossLanguages(docs, sketches, refs, units);
  const std::vector<TranslationPair> translations =
      po.translations ? FindTranslations(docs, po.translation, &shared, translation_matches) : std::vector<TranslationPair>{};
  if (JoinTranslatedStatements(docs, pivot, sketches, refs, translations, &dsu, &loose)) {
    units = GroupUnits(sketches, refs, &dsu, loose);
  }
  const ProvenanceContext ctx{docs, sketches, idf, fo, po, quote_cuts, odd_spellings, &class_memo, translations};
  std::vector<std::vector<Edge>> incoming(docs.size());
  for (const auto& [a, b] : CandidatePairs(units, sketches, fo)) {
    if (std::optional<Edge> e = MeasureEdge(ctx, a, b)) incoming[e->to].push_back(std::move(*e));
  }
  AddTranslationEdges(ctx, &incoming);
  std::vector<std::vector<uint32_t>> counted;
  ChooseParents(ctx, &incoming, story, &counted);
  ReportFacts(docs, sketches, refs, units, counted, translations, idf, story, positions);
}

}  // namespace rashomon
