// Near-duplicate groups over a batch of texts: shingle, sign, index, verify,
// union-find.
//
// Texts are signed in parallel, then inserted into an LshIndex in input order;
// before each insert the text is queried, and every verified match (estimated
// Jaccard >= threshold) joins the two texts' groups. Groups are therefore the
// connected components of the "estimated similarity >= threshold" graph
// restricted to LSH candidates: a chain A~B~C groups A and C even if A and C
// are less similar, which is the usual meaning of a near-duplicate cluster.
//
// Thread-safety: FindNearDuplicates is a pure function.
#pragma once

#include <cstdint>
#include <string_view>
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
};

struct DedupMember {
  uint32_t index;     // position in the input
  double similarity;  // estimated Jaccard to the group's first member (1 for itself)
};

struct DedupGroup {
  std::vector<DedupMember> members;  // >= 2, in input order; members[0] is the first
};

// Groups of >= 2 near-duplicate texts, ordered by their first member.
// Texts with no token belong to no group.
std::vector<DedupGroup> FindNearDuplicates(const std::vector<std::string_view>& texts,
                                           const DedupOptions& options);

// Signs each text (shingles + MinHash) on `threads` threads.
std::vector<Signature> SignAll(const std::vector<std::string_view>& texts, const ShingleOptions& shingle,
                               const MinHashOptions& minhash, int threads);

}  // namespace rashomon
