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
//     kMaxMembersChecked) reaches the threshold less kMemberSlack.
// This is average linkage with a little slack for estimator noise (128
// values estimate J = 0.8 with a standard deviation of about 0.035). Plain
// connected components (union-find) would also group two rewrites of one
// original that each pass the threshold against it but not against each
// other: measured on generated corpora, that costs about half a point of
// pair precision for a similar gain in recall.
//
// Texts are not kept: a DedupStream holds only the index (about 600-800
// bytes per text, see lsh.h) and two arrays of 4 bytes per text, so a corpus
// can be streamed through it. Reported similarities are the index's
// estimates from its 16-bit fingerprints (bias-corrected; within about 1e-5
// of the 32-bit estimate).
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
  // Bytes held: the index and the group arrays.
  size_t MemoryBytes() const;

  // Groups are checked against at most this many of their members.
  static constexpr size_t kMaxMembersChecked = 32;
  // How far below the threshold a text's mean similarity to a group's
  // members may be. Chosen on a 20,000-article generated corpus
  // (`rashomon generate --from ../shared/data/polnear`, seed 1; `rashomon
  // eval dedup`): 0 gives pair recall 0.943 / precision 0.965, 0.02 gives
  // 0.953 / 0.956, 0.04 gives 0.957 / 0.951, union-find 0.958 / 0.947.
  // Checked on 50,000 articles of seed 2: 0.956 / 0.947 (union-find
  // 0.961 / 0.939).
  static constexpr double kMemberSlack = 0.02;

 private:
  // Mean estimated similarity of `signature` to the members of the group
  // whose first member is `first`.
  double MeanSimilarity(const Signature& signature, uint32_t first) const;

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

}  // namespace rashomon
