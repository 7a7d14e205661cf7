#include "eval/corpus_gen.h"

#include <gtest/gtest.h>

#include <climits>
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

// Made-up sentences, two thirds naming a person and a town (invented words
// never written in lower case), the rest name-free.
std::vector<std::string> NamedBank() {
  const char* first[] = {"Bra", "Kel", "Mor", "Vin", "Tas", "Qui", "Dro", "Fen"};
  const char* second[] = {"dor", "wick", "ley", "ton", "mere", "gal", "sby", "rith"};
  std::vector<std::string> names;
  for (const char* a : first) {
    for (const char* b : second) names.push_back(std::string(a) + b);
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < 240; ++i) {
    out.push_back("Officials in " + names[i % names.size()] + " said " +
                  names[(i * 7 + 3) % names.size()] + " would inspect item " + std::to_string(i) +
                  " of the harbour plan.");
    if (i % 2 == 0) {
      out.push_back("the committee said item " + std::to_string(i) + " would cost " +
                    std::to_string(i * 3 + 1) + " thousand crowns this year.");
    }
  }
  return out;
}

// Per article, the share of its sentences that an article of another story
// also prints; averaged over articles.
double CrossStoryReuse(const std::vector<std::string>& texts, const std::vector<std::string>& story) {
  std::map<std::string, std::set<std::string>> stories_of;
  std::vector<std::vector<std::string>> sentences;
  for (size_t i = 0; i < texts.size(); ++i) {
    sentences.push_back(SplitSentences(texts[i]));
    for (const auto& s : sentences.back()) stories_of[s].insert(story[i]);
  }
  double sum = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    size_t reused = 0;
    for (const auto& s : sentences[i]) reused += stories_of[s].size() > 1;
    sum += static_cast<double>(reused) / std::max<size_t>(1, sentences[i].size());
  }
  return sum / static_cast<double>(texts.size());
}

TEST(CorpusGenTest, OwnSentencesKeepCrossStoryReuseAtTheSharedShare) {
  CorpusGenOptions o;
  o.articles = 800;
  o.article_bytes = 800;
  auto run = [&](double shared, std::vector<std::string>* texts, std::vector<std::string>* story,
                 std::vector<GoldRecord>* gold) {
    o.shared_sentences = shared;
    EXPECT_TRUE(GenerateCorpus(NamedBank(), o, [&](const Article& a, const GoldRecord& g) {
                  texts->push_back(a.text);
                  story->push_back(g.story);
                  gold->push_back(g);
                }).ok());
  };
  std::vector<std::string> old_texts, old_story, texts, story;
  std::vector<GoldRecord> old_gold, gold;
  run(-1, &old_texts, &old_story, &old_gold);
  run(0.1, &texts, &story, &gold);
  // One bank for 100 stories: most sentences recur in other stories.
  EXPECT_GT(CrossStoryReuse(old_texts, old_story), 0.6);
  const double reuse = CrossStoryReuse(texts, story);
  EXPECT_GT(reuse, 0.04);
  EXPECT_LT(reuse, 0.16);
  // Own sentences carry the story's names: two originals of one story share
  // sentences, and exact copies stay exact.
  std::map<std::string, std::set<std::string>> sentences_of_story;
  size_t shared_inside = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (gold[i].kind == GenKind::kExact) {
      for (size_t j = 0; j < i; ++j) {
        if (gold[j].article == gold[i].of) EXPECT_EQ(texts[i], texts[j]);
      }
    }
    if (gold[i].kind != GenKind::kOriginal) continue;
    for (const auto& s : SplitSentences(texts[i])) {
      shared_inside += !sentences_of_story[story[i]].insert(s).second;
    }
  }
  EXPECT_GT(shared_inside, 100u);
  // Originals print bank sentences whole: the stock's as they are, the
  // others with only their names replaced.
  for (size_t i = 0; i < texts.size(); ++i) {
    if (gold[i].kind != GenKind::kOriginal) continue;
    for (const auto& s : SplitSentences(texts[i])) {
      if (s.rfind("the committee", 0) == 0) continue;
      EXPECT_EQ(s.rfind("Officials in ", 0), 0u) << s;
    }
  }
}

