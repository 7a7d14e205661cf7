#include "serve/article_view.h"

#include <gtest/gtest.h>

#include "serve/test_fixture.h"

namespace rashomon::serve {
namespace {

const Article& Find(const testing::Fixture& f, const std::string& id) {
  for (const Article& a : f.articles) {
    if (a.id == id) return a;
  }
  ADD_FAILURE() << "no article " << id;
  return f.articles.front();
}

std::vector<MarkedSentence> Sentences(const ArticleView& v) {
  std::vector<MarkedSentence> out;
  for (const auto& p : v.paragraphs) out.insert(out.end(), p.sentences.begin(), p.sentences.end());
  return out;
}

const MarkedSentence* Containing(const std::vector<MarkedSentence>& all, const std::string& words) {
  for (const auto& s : all) {
    if (s.text.find(words) != std::string::npos) return &s;
  }
  return nullptr;
}

TEST(ArticleView, MarksCorroboratedSentencesWithLinksToOtherArticles) {
  testing::Fixture f = testing::MakeFixture(4);
  const report::Story& story = f.report.stories[0];
  ArticleView v = BuildArticleView(Find(f, "wire-1"), &story);
  auto all = Sentences(v);
  const MarkedSentence* s = Containing(all, "port authority suspended");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->mark, SentenceMark::kCorroborated);
  EXPECT_EQ(s->facts, std::vector<std::string>{"f2"});
  EXPECT_EQ(s->also_in, (std::vector<std::string>{"copy-1", "indep-1"}));
}

TEST(ArticleView, MajoritySideOfAConflictIsNotMarked) {
  testing::Fixture f = testing::MakeFixture(4);
  const report::Story& story = f.report.stories[0];
  // wire-1 says 12, as most articles do: its sentence is corroborated, not
  // contradicted; only the side that departs from the others is marked.
  auto all = Sentences(BuildArticleView(Find(f, "wire-1"), &story));
  const MarkedSentence* s = Containing(all, "injuring 12 workers");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->mark, SentenceMark::kCorroborated);
  EXPECT_TRUE(s->conflicts.empty());
  EXPECT_EQ(s->facts, std::vector<std::string>{"f1"});
}

TEST(ArticleView, MinoritySpellingWinsOverCorroboration) {
  testing::Fixture f = testing::MakeFixture(4);
  const report::Story& story = f.report.stories[0];
  // copy-1 alone spells the name "Brandvolt": that sentence is marked even
  // though it carries a corroborated fact.
  auto all = Sentences(BuildArticleView(Find(f, "copy-1"), &story));
  bool marked = false;
  for (const MarkedSentence& s : all) {
    if (s.text.find("Brandvolt") == std::string::npos) continue;
    EXPECT_EQ(s.mark, SentenceMark::kConflicting) << s.text;
    marked = true;
  }
  EXPECT_TRUE(marked);
}

TEST(ArticleView, UniqueFactAndPlainSentences) {
  testing::Fixture f = testing::MakeFixture(4);
  const report::Story& story = f.report.stories[0];
  auto all = Sentences(BuildArticleView(Find(f, "indep-1"), &story));
  const MarkedSentence* unique = Containing(all, "Union leader");
  ASSERT_NE(unique, nullptr);
  EXPECT_EQ(unique->mark, SentenceMark::kUnique);
  EXPECT_TRUE(unique->also_in.empty());
  // "Fifteen" is this article's side of the injuries conflict.
  const MarkedSentence* fifteen = Containing(all, "Fifteen workers");
  ASSERT_NE(fifteen, nullptr);
  EXPECT_EQ(fifteen->mark, SentenceMark::kConflicting);
}

TEST(ArticleView, WithoutStoryEverythingIsPlain) {
  testing::Fixture f = testing::MakeFixture(4);
  auto all = Sentences(BuildArticleView(Find(f, "wire-1"), nullptr));
  ASSERT_FALSE(all.empty());
  for (const auto& s : all) EXPECT_EQ(s.mark, SentenceMark::kPlain) << s.text;
}

TEST(ArticleView, RemovedBoilerplateIsKeptForShowing) {
  testing::Fixture f = testing::MakeFixture(4);
  ArticleView v = BuildArticleView(Find(f, "wire-1"), &f.report.stories[0]);
  ASSERT_EQ(v.removed.size(), 1u);
  EXPECT_EQ(v.removed[0].text, "Listen to this article 5 minutes");
  EXPECT_FALSE(v.removed[0].reason.empty());
  for (const auto& s : Sentences(v)) EXPECT_EQ(s.text.find("Listen to this"), std::string::npos);
}

}  // namespace
}  // namespace rashomon::serve
