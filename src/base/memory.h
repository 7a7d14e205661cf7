// Memory advice for large arrays.
#pragma once

#include <cstddef>
#include <vector>

namespace rashomon {

// Asks the kernel to back the whole 2 MiB pages inside [p, p + bytes) with
// transparent huge pages (madvise MADV_HUGEPAGE): one page fault per 2 MiB
// instead of 512 when a large array is first written. Advice only: a no-op
// for ranges under 2 MiB, where the kernel does not support it, or when it
// refuses.
void AdviseHugePages(const void* p, size_t bytes);

// Faults in [p, p + bytes) for writing now (madvise MADV_POPULATE_WRITE),
// for an array from calloc that is read at random before it is written: a
// page first read maps the kernel's shared zero page, and the write that
// follows must copy it and, in a process with other threads running, stop
// every other core to flush its TLB. Advice only, as AdviseHugePages.
void PopulateForWrite(void* p, size_t bytes);

// v.reserve(n), the new room advised (AdviseHugePages) before anything is
// written to it, so that writing it faults in huge pages.
template <typename T>
void ReserveAdvised(std::vector<T>& v, size_t n) {
  if (n > v.capacity()) {
    v.reserve(n);
    AdviseHugePages(v.data(), n * sizeof(T));
  }
}

// v.resize(n) for a vector about to be filled, any growth reserved and
// advised first (ReserveAdvised).
template <typename T>
void ResizeAdvised(std::vector<T>& v, size_t n, const T& value = T()) {
  ReserveAdvised(v, n);
  v.resize(n, value);
}

}  // namespace rashomon
