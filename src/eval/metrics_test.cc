#include "eval/metrics.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

TEST(MetricsTest, PerfectAndDegenerateClusterings) {
  std::vector<std::string> gold = {"a", "a", "b", "b", "b"};
  ClusterScores perfect = ScoreClustering({"x", "x", "y", "y", "y"}, gold);
  EXPECT_DOUBLE_EQ(perfect.bcubed_f1, 1.0);
  EXPECT_DOUBLE_EQ(perfect.ari, 1.0);
  ClusterScores one = ScoreClustering({"z", "z", "z", "z", "z"}, gold);
  EXPECT_DOUBLE_EQ(one.bcubed_recall, 1.0);
  EXPECT_NEAR(one.bcubed_precision, (2 * 0.4 + 3 * 0.6) / 5, 1e-12);
  EXPECT_NEAR(one.ari, 0.0, 1e-12);
  ClusterScores singletons = ScoreClustering({"1", "2", "3", "4", "5"}, gold);
  EXPECT_DOUBLE_EQ(singletons.bcubed_precision, 1.0);
  EXPECT_NEAR(singletons.bcubed_recall, (2 * 0.5 + 3 * (1.0 / 3)) / 5, 1e-12);
}

TEST(MetricsTest, AriMatchesAWorkedExample) {
  // Contingency [[2,1],[0,2]] over 5 items; ARI = (1 - 0.8) / (2 - 0.8) = 1/6.
  ClusterScores s = ScoreClustering({"p", "p", "p", "q", "q"}, {"a", "a", "b", "b", "b"});
  EXPECT_NEAR(s.ari, 1.0 / 6.0, 1e-12);
}

TEST(MetricsTest, BinaryScores) {
  BinaryScores s = ScoreBinary({true, true, false, false}, {true, false, true, false});
  EXPECT_DOUBLE_EQ(s.accuracy, 0.5);
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_DOUBLE_EQ(s.f1, 0.5);
}

}  // namespace
}  // namespace rashomon
