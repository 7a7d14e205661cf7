#include "analysis/sketch_classes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rashomon::internal {
namespace {

// Invented sentences: two copies of one, a near copy (one word changed),
// one with a respelled name, and unrelated ones.
const std::vector<std::string>& Sentences() {
  static const std::vector<std::string> kSentences = {
      "The Velmora council approved 14 new ferry routes across the Tarsk estuary on Monday.",
      "The Velmora council approved 14 new ferry routes across the Tarsk estuary on Monday.",
      "The Velmora council approved 15 new ferry routes across the Tarsk estuary on Monday.",
      "The Velmorra council backed 14 new ferry lines over the Tarsk estuary on Monday.",
      "Ferry operators in Tarsk said the new routes would need more crews by spring.",
      "A storm closed the harbour of Quillan for two days last week.",
      "The Velmora council approved 14 new ferry routes across the Tarsk estuary on Monday.",
  };
  return kSentences;
}

struct Sketched {
  std::vector<SentenceSketch> sketches;
  IdfTable idf;
  std::vector<uint32_t> classes;
};

Sketched SketchAll() {
  Sketched out;
  for (const std::string& s : Sentences()) out.sketches.push_back(SketchText(s));
  for (const SentenceSketch& s : out.sketches) out.idf.Add(s);
  for (SentenceSketch& s : out.sketches) out.idf.Weigh(&s);
  std::vector<const SentenceSketch*> ptrs;
  for (const SentenceSketch& s : out.sketches) ptrs.push_back(&s);
  out.classes = SketchClasses(ptrs);
  return out;
}

TEST(SketchClassesTest, EqualSentencesShareAClassAndNothingElseDoes) {
  const Sketched s = SketchAll();
  ASSERT_EQ(s.classes.size(), Sentences().size());
  EXPECT_EQ(s.classes[0], 0u);
  EXPECT_EQ(s.classes[1], 0u);
  EXPECT_EQ(s.classes[6], 0u);
  // A changed number or a respelled name is another class.
  EXPECT_EQ(s.classes[2], 1u);
  EXPECT_EQ(s.classes[3], 2u);
  EXPECT_EQ(s.classes[4], 3u);
  EXPECT_EQ(s.classes[5], 4u);
  EXPECT_TRUE(SameSketch(s.sketches[0], s.sketches[1]));
  EXPECT_FALSE(SameSketch(s.sketches[0], s.sketches[2]));
}

TEST(SketchClassesTest, MemoGivesWhatTheMatcherGivesInEitherOrder) {
  Sketched s = SketchAll();
  ClassPairMemo memo(s.idf);
  const size_t n = s.sketches.size();
  for (int round = 0; round < 2; ++round) {  // the second round reads the memo
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        const SentenceSketch& x = s.sketches[i];
        const SentenceSketch& y = s.sketches[j];
        const float ab = Containment(x, y, s.idf), ba = Containment(y, x, s.idf);
        auto [mab, mba] = memo.Inside(s.classes[i], x, s.classes[j], y);
        EXPECT_EQ(mab, ab) << i << " " << j;
        EXPECT_EQ(mba, ba) << i << " " << j;
        EXPECT_EQ(memo.Score(s.classes[i], x, s.classes[j], y, ab, ba), PairScore(x, y, s.idf, ab, ba))
            << i << " " << j;
      }
    }
  }
  // One entry per unordered pair of the five classes, the class with itself included.
  EXPECT_EQ(memo.size(), 15u);
  // Copies match each other fully; the near copy and the rewording match too.
  auto [ab, ba] = memo.Inside(s.classes[0], s.sketches[0], s.classes[3], s.sketches[3]);
  EXPECT_GE(memo.Score(s.classes[0], s.sketches[0], s.classes[3], s.sketches[3], ab, ba),
            memo.Score(s.classes[0], s.sketches[0], s.classes[5], s.sketches[5], 0, 0));
}

TEST(SketchClassesTest, MemoGrowsPastItsFirstTable) {
  // More distinct classes than the first table holds: every pair is still
  // found again with its own values.
  std::vector<SentenceSketch> sketches;
  sketches.reserve(60);
  IdfTable idf;
  for (int i = 0; i < 60; ++i) {
    sketches.push_back(SketchText("Harbour pilot " + std::to_string(i) + " guided the Orlan barge past buoy " +
                                  std::to_string(i * 7) + " at dawn."));
  }
  for (const SentenceSketch& s : sketches) idf.Add(s);
  for (SentenceSketch& s : sketches) idf.Weigh(&s);
  ClassPairMemo memo(idf);
  for (uint32_t i = 0; i < sketches.size(); ++i) {
    for (uint32_t j = 0; j < sketches.size(); ++j) (void)memo.Inside(i, sketches[i], j, sketches[j]);
  }
  EXPECT_EQ(memo.size(), 60u * 61u / 2u);
  for (uint32_t i = 0; i < sketches.size(); i += 7) {
    for (uint32_t j = 0; j < sketches.size(); j += 5) {
      auto [ab, ba] = memo.Inside(i, sketches[i], j, sketches[j]);
      EXPECT_EQ(ab, Containment(sketches[i], sketches[j], idf));
      EXPECT_EQ(ba, Containment(sketches[j], sketches[i], idf));
    }
  }
  EXPECT_EQ(memo.size(), 60u * 61u / 2u);
}

}  // namespace
}  // namespace rashomon::internal
