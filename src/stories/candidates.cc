#include "stories/candidates.h"

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>

#include "base/parallel.h"

namespace rashomon {
namespace {

// One index entry: an item (by its rank in list order) under a term.
struct Entry {
  uint32_t term;
  uint32_t rank;
  float weight;
};

// One of an item's index terms: its list in the entries array, the item's
// own place in it, and the item's weight for the term.
struct Slot {
  uint32_t begin, end, at;
  float weight;
};

// One term of a packed vector: its id and weight side by side.
struct PackedTerm {
  uint32_t id;
  float weight;
};

// All items' vectors in one array, item after item in input order, each
// term's id and weight together: a dot product with item j reads one run
// of memory instead of j's vector header and its two separate arrays.
class PackedVectors {
 public:
  explicit PackedVectors(const std::vector<CandidateInput>& items) : begin_(items.size() + 1, 0) {
    for (size_t i = 0; i < items.size(); ++i) begin_[i + 1] = begin_[i] + items[i].vector->ids.size();
    terms_.resize(begin_.back());
    for (size_t i = 0; i < items.size(); ++i) {
      const SparseVector& v = *items[i].vector;
      for (size_t t = 0; t < v.ids.size(); ++t) terms_[begin_[i] + t] = {v.ids[t], v.values[t]};
    }
  }
  const PackedTerm* begin(size_t i) const { return terms_.data() + begin_[i]; }
  const PackedTerm* end(size_t i) const { return terms_.data() + begin_[i + 1]; }

 private:
  std::vector<size_t> begin_;
  std::vector<PackedTerm> terms_;
};

// One item's vector scattered into a dense array over the term ids, so
// its dot product with another vector walks only the other's terms (read
// in order from one place) instead of merging two lists. The products are
// summed in ascending id order, the unshared terms adding exact zeros, so
// the value is bit for bit SparseVector::Dot's.
class DenseVector {
 public:
  explicit DenseVector(size_t ids) : dense_(ids, 0.0f) {}
  void Load(const SparseVector& v) {
    for (size_t t = 0; t < v.ids.size(); ++t) dense_[v.ids[t]] = v.values[t];
  }
  void Clear(const SparseVector& v) {
    for (uint32_t id : v.ids) dense_[id] = 0.0f;
  }
  float Dot(const PackedTerm* begin, const PackedTerm* end) const {
    float sum = 0;
    const float* dense = dense_.data();
    for (const PackedTerm* t = begin; t != end; ++t) sum += dense[t->id] * t->weight;
    return sum;
  }

 private:
  std::vector<float> dense_;
};

// One past the largest term id of the items' vectors.
size_t IdSpace(const std::vector<CandidateInput>& items) {
  uint32_t top = 0;
  for (const CandidateInput& it : items) {
    if (!it.vector->ids.empty()) top = std::max(top, it.vector->ids.back() + 1);
  }
  return top;
}

// Dense vectors for the threads of one ParallelFor, each taken by one
// item at a time and handed back zeroed.
class DensePool {
 public:
  explicit DensePool(size_t ids) : ids_(ids) {}
  std::unique_ptr<DenseVector> Acquire() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) return std::make_unique<DenseVector>(ids_);
    auto d = std::move(free_.back());
    free_.pop_back();
    return d;
  }
  void Release(std::unique_ptr<DenseVector> d) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(d));
  }

 private:
  size_t ids_;
  std::mutex mu_;
  std::vector<std::unique_ptr<DenseVector>> free_;
};

// The items' order in every term list: dated items by publication time,
// then undated ones; input order within each.
std::vector<uint32_t> ListOrder(const std::vector<CandidateInput>& items) {
  std::vector<uint32_t> order(items.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const auto& pa = items[a].published;
    const auto& pb = items[b].published;
    if (pa.has_value() != pb.has_value()) return pa.has_value();
    return pa.has_value() && *pa < *pb;
  });
  return order;
}

// The index_terms largest weights of `v` (ties: the lower id), as indices into v.
std::vector<uint32_t> StrongestTerms(const SparseVector& v, size_t k) {
  std::vector<uint32_t> at(v.ids.size());
  for (uint32_t t = 0; t < at.size(); ++t) at[t] = t;
  k = std::min(k, at.size());
  auto stronger = [&v](uint32_t a, uint32_t b) {
    return v.values[a] > v.values[b] || (v.values[a] == v.values[b] && v.ids[a] < v.ids[b]);
  };
  std::partial_sort(at.begin(), at.begin() + static_cast<long>(k), at.end(), stronger);
  at.resize(k);
  return at;
}

