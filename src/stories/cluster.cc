#include "stories/cluster.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <queue>
#include <span>
#include <type_traits>
#include <unordered_map>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/sorted.h"
#include "base/union_find.h"
#include "sketch/lsh.h"
#include "sketch/minhash.h"
#include "stories/join_model.h"
#include "stories/neighbour_sums.h"
#include "stories/story_merge.h"

namespace rashomon {
namespace {

float TimeFactor(const ClusterItem& a, const ClusterItem& b, const ClusterOptions& o) {
  if (!a.published || !b.published) return 1.0f;
  double days = std::abs(static_cast<double>(*a.published - *b.published)) / 86400.0;
  if (days <= o.full_days) return 1.0f;
  if (days >= o.zero_days) return o.time_floor;
  double t = (days - o.full_days) / (o.zero_days - o.full_days);
  return static_cast<float>(1.0 - t * (1.0 - o.time_floor));
}

std::vector<uint32_t> Relabel(const std::vector<uint32_t>& root) {
  std::unordered_map<uint32_t, uint32_t> label;
  std::vector<uint32_t> out(root.size());
  for (size_t i = 0; i < root.size(); ++i) {
    auto [it, inserted] = label.try_emplace(root[i], static_cast<uint32_t>(label.size()));
    out[i] = it->second;
  }
  return out;
}

}  // namespace

namespace {

// ItemSimilarity given the cosine of the two vectors.
// The short-text boost of an item with `terms` distinct terms (1: none);
// a pair takes the boost of its shorter member.
float ShortBoost(size_t terms, const ClusterOptions& options) {
  const auto t = static_cast<float>(terms);
  if (t <= 0 || t >= options.short_terms || options.short_power <= 0) return 1.0f;
  return std::max(1.0f, std::min(std::pow(options.short_terms / t, options.short_power), options.max_short_boost));
}

float SimilarityFromDot(const ClusterItem& a, const ClusterItem& b, float dot, const ClusterOptions& options) {
  float sim = dot * TimeFactor(a, b, options);
  sim *= ShortBoost(std::min(a.vector.size(), b.vector.size()), options);
  if (options.name_floor < 1.0f && a.names.size() >= static_cast<size_t>(options.min_names) &&
      b.names.size() >= static_cast<size_t>(options.min_names)) {
    sim *= options.name_floor + (1.0f - options.name_floor) * a.names.Dot(b.names);
  }
  return sim;
}

}  // namespace

float ItemSimilarity(const ClusterItem& a, const ClusterItem& b, const ClusterOptions& options) {
  return SimilarityFromDot(a, b, a.vector.Dot(b.vector), options);
}

namespace {

using Edges = std::vector<std::vector<std::pair<uint32_t, float>>>;

std::vector<const ClusterItem*> Pointers(const std::vector<ClusterItem>& items) {
  std::vector<const ClusterItem*> out(items.size());
  for (size_t i = 0; i < items.size(); ++i) out[i] = &items[i];
  return out;
}

// Candidate pairs (j < i) from the bounded term index (stories/candidates.h),
// each pair once, with its similarity when at least options.min_edge. The
// dot products come from the candidate search, which has computed each
// pair's already (the same value in either direction).
Edges BuildBoundedEdges(const std::vector<const ClusterItem*>& items, const ClusterOptions& options) {
  const size_t n = items.size();
  // Per item, its candidate pairs' smaller members and their dot products.
  std::vector<std::vector<std::pair<uint32_t, float>>> lower(n);
  {
    std::vector<CandidateInput> inputs(n);
    for (size_t i = 0; i < n; ++i) inputs[i] = {&items[i]->vector, items[i]->published};
    std::vector<std::vector<float>> dots;
    std::vector<std::vector<uint32_t>> cands =
        FindCandidates(inputs, options.candidates, options.threads, nullptr, &dots);
    for (uint32_t i = 0; i < n; ++i) {
      for (size_t c = 0; c < cands[i].size(); ++c) {
        const uint32_t j = cands[i][c];
        if (j < i) {
          lower[i].emplace_back(j, dots[i][c]);
        } else {
          lower[j].emplace_back(i, dots[i][c]);
        }
      }
      std::vector<uint32_t>().swap(cands[i]);
      std::vector<float>().swap(dots[i]);
    }
  }
  Edges edges(n);
  ParallelFor(
      n,
      [&](size_t i) {
        std::vector<std::pair<uint32_t, float>>& l = lower[i];
        std::sort(l.begin(), l.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        l.erase(std::unique(l.begin(), l.end(), [](const auto& x, const auto& y) { return x.first == y.first; }),
                l.end());
        for (const auto& [j, dot] : l) {
          const float s = SimilarityFromDot(*items[i], *items[j], dot, options);
          if (s >= options.min_edge) edges[i].emplace_back(j, s);
        }
        std::vector<std::pair<uint32_t, float>>().swap(l);
      },
      options.threads);
  return edges;
}

// Candidate pairs (j < i) sharing a term, with their similarity when at least options.min_edge. Corpora
// above options.small_corpus take their pairs from the bounded index.
Edges BuildEdges(const std::vector<const ClusterItem*>& items, const ClusterOptions& options) {
  const size_t n = items.size();
  if (n > options.small_corpus) return BuildBoundedEdges(items, options);
  uint32_t max_id = 0;
  size_t entries = 0;
  for (const ClusterItem* it : items) {
    if (!it->vector.ids.empty()) max_id = std::max(max_id, it->vector.ids.back());
    entries += it->vector.ids.size();
  }
  // The arrays below are indexed by term id. When the ids are sparse in a
  // much larger id space (the store numbers every term its process has met
  // and clusters a few dozen items at a time), each item's ids are replaced
  // by local ones, numbered in the order first met, so those arrays follow
  // the items, not the vocabulary. Any one-to-one renumbering gives the
  // same edges bit for bit: a dot product below adds its products in the
  // order of the candidate's own terms, whatever their ids.
  std::vector<uint32_t> local;        // all items' local ids, item after item
  std::vector<size_t> local_begin;   // item i's start in `local`
  if (static_cast<size_t>(max_id) + 1 > 2 * entries + 64) {
    // Global id -> local id + 1 (0: none yet), kept per thread across calls
    // and cleared after use, so a call costs its entries, not max_id.
    thread_local std::vector<uint32_t> local_of;
    if (local_of.size() < static_cast<size_t>(max_id) + 1) local_of.resize(static_cast<size_t>(max_id) + 1, 0);
    std::vector<uint32_t> met;  // global ids in the order first met
    local.reserve(entries);
    local_begin.reserve(n + 1);
    for (const ClusterItem* it : items) {
      local_begin.push_back(local.size());
      for (uint32_t id : it->vector.ids) {
        uint32_t& slot = local_of[id];
        if (slot == 0) {
          met.push_back(id);
          slot = static_cast<uint32_t>(met.size());
        }
        local.push_back(slot - 1);
      }
    }
    local_begin.push_back(local.size());
    for (uint32_t id : met) local_of[id] = 0;
    max_id = met.empty() ? 0 : static_cast<uint32_t>(met.size() - 1);
  }
  auto ids_of = [&](size_t i) -> std::span<const uint32_t> {
    if (local_begin.empty()) return items[i]->vector.ids;
    return {local.data() + local_begin[i], local_begin[i + 1] - local_begin[i]};
  };
  const size_t vocab = static_cast<size_t>(max_id) + 1;
  std::vector<uint32_t> df(vocab, 0);
  for (size_t i = 0; i < n; ++i) {
    for (uint32_t id : ids_of(i)) ++df[id];
  }
  // Small corpora compare through every shared term.
  auto usable = [&](uint32_t id) { return df[id] >= 2; };
  // The items of each usable term, ascending, in one array: term id's list
  // is postings[posting_begin[id] .. posting_begin[id + 1]).
  std::vector<size_t> posting_begin(vocab + 1, 0);
  for (uint32_t id = 0; id < vocab; ++id) posting_begin[id + 1] = posting_begin[id] + (usable(id) ? df[id] : 0);
  std::vector<uint32_t> postings(posting_begin[vocab]);
  {
    std::vector<size_t> fill(posting_begin.begin(), posting_begin.end() - 1);
    for (uint32_t i = 0; i < n; ++i) {
      for (uint32_t id : ids_of(i)) {
        if (usable(id)) postings[fill[id]++] = i;
      }
    }
  }
  Edges edges(n);
  // Per thread: item i's vector scattered into a dense array (so a dot
  // product walks only the candidate's terms, in id order, summing exactly
  // what the sorted merge would), and a stamp per item to list each
  // candidate once without sorting the raw posting hits.
  struct Scratch {
    std::vector<float> dense;
    std::vector<uint32_t> seen;
    std::vector<uint32_t> cands;
  };
  std::mutex scratch_mu;
  std::vector<std::unique_ptr<Scratch>> pool;
  auto acquire = [&]() {
    std::lock_guard<std::mutex> lock(scratch_mu);
    if (pool.empty()) {
      auto s = std::make_unique<Scratch>();
      s->dense.assign(max_id + 1, 0.0f);
      s->seen.assign(n, UINT32_MAX);
      return s;
    }
    auto s = std::move(pool.back());
    pool.pop_back();
    return s;
  };
  auto release = [&](std::unique_ptr<Scratch> s) {
    std::lock_guard<std::mutex> lock(scratch_mu);
    pool.push_back(std::move(s));
  };
  ParallelFor(
      n,
      [&](size_t i) {
        std::unique_ptr<Scratch> scratch = acquire();
        auto& cands = scratch->cands;
        auto& seen = scratch->seen;
        auto& dense = scratch->dense;
        cands.clear();
        const uint32_t me = static_cast<uint32_t>(i);
        const std::span<const uint32_t> mine = ids_of(i);
        for (uint32_t id : mine) {
          if (!usable(id)) continue;
          for (size_t p = posting_begin[id]; p < posting_begin[id + 1]; ++p) {
            const uint32_t j = postings[p];
            if (j >= i) break;
            if (seen[j] != me) {
              seen[j] = me;
              cands.push_back(j);
            }
          }
        }
        std::sort(cands.begin(), cands.end());
        const std::vector<float>& v = items[i]->vector.values;
        for (size_t t = 0; t < mine.size(); ++t) dense[mine[t]] = v[t];
        for (uint32_t j : cands) {
          const std::span<const uint32_t> theirs = ids_of(j);
          const std::vector<float>& w = items[j]->vector.values;
          float dot = 0;
          for (size_t t = 0; t < theirs.size(); ++t) {
            dot += dense[theirs[t]] * w[t];
          }
          float s = SimilarityFromDot(*items[i], *items[j], dot, options);
          if (s >= options.min_edge) edges[i].emplace_back(j, s);
        }
        for (uint32_t id : mine) dense[id] = 0.0f;
        release(std::move(scratch));
      },
      options.threads);
  return edges;
}

// Replaces each edge weight by the shared-nearest-neighbour blend.
void SmoothWithSharedNeighbours(Edges& edges, const ClusterOptions& options) {
  const size_t n = edges.size();
  const size_t k = static_cast<size_t>(options.snn_k);
  std::vector<std::vector<std::pair<float, uint32_t>>> adj(n);
  for (uint32_t i = 0; i < n; ++i) {
    for (auto [j, s] : edges[i]) {
      if (s < options.snn_min_sim) continue;
      adj[i].emplace_back(s, j);
      adj[j].emplace_back(s, i);
    }
  }
  // Top-k neighbours of each item, plus the item itself, sorted by id.
  std::vector<std::vector<uint32_t>> knn(n);
  ParallelFor(
      n,
      [&](size_t i) {
        auto& a = adj[i];
        size_t take = std::min(k, a.size());
        std::partial_sort(a.begin(), a.begin() + static_cast<long>(take), a.end(),
                          [](const auto& x, const auto& y) {
                            return x.first > y.first || (x.first == y.first && x.second < y.second);
                          });
        knn[i].reserve(take + 1);
        for (size_t t = 0; t < take; ++t) knn[i].push_back(a[t].second);
        knn[i].push_back(static_cast<uint32_t>(i));
        std::sort(knn[i].begin(), knn[i].end());
      },
      options.threads);
  std::vector<std::vector<std::pair<float, uint32_t>>>().swap(adj);
  const float mix = options.snn_mix;
  const float denom = static_cast<float>(k + 1);
  ParallelFor(
      n,
      [&](size_t i) {
        const auto& a = knn[i];
        for (auto& [j, s] : edges[i]) {
          const auto& b = knn[j];
          size_t common = SortedIntersectionSize(a, b);
          bool linked = std::binary_search(a.begin(), a.end(), j) ||
                        std::binary_search(b.begin(), b.end(), static_cast<uint32_t>(i));
          float snn = static_cast<float>(common) / denom * (linked ? 1.0f : 0.5f);
          s = (1 - mix) * s + mix * snn;
        }
      },
      options.threads);
}

}  // namespace

AnchorVeto PairVeto(const ClusterItem& a, const ClusterItem& b, const ClusterOptions& options) {
  const AnchorVeto veto = StrongAnchorConflict(a.anchors, b.anchors, options.veto_days,
                                               PublishedDaysApart(a.published, b.published), options.join_families);
  // Other place and other people in the ledes, but names in common
  // further down: the ledes told different parts of one story.
  if (veto == AnchorVeto::kPlaceAndPeople && a.names.Dot(b.names) >= options.veto_names) return AnchorVeto::kNone;
  return veto;
}

float PairJoinScore(float similarity, const ClusterItem& a, const ClusterItem& b, const ClusterOptions& options) {
  const float score =
      JoinScore(PairJoinFeatures(similarity, a.anchors, b.anchors, options.join_families), options.join_weights);
  if (options.veto_penalty <= 0 || PairVeto(a, b, options) == AnchorVeto::kNone) return score;
  return -options.veto_penalty * score;
  return score;
}

namespace {

// Each edge's weight becomes the join score (ClusterOptions::join_model).
void ApplyJoinModel(Edges& edges, const std::vector<const ClusterItem*>& items, const ClusterOptions& options) {
  ParallelFor(
      edges.size(),
      [&](size_t i) {
        for (auto& [j, s] : edges[i]) s = PairJoinScore(s, *items[i], *items[j], options);
      },
      options.threads);
}

float LinkThreshold(const ClusterOptions& options) {
  return options.join_model ? options.join_threshold : options.threshold;
}

// When two stories may merge under average linkage (above `threshold`)
// and, with share > 0, the cross-agreement rule: two stories of at least
// share_from members each merge only when at least `share` of their cross
// pairs that were compared (the graph's edges) reach the threshold. A mean
// alone lets a few very close pairs (a report that tells both events, two
// near-copies of one paragraph) carry two stories whose other members
// disagree.
struct LinkRule {
  float threshold = 0;
  float share = 0;
  float share_from = 2;
  // Per item, the share of a member it counts as in the averages and the
  // share (a pair counts as the product of its two members'; empty: 1
  // each). ClusterOptions::short_evidence.
  std::vector<float> evidence;
};

// Summed edge weights between two clusters, and for the share rule the
// (weighted) numbers of their compared pairs and of those at or above the
// threshold.
struct CrossLinks {
  float sum = 0;
  float compared = 0;
  float above = 0;
  CrossLinks& operator+=(const CrossLinks& o) {
    sum += o.sum;
    compared += o.compared;
    above += o.above;
    return *this;
  }
};

float SumOf(float v) { return v; }
float SumOf(const CrossLinks& v) { return v.sum; }

// One edge of weight s between items weighing wa and wb.
template <typename Value>
Value EdgeValue(float s, float wa, float wb, float threshold) {
  if constexpr (std::is_same_v<Value, float>) {
    return s * wa * wb;
  } else {
    const float pairs = wa * wb;
    return {s * pairs, pairs, s >= threshold ? pairs : 0.0f};
  }
}

template <typename Value>
bool AgreeEnough(const Value& v, float size_a, float size_b, const LinkRule& rule) {
  if constexpr (std::is_same_v<Value, float>) {
    return true;
  } else {
    if (size_a < rule.share_from || size_b < rule.share_from) return true;
    return v.above >= rule.share * v.compared;
  }
}

// Average linkage over the graph, starting from `initial` (one label per
// item; clusters are its classes), merging while the average is >= the
// rule's threshold (and its share rule holds).
// Item i counts as weight[i] identical items (1 each when `weight` is empty)
// of rule.evidence[i] members each: its edges count that product for i
// times the one for j, and its cluster's mass (the averages' denominator)
// grows by it; the size the share rule's share_from looks at counts copies.
template <typename Value>
std::vector<uint32_t> AverageLinkWith(Edges edges, const std::vector<uint32_t>& initial,
                                      const std::vector<uint32_t>& weight, const LinkRule& rule) {
  const float threshold = rule.threshold;
  // An item's copies times the share of a member it counts as.
  auto copies_of = [&weight](uint32_t i) { return weight.empty() ? 1.0f : static_cast<float>(weight[i]); };
  auto weight_of = [&](uint32_t i) { return copies_of(i) * (rule.evidence.empty() ? 1.0f : rule.evidence[i]); };
  const size_t n = edges.size();
  // Cluster ids are the smallest item of each initial class.
  std::unordered_map<uint32_t, uint32_t> rep;
  std::vector<uint32_t> cluster_of(n);
  for (uint32_t i = 0; i < n; ++i) {
    auto [it, inserted] = rep.try_emplace(initial[i], i);
    cluster_of[i] = it->second;
  }
  std::vector<NeighbourMap<Value>> nbr(n);
  {
    std::vector<uint32_t> degree(n, 0);
    for (uint32_t i = 0; i < n; ++i) {
      for (auto [j, s] : edges[i]) {
        ++degree[cluster_of[i]];
        ++degree[cluster_of[j]];
      }
    }
    for (uint32_t i = 0; i < n; ++i) {
      if (degree[i] > 0) nbr[i].Reserve(degree[i]);
    }
  }
  for (uint32_t i = 0; i < n; ++i) {
    for (auto [j, s] : edges[i]) {
      uint32_t a = cluster_of[i], b = cluster_of[j];
      if (a == b) continue;
      const Value w = EdgeValue<Value>(s, weight_of(i), weight_of(j), threshold);
      nbr[a][b] += w;
      nbr[b][a] += w;
    }
    std::vector<std::pair<uint32_t, float>>().swap(edges[i]);
  }
  std::vector<float> size(n, 0);
  std::vector<float> mass(n, 0);  // the members' summed weights, for the averages
  for (uint32_t i = 0; i < n; ++i) {
    size[cluster_of[i]] += copies_of(i);
    mass[cluster_of[i]] += weight_of(i);
  }
  std::vector<uint32_t> version(n, 0);
  std::vector<bool> alive(n, false);
  for (uint32_t i = 0; i < n; ++i) alive[cluster_of[i]] = true;
  UnionFind merged(n);  // the items of each cluster; roots do not matter (Relabel)
  for (uint32_t i = 0; i < n; ++i) merged.Union(i, cluster_of[i]);

  struct Cand {
    float avg;
    uint32_t a, b;
    uint32_t va, vb;
    bool operator<(const Cand& o) const {
      if (avg != o.avg) return avg < o.avg;
      // Deterministic tie-break: prefer lower ids.
      if (a != o.a) return a > o.a;
      return b > o.b;
    }
  };
  std::priority_queue<Cand> heap;
  auto push = [&](uint32_t a, uint32_t b, const Value& v) {
    float avg = SumOf(v) / (mass[a] * mass[b]);
    if (avg < threshold) return;
    if (!AgreeEnough(v, size[a], size[b], rule)) return;
    if (a > b) std::swap(a, b);
    heap.push({avg, a, b, version[a], version[b]});
  };
  for (uint32_t i = 0; i < n; ++i) {
    nbr[i].ForEach([&](uint32_t j, const Value& s) {
      if (j > i) push(i, j, s);
    });
  }
  while (!heap.empty()) {
    Cand c = heap.top();
    heap.pop();
    if (!alive[c.a] || !alive[c.b] || version[c.a] != c.va || version[c.b] != c.vb) continue;
    // Merge the smaller neighbour map into the larger; the survivor keeps its id.
    uint32_t keep = c.a, gone = c.b;
    if (nbr[keep].size() < nbr[gone].size()) std::swap(keep, gone);
    alive[gone] = false;
    merged.Union(gone, keep);
    nbr[keep].Take(gone);
    nbr[gone].ForEach([&](uint32_t k, const Value& s) {
      if (k == keep) return;
      nbr[keep][k] += s;
      NeighbourMap<Value>& back = nbr[k];
      Value moved = back.Take(gone);
      back[keep] += moved;
    });
    nbr[gone].Release();
    size[keep] += size[gone];
    mass[keep] += mass[gone];
    ++version[keep];
    nbr[keep].ForEach([&](uint32_t k, const Value& s) {
      if (alive[k]) push(keep, k, s);
    });
  }
  std::vector<uint32_t> root(n);
  for (uint32_t i = 0; i < n; ++i) root[i] = merged.Find(i);
  return Relabel(root);
}

std::vector<uint32_t> AverageLink(Edges edges, const std::vector<uint32_t>& initial,
                                  const std::vector<uint32_t>& weight, const LinkRule& rule) {
  if (rule.share > 0) return AverageLinkWith<CrossLinks>(std::move(edges), initial, weight, rule);
  return AverageLinkWith<float>(std::move(edges), initial, weight, rule);
}

std::vector<uint32_t> AverageLink(Edges edges, const std::vector<uint32_t>& initial,
                                  const std::vector<uint32_t>& weight, float threshold) {
  return AverageLink(std::move(edges), initial, weight, LinkRule{threshold, 0, 2, {}});
}

// The rule of the story clustering of `items` under the options.
LinkRule StoryLinkRule(const std::vector<const ClusterItem*>& items, const ClusterOptions& options) {
  LinkRule rule;
  rule.threshold = LinkThreshold(options);
  if (options.join_model) {
    rule.share = options.cross_share;
    rule.share_from = options.cross_share_from;
  }
  if (options.join_model && options.short_evidence > 0 && !items.empty()) {
    std::vector<float> boost(items.size());
    for (size_t i = 0; i < items.size(); ++i) boost[i] = ShortBoost(items[i]->vector.size(), options);
    std::vector<float> sorted = boost;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2), sorted.end());
    const float usual = sorted[sorted.size() / 2];  // the median item's boost
    rule.evidence.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      rule.evidence[i] = boost[i] <= usual ? 1.0f : std::pow(usual / boost[i], options.short_evidence);
    }
    if (std::all_of(rule.evidence.begin(), rule.evidence.end(), [](float e) { return e == 1.0f; })) {
      rule.evidence.clear();  // nobody shorter than usual: plain average linkage
    }
  }
  return rule;
}

