#include "base/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

namespace rashomon {

int DefaultThreadCount() {
  if (const char* env = std::getenv("RASHOMON_THREADS")) {
    long t = std::strtol(env, nullptr, 10);  // not a number: 0, ignored
    if (t > 0) return static_cast<int>(std::min(t, 256L));
  }
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? static_cast<int>(hw) : 1;
}

void ParallelFor(size_t n, const std::function<void(size_t)>& fn, int threads) {
  if (threads <= 0) threads = DefaultThreadCount();
  if (n == 0) return;
  if (threads == 1 || n == 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  size_t workers = std::min<size_t>(static_cast<size_t>(threads), n);
  size_t chunk = std::max<size_t>(1, n / (workers * 16));
  std::atomic<size_t> next{0};
  auto work = [&] {
    while (true) {
      size_t begin = next.fetch_add(chunk);
      if (begin >= n) return;
      size_t end = std::min(n, begin + chunk);
      for (size_t i = begin; i < end; ++i) fn(i);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
}

}  // namespace rashomon
