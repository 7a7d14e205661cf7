#include "analysis/clause_align.h"

#include <gtest/gtest.h>

#include <string>

#include "analysis/story.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

std::vector<std::string> ClauseTexts(const Document& doc, const Sentence& s) {
  std::vector<std::string> out;
  for (const auto& [first, end] : SplitClauses(doc, s)) {
    uint32_t b = doc.tokens[first].begin, e = doc.tokens[end - 1].end;
    out.emplace_back(doc.text.substr(b, e - b));
  }
  return out;
}

// The document of one invented article.
Document OneDocument(std::string text) {
  std::vector<Article> articles(1);
  articles[0].id = "a";
  articles[0].text = std::move(text);
  return std::move(BuildDocuments(articles)[0]);
}

TEST(ClauseAlignTest, SplitsAtClauseBoundariesOnly) {
  const Document doc = OneDocument(
      "Despite calling the harbour talks very productive, the mayor of Tessel closed the northern pier on Saturday.\n\n"
      "The ferry from Damsk, Varro and Ostrel arrived late on a grey and windy morning.\n");
  ASSERT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(ClauseTexts(doc, doc.sentences[0]),
            (std::vector<std::string>{"Despite calling the harbour talks very productive",
                                      "the mayor of Tessel closed the northern pier on Saturday."}));
  // Commas of a list are no clause boundary.
  EXPECT_TRUE(ClauseTexts(doc, doc.sentences[1]).empty());
}

TEST(ClauseAlignTest, ReportingParticiplesAndWhileOpenClauses) {
  const Document doc = OneDocument(
      "Minister Ralla Venke said the Orsk canal would reopen in May, warning that barges would pay higher tolls.\n\n"
      "The port of Quillan raised its fees on grain cargo while opening a second dock for container ships.\n\n"
      "The council cut bus fares, alongside lower prices for season tickets in the Marrow district.\n\n"
      "The dock workers stayed while the storm passed.\n");
  ASSERT_EQ(doc.sentences.size(), 4u);
  EXPECT_EQ(ClauseTexts(doc, doc.sentences[0]),
            (std::vector<std::string>{"Minister Ralla Venke said the Orsk canal would reopen in May",
                                      "warning that barges would pay higher tolls."}));
  // "while" opens a clause without a comma before it; it stays with its clause.
  EXPECT_EQ(ClauseTexts(doc, doc.sentences[1]),
            (std::vector<std::string>{"The port of Quillan raised its fees on grain cargo",
                                      "while opening a second dock for container ships."}));
  EXPECT_EQ(ClauseTexts(doc, doc.sentences[2]),
            (std::vector<std::string>{"The council cut bus fares",
                                      "alongside lower prices for season tickets in the Marrow district."}));
  // Pieces under the minimum length are no clauses: nothing to split.
  EXPECT_TRUE(ClauseTexts(doc, doc.sentences[3]).empty());
}

TEST(ClauseAlignTest, SharedClauseMakesOneFact) {
  std::vector<Article> articles(2);
  articles[0].id = "x";
  articles[0].text =
      "The Ostrel dockworkers union rejected the new port contract on Monday, while the shipping lines said they "
      "would move their cargo to Varro within a month.\n";
  articles[1].id = "y";
  articles[1].text =
      "Shipping lines plan to move cargo to Varro, and analysts expect freight costs across the region to climb "
      "sharply, after the Ostrel dockworkers union rejected the new port contract on Monday.\n";
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs = {&docs[0], &docs[1]};
  report::Story story = AnalyzeStory(ptrs, "s", AnalysisOptions{});
  bool shared = false;
  for (const report::Fact& f : story.facts) shared |= f.articles.size() == 2;
  EXPECT_TRUE(shared);
}

}  // namespace
}  // namespace rashomon