// Near-duplicate folding (ClusterOptions::near_duplicate): MinHash LSH over
// the items' term sets proposes groups whose estimated Jaccard reaches this;
// the exact similarity then decides. A pair it misses is merely clustered
// unfolded.
constexpr double kFoldJaccard = 0.8;
// Chain entries inspected per band and query. Items that are alike but not
// near-duplicates (100,000 notes differing in one number) all start groups
// and fill the same bands; an unbounded walk would make folding quadratic.
// A copy needs to reach its group's first member in one band only, and the
// first members of unrelated groups seldom share a band key.
constexpr size_t kFoldMaxChain = 8;
// Items signed at a time (signatures are 512 bytes each).
constexpr size_t kFoldBatch = 4096;

// Cosine times time damping, without the short-text boost.
float PlainSimilarity(const ClusterItem& a, const ClusterItem& b, const ClusterOptions& options) {
  return a.vector.Dot(b.vector) * TimeFactor(a, b, options);
}

// Per item, the first member of its near-duplicate group (itself if it
// starts one, or if its group has fewer than options.min_fold members).
// Greedy in input order: an item joins the most similar group whose first
// member it is a near-duplicate of, so the result depends only on the items
// and their order.
std::vector<uint32_t> FoldNearDuplicates(const std::vector<ClusterItem>& items, const ClusterOptions& options) {
  const size_t n = items.size();
  std::vector<uint32_t> first(n);
  for (uint32_t i = 0; i < n; ++i) first[i] = i;
  const MinHasher hasher;
  LshOptions lsh;
  lsh.threshold = kFoldJaccard;
  lsh.max_chain = kFoldMaxChain;
  lsh.num_values = hasher.num_values();
  LshIndex index(lsh);
  std::vector<uint32_t> first_of_id;  // LSH id -> item: the groups' first members
  std::vector<Signature> signatures(std::min(n, kFoldBatch));
  std::vector<LshIndex::Match> matches;
  for (size_t begin = 0; begin < n; begin += kFoldBatch) {
    const size_t count = std::min(kFoldBatch, n - begin);
    ParallelFor(
        count,
        [&](size_t k) {
          const std::vector<uint32_t>& ids = items[begin + k].vector.ids;
          std::vector<uint64_t> hashes(ids.size());
          for (size_t t = 0; t < ids.size(); ++t) hashes[t] = HashCombine(kDefaultHashSeed, ids[t]);
          hasher.Sign(hashes, &signatures[k]);
        },
        options.threads);
    for (size_t k = 0; k < count; ++k) {
      const auto i = static_cast<uint32_t>(begin + k);
      if (signatures[k].empty()) continue;  // no terms: a group of its own
      index.Query(signatures[k], &matches);
      // The most similar group, the earliest on ties.
      float best = -1;
      for (const LshIndex::Match& m : matches) {
        const uint32_t f = first_of_id[m.id];
        const float s = PlainSimilarity(items[i], items[f], options);
        if (s >= options.near_duplicate && s > best) {
          best = s;
          first[i] = f;
        }
      }
      if (first[i] != i) continue;
      index.Insert(signatures[k]);
      first_of_id.push_back(i);
    }
  }
  // Groups below min_fold stay unfolded.
  std::vector<uint32_t> members(n, 0);
  for (uint32_t i = 0; i < n; ++i) ++members[first[i]];
  for (uint32_t i = 0; i < n; ++i) {
    if (members[first[i]] < options.min_fold) first[i] = i;
  }
  return first;
}

}  // namespace

