#include "sketch/shingle.h"

// Inline XXH3 (same algorithm and output as the shared library): the calls
// here hash a few bytes each, where call overhead would dominate.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>

#include "base/utf8.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

// ASCII byte -> folded character, or 0 for a separator.
constexpr std::array<char, 128> MakeAsciiFold() {
  std::array<char, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if (c >= 'a' && c <= 'z') t[c] = static_cast<char>(c);
    if (c >= '0' && c <= '9') t[c] = static_cast<char>(c);
    if (c >= 'A' && c <= 'Z') t[c] = static_cast<char>(c + 32);
  }
  return t;
}
constexpr std::array<char, 128> kAsciiFold = MakeAsciiFold();

constexpr size_t kMaxTokenBytes = 64;

// Calls emit(data, size) for every folded token of `text`. Tokens longer
// than kMaxTokenBytes are cut there (the rest of the run is skipped): such
// runs are hashes, base64 and the like, and a prefix identifies them well
// enough for near-duplicate detection. *scratch holds non-ASCII folds.
template <typename Emit>
inline void ForEachToken(std::string_view text, std::string* scratch, Emit&& emit) {
  char buf[kMaxTokenBytes];
  size_t len = 0;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      const char f = kAsciiFold[c];
      if (f != 0) {
        if (len < kMaxTokenBytes) buf[len++] = f;
      } else if (len != 0) {
        emit(buf, len);
        len = 0;
      }
      ++i;
      continue;
    }
    char32_t cp;
    i += DecodeUtf8(text, i, &cp);
    if (IsLetter(cp) || IsDigitChar(cp) || (IsWordContinuation(cp) && len != 0)) {
      scratch->clear();
      AppendFolded(cp, scratch);  // combining marks fold to nothing: "e\u0301" == "e"
      for (char f : *scratch) {
        if (len < kMaxTokenBytes) buf[len++] = f;
      }
    } else if (len != 0) {
      emit(buf, len);
      len = 0;
    }
  }
  if (len != 0) emit(buf, len);
}

// XXH3 over `count` 64-bit words read as little-endian bytes, whatever the
// host byte order, so shingle hashes agree across machines.
inline uint64_t HashWords(const uint64_t* words, size_t count, uint64_t seed) {
  if constexpr (std::endian::native == std::endian::little) {
    return XXH3_64bits_withSeed(words, count * sizeof(uint64_t), seed);
  } else {
    std::array<unsigned char, size_t{8} * 64> buf;
    size_t m = std::min<size_t>(count, 64);
    for (size_t w = 0; w < m; ++w) {
      for (int b = 0; b < 8; ++b) buf[w * 8 + b] = static_cast<unsigned char>(words[w] >> (8 * b));
    }
    return XXH3_64bits_withSeed(buf.data(), m * 8, seed);
  }
}

}  // namespace

Shingler::Shingler(const ShingleOptions& options) : options_(options) {
  // The big-endian path above copies at most 64 words; keep k in range everywhere.
  options_.shingle_words = std::clamp(options_.shingle_words, 1, 64);
  token_.reserve(64);
}

void Shingler::TokenHashes(std::string_view text, std::vector<uint64_t>* out) {
  const uint64_t seed = options_.seed;
  ForEachToken(text, &token_, [&](const char* t, size_t size) {
    out->push_back(XXH3_64bits_withSeed(t, size, seed));
  });
}

void Shingler::ShingleHashes(std::string_view text, std::vector<uint64_t>* out) {
  out->clear();
  tokens_.clear();
  TokenHashes(text, &tokens_);
  const size_t k = static_cast<size_t>(options_.shingle_words);
  const size_t n = tokens_.size();
  if (n == 0) return;
  if (n < k) {
    out->push_back(HashWords(tokens_.data(), n, options_.seed));
    return;
  }
  out->resize(n - k + 1);
  uint64_t* dst = out->data();
  for (size_t i = 0; i + k <= n; ++i) dst[i] = HashWords(tokens_.data() + i, k, options_.seed);
}

std::vector<std::string> Shingler::Tokens(std::string_view text) {
  std::vector<std::string> out;
  ForEachToken(text, &token_, [&](const char* t, size_t size) { out.emplace_back(t, size); });
  return out;
}

}  // namespace rashomon
