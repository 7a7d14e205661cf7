#include "eval/paraphrase.h"

#include <gtest/gtest.h>

#include <vector>

namespace rashomon {
namespace {

// Invented sentences only.
TEST(ParaphraseCounterpartsTest, ParaphrasesAreHeldAndUnrelatedSentencesAreNot) {
  const std::vector<SentencePair> pairs = {
      {"The Orsk city council approved a new budget for the Velmar harbour bridge on Tuesday.",
       "On Tuesday the Orsk council approved the new Velmar harbour bridge budget.", 1},
      {"Farmers in the Quillan valley sold their barley harvest early after a long drought.",
       "After a long drought, barley farmers of the Quillan valley sold their harvest early.", 1},
      {"The Drosk library reopened its glass reading room after two years of repairs.",
       "Museum guards in Tarvik went on strike over unpaid overtime.", 0},
  };
  const CounterpartScores s = ScoreCounterparts(pairs);
  EXPECT_EQ(s.paraphrase, 4u);
  EXPECT_EQ(s.paraphrase_found, 4u);
  EXPECT_EQ(s.other, 2u);
  EXPECT_EQ(s.other_found, 0u);
  // Each pair's first sentence against the next pair's second: nothing shared.
  EXPECT_EQ(s.unrelated, 6u);
  EXPECT_EQ(s.unrelated_found, 0u);
}

}  // namespace
}  // namespace rashomon
