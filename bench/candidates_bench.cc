// Candidate generation for batch story clustering (stories/candidates.h):
// CPU time per item at growing corpus sizes. The work per item is bounded,
// so the time per item should stay flat as the corpus grows.
#include <benchmark/benchmark.h>

#include <cmath>
#include <map>
#include <random>
#include <vector>

#include "stories/candidates.h"

namespace rashomon {
namespace {

// Items of about 250 terms drawn from a Zipf-like vocabulary of 200,000
// (as in news text), plus 30 terms of the item's story (eight items each).
std::vector<SparseVector> Vectors(size_t n) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<SparseVector> out(n);
  for (size_t i = 0; i < n; ++i) {
    std::map<uint32_t, float> terms;
    for (int t = 0; t < 250; ++t) {
      const auto id = static_cast<uint32_t>(std::pow(200000.0, u(rng)));  // log-uniform: Zipf-like ranks
      terms[id] += 1.0f;
    }
    const auto story = static_cast<uint32_t>(i / 8);
    for (uint32_t t = 0; t < 30; ++t) terms[300000 + story * 30 + t] += 2.0f;
    float norm = 0;
    for (auto& [id, w] : terms) {
      w *= std::log(1.0f + static_cast<float>(id) / 10.0f) + 1.0f;  // rarer: heavier
      norm += w * w;
    }
    norm = std::sqrt(norm);
    for (const auto& [id, w] : terms) {
      out[i].ids.push_back(id);
      out[i].values.push_back(w / norm);
    }
  }
  return out;
}

void BM_FindCandidates(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  const std::vector<SparseVector> vectors = Vectors(n);
  std::vector<CandidateInput> items;
  for (const SparseVector& v : vectors) items.push_back({&v, std::nullopt});
  for (auto _ : state) {
    auto cands = FindCandidates(items, CandidateOptions{}, 1);
    benchmark::DoNotOptimize(cands);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_FindCandidates)->Arg(10000)->Arg(40000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rashomon
