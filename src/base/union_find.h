// UnionFind: disjoint sets over the integers 0..n-1 (union-find with path
// halving), the one copy the stages share for grouping items that some
// pairwise test links (fact units, name variants, cluster merges, the
// groups of an ingest batch).
//
// Union keeps the smaller root, so a set's root is its smallest member and
// the partition and roots depend only on which pairs were joined, never on
// the order. Attach(a, b) keeps b's root instead, for callers that choose
// the surviving root themselves.
//
// Thread safety: a value type; Find compresses paths, so even lookups need
// exclusive access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rashomon {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) {
    for (size_t i = 0; i < n; ++i) parent_[i] = static_cast<uint32_t>(i);
  }

  size_t size() const { return parent_.size(); }

  // The root of x's set. REQUIRES: x < size().
  uint32_t Find(size_t x) {
    auto at = static_cast<uint32_t>(x);
    while (parent_[at] != at) at = parent_[at] = parent_[parent_[at]];
    return at;
  }
  bool Same(size_t a, size_t b) { return Find(a) == Find(b); }
  // Joins the sets of a and b; the smaller root stays the root. Returns
  // whether they were apart.
  bool Union(size_t a, size_t b) {
    const uint32_t ra = Find(a), rb = Find(b);
    if (ra == rb) return false;
    if (ra < rb) {
      parent_[rb] = ra;
    } else {
      parent_[ra] = rb;
    }
    return true;
  }
  // Joins a's set into b's: b's root stays the root.
  void Attach(size_t a, size_t b) {
    const uint32_t ra = Find(a), rb = Find(b);
    parent_[ra] = rb;
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace rashomon
