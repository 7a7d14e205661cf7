// Helpers over sorted ranges.
#pragma once

#include <cstddef>

namespace rashomon {

// Number of elements common to two ascending sequences (multiset-style: an
// element counts as often as it pairs up).
template <typename A, typename B>
size_t SortedIntersectionSize(const A& a, const B& b) {
  size_t common = 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) {
      ++common;
      ++i;
      ++j;
    } else if (*i < *j) {
      ++i;
    } else {
      ++j;
    }
  }
  return common;
}

}  // namespace rashomon
