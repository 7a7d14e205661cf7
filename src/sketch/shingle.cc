#include "sketch/shingle.h"

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
// Token buffers are this much longer than the longest token: the hash reads
// whole 8-byte words.
constexpr size_t kTokenBufBytes = kMaxTokenBytes + 8;

#if !defined(__SSE2__)
// Byte classes for ScanBlock without SSE2 (the SIMD path computes them).
enum : uint8_t { kSep = 0, kWordByte = 1, kNonAscii = 2 };
constexpr std::array<uint8_t, 256> MakeByteClass() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80) t[c] = kNonAscii;
    else if (kAsciiFold[c] != 0) t[c] = kWordByte;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kByteClass = MakeByteClass();
#endif

// --- The fixed hashes (see shingle.h) ---------------------------------------

constexpr uint64_t kWordMul = 0x9E3779B97F4A7C15ULL;
// Bit 5 of every byte: OR-ing it into ASCII letters and digits lowercases
// the capitals and leaves the rest as they are.
constexpr uint64_t kAsciiLower = 0x2020202020202020ULL;

// Eight bytes as a little-endian word, whatever the host byte order.
inline uint64_t Load64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

// The 128-bit product of x and kWordMul, its halves XOR-ed together: every
// bit of x reaches every bit of the result, in one multiply.
inline uint64_t FoldMultiply(uint64_t x) {
#if defined(__x86_64__) && defined(__GNUC__)
  // One MUL with both halves left in registers: GCC 12 stores the 128-bit
  // product to the stack and loads it back, which puts a store-to-load
  // forward in every token's and shingle's chain of dependent operations.
  uint64_t low = x;
  uint64_t high;
  __asm__("mulq %[k]" : "+a"(low), "=d"(high) : [k] "r"(kWordMul) : "cc");
  return low ^ high;
#else
  const unsigned __int128 product = static_cast<unsigned __int128>(x) * kWordMul;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
#endif
}

// kKeepBytes[r]: the low r bytes of a word (a load, where the shift that
// computes it takes five instructions).
constexpr std::array<uint64_t, 9> MakeKeepBytes() {
  std::array<uint64_t, 9> t{};
  for (size_t r = 1; r < 8; ++r) t[r] = (uint64_t{1} << (8 * r)) - 1;
  t[8] = ~uint64_t{0};
  return t;
}
constexpr std::array<uint64_t, 9> kKeepBytes = MakeKeepBytes();

// Token hash of the `len` (1..64) bytes at p, each OR-ed with `fold` first
// (kAsciiLower for a run of ASCII letters and digits, whose folded form is
// exactly that; 0 for bytes already folded). Reads whole words: p[0, len + 7)
// must be readable; the bytes past len are masked off. No folded token holds
// a zero byte, so the zero padding of the last word encodes the length.
inline uint64_t TokenHash(const char* p, size_t len, uint64_t fold, uint64_t seed) {
  uint64_t h = seed;
  size_t i = 0;
  for (; i + 8 < len; i += 8) h = FoldMultiply(h ^ (Load64(p + i) | fold));
  return FoldMultiply(h ^ ((Load64(p + i) | fold) & kKeepBytes[len - i]));  // len - i is 1..8
}

inline uint64_t ShingleHash(uint64_t combination, uint64_t seed) {
  return FoldMultiply(combination ^ seed);
}

