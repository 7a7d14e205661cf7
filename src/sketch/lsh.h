// LSH index over MinHash signatures: banding, streaming insert and query,
// verification by estimated similarity.
//
// A signature of n values is cut into `bands` bands of `rows` values; two
// signatures become candidates when all rows of at least one band agree. For
// a pair of true Jaccard s that happens with probability
//   P(s) = 1 - (1 - s^rows)^bands,
// an S-curve whose steep part sits near (1/bands)^(1/rows). ChooseLshParams
// picks the largest `rows` (fewest chance candidates, least work) whose curve
// still makes a pair at exactly the threshold a candidate with probability
// >= min_candidate_probability; bands = n / rows. For n = 128, t = 0.8 and
// 0.99 this gives 21 bands x 6 rows: P(0.8) = 0.998, P(0.7) = 0.93,
// P(0.5) = 0.28, P(0.3) = 0.015. Candidates are then verified: only those
// whose estimated similarity reaches the threshold are returned.
//
// Bands are cut from the first `band_values` values only (128 by default),
// so a longer signature costs no more band tables or candidates; all values
// serve verification.
//
// Memory per stored signature (n = 128 or 256, 21 bands): 256 bytes of value
// fingerprints for verification (16 bits per value up to 128 values, 8 bits
// beyond), 4 bytes per band for a chain link, and one 8-byte table slot per
// band at load factor 0.35..0.7: 600-800 bytes. Fewer bits and bands
// shrink both parts: 256 values of 2 bits (64 bytes) and 10 bands of 4 rows
// measured 253 bytes per signature over 200,000 generated articles
// (docs/performance.md, with the recall and precision each setting gives). Band keys are 32 bits (XXH3
// of the band's values, seeded with the band number); a chance key collision
// only adds a candidate that verification rejects. Full 32-bit signatures are
// not kept.
//
// Fingerprint estimate (b-bit minwise hashing): two different minima share a
// b-bit fingerprint with probability c = 2^-b, so the raw agreement rate is
// J + (1 - J) c; the index removes that bias: J = (rate - c) / (1 - c). At
// J = 0.8 the variance of the corrected estimate is J(1-J)/n times
// 1.00002 for b = 16 and 1.005 for b = 8, so 256 values of 8 bits estimate
// with half the variance of 128 values of 16 bits in the same 256 bytes.
// Fewer bits trade estimator variance for memory: the factor at J = 0.8 is
// 1.08 for b = 4, 1.42 for b = 2 and 2.25 for b = 1 (lanes of b < 8 bits
// are packed into 64-bit words and compared 64 bits at a time).
//
// Thread-safety: Query and the const accessors may run concurrently with
// each other, not with Insert.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

#include "base/hash.h"
#include "sketch/minhash.h"

namespace rashomon {

struct LshParams {
  int bands = 0;
  int rows = 0;
};

// Probability that a pair of Jaccard s shares at least one band.
double LshCandidateProbability(double s, const LshParams& params);

// See the header comment. REQUIRES: 0 < threshold <= 1, num_values >= 1.
LshParams ChooseLshParams(double threshold, int num_values,
                          double min_candidate_probability = 0.99);

struct LshOptions {
  // Pairs whose estimated similarity reaches this are near-duplicates.
  double threshold = 0.8;
  // Must equal the signatures' MinHashOptions::num_values.
  int num_values = 128;
  // Bands are chosen for and cut from the first min(band_values, num_values)
  // values; 0: all of them.
  int band_values = 128;
  // Bits kept per value for verification: 1, 2, 4, 8 or 16; 0: 16 up to
  // 128 values, 8 beyond (256 bytes per signature either way at 128 and
  // 256 values). 4 bits of 256 values take 128 bytes and estimate J = 0.8
  // with 1.08 times the variance of full values (see the header comment).
  int fingerprint_bits = 0;
  // 0: ChooseLshParams(threshold, num_values, min_candidate_probability).
  int bands = 0;
  int rows = 0;
  // Higher: fewer missed pairs near the threshold, more candidates to verify.
  double min_candidate_probability = 0.99;
  // Most chain entries inspected per band and query. A band shared by
  // thousands of articles (exact copies, a template) would otherwise make
  // each query linear; the newest entries are inspected first, and exact
  // copies already linked to each other need only one of them. 0: no limit.
  size_t max_chain = 4096;
  // Seed of the band-key hash.
  uint64_t seed = kDefaultHashSeed;
};

class LshIndex {
 public:
  struct Match {
    uint32_t id;        // as returned by Insert
    double similarity;  // estimated Jaccard, from fingerprints
  };

  explicit LshIndex(const LshOptions& options = {});

  // Adds a signature and returns its id (0, 1, 2, ... in insertion order).
  // An empty or wrongly sized signature gets an id but is never matched.
  uint32_t Insert(const Signature& signature);

  // Makes room for `count` signatures in total, so that growing the arrays
  // does not double their capacity past what is needed.
  void Reserve(size_t count);

