#include "stories/story_merge.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <utility>

#include "base/parallel.h"
#include "base/union_find.h"
#include "stories/candidates.h"

namespace rashomon {
namespace {

// Up to `limit` members spread evenly over `members` (ascending).
std::vector<uint32_t> Spread(const std::vector<uint32_t>& members, size_t limit) {
  if (members.size() <= limit) return members;
  std::vector<uint32_t> out(limit);
  for (size_t t = 0; t < limit; ++t) out[t] = members[t * members.size() / limit];
  return out;
}

// The strongest terms of the summed vectors of `members`, L2-normalised.
SparseVector Centroid(const std::vector<const ClusterItem*>& items, const std::vector<uint32_t>& members,
                      size_t terms) {
  std::vector<std::pair<uint32_t, float>> all;
  for (uint32_t m : members) {
    const SparseVector& v = items[m]->vector;
    for (size_t t = 0; t < v.size(); ++t) all.emplace_back(v.ids[t], v.values[t]);
  }
  std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::pair<uint32_t, float>> summed;
  for (const auto& [id, value] : all) {
    if (!summed.empty() && summed.back().first == id) {
      summed.back().second += value;
    } else {
      summed.emplace_back(id, value);
    }
  }
  if (summed.size() > terms) {
    std::nth_element(summed.begin(), summed.begin() + static_cast<long>(terms), summed.end(),
                     [](const auto& x, const auto& y) {
                       return x.second > y.second || (x.second == y.second && x.first < y.first);
                     });
    summed.resize(terms);
    std::sort(summed.begin(), summed.end());
  }
  float norm = 0;
  for (const auto& e : summed) norm += e.second * e.second;
  norm = std::sqrt(norm);
  SparseVector out;
  for (const auto& [id, value] : summed) {
    out.ids.push_back(id);
    out.values.push_back(norm > 0 ? value / norm : 0.0f);
  }
  return out;
}

// The earliest publication time among `members` (none if none is dated).
std::optional<int64_t> Earliest(const std::vector<const ClusterItem*>& items, const std::vector<uint32_t>& members) {
  std::optional<int64_t> out;
  for (uint32_t m : members) {
    const auto& p = items[m]->published;
    if (p && (!out || *p < *out)) out = p;
  }
  return out;
}

struct Verdict {
  bool join = false;
  float mean = 0;
};

// Whether two stories, through their sampled members, pass the join rule:
// the mean score of their cross pairs at or above the link threshold and,
// when both samples have at least cross_share_from members, at least
// cross_share of those pairs at or above it too.
Verdict Judge(const std::vector<const ClusterItem*>& items, const std::vector<uint32_t>& a,
              const std::vector<uint32_t>& b, const ClusterOptions& options) {
  const float threshold = options.join_model ? options.join_threshold : options.threshold;
  double sum = 0;
  size_t above = 0;
  for (uint32_t x : a) {
    for (uint32_t y : b) {
      const float sim = ItemSimilarity(*items[x], *items[y], options);
      const float s = options.join_model ? PairJoinScore(sim, *items[x], *items[y], options) : sim;
      sum += s;
      if (s >= threshold) ++above;
    }
  }
  const double pairs = static_cast<double>(a.size() * b.size());
  Verdict v;
  if (pairs == 0) return v;
  v.mean = static_cast<float>(sum / pairs);
  v.join = v.mean >= threshold;
  const auto from = static_cast<size_t>(std::ceil(options.cross_share_from));
  if (options.join_model && options.cross_share > 0 && a.size() >= from && b.size() >= from &&
      static_cast<double>(above) < static_cast<double>(options.cross_share) * pairs) {
    v.join = false;
  }
  return v;
}

// Candidate story pairs (a < b) whose centroids share index terms and reach
// min_centroid_dot.
std::vector<std::pair<uint32_t, uint32_t>> CandidatePairs(const std::vector<SparseVector>& centroids,
                                                          const std::vector<std::optional<int64_t>>& earliest,
                                                          const ClusterOptions& options) {
  const StoryMergeOptions& m = options.merge;
  std::vector<CandidateInput> inputs(centroids.size());
  for (size_t s = 0; s < centroids.size(); ++s) inputs[s] = {&centroids[s], earliest[s]};
  CandidateOptions co;
  co.index_terms = m.centroid_terms;
  co.postings_per_term = m.postings_per_term;
  co.max_candidates = m.candidates;
  co.second_hop = 0;
  const std::vector<std::vector<uint32_t>> cands = FindCandidates(inputs, co, options.threads);
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (uint32_t s = 0; s < cands.size(); ++s) {
    for (uint32_t t : cands[s]) {
      if (t == s) continue;
      if (centroids[s].Dot(centroids[t]) < m.min_centroid_dot) continue;
      pairs.emplace_back(std::min(s, t), std::max(s, t));
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

// One round: returns each story's new story (a root among 0..k-1), and
// whether anything merged.
bool MergeRound(const std::vector<const ClusterItem*>& items, const std::vector<std::vector<uint32_t>>& members,
                const ClusterOptions& options, std::vector<uint32_t>* root_of) {
  const StoryMergeOptions& m = options.merge;
  const size_t k = members.size();
  std::vector<SparseVector> centroids(k);
  std::vector<std::optional<int64_t>> earliest(k);
  std::vector<std::vector<uint32_t>> sample(k);
  ParallelFor(
      k,
      [&](size_t s) {
        centroids[s] = Centroid(items, Spread(members[s], static_cast<size_t>(m.centroid_members)),
                                static_cast<size_t>(m.centroid_terms));
        earliest[s] = Earliest(items, members[s]);
        sample[s] = Spread(members[s], static_cast<size_t>(m.sample));
      },
      options.threads);
  const std::vector<std::pair<uint32_t, uint32_t>> pairs = CandidatePairs(centroids, earliest, options);
  std::vector<Verdict> verdicts(pairs.size());
  ParallelFor(
      pairs.size(),
      [&](size_t p) { verdicts[p] = Judge(items, sample[pairs[p].first], sample[pairs[p].second], options); },
      options.threads);
  std::vector<size_t> order;
  for (size_t p = 0; p < pairs.size(); ++p) {
    if (verdicts[p].join) order.push_back(p);
  }
  // Best pairs first; a pair whose stories have grown since is judged
  // again on the grown stories' samples.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return verdicts[x].mean > verdicts[y].mean; });
  UnionFind stories(k);
  std::vector<bool> grown(k, false);
  bool any = false;
  for (size_t p : order) {
    const uint32_t ra = stories.Find(pairs[p].first), rb = stories.Find(pairs[p].second);
    if (ra == rb) continue;
    if ((grown[ra] || grown[rb]) && !Judge(items, sample[ra], sample[rb], options).join) continue;
    stories.Union(ra, rb);
    const uint32_t r = stories.Find(ra);
    std::vector<uint32_t> both = sample[ra];
    both.insert(both.end(), sample[rb].begin(), sample[rb].end());
    std::sort(both.begin(), both.end());
    sample[r] = Spread(both, static_cast<size_t>(m.sample));
    grown[r] = true;
    any = true;
  }
  root_of->resize(k);
  for (uint32_t s = 0; s < k; ++s) (*root_of)[s] = stories.Find(s);
  return any;
}

// Labels 0..k-1 in order of first item.
std::vector<uint32_t> Renumber(const std::vector<uint32_t>& labels) {
  std::unordered_map<uint32_t, uint32_t> label;
  std::vector<uint32_t> out(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    out[i] = label.try_emplace(labels[i], static_cast<uint32_t>(label.size())).first->second;
  }
  return out;
}

}  // namespace

std::vector<uint32_t> MergeSplitStories(const std::vector<const ClusterItem*>& items,
                                        const std::vector<uint32_t>& labels, const ClusterOptions& options) {
  std::vector<uint32_t> out = Renumber(labels);
  for (int round = 0; round < options.merge.rounds; ++round) {
    uint32_t k = 0;
    for (uint32_t l : out) k = std::max(k, l + 1);
    std::vector<std::vector<uint32_t>> members(k);
    for (uint32_t i = 0; i < out.size(); ++i) members[out[i]].push_back(i);
    std::vector<uint32_t> root_of;
    if (!MergeRound(items, members, options, &root_of)) break;
    for (uint32_t& l : out) l = root_of[l];
    out = Renumber(out);
  }
  return out;
}

}  // namespace rashomon
