#include "stories/topics.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "base/parallel.h"
#include "stories/cluster.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// True for tokens that name a participant rather than the kind of event.
bool IsNameLike(const Token& t) {
  return t.Is(token_flags::kAllCaps) || t.Is(token_flags::kAcronym) ||
         (t.Is(token_flags::kCapitalized) && !t.Is(token_flags::kSentenceStart));
}

bool IsWordTerm(const Token& t) {
  return t.kind == TokenKind::kWord && !t.Is(token_flags::kStopword) && !t.Is(token_flags::kHasDigit);
}

// The distinct content words of a document, body and title: stems for
// ordinary words, exact forms for names. Sorted, unique.
std::vector<uint64_t> WordSet(const Document& doc, const TopicOptions& o) {
  // A word capitalised inside any sentence is a name everywhere in the
  // document, also where it opens a sentence.
  std::unordered_set<uint64_t> names;
  for (const Token& t : doc.tokens) {
    if (IsWordTerm(t) && IsNameLike(t)) names.insert(t.key);
  }
  std::vector<uint64_t> out;
  auto add = [&](const Token& t) {
    if (!IsWordTerm(t)) return;
    bool name = names.count(t.key) > 0;
    if (name && !o.keep_names) return;
    out.push_back(name ? t.key : t.stem);
  };
  for (const Token& t : doc.tokens) add(t);
  if (!doc.title.empty()) {
    std::vector<Token> title;
    TokenizeOptions tok;
    tok.lang = doc.lang;
    tok.keep_punct = false;
    Tokenize(doc.title, 0, static_cast<uint32_t>(doc.title.size()), tok, &title);
    for (const Token& t : title) add(t);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<SparseVector> TopicVectors(const std::vector<const Document*>& docs,
                                       const std::vector<uint32_t>& story_of, const TopicOptions& options) {
  const size_t n = docs.size();
  uint32_t stories = 0;
  for (uint32_t s : story_of) stories = std::max(stories, s + 1);
  std::vector<std::vector<uint64_t>> sets(n);
  ParallelFor(n, [&](size_t i) { sets[i] = WordSet(*docs[i], options); }, options.threads);

  // Coverage: the share of a story's documents that use the word.
  std::vector<std::unordered_map<uint64_t, float>> coverage(stories);
  std::vector<uint32_t> members(stories, 0);
  for (size_t i = 0; i < n; ++i) {
    auto& cov = coverage[story_of[i]];
    for (uint64_t key : sets[i]) cov[key] += 1.0f;
    ++members[story_of[i]];
  }
  std::vector<std::vector<uint64_t>>().swap(sets);
  // Soft story frequency (the sum of coverages) and dense ids.
  struct Entry {
    uint32_t id;
    float df;
  };
  std::unordered_map<uint64_t, Entry> vocab;
  for (uint32_t s = 0; s < stories; ++s) {
    for (auto& [key, c] : coverage[s]) {
      c /= static_cast<float>(members[s]);
      auto [it, inserted] = vocab.try_emplace(key, Entry{static_cast<uint32_t>(vocab.size()), 0.0f});
      it->second.df += c;
    }
  }
  const float total = static_cast<float>(stories);
  std::vector<SparseVector> out(stories);
  ParallelFor(
      stories,
      [&](size_t s) {
        std::vector<std::pair<float, uint32_t>> weighted;  // (weight, id)
        weighted.reserve(coverage[s].size());
        for (const auto& [key, c] : coverage[s]) {
          const Entry& e = vocab.at(key);
          float idf = std::log((1.0f + total) / (1.0f + e.df)) + 1.0f;
          weighted.emplace_back(std::pow(c, options.coverage_power) * std::pow(idf, options.idf_power), e.id);
        }
        if (options.top_terms > 0 && weighted.size() > options.top_terms) {
          auto mid = weighted.begin() + static_cast<long>(options.top_terms);
          std::nth_element(weighted.begin(), mid - 1, weighted.end(), [](const auto& a, const auto& b) {
            return a.first > b.first || (a.first == b.first && a.second < b.second);
          });
          weighted.erase(mid, weighted.end());
        }
        std::sort(weighted.begin(), weighted.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        double norm = 0;
        for (const auto& w : weighted) norm += static_cast<double>(w.first) * w.first;
        const float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
        out[s].ids.reserve(weighted.size());
        out[s].values.reserve(weighted.size());
        for (const auto& w : weighted) {
          out[s].ids.push_back(w.second);
          out[s].values.push_back(w.first * inv);
        }
      },
      options.threads);
  return out;
}

std::vector<uint32_t> GroupTopics(const std::vector<const Document*>& docs, const std::vector<uint32_t>& story_of,
                                  const TopicOptions& options) {
  if (docs.empty()) return {};
  const std::vector<SparseVector> vectors = TopicVectors(docs, story_of, options);
  const size_t k = vectors.size();
  // Cosines of the stories sharing a word, through an inverted index (the
  // vectors are short: at most top_terms words each).
  uint32_t max_id = 0;
  for (const SparseVector& v : vectors) {
    if (!v.ids.empty()) max_id = std::max(max_id, v.ids.back());
  }
  std::vector<std::vector<uint32_t>> postings(static_cast<size_t>(max_id) + 1);
  for (uint32_t s = 0; s < k; ++s) {
    for (uint32_t id : vectors[s].ids) postings[id].push_back(s);
  }
  using Edges = std::vector<std::vector<std::pair<uint32_t, float>>>;
  Edges edges(k);
  ParallelFor(
      k,
      [&](size_t i) {
        std::vector<uint32_t> cands;
        for (uint32_t id : vectors[i].ids) {
          for (uint32_t j : postings[id]) {
            if (j >= i) break;  // postings ascend
            cands.push_back(j);
          }
        }
        std::sort(cands.begin(), cands.end());
        cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
        for (uint32_t j : cands) {
          float c = vectors[i].Dot(vectors[j]);
          if (c > 0 && c >= options.min_cosine) edges[i].emplace_back(j, c);
        }
      },
      options.threads);
  // Each story's best cosine, then cosines relative to both stories' best.
  std::vector<float> best(k, 0.0f);
  for (uint32_t i = 0; i < k; ++i) {
    for (const auto& [j, c] : edges[i]) {
      best[i] = std::max(best[i], c);
      best[j] = std::max(best[j], c);
    }
  }
  for (uint32_t i = 0; i < k; ++i) {
    for (auto& e : edges[i]) e.second /= std::sqrt(best[i] * best[e.first]);
  }
  std::vector<uint32_t> topic_of_story = ClusterGraphAverageLink(std::move(edges), options.threshold);
  // Relabel by first document so labels read in input order.
  std::unordered_map<uint32_t, uint32_t> dense;
  std::vector<uint32_t> out(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    uint32_t t = topic_of_story[story_of[i]];
    out[i] = dense.try_emplace(t, static_cast<uint32_t>(dense.size())).first->second;
  }
  return out;
}

}  // namespace rashomon
