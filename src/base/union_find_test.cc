#include "base/union_find.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace rashomon {
namespace {

TEST(UnionFindTest, StartsApart) {
  UnionFind uf(4);
  for (uint32_t i = 0; i < 4; ++i) EXPECT_EQ(uf.Find(i), i);
  EXPECT_FALSE(uf.Same(1, 2));
}

TEST(UnionFindTest, UnionKeepsTheSmallestRootWhateverTheOrder) {
  UnionFind uf(6);
  EXPECT_TRUE(uf.Union(5, 3));
  EXPECT_TRUE(uf.Union(3, 4));
  EXPECT_FALSE(uf.Union(4, 5));
  EXPECT_TRUE(uf.Union(4, 1));
  for (uint32_t x : {1u, 3u, 4u, 5u}) EXPECT_EQ(uf.Find(x), 1u);
  EXPECT_EQ(uf.Find(0), 0u);
  EXPECT_EQ(uf.Find(2), 2u);
}

TEST(UnionFindTest, AttachKeepsTheSecondRoot) {
  UnionFind uf(4);
  uf.Attach(0, 3);
  uf.Attach(1, 0);
  EXPECT_EQ(uf.Find(0), 3u);
  EXPECT_EQ(uf.Find(1), 3u);
  EXPECT_EQ(uf.Find(2), 2u);
}

// Differential: the same partition as labelling by connected components
// with a plain flood fill, on random graphs.
TEST(UnionFindTest, MatchesConnectedComponents) {
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    const size_t n = 1 + rng() % 60;
    std::vector<std::vector<size_t>> adj(n);
    UnionFind uf(n);
    const size_t edges = rng() % (2 * n);
    for (size_t e = 0; e < edges; ++e) {
      size_t a = rng() % n, b = rng() % n;
      adj[a].push_back(b);
      adj[b].push_back(a);
      uf.Union(a, b);
    }
    std::vector<size_t> label(n, n);
    for (size_t s = 0; s < n; ++s) {
      if (label[s] != n) continue;
      std::vector<size_t> stack = {s};
      label[s] = s;
      while (!stack.empty()) {
        size_t x = stack.back();
        stack.pop_back();
        for (size_t y : adj[x]) {
          if (label[y] == n) {
            label[y] = s;
            stack.push_back(y);
          }
        }
      }
    }
    // Flood fill from the smallest unlabelled item labels each component
    // by its smallest member, as Union roots it.
    for (size_t x = 0; x < n; ++x)
      EXPECT_EQ(uf.Find(x), label[x]) << "round " << round << " item " << x;
  }
}

}  // namespace
}  // namespace rashomon
