#include "eval/cluster_eval.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "base/test_util.h"

namespace rashomon {
namespace {

// A UCI-shaped CSV of invented headlines: 12 stories of 3 rows each.
std::string WriteUciCsv(const testing::TempDir& dir) {
  std::string path = dir.File("uci.csv");
  std::ofstream out(path);
  out << "ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP\n";
  int id = 0;
  for (int story = 0; story < 12; ++story) {
    for (int k = 0; k < 3; ++k) {
      ++id;
      out << id << ",Quorvale harbour story " << story << " take " << k << ",https://example.org/"
          << id << ",Outlet " << k << ",b,story" << story << ",example.org,1394470371550\n";
    }
  }
  return path;
}

TEST(ClusterEvalTest, UciDevAndTestSplitTheStoriesWhole) {
  testing::TempDir dir;
  std::string csv = WriteUciCsv(dir);
  auto all = LoadClusterDataset("uci", csv, "all");
  auto dev = LoadClusterDataset("uci", csv, "dev");
  auto test = LoadClusterDataset("uci", csv, "test");
  ASSERT_TRUE(all.ok() && dev.ok() && test.ok()) << all.status().ToString();
  ASSERT_EQ(all->articles.size(), 36u);
  EXPECT_EQ(dev->articles.size() + test->articles.size(), 36u);
  EXPECT_GT(dev->articles.size(), 0u);
  EXPECT_GT(test->articles.size(), 0u);
  std::set<std::string> dev_stories(dev->gold.begin(), dev->gold.end());
  for (const std::string& g : test->gold) EXPECT_EQ(dev_stories.count(g), 0u) << g;
  // Gold and articles stay aligned.
  for (size_t i = 0; i < dev->articles.size(); ++i) {
    EXPECT_NE(dev->articles[i].title.find(dev->gold[i].substr(5) + " take"), std::string::npos);
  }
}

TEST(ClusterEvalTest, UnknownDatasetIsAnError) {
  auto set = LoadClusterDataset("nosuch", "", "all");
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().ToString().find("unknown dataset 'nosuch'"), std::string::npos);
  EXPECT_TRUE(IsEcbPlus("ecb+"));
  EXPECT_FALSE(IsEcbPlus("uci"));
}

TEST(ClusterEvalTest, EcbPlusSplitsByDevelopmentTopicAndParity) {
  LabeledArticles set;
  for (const char* topic : {"2", "3", "4", "5", "7", "10"}) {
    set.articles.emplace_back();
    set.gold.push_back(std::string(topic) + "ecb");
    set.group.push_back(topic);
  }
  std::vector<ClusterSplit> splits = EcbPlusTopicSplits(set);
  ASSERT_EQ(splits.size(), 4u);
  EXPECT_EQ(splits[0].items, (std::vector<size_t>{0, 3}));  // dev topics 2 and 5
  EXPECT_EQ(splits[1].items, (std::vector<size_t>{1, 2, 4, 5}));
  EXPECT_EQ(splits[2].items, (std::vector<size_t>{1, 4}));  // odd: 3, 7
  EXPECT_EQ(splits[3].items, (std::vector<size_t>{2, 5}));  // even: 4, 10
}

TEST(ClusterEvalTest, ScoresOnlyTheSubset) {
  std::vector<uint32_t> labels = {0, 0, 1, 1, 2};
  std::vector<std::string> gold = {"a", "a", "b", "c", "c"};
  ClusterScores perfect = ScoreSubset(labels, gold, {0, 1});
  EXPECT_DOUBLE_EQ(perfect.bcubed_f1, 1.0);
  ClusterScores mixed = ScoreSubset(labels, gold, {0, 1, 2, 3, 4});
  EXPECT_LT(mixed.bcubed_f1, 1.0);
  EXPECT_EQ(mixed.predicted_clusters, 3u);
  EXPECT_EQ(FormatScore(0.95049), "0.950");
}

}  // namespace
}  // namespace rashomon
