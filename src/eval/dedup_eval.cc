#include "eval/dedup_eval.h"

#include <algorithm>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/sorted.h"

namespace rashomon {
namespace {

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t inter = SortedIntersectionSize(a, b);
  size_t uni = a.size() + b.size() - inter;
  return uni == 0 ? 0.0 : static_cast<double>(inter) / static_cast<double>(uni);
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

}  // namespace

DedupPairScore ScoreDedupPairs(const std::vector<std::string_view>& texts,
                               const std::vector<std::string>& story,
                               const std::vector<std::vector<uint32_t>>& groups, double threshold,
                               const ShingleOptions& shingle, size_t cross_samples, int threads) {
  DedupPairScore score;
  const size_t n = texts.size();
  std::vector<std::vector<uint64_t>> sets(n);
  ParallelFor(
      n,
      [&](size_t i) {
        Shingler shingler(shingle);
        shingler.ShingleHashes(texts[i], &sets[i]);
        std::sort(sets[i].begin(), sets[i].end());
        sets[i].erase(std::unique(sets[i].begin(), sets[i].end()), sets[i].end());
      },
      threads);

  std::unordered_map<std::string, std::vector<uint32_t>> by_story;
  for (uint32_t i = 0; i < n; ++i) by_story[story[i]].push_back(i);
  std::vector<const std::vector<uint32_t>*> stories;
  stories.reserve(by_story.size());
  for (const auto& [id, members] : by_story) stories.push_back(&members);
  std::vector<std::vector<uint64_t>> truth_parts(stories.size());
  std::vector<size_t> checked(stories.size());
  ParallelFor(
      stories.size(),
      [&](size_t s) {
        const auto& m = *stories[s];
        for (size_t x = 0; x < m.size(); ++x) {
          for (size_t y = x + 1; y < m.size(); ++y) {
            ++checked[s];
            if (Jaccard(sets[m[x]], sets[m[y]]) >= threshold)
              truth_parts[s].push_back(PairKey(m[x], m[y]));
          }
        }
      },
      threads);
  std::unordered_set<uint64_t> truth;
  for (size_t s = 0; s < stories.size(); ++s) {
    truth.insert(truth_parts[s].begin(), truth_parts[s].end());
    score.pairs_checked += checked[s];
  }
  score.true_pairs = truth.size();

  std::unordered_set<uint64_t> predicted;
  for (const auto& g : groups) {
    for (size_t x = 0; x < g.size(); ++x) {
      for (size_t y = x + 1; y < g.size(); ++y) predicted.insert(PairKey(g[x], g[y]));
    }
  }
  score.predicted_pairs = predicted.size();
  for (uint64_t p : predicted) {
    if (truth.count(p)) {
      ++score.correct;
      continue;
    }
    // A predicted pair across stories was never in the truth set: check it.
    uint32_t a = static_cast<uint32_t>(p >> 32), b = static_cast<uint32_t>(p);
    double j = Jaccard(sets[a], sets[b]);
    if (story[a] != story[b] && j >= threshold) {
      ++score.correct;
    } else if (j >= threshold - 0.05) {
      ++score.false_near_threshold;
    }
  }
  score.recall = 1.0;
  if (score.true_pairs) {
    size_t found = 0;
    for (uint64_t p : truth) {
      if (predicted.count(p)) {
        ++found;
      } else if (Jaccard(sets[p >> 32], sets[static_cast<uint32_t>(p)]) < threshold + 0.05) {
        ++score.missed_near_threshold;
      }
    }
    score.recall = static_cast<double>(found) / score.true_pairs;
  }
  score.precision =
      score.predicted_pairs ? static_cast<double>(score.correct) / score.predicted_pairs : 1.0;

  // A fixed seed on purpose: the sample, and so the figure, is the same on
  // every run. NOLINTNEXTLINE(cert-msc32-c,cert-msc51-cpp)
  std::mt19937_64 rng(kDefaultHashSeed);
  for (size_t k = 0; k < cross_samples && n > 1; ++k) {
    uint32_t a = static_cast<uint32_t>(rng() % n), b = static_cast<uint32_t>(rng() % n);
    if (a == b || story[a] == story[b]) continue;
    ++score.cross_checked;
    score.cross_max = std::max(score.cross_max, Jaccard(sets[a], sets[b]));
  }
  return score;
}

}  // namespace rashomon
