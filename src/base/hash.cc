#include "base/hash.h"

#include <xxhash.h>

namespace rashomon {

uint64_t Hash64(std::string_view data, uint64_t seed) {
  return XXH3_64bits_withSeed(data.data(), data.size(), seed);
}

uint64_t Hash64(const void* data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}

std::string HashHex(std::string_view data, int digits, uint64_t seed) {
  static const char* kHex = "0123456789abcdef";
  uint64_t h = Hash64(data, seed);
  if (digits < 1) digits = 1;
  if (digits > 16) digits = 16;
  std::string out(static_cast<size_t>(digits), '0');
  for (int i = 0; i < digits; ++i) out[i] = kHex[(h >> (60 - 4 * i)) & 0xF];
  return out;
}

}  // namespace rashomon