// --- Tokenizer ---------------------------------------------------------------

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
  // Range tests by one signed compare each: adding 128 - lo moves [lo, hi]
  // to [-128, hi - lo - 128]. Bytes >= 0x80 land above every range.
  const __m128i k20 = _mm_set1_epi8(0x20);
  const __m128i alpha_shift = _mm_set1_epi8(static_cast<char>(128 - 'a'));
  const __m128i alpha_top = _mm_set1_epi8(static_cast<char>(-128 + 26));
  const __m128i digit_shift = _mm_set1_epi8(static_cast<char>(128 - '0'));
  const __m128i digit_top = _mm_set1_epi8(static_cast<char>(-128 + 10));
  for (size_t q = 0; q < 4; ++q) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * q));
    const __m128i lower = _mm_or_si128(v, k20);
    const __m128i alpha = _mm_cmplt_epi8(_mm_add_epi8(lower, alpha_shift), alpha_top);
    const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, digit_shift), digit_top);
    const auto high = static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(v)));
    const auto word = static_cast<uint64_t>(
        static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(alpha, digit), v))));
    m.word |= word << (16 * q);
    m.non_ascii |= high << (16 * q);
  }
  if (len < 64) {
    const uint64_t valid = (uint64_t{1} << len) - 1;
    m.word &= valid;
    m.non_ascii &= valid;
  }
#else
  for (size_t j = 0; j < len; ++j) {
    const uint8_t cls = kByteClass[p[j]];
    if (cls != kSep) m.word |= uint64_t{1} << j;
    if (cls == kNonAscii) m.non_ascii |= uint64_t{1} << j;
  }
#endif
  return m;
}

// Common non-ASCII separators found without decoding: U+2010..U+2027
// (dashes, curly quotes and apostrophes, bullets, the ellipsis: E2 80
// 90..A7) and the no-break space U+00A0 (C2 A0). None is a letter, digit or
// mark (ShinglerTest checks), so marking their bytes as separators changes
// no token, and a block whose only non-ASCII bytes they are takes the ASCII
// fast path. Clears their bits in *m (text bytes from b on; the block's
// non-ASCII bits are the candidates) and returns the bits of a sequence
// that runs on into the next block.
inline uint64_t ClearCommonSeparators(const unsigned char* p, size_t n, size_t b, BlockMasks* m) {
  uint64_t clear = 0, next = 0;
  uint64_t candidates = m->non_ascii;
  while (candidates != 0) {
    const int j = std::countr_zero(candidates);
    candidates &= candidates - 1;
    const size_t pos = b + static_cast<size_t>(j);
    unsigned width = 0;
    if (p[pos] == 0xE2) {
      if (pos + 2 < n && p[pos + 1] == 0x80 && p[pos + 2] >= 0x90 && p[pos + 2] <= 0xA7) width = 3;
    } else if (p[pos] == 0xC2) {
      if (pos + 1 < n && p[pos + 1] == 0xA0) width = 2;
    }
    if (width == 0) continue;
    const uint64_t bits = (uint64_t{1} << width) - 1;
    clear |= bits << j;
    if (static_cast<unsigned>(j) + width > 64) next |= bits >> (64 - j);
    candidates &= ~(bits << j);
  }
  m->word &= ~clear;
  m->non_ascii &= ~clear;
  return next;
}

