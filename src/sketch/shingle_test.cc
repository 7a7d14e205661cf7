#include "sketch/shingle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "base/utf8.h"
#include "sketch/minhash.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

using Strings = std::vector<std::string>;

// The tokenizer's definition written plainly, one code point at a time: the
// fast path of Shingler must agree with it on every input.
Strings ReferenceTokens(std::string_view text) {
  Strings out;
  std::string tok, folded;
  auto flush = [&] {
    if (!tok.empty()) out.push_back(tok.substr(0, 64));
    tok.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp;
    i += DecodeUtf8(text, i, &cp);
    bool word = cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9')
                          : IsLetter(cp) || IsDigitChar(cp) || (IsWordContinuation(cp) && !tok.empty());
    if (!word) {
      flush();
      continue;
    }
    if (cp < 0x80) {
      tok.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    } else {
      folded.clear();
      AppendFolded(cp, &folded);
      tok += folded;
    }
  }
  flush();
  return out;
}

TEST(ShinglerTest, FastPathAgreesWithThePlainDefinition) {
  // Random texts from pieces that exercise every branch: ASCII of both
  // cases, digits, separators, accented and combining letters, non-ASCII
  // separators (curly quotes, dashes), other scripts, invalid bytes and
  // runs longer than 64 bytes.
  const std::vector<std::string> pieces = {
      "a", "Z", "q", "7", " ", ",", "-", "'", "\n", "caf\xC3\xA9", "\xC3\x89", "e\xCC\x81", "\xCC\x81",
      "\xE2\x80\x99", "\xE2\x80\x94", "\xE4\xB8\xAD", "\xC3\x9F", "\xFF", "\xC3", std::string(70, 'x'),
      std::string(66, 'Y'), "Araghchi", "U.S.", "x\xC3\xA9" + std::string(70, 'b'),
      // Separators the tokenizer recognises without decoding, whole and cut
      // short (any piece, a combining mark too, may follow them).
      "\xC2\xA0", "\xE2\x80\x9C", "\xE2\x80\xA6", "\xE2\x80\xA8", "\xE2\x80\x8F", "\xE2\x80",
      "\xC2", std::string(61, 'v') + "\xE2\x80\x99"};
  std::mt19937 rng(7);
  Shingler s;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    // Every other text is long enough for the fast path of whole blocks.
    int parts = static_cast<int>(rng() % (round % 2 ? 200 : 24));
    for (int k = 0; k < parts; ++k) text += pieces[rng() % pieces.size()];
    ASSERT_EQ(s.Tokens(text), ReferenceTokens(text)) << "text: " << text;
  }
}

// The tokenizer treats U+2010..U+2027 and U+00A0 as separators without
// decoding them: that is only right while none is a word character.
TEST(ShinglerTest, CommonPunctuationIsNoWordCharacter) {
  std::vector<char32_t> cps = {0x00A0};
  for (char32_t cp = 0x2010; cp <= 0x2027; ++cp) cps.push_back(cp);
  for (char32_t cp : cps) {
    EXPECT_FALSE(IsLetter(cp) || IsDigitChar(cp) || IsWordContinuation(cp)) << std::hex << static_cast<uint32_t>(cp);
  }
  Shingler s;
  EXPECT_EQ(s.Tokens("Iran\xE2\x80\x99s \xE2\x80\x9C"
                     "deal\xE2\x80\x9D\xC2\xA0now\xE2\x80\x94ok"),
            (Strings{"iran", "s", "deal", "now", "ok"}));
}

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

TEST(ShinglerTest, TokenHashesHashTheFoldedTokens) {
  Shingler s;
  std::vector<uint64_t> h;
  s.TokenHashes("Ferry ferry FERRY", &h);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0], h[1]);
  EXPECT_EQ(h[0], h[2]);
  EXPECT_EQ(h[0], s.HashToken("ferry"));
  EXPECT_NE(h[0], s.HashToken("ferr"));
  EXPECT_NE(h[0], s.HashToken("ferryx"));
  // The hash is fixed (signatures are compared across runs and machines):
  // if this fails, bump kSignatureVersion and update the value.
  EXPECT_EQ(s.HashToken("ferry"), 7184223726750332167ULL);  // also from the formula in shingle.h by hand  // also from the formula in shingle.h by hand
}

