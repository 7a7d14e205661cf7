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

// Keys of the specific numbers of a sentence: three digits or more, at
// least two of them before trailing zeros, not a year ("3,117", "3.67",
// "150"; not "3,000", "60", "2015"). Two articles of one story giving the
// same such number about the same thing state one claim, however each
// words the rest ("3,117 deaths" / "3,117 people were killed").
std::vector<uint64_t> SpecificNumbers(const Document& doc, const Sentence& s) {
  std::vector<uint64_t> out;
  for (uint32_t t = s.first_token; t < s.token_end && t < doc.tokens.size(); ++t) {
    const Token& tok = doc.tokens[t];
    if (tok.kind != TokenKind::kNumber) continue;
    std::string digits;
    for (char c : doc.TokenText(tok)) {
      if (c >= '0' && c <= '9') digits.push_back(c);
    }
    const bool year = digits.size() == 4 && doc.TokenText(tok).size() == 4 && (digits[0] == '1' || digits[0] == '2');
    const size_t total = digits.size();
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    if (total >= 3 && digits.size() >= 2 && !year) out.push_back(tok.key);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool ShareAny(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) return true;
    if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

}  // namespace

std::vector<std::vector<Counterpart>> FindCounterparts(const std::vector<ClauseItem>& items, const IdfTable& idf,
                                                       const CounterpartOptions& options) {
  std::vector<std::vector<Counterpart>> found(items.size());
  std::vector<std::vector<uint64_t>> specific(items.size());
  for (uint32_t i = 0; i < items.size(); ++i) specific[i] = SpecificNumbers(*items[i].doc, *items[i].sentence);
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
  // What the probe loop reads of each item, packed: items themselves are
  // scattered through memory, and a large story reads them thousands of times.
  std::vector<uint32_t> article_of(items.size());
  std::vector<uint8_t> candidate(items.size());
  for (uint32_t i = 0; i < items.size(); ++i) {
    article_of[i] = items[i].article;
    candidate[i] = !options.split_only || items[i].split;
  }
  std::vector<uint16_t> hits(items.size(), 0);  // probes of the piece each item holds
  std::vector<uint32_t> touched;
  std::vector<uint64_t> probes;
  std::map<uint32_t, Counterpart> held;  // item -> the piece it holds most of
  // Other articles' statements holding `piece` (tokens [first, end) of item
  // i's document) at `need` or more.
  auto probe = [&](uint32_t i, const SentenceSketch& piece, uint32_t first, uint32_t end, float need) {
    bool found_one = false;
    if (piece.stems.size() < options.min_stems) return found_one;
    probes = RarestStems(piece, idf, kProbeStems);
    for (uint64_t x : specific[i]) {  // a number the piece gives is always probed
      if (std::binary_search(piece.numbers.begin(), piece.numbers.end(), x) &&
          std::find(probes.begin(), probes.end(), x) == probes.end()) {
        probes.push_back(x);
      }
    }
    touched.clear();
    for (uint64_t x : probes) {
      auto it = postings.find(x);
      if (it == postings.end() || it->second.size() > kMaxPostings) continue;
      for (uint32_t q : it->second) {
        if (article_of[q] == article_of[i] || !candidate[q]) continue;
        if (hits[q]++ == 0) touched.push_back(q);
      }
    }
    bool done = false;
    for (uint32_t q : touched) {
      const int count = hits[q];
      hits[q] = 0;
      if (done || (count < 2 && !ShareAny(specific[i], specific[q]))) continue;
      const SentenceSketch& other = *items[q].sketch;
      const size_t shared = shared_stems(piece, other);
      // The same specific number and one more word in common is the same
      // claim, however much else each sentence says.
      const bool same_number = shared >= 2 && ShareAny(specific[i], specific[q]) && ShareAny(specific[i], piece.numbers);
      if (shared < options.shared && !same_number) continue;
      float c = ContainmentWithSynonyms(piece, other, idf);
      if (same_number) c = std::max(c, need);
      if (c < need) continue;
      Counterpart& h = held[q];
      if (c > h.held) h = {q, c, first, end};
      found_one = true;
      done = options.first;
    }
    return found_one;
  };
  for (uint32_t i = 0; i < items.size(); ++i) {
    if (!items[i].split) continue;
    held.clear();
    probe(i, *items[i].sketch, items[i].sentence->first_token, items[i].sentence->token_end, options.whole);
    if (held.empty() || options.every) {
      const bool whole_held = !held.empty();
      float weight = 0, covered = 0;
      for (const auto& [first, end] : SplitClauses(*items[i].doc, *items[i].sentence, 4)) {
        Sentence part = *items[i].sentence;
        part.first_token = first;
        part.token_end = end;
        SentenceSketch clause = SketchSentence(*items[i].doc, part);
        idf.Weigh(&clause);
        float w = 0;
        for (float x : clause.weights) w += x;
        weight += w;
        if (probe(i, clause, first, end, options.clause)) covered += w;
        if (!held.empty() && !options.every && options.cover <= 0) break;
      }
      // Held in part only: the rest of the sentence says something new.
      if (!whole_held && options.cover > 0 && covered < options.cover * weight) held.clear();
    }
    for (const auto& [q, h] : held) found[i].push_back(h);
    std::stable_sort(found[i].begin(), found[i].end(),
                     [](const Counterpart& a, const Counterpart& b) { return a.held > b.held; });
  }
  return found;
}

std::vector<AnchoredPair> AnchoredPairs(const std::vector<ClauseItem>& items, const IdfTable& idf,
                                        CounterpartOptions options) {
  options.every = true;
  options.split_only = true;  // the pairs join statements still alone
  std::vector<AnchoredPair> out;
  const std::vector<std::vector<Counterpart>> found = FindCounterparts(items, idf, options);
  for (uint32_t g = 0; g < items.size(); ++g) {
    for (const Counterpart& c : found[g]) {
      if (!items[c.item].split) continue;
      out.push_back({std::min(g, c.item), std::max(g, c.item), c.held, g, c.first_token, c.token_end});
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