// Calls emit(data, size, fold) for every token of `text`, where the folded
// token is the `size` bytes at data each OR-ed with `fold`, and data[0,
// size + 7) is readable (TokenHash reads whole words). Tokens longer than
// kMaxTokenBytes are cut there (the rest of the run is skipped): such runs
// are hashes, base64 and the like, and a prefix identifies them well enough
// for near-duplicate detection. *scratch holds non-ASCII folds.
//
// Fast path: 64 bytes at a time, SIMD compares mark ASCII letters and digits
// and non-ASCII bytes (less the common separators above); the starts and
// ends of runs of marked bytes are bit masks walked with bit scans. A run of
// ASCII letters and digits is one token, passed where it lies with fold =
// kAsciiLower (no copy, no lowercasing pass). A run holding a non-ASCII byte
// may contain several tokens (a curly apostrophe or a dash separates) and is
// read by ReadFoldedToken, bounded to the run.
template <typename Emit>
inline void ForEachToken(std::string_view text, std::string* scratch, Emit&& emit) {
  char buf[kTokenBufBytes] = {};
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const char* chars = text.data();
  const size_t n = text.size();
  bool run_non_ascii = false;
  size_t run_start = 0;
  auto emit_run = [&](size_t end) {
    if (!run_non_ascii) {
      const size_t len = std::min(end - run_start, kMaxTokenBytes);
      if (run_start + len + 8 <= n) {
        emit(chars + run_start, len, kAsciiLower);
      } else {  // too near the text's end to read whole words in place
        std::memcpy(buf, chars + run_start, len);
        emit(buf, len, kAsciiLower);
      }
      return;
    }
    const std::string_view bounded = text.substr(0, end);  // ends at an ASCII separator or the text's end
    size_t pos = run_start;
    while (pos < end) {
      const size_t len = ReadFoldedToken(bounded, &pos, scratch, buf);
      if (len != 0) emit(buf, len, uint64_t{0});
    }
  };
  uint64_t carry = 0;  // 1 when a run reaches the end of the previous block
  uint64_t separators = 0;  // bytes of a common separator begun in the previous block
  for (size_t b = 0; b < n; b += 64) {
    const size_t len = std::min<size_t>(64, n - b);
    BlockMasks m = ScanBlock(p + b, len);
    m.word &= ~separators;
    m.non_ascii &= ~separators;
    separators = m.non_ascii != 0 ? ClearCommonSeparators(p, n, b, &m) : 0;
    const uint64_t before = (m.word << 1) | carry;  // bit j: byte j - 1 is a token byte
    uint64_t starts = m.word & ~before;
    // Bit j: byte j is the first separator after a run. A run that ends with
    // a short last block ends at bit len (its bytes past the text are 0).
    uint64_t ends = ~m.word & before;
    carry = m.word >> 63;
    if (before & 1) {  // a run carried in from the previous block
      if (ends == 0) {
        run_non_ascii |= m.non_ascii != 0;
        continue;
      }
      const int e = std::countr_zero(ends);
      ends &= ends - 1;
      run_non_ascii |= (m.non_ascii & ((uint64_t{1} << e) - 1)) != 0;
      emit_run(b + static_cast<size_t>(e));
    }
    if (m.non_ascii == 0 && b + 128 <= n) {
      // The common block: ASCII only, and every word read of its tokens
      // (each under 64 bytes, ending inside it) stays inside the text.
      while (starts != 0) {
        const int s = std::countr_zero(starts);
        starts &= starts - 1;
        if (ends == 0) {  // runs on into the next block
          run_start = b + static_cast<size_t>(s);
          run_non_ascii = false;
          break;
        }
        const int e = std::countr_zero(ends);
        ends &= ends - 1;
        emit(chars + b + static_cast<size_t>(s), static_cast<size_t>(e - s), kAsciiLower);
      }
      continue;
    }
    while (starts != 0) {
      const int s = std::countr_zero(starts);
      starts &= starts - 1;
      run_start = b + static_cast<size_t>(s);
      if (ends == 0) {  // runs on into the next block
        run_non_ascii = (m.non_ascii >> s) != 0;
        break;
      }
      const int e = std::countr_zero(ends);
      ends &= ends - 1;
      run_non_ascii = ((m.non_ascii & ((uint64_t{1} << e) - 1)) >> s) != 0;
      emit_run(b + static_cast<size_t>(e));
    }
  }
  if (carry != 0) emit_run(n);
}

inline uint64_t Rotl(uint64_t x, unsigned r) { return std::rotl(x, static_cast<int>(r % 64)); }

}  // namespace

Shingler::Shingler(const ShingleOptions& options) : options_(options) {
  // k beyond 64 would wrap the rotations of the shingle combination.
  options_.shingle_words = std::clamp(options_.shingle_words, 1, 64);
  k_ = static_cast<size_t>(options_.shingle_words);
  token_.reserve(64);
}

size_t Shingler::HashTokens(std::string_view text) {
  // A token and its separator take at least two bytes, so the text has at
  // most (size + 1) / 2 tokens. The buffer only grows (resizing zero-fills
  // what it grows by), and is written through a pointer.
  const size_t most = (text.size() + 1) / 2;
  if (tokens_.size() < most) tokens_.resize(most);
  uint64_t* const begin = tokens_.data();
  uint64_t* dst = begin;
  const uint64_t seed = options_.seed;
  ForEachToken(text, &token_, [&dst, seed](const char* t, size_t size, uint64_t fold) {
    *dst++ = TokenHash(t, size, fold, seed);
  });
  return static_cast<size_t>(dst - begin);
}

