#include "eval/datasets.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <cctype>
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

TEST(DatasetsTest, PolnearSpansPointAtTheirText) {
  std::string dir = testing::SharedDir() + "/data/polnear/data";
  if (!std::filesystem::exists(dir)) GTEST_SKIP();
  auto set = LoadPolnear(dir, "dev");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_GT(set->size(), 50u);
  size_t direct = 0, cues_are_words = 0, cues = 0;
  for (const auto& pa : *set) {
    for (const auto& g : pa.attributions) {
      direct += g.direct;
      if (g.cue.empty()) continue;
      ++cues;
      // Character offsets were converted to bytes: cue spans start and end on words.
      std::string cue = pa.article.text.substr(g.cue.begin, g.cue.end - g.cue.begin);
      bool word_start = g.cue.begin == 0 || !std::isalnum(static_cast<unsigned char>(pa.article.text[g.cue.begin - 1]));
      cues_are_words += word_start && !cue.empty() && std::isalpha(static_cast<unsigned char>(cue[0]));
    }
  }
  EXPECT_GT(direct, 100u);
  EXPECT_GT(cues_are_words * 100, cues * 95);  // off-by-a-few offsets would break this
}

}  // namespace
}  // namespace rashomon
