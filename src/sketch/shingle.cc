#include "sketch/shingle.h"

// Inline XXH3 (same algorithm and output as the shared library): the calls
// here hash a few bytes each, where call overhead would dominate.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

#if !defined(__SSE2__)
// Byte classes for ScanBlock without SSE2 (the SIMD path computes them).
enum : uint8_t { kSep = 0, kLowerOrDigit = 1, kUpper = 2, kNonAscii = 4 };
constexpr std::array<uint8_t, 256> MakeByteClass() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80) t[c] = kNonAscii;
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) t[c] = kLowerOrDigit;
    else if (c >= 'A' && c <= 'Z') t[c] = kUpper;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kByteClass = MakeByteClass();
#endif

// The general token reader: folds the token that starts at or after
// text[*pos] (any script) into buf, advancing *pos past it; returns its
// folded length (0 at the end of the text). Used for tokens that hold a
// non-ASCII byte; ForEachToken below handles pure ASCII tokens itself.
inline size_t ReadFoldedToken(std::string_view text, size_t* pos, std::string* scratch, char* buf) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t len = 0;
  size_t i = *pos;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      const char f = kAsciiFold[c];
      if (f == 0) {
        if (len != 0) break;
        ++i;
        continue;
      }
      if (len < kMaxTokenBytes) buf[len++] = f;
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
      break;  // the separator is consumed
    }
  }
  *pos = i;
  return len;
}

// Masks of one block of up to 64 bytes: bit j describes byte j.
struct BlockMasks {
  uint64_t word = 0;       // ASCII letter or digit, or any non-ASCII byte
  uint64_t upper = 0;      // ASCII capital
  uint64_t non_ascii = 0;  // byte >= 0x80
};

inline BlockMasks ScanBlock(const unsigned char* p, size_t len) {
  BlockMasks m;
#if defined(__SSE2__)
  alignas(16) unsigned char tail[64];
  if (len < 64) {
    std::memset(tail, 0, sizeof tail);  // zero bytes are separators
    std::memcpy(tail, p, len);
    p = tail;
  }
  const __m128i k20 = _mm_set1_epi8(0x20);
  for (size_t q = 0; q < 4; ++q) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * q));
    // Signed compares: bytes >= 0x80 are negative and fail every range test.
    const __m128i lower = _mm_or_si128(v, k20);
    const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                        _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                        _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    const auto high = static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(v)));
    const auto word = static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(alpha, digit))));
    const auto up = static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(upper)));
    m.word |= (word | high) << (16 * q);
    m.upper |= up << (16 * q);
    m.non_ascii |= high << (16 * q);
  }
  if (len < 64) {
    const uint64_t valid = (uint64_t{1} << len) - 1;
    m.word &= valid;
    m.upper &= valid;
    m.non_ascii &= valid;
  }
#else
  for (size_t j = 0; j < len; ++j) {
    const uint8_t cls = kByteClass[p[j]];
    if (cls != kSep) m.word |= uint64_t{1} << j;
    if (cls == kUpper) m.upper |= uint64_t{1} << j;
    if (cls == kNonAscii) m.non_ascii |= uint64_t{1} << j;
  }
#endif
  return m;
}

