// Near-duplicate groups over a batch of texts: shingle, sign, index, verify,
// union-find.
//
// Texts are signed in parallel (a batch at a time), then inserted into an
// LshIndex in input order;
// before each insert the text is queried, and every verified match (estimated
// Jaccard >= threshold) joins the two texts' groups. Groups are therefore the
// connected components of the "estimated similarity >= threshold" graph
// restricted to LSH candidates: a chain A~B~C groups A and C even if A and C
// are less similar, which is the usual meaning of a near-duplicate cluster.
//
// Texts are not kept: a DedupStream holds only the index (about 600-800
// bytes per text, see lsh.h) and a union-find array, so a corpus can be
// streamed through it. Reported similarities are the index's estimates from
// its 16-bit fingerprints (bias-corrected; within about 1e-5 of the 32-bit
// estimate).
//
// Thread-safety: FindNearDuplicates is a pure function; DedupStream is
// thread-compatible (its AddBatch uses worker threads internally).
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "sketch/lsh.h"
#include "sketch/minhash.h"
#include "sketch/shingle.h"

namespace rashomon {

struct DedupOptions {
  ShingleOptions shingle;
  MinHashOptions minhash;
  // lsh.threshold is the near-duplicate threshold; lsh.num_values is set
  // from minhash.num_values.
  LshOptions lsh;
  int threads = 0;  // 0: DefaultThreadCount()
  // Keep every verified pair (DedupStream::pairs()), for evaluation; costs
  // 8 bytes per pair.
  bool keep_pairs = false;
};

struct DedupMember {
  uint32_t index;     // position in the input
  double similarity;  // estimated Jaccard to the group's first member (1 for itself)
};

struct DedupGroup {
  std::vector<DedupMember> members;  // >= 2, in input order; members[0] is the first
};

class DedupStream {
 public:
  explicit DedupStream(const DedupOptions& options = {});

  // Signs `texts` on options.threads threads, then queries and inserts them
  // in order; their indices continue from the previous batches. The texts may
  // be freed once this returns.
  void AddBatch(const std::vector<std::string_view>& texts);

  // Groups of the texts added so far (see FindNearDuplicates).
  std::vector<DedupGroup> Groups();

  size_t size() const { return index_.size(); }
  // Verified pairs (earlier, later) in the order found; empty unless
  // options.keep_pairs.
  const std::vector<std::pair<uint32_t, uint32_t>>& pairs() const { return pairs_; }
  // Bytes held: the index and the union-find array.
  size_t MemoryBytes() const;

 private:
  uint32_t Find(uint32_t x);
  void Union(uint32_t a, uint32_t b);

  DedupOptions options_;
  LshIndex index_;
  std::vector<uint32_t> parent_;
  std::vector<Signature> signatures_;  // batch buffer, reused
  std::vector<LshIndex::Match> matches_;
  std::vector<std::pair<uint32_t, uint32_t>> pairs_;
};

// Groups of >= 2 near-duplicate texts, ordered by their first member.
// Texts with no token belong to no group.
std::vector<DedupGroup> FindNearDuplicates(const std::vector<std::string_view>& texts,
                                           const DedupOptions& options);

// Signs each text (shingles + MinHash) on `threads` threads.
std::vector<Signature> SignAll(const std::vector<std::string_view>& texts,
                               const ShingleOptions& shingle, const MinHashOptions& minhash,
                               int threads);

}  // namespace rashomon
