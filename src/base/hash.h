// Named, fixed hash functions for anything persisted or compared across runs.
//
// Everything uses XXH3 (xxHash 0.8, stable output across versions and
// machines) with an explicit seed. Never use std::hash for such data: its
// values may change between library versions and runs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rashomon {

// Seed used when a caller has no reason to pick another. Changing it changes
// every persisted signature: bump the store's format version if you do.
inline constexpr uint64_t kDefaultHashSeed = 0x7261'7368'6f6d'6f6eULL;  // "rashomon"

uint64_t Hash64(std::string_view data, uint64_t seed = kDefaultHashSeed);
uint64_t Hash64(const void* data, size_t size, uint64_t seed = kDefaultHashSeed);

// Lower-case hex of the 64-bit hash, `digits` long (1..16).
std::string HashHex(std::string_view data, int digits = 16, uint64_t seed = kDefaultHashSeed);

// Mixes two 64-bit values (order-dependent).
inline uint64_t HashCombine(uint64_t a, uint64_t b) {
  // splitmix64-style finaliser over a ^ rotated b.
  uint64_t x = a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2));
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

}  // namespace rashomon
