#include "sketch/shingle.h"

#include <gtest/gtest.h>
#include <xxhash.h>

namespace rashomon {
namespace {

using Strings = std::vector<std::string>;

TEST(ShinglerTest, TokensAreFoldedRunsOfLettersAndDigits) {
  Shingler s;
  EXPECT_EQ(s.Tokens("The FERRY, carrying 212 people -- sank!"),
            (Strings{"the", "ferry", "carrying", "212", "people", "sank"}));
  EXPECT_EQ(s.Tokens("don't state-run U.S."), (Strings{"don", "t", "state", "run", "u", "s"}));
  EXPECT_EQ(s.Tokens(""), Strings{});
  EXPECT_EQ(s.Tokens(" ,;\n"), Strings{});
}

TEST(ShinglerTest, NonAsciiIsFoldedLikeMatchKeys) {
  Shingler s;
  EXPECT_EQ(s.Tokens("Aragüshi ARAGUSHI aragushi"), (Strings{"aragushi", "aragushi", "aragushi"}));
  EXPECT_EQ(s.Tokens("Zürich—Genève"), (Strings{"zurich", "geneve"}));
  // A decomposed accent (e + combining acute) continues the word and folds away.
  EXPECT_EQ(s.Tokens("cafe\xCC\x81 ok"), (Strings{"cafe", "ok"}));
  // Non-Latin letters are word characters too; the no-break space separates.
  EXPECT_EQ(s.Tokens("Москва\xC2\xA0"
                     "2024"),
            (Strings{"москва", "2024"}));
}

TEST(ShinglerTest, VeryLongRunsAreCutAt64Bytes) {
  Shingler s;
  std::string run(100, 'Q');
  EXPECT_EQ(s.Tokens(run + " end"), (Strings{std::string(64, 'q'), "end"}));
}

TEST(ShinglerTest, TokenHashesAreSeededXxh3OfFoldedTokens) {
  Shingler s;
  std::vector<uint64_t> h;
  s.TokenHashes("Ferry ferry", &h);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0], h[1]);
  EXPECT_EQ(h[0], XXH3_64bits_withSeed("ferry", 5, kDefaultHashSeed));
}

TEST(ShinglerTest, ShinglesSlideOverKWords) {
  ShingleOptions o;
  o.shingle_words = 3;
  Shingler s(o);
  std::vector<uint64_t> h;
  s.ShingleHashes("a b c d a b c", &h);
  ASSERT_EQ(h.size(), 5u);
  EXPECT_EQ(h[0], h[4]);  // "a b c" twice
  EXPECT_NE(h[0], h[1]);
  // Same words, different case and punctuation: same shingles.
  std::vector<uint64_t> h2;
  s.ShingleHashes("A, B; C. D! A-B-C", &h2);
  EXPECT_EQ(h, h2);
  // Order matters inside a shingle.
  s.ShingleHashes("c b a", &h2);
  ASSERT_EQ(h2.size(), 1u);
  EXPECT_NE(h2[0], h[0]);
}

TEST(ShinglerTest, ShortTextsGetOneShingleAndEmptyTextsNone) {
  Shingler s;  // k = 5
  std::vector<uint64_t> h;
  s.ShingleHashes("Ferry sinks", &h);
  EXPECT_EQ(h.size(), 1u);
  s.ShingleHashes("... --- ...", &h);
  EXPECT_TRUE(h.empty());
}

TEST(ShinglerTest, SeedChangesHashes) {
  ShingleOptions o;
  o.seed = 1;
  Shingler a, b(o);
  std::vector<uint64_t> ha, hb;
  a.ShingleHashes("one two three four five six", &ha);
  b.ShingleHashes("one two three four five six", &hb);
  ASSERT_EQ(ha.size(), 2u);
  ASSERT_EQ(hb.size(), 2u);
  EXPECT_NE(ha[0], hb[0]);
}

}  // namespace
}  // namespace rashomon