// Calls emit(data, size) for every folded token of `text`. Tokens longer
// than kMaxTokenBytes are cut there (the rest of the run is skipped): such
// runs are hashes, base64 and the like, and a prefix identifies them well
// enough for near-duplicate detection. *scratch holds non-ASCII folds.
//
// Fast path: 64 bytes at a time, SIMD compares mark ASCII letters and
// digits, capitals and non-ASCII bytes; runs of marked bytes are found with
// bit scans. A run of ASCII letters and digits is one token, hashed where it
// lies when it has no capital (no copy). A run holding a non-ASCII byte may
// contain several tokens (a curly apostrophe or a dash separates) and is
// read by ReadFoldedToken, bounded to the run.
template <typename Emit>
inline void ForEachToken(std::string_view text, std::string* scratch, Emit&& emit) {
  char buf[kMaxTokenBytes];
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const char* chars = text.data();
  const size_t n = text.size();
  bool in_run = false, run_upper = false, run_non_ascii = false;
  size_t run_start = 0;
  auto emit_run = [&](size_t end) {
    if (!run_non_ascii) {
      const size_t len = std::min(end - run_start, kMaxTokenBytes);
      if (!run_upper) {
        emit(chars + run_start, len);
      } else {
        // ASCII letters and digits only: setting bit 5 lowercases a capital
        // and leaves lowercase letters and digits as they are (a loop the
        // compiler vectorises, unlike a table look-up).
        for (size_t k = 0; k < len; ++k) buf[k] = static_cast<char>(p[run_start + k] | 0x20);
        emit(buf, len);
      }
      return;
    }
    const std::string_view bounded = text.substr(0, end);  // ends at an ASCII separator or the text's end
    size_t pos = run_start;
    while (pos < end) {
      const size_t len = ReadFoldedToken(bounded, &pos, scratch, buf);
      if (len != 0) emit(buf, len);
    }
  };
  for (size_t b = 0; b < n; b += 64) {
    const size_t len = std::min<size_t>(64, n - b);
    const BlockMasks m = ScanBlock(p + b, len);
    // Separator bytes of the block (bytes past the text's end are not).
    const uint64_t valid = len == 64 ? ~uint64_t{0} : (uint64_t{1} << len) - 1;
    const uint64_t gaps = ~m.word & valid;
    uint64_t pending = m.word;  // token bytes not yet consumed
    if (in_run) {
      if (gaps == 0) {  // the run spans this whole block too
        run_upper |= m.upper != 0;
        run_non_ascii |= m.non_ascii != 0;
        continue;
      }
      const unsigned end = static_cast<unsigned>(std::countr_zero(gaps));
      const uint64_t below = (uint64_t{1} << end) - 1;
      run_upper |= (m.upper & below) != 0;
      run_non_ascii |= (m.non_ascii & below) != 0;
      emit_run(b + end);
      in_run = false;
      pending &= ~below;
    }
    while (pending != 0) {
      const unsigned start = static_cast<unsigned>(std::countr_zero(pending));
      const uint64_t from_start = ~((uint64_t{1} << start) - 1);
      const uint64_t after = gaps & from_start;
      run_start = b + start;
      if (after == 0) {  // runs on into the next block
        in_run = true;
        run_upper = (m.upper & from_start) != 0;
        run_non_ascii = (m.non_ascii & from_start) != 0;
        break;
      }
      const unsigned end = static_cast<unsigned>(std::countr_zero(after));
      const uint64_t below = (uint64_t{1} << end) - 1;
      const uint64_t seg = below & from_start;
      run_upper = (m.upper & seg) != 0;
      run_non_ascii = (m.non_ascii & seg) != 0;
      emit_run(b + end);
      pending &= ~below;
    }
  }
  if (in_run) emit_run(n);
}

// XXH3 of one 64-bit word read as little-endian bytes, whatever the host
// byte order, so shingle hashes agree across machines.
inline uint64_t HashWord(uint64_t word, uint64_t seed) {
  unsigned char bytes[8];
  for (int k = 0; k < 8; ++k) bytes[k] = static_cast<unsigned char>(word >> (8 * k));
  return XXH3_64bits_withSeed(bytes, sizeof bytes, seed);
}

inline uint64_t Rotl(uint64_t x, unsigned r) { return std::rotl(x, static_cast<int>(r % 64)); }

}  // namespace

Shingler::Shingler(const ShingleOptions& options) : options_(options) {
  // k beyond 64 would wrap the rotations of the shingle combination.
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
  tokens_.clear();
  TokenHashes(text, &tokens_);
  const size_t k = static_cast<size_t>(options_.shingle_words);
  const size_t n = tokens_.size();
  const uint64_t* t = tokens_.data();
  if (n == 0) {
    out->clear();
    return;
  }
  // Combination of m token hashes: XOR of t[j] rotated left by m-1-j (a
  // cyclic polynomial, order-sensitive), which rolls from one shingle to
  // the next in three operations.
  const size_t m = std::min(n, k);
  uint64_t c = 0;
  for (size_t j = 0; j < m; ++j) c ^= Rotl(t[j], static_cast<unsigned>(m - 1 - j));
  if (n < k) {
    out->assign(1, HashWord(c, options_.seed));
    return;
  }
  // Resizing a reused vector zero-fills only what it grows by.
  out->resize(n - k + 1);
  uint64_t* dst = out->data();
  dst[0] = HashWord(c, options_.seed);
  for (size_t i = 1; i + k <= n; ++i) {
    c = Rotl(c, 1) ^ Rotl(t[i - 1], static_cast<unsigned>(k)) ^ t[i + k - 1];
    dst[i] = HashWord(c, options_.seed);
  }
}

std::vector<std::string> Shingler::Tokens(std::string_view text) {
  std::vector<std::string> out;
  ForEachToken(text, &token_, [&](const char* t, size_t size) { out.emplace_back(t, size); });
  return out;
}

}  // namespace rashomon
