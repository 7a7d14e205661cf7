// Sentences shared by many unrelated articles (wire boilerplate, stock
// phrases) must not join them into one story.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "stories/stories.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

// An invented word of three to five syllables.
std::string Word(std::mt19937& rng, bool capital) {
  static const char* kSyllables[] = {"ka", "lo", "mer", "tis", "van", "dru", "pel", "nox", "sar", "bi",
                                     "gon", "fel", "ru", "zan", "tor", "mi", "qua", "ven", "dal", "os"};
  std::string w;
  const int n = 3 + static_cast<int>(rng() % 3);
  for (int i = 0; i < n; ++i) w += kSyllables[rng() % 20];
  if (capital) w[0] = static_cast<char>(w[0] - 'a' + 'A');
  return w;
}

// A sentence of `words` words drawn from `vocab`, opened by a name from `names`.
std::string Sentence(std::mt19937& rng, const std::vector<std::string>& names,
                     const std::vector<std::string>& vocab, int words) {
  std::string s = names[rng() % names.size()];
  for (int i = 0; i < words; ++i) s += " " + vocab[rng() % vocab.size()];
  return s + ".\n";
}

struct Corpus {
  std::vector<Article> articles;
  std::vector<int> story;
  std::vector<bool> boilerplate;
};

// `stories` invented events told by `per_story` short articles each; every
// `every`-th article also carries the same long boilerplate paragraph.
Corpus Make(int stories, int per_story, int every, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> common;
  for (int i = 0; i < 400; ++i) common.push_back(Word(rng, false));
  std::vector<std::string> boiler_words;
  for (int i = 0; i < 28; ++i) boiler_words.push_back(Word(rng, false));
  std::string boiler;
  for (int s = 0; s < 2; ++s) {
    std::string line = "Wire";
    for (int i = 0; i < 14; ++i) line += " " + boiler_words[static_cast<size_t>(s * 14 + i)];
    boiler += line + ".\n";
  }
  Corpus c;
  int k = 0;
  for (int s = 0; s < stories; ++s) {
    std::vector<std::string> names, own;
    for (int i = 0; i < 3; ++i) names.push_back(Word(rng, true));
    for (int i = 0; i < 8; ++i) own.push_back(Word(rng, false));
    for (int a = 0; a < per_story; ++a, ++k) {
      Article art;
      art.id = "a" + std::to_string(k);
      art.text = Sentence(rng, names, own, 5) + Sentence(rng, names, own, 4) +
                 Sentence(rng, names, common, 5) + Sentence(rng, names, common, 5);
      const bool boiled = k % every == 0;
      if (boiled) art.text += boiler;
      c.articles.push_back(std::move(art));
      c.story.push_back(s);
      c.boilerplate.push_back(boiled);
    }
  }
  return c;
}

// Pairs of articles of different stories put together.
size_t FalseJoins(const Corpus& c, const StoryAssignment& a) {
  size_t wrong = 0;
  for (size_t i = 0; i < c.articles.size(); ++i) {
    for (size_t j = 0; j < i; ++j) wrong += a.story_of[i] == a.story_of[j] && c.story[i] != c.story[j];
  }
  return wrong;
}

TEST(BoilerplateTest, SharedParagraphDoesNotJoinUnrelatedArticles) {
  for (unsigned seed = 1; seed <= 3; ++seed) {
    const Corpus c = Make(60, 3, 4, seed);
    std::vector<Document> docs = BuildDocuments(c.articles);
    std::vector<const Document*> ptrs;
    for (const Document& d : docs) ptrs.push_back(&d);
    const StoryAssignment a = FindStories(ptrs);
    EXPECT_EQ(FalseJoins(c, a), 0u) << "seed " << seed;
    // The articles cleaned a chunk at a time are clustered the same way.
    const StoryAssignment b = FindStoriesOfArticles(c.articles, TextOptions{});
    EXPECT_EQ(a.story_of, b.story_of) << "seed " << seed;
    // Each story still found whole.
    for (size_t i = 1; i < c.articles.size(); ++i) {
      if (c.story[i] == c.story[i - 1]) {
        EXPECT_EQ(a.story_of[i], a.story_of[i - 1]) << i;
      }
    }
  }
}

}  // namespace
}  // namespace rashomon
