#include "analysis/summary.h"

#include <gtest/gtest.h>

#include "text/corpus.h"

namespace rashomon {
namespace {

std::vector<Article> ThreeReports() {
  auto make = [](std::string id, std::string title, std::string text) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.text = std::move(text);
    return a;
  };
  return {
      make("a", "Flood closes Riverside bridge",
           "Floodwater closed the Riverside bridge on Sunday after two days of heavy rain.\n"
           "The mayor said the bridge would stay shut until engineers inspect it.\n"
           "A bakery owner said her shop had never flooded in thirty years.\n"),
      make("b", "",
           "The Riverside bridge was closed on Sunday because of floodwater after heavy rain.\n"
           "Engineers must inspect the bridge before it reopens, the mayor said.\n"),
      make("c", "Rain shuts bridge",
           "Heavy rain forced the closure of the Riverside bridge on Sunday as floodwater rose.\n"
           "Schools in the district opened late on Monday.\n"),
  };
}

TEST(SummaryTest, PicksCorroboratedSentencesWithoutRepeats) {
  std::vector<Article> articles = ThreeReports();
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  SummaryOptions options;
  options.sentences = 2;
  Summary s = SummarizeStory(ptrs, options);
  ASSERT_EQ(s.sentences.size(), 2u);
  // The first pick is the closure, told by all three; the second is not
  // another wording of it but the inspection, told by two.
  EXPECT_NE(s.sentences[0].find("bridge"), std::string::npos);
  EXPECT_NE(s.sentences[0].find("Sunday"), std::string::npos);
  EXPECT_NE(s.sentences[1].find("inspect"), std::string::npos);
  // The headline is a title an outlet wrote, not one inferred.
  EXPECT_TRUE(s.headline == "Flood closes Riverside bridge" || s.headline == "Rain shuts bridge") << s.headline;
}

}  // namespace
}  // namespace rashomon