// Rounds of further hops over `nearest` (each item's hop best
// candidates), adding the candidates they reach to `out`.
void Hop(const std::vector<CandidateInput>& items, const PackedVectors& packed, const CandidateOptions& options,
         size_t hop, int threads,
         std::vector<uint32_t>& nearest, std::vector<std::vector<uint32_t>>& out,
         std::vector<std::vector<float>>& dots, std::vector<CandidateWork>* work) {
  const size_t n = items.size();
  // Further hops: the best candidates of an item's best candidates, scored
  // by their full dot product, and the best of them become the item's best
  // for the next round (a bounded neighbour descent). A story's members
  // reach each other through any member they share, as a new article
  // reaches its story in the store, however long the lists of the terms
  // they share.
  DensePool dense_pool(IdSpace(items));
  for (int round = 0; round < options.hop_rounds; ++round) {
    std::vector<std::vector<std::pair<uint32_t, float>>> more(n);
    std::vector<uint32_t> next(n * hop, UINT32_MAX);
    ParallelFor(
        n,
        [&](size_t item) {
          // The dot product of the item with j: taken from its candidates'
          // when j is one of them (the same value), else computed.
          const std::vector<uint32_t>& known = out[item];
          const SparseVector& mine = *items[item].vector;
          std::unique_ptr<DenseVector> dense;  // loaded at the first product computed
          auto dot_with = [&](uint32_t j) {
            const auto at = std::lower_bound(known.begin(), known.end(), j);
            if (at != known.end() && *at == j) return dots[item][static_cast<size_t>(at - known.begin())];
            if (dense == nullptr) {
              dense = dense_pool.Acquire();
              dense->Load(mine);
            }
            return dense->Dot(packed.begin(j), packed.end(j));
          };
          std::vector<uint32_t> m;
          std::vector<std::pair<float, uint32_t>> scored;
          for (size_t a = 0; a < hop; ++a) {
            const uint32_t j = nearest[item * hop + a];
            if (j == UINT32_MAX) break;
            scored.emplace_back(dot_with(j), j);
            for (size_t b = 0; b < hop; ++b) {
              const uint32_t k = nearest[j * hop + b];
              if (k == UINT32_MAX) break;
              if (k != item) m.push_back(k);
            }
          }
          std::sort(m.begin(), m.end());
          m.erase(std::unique(m.begin(), m.end()), m.end());
          std::vector<std::pair<uint32_t, float>>& kept = more[item];
          for (uint32_t k : m) {
            const float dot = dot_with(k);
            if (dot >= options.hop_min_dot) kept.emplace_back(k, dot);
            if (std::find_if(scored.begin(), scored.end(), [k](const auto& p) { return p.second == k; }) == scored.end())
              scored.emplace_back(dot, k);
          }
          const size_t best = std::min(hop, scored.size());
          std::partial_sort(scored.begin(), scored.begin() + static_cast<long>(best), scored.end(),
                            [](const auto& x, const auto& y) { return x.first > y.first || (x.first == y.first && x.second < y.second); });
          for (size_t a = 0; a < best; ++a) next[item * hop + a] = scored[a].second;
          if (dense != nullptr) {
            dense->Clear(mine);
            dense_pool.Release(std::move(dense));
          }
        },
        threads);
    nearest.swap(next);
    ParallelFor(
        n,
        [&](size_t item) {
          std::vector<std::pair<uint32_t, float>>& m = more[item];
          if (m.empty()) return;
          for (size_t c = 0; c < out[item].size(); ++c) m.emplace_back(out[item][c], dots[item][c]);
          // Equal ids carry equal dot products, so any one of them may stay.
          std::sort(m.begin(), m.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
          m.erase(std::unique(m.begin(), m.end(), [](const auto& x, const auto& y) { return x.first == y.first; }),
                  m.end());
          out[item].resize(m.size());
          dots[item].resize(m.size());
          for (size_t c = 0; c < m.size(); ++c) {
            out[item][c] = m[c].first;
            dots[item][c] = m[c].second;
          }
          std::vector<std::pair<uint32_t, float>>().swap(m);
          if (work != nullptr) (*work)[item].kept = out[item].size();
        },
        threads);
  }
}

}  // namespace