void Shingler::TokenHashes(std::string_view text, std::vector<uint64_t>* out) {
  const size_t n = HashTokens(text);
  out->insert(out->end(), tokens_.begin(), tokens_.begin() + static_cast<std::ptrdiff_t>(n));
}

template <typename Emit>
void Shingler::RollShingles(size_t n, Emit&& emit) const {
  const size_t k = k_;
  const uint64_t* t = tokens_.data();
  // Combination of m token hashes: XOR of t[j] rotated left by m-1-j (a
  // cyclic polynomial, order-sensitive), which rolls from one shingle to
  // the next in three operations.
  const size_t m = std::min(n, k);
  uint64_t c = 0;
  for (size_t j = 0; j < m; ++j) c ^= Rotl(t[j], static_cast<unsigned>(m - 1 - j));
  const uint64_t seed = options_.seed;
  emit(ShingleHash(c, seed));
  const int kr = static_cast<int>(k % 64);
  for (size_t i = 1; i + k <= n; ++i) {
    c = std::rotl(c, 1) ^ std::rotl(t[i - 1], kr) ^ t[i + k - 1];
    emit(ShingleHash(c, seed));
  }
}

void Shingler::ShingleHashes(std::string_view text, std::vector<uint64_t>* out) {
  const size_t n = HashTokens(text);
  if (n == 0) {
    out->clear();
    return;
  }
  // Resizing a reused vector zero-fills only what it grows by.
  out->resize(n >= k_ ? n - k_ + 1 : 1);
  uint64_t* dst = out->data();
  RollShingles(n, [&dst](uint64_t h) { *dst++ = h; });
}

void Shingler::Sign(std::string_view text, const MinHasher& hasher, Signature* out) {
  // Tokens are hashed into tokens_ first: folding the rolling combination
  // and the binning into the tokenizer's callback measured slower (callgrind,
  // 20,000 generated articles: 56,000 instructions per article against
  // 48,000 for tokens, shingles and signing apart), as the callback is
  // inlined at several places and its state leaves registers.
  const size_t n = HashTokens(text);
  if (n == 0) {
    out->clear();
    return;
  }
  hasher.Start(out);
  uint32_t* const values = out->data();
  const uint64_t bins = static_cast<uint64_t>(hasher.num_values());
  if (bins >= 2 && std::has_single_bit(bins)) {
    // The bin is the top log2(bins) bits: MinHasher::Bin by one shift.
    const int shift = 64 - std::countr_zero(bins);
    RollShingles(n, [values, shift](uint64_t h) {
      uint32_t& slot = values[h >> shift];
      slot = std::min(slot, MinHasher::Value(h));
    });
  } else {
    RollShingles(n, [values, &hasher](uint64_t h) {
      uint32_t& slot = values[hasher.Bin(h)];
      slot = std::min(slot, MinHasher::Value(h));
    });
  }
  hasher.Finish(n >= k_ ? n - k_ + 1 : 1, out);
}

uint64_t Shingler::HashToken(std::string_view folded) const {
  char buf[kTokenBufBytes] = {};
  const size_t len = std::min(folded.size(), kMaxTokenBytes);
  std::memcpy(buf, folded.data(), len);
  return len == 0 ? 0 : TokenHash(buf, len, 0, options_.seed);
}

std::vector<std::string> Shingler::Tokens(std::string_view text) {
  std::vector<std::string> out;
  ForEachToken(text, &token_, [&](const char* t, size_t size, uint64_t fold) {
    std::string& tok = out.emplace_back(t, size);
    if (fold != 0) {
      for (char& c : tok) c = static_cast<char>(c | 0x20);
    }
  });
  return out;
}

}  // namespace rashomon
