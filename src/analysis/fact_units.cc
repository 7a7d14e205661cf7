#include "analysis/fact_units.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "analysis/clause_align.h"
#include "analysis/counterparts.h"
#include "base/strings.h"
#include "text/tokenizer.h"

namespace rashomon::internal {
namespace {

// The match score of a and b (of sketch classes ca and cb), 0 when they
// share too little to be worth scoring.
float AlignScore(const SentenceSketch& a, uint32_t ca, const SentenceSketch& b, uint32_t cb,
                 ClassPairMemo* memo) {
  auto [ab, ba] = memo->Inside(ca, a, cb, b);
  if (ab < kQuickReject && ba < kQuickReject) return 0;
  return memo->Score(ca, a, cb, b, ab, ba);
}

// Two statements the matcher aligned, with its score.
struct AlignedPair {
  float score;
  uint32_t a, b;  // StatementRef indices
};

// Best score first, ties by statement.
void SortBestFirst(std::vector<AlignedPair>* pairs) {
  std::stable_sort(pairs->begin(), pairs->end(), [](const AlignedPair& x, const AlignedPair& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
}

// Joins aligned pairs into fact units, best matches first, never putting
// two statements of one article in one unit: an article states a claim
// once, so a second statement of it that resembles the unit (a sentence
// quoting what another paraphrases) is a claim of its own.
void JoinBestFirst(const std::vector<StatementRef>& refs, std::vector<AlignedPair>* pairs, UnionFind* dsu) {
  SortBestFirst(pairs);
  std::vector<std::vector<uint32_t>> docs_of(refs.size());  // per root: its articles, sorted
  for (uint32_t g = 0; g < refs.size(); ++g) docs_of[dsu->Find(g)].push_back(refs[g].doc);
  for (auto& d : docs_of) {
    std::sort(d.begin(), d.end());
    d.erase(std::unique(d.begin(), d.end()), d.end());
  }
  for (const AlignedPair& p : *pairs) {
    uint32_t ra = dsu->Find(p.a), rb = dsu->Find(p.b);
    if (ra == rb) continue;
    const auto& da = docs_of[ra];
    const auto& db = docs_of[rb];
    bool shared = false;
    for (size_t i = 0, j = 0; i < da.size() && j < db.size() && !shared;) {
      if (da[i] == db[j]) {
        shared = true;
      } else if (da[i] < db[j]) {
        ++i;
      } else {
        ++j;
      }
    }
    if (shared) continue;
    dsu->Union(ra, rb);
    uint32_t root = dsu->Find(ra);
    std::vector<uint32_t> merged;
    std::merge(da.begin(), da.end(), db.begin(), db.end(), std::back_inserter(merged));
    docs_of[ra].clear();
    docs_of[rb].clear();
    docs_of[root] = std::move(merged);
  }
}

}  // namespace

// Joins statements of different articles that state the same claim.
// Candidates come from an inverted index: each statement probes its rarest
// stems and meets only statements sharing enough of them.
UnionFind AlignStatements(const std::vector<DocSketch>& sketches, const std::vector<StatementRef>& refs,
                    const IdfTable& idf, const FactOptions& fo, ClassPairMemo* memo,
                    std::vector<LooseLink>* loose) {
  if (loose) loose->assign(refs.size(), LooseLink{});
  auto sk = [&](uint32_t g) -> const SentenceSketch& { return sketches[refs[g].doc].sketches[refs[g].index]; };
  auto cls = [&](uint32_t g) { return sketches[refs[g].doc].classes[refs[g].index]; };
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;
  for (uint32_t g = 0; g < refs.size(); ++g) {
    for (uint64_t x : sk(g).stems) postings[x].push_back(g);
  }
  UnionFind dsu(refs.size());
  std::vector<AlignedPair> pairs;
  std::vector<uint16_t> hits(refs.size(), 0);  // probes each later statement shares
  std::vector<uint32_t> touched;
  for (uint32_t g = 0; g < refs.size(); ++g) {
    const std::vector<uint64_t> probes = RarestStems(sk(g), idf, static_cast<size_t>(fo.probe_stems));
    touched.clear();
    for (uint64_t x : probes) {
      auto it = postings.find(x);
      if (it == postings.end() || it->second.size() > fo.max_postings) continue;
      // A list holds its statements in order: the later ones follow g.
      for (auto o = std::upper_bound(it->second.begin(), it->second.end(), g); o != it->second.end(); ++o) {
        if (refs[*o].doc != refs[g].doc && hits[*o]++ == 0) touched.push_back(*o);
      }
    }
    // Those sharing the most probes first, at most max_candidates of them:
    // a claim that many articles state is joined through overlapping
    // candidate lists, without comparing every pair of its statements.
    const int need = probes.size() >= 3 ? 2 : 1;
    if (static_cast<size_t>(std::count_if(touched.begin(), touched.end(), [&](uint32_t o) {
          return hits[o] >= need;
        })) > fo.max_candidates) {
      // The best max_candidates to the front (their order does not matter:
      // the pairs found are joined best score first); no full sort.
      std::nth_element(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(fo.max_candidates),
                       touched.end(),
                       [&](uint32_t a, uint32_t b) { return hits[a] != hits[b] ? hits[a] > hits[b] : a < b; });
    }
    size_t tried = 0;
    for (uint32_t o : touched) {
      const int count = hits[o];
      hits[o] = 0;
      if (count < need || tried >= fo.max_candidates) continue;
      ++tried;
      const SentenceSketch& x = sk(g);
      const SentenceSketch& y = sk(o);
      bool same_numbers = x.numbers.size() >= static_cast<size_t>(fo.min_numbers) && x.numbers == y.numbers;
      float score = AlignScore(x, cls(g), y, cls(o), memo);
      if (score >= (same_numbers ? std::min(fo.same_fact, fo.same_numbers_fact) : fo.same_fact)) {
        pairs.push_back({score, g, o});
      }
    }
  }
  JoinBestFirst(refs, &pairs, &dsu);
  // Statements still alone: their clauses against other articles' statements.
  std::vector<size_t> unit_size(refs.size(), 0);
  for (uint32_t g = 0; g < refs.size(); ++g) ++unit_size[dsu.Find(g)];
  std::vector<ClauseItem> items;
  for (uint32_t g = 0; g < refs.size(); ++g) {
    const DocSketch& d = sketches[refs[g].doc];
    items.push_back({d.doc, refs[g].doc, &d.doc->sentences[d.statements[refs[g].index]], &sk(g),
                     unit_size[dsu.Find(g)] == 1});
  }
  std::vector<AlignedPair> clause_pairs;
  for (const ClausePair& p : AlignClauses(items, idf, fo.same_fact)) clause_pairs.push_back({p.score, p.a, p.b});
  JoinBestFirst(refs, &clause_pairs, &dsu);
  // Statements still alone: one that another alone statement holds for the
  // most part, or holds one of its clauses, names the same claim in other
  // words (a drone shot down, told in a sentence about the pilot).
  std::fill(unit_size.begin(), unit_size.end(), 0);
  for (uint32_t g = 0; g < refs.size(); ++g) ++unit_size[dsu.Find(g)];
  for (uint32_t g = 0; g < refs.size(); ++g) items[g].split = unit_size[dsu.Find(g)] == 1;
  std::vector<AlignedPair> loose_pairs;
  const std::vector<AnchoredPair> anchored = AnchoredPairs(items, idf, fo.anchored);
  std::map<std::pair<uint32_t, uint32_t>, const AnchoredPair*> piece_of;  // the best piece of each pair
  // A whole statement held ranks before a clause held, however well: it
  // names the claim better than a fragment ("... while deploying a
  // carrier") of a sentence about something else.
  auto rank = [&](const AnchoredPair& p) {
    const Sentence& s = *items[p.part].sentence;
    const bool whole = p.first_token <= s.first_token && p.token_end >= s.token_end;
    return p.held + (whole ? 1.0f : 0.0f);
  };
  for (const AnchoredPair& p : anchored) {
    loose_pairs.push_back({rank(p), p.a, p.b});
    const AnchoredPair*& best = piece_of[{p.a, p.b}];
    if (best == nullptr || rank(p) > rank(*best)) best = &p;
  }
  // Pairs only, best first: a chain of partial matches would put claims
  // together that share nothing.
  SortBestFirst(&loose_pairs);
  std::vector<bool> paired(refs.size(), false);
  for (const AlignedPair& p : loose_pairs) {
    if (paired[p.a] || paired[p.b]) continue;
    paired[p.a] = paired[p.b] = true;
    dsu.Union(p.a, p.b);
    if (loose) {
      const AnchoredPair& piece = *piece_of.at({p.a, p.b});
      (*loose)[p.a] = (*loose)[p.b] = {true, refs[piece.part].doc, piece.first_token, piece.token_end};
    }
  }
  return dsu;
}

// Fact units from the aligned statements: most articles first, then the
// earliest in their articles.
std::vector<Unit> GroupUnits(const std::vector<DocSketch>& sketches, const std::vector<StatementRef>& refs, UnionFind* dsu,
                             const std::vector<LooseLink>& loose) {
  std::map<uint32_t, std::vector<uint32_t>> groups;
  for (uint32_t g = 0; g < refs.size(); ++g) groups[dsu->Find(g)].push_back(g);
  std::vector<Unit> units;
  for (auto& [root, members] : groups) {
    Unit u;
    u.members = members;
    u.loose = members.size() >= 2;
    u.translated = u.loose;
    for (uint32_t g : members) {
      u.docs.push_back(refs[g].doc);
      u.loose = u.loose && g < loose.size() && loose[g].loose;
      u.translated = u.translated && u.loose && loose[g].translated;
    }
    if (!u.loose) {
      for (uint32_t g : members) {
        if (g < loose.size() && loose[g].translated) u.translations.push_back(g);
      }
    }
    if (u.loose) {
      const LooseLink& link = loose[members.front()];
      u.piece_doc = link.doc;
      u.piece_first = link.first_token;
      u.piece_end = link.token_end;
    }
    std::sort(u.docs.begin(), u.docs.end());
    u.docs.erase(std::unique(u.docs.begin(), u.docs.end()), u.docs.end());
    u.position = 1;
    for (uint32_t g : members) {
      const StatementRef& r = refs[g];
      float pos = static_cast<float>(r.index) / static_cast<float>(std::max<size_t>(1, sketches[r.doc].statements.size()));
      u.position = std::min(u.position, pos);
    }
    units.push_back(std::move(u));
  }
  std::stable_sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) {
    if (a.docs.size() != b.docs.size()) return a.docs.size() > b.docs.size();
    return a.position < b.position;
  });
  return units;
}

constexpr int kMinPieceWords = 6;

// The words of tokens [first, end) of `d`, punctuation at either end left
// out; the whole sentence when they are all of it or fewer than
// kMinPieceWords, else the clause marked
// as an excerpt ("… its gunners shot down a drone …"). Empty when the
// range holds no sentence of `d`.
std::string PieceText(const Document& d, uint32_t first, uint32_t end) {
  end = std::min<uint32_t>(end, static_cast<uint32_t>(d.tokens.size()));
  auto is_punct = [&](uint32_t t) { return d.tokens[t].kind == TokenKind::kPunct; };
  while (first < end && is_punct(first)) ++first;
  while (end > first && is_punct(end - 1)) --end;
  if (first >= end) return {};
  const auto s = std::find_if(d.sentences.begin(), d.sentences.end(),
                              [&](const Sentence& x) { return x.first_token <= first && first < x.token_end; });
  if (s == d.sentences.end() || end > s->token_end) return {};
  uint32_t word_first = s->first_token, word_end = s->token_end;
  while (word_first < word_end && is_punct(word_first)) ++word_first;
  while (word_end > word_first && is_punct(word_end - 1)) --word_end;
  int words = 0;
  for (uint32_t t = first; t < end; ++t) words += is_punct(t) ? 0 : 1;
  // A clause of a few words ("including three small fires") says too
  // little alone: the sentence holding it is shown.
  if ((first == word_first && end == word_end) || words < kMinPieceWords) return std::string(d.SentenceText(*s));
  if (first > word_first) {  // a clause cut out: no conjunction left dangling at its head
    static constexpr std::string_view kJoiners[] = {"and", "but", "or", "while", "whereas", "yet", "so"};
    const std::string head = AsciiLowercase(d.TokenText(d.tokens[first]));
    if (first + 1 < end && std::find(std::begin(kJoiners), std::end(kJoiners), head) != std::end(kJoiners)) ++first;
  }
  std::string out = first > word_first ? "\u2026 " : "";
  out += std::string_view(d.text).substr(d.tokens[first].begin, d.tokens[end - 1].end - d.tokens[first].begin);
  if (end < word_end) out += " \u2026";
  return out;
}

}  // namespace rashomon::internal
