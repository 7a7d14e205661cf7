#include "ingest/chunk_buffer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace rashomon::internal {
namespace {

TEST(ChunkBufferTest, GrowsKeepingItsBytes) {
  ChunkBuffer b;
  EXPECT_TRUE(b.empty());
  b.Append("Marrow Lane ");
  b.Reserve(3);  // never shrinks
  EXPECT_GE(b.capacity(), 12u);
  b.Append(std::string(5000, 'q'));
  ASSERT_EQ(b.size(), 5012u);
  EXPECT_EQ(b.view().substr(0, 13), "Marrow Lane q");
  EXPECT_EQ(b.view().back(), 'q');
  const size_t capacity = b.capacity();
  b.Resize(4);
  EXPECT_EQ(b.view(), "Marr");
  EXPECT_EQ(b.capacity(), capacity);
  b.Resize(capacity + 1);  // at least doubles
  EXPECT_GE(b.capacity(), 2 * capacity);
  EXPECT_EQ(b.view().substr(0, 4), "Marr");
  ChunkBuffer moved = std::move(b);
  EXPECT_EQ(moved.view().substr(0, 4), "Marr");
  EXPECT_GE(moved.capacity(), 2 * capacity);
}

TEST(BufferPoolTest, HandsBackABufferEmptiedWithItsCapacity) {
  BufferPool pool(2, 1u << 20);
  EXPECT_EQ(pool.Take().capacity(), 0u);  // nothing given yet
  ChunkBuffer b;
  b.Reserve(5000);
  b.Append("Tollby ferry timetable");
  pool.Give(std::move(b));
  EXPECT_EQ(pool.kept(), 1u);
  ChunkBuffer again = pool.Take();
  EXPECT_EQ(again.capacity(), 5000u);
  EXPECT_TRUE(again.empty());
  EXPECT_EQ(pool.kept(), 0u);
}

TEST(BufferPoolTest, KeepsAtMostItsCountAndNoOversizedBuffer) {
  BufferPool pool(2, 100);
  for (int i = 0; i < 4; ++i) {
    ChunkBuffer b;
    b.Reserve(50);
    pool.Give(std::move(b));
  }
  EXPECT_EQ(pool.kept(), 2u);
  ChunkBuffer big;
  big.Reserve(101);
  ChunkBuffer none;
  BufferPool roomy(4, 100);
  roomy.Give(std::move(big));
  roomy.Give(std::move(none));  // no storage: nothing to keep
  EXPECT_EQ(roomy.kept(), 0u);
}

TEST(BufferPoolTest, ThreadsGiveAndTake) {
  BufferPool pool(8, 1u << 16);
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&pool, t] {
      for (int i = 0; i < 500; ++i) {
        ChunkBuffer b = pool.Take();
        b.Append(std::string(static_cast<size_t>(16 + t), 'a' + static_cast<char>(t)));
        ASSERT_EQ(b.view(), std::string(static_cast<size_t>(16 + t), 'a' + static_cast<char>(t)));
        pool.Give(std::move(b));
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_GE(pool.kept(), 1u);
  EXPECT_LE(pool.kept(), 4u);
}

}  // namespace
}  // namespace rashomon::internal
