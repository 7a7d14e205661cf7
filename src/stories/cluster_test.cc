#include "stories/cluster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

namespace rashomon {
namespace {

SparseVector Vec(std::vector<std::pair<uint32_t, float>> entries) {
  std::sort(entries.begin(), entries.end());
  float norm = 0;
  for (auto& e : entries) norm += e.second * e.second;
  norm = std::sqrt(norm);
  SparseVector v;
  for (auto& e : entries) {
    v.ids.push_back(e.first);
    v.values.push_back(e.second / norm);
  }
  return v;
}

// Items drawn around `groups` centres, each sharing its centre's terms plus noise.
std::vector<ClusterItem> MakeItems(int groups, int per_group, unsigned seed, std::vector<int>* truth) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.2f, 1.0f);
  std::vector<ClusterItem> items;
  for (int g = 0; g < groups; ++g) {
    for (int k = 0; k < per_group; ++k) {
      std::map<uint32_t, float> terms;
      for (int t = 0; t < 6; ++t) terms[static_cast<uint32_t>(g * 10 + t)] = u(rng);
      for (int t = 0; t < 3; ++t) terms[static_cast<uint32_t>(1000 + rng() % 200)] += u(rng);
      terms[9999] = 0.3f;  // one term everybody shares
      ClusterItem item;
      item.vector = Vec({terms.begin(), terms.end()});
      items.push_back(std::move(item));
      truth->push_back(g);
    }
  }
  return items;
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

TEST(ClusterTest, RecoversPlantedGroups) {
  std::vector<int> truth;
  std::vector<ClusterItem> items = MakeItems(5, 8, 1, &truth);
  std::vector<uint32_t> labels = ClusterAverageLink(items);
  for (size_t i = 0; i < items.size(); ++i) {
    for (size_t j = 0; j < items.size(); ++j) {
      EXPECT_EQ(labels[i] == labels[j], truth[i] == truth[j]) << i << " " << j;
    }
  }
}

// Differential test: the graph algorithm equals brute-force average linkage.
TEST(ClusterTest, MatchesBruteForceReference) {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    for (int snn : {0, 3}) {
      std::vector<int> truth;
      std::vector<ClusterItem> items = MakeItems(4, 6, seed, &truth);
      ClusterOptions options;
      options.snn_k = snn;
      options.threshold = 0.05f + 0.03f * static_cast<float>(seed % 6);
      std::vector<uint32_t> fast = ClusterAverageLink(items, options);
      std::vector<uint32_t> slow = ClusterAverageLinkReference(items, options);
      EXPECT_TRUE(SamePartition(fast, slow)) << "seed " << seed << " snn " << snn;
    }
  }
}

// The store clusters a few dozen items whose term ids are scattered over a
// whole process's vocabulary; the clustering renumbers such ids locally.
// The same items with their ids packed densely (no renumbering) or spread
// over a huge id range (renumbered) must give the same labels exactly.
TEST(ClusterTest, SparseTermIdsClusterAsDenseOnes) {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    std::vector<int> truth;
    std::vector<ClusterItem> items = MakeItems(4, 6, seed, &truth);
    std::set<uint32_t> used;
    for (const ClusterItem& item : items) used.insert(item.vector.ids.begin(), item.vector.ids.end());
    std::vector<uint32_t> order(used.begin(), used.end());
    auto remap = [&](uint32_t scale) {
      std::vector<ClusterItem> out = items;
      for (ClusterItem& item : out) {
        for (uint32_t& id : item.vector.ids) {
          id = static_cast<uint32_t>(std::lower_bound(order.begin(), order.end(), id) - order.begin()) * scale;
        }
      }
      return out;
    };
    ClusterOptions options;
    options.threshold = 0.1f + 0.02f * static_cast<float>(seed);
    std::vector<uint32_t> dense = ClusterAverageLink(remap(1), options);
    std::vector<uint32_t> sparse = ClusterAverageLink(remap(10007), options);
    EXPECT_EQ(dense, sparse) << "seed " << seed;
    EXPECT_TRUE(SamePartition(sparse, ClusterAverageLinkReference(remap(10007), options))) << "seed " << seed;
    std::vector<uint32_t> start(items.size());
    for (size_t i = 0; i < items.size(); ++i) start[i] = static_cast<uint32_t>(truth[i] / 2);
    EXPECT_EQ(MergeClusters(remap(1), dense, 0.01f, options), MergeClusters(remap(10007), dense, 0.01f, options))
        << "seed " << seed;
    EXPECT_EQ(MergeClusters(remap(1), start, 0.0f, options), MergeClusters(remap(10007), start, 0.0f, options))
        << "seed " << seed;
  }
}

