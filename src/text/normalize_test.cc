#include "text/normalize.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

TEST(NormalizeTest, SpacesCollapseAndOffsetsMapBack) {
  std::string raw = "a\xC2\xA0\xC2\xA0" "b  c\xE2\x80\x8B" "d";  // a NBSP NBSP b, two spaces, c ZWSP d
  std::string out;
  OffsetMap map;
  NormalizeLine(raw, 100, &out, &map);
  EXPECT_EQ(out, "a b c" "d");
  EXPECT_EQ(map.ToRaw(0), 100u);           // a
  EXPECT_EQ(map.ToRaw(2), 100u + 5);       // b
  EXPECT_EQ(map.ToRaw(4), 100u + 8);       // c
  EXPECT_EQ(map.ToRaw(5), 100u + 12);      // d, after the zero-width space
}

TEST(NormalizeTest, NfkcRewritesLigaturesAndKeepsQuotes) {
  EXPECT_EQ(NormalizeText("\xEF\xAC\x81nance"), "finance");  // ﬁ ligature
  EXPECT_EQ(NormalizeText("“quoted” — dash"), "“quoted” — dash");
  EXPECT_EQ(NormalizeText("  trim me  "), "trim me");
}

TEST(NormalizeTest, FoldingLowercasesAndStripsDiacritics) {
  EXPECT_EQ(FoldForMatch("Aragüshi"), "aragushi");
  EXPECT_EQ(FoldForMatch("ÉCOLE Straße"), "ecole strasse");
  EXPECT_EQ(FoldForMatch("Iran’s"), "iran's");
  EXPECT_EQ(FoldForMatch("Łódź"), "lodz");
  EXPECT_EQ(FoldForMatch("МОСКВА"), "москва");
}

TEST(NormalizeTest, CharacterClasses) {
  EXPECT_TRUE(IsLetter(U'ü'));
  EXPECT_TRUE(IsUpperCase(U'Ä'));
  EXPECT_TRUE(IsOpeningQuote(U'“'));
  EXPECT_TRUE(IsClosingQuote(U'”'));
  EXPECT_TRUE(IsQuoteMark('"'));
  EXPECT_TRUE(IsDash(U'—'));
  EXPECT_FALSE(IsLetter('3'));
}

}  // namespace
}  // namespace rashomon
