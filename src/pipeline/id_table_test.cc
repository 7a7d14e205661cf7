#include "pipeline/id_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rashomon {
namespace {

// Takes id into table and list as DedupPaths does; returns whether it was new.
bool Take(IdTable& table, std::vector<std::string>& ids, const std::string& id, uint64_t content) {
  const bool inserted = table.Emplace(id, content).second;
  if (inserted) ids.push_back(id);
  return inserted;
}

TEST(IdTableTest, FindsWhatItTookWithItsContent) {
  std::vector<std::string> ids;
  IdTable table(ids);
  EXPECT_TRUE(Take(table, ids, "velmora-briefing-1", 11));
  EXPECT_TRUE(Take(table, ids, "velmora-briefing-2", 22));
  auto [content, inserted] = table.Emplace("velmora-briefing-1", 99);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(*content, 11u);  // the first content stays
  EXPECT_EQ(*table.Emplace("velmora-briefing-2", 0).first, 22u);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(ids.size(), 2u);
}

TEST(IdTableTest, GrowsFromEmptyAndKeepsEveryId) {
  std::vector<std::string> ids;
  IdTable table(ids);  // no Reserve: grows by itself, past many rehashes
  constexpr int kIds = 5000;
  for (int i = 0; i < kIds; ++i) {
    ASSERT_TRUE(Take(table, ids, "quillon-" + std::to_string(i), static_cast<uint64_t>(i) * 7));
  }
  EXPECT_EQ(table.size(), static_cast<size_t>(kIds));
  for (int i = 0; i < kIds; ++i) {
    auto [content, inserted] = table.Emplace("quillon-" + std::to_string(i), 1);
    ASSERT_FALSE(inserted) << i;
    EXPECT_EQ(*content, static_cast<uint64_t>(i) * 7) << i;
  }
  // Ids that differ from taken ones only by a suffix or a prefix are new.
  EXPECT_TRUE(Take(table, ids, "quillon-12#2", 3));
  EXPECT_TRUE(Take(table, ids, "quillon-", 4));
  EXPECT_TRUE(Take(table, ids, "", 5));
  EXPECT_FALSE(table.Emplace("", 6).second);
  EXPECT_EQ(table.size(), static_cast<size_t>(kIds) + 3);
}

TEST(IdTableTest, ReserveKeepsWhatIsHeld) {
  std::vector<std::string> ids;
  IdTable table(ids);
  for (int i = 0; i < 40; ++i) Take(table, ids, "tarsel/" + std::to_string(i), static_cast<uint64_t>(i));
  table.Reserve(100000);
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(*table.Emplace("tarsel/" + std::to_string(i), 0).first, static_cast<uint64_t>(i));
  }
  EXPECT_EQ(table.size(), 40u);
}

}  // namespace
}  // namespace rashomon