std::vector<uint32_t> ClusterAverageLink(const std::vector<ClusterItem>& items,
                                         const ClusterOptions& options) {
  if (items.empty()) return {};
  const size_t n = items.size();
  std::vector<uint32_t> first;
  if (n > options.small_corpus && options.near_duplicate < 1.0f) first = FoldNearDuplicates(items, options);
  // The groups' first members, in input order, and each item's slot among them.
  std::vector<const ClusterItem*> kept;
  std::vector<uint32_t> weight, slot(n);
  for (uint32_t i = 0; i < n; ++i) {
    if (first.empty() || first[i] == i) {
      slot[i] = static_cast<uint32_t>(kept.size());
      kept.push_back(&items[i]);
      weight.push_back(0);
    } else {
      slot[i] = slot[first[i]];  // first[i] < i: already placed
    }
    ++weight[slot[i]];
  }
  if (kept.size() == n) weight.clear();  // nothing folded: plain average linkage
  Edges edges = BuildEdges(kept, options);
  if (options.snn_k > 0 && options.snn_mix > 0) SmoothWithSharedNeighbours(edges, options);
  if (options.join_model) ApplyJoinModel(edges, kept, options);
  std::vector<uint32_t> singletons(kept.size());
  for (uint32_t i = 0; i < kept.size(); ++i) singletons[i] = i;
  std::vector<uint32_t> labels = AverageLink(std::move(edges), singletons, weight, StoryLinkRule(kept, options));
  if (n > options.small_corpus && options.merge.rounds > 0) labels = MergeSplitStories(kept, labels, options);
  if (kept.size() == n) return labels;
  std::vector<uint32_t> out(n);
  for (uint32_t i = 0; i < n; ++i) out[i] = labels[slot[i]];
  return Relabel(out);
}

