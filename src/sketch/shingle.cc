#include "sketch/shingle.h"

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

// Calls emit(folded_token) for every token of `text`. *token is scratch.
template <typename Emit>
inline void ForEachToken(std::string_view text, std::string* token, Emit&& emit) {
  token->clear();
  const char* p = text.data();
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c < 0x80) {
      // Fast path: fold a run of ASCII word characters without leaving the loop.
      char f = kAsciiFold[c];
      if (f == 0) {
        if (!token->empty()) {
          emit(*token);
          token->clear();
        }
        ++i;
        continue;
      }
      size_t start = i;
      while (i < n && static_cast<unsigned char>(p[i]) < 0x80 && kAsciiFold[static_cast<unsigned char>(p[i])] != 0) ++i;
      size_t old = token->size();
      token->resize(old + (i - start));
      char* dst = token->data() + old;
      for (size_t j = start; j < i; ++j) *dst++ = kAsciiFold[static_cast<unsigned char>(p[j])];
      continue;
    }
    char32_t cp;
    i += DecodeUtf8(text, i, &cp);
    if (IsLetter(cp) || IsDigitChar(cp) || (IsWordContinuation(cp) && !token->empty())) {
      AppendFolded(cp, token);  // combining marks fold to nothing: "e\u0301" == "e"
    } else if (!token->empty()) {
      emit(*token);
      token->clear();
    }
  }
  if (!token->empty()) {
    emit(*token);
    token->clear();
  }
}

// XXH3 over `count` 64-bit words read as little-endian bytes, whatever the
// host byte order, so shingle hashes agree across machines.
inline uint64_t HashWords(const uint64_t* words, size_t count, uint64_t seed) {
  if constexpr (std::endian::native == std::endian::little) {
    return XXH3_64bits_withSeed(words, count * sizeof(uint64_t), seed);
  } else {
    std::array<unsigned char, 8 * 64> buf;
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
  ForEachToken(text, &token_, [&](const std::string& t) { out->push_back(XXH3_64bits_withSeed(t.data(), t.size(), seed)); });
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
  ForEachToken(text, &token_, [&](const std::string& t) { out.push_back(t); });
  return out;
}

}  // namespace rashomon
