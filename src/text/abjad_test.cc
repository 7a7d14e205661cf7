#include "text/abjad.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace rashomon {
namespace {

TEST(AbjadTest, AbjadSkeletonKeepsTheConsonantsBothScriptsWrite) {
  EXPECT_EQ(AbjadSkeleton("kalvani"), "krbn");
  EXPECT_EQ(AbjadSkeleton("kalfany"), "krbn");  // Arabic: no v, no short vowels
  EXPECT_EQ(AbjadSkeleton("qlbny"), "krbn");    // Hebrew
  EXPECT_EQ(AbjadSkeleton("kesselbrook"), AbjadSkeleton("kyslbrwk"));
  EXPECT_EQ(AbjadSkeleton("shamir"), AbjadSkeleton("smyr"));
  EXPECT_NE(AbjadSkeleton("kalmani"), AbjadSkeleton("kalvani"));
}

TEST(AbjadTest, SkeletonsNearTakeOneArabicConfusion) {
  EXPECT_TRUE(SkeletonsNear(AbjadSkeleton("dagmor"), AbjadSkeleton("daqmwr")));    // g written q
  EXPECT_TRUE(SkeletonsNear(AbjadSkeleton("telchavi"), AbjadSkeleton("tljafy")));  // ch written j
  EXPECT_FALSE(SkeletonsNear(AbjadSkeleton("dagmor"), AbjadSkeleton("dagmor")));   // equal is not near
  EXPECT_FALSE(SkeletonsNear(AbjadSkeleton("dagmor"), AbjadSkeleton("danmor")));   // g and n: no confusion
  EXPECT_FALSE(SkeletonsNear(AbjadSkeleton("gaskor"), AbjadSkeleton("qajqwr")));   // two changes
  EXPECT_FALSE(SkeletonsNear(AbjadSkeleton("dagmor"), AbjadSkeleton("dqmwrt")));   // a consonant more
  const std::vector<std::string> v = WawAsVSkeletons("nwrwst");
  EXPECT_NE(std::find(v.begin(), v.end(), AbjadSkeleton("norvest")), v.end());     // v written waw
}

TEST(AbjadTest, ReadingsTakeThePrefixAndTheArticleOff) {
  auto spells = [](const std::string& word, const std::string& skeleton, bool prefixes) {
    for (const AbjadReading& r : AbjadReadings(word, prefixes)) {
      if (!r.near && r.skeleton == skeleton) return true;
    }
    return false;
  };
  EXPECT_TRUE(spells("كالفاني", "krbn", false));
  EXPECT_TRUE(spells("بكالفاني", "krbn", true));   // "with Kalvani"
  EXPECT_FALSE(spells("بكالفاني", "krbn", false));
  EXPECT_TRUE(spells("وكالفاني", "krbn", false));  // waw, "and", is no consonant to leave off
  EXPECT_TRUE(spells("الكالفاني", "krbn", false));  // with the article
  EXPECT_TRUE(spells("וקלבני", "krbn", true));      // Hebrew "and Kalvani"
  EXPECT_TRUE(AbjadReadings("و", true).empty());
}

// Invented names and their Arabic and Hebrew spellings.
bool ShareKey(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  for (uint64_t k : a) {
    if (std::find(b.begin(), b.end(), k) != b.end()) return true;
  }
  return false;
}

TEST(AbjadTest, ANameAndItsAbjadSpellingsShareABridgeKey) {
  const std::vector<uint64_t> kalvani = LatinNameBridgeKeys("kalvani");
  ASSERT_FALSE(kalvani.empty());
  EXPECT_TRUE(ShareKey(kalvani, CaselessWordBridgeKeys("كالفاني")));
  EXPECT_TRUE(ShareKey(kalvani, CaselessWordBridgeKeys("وكالفاني")));  // "and Kalvani"
  EXPECT_TRUE(ShareKey(kalvani, CaselessWordBridgeKeys("קלבני")));     // Hebrew
  // g written with qaf, ch with jim.
  EXPECT_TRUE(ShareKey(LatinNameBridgeKeys("dagmor"), CaselessWordBridgeKeys("داقمور")));
  EXPECT_TRUE(ShareKey(LatinNameBridgeKeys("gorchavin"), CaselessWordBridgeKeys("قورجافين")));
  EXPECT_TRUE(ShareKey(LatinNameBridgeKeys("gorchavin"), LatinNameBridgeKeys("gorshavin")));
  // v written with waw.
  EXPECT_TRUE(ShareKey(LatinNameBridgeKeys("norvest"), CaselessWordBridgeKeys("نورويست")));
}

TEST(AbjadTest, OtherConsonantsAndShortSkeletonsGiveNoSharedKey) {
  EXPECT_FALSE(ShareKey(LatinNameBridgeKeys("kalmani"), CaselessWordBridgeKeys("كالفاني")));
  EXPECT_FALSE(ShareKey(LatinNameBridgeKeys("dagmor"), CaselessWordBridgeKeys("دانمور")));
  // Three consonant classes: as many as a common Arabic root has.
  EXPECT_TRUE(LatinNameBridgeKeys("kotab").empty());
  EXPECT_TRUE(CaselessWordBridgeKeys("كتاب").empty());
  EXPECT_TRUE(LatinNameBridgeKeys("").empty());
}

}  // namespace
}  // namespace rashomon