std::vector<std::vector<uint32_t>> FindCandidates(const std::vector<CandidateInput>& items,
                                                  const CandidateOptions& options, int threads,
                                                  std::vector<CandidateWork>* work,
                                                  std::vector<std::vector<float>>* dot_products) {
  const size_t n = items.size();
  std::vector<std::vector<uint32_t>> out(n);
  std::vector<std::vector<float>> own_dots;
  std::vector<std::vector<float>>& dots = dot_products != nullptr ? *dot_products : own_dots;
  dots.assign(n, {});
  if (work != nullptr) work->assign(n, CandidateWork{});
  if (n < 2) return out;
  const std::vector<uint32_t> item_of_rank = ListOrder(items);
  std::vector<uint32_t> rank_of(n);
  for (uint32_t r = 0; r < n; ++r) rank_of[item_of_rank[r]] = r;
  const size_t k = static_cast<size_t>(std::max(0, options.index_terms));
  std::vector<Entry> entries;
  for (uint32_t i = 0; i < n; ++i) {
    const SparseVector& v = *items[i].vector;
    for (uint32_t t : StrongestTerms(v, k)) entries.push_back({v.ids[t], rank_of[i], v.values[t]});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.term < b.term || (a.term == b.term && a.rank < b.rank);
  });
  std::vector<std::vector<Slot>> slots(n);
  for (size_t begin = 0; begin < entries.size();) {
    size_t end = begin;
    while (end < entries.size() && entries[end].term == entries[begin].term) ++end;
    if (end - begin >= 2) {  // a term of one item finds nothing
      for (size_t x = begin; x < end; ++x)
        slots[item_of_rank[entries[x].rank]].push_back(
            {static_cast<uint32_t>(begin), static_cast<uint32_t>(end), static_cast<uint32_t>(x), entries[x].weight});
    }
    begin = end;
  }
  const size_t cap = static_cast<size_t>(std::max(1, options.postings_per_term));
  const size_t keep_at_most = static_cast<size_t>(std::max(0, options.max_candidates));
  // Per item, its `hop` best candidates (UINT32_MAX: none), for the second hop.
  const size_t hop = static_cast<size_t>(std::max(0, options.second_hop));
  std::vector<uint32_t> nearest(n * hop, UINT32_MAX);
  const bool near_needed = hop > 0 || dot_products != nullptr;
  // Per thread: per item, a stamp to list each hit once and its score, side
  // by side (one cache line read per posting, not two).
  struct Tally {
    uint32_t seen;
    float score;
  };
  struct Scratch {
    std::vector<Tally> tally;
    std::vector<uint32_t> hits;
  };
  std::mutex mu;
  std::vector<std::unique_ptr<Scratch>> pool;
  DensePool dense_pool(near_needed ? IdSpace(items) : 0);
  std::unique_ptr<const PackedVectors> packed;
  if (near_needed) packed = std::make_unique<const PackedVectors>(items);
  auto acquire = [&]() {
    std::lock_guard<std::mutex> lock(mu);
    if (pool.empty()) {
      auto s = std::make_unique<Scratch>();
      s->tally.assign(n, Tally{UINT32_MAX, 0.0f});
      return s;
    }
    auto s = std::move(pool.back());
    pool.pop_back();
    return s;
  };
  ParallelFor(
      n,
      [&](size_t item) {
        std::unique_ptr<Scratch> s = acquire();
        const auto me = static_cast<uint32_t>(item);
        s->hits.clear();
        uint64_t read = 0;
        // Plain pointers: the stores to the tallies cannot move the arrays.
        const Entry* const entry = entries.data();
        const uint32_t* const item_at = item_of_rank.data();
        Tally* const tally = s->tally.data();
        for (const Slot& slot : slots[item]) {
          const size_t begin = slot.begin, end = slot.end, at = slot.at;
          size_t lo = begin, hi = end;
          if (hi - lo > cap) {  // the cap entries nearest the item's own
            const size_t half = cap / 2;
            lo = at - std::min(half, at - begin);
            lo = std::min(lo, end - cap);
            hi = lo + cap;
          }
          read += hi - lo;
          for (size_t x = lo; x < hi; ++x) {
            const uint32_t j = item_at[entry[x].rank];
            if (j == me) continue;
            Tally& t = tally[j];
            if (t.seen != me) {
              t.seen = me;
              t.score = 0.0f;
              s->hits.push_back(j);
            }
            t.score += slot.weight * entry[x].weight;
          }
        }
        std::vector<uint32_t>& hits = s->hits;
        const size_t keep = std::min(keep_at_most, hits.size());
        auto better = [&s](uint32_t a, uint32_t b) {
          const auto score_a = s->tally[a].score;
          const auto score_b = s->tally[b].score;
          return score_a > score_b || (score_a == score_b && a < b);  // ties: the earlier article
        };
        if (keep < hits.size()) {
          std::nth_element(hits.begin(), hits.begin() + static_cast<long>(keep), hits.end(), better);
          hits.resize(keep);
        }
        const size_t near = std::min(hop, hits.size());
        // The full dot products: they pick the best for the hops (not the
        // part of the dot product the terms read carry), and are returned.
        if ((near > 0 || dot_products != nullptr) && !hits.empty()) {
          const SparseVector& mine = *items[item].vector;
          std::unique_ptr<DenseVector> dense = dense_pool.Acquire();
          dense->Load(mine);
          for (uint32_t j : hits) s->tally[j].score = dense->Dot(packed->begin(j), packed->end(j));
          dense->Clear(mine);
          dense_pool.Release(std::move(dense));
        }
        if (near > 0) {
          std::partial_sort(hits.begin(), hits.begin() + static_cast<long>(near), hits.end(), better);
          std::copy(hits.begin(), hits.begin() + static_cast<long>(near), nearest.begin() + static_cast<long>(item * hop));
        }
        std::sort(hits.begin(), hits.end());
        out[item] = hits;
        if (near > 0 || dot_products != nullptr) {
          dots[item].resize(hits.size());
          for (size_t c = 0; c < hits.size(); ++c) dots[item][c] = s->tally[hits[c]].score;
        }
        if (work != nullptr) (*work)[item] = {read, keep};
        std::lock_guard<std::mutex> lock(mu);
        pool.push_back(std::move(s));
      },
      threads);
  std::vector<Entry>().swap(entries);
  std::vector<std::vector<Slot>>().swap(slots);
  if (hop > 0) Hop(items, *packed, options, hop, threads, nearest, out, dots, work);
  return out;
}

}  // namespace rashomon