TEST(ClusterTest, TimeDampsDistantPairs) {
  ClusterItem a, b;
  a.vector = Vec({{1, 1.0f}});
  b.vector = Vec({{1, 1.0f}});
  ClusterOptions options;
  options.short_power = 0;  // tested on its own below
  EXPECT_FLOAT_EQ(ItemSimilarity(a, b, options), 1.0f);
  a.published = 0;
  b.published = 86400 * 2;
  EXPECT_FLOAT_EQ(ItemSimilarity(a, b, options), 1.0f);
  b.published = 86400 * 400;
  EXPECT_FLOAT_EQ(ItemSimilarity(a, b, options), options.time_floor);
}

TEST(ClusterTest, NamesThatShareNothingDampTheSimilarity) {
  ClusterItem a, b;
  a.vector = Vec({{1, 1.0f}, {2, 1.0f}});
  b.vector = Vec({{1, 1.0f}, {2, 1.0f}});
  a.names = Vec({{10, 1.0f}, {11, 1.0f}, {12, 1.0f}});
  b.names = Vec({{20, 1.0f}, {21, 1.0f}, {22, 1.0f}});
  ClusterOptions options;
  options.short_power = 0;
  options.name_floor = 0.4f;
  EXPECT_NEAR(ItemSimilarity(a, b, options), 0.4f, 1e-5);
  b.names = a.names;
  EXPECT_NEAR(ItemSimilarity(a, b, options), 1.0f, 1e-5);
}

TEST(ClusterTest, ShortTextsAreBoosted) {
  // Two 5-term texts sharing 3 terms, and two 40-term texts sharing 24.
  std::vector<std::pair<uint32_t, float>> a5, b5, a40, b40;
  for (uint32_t t = 0; t < 5; ++t) {
    a5.emplace_back(t, 1.0f);
    b5.emplace_back(t < 3 ? t : t + 100, 1.0f);
  }
  for (uint32_t t = 0; t < 40; ++t) {
    a40.emplace_back(t, 1.0f);
    b40.emplace_back(t < 24 ? t : t + 100, 1.0f);
  }
  ClusterItem sa, sb, la, lb;
  sa.vector = Vec(a5);
  sb.vector = Vec(b5);
  la.vector = Vec(a40);
  lb.vector = Vec(b40);
  ClusterOptions options;
  float raw = sa.vector.Dot(sb.vector);
  EXPECT_NEAR(raw, la.vector.Dot(lb.vector), 1e-5);  // same cosine, 0.6
  float boost = std::min(options.max_short_boost, std::pow(options.short_terms / 5.0f, options.short_power));
  EXPECT_NEAR(ItemSimilarity(sa, sb, options), raw * boost, 1e-4);
  EXPECT_NEAR(ItemSimilarity(la, lb, options), raw, 1e-5);  // long texts untouched
}

TEST(ClusterTest, MergeClustersStartsFromAPartition) {
  std::vector<int> truth;
  std::vector<ClusterItem> items = MakeItems(3, 5, 7, &truth);
  std::vector<uint32_t> initial(items.size());
  for (size_t i = 0; i < items.size(); ++i) initial[i] = static_cast<uint32_t>(truth[i]);
  // A threshold above every similarity keeps the given partition.
  std::vector<uint32_t> same = MergeClusters(items, initial, 2.0f);
  EXPECT_TRUE(SamePartition(same, initial));
  // A threshold of zero joins everything connected.
  std::vector<uint32_t> one = MergeClusters(items, initial, 0.0f);
  for (uint32_t l : one) EXPECT_EQ(l, one[0]);
}

