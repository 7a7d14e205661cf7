#include "base/utf8.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

TEST(Utf8Test, Validation) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii text that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("Ara\xC4\x9F\xC4\xB1 “quoted” \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));              // Latin-1 é
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));             // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));         // overlong 3-byte
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));         // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));     // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x80"));          // truncated at end
  EXPECT_FALSE(IsValidUtf8("abcdefghijklmnop\x80"));  // after the fast path
}

TEST(Utf8Test, DecodeAndEncodeRoundTrip) {
  for (char32_t cp : {0x41u, 0xE9u, 0x20ACu, 0x1F600u, 0x10FFFFu}) {
    std::string s;
    AppendUtf8(cp, &s);
    char32_t back = 0;
    EXPECT_EQ(DecodeUtf8(s, 0, &back), s.size());
    EXPECT_EQ(back, cp);
  }
  std::string s;
  AppendUtf8(0xD800, &s);  // not a scalar value
  char32_t back = 0;
  DecodeUtf8(s, 0, &back);
  EXPECT_EQ(back, kReplacementChar);
}

TEST(Utf8Test, RepairDecodesStrayBytesAsWindows1252) {
  std::string out;
  EXPECT_EQ(RepairUtf8("caf\xE9 \x93quoted\x94 \x80", &out), 4u);
  EXPECT_EQ(out, "café “quoted” €");
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(RepairUtf8("already “fine”", &out), 0u);
  EXPECT_EQ(out, "already “fine”");
}

TEST(Utf8Test, TruncateKeepsCodePointsWhole) {
  EXPECT_EQ(TruncateUtf8("aé", 2), "a");
  EXPECT_EQ(TruncateUtf8("aé", 3), "aé");
  EXPECT_EQ(CountCodePoints("aé€"), 3u);
}

}  // namespace
}  // namespace rashomon
