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

TEST(SummaryTest, SentencesOpeningWithABackReferenceDoNotStandAlone) {
  EXPECT_FALSE(StandsAlone("He added that the Varnholt plan was a good start."));
  EXPECT_FALSE(StandsAlone("  They said the bridge would stay closed."));
  EXPECT_FALSE(StandsAlone("This came after weeks of talks in Korsa."));
  EXPECT_TRUE(StandsAlone("Mayor Ilse Varnholt said the bridge would stay closed."));
  EXPECT_TRUE(StandsAlone("Heavy rain closed the Korsa bridge on Monday."));
  EXPECT_TRUE(StandsAlone("Theirs is a hard job, the mayor said."));
}

TEST(SummaryTest, FactSummarySkipsSentencesThatCannotStandAlone) {
  report::Story story;
  auto fact = [&](const std::string& text, int sources) {
    report::Fact f;
    f.id = "f" + std::to_string(story.facts.size() + 1);
    f.text = text;
    f.articles = {"a", "b", "c"};
    f.independent_sources = sources;
    story.facts.push_back(f);
  };
  fact("He added that the talks in Korsa had been a good start for both delegations.", 3);
  fact("The Varnland and Ostria delegations met in Korsa on Friday for a first round of talks.", 2);
  ApplyFactSummary(&story, {});
  ASSERT_FALSE(story.summary.empty());
  for (const std::string& s : story.summary) EXPECT_TRUE(StandsAlone(s)) << s;
  EXPECT_EQ(story.summary[0], story.facts[1].text);
}

TEST(SummaryTest, FactSummaryStatesTheCentralQuote) {
  report::Story story;
  story.articles.resize(3);
  auto fact = [&](const std::string& text, int sources, std::vector<std::string> articles) {
    report::Fact f;
    f.id = "f" + std::to_string(story.facts.size() + 1);
    f.text = text;
    f.articles = std::move(articles);
    f.independent_sources = sources;
    story.facts.push_back(f);
  };
  fact("The Varnland and Ostria delegations met in Korsa on Friday for a first round of talks.", 3, {"a", "b", "c"});
  // Stated in these words by one article only: not a pick of its own.
  fact("Ostria's envoy Petra Lunde said the border tariff was \u201cnot up for discussion\u201d in any round.", 1,
       {"a"});
  report::Quote q;
  q.speaker_name = "Petra Lunde";
  q.versions = {{"a", "not up for discussion", "", true, "", "", ""},
                {"b", "not up for discussion", "", true, "", "", ""}};
  story.quotes.push_back(q);
  report::Quote minor;  // quoted by one article of three: not central
  minor.speaker_name = "Ivo Brandt";
  minor.versions = {{"c", "a long night", "", true, "", "", ""}};
  story.quotes.push_back(minor);
  ApplyFactSummary(&story, {});
  ASSERT_EQ(story.summary.size(), 2u);
  EXPECT_EQ(story.summary[0], story.facts[0].text);
  EXPECT_EQ(story.summary[1], story.facts[1].text);  // the stance, though less corroborated

  // Stated also in a fact shared in part, whose text is a clause cut out of
  // a sentence: the whole sentence still makes the summary line.
  story.summary.clear();
  story.facts.insert(story.facts.begin() + 1, report::Fact{});
  story.facts[1].id = "f9";
  story.facts[1].text = "\u2026 the border tariff was \u201cnot up for discussion\u201d in any round \u2026";
  story.facts[1].articles = {"a", "b"};
  story.facts[1].independent_sources = 2;
  story.facts[1].partial = true;
  ApplyFactSummary(&story, {});
  ASSERT_EQ(story.summary.size(), 2u);
  EXPECT_EQ(story.summary[1], story.facts[2].text) << "a whole sentence, not the cut piece";
}

}  // namespace
}  // namespace rashomon
