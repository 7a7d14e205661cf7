#include "text/search_words.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

using Words = std::vector<std::string>;

TEST(SearchWordsTest, SplitsOnEverythingButLettersAndDigits) {
  EXPECT_EQ(SearchWords("The Zorvath-Kellin bridge, 42 metres!"),
            (Words{"the", "zorvath", "kellin", "bridge", "42", "metres"}));
  EXPECT_EQ(SearchWords("  ...  "), Words{});
  EXPECT_EQ(SearchWords(""), Words{});
  EXPECT_EQ(SearchWords("quell'ora l’Orvanne"), (Words{"quell", "ora", "l", "orvanne"}));
}

TEST(SearchWordsTest, FoldsCaseAndDiacriticsOutsideAscii) {
  EXPECT_EQ(SearchWords("CAFÉ Ålvik Straße"), (Words{"cafe", "alvik", "strasse"}));
  // A decomposed e + combining acute folds like the composed one.
  EXPECT_EQ(SearchWords("Cafe\xCC\x81 x"), (Words{"cafe", "x"}));
  EXPECT_EQ(SearchWords("Москва — ЁЛКА"), (Words{"москва", "елка"}));
}

TEST(SearchWordsTest, HostileMarkupIsJustWords) {
  EXPECT_EQ(SearchWords("<script>alert(\"x\")</script> %_\\"), (Words{"script", "alert", "x", "script"}));
}

TEST(SearchWordsTest, ForEachSeesTheSameWordsAsTheVector) {
  const std::string text = "Naïve Ölund met 3 ÉLUS at dawn";
  Words seen;
  ForEachSearchWord(text, [&seen](std::string_view w) { seen.emplace_back(w); });
  EXPECT_EQ(seen, SearchWords(text));
  EXPECT_EQ(seen.size(), 7u);
}

}  // namespace
}  // namespace rashomon
