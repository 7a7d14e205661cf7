#include "eval/datasets.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "base/test_util.h"

namespace rashomon {
namespace {

TEST(DatasetsTest, CsvQuotingAndNewlines) {
  CsvReader csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n");
  std::vector<std::string> row;
  ASSERT_TRUE(csv.Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  ASSERT_TRUE(csv.Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"1", "two\nlines", "3"}));
  EXPECT_FALSE(csv.Next(&row));
}

TEST(DatasetsTest, LoadsEcbPlusWithGoldStories) {
  std::string dir = testing::SharedDir() + "/data/ecbplus/ECB+";
  if (!std::filesystem::exists(dir)) GTEST_SKIP();
  auto set = LoadEcbPlus(dir, {1});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_GT(set->articles.size(), 30u);
  std::set<std::string> gold(set->gold.begin(), set->gold.end());
  EXPECT_EQ(gold, (std::set<std::string>{"1ecb", "1ecbplus"}));
  // Detokenised text reads naturally.
  const Article& a = set->articles[0];
  EXPECT_EQ(a.text.find(" ,"), std::string::npos);
  EXPECT_EQ(a.text.find(" ."), std::string::npos);
}

TEST(DatasetsTest, LoadsUciHeadlines) {
  std::string path = testing::SharedDir() + "/data/uci-news-aggregator-sample/uci-news-aggregator-first6366.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP();
  auto set = LoadUciNews(path);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->articles.size(), 6366u);
  EXPECT_EQ(std::set<std::string>(set->gold.begin(), set->gold.end()).size(), 87u);
  EXPECT_TRUE(set->articles[0].published.has_value());
  EXPECT_FALSE(set->articles[0].source.empty());
}

}  // namespace
}  // namespace rashomon
