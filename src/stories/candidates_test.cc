#include "stories/candidates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>

#include "stories/cluster.h"

namespace rashomon {
namespace {

SparseVector Vec(const std::map<uint32_t, float>& terms) {
  float norm = 0;
  for (const auto& [id, w] : terms) norm += w * w;
  norm = std::sqrt(norm);
  SparseVector v;
  for (const auto& [id, w] : terms) {
    v.ids.push_back(id);
    v.values.push_back(w / norm);
  }
  return v;
}

// `groups` groups of `per_group` items: each item has its group's eight
// terms, a few of 300 shared words, and `common` words every item has.
std::vector<ClusterItem> Items(int groups, int per_group, int common, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.3f, 1.0f);
  std::vector<ClusterItem> items;
  for (int k = 0; k < per_group; ++k) {
    for (int g = 0; g < groups; ++g) {  // groups interleaved, as stories in a stream
      std::map<uint32_t, float> terms;
      for (int t = 0; t < 8; ++t) terms[static_cast<uint32_t>(1000 + g * 8 + t)] = u(rng);
      for (int t = 0; t < 4; ++t) terms[static_cast<uint32_t>(100 + rng() % 300)] += 0.5f * u(rng);
      for (int t = 0; t < common; ++t) terms[static_cast<uint32_t>(t)] = 0.2f;
      ClusterItem item;
      item.vector = Vec(terms);
      items.push_back(std::move(item));
    }
  }
  return items;
}

std::vector<CandidateInput> Inputs(const std::vector<ClusterItem>& items) {
  std::vector<CandidateInput> in;
  for (const ClusterItem& item : items) in.push_back({&item.vector, item.published});
  return in;
}

// The dot products returned with the candidates are each pair's own, bit
// for bit, with and without the hops (whose candidates they must follow),
// and asking for them changes no candidate.
TEST(CandidatesTest, ReturnedDotProductsAreThePairs) {
  const std::vector<ClusterItem> items = Items(30, 12, 3, 11);
  for (int hop : {0, 4}) {
    CandidateOptions options;
    options.index_terms = 6;
    options.postings_per_term = 10;
    options.max_candidates = 5;
    options.second_hop = hop;
    const auto plain = FindCandidates(Inputs(items), options, 2);
    std::vector<std::vector<float>> dots;
    const auto with = FindCandidates(Inputs(items), options, 2, nullptr, &dots);
    ASSERT_EQ(with, plain);
    ASSERT_EQ(dots.size(), items.size());
    size_t beyond = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      ASSERT_EQ(dots[i].size(), with[i].size());
      beyond += with[i].size() > 5 ? 1 : 0;
      for (size_t c = 0; c < with[i].size(); ++c) {
        EXPECT_EQ(dots[i][c], items[i].vector.Dot(items[with[i][c]].vector));
        EXPECT_EQ(dots[i][c], items[with[i][c]].vector.Dot(items[i].vector));
      }
    }
    if (hop > 0) EXPECT_GT(beyond, 0u);  // the hops added candidates
  }
}

// The work per item stays under the bound whatever the corpus size, and the
// bound is reached (the test would see an unbounded walk).
TEST(CandidatesTest, WorkPerItemIsBounded) {
  CandidateOptions options;
  options.index_terms = 20;  // every term of these items
  options.postings_per_term = 40;
  options.max_candidates = 16;
  const uint64_t bound = 20 * 40;
  for (int groups : {100, 400, 1600}) {
    const std::vector<ClusterItem> items = Items(groups, 4, 6, 7);
    std::vector<CandidateWork> work;
    const auto cands = FindCandidates(Inputs(items), options, 2, &work);
    uint64_t most = 0;
    // The first hop keeps 16; each round of hops adds at most second_hop^2.
    const uint64_t kept_bound = 16 + static_cast<uint64_t>(options.hop_rounds * options.second_hop * options.second_hop);
    for (size_t i = 0; i < items.size(); ++i) {
      EXPECT_LE(work[i].postings_read, bound) << i;
      EXPECT_LE(work[i].kept, kept_bound) << i;
      EXPECT_EQ(cands[i].size(), work[i].kept) << i;
      most = std::max(most, work[i].postings_read);
    }
    // The six common words' lists (every item) are read only in their window.
    EXPECT_GE(most, 6u * 40u) << groups;
  }
}

// Every group-mate is a candidate, even when the common words' lists are
// far longer than what is read of them.
TEST(CandidatesTest, FindsGroupMatesThroughStrongTerms) {
  const std::vector<ClusterItem> items = Items(500, 5, 6, 3);
  CandidateOptions options;
  options.index_terms = 16;
  options.postings_per_term = 32;
  options.max_candidates = 8;
  const auto cands = FindCandidates(Inputs(items), options, 2);
  for (size_t i = 0; i < items.size(); ++i) {
    for (size_t j = i % 500; j < items.size(); j += 500) {
      if (j == i) continue;
      EXPECT_TRUE(std::binary_search(cands[i].begin(), cands[i].end(), static_cast<uint32_t>(j)))
          << i << " misses " << j;
    }
    EXPECT_EQ(std::count(cands[i].begin(), cands[i].end(), static_cast<uint32_t>(i)), 0);
  }
}

