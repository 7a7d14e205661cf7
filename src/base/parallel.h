// ParallelFor: runs fn(i) for i in [0, n) on up to `threads` threads.
// Work is handed out in chunks from an atomic counter, so uneven items
// balance. fn must be safe to call concurrently for distinct i.
#pragma once

#include <cstddef>
#include <functional>

namespace rashomon {

// Threads to use by default: hardware concurrency, or RASHOMON_THREADS.
int DefaultThreadCount();

void ParallelFor(size_t n, const std::function<void(size_t)>& fn, int threads = 0);

}  // namespace rashomon