TEST(CorpusGenTest, InventedNamesGrowTheNameStockWithTheStories) {
  CorpusGenOptions o;
  o.articles = 800;  // 100 stories over a bank of 64 name words
  o.article_bytes = 800;
  o.shared_sentences = 0.1;
  std::set<std::string> bank_names;
  for (const auto& s : NamedBank()) {
    if (s.rfind("Officials in ", 0) == 0) bank_names.insert(s.substr(13, s.find(' ', 13) - 13));
  }
  // Per name word of the "Officials in X said Y" sentences: the stories printing it.
  auto names_of = [&](double invented) {
    o.invented_names = invented;
    std::map<std::string, std::set<std::string>> stories_of;
    EXPECT_TRUE(GenerateCorpus(NamedBank(), o, [&](const Article& a, const GoldRecord& g) {
                  for (const auto& s : SplitSentences(a.text)) {
                    if (s.rfind("Officials in ", 0) != 0 || g.kind == GenKind::kNear) continue;
                    const size_t said = s.find(" said ");
                    stories_of[s.substr(13, said - 13)].insert(g.story);
                    stories_of[s.substr(said + 6, s.find(' ', said + 6) - said - 6)].insert(g.story);
                  }
                }).ok());
    return stories_of;
  };
  auto count = [&](const std::map<std::string, std::set<std::string>>& stories_of, bool bank,
                   size_t* shared) {
    size_t n = 0;
    *shared = 0;
    for (const auto& [name, stories] : stories_of) {
      if (bank_names.count(name) != (bank ? 1u : 0u)) continue;
      ++n;
      *shared += stories.size() > 1;
    }
    return n;
  };
  size_t shared = 0;
  auto old = names_of(0);
  EXPECT_EQ(count(old, false, &shared), 0u);  // only the bank's names
  EXPECT_GT(count(old, true, &shared), 50u);
  EXPECT_GT(shared, 50u);  // 100 stories share 64 names
  auto all = names_of(1);
  EXPECT_EQ(count(all, true, &shared), 0u);
  const size_t invented = count(all, false, &shared);
  EXPECT_GT(invented, 500u);  // each story its own, a capitalised word of letters
  EXPECT_LT(shared, 3u);
  for (const auto& [name, stories] : all) {
    EXPECT_TRUE(name.size() >= 3 && name[0] >= 'A' && name[0] <= 'Z') << name;
    for (char c : name.substr(1)) EXPECT_TRUE(c >= 'a' && c <= 'z') << name;
  }
  auto half = names_of(0.5);
  const size_t half_invented = count(half, false, &shared);
  EXPECT_GT(half_invented, invented / 3);
  EXPECT_LT(half_invented, invented * 2 / 3);
  EXPECT_GT(count(half, true, &shared), 30u);
}

TEST(CorpusGenTest, StreamTimesKeepAStorysArticlesWithinThreeDays) {
  CorpusGenOptions o;
  o.articles = 800;
  o.article_bytes = 800;
  std::map<std::string, std::pair<int64_t, int64_t>> range;  // story -> first, last
  int64_t first = INT64_MAX, last = INT64_MIN;
  size_t without = 0;
  ASSERT_TRUE(GenerateCorpus(NamedBank(), o, [&](const Article& a, const GoldRecord&) {
                without += !a.published.has_value();
              }).ok());
  EXPECT_EQ(without, 800u);  // no times unless asked
  o.articles_per_day = 40;   // 20 days
  ASSERT_TRUE(GenerateCorpus(NamedBank(), o, [&](const Article& a, const GoldRecord& g) {
                ASSERT_TRUE(a.published.has_value());
                auto [it, fresh] = range.try_emplace(g.story, *a.published, *a.published);
                it->second.first = std::min(it->second.first, *a.published);
                it->second.second = std::max(it->second.second, *a.published);
                first = std::min(first, *a.published);
                last = std::max(last, *a.published);
              }).ok());
  for (const auto& [story, r] : range) EXPECT_LE(r.second - r.first, 3 * 86400) << story;
  EXPECT_GT(last - first, 15 * 86400);
  EXPECT_LE(last - first, 23 * 86400);
}

TEST(CorpusGenTest, TooFewSentencesIsAnError) {
  std::vector<std::string> few(10, "only ten sentences of five words");
  Status s = GenerateCorpus(few, {}, [](const Article&, const GoldRecord&) {});
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace rashomon
