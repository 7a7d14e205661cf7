#include "eval/corpus_gen.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace rashomon {
namespace {

std::vector<std::string> Bank() {
  // Made-up sentences with distinct words, enough for a small corpus.
  std::vector<std::string> out;
  const char* subjects[] = {"The mayor",          "A spokesman",  "The coast guard",
                            "Local fishermen",    "The ministry", "Two witnesses",
                            "The harbour master", "Engineers"};
  const char* verbs[] = {"said on Monday", "told reporters",        "confirmed late on Tuesday",
                         "denied",         "warned in a statement", "announced"};
  for (int i = 0; i < 120; ++i) {
    out.push_back(std::string(subjects[i % 8]) + " " + verbs[i % 6] + " that item " +
                  std::to_string(i) + " of the plan would cost " + std::to_string(i * 7 + 3) +
                  " thousand crowns.");
  }
  return out;
}

TEST(SplitSentencesTest, SplitsOnEndPunctuationAndLinesKeepingMidLengthSentences) {
  auto s = SplitSentences(
      "The ferry left the port at dawn. It sank an hour later!\nOfficials said \"all were "
      "rescued.\" Then what?\n"
      "Five short words are kept here");
  EXPECT_EQ(s, (std::vector<std::string>{
                   "The ferry left the port at dawn.", "It sank an hour later!",
                   "Officials said \"all were rescued.\"", "Five short words are kept here"}));
}

TEST(CorpusGenTest, PlantsKindsWithConsistentGold) {
  CorpusGenOptions o;
  o.articles = 400;
  o.article_bytes = 1200;
  std::vector<Article> articles;
  std::vector<GoldRecord> gold;
  ASSERT_TRUE(GenerateCorpus(Bank(), o, [&](const Article& a, const GoldRecord& g) {
                articles.push_back(a);
                gold.push_back(g);
              }).ok());
  ASSERT_EQ(articles.size(), 400u);
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < articles.size(); ++i) index[articles[i].id] = i;
  EXPECT_EQ(index.size(), 400u);  // ids are unique
  std::map<GenKind, int> kinds;
  std::set<std::string> stories;
  for (size_t i = 0; i < gold.size(); ++i) {
    const GoldRecord& g = gold[i];
    ++kinds[g.kind];
    stories.insert(g.story);
    EXPECT_EQ(g.article, articles[i].id);
    EXPECT_GE(articles[i].text.size(), 1000u);
    if (g.kind == GenKind::kOriginal) {
      EXPECT_TRUE(g.of.empty());
      continue;
    }
    ASSERT_TRUE(index.count(g.of)) << g.of;
    const size_t from = index[g.of];
    EXPECT_LT(from, i);
    EXPECT_EQ(gold[from].kind, GenKind::kOriginal);
    EXPECT_EQ(gold[from].story, g.story);
    if (g.kind == GenKind::kExact) {
      EXPECT_EQ(articles[i].text, articles[from].text);
    }
    if (g.kind == GenKind::kRewrite) {
      EXPECT_NE(articles[i].text, articles[from].text);
    }
  }
  EXPECT_GT(kinds[GenKind::kOriginal], 200);
  EXPECT_GT(kinds[GenKind::kExact], 5);
  EXPECT_GT(kinds[GenKind::kNear], 30);
  EXPECT_GT(kinds[GenKind::kRewrite], 15);
  EXPECT_EQ(stories.size(), 50u);  // 400 / 8 per story, all used
}

TEST(CorpusGenTest, SameOptionsSameCorpusOtherSeedOtherCorpus) {
  CorpusGenOptions o;
  o.articles = 50;
  auto run = [&](uint64_t seed) {
    o.seed = seed;
    std::string all;
    EXPECT_TRUE(GenerateCorpus(Bank(), o, [&](const Article& a, const GoldRecord& g) {
                  all += a.id + a.text + g.story + g.of;
                }).ok());
    return all;
  };
  EXPECT_EQ(run(1), run(1));
  EXPECT_NE(run(1), run(2));
}

TEST(CorpusGenTest, TooFewSentencesIsAnError) {
  std::vector<std::string> few(10, "only ten sentences of five words");
  Status s = GenerateCorpus(few, {}, [](const Article&, const GoldRecord&) {});
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace rashomon