  // Stored signatures that share a band with `signature` and whose estimated
  // similarity is >= threshold, sorted by id. Replaces *out.
  void Query(const Signature& signature, std::vector<Match>* out) const;

  // Query(signature, out) followed by Insert(signature), with each band
  // table probed once (and all of them prefetched first): the streaming
  // path. Returns the new id.
  uint32_t QueryInsert(const Signature& signature, std::vector<Match>* out);

  // Ids sharing at least one band, unverified, sorted (for tests and tuning).
  void Candidates(const Signature& signature, std::vector<uint32_t>* out) const;

  // Estimated similarity between `signature` and stored `id`.
  double Similarity(const Signature& signature, uint32_t id) const;
  // Between two stored ids.
  double Similarity(uint32_t a, uint32_t b) const;

  // The key of band `band` (0 <= band < params().bands) of a signature of
  // num_values values: equal band values give equal keys (the key also
  // serves as a shuffle key for distributed candidate generation).
  uint32_t BandKey(const Signature& s, int band) const;

  size_t size() const { return count_; }
  const LshParams& params() const { return params_; }
  const LshOptions& options() const { return options_; }
  // Bits kept of each value (options().fingerprint_bits, 0 resolved).
  int fingerprint_bits() const { return fingerprint_bits_; }
  // Bytes held by the index's own arrays.
  size_t MemoryBytes() const;

  // Bytes of fingerprints kept per signature.
  size_t fingerprint_bytes() const { return fingerprint_bytes_; }
  // Writes the fingerprints of s (fingerprint_bytes() bytes) to out: what the
  // index keeps of a signature to verify pairs. REQUIRES: s.size() ==
  // num_values.
  void Fingerprints(const Signature& s, uint8_t* out) const;
  // The estimated similarity of two signatures from their fingerprints (as
  // Fingerprints writes them): what Similarity(a, b) gives for two stored
  // ids, so that a pair can be verified away from the index (distributed
  // verification moves fingerprints, not signatures).
  double FingerprintSimilarity(const uint8_t* a, const uint8_t* b) const {
    return FromAgreement(Agreement(a, b));
  }

 private:
  struct Slot {
    uint32_t key = 0;  // 0: empty
    uint32_t head = 0;
  };
  // Slots in memory from calloc, all-zero bytes being empty slots: a large
  // table comes from fresh pages the kernel zeroes and is not filled again.
  class SlotArray {
    static_assert(std::is_trivially_copyable_v<Slot> && std::is_aggregate_v<Slot>);

   public:
    SlotArray() = default;
    explicit SlotArray(size_t n) : slots_(static_cast<Slot*>(std::calloc(n, sizeof(Slot)))), size_(n) {
      if (n != 0 && slots_ == nullptr) throw std::bad_alloc();
    }
    size_t size() const { return size_; }
    Slot& operator[](size_t i) { return slots_.get()[i]; }
    const Slot& operator[](size_t i) const { return slots_.get()[i]; }
    const Slot* begin() const { return slots_.get(); }
    const Slot* end() const { return slots_.get() + size_; }

   private:
    struct Free {
      void operator()(Slot* p) const { std::free(p); }
    };
    std::unique_ptr<Slot, Free> slots_;
    size_t size_ = 0;
  };
  struct Table {
    SlotArray slots;  // power-of-two size, linear probing
    size_t used = 0;
  };
  static constexpr uint32_t kNone = 0xFFFFFFFFu;

  // Appends the `candidates` (sorted, unique) whose estimate from
  // fingerprints `fp` reaches the threshold.
  void Verify(const std::vector<uint32_t>& candidates, const uint8_t* fp, std::vector<Match>* out) const;
  size_t Agreement(const uint8_t* a, const uint8_t* b) const;
  double FromAgreement(size_t same) const;
  Slot* FindOrAdd(Table& t, uint32_t key);
  const Slot* Find(const Table& t, uint32_t key) const;
  static void Grow(Table& t);
  // Moves t's keys into a table of `size` slots (a power of two).
  static void Rehash(Table& t, size_t size);
  // Room for the rows of `count` ids, advised for huge pages.
  void ReserveRows(size_t count);
  // Appends the rows of a new id (validity, zeroed fingerprints, empty
  // chain links), growing the arrays by doubling with huge-page advice.
  void AddRows(bool valid);

  LshOptions options_;
  LshParams params_;
  size_t count_ = 0;
  std::vector<uint8_t> valid_;          // per id
  int fingerprint_bits_ = 16;
  size_t fingerprint_bytes_ = 0;       // per id
  double collision_ = 0;               // 2^-fingerprint_bits_
  std::vector<uint8_t> fingerprints_;  // fingerprint_bytes_ per id
  std::vector<uint32_t> next_;          // bands per id: older id with the same band key
  std::vector<Table> tables_;           // one per band
  std::vector<uint32_t> keys_, candidates_;  // QueryInsert scratch
  std::vector<uint8_t> fp_;
};

}  // namespace rashomon
