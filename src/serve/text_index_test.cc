#include "serve/text_index.h"

#include <gtest/gtest.h>

#include <set>

#include "text/search_words.h"

namespace rashomon::serve {
namespace {

using Docs = std::vector<uint32_t>;

TEST(TextIndexTest, FindsDocumentsHoldingEveryWord) {
  TextIndex index;
  index.Add(0, "Quarry flood at Velmora");
  index.Add(0, "The pumps at the Velmora quarry failed overnight.");
  index.Add(1, "Harbour strike in Tessaly");
  index.Add(1, "Dockers walked out; the quarry road was blocked.");
  index.Add(2, "Pumps");
  EXPECT_EQ(index.Find("quarry"), (Docs{0, 1}));
  EXPECT_EQ(index.Find("QUARRY velmora"), (Docs{0}));
  EXPECT_EQ(index.Find("pumps"), (Docs{0, 2}));
  EXPECT_EQ(index.Find("overnight dockers"), Docs{});  // in two documents, never one
  EXPECT_EQ(index.Find("absent"), Docs{});
  EXPECT_EQ(index.Find("  %% "), Docs{});  // no word: no hit
}

TEST(TextIndexTest, MatchesWholeFoldedWordsNotSubstrings) {
  TextIndex index;
  index.Add(0, "Ålvik's CAFÉ reopened");
  EXPECT_EQ(index.Find("cafe"), (Docs{0}));
  EXPECT_EQ(index.Find("alvik"), (Docs{0}));
  EXPECT_EQ(index.Find("caf"), Docs{});
  EXPECT_EQ(index.Find("reopen"), Docs{});
}

// Differential test against a scan of every document's word set.
TEST(TextIndexTest, AgreesWithAScanOnGeneratedText) {
  const std::vector<std::string> vocab = {"ash", "bell", "cove", "dune", "elm", "fjord", "gale", "Höhe"};
  std::vector<std::string> docs;
  uint32_t seed = 7;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
  TextIndex index;
  for (uint32_t d = 0; d < 200; ++d) {
    std::string text;
    for (int w = 0, n = static_cast<int>(next() % 6); w < n; ++w) text += vocab[(next() >> 8) % vocab.size()] + " ";
    index.Add(d, text);
    docs.push_back(text);
  }
  for (size_t a = 0; a < vocab.size(); ++a) {
    for (size_t b = a; b < vocab.size(); ++b) {
      const std::string query = vocab[a] + " " + vocab[b];
      Docs expected;
      for (uint32_t d = 0; d < docs.size(); ++d) {
        std::vector<std::string> words = SearchWords(docs[d]);
        std::set<std::string> have(words.begin(), words.end());
        bool all = true;
        for (const std::string& q : SearchWords(query)) all = all && have.count(q) > 0;
        if (all) expected.push_back(d);
      }
      EXPECT_EQ(index.Find(query), expected) << query;
    }
  }
}

}  // namespace
}  // namespace rashomon::serve
