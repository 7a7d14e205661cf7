#include "analysis/align.h"

#include <gtest/gtest.h>

#include <string>

namespace rashomon {
namespace {

float Score(const std::string& a, const std::string& b) {
  SentenceSketch x = SketchText(a), y = SketchText(b);
  IdfTable idf;
  idf.Add(x);
  idf.Add(y);
  return SentenceSimilarity(x, y, idf);
}

TEST(AlignTest, RewordedSentenceMatches) {
  EXPECT_GE(Score("The storm destroyed 40 houses in the village of Mirel on Friday, officials said.",
                  "Officials said 40 houses in the village of Mirel were destroyed by the storm on Friday."),
            kParaphraseThreshold);
}

TEST(AlignTest, UnrelatedSentencesDoNotMatch) {
  EXPECT_LT(Score("The storm destroyed 40 houses in the village of Mirel on Friday, officials said.",
                  "The central bank raised its main interest rate by half a point to curb inflation."),
            kParaphraseThreshold);
}

TEST(AlignTest, DifferentNumbersLowerTheScore) {
  std::string a = "The council approved a budget of 12 million for the new hospital in Dravo.";
  float same = Score(a, "The council approved a 12 million budget for the new hospital in Dravo.");
  float other = Score(a, "The council approved a 95 million budget for the new hospital in Dravo.");
  EXPECT_GT(same, other);
}

TEST(AlignTest, TransliteratedNamesStillMatch) {
  // Same statement, the minister's name spelled two ways.
  std::string a = "Foreign Minister Tomasz Kowalczyk met his counterpart in the capital on Monday to discuss trade.";
  std::string b = "Foreign Minister Tomas Kovalchik met his counterpart in the capital on Monday to discuss trade.";
  std::string c = "Foreign Minister Pierre Dubois met his counterpart in the capital on Monday to discuss trade.";
  SentenceSketch x = SketchText(a), y = SketchText(b), z = SketchText(c);
  IdfTable idf;
  for (const auto* s : {&x, &y, &z}) idf.Add(*s);
  EXPECT_GT(PairFeatures(x, y, idf)[0], PairFeatures(x, z, idf)[0]);
  EXPECT_GE(SentenceSimilarity(x, y, idf), kParaphraseThreshold);
}

TEST(AlignTest, ContainmentIsDirectional) {
  SentenceSketch shortc = SketchText("The bridge reopened on Monday.");
  SentenceSketch longc = SketchText("The bridge reopened on Monday after engineers finished repairs to its cracked pillars.");
  IdfTable idf;
  idf.Add(shortc);
  idf.Add(longc);
  EXPECT_GT(Containment(shortc, longc, idf), 0.9f);
  EXPECT_LT(Containment(longc, shortc, idf), 0.6f);
}

TEST(AlignTest, EmptyAndHugeSentencesComplete) {
  std::string huge;
  for (int i = 0; i < 20000; ++i) huge += "word" + std::to_string(i % 977) + " ";
  SentenceSketch e = SketchText(""), h = SketchText(huge);
  IdfTable idf;
  idf.Add(e);
  idf.Add(h);
  EXPECT_EQ(e.words, 0);
  EXPECT_LT(SentenceSimilarity(e, h, idf), kParaphraseThreshold);
  float self = SentenceSimilarity(h, h, idf);
  EXPECT_GE(self, kParaphraseThreshold);
}

}  // namespace
}  // namespace rashomon
