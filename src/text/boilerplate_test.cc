#include "text/boilerplate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "base/strings.h"

namespace rashomon {
namespace {

std::vector<LineKind> Kinds(std::string_view text, const LineStats* stats = nullptr) {
  std::vector<LineKind> out;
  for (const LineVerdict& v : ClassifyLines(SplitLines(text), stats)) out.push_back(v.kind);
  return out;
}

// Articles written for this test (not from any data set).
constexpr std::string_view kArticleA =
    "Share this story on social media\n"
    "The bridge over the Kessel river reopened on Tuesday after three months of repairs.\n"
    "Related articles\n"
    "Engineers said the steel supports had been replaced and tested twice.\n"
    "Traffic returns\n"
    "Commuters welcomed the news, which cuts the drive into town by twenty minutes.\n"
    "Subscribe to our newsletter\n";
constexpr std::string_view kArticleB =
    "Related articles\n"
    "A fire at a warehouse in the port district was put out overnight, officials said.\n"
    "No one was hurt, according to the fire service, which sent eleven trucks.\n"
    "5 min read\n";

TEST(BoilerplateTest, UiLinesGoHeadingsStay) {
  auto kinds = Kinds(kArticleA);
  ASSERT_EQ(kinds.size(), 7u);
  EXPECT_EQ(kinds[0], LineKind::kBoilerplate);
  EXPECT_EQ(kinds[1], LineKind::kBody);
  EXPECT_EQ(kinds[2], LineKind::kBoilerplate);
  EXPECT_EQ(kinds[3], LineKind::kBody);
  EXPECT_EQ(kinds[4], LineKind::kHeading);
  EXPECT_EQ(kinds[5], LineKind::kBody);
  EXPECT_EQ(kinds[6], LineKind::kBoilerplate);
}

TEST(BoilerplateTest, SecondArticleFromTheSameSite) {
  LineStats stats;
  stats.AddArticle(kArticleA);
  stats.AddArticle(kArticleB);
  EXPECT_EQ(stats.Recurrence("Related articles"), 2u);
  auto kinds = Kinds(kArticleB, &stats);
  ASSERT_EQ(kinds.size(), 4u);
  EXPECT_EQ(kinds[0], LineKind::kBoilerplate);  // "Related articles"
  EXPECT_EQ(kinds[1], LineKind::kBody);
  EXPECT_EQ(kinds[2], LineKind::kBody);
  EXPECT_EQ(kinds[3], LineKind::kBoilerplate);  // "5 min read"
}

TEST(BoilerplateTest, GluedUiWordsAndReaderAddress) {
  auto kinds = Kinds(
      "listen to this story4 minutes\n"
      "Flooding closed the coastal road for a second day as the storm moved north.\n"
      "Residents were told to stay indoors until the warning is lifted on Friday.\n"
      "Schools in the district will remain shut, the council said in a statement.\n"
      "Tell us what you think.\n");
  EXPECT_EQ(kinds[0], LineKind::kBoilerplate);
  EXPECT_EQ(kinds[1], LineKind::kBody);
  EXPECT_EQ(kinds[4], LineKind::kBoilerplate);
}

TEST(BoilerplateTest, RecurrenceAcrossArticlesIgnoresDigits) {
  LineStats stats;
  stats.AddArticle("Coverage notes 3\nA sentence that is only in this article and is long enough.\n");
  stats.AddArticle("Coverage notes 7\nAnother sentence that is only in the second article here.\n");
  EXPECT_EQ(stats.Recurrence("Coverage notes 12"), 2u);
  EXPECT_EQ(stats.Recurrence("Coverage notes"), 0u);
  auto kinds = Kinds(
      "The council met on Monday to discuss the new budget for the coming year.\n"
      "Coverage notes 9\n"
      "Members voted to raise spending on roads and schools by four percent.\n"
      "The mayor said the plan was fair to every part of the town.\n",
      &stats);
  EXPECT_EQ(kinds[1], LineKind::kBoilerplate);
  EXPECT_EQ(kinds[0], LineKind::kBody);
}

// Counts of two halves of a corpus, added together, are the counts of the
// whole (distributed cleaning adds up the counts of its partitions).
TEST(BoilerplateTest, CountsOfPartsAddUpToTheWhole) {
  const std::vector<std::string> texts = {
      "Share this story\nThe dam held through the night, engineers said.\n",
      "Share this story\nFerry crossings resume on Tuesday after the storm.\nSign up 2\n",
      "Sign up 5\nA third article about the harbour wall repairs this week.\n",
      "Share this story\nSign up\n"};
  LineStats whole, first, second;
  for (size_t i = 0; i < texts.size(); ++i) {
    whole.AddArticle(texts[i]);
    (i < 2 ? first : second).AddArticle(texts[i]);
  }
  LineStats joined;
  joined.AddCounts(first.Counts(), first.articles());
  joined.AddCounts(second.Counts(), second.articles());
  EXPECT_EQ(joined.articles(), 4u);
  EXPECT_EQ(joined.Recurrence("Share this story"), 3u);
  EXPECT_EQ(joined.Recurrence("Sign up 9"), 2u);  // "Sign up" alone has no digit
  auto sorted = [](std::vector<std::pair<uint64_t, uint32_t>> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(joined.Counts()), sorted(whole.Counts()));
}

TEST(BoilerplateTest, CopiedSentencesAreNotBoilerplate) {
  // Wire copy shared verbatim by two articles is article text.
  LineStats stats;
  std::string shared = "The central bank raised its main rate by half a point on Thursday.\n";
  stats.AddArticle(shared + "First outlet adds its own closing line here for readers.\n");
  stats.AddArticle(shared + "Second outlet ends with a different sentence entirely.\n");
  auto kinds = Kinds(shared + "Markets fell after the decision, traders said.\n", &stats);
  EXPECT_EQ(kinds[0], LineKind::kBody);
}

}  // namespace
}  // namespace rashomon