std::vector<std::vector<std::pair<uint32_t, float>>> SimilarityGraph(const std::vector<ClusterItem>& items,
                                                                     const ClusterOptions& options) {
  Edges edges = BuildEdges(Pointers(items), options);
  if (options.snn_k > 0 && options.snn_mix > 0) SmoothWithSharedNeighbours(edges, options);
  return edges;
}

std::vector<uint32_t> MergeClusters(const std::vector<ClusterItem>& items,
                                    const std::vector<uint32_t>& initial, float threshold,
                                    const ClusterOptions& options) {
  if (items.empty()) return {};
  return AverageLink(BuildEdges(Pointers(items), options), initial, {}, threshold);
}

std::vector<uint32_t> ClusterGraphAverageLink(std::vector<std::vector<std::pair<uint32_t, float>>> edges,
                                              float threshold) {
  std::vector<uint32_t> singletons(edges.size());
  for (uint32_t i = 0; i < edges.size(); ++i) singletons[i] = i;
  return AverageLink(std::move(edges), singletons, {}, threshold);
}

std::vector<uint32_t> ClusterAverageLinkReference(const std::vector<ClusterItem>& items,
                                                  const ClusterOptions& options) {
  const size_t n = items.size();
  std::vector<std::vector<float>> sim(n, std::vector<float>(n, 0));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < i; ++j) {
      float s = ItemSimilarity(items[i], items[j], options);
      if (s < options.min_edge) s = 0;
      sim[i][j] = sim[j][i] = s;
    }
  }
  if (options.snn_k > 0 && options.snn_mix > 0) {
    // Each item's k most similar others (ties to the lower index), plus itself.
    const size_t k = static_cast<size_t>(options.snn_k);
    std::vector<std::vector<bool>> near(n, std::vector<bool>(n, false));
    for (size_t i = 0; i < n; ++i) {
      std::vector<std::pair<float, size_t>> others;
      for (size_t j = 0; j < n; ++j) {
        if (j != i && sim[i][j] > 0 && sim[i][j] >= options.snn_min_sim) others.emplace_back(sim[i][j], j);
      }
      std::sort(others.begin(), others.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
      });
      for (size_t t = 0; t < std::min(k, others.size()); ++t) near[i][others[t].second] = true;
      near[i][i] = true;
    }
    std::vector<std::vector<float>> smoothed = sim;
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        if (i == j || sim[i][j] == 0) continue;
        size_t common = 0;
        for (size_t x = 0; x < n; ++x) common += near[i][x] && near[j][x];
        bool linked = near[i][j] || near[j][i];
        float snn = static_cast<float>(common) / static_cast<float>(k + 1) * (linked ? 1.0f : 0.5f);
        smoothed[i][j] = (1 - options.snn_mix) * sim[i][j] + options.snn_mix * snn;
      }
    }
    sim = std::move(smoothed);
  }
  if (options.join_model) {
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        if (i != j && sim[i][j] != 0) {
          sim[i][j] = PairJoinScore(sim[i][j], items[i], items[j], options);
        }
      }
    }
  }
  const LinkRule rule = StoryLinkRule(Pointers(items), options);
  std::vector<std::vector<uint32_t>> clusters(n);
  for (uint32_t i = 0; i < n; ++i) clusters[i] = {i};
  while (true) {
    float best = -1;
    size_t ba = 0, bb = 0;
    for (size_t a = 0; a < clusters.size(); ++a) {
      for (size_t b = a + 1; b < clusters.size(); ++b) {
        auto evidence = [&](uint32_t x) { return rule.evidence.empty() ? 1.0 : static_cast<double>(rule.evidence[x]); };
        double sum = 0, mass_a = 0, mass_b = 0, compared = 0, above = 0;
        for (uint32_t x : clusters[a]) mass_a += evidence(x);
        for (uint32_t y : clusters[b]) mass_b += evidence(y);
        for (uint32_t x : clusters[a]) {
          for (uint32_t y : clusters[b]) {
            const double pair = evidence(x) * evidence(y);
            sum += pair * sim[x][y];
            if (sim[x][y] == 0) continue;
            compared += pair;
            if (sim[x][y] >= rule.threshold) above += pair;
          }
        }
        const bool both_large = static_cast<float>(clusters[a].size()) >= rule.share_from &&
                                static_cast<float>(clusters[b].size()) >= rule.share_from;
        if (rule.share > 0 && both_large && above < static_cast<double>(rule.share) * compared) {
          continue;
        }
        float avg = static_cast<float>(sum / (mass_a * mass_b));
        if (avg > best) {
          best = avg;
          ba = a;
          bb = b;
        }
      }
    }
    if (best < rule.threshold) break;
    clusters[ba].insert(clusters[ba].end(), clusters[bb].begin(), clusters[bb].end());
    clusters.erase(clusters.begin() + static_cast<long>(bb));
  }
  std::vector<uint32_t> root(n);
  for (const auto& c : clusters) {
    uint32_t r = *std::min_element(c.begin(), c.end());
    for (uint32_t x : c) root[x] = r;
  }
  return Relabel(root);
}

}  // namespace rashomon
