#include "analysis/align.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace rashomon {
namespace {

float Score(const std::string& a, const std::string& b) {
  SentenceSketch x = SketchText(a), y = SketchText(b);
  IdfTable idf;
  idf.Add(x);
  idf.Add(y);
  return SentenceSimilarity(x, y, idf);
}

TEST(AlignTest, EditDistanceAtMostAgreesWithTheFullTable) {
  std::mt19937 rng(7);
  // Small alphabets make near misses common; lengths cross the 64-letter
  // word size of the bit-parallel path; upper case and digits take the
  // table path.
  const std::string alphabets[] = {"abr", "abdgkmnrstv", "abcdefghijklmnopqrstuvwxyz", "aB9 -"};
  for (int round = 0; round < 4000; ++round) {
    const std::string& alpha = alphabets[round % 4];
    auto make = [&](size_t len) {
      std::string s;
      for (size_t i = 0; i < len; ++i) s.push_back(alpha[rng() % alpha.size()]);
      return s;
    };
    size_t la = rng() % (round % 50 == 0 ? 90 : 14), lb = rng() % (round % 50 == 0 ? 90 : 14);
    std::string a = make(la), b = make(lb);
    if (round % 3 == 0 && !a.empty()) {
      b = a;  // a near copy: one substitution, deletion or insertion
      size_t at = rng() % b.size();
      if (rng() % 3 == 0) b.erase(at, 1);
      else if (rng() % 2 == 0) b.insert(at, 1, alpha[rng() % alpha.size()]);
      else b[at] = alpha[rng() % alpha.size()];
    }
    size_t d = EditDistance(a, b);
    for (size_t k : {d - (d > 0 ? 1 : 0), d, d + 1}) {
      EXPECT_EQ(EditDistanceAtMost(a, b, k), d <= k) << "'" << a << "' '" << b << "' k=" << k;
    }
  }
}

size_t Lcs(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::vector<std::vector<size_t>> t(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

// Feature [3] is the LCS of the content stems over the shorter length,
// whatever the lengths (the bit-parallel path covers up to 64 stems).
TEST(AlignTest, LcsFeatureAgreesWithTheFullTable) {
  std::mt19937 rng(11);
  const std::vector<std::string> vocab = {"harbour", "storm", "ferry", "crew", "rescued", "coast", "guard",
                                          "island", "wind", "boats", "port", "night", "waves", "captain"};
  for (int round = 0; round < 300; ++round) {
    auto sentence = [&](size_t words) {
      std::string s;
      for (size_t i = 0; i < words; ++i) s += vocab[rng() % vocab.size()] + " ";
      return s;
    };
    const size_t la = 1 + rng() % (round % 10 == 0 ? 120 : 30), lb = 1 + rng() % (round % 7 == 0 ? 120 : 30);
    SentenceSketch x = SketchText(sentence(la)), y = SketchText(sentence(lb));
    IdfTable idf;
    idf.Add(x);
    idf.Add(y);
    ASSERT_FALSE(x.seq.empty());
    ASSERT_FALSE(y.seq.empty());
    const float want = static_cast<float>(Lcs(x.seq, y.seq)) / static_cast<float>(std::min(x.seq.size(), y.seq.size()));
    EXPECT_EQ(PairFeatures(x, y, idf)[3], want) << la << " " << lb;
    EXPECT_EQ(PairFeatures(y, x, idf)[3], want) << la << " " << lb;
  }
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
