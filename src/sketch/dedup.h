// Near-duplicate groups over a batch of texts: shingle, sign, index, verify,
// group.
//
// Texts are signed in parallel (a batch at a time), then inserted into an
// LshIndex in input order. Before each insert the text is queried; its
// verified matches (estimated Jaccard >= threshold) name candidate groups,
// and the text joins the first of them, most similar first member first,
// that it fits:
//   - its similarity to the group's first member reaches the threshold (so
//     every reported similarity does), and
//   - its mean similarity to the group's members (the first
//     kMaxMembersChecked) reaches the threshold less
//     DedupOptions::member_slack (0 by default).
// This is average linkage (256 values estimate J = 0.8 with a standard
// deviation of about 0.025). Plain
// connected components (union-find) would also group two rewrites of one
// original that each pass the threshold against it but not against each
// other: measured on generated corpora, that costs about half a point of
// pair precision for a similar gain in recall.
//
// Texts are not kept: a DedupStream holds only the index (about 600-800
// bytes per text, see lsh.h) and two arrays of 4 bytes per text, so a corpus
// can be streamed through it. Reported similarities are the index's
// estimates from its 8-bit fingerprints of the 256 values (bias-corrected
// b-bit minwise estimates, see lsh.h).
//
// Thread-safety: FindNearDuplicates is a pure function; DedupStream is
// thread-compatible (its AddBatch uses worker threads internally).
#pragma once

#include <cstddef>
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
  // 256 values: the index keeps 8 bits of each for verification (lsh.h),
  // the same 256 bytes per text as 128 values of 16 bits with half the
  // estimator variance; bands use the first 128 values. Signing costs the
  // same per shingle.
  MinHashOptions minhash{.num_values = 256};
  // lsh.threshold is the near-duplicate threshold; lsh.num_values is set
  // from minhash.num_values.
  LshOptions lsh;
  int threads = 0;  // 0: DefaultThreadCount()
  // How far below the threshold a text's mean similarity to a group's
  // members may be. With 128 values 0.02 was best (20,000 generated
  // articles: 0 gave pair recall 0.943 / precision 0.965, 0.02 gave 0.953 /
  // 0.956, union-find 0.958 / 0.947). With 256 values the estimates are
  // tight enough for none: on 100,000 generated articles (`rashomon eval
  // dedup /work/gen/g100k ... --member-slack S`) 0 gives 0.966 / 0.962 and
  // 0.02 gives 0.972 / 0.956.
  double member_slack = 0.0;
  // DedupPaths (pipeline/dedup_paths.h): JSON Lines input is parsed and
  // signed in chunks of about this many bytes of whole lines, each on a
  // worker; the answer does not depend on it.
  size_t read_chunk_bytes = 1u << 20;
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
  // The same for texts already signed (SignAll with these options).
  void AddSignatures(const std::vector<Signature>& signatures);

  // Makes room for `count` texts in total (an estimate is fine: a larger
  // count costs address space, a smaller one the usual growth).
  void Reserve(size_t count);

  // Groups of the texts added so far (see FindNearDuplicates).
  std::vector<DedupGroup> Groups();

  size_t size() const { return index_.size(); }
  int fingerprint_bits() const { return index_.fingerprint_bits(); }
  const LshParams& lsh_params() const { return index_.params(); }
  // Verified pairs (earlier, later) in the order found; empty unless
  // options.keep_pairs.
  const std::vector<std::pair<uint32_t, uint32_t>>& pairs() const { return pairs_; }
  // Bytes held: the index and the group arrays.
  size_t MemoryBytes() const;

  // Groups are checked against at most this many of their members.
  static constexpr size_t kMaxMembersChecked = 32;

 private:
  // Mean estimated similarity of stored text `id` to the members of the
  // group whose first member is `first`.
  double MeanSimilarity(uint32_t id, uint32_t first) const;

  DedupOptions options_;
  LshIndex index_;
  std::vector<uint32_t> first_;  // per text: the first member of its group
  std::vector<uint32_t> next_;   // per text: the next member of its group (newest first after the first), or none
  std::vector<std::pair<double, uint32_t>> candidates_;  // (similarity, first member)
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
// The same into *out, reusing the memory of the signatures it holds.
void SignAllInto(const std::vector<std::string_view>& texts, const ShingleOptions& shingle,
                 const MinHashOptions& minhash, int threads, std::vector<Signature>* out);

}  // namespace rashomon
