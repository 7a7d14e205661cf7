#include "stories/neighbour_sums.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <utility>

namespace rashomon {
namespace {

std::map<uint32_t, float> Contents(const NeighbourSums& sums) {
  std::map<uint32_t, float> out;
  sums.ForEach([&](uint32_t key, float sum) { EXPECT_TRUE(out.emplace(key, sum).second) << key; });
  return out;
}

TEST(NeighbourSumsTest, AddsTakesAndIteratesLikeAnOrderedMap) {
  NeighbourSums sums;
  EXPECT_EQ(sums.size(), 0u);
  EXPECT_EQ(sums.Take(7), 0.0f);
  sums[7] += 1.5f;
  sums[3] += 0.25f;
  sums[7] += 1.0f;
  EXPECT_EQ(sums.size(), 2u);
  EXPECT_EQ(Contents(sums), (std::map<uint32_t, float>{{3, 0.25f}, {7, 2.5f}}));
  EXPECT_EQ(sums.Take(7), 2.5f);
  EXPECT_EQ(sums.Take(7), 0.0f);
  EXPECT_EQ(Contents(sums), (std::map<uint32_t, float>{{3, 0.25f}}));
  sums.Release();
  EXPECT_EQ(sums.size(), 0u);
  EXPECT_TRUE(Contents(sums).empty());
}

// Random inserts and removals against std::map, with keys drawn from a small
// range so probe runs collide, wrap around the table's end and are shifted
// back by removals; also keys that are multiples of a large power of two.
TEST(NeighbourSumsTest, RandomOperationsAgreeWithStdMap) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    NeighbourSums sums;
    if (seed % 2 == 0) sums.Reserve(rng() % 64);
    std::map<uint32_t, float> expected;
    const uint32_t range = 8 + rng() % 200;
    for (int step = 0; step < 5000; ++step) {
      uint32_t key = static_cast<uint32_t>(rng() % range);
      if (seed % 3 == 0) key <<= 20;
      if (rng() % 3 == 0) {
        auto it = expected.find(key);
        float want = it == expected.end() ? 0.0f : it->second;
        if (it != expected.end()) expected.erase(it);
        ASSERT_EQ(sums.Take(key), want) << "seed " << seed << " step " << step;
      } else {
        float add = static_cast<float>(rng() % 16) / 4.0f;
        sums[key] += add;
        expected[key] += add;
      }
      ASSERT_EQ(sums.size(), expected.size()) << "seed " << seed << " step " << step;
    }
    EXPECT_EQ(Contents(sums), expected) << "seed " << seed;
  }
}

}  // namespace
}  // namespace rashomon
