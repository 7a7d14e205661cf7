#include "sketch/dedup.h"

#include <gtest/gtest.h>

#include <set>

namespace rashomon {
namespace {

TEST(DedupTest, GroupsNearDuplicatesInInputOrder) {
  std::string base =
      "The ferry carrying 212 passengers capsized off the northern coast on Tuesday morning, "
      "officials said. "
      "Rescue boats reached the site within an hour and pulled survivors from the water. The cause "
      "of the "
      "accident was not immediately known, and the port authority said an inquiry would open next "
      "week. "
      "Relatives gathered at the harbour as the coast guard published a list of the rescued. "
      "The ferry had left the island port shortly after dawn with a full load of cars and "
      "lorries, and the weather service had warned of strong winds along the coast overnight. "
      "Survivors described a sudden list to one side before water flooded the lower deck.";
  // One word changed in 109: exact J = 0.91, far enough above 0.8
  // that estimator noise (standard error 0.025 there) cannot hide it.
  std::string edited = base;
  edited.replace(edited.find("Tuesday"), 7, "Wednesday");
  std::string other =
      "The central bank kept its main interest rate unchanged on Thursday, citing slowing "
      "inflation and a "
      "weaker labour market, and said it would review the policy again at its next meeting in "
      "March.";
  std::vector<std::string_view> texts = {other, base, "", edited, base};
  DedupOptions o;
  o.threads = 1;
  std::vector<DedupGroup> groups = FindNearDuplicates(texts, o);
  ASSERT_EQ(groups.size(), 1u);
  const auto& m = groups[0].members;
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].index, 1u);
  EXPECT_DOUBLE_EQ(m[0].similarity, 1.0);
  EXPECT_EQ(m[1].index, 3u);
  EXPECT_GT(m[1].similarity, 0.8);
  EXPECT_LT(m[1].similarity, 1.0);
  EXPECT_EQ(m[2].index, 4u);
  EXPECT_DOUBLE_EQ(m[2].similarity, 1.0);
}

// A chain: B is a near copy of A, D a near copy of B, but D is further from
// A. D does not join A's group through B (union-find would put it there);
// every reported similarity reaches the threshold.
TEST(DedupTest, AGroupIsNotJoinedThroughAChain) {
  auto words = [](int from, int count) {
    std::vector<std::string> w;
    for (int i = 0; i < count; ++i) w.push_back("w" + std::to_string(from + i));
    return w;
  };
  auto join = [](const std::vector<std::string>& w) {
    std::string t;
    for (const std::string& x : w) t += x + " ";
    return t;
  };
  std::vector<std::string> a = words(0, 400);
  std::vector<std::string> b = a, d;
  for (int k = 0; k < 6; ++k) b[10 + 30 * k] = "edit" + std::to_string(k);        // about 30 shingles of 396 changed
  d = b;
  for (int k = 0; k < 6; ++k) d[215 + 30 * k] = "other" + std::to_string(k);  // 30 more, elsewhere
  std::string ta = join(a), tb = join(b), td = join(d);
  std::vector<std::string_view> texts = {ta, tb, td};
  DedupOptions o;
  o.threads = 1;
  o.keep_pairs = true;
  DedupStream stream(o);
  stream.AddBatch(texts);
  // The chain exists: B~A and D~B are both verified matches.
  std::set<std::pair<uint32_t, uint32_t>> pairs(stream.pairs().begin(), stream.pairs().end());
  ASSERT_TRUE(pairs.count({0, 1}));
  ASSERT_TRUE(pairs.count({1, 2}));
  ASSERT_FALSE(pairs.count({0, 2}));
  std::vector<DedupGroup> groups = stream.Groups();
  ASSERT_EQ(groups.size(), 1u);
  ASSERT_EQ(groups[0].members.size(), 2u);
  EXPECT_EQ(groups[0].members[0].index, 0u);
  EXPECT_EQ(groups[0].members[1].index, 1u);
  EXPECT_GE(groups[0].members[1].similarity, 0.8);
}

TEST(DedupTest, ThresholdControlsGrouping) {
  std::string a =
      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
  std::string b =
      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen sixteen";
  std::vector<std::string_view> texts = {a, b};  // 10 of 12 shingles shared: J = 10/12
  DedupOptions o;
  o.lsh.threshold = 0.95;
  EXPECT_TRUE(FindNearDuplicates(texts, o).empty());
  o.lsh.threshold = 0.5;
  EXPECT_EQ(FindNearDuplicates(texts, o).size(), 1u);
}

TEST(DedupTest, BatchesGiveTheSameGroupsAsOneCall) {
  std::vector<std::string> owned;
  for (int i = 0; i < 60; ++i) {
    std::string t;
    for (int w = 0; w < 40; ++w)
      t += "w" + std::to_string((i / 3) * 1000 + w) + " ";  // triples share words
    if (i % 3 == 1) t += "tail";                            // a near copy
    owned.push_back(t);
  }
  std::vector<std::string_view> texts(owned.begin(), owned.end());
  DedupOptions o;
  o.threads = 2;
  std::vector<DedupGroup> whole = FindNearDuplicates(texts, o);
  DedupStream stream(o);
  for (size_t i = 0; i < texts.size(); i += 7) {
    stream.AddBatch(std::vector<std::string_view>(texts.begin() + i,
                                                  texts.begin() + std::min(texts.size(), i + 7)));
  }
  std::vector<DedupGroup> batched = stream.Groups();
  ASSERT_EQ(whole.size(), 20u);
  ASSERT_EQ(batched.size(), whole.size());
  for (size_t g = 0; g < whole.size(); ++g) {
    ASSERT_EQ(batched[g].members.size(), 3u);
    for (size_t m = 0; m < 3; ++m) {
      EXPECT_EQ(batched[g].members[m].index, whole[g].members[m].index);
      EXPECT_EQ(batched[g].members[m].similarity, whole[g].members[m].similarity);
    }
  }
  EXPECT_EQ(stream.size(), 60u);
  EXPECT_TRUE(stream.pairs().empty());  // not kept unless asked
  o.keep_pairs = true;
  DedupStream kept(o);
  kept.AddBatch(texts);
  ASSERT_EQ(kept.pairs().size(), 60u);  // each triple: 3 pairs
  EXPECT_EQ(kept.pairs()[0], (std::pair<uint32_t, uint32_t>{0, 1}));
  EXPECT_LT(stream.MemoryBytes(), 60u * 1200);
}

TEST(DedupTest, SignAllIsTheSameOnAnyThreadCount) {
  std::vector<std::string> owned;
  for (int i = 0; i < 700; ++i)
    owned.push_back("article number " + std::to_string(i) + " about the harbour wall repairs");
  std::vector<std::string_view> texts(owned.begin(), owned.end());
  auto one = SignAll(texts, {}, {}, 1);
  auto two = SignAll(texts, {}, {}, 2);
  EXPECT_EQ(one, two);
  EXPECT_NE(one[0], one[1]);
}

}  // namespace
}  // namespace rashomon
