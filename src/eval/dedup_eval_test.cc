#include "eval/dedup_eval.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

TEST(DedupEvalTest, ScoresGroupPairsAgainstExactJaccard) {
  const std::string a = "one two three four five six seven eight nine ten eleven twelve";
  const std::string a2 = a;  // exact copy: J = 1
  const std::string b =
      "one two three four five six seven eight nine ten eleven thirteen";  // J(a, b) = 7/9
  const std::string c = "alpha beta gamma delta epsilon zeta eta theta iota kappa";
  std::vector<std::string_view> texts = {a, a2, b, c};
  std::vector<std::string> story = {"s1", "s1", "s1", "s2"};
  ShingleOptions shingle;
  // Perfect prediction at 0.75: {a, a2, b} all pairs >= 7/9.
  DedupPairScore s = ScoreDedupPairs(texts, story, {{0, 1, 2}}, 0.75, shingle, 100, 1);
  EXPECT_EQ(s.true_pairs, 3u);
  EXPECT_EQ(s.pairs_checked, 3u);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  // At 0.8 only (a, a2) is true: grouping b in costs precision.
  s = ScoreDedupPairs(texts, story, {{0, 1, 2}}, 0.8, shingle, 100, 1);
  EXPECT_EQ(s.true_pairs, 1u);
  EXPECT_EQ(s.predicted_pairs, 3u);
  EXPECT_DOUBLE_EQ(s.precision, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  // Missing the copy costs recall; a wrong cross-story pair costs precision.
  s = ScoreDedupPairs(texts, story, {{0, 3}}, 0.8, shingle, 100, 1);
  EXPECT_DOUBLE_EQ(s.recall, 0.0);
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_GT(s.cross_checked, 0u);
  EXPECT_EQ(s.cross_max, 0.0);
}

}  // namespace
}  // namespace rashomon