// The in-place fast path (words read past the token, capitals folded in the
// register, copies near the end of the text) gives the same hash as hashing
// the folded token: texts of every length so that tokens end at every
// distance from the text's end and cross 8- and 64-byte boundaries.
TEST(ShinglerTest, TokenHashesAgreeWithHashesOfTheTokens) {
  const std::vector<std::string> pieces = {
      "a", "Zz", "q7", " ", ",", "-", "\n", "caf\xC3\xA9", "\xE2\x80\x99", "ABCDEFGH", "abcdefghi",
      "Araghchi", "0123456789abcdef", std::string(63, 'k'), std::string(70, 'W'), "M\xC3\xBCnchen"};
  std::mt19937 rng(11);
  Shingler s;
  std::vector<uint64_t> h;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    int parts = static_cast<int>(rng() % (round % 2 ? 200 : 20));
    for (int k = 0; k < parts; ++k) text += pieces[rng() % pieces.size()];
    h.clear();
    s.TokenHashes(text, &h);
    const Strings tokens = s.Tokens(text);
    ASSERT_EQ(h.size(), tokens.size()) << "text: " << text;
    for (size_t i = 0; i < tokens.size(); ++i) {
      ASSERT_EQ(h[i], s.HashToken(tokens[i])) << "token " << tokens[i] << " of: " << text;
    }
  }
}

// Distinct tokens get distinct hashes (a collision would merge shingles).
TEST(ShinglerTest, TokenHashesOfDistinctTokensDiffer) {
  Shingler s;
  std::vector<uint64_t> all;
  std::string tok;
  for (int len = 1; len <= 3; ++len) {
    // Every token of 1..3 characters over [a-z0-9].
    const std::string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::vector<size_t> digit(static_cast<size_t>(len), 0);
    while (true) {
      tok.clear();
      for (size_t d : digit) tok += alphabet[d];
      all.push_back(s.HashToken(tok));
      size_t i = 0;
      while (i < digit.size() && ++digit[i] == alphabet.size()) digit[i++] = 0;
      if (i == digit.size()) break;
    }
  }
  for (int i = 0; i < 20000; ++i) all.push_back(s.HashToken("token" + std::to_string(i) + "suffixlong"));
  const size_t count = all.size();
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::unique(all.begin(), all.end()) - all.begin(), static_cast<std::ptrdiff_t>(count));
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

// Shingler::Sign fuses tokenising, shingling and signing: it must give
// exactly MinHasher::Sign of ShingleHashes for every shingle length (1, the
// default 5, the largest 64), texts shorter than one shingle, empty texts
// and bin counts that are not powers of two.
TEST(ShinglerTest, FusedSignAgreesWithSigningTheShingleHashes) {
  const std::vector<std::string> words = {"ferry", "Capsized", "off", "the", "coast", "212",
                                          "caf\xC3\xA9", "\xE2\x80\x9C", "said", "-", "a"};
  std::mt19937 rng(11);
  for (int k : {1, 2, 5, 64}) {
    Shingler s(ShingleOptions{.shingle_words = k});
    for (int values : {128, 256, 100}) {
      MinHasher hasher(MinHashOptions{.num_values = values});
      for (int round = 0; round < 60; ++round) {
        std::string text;
        const int n = static_cast<int>(rng() % (round % 3 == 0 ? 8 : 400));
        for (int w = 0; w < n; ++w) text += words[rng() % words.size()] + " ";
        std::vector<uint64_t> hashes;
        s.ShingleHashes(text, &hashes);
        Signature expected, fused;
        hasher.Sign(hashes, &expected);
        s.Sign(text, hasher, &fused);
        ASSERT_EQ(fused, expected) << "k " << k << ", values " << values << ", text: " << text;
      }
    }
    Signature empty = {1, 2, 3};
    s.Sign("  , -- ", MinHasher(), &empty);
    EXPECT_TRUE(empty.empty());
  }
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
