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

TEST(StringsTest, TrimCollapseExcerpt) {
  EXPECT_EQ(TrimAscii("  x y \n"), "x y");
  EXPECT_EQ(CollapseWhitespace("  a \t b\n\nc "), "a b c");
  EXPECT_EQ(Excerpt("ab\x01" "cd", 3), "ab\\x01…");
  EXPECT_EQ(WithThousands(1234567), "1,234,567");
  EXPECT_EQ(WithThousands(-12), "-12");
  EXPECT_TRUE(EqualsIgnoreCase("JSONL", "jsonl"));
  EXPECT_TRUE(EndsWithIgnoreCase("a.TXT", ".txt"));
}

}  // namespace
}  // namespace rashomon
