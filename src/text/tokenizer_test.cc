#include "text/tokenizer.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

std::vector<std::string> Keys(std::string_view text, bool punct = false) {
  std::vector<Token> tokens;
  TokenizeOptions options;
  options.keep_punct = punct;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), options, &tokens);
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(TokenKeyString(text, t));
  return out;
}

TEST(TokenizerTest, WordsNumbersAndClitics) {
  EXPECT_EQ(Keys("Iran’s missile program"), (std::vector<std::string>{"iran", "missile", "program"}));
  EXPECT_EQ(Keys("don't O'Brien"), (std::vector<std::string>{"don't", "o'brien"}));
  EXPECT_EQ(Keys("3,117 people; 3.67% and $18bn"),
            (std::vector<std::string>{"3117", "people", "3.67", "and", "18", "bn"}));
  EXPECT_EQ(Keys("the 3rd round, 1990s"), (std::vector<std::string>{"the", "3rd", "round", "1990s"}));
  EXPECT_EQ(Keys("a 12-day war, 1994-built"), (std::vector<std::string>{"a", "12day", "war", "1994built"}));
}

TEST(TokenizerTest, HyphensAcronymsAndGluedText) {
  EXPECT_EQ(Keys("anti-government antigovernment"),
            (std::vector<std::string>{"antigovernment", "antigovernment"}));
  EXPECT_EQ(Keys("the U.S. envoy"), (std::vector<std::string>{"the", "us", "envoy"}));
  EXPECT_EQ(Keys("George W. Bush"), (std::vector<std::string>{"george", "w", "bush"}));
  EXPECT_EQ(Keys("article5 minutes G7 MH17"),
            (std::vector<std::string>{"article", "5", "minutes", "g7", "mh17"}));
}

TEST(TokenizerTest, FlagsAndStems) {
  std::string text = "NATO Leaders said the talks";
  std::vector<Token> tokens;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), {}, &tokens);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_TRUE(tokens[0].Is(token_flags::kAllCaps));
  EXPECT_TRUE(tokens[1].Is(token_flags::kCapitalized));
  EXPECT_FALSE(tokens[1].Is(token_flags::kAllCaps));
  EXPECT_TRUE(tokens[2].Is(token_flags::kStopword));  // "said"
  EXPECT_TRUE(tokens[3].Is(token_flags::kStopword));
  // "talks" and "talk" share a stem.
  std::string other = "talk";
  std::vector<Token> t2;
  Tokenize(other, 0, 4, {}, &t2);
  EXPECT_EQ(tokens[4].stem, t2[0].stem);
  EXPECT_NE(tokens[4].key, t2[0].key);
}

TEST(TokenizerTest, PunctuationTokensKeepSpans) {
  std::string text = "“Yes,” he said.";
  std::vector<Token> tokens;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), {}, &tokens);
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kPunct);
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "Yes");
  EXPECT_EQ(tokens[6].kind, TokenKind::kPunct);
}

}  // namespace
}  // namespace rashomon
