#include "base/strings.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

TEST(StringsTest, SplitLinesHandlesCrlfAndTrailingNewline) {
  auto lines = SplitLines("a\r\nb\n\nc\n");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "a");
  EXPECT_EQ(lines[1], "b");
  EXPECT_EQ(lines[2], "");
  EXPECT_EQ(lines[3], "c");
  EXPECT_TRUE(SplitLines("").empty());
}

TEST(StringsTest, IsAsciiAndAsciiLowercase) {
  EXPECT_TRUE(IsAscii("Dranek, 12"));
  EXPECT_TRUE(IsAscii(""));
  EXPECT_FALSE(IsAscii("Дранек"));
  EXPECT_FALSE(IsAscii("café"));
  EXPECT_EQ(AsciiLowercase("Kalvoran HQ"), "kalvoran hq");
}

TEST(StringsTest, TrimCollapseExcerpt) {
  EXPECT_EQ(TrimAscii("  x y \n"), "x y");
  EXPECT_EQ(CollapseWhitespace("  a \t b\n\nc "), "a b c");
  EXPECT_EQ(Excerpt("ab\x01" "cd", 3), "ab\\x01…");
  EXPECT_EQ(WithThousands(1234567), "1,234,567");
  EXPECT_EQ(WithThousands(-12), "-12");
  EXPECT_TRUE(EqualsIgnoreCase("JSONL", "jsonl"));
  EXPECT_TRUE(EndsWithIgnoreCase("a.TXT", ".txt"));
}

TEST(StringsTest, EscapeForMessageKeepsANameOnOneInertLine) {
  EXPECT_EQ(EscapeForMessage("plain/name-1.txt"), "plain/name-1.txt");
  EXPECT_EQ(EscapeForMessage("Zürich café.html"), "Zürich café.html");
  EXPECT_EQ(EscapeForMessage("a\nb\tc\rd"), "a\\nb\\tc\\rd");
  EXPECT_EQ(EscapeForMessage("x\x1b[31my\x7f"), "x\\x1b[31my\\x7f");
  EXPECT_EQ(EscapeForMessage("bad\xff\xfe" "byte"), "bad\\xff\\xfebyte");
  EXPECT_EQ(EscapeForMessage("rtl\xe2\x80\xaeoverride"), "rtl\\u202eoverride");
  EXPECT_EQ(EscapeForMessage("c1\xc2\x9b" "csi"), "c1\\u009bcsi");
  // Escaping what is escaped changes nothing, so a line may pass twice.
  std::string once = EscapeForMessage("a\nb\x1b");
  EXPECT_EQ(EscapeForMessage(once), once);
}

}  // namespace
}  // namespace rashomon
