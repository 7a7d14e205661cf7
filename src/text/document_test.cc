#include "text/document.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/diagnostics.h"
#include "base/strings.h"
#include "base/test_util.h"
#include "ingest/ingest.h"

namespace rashomon {
namespace {

Article MakeArticle(std::string text, std::string title = "") {
  Article a;
  a.id = "t";
  a.text = std::move(text);
  a.title = std::move(title);
  return a;
}

TEST(DocumentTest, FindsTitleLineAndKeepsOffsets) {
  Article a = MakeArticle(
      "Quiet Night on the River\n"
      "KESSEL, Norland — The ferry  sailed on time on Monday. Passengers cheered.\n"
      "A second paragraph follows here, with more detail about the crossing.\n");
  Document d = BuildDocument(a, nullptr);
  EXPECT_EQ(d.title, "Quiet Night on the River");
  EXPECT_EQ(d.title_source, TitleSource::kFound);
  EXPECT_EQ(d.dateline, "KESSEL, Norland");
  ASSERT_EQ(d.sentences.size(), 3u);
  EXPECT_EQ(d.SentenceText(d.sentences[0]), "The ferry sailed on time on Monday.");
  // Offsets map back to the raw text, across the collapsed double space.
  const Sentence& s = d.sentences[1];
  uint32_t raw = d.to_raw.ToRaw(s.begin);
  EXPECT_EQ(a.text.substr(raw, 10), "Passengers");
  uint32_t word = d.to_raw.ToRaw(d.sentences[0].begin + 10);  // "sailed"
  EXPECT_EQ(a.text.substr(word, 6), "sailed");
}

TEST(DocumentTest, OneUnpunctuatedLineIsTheBodyNotAHeading) {
  // A headline-only item: one line, no full stop. It is the whole text, so
  // it must give a sentence, its words and a title, not an empty article.
  Article a = MakeArticle("Divers recover a bronze bell from the harbour floor near Kessel\n");
  Document d = BuildDocument(a, nullptr);
  ASSERT_EQ(d.sentences.size(), 1u);
  EXPECT_EQ(d.word_count, 11u);
  EXPECT_FALSE(d.title.empty());
  EXPECT_EQ(d.SentenceText(d.sentences[0]), "Divers recover a bronze bell from the harbour floor near Kessel");

  // With a body after it, the same line stays a heading and is no sentence.
  Article b = MakeArticle(
      "Divers recover a bronze bell from the harbour floor near Kessel\n"
      "The bell was lifted on Monday after two days of work. It weighs about a tonne.\n");
  Document e = BuildDocument(b, nullptr);
  for (const Sentence& s : e.sentences) EXPECT_EQ(e.SentenceText(s).find("Divers recover"), std::string::npos);
}

TEST(DocumentTest, InfersTitleFromLedeClause) {
  Article a = MakeArticle(
      "The regional council approved a plan to rebuild the harbour wall before winter, while "
      "opposition members warned that the cost had doubled since the spring estimate.\n"
      "Work is due to begin next month.\n");
  Document d = BuildDocument(a, nullptr);
  EXPECT_EQ(d.title_source, TitleSource::kInferred);
  EXPECT_EQ(d.title, "The regional council approved a plan to rebuild the harbour wall before winter");
}

TEST(DocumentTest, GivenTitleLineIsNotASentence) {
  Article a = MakeArticle("Storm Closes Schools\nSchools closed on Friday as the storm hit.\n",
                          "Storm closes schools");
  Document d = BuildDocument(a, nullptr);
  EXPECT_EQ(d.title_source, TitleSource::kGiven);
  ASSERT_EQ(d.sentences.size(), 1u);
  EXPECT_EQ(d.lines[0].kind, LineKind::kTitle);
}

// The seed articles: no boilerplate line of theirs may reach a sentence.
TEST(DocumentTest, SeedBoilerplateNeverBecomesASentence) {
  std::string seeds = testing::SharedDir() + "/corpus/seeds";
  if (!std::filesystem::exists(seeds)) GTEST_SKIP() << "no ../shared/corpus/seeds";
  Diagnostics diag(false);
  ArticleCollector collector(&diag);
  IngestPaths({seeds}, {}, diag, collector.AsSink());
  ASSERT_EQ(collector.articles().size(), 5u);
  LineStats stats;
  for (const Article& a : collector.articles()) stats.AddArticle(a.text);
  // Lines we judged, reading the seeds, to be scraper leftovers.
  const std::vector<std::string> leftovers = {"listen to this article", "Recommended stories",
                                              "itemsend of list", "Help us improve", "information"};
  size_t sentences = 0;
  for (const Article& a : collector.articles()) {
    Document d = BuildDocument(a, &stats);
    EXPECT_FALSE(d.title.empty());
    for (const Sentence& s : d.sentences) {
      std::string_view text = d.SentenceText(s);
      ++sentences;
      for (const std::string& bad : leftovers) {
        EXPECT_EQ(text.find(bad), std::string_view::npos) << a.id << ": " << text;
      }
      EXPECT_FALSE(text == "information");
    }
  }
  EXPECT_GT(sentences, 60u);
}

}  // namespace
}  // namespace rashomon
