// The incremental story path keeps batch quality: ECB+ ingested into a store
// in 8 batches (file order and a shuffled order that interleaves events)
// scores within one point of story-level B-cubed F1 of batch clustering.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "cli_runner.h"

namespace rashomon::testing {
namespace {

// "  story level   0.950  0.970  0.960 ..." -> {"story level": 0.960}
std::map<std::string, double> ParseF1(const std::string& out) {
  std::map<std::string, double> f1;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::vector<std::string> words;
    for (std::string w; fields >> w;) words.push_back(w);
    if (words.size() < 6) continue;
    // label words, then P R F1 ARI clusters (gold)
    size_t first_number = words.size() - 6;
    std::string label;
    for (size_t i = 0; i < first_number; ++i) label += (i ? " " : "") + words[i];
    try {
      f1[label] = std::stod(words[first_number + 2]);
    } catch (...) {
    }
  }
  return f1;
}

TEST(StoreEvalTest, IncrementalEcbPlusWithinOnePointOfBatch) {
  std::string dir = SharedDir() + "/data/ecbplus/ECB+";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no ECB+ data";
  CliResult r = RunCli("--quiet eval clusters --dataset ecbplus --incremental 8");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto f1 = ParseF1(r.out);
  ASSERT_TRUE(f1.count("story level")) << r.out;
  ASSERT_TRUE(f1.count("incremental x8 file order")) << r.out;
  ASSERT_TRUE(f1.count("incremental x8 shuffled")) << r.out;
  EXPECT_GT(f1["story level"], 0.9) << r.out;
  EXPECT_GE(f1["incremental x8 file order"], f1["story level"] - 0.01) << r.out;
  EXPECT_GE(f1["incremental x8 shuffled"], f1["story level"] - 0.01) << r.out;
}

}  // namespace
}  // namespace rashomon::testing