// Folding exact copies into one weighted item is the same average linkage:
// copies are at similarity 1, above any other pair, and every pair between
// two folded groups has the similarity of their first members.
TEST(ClusterTest, FoldingExactCopiesKeepsThePartition) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    std::vector<int> truth;
    std::vector<ClusterItem> base = MakeItems(4, 6, seed, &truth);
    std::vector<ClusterItem> items;
    std::mt19937 rng(seed);
    for (const ClusterItem& item : base) {
      const int copies = 1 + static_cast<int>(rng() % 4);
      for (int c = 0; c < copies; ++c) items.push_back(item);
    }
    std::shuffle(items.begin(), items.end(), rng);
    ClusterOptions plain;
    plain.snn_k = 0;            // neighbour lists do change when copies fold
    plain.short_power = 0;      // keeps copies the most similar pairs
    plain.threshold = 0.05f + 0.03f * static_cast<float>(seed % 6);
    ClusterOptions folded = plain;
    folded.small_corpus = 0;  // fold whatever the size
    folded.min_fold = 2;      // and every group of copies
    plain.near_duplicate = 1.0f;
    std::vector<uint32_t> a = ClusterAverageLink(items, plain);
    std::vector<uint32_t> b = ClusterAverageLink(items, folded);
    EXPECT_TRUE(SamePartition(a, b)) << "seed " << seed;
    EXPECT_TRUE(SamePartition(b, ClusterAverageLinkReference(items, plain))) << "seed " << seed;
  }
}

// Thousands of near-copies of one text in a large corpus: without folding,
// each copy has only a bounded number of candidates among the others, so
// their average similarity is low and they fall apart.
TEST(ClusterTest, ThousandsOfNearCopiesAreOneCluster) {
  std::vector<int> truth;
  std::vector<ClusterItem> items = MakeItems(20, 25, 3, &truth);  // 500 items, 20 groups
  const size_t others = items.size();
  constexpr int kCopies = 2500;
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(0.8f, 1.2f);
  for (int c = 0; c < kCopies; ++c) {
    std::map<uint32_t, float> terms;
    for (uint32_t t = 0; t < 40; ++t) terms[5000 + t] = u(rng);       // the shared text
    terms[20000 + static_cast<uint32_t>(c)] = 1.0f;                   // its own line
    terms[9999] = 0.3f;
    ClusterItem item;
    item.vector = Vec({terms.begin(), terms.end()});
    items.push_back(std::move(item));
  }
  ClusterOptions options;
  options.small_corpus = 2000;  // the bounded path, where folding matters
  ASSERT_GT(items.size(), options.small_corpus);
  std::vector<uint32_t> labels = ClusterAverageLink(items, options);
  for (size_t i = others; i < items.size(); ++i) ASSERT_EQ(labels[i], labels[others]) << i;
  for (size_t i = 0; i < others; ++i) {
    EXPECT_NE(labels[i], labels[others]) << i;
    for (size_t j = 0; j < i; ++j) EXPECT_EQ(labels[i] == labels[j], truth[i] == truth[j]) << i << " " << j;
  }
  // Without folding (and without the story merge pass, which rejoins the
  // pieces afterwards) the copies' graph is sparse: that is what the
  // folding works around, so this fails if the test stops exercising it.
  options.near_duplicate = 1.0f;
  options.merge.rounds = 0;
  std::vector<uint32_t> unfolded = ClusterAverageLink(items, options);
  std::set<uint32_t> copy_labels(unfolded.begin() + static_cast<long>(others), unfolded.end());
  EXPECT_GT(copy_labels.size(), 1u);
  // The merge pass alone joins the unfolded pieces again.
  options.merge.rounds = 2;
  unfolded = ClusterAverageLink(items, options);
  for (size_t i = others; i < items.size(); ++i) EXPECT_EQ(unfolded[i], unfolded[others]) << i;
}

TEST(ClusterTest, EmptyAndSingle) {
  EXPECT_TRUE(ClusterAverageLink({}).empty());
  ClusterItem a;
  a.vector = Vec({{1, 1.0f}});
  EXPECT_EQ(ClusterAverageLink({a}), std::vector<uint32_t>{0});
}

