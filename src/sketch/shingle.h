// Word shingles for near-duplicate detection: a fast folding tokenizer and
// hashed word k-shingles.
//
// Tokens are maximal runs of letters and digits after folding: lowercase,
// diacritics stripped (non-ASCII goes through AppendFolded from
// text/normalize.h, so "Aragüshi", "ARAGUSHI" and "aragushi" are one token).
// Everything else (spaces, punctuation, apostrophes, hyphens) separates
// tokens: "don't" is "don" "t", "state-run" is "state" "run". A token is cut
// after 64 folded bytes (longer runs are hashes or base64). ASCII text takes
// a SIMD fast path that never decodes UTF-8.
//
// Hashes (fixed, documented; changing any of them changes every signature
// and must bump kSignatureVersion in minhash.h). With seed s =
// ShingleOptions::seed and fold(x) = the two 64-bit halves of the 128-bit
// product x * 0x9E3779B97F4A7C15 XOR-ed together (every input bit reaches
// every output bit):
//   token hash   h = s, then for each 8-byte little-endian word w of the
//                    folded token (the last one zero-padded; no folded token
//                    holds a zero byte): h = fold(h ^ w);  t = h
//   combination  c = XOR over the shingle's m tokens of rotl(t_j, m-1-j)
//   shingle hash   = fold(c ^ s)
// The token hash costs one multiply per 8 bytes and is computed from the
// bytes where they lie (ASCII is folded in the register by setting bit 5 of
// each byte). The combination is a cyclic polynomial over the token hashes
// (order-sensitive and linear; the shingle hash's multiply breaks the
// linearity), and the next shingle's is rotl(c, 1) ^ rotl(t_first, k) ^
// t_new, so shingling costs one multiply per shingle. A text with fewer than
// k tokens but at least
// one yields a single shingle of all its tokens (m = their count), so short
// texts (headlines) still get a signature. (Signature version 2 used XXH3
// for both hashes.)
//
// All functions are thread-safe; a Shingler holds reusable buffers and is
// thread-compatible (use one per thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/hash.h"
#include "sketch/minhash.h"

namespace rashomon {

struct ShingleOptions {
  // Words per shingle. 5 is the usual choice for news: short enough that a
  // one-word edit disturbs only 5 shingles, long enough that shared stock
  // phrases ("said in a statement on") rarely make unrelated articles look
  // alike. Smaller k raises similarity of loosely related texts.
  int shingle_words = 5;
  // Seed of both token and shingle hashes.
  uint64_t seed = kDefaultHashSeed;
};

class Shingler {
 public:
  explicit Shingler(const ShingleOptions& options = {});

  // Appends the token hash of every folded token of `text` to *out.
  void TokenHashes(std::string_view text, std::vector<uint64_t>* out);

  // Replaces *out with the hashes of the word shingles of `text`, in text
  // order (repeated shingles repeat; callers that need a set sort+unique).
  void ShingleHashes(std::string_view text, std::vector<uint64_t>* out);

  // Replaces *out with the MinHash signature of the shingles of `text`:
  // hasher.Sign(ShingleHashes(text)), computed as the tokens are read
  // (each shingle goes to its bin as soon as it is complete), with no array
  // of token or shingle hashes.
  void Sign(std::string_view text, const MinHasher& hasher, Signature* out);

  // The token hash of one already folded token (cut at 64 bytes; 0 for an
  // empty one): TokenHashes(text) is HashToken of each of Tokens(text).
  uint64_t HashToken(std::string_view folded) const;

  // The folded tokens themselves (slow path for tests and debugging).
  std::vector<std::string> Tokens(std::string_view text);

  const ShingleOptions& options() const { return options_; }

 private:
  // Hashes the tokens of `text` into tokens_ (which it grows as needed;
  // its size is not the count) and returns their count.
  size_t HashTokens(std::string_view text);
  // Calls emit(shingle hash) for each shingle of the n (>= 1) token hashes
  // in tokens_, in text order.
  template <typename Emit>
  void RollShingles(size_t n, Emit&& emit) const;

  ShingleOptions options_;
  size_t k_ = 5;                  // options_.shingle_words
  std::vector<uint64_t> tokens_;  // token hashes, reused between calls
  std::string token_;             // scratch for non-ASCII folds
};

}  // namespace rashomon
