#include "stories/story_merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "stories/cluster.h"

namespace rashomon {
namespace {

SparseVector Vec(std::vector<std::pair<uint32_t, float>> entries) {
  std::sort(entries.begin(), entries.end());
  float norm = 0;
  for (const auto& e : entries) norm += e.second * e.second;
  norm = std::sqrt(norm);
  SparseVector v;
  for (const auto& e : entries) {
    v.ids.push_back(e.first);
    v.values.push_back(e.second / norm);
  }
  return v;
}

// A report of an invented event: the event's six words (ids first_word..),
// and four words of its own.
ClusterItem Report(uint32_t first_word, uint32_t own) {
  std::vector<std::pair<uint32_t, float>> terms;
  for (uint32_t t = 0; t < 6; ++t) terms.emplace_back(first_word + t, 1.0f);
  for (uint32_t t = 0; t < 4; ++t) terms.emplace_back(10000 + own * 4 + t, 0.5f);
  ClusterItem item;
  item.vector = Vec(std::move(terms));
  return item;
}

// Bounded clustering with very short candidate lists: each report is
// compared with a few neighbours in input order only, so average linkage
// (uncompared pairs count as 0) leaves one story in pieces.
ClusterOptions Starved() {
  ClusterOptions o;
  o.small_corpus = 4;
  o.near_duplicate = 1.0f;
  o.snn_k = 0;
  o.candidates.postings_per_term = 2;
  o.candidates.max_candidates = 2;
  o.candidates.second_hop = 0;
  return o;
}

size_t Stories(const std::vector<uint32_t>& labels) { return std::set<uint32_t>(labels.begin(), labels.end()).size(); }

TEST(StoryMergeTest, PiecesOfOneStoryNeverAllComparedBecomeOne) {
  std::vector<ClusterItem> items;
  for (uint32_t i = 0; i < 40; ++i) items.push_back(Report(1, i));
  ClusterOptions off = Starved();
  off.merge.rounds = 0;
  ASSERT_GT(Stories(ClusterAverageLink(items, off)), 1u);  // the first clustering splits it
  const std::vector<uint32_t> labels = ClusterAverageLink(items, Starved());
  EXPECT_EQ(Stories(labels), 1u);
  // A second event of other words stays its own story.
  for (uint32_t i = 0; i < 40; ++i) items.push_back(Report(101, 40 + i));
  const std::vector<uint32_t> two = ClusterAverageLink(items, Starved());
  EXPECT_EQ(Stories(two), 2u);
  EXPECT_NE(two.front(), two.back());
}

// Two events told in the same words, in other places by other people
// (strong anchor disagreement), reports interleaved in input order: each
// event becomes one story, the two stay apart; without the veto the same
// pass would join them.
TEST(StoryMergeTest, SameWordsDisagreeingAnchorsStayApart) {
  std::vector<ClusterItem> items;
  for (uint32_t i = 0; i < 60; ++i) {
    ClusterItem item = Report(1, i);
    const bool second = i % 2 == 1;
    item.anchors.place = second ? 202 : 101;
    item.anchors.where = {item.anchors.place};
    item.anchors.who = second ? std::vector<uint64_t>{21, 22} : std::vector<uint64_t>{11, 12};
    items.push_back(std::move(item));
  }
  const std::vector<uint32_t> labels = ClusterAverageLink(items, Starved());
  EXPECT_EQ(Stories(labels), 2u);
  for (size_t i = 2; i < items.size(); ++i) EXPECT_EQ(labels[i], labels[i % 2]) << i;
  EXPECT_NE(labels[0], labels[1]);
  ClusterOptions no_veto = Starved();
  no_veto.veto_penalty = 0;
  EXPECT_EQ(Stories(ClusterAverageLink(items, no_veto)), 1u);
}

TEST(StoryMergeTest, SameResultForAnyThreads) {
  std::vector<ClusterItem> items;
  for (uint32_t i = 0; i < 90; ++i) items.push_back(Report(1 + 100 * (i % 3), i));
  std::vector<uint32_t> start(items.size());
  for (uint32_t i = 0; i < start.size(); ++i) start[i] = i;
  std::vector<const ClusterItem*> ptrs(items.size());
  for (size_t i = 0; i < items.size(); ++i) ptrs[i] = &items[i];
  ClusterOptions one = Starved(), four = Starved();
  one.threads = 1;
  four.threads = 4;
  const std::vector<uint32_t> a = MergeSplitStories(ptrs, start, one);
  EXPECT_EQ(a, MergeSplitStories(ptrs, start, four));
  EXPECT_LT(Stories(a), items.size() / 2);  // the pass merged
  for (size_t i = 0; i < items.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (a[i] == a[j]) EXPECT_EQ(i % 3, j % 3) << i << " " << j;  // never two events
    }
  }
}

}  // namespace
}  // namespace rashomon
