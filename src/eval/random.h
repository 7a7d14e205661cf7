// Random draws for the corpus generators, defined here so generated corpora
// are the same on every machine: only std::mt19937_64, whose output the
// standard fixes, and no std:: distributions (their output is
// implementation-defined). Stateless inline functions.
#pragma once

#include <cstddef>
#include <random>
#include <utility>
#include <vector>

namespace rashomon::gen {

using Rng = std::mt19937_64;

// Uniform in [0, 1) from the top 53 bits.
inline double Uniform01(Rng& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// In [0, n). REQUIRES: n > 0.
inline size_t Below(Rng& rng, size_t n) { return static_cast<size_t>(rng() % n); }

template <typename T>
void Shuffle(std::vector<T>& v, Rng& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Below(rng, i)]);
}

}  // namespace rashomon::gen