// A vetoed pair pulls its two stories apart in the average: B is close to
// both A and C, A and C are close too but disagree strongly in their
// anchors (other city, other people), so B joins one of them and the
// three never make one story.
TEST(ClusterTest, AnchorVetoStopsChainingThroughACloseNeighbour) {
  auto item = [](std::vector<std::pair<uint32_t, float>> terms, uint64_t city, uint64_t p1, uint64_t p2) {
    ClusterItem it;
    it.vector = Vec(std::move(terms));
    if (city != 0) {
      it.anchors.place = city;
      it.anchors.where = {city};
      it.anchors.who = {std::min(p1, p2), std::max(p1, p2)};
    }
    return it;
  };
  ClusterOptions o;
  o.snn_k = 0;
  std::vector<ClusterItem> items = {
      item({{1, 1.0f}, {2, 1.0f}, {3, 1.0f}, {4, 0.3f}}, 101, 11, 12),
      item({{1, 1.0f}, {2, 1.0f}, {3, 1.0f}, {5, 0.3f}}, 0, 0, 0),  // no anchors
      item({{1, 1.0f}, {2, 1.0f}, {3, 1.0f}, {6, 0.3f}}, 202, 21, 22),
  };
  std::vector<uint32_t> labels = ClusterAverageLink(items, o);
  EXPECT_NE(labels[0], labels[2]);
  EXPECT_EQ(labels, ClusterAverageLinkReference(items, o));
  ClusterOptions off = o;
  off.veto_penalty = 0;
  std::vector<uint32_t> merged = ClusterAverageLink(items, off);
  EXPECT_EQ(merged[0], merged[2]);  // without the veto the vocabulary decides
  // The ledes name other places and people, but the whole texts name the
  // same ones (ClusterItem::names): parts of one story, no veto.
  items[0].names = Vec({{700, 1.0f}, {701, 1.0f}});
  items[2].names = Vec({{700, 1.0f}, {701, 1.0f}, {702, 0.5f}});
  labels = ClusterAverageLink(items, o);
  EXPECT_EQ(labels[0], labels[2]);
  items[2].names = Vec({{800, 1.0f}, {801, 1.0f}});  // nobody in common: the veto again
  labels = ClusterAverageLink(items, o);
  EXPECT_NE(labels[0], labels[2]);
  // The same people named in both ledes: no veto, one story.
  items[2].anchors.who = items[0].anchors.who;
  labels = ClusterAverageLink(items, o);
  EXPECT_EQ(labels[0], labels[2]);
}

// Two stories of two reports each, one report of each quoting the same
// paragraph: that one cross pair is close (0.53), the other three loose
// (0.10 to 0.14), so the mean across (0.22) reaches the threshold (0.19)
// while one cross pair in four does. The cross-agreement rule keeps them
// apart; two agreeing cross pairs in four let them merge.
TEST(ClusterTest, CrossShareKeepsOneCloseBridgeFromMergingTwoStories) {
  const float w = 0.7f, y = 1.7f;
  std::vector<ClusterItem> items(4);
  items[0].vector = Vec({{1, 1.0f}, {2, 1.0f}, {3, 1.0f}, {50, w}});
  items[1].vector = Vec({{1, 1.0f}, {2, 1.0f}, {3, 1.0f}, {50, w}, {77, y}});
  items[2].vector = Vec({{11, 1.0f}, {12, 1.0f}, {13, 1.0f}, {50, w}});
  items[3].vector = Vec({{11, 1.0f}, {12, 1.0f}, {13, 1.0f}, {50, w}, {77, y}});
  ClusterOptions o;
  o.snn_k = 0;
  o.short_power = 0;
  o.cross_share = 0.3f;
  ASSERT_GT(ItemSimilarity(items[1], items[3], o), o.join_threshold);
  ASSERT_LT(ItemSimilarity(items[0], items[2], o), o.join_threshold);
  std::vector<uint32_t> labels = ClusterAverageLink(items, o);
  EXPECT_EQ(labels[0], labels[1]);
  EXPECT_EQ(labels[2], labels[3]);
  EXPECT_NE(labels[0], labels[2]);
  EXPECT_EQ(labels, ClusterAverageLinkReference(items, o));
  ClusterOptions off = o;
  off.cross_share = 0;
  EXPECT_EQ(ClusterAverageLink(items, off), (std::vector<uint32_t>{0, 0, 0, 0}));  // the mean alone merges
  EXPECT_EQ(ClusterAverageLinkReference(items, off), (std::vector<uint32_t>{0, 0, 0, 0}));
  // Both reports of the second story quote the paragraph: two cross pairs
  // in four agree, and the stories merge.
  items[2].vector = Vec({{11, 1.0f}, {12, 1.0f}, {13, 1.0f}, {50, w}, {77, y}});
  labels = ClusterAverageLink(items, o);
  EXPECT_EQ(labels, (std::vector<uint32_t>{0, 0, 0, 0}));
  EXPECT_EQ(labels, ClusterAverageLinkReference(items, o));
}

