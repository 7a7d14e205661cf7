// MinHash signatures by one-permutation hashing (OPH) with optimal
// densification.
//
// A signature summarises a set of 64-bit shingle hashes in `num_values`
// 32-bit values such that, for two sets A and B, each position agrees with
// probability exactly J(A, B) = |A ∩ B| / |A ∪ B|; the fraction of agreeing
// positions is an unbiased estimate of J with variance about J(1-J)/num_values.
//
// Scheme (fixed, documented; changing it changes every persisted signature):
//   bin(h)   = ((h >> 32) * num_values) >> 32     (high half picks the bin)
//   value(h) = h & 0xFFFFFFFF                     (low half competes in it)
//   values[b] = min value over the shingles that fall in bin b.
// Each shingle costs one multiply and one compare, instead of num_values
// hash evaluations for classic k-permutation MinHash. Bins no shingle fell
// into are filled by optimal densification (Shrivastava, ICML 2017): empty
// bin i copies the value of bin j_a for the first attempt a = 1, 2, ... at
// which j_a = ((HashCombine(seed, i << 32 | a) >> 32) * num_values) >> 32 is
// a bin that was filled. The walk depends only on i and the seed, so two sets
// fill their empty bins the same way and the per-position agreement
// probability stays exactly J. A value of 0xFFFFFFFF counts as empty (a
// 2^-32 event per bin, harmless).
//
// The input hashes come from Shingler (sketch/shingle.h), whose hashes are
// fixed functions with a fixed seed, so signatures are identical across runs and machines.
// A set with no shingles gets an empty signature (no values), which matches
// nothing.
//
// Thread-safety: MinHasher is immutable after construction; Sign may be
// called concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/hash.h"

namespace rashomon {

// Version of the whole signature scheme (tokenizer, shingle hash, binning,
// densification, seeds). Persisted signatures must carry it; bump it when any
// of those changes (MinHashTest.SignatureValuesArePinned will fail first).
inline constexpr int kSignatureVersion = 3;  // 2: rolling shingle combination; 3: multiply-mix token and shingle hashes

struct MinHashOptions {
  // Values per signature. 128 gives a standard error of at most 0.044 on a
  // similarity estimate (0.035 at J = 0.8) for 512 bytes; 256 halves the
  // variance for twice the memory and verification time. Any value >= 1.
  int num_values = 128;
  // Seed of the densification walk (the shingle hashes carry their own).
  uint64_t seed = kDefaultHashSeed;
};

// num_values 32-bit values, or empty for a set with no shingles.
using Signature = std::vector<uint32_t>;

class MinHasher {
 public:
  explicit MinHasher(const MinHashOptions& options = {});

  // Replaces *out with the signature of the set of `hashes` (any order,
  // repeats allowed).
  void Sign(const uint64_t* hashes, size_t count, Signature* out) const;
  void Sign(const std::vector<uint64_t>& hashes, Signature* out) const {
    Sign(hashes.data(), hashes.size(), out);
  }

  // Signing hashes as they are made, without an array of them (as
  // Shingler::Sign does): Start(&sig); then for each hash h,
  //   uint32_t& slot = sig[Bin(h)]; slot = std::min(slot, Value(h));
  // then Finish(count, &sig). The result is Sign of the same hashes.
  void Start(Signature* out) const;
  uint32_t Bin(uint64_t h) const { return static_cast<uint32_t>(((h >> 32) * bins_) >> 32); }
  static uint32_t Value(uint64_t h) { return static_cast<uint32_t>(h); }
  // Densifies *out after `count` hashes (none: *out is emptied).
  void Finish(size_t count, Signature* out) const;

  int num_values() const { return options_.num_values; }

 private:
  MinHashOptions options_;
  uint64_t bins_ = 0;  // num_values
};

// Fraction of positions where a and b agree: the Jaccard estimate. 0 when
// either is empty or their sizes differ.
double EstimateJaccard(const Signature& a, const Signature& b);

}  // namespace rashomon
