#include "base/memory.h"

#include <algorithm>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace rashomon {

void AdviseHugePages(const void* p, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr size_t kHuge = size_t{2} << 20;
  if (p == nullptr) return;
  // The first and last 2 MiB boundaries inside the range, found by offsets
  // from p (no integer becomes a pointer).
  const size_t misalign = static_cast<size_t>(reinterpret_cast<uintptr_t>(p) & (kHuge - 1));
  const size_t skip = misalign == 0 ? 0 : kHuge - misalign;
  if (bytes <= skip) return;
  const size_t length = (bytes - skip) & ~(kHuge - 1);
  if (length == 0) return;
  char* begin = static_cast<char*>(const_cast<void*>(p)) + skip;
  // The answer does not matter: without huge pages the array works the same.
  (void)madvise(begin, length, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

void PopulateForWrite(void* p, size_t bytes) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  constexpr size_t kPage = 4096;
  if (p == nullptr) return;
  // Whole pages only: madvise wants an aligned start.
  const size_t misalign = static_cast<size_t>(reinterpret_cast<uintptr_t>(p) & (kPage - 1));
  const size_t skip = misalign == 0 ? 0 : kPage - misalign;
  if (bytes <= skip + kPage) return;
  // In pieces: the kernel holds the process's memory map locked while it
  // faults in a range, and another thread's mmap (a large malloc) waits.
  constexpr size_t kPiece = size_t{4} << 20;
  char* begin = static_cast<char*>(p) + skip;
  const size_t length = (bytes - skip) & ~(kPage - 1);
  for (size_t done = 0; done < length; done += kPiece) {
    // Older kernels refuse the advice (EINVAL): the pages then fault as used.
    if (madvise(begin + done, std::min(kPiece, length - done), MADV_POPULATE_WRITE) != 0) return;
  }
#else
  (void)p;
  (void)bytes;
#endif
}

}  // namespace rashomon