// Two elections of one kind in two countries, three long reports each
// (15 terms: 3 words of the topic, weighed down, and 12 of the event). The
// first event's reports share most of their words, the second's only a few
// (0.29), and across events only the topic words (0.06). A one-line brief
// of the topic words alone is close to every report once its short-text
// boost (x8) applies. Counted as a whole member, it makes the first story
// worth joining for each report of the second in turn; counted as the
// share of a member its boost leaves it, it joins one story and the two
// stay apart.
TEST(ClusterTest, ShortBriefCannotBridgeTwoStories) {
  auto report = [](uint32_t first_event_word, const std::vector<uint32_t>& event_words) {
    std::vector<std::pair<uint32_t, float>> e = {{1, 0.5f}, {2, 0.5f}, {3, 0.5f}};
    for (uint32_t w : event_words) e.emplace_back(first_event_word + w, 1.0f);
    return Vec(e);
  };
  std::vector<ClusterItem> items(7);
  // First event: words 100..., each report 12 of 16, 8 in common.
  items[0].vector = report(100, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  items[1].vector = report(100, {0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15});
  items[2].vector = report(100, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13});
  // Second event: words 200..., each report 12 of 30, 3 in common.
  items[3].vector = report(200, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  items[4].vector = report(200, {0, 1, 2, 12, 13, 14, 15, 16, 17, 18, 19, 20});
  items[5].vector = report(200, {0, 1, 2, 21, 22, 23, 24, 25, 26, 27, 28, 29});
  // The brief: the topic's words only.
  items[6].vector = Vec({{1, 1.0f}, {2, 1.0f}, {3, 1.0f}});
  ClusterOptions o;
  o.snn_k = 0;
  ASSERT_LT(ItemSimilarity(items[0], items[3], o), 0.1f);
  ASSERT_GT(ItemSimilarity(items[3], items[4], o), 0.25f);
  ASSERT_GT(ItemSimilarity(items[6], items[4], o), 1.0f);  // boosted
  std::vector<uint32_t> labels = ClusterAverageLink(items, o);
  EXPECT_EQ(labels[0], labels[1]);
  EXPECT_EQ(labels[0], labels[2]);
  EXPECT_EQ(labels[3], labels[4]);
  EXPECT_EQ(labels[3], labels[5]);
  EXPECT_NE(labels[0], labels[3]);
  EXPECT_TRUE(labels[6] == labels[0] || labels[6] == labels[3]);  // the brief joins one of them
  EXPECT_EQ(labels, ClusterAverageLinkReference(items, o));
  // Counted as a whole member, the brief carries the second event's
  // reports into the first story.
  ClusterOptions whole = o;
  whole.short_evidence = 0;
  std::vector<uint32_t> bridged = ClusterAverageLink(items, whole);
  EXPECT_EQ(bridged[0], bridged[3]);
  EXPECT_EQ(bridged, ClusterAverageLinkReference(items, whole));
  // Without the brief the stories stay apart either way.
  std::vector<ClusterItem> reports(items.begin(), items.begin() + 6);
  EXPECT_NE(ClusterAverageLink(reports, whole)[0], ClusterAverageLink(reports, whole)[3]);
}

// A brief of the second event (its topic words and two of its words)
// still joins that story: its pairs with the story weigh less in the
// averages, but a story's average with one member is its mean over them.
TEST(ClusterTest, ShortBriefStillJoinsItsStory) {
  std::vector<ClusterItem> items(4);
  auto report = [](const std::vector<uint32_t>& event_words) {
    std::vector<std::pair<uint32_t, float>> e = {{1, 0.5f}, {2, 0.5f}, {3, 0.5f}};
    for (uint32_t w : event_words) e.emplace_back(200 + w, 1.0f);
    return Vec(e);
  };
  items[0].vector = report({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  items[1].vector = report({0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15});
  items[2].vector = Vec({{1, 0.5f}, {2, 0.5f}, {3, 0.5f}, {300, 1.0f}, {301, 1.0f}, {302, 1.0f}, {303, 1.0f},
                         {304, 1.0f}, {305, 1.0f}, {306, 1.0f}, {307, 1.0f}, {308, 1.0f}, {309, 1.0f},
                         {310, 1.0f}, {311, 1.0f}});  // another event of the topic
  items[3].vector = Vec({{1, 1.0f}, {200, 1.0f}, {201, 1.0f}});
  ClusterOptions o;
  o.snn_k = 0;
  std::vector<uint32_t> labels = ClusterAverageLink(items, o);
  EXPECT_EQ(labels[3], labels[0]);
  EXPECT_EQ(labels[0], labels[1]);
  EXPECT_NE(labels[2], labels[0]);
  EXPECT_EQ(labels, ClusterAverageLinkReference(items, o));
}

}  // namespace
}  // namespace rashomon