// Windows follow publication time: of a term shared by every item, an item
// reads the items published nearest to it.
TEST(CandidatesTest, LongListsAreReadNearTheItemInTime) {
  std::vector<ClusterItem> items;
  for (int i = 0; i < 200; ++i) {
    ClusterItem item;
    item.vector = Vec({{7, 1.0f}});
    item.published = (i * 37 % 200) * 3600;  // hours, out of input order
    items.push_back(std::move(item));
  }
  CandidateOptions options;
  options.postings_per_term = 10;
  options.max_candidates = 100;
  options.second_hop = 0;  // the window alone
  const auto cands = FindCandidates(Inputs(items), options, 1);
  for (size_t i = 0; i < items.size(); ++i) {
    ASSERT_EQ(cands[i].size(), 9u) << i;  // the window, less the item itself
    for (uint32_t j : cands[i]) {
      EXPECT_LE(std::abs(*items[j].published - *items[i].published), 9 * 3600) << i << " " << j;
    }
  }
}

// Undated items whose groups share only words of lists longer than what is
// read of them (each word in about 40 items, read 16 at a time around the
// item's place in input order): the first hop finds about half of the
// group-mates, and the hops through the mates it does find reach most of
// the others, with the postings read per item still bounded.
TEST(CandidatesTest, ScatteredGroupMatesMeetThroughNeighbours) {
  std::mt19937 rng(11);
  const int groups = 1500, per_group = 4, pool = 900, words = 6;
  std::vector<std::vector<uint32_t>> group_words(groups);
  for (auto& w : group_words) {
    while (w.size() < words) {
      const uint32_t t = static_cast<uint32_t>(rng() % pool);
      if (std::find(w.begin(), w.end(), t) == w.end()) w.push_back(t);
    }
  }
  std::vector<int> group_of;
  for (int g = 0; g < groups; ++g) group_of.insert(group_of.end(), per_group, g);
  std::shuffle(group_of.begin(), group_of.end(), rng);  // mates scattered over the input
  std::vector<ClusterItem> items;
  for (size_t i = 0; i < group_of.size(); ++i) {
    std::map<uint32_t, float> terms;
    for (uint32_t t : group_words[group_of[i]]) terms[t] = 1.0f;
    terms[static_cast<uint32_t>(1000 + i)] = 0.5f;  // a word of its own
    ClusterItem item;
    item.vector = Vec(terms);
    items.push_back(std::move(item));
  }
  auto candidates = [&](int second_hop, float hop_min_dot, std::vector<CandidateWork>* work) {
    CandidateOptions options;
    options.index_terms = 8;
    options.postings_per_term = 16;
    options.max_candidates = 64;
    options.second_hop = second_hop;
    options.hop_min_dot = hop_min_dot;
    return FindCandidates(Inputs(items), options, 2, work);
  };
  auto mates_found = [&](int second_hop) {
    std::vector<CandidateWork> work;
    const auto cands = candidates(second_hop, 0.1f, &work);
    size_t found = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      EXPECT_LE(work[i].postings_read, 8u * 16u) << i;
      for (uint32_t j : cands[i]) found += group_of[j] == group_of[i] ? 1 : 0;
    }
    return static_cast<double>(found) / static_cast<double>(items.size() * (per_group - 1));
  };
  const double first_hop = mates_found(0);
  const double with_hops = mates_found(8);
  std::printf("mates found: first hop %.3f, with hops %.3f\n", first_hop, with_hops);
  EXPECT_LT(first_hop, 0.65);
  EXPECT_GT(with_hops, 0.7);
  EXPECT_GT(with_hops, first_hop + 0.15);
  // The pairs the hops add are close ones: below hop_min_dot they are left
  // out (without the floor the hops also reach items sharing no word).
  const auto first = candidates(0, 0.1f, nullptr);
  size_t loose_with_floor = 0, loose_without = 0;
  for (float floor : {0.1f, 0.0f}) {
    const auto cands = candidates(8, floor, nullptr);
    for (size_t i = 0; i < items.size(); ++i) {
      for (uint32_t j : cands[i]) {
        if (std::binary_search(first[i].begin(), first[i].end(), j)) continue;
        if (items[i].vector.Dot(items[j].vector) < 0.1f) ++(floor > 0 ? loose_with_floor : loose_without);
      }
    }
  }
  EXPECT_EQ(loose_with_floor, 0u);
  EXPECT_GT(loose_without, 0u);
}

bool SamePartition(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.size() != b.size()) return false;
  std::map<uint32_t, uint32_t> ab, ba;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ab.emplace(a[i], b[i]).first->second != b[i]) return false;
    if (ba.emplace(b[i], a[i]).first->second != a[i]) return false;
  }
  return true;
}

// Differential: the bounded path (forced on small inputs) gives the
// exhaustive clustering (every pair compared, O(n^3) reference), at the
// default bounds and at bounds no input here reaches.
TEST(CandidatesTest, BoundedClusteringEqualsExhaustiveOnSmallInputs) {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    const std::vector<ClusterItem> items = Items(6 + static_cast<int>(seed), 5, 2, seed);
    ClusterOptions exhaustive;
    exhaustive.near_duplicate = 1.0f;  // no folding in either run
    exhaustive.threshold = 0.1f + 0.03f * static_cast<float>(seed);
    const std::vector<uint32_t> reference = ClusterAverageLinkReference(items, exhaustive);
    ClusterOptions bounded = exhaustive;
    bounded.small_corpus = 0;
    EXPECT_TRUE(SamePartition(ClusterAverageLink(items, bounded), reference)) << "seed " << seed;
    bounded.candidates.max_candidates = 1000;
    bounded.candidates.index_terms = 1000;
    EXPECT_TRUE(SamePartition(ClusterAverageLink(items, bounded), reference)) << "seed " << seed;
    EXPECT_TRUE(SamePartition(ClusterAverageLink(items, exhaustive), reference)) << "seed " << seed;
  }
}

}  // namespace
}  // namespace rashomon
