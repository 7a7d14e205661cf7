#include "analysis/counterparts.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "base/hash.h"
#include "text/language.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// Each piece probes the index with this many of its rarest stems; posting
// lists longer than kMaxPostings are skipped (stems that common say nothing
// about which statements match).
constexpr size_t kProbeStems = 8;
constexpr size_t kMaxPostings = 200;

// Stems of the frame of a report (who said it, when) rather than its claim:
// "officials said on Monday" is shared by sentences that claim nothing in
// common, so these do not count towards CounterpartOptions::shared.
const std::vector<uint64_t>& FrameStems() {
  static const std::vector<uint64_t> stems = [] {
    std::vector<uint64_t> out;
    for (const char* w : {"said", "says", "say", "told", "tell", "added", "stated", "according", "reported",
                          "announced", "official", "officials", "monday", "tuesday", "wednesday", "thursday",
                          "friday", "saturday", "sunday", "week", "today", "yesterday", "year"}) {
      out.push_back(Hash64(Stem(w, "en")));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return stems;
}

}  // namespace

std::vector<std::vector<Counterpart>> FindCounterparts(const std::vector<ClauseItem>& items, const IdfTable& idf,
                                                       const CounterpartOptions& options) {
  std::vector<std::vector<Counterpart>> found(items.size());
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;
  for (uint32_t i = 0; i < items.size(); ++i) {
    for (uint64_t x : items[i].sketch->stems) postings[x].push_back(i);
  }
  const std::vector<uint64_t>& frame = FrameStems();
  auto shared_stems = [&](const SentenceSketch& a, const SentenceSketch& b) {
    size_t n = 0;
    for (size_t i = 0, j = 0; i < a.stems.size() && j < b.stems.size();) {
      if (a.stems[i] == b.stems[j]) {
        n += std::binary_search(frame.begin(), frame.end(), a.stems[i]) ? 0 : 1;
        ++i, ++j;
      } else if (a.stems[i] < b.stems[j]) {
        ++i;
      } else {
        ++j;
      }
    }
    return n;
  };
  std::vector<uint16_t> hits(items.size(), 0);  // probes of the piece each item holds
  std::vector<uint32_t> touched;
  std::vector<uint64_t> probes;
  std::map<uint32_t, float> held;  // item -> the most it holds of one piece
  // Other articles' statements holding `piece` at `need` or more.
  auto probe = [&](uint32_t i, const SentenceSketch& piece, float need) {
    if (piece.stems.size() < options.min_stems) return;
    probes = RarestStems(piece, idf, kProbeStems);
    touched.clear();
    for (uint64_t x : probes) {
      auto it = postings.find(x);
      if (it == postings.end() || it->second.size() > kMaxPostings) continue;
      for (uint32_t q : it->second) {
        if (items[q].article == items[i].article || (options.split_only && !items[q].split)) continue;
        if (hits[q]++ == 0) touched.push_back(q);
      }
    }
    bool done = false;
    for (uint32_t q : touched) {
      const int count = hits[q];
      hits[q] = 0;
      if (done || count < 2) continue;
      const SentenceSketch& other = *items[q].sketch;
      if (shared_stems(piece, other) < options.shared) continue;
      const float c = ContainmentWithSynonyms(piece, other, idf);
      if (c < need) continue;
      float& h = held[q];
      h = std::max(h, c);
      done = options.first;
    }
  };
  for (uint32_t i = 0; i < items.size(); ++i) {
    if (!items[i].split) continue;
    held.clear();
    probe(i, *items[i].sketch, options.whole);
    if (held.empty() || options.every) {
      for (const auto& [first, end] : SplitClauses(*items[i].doc, *items[i].sentence, 4)) {
        Sentence part = *items[i].sentence;
        part.first_token = first;
        part.token_end = end;
        SentenceSketch clause = SketchSentence(*items[i].doc, part);
        idf.Weigh(&clause);
        probe(i, clause, options.clause);
        if (!held.empty() && !options.every) break;
      }
    }
    for (const auto& [q, h] : held) found[i].push_back({q, h});
    std::stable_sort(found[i].begin(), found[i].end(),
                     [](const Counterpart& a, const Counterpart& b) { return a.held > b.held; });
  }
  return found;
}

std::vector<std::tuple<uint32_t, uint32_t, float>> AnchoredPairs(const std::vector<ClauseItem>& items,
                                                                const IdfTable& idf, CounterpartOptions options) {
  options.every = true;
  options.split_only = true;  // the pairs join statements still alone
  std::vector<std::tuple<uint32_t, uint32_t, float>> out;
  const std::vector<std::vector<Counterpart>> found = FindCounterparts(items, idf, options);
  for (uint32_t g = 0; g < items.size(); ++g) {
    for (const Counterpart& c : found[g]) {
      if (!items[c.item].split) continue;
      out.emplace_back(std::min(g, c.item), std::max(g, c.item), c.held);
    }
  }
  return out;
}

std::vector<uint64_t> QuotedPairs(const Document& doc, const Sentence& s, const std::vector<uint8_t>& quoted) {
  std::vector<uint64_t> out;
  uint64_t prev = 0;
  bool have_prev = false;
  for (uint32_t t = s.first_token; t < s.token_end && t < doc.tokens.size(); ++t) {
    const Token& tok = doc.tokens[t];
    if (tok.kind == TokenKind::kPunct || !quoted[t]) {
      have_prev = false;
      continue;
    }
    const uint64_t h = Hash64(WordKey(doc.TokenText(tok)));
    if (have_prev) out.push_back(HashCombine(prev, h));
    prev = h;
    have_prev = true;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace rashomon
