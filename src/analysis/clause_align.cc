#include "analysis/clause_align.h"

#include <algorithm>
#include <string>
#include <map>
#include <string_view>
#include <unordered_map>

#include "base/strings.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// Words that open a new clause after a comma.
bool OpensClause(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "but",    "while",     "which",     "who",       "whom",   "whose",   "although", "though",
      "whereas", "after",    "before",    "when",      "where",  "because", "since",    "and",
      "despite", "calling",  "saying",    "adding",    "following", "including", "according",
      // A report's participles after a comma carry a claim of their own:
      // "..., warning that ...", "..., alongside tariffs on ...".
      "warning", "noting",   "stressing", "insisting", "arguing", "urging", "vowing",  "describing",
      "citing",  "accusing", "alongside"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Words that open a new clause even without a comma before them ("...
// sanctions on shipping while deploying a carrier").
bool OpensClauseAlone(std::string_view w) { return w == "while" || w == "whereas"; }

// Words that open a fronted subordinate phrase, closed by its comma.
bool OpensFrontedPhrase(std::string_view w) {
  static constexpr std::string_view kWords[] = {"despite", "after",  "while", "although", "though", "because",
                                                "since",   "when",   "as",    "if",       "following", "calling"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Clauses under this many stems probe no index (too little to go on).
constexpr size_t kProbeStems = 4;
constexpr size_t kMaxPostings = 200;

float Score(const SentenceSketch& a, const SentenceSketch& b, const IdfTable& idf) {
  float ab = Containment(a, b, idf), ba = Containment(b, a, idf);
  if (ab < 0.3f && ba < 0.3f) return 0;
  return MatchScore(PairFeatures(a, b, idf, ab, ba));
}

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> SplitClauses(const Document& doc, const Sentence& s, int min_words) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  uint32_t start = s.first_token;
  bool fronted = false;
  int words = 0;
  auto close = [&](uint32_t end) {
    if (words >= min_words) out.emplace_back(start, end);
    start = end + 1;
    words = 0;
    fronted = false;
  };
  for (uint32_t t = s.first_token; t < s.token_end; ++t) {
    const Token& tok = doc.tokens[t];
    if (tok.kind != TokenKind::kPunct) {
      std::string lower = AsciiLowercase(doc.TokenText(tok));
      if (words == 0 && OpensFrontedPhrase(lower)) fronted = true;
      if (words > 0 && OpensClauseAlone(lower) && t > s.first_token && doc.tokens[t - 1].kind != TokenKind::kPunct) {
        close(t);  // the word itself opens the next clause
        start = t;
        words = 1;
        continue;
      }
      ++words;
      continue;
    }
    std::string_view p = doc.TokenText(tok);
    bool cut = p == ";" || p == ":" || p == "\u2014" || p == "\u2013";
    if (p == "," && t + 1 < s.token_end) {
      const Token& next = doc.tokens[t + 1];
      cut = fronted || (next.kind == TokenKind::kWord && OpensClause(AsciiLowercase(doc.TokenText(next))));
    }
    if (cut) close(t);
  }
  close(s.token_end);
  if (out.size() < 2) out.clear();
  return out;
}

std::vector<ClausePair> AlignClauses(const std::vector<ClauseItem>& items, const IdfTable& idf, float threshold) {
  struct Piece {
    uint32_t item;
    const SentenceSketch* sketch;
    bool clause;
  };
  std::vector<SentenceSketch> own;  // clause sketches
  std::vector<std::pair<uint32_t, size_t>> clause_of;  // (item, index into own)
  for (uint32_t i = 0; i < items.size(); ++i) {
    if (!items[i].split) continue;
    for (const auto& [first, end] : SplitClauses(*items[i].doc, *items[i].sentence)) {
      Sentence part = *items[i].sentence;
      part.first_token = first;
      part.token_end = end;
      own.push_back(SketchSentence(*items[i].doc, part));
      idf.Weigh(&own.back());
      clause_of.emplace_back(i, own.size() - 1);
    }
  }
  std::vector<Piece> pieces;
  for (uint32_t i = 0; i < items.size(); ++i) pieces.push_back({i, items[i].sketch, false});
  for (const auto& [i, k] : clause_of) pieces.push_back({i, &own[k], true});
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;
  for (uint32_t p = 0; p < pieces.size(); ++p) {
    for (uint64_t x : pieces[p].sketch->stems) postings[x].push_back(p);
  }
  std::map<std::pair<uint32_t, uint32_t>, float> best;
  std::unordered_map<uint32_t, int> hits;
  for (uint32_t p = 0; p < pieces.size(); ++p) {
    if (!pieces[p].clause) continue;
    if (pieces[p].sketch->stems.size() < 3) continue;
    const std::vector<uint64_t> probes = RarestStems(*pieces[p].sketch, idf, kProbeStems);
    hits.clear();
    for (uint64_t x : probes) {
      const auto& list = postings[x];
      if (list.size() > kMaxPostings) continue;
      for (uint32_t q : list) {
        if (items[pieces[q].item].article != items[pieces[p].item].article) ++hits[q];
      }
    }
    for (const auto& [q, count] : hits) {
      if (count < 2) continue;
      float score = Score(*pieces[p].sketch, *pieces[q].sketch, idf);
      if (score < threshold) continue;
      auto key = std::minmax(pieces[p].item, pieces[q].item);
      float& b = best[{key.first, key.second}];
      b = std::max(b, score);
    }
  }
  std::vector<ClausePair> out;
  out.reserve(best.size());
  for (const auto& [key, score] : best) out.push_back({score, key.first, key.second});
  return out;
}

}  // namespace rashomon
