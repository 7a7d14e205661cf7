// Scoring near-duplicate groups against exact Jaccard similarity.
//
// Exact Jaccard of every pair is quadratic, so truth is computed where
// near-duplicates can be: every pair of articles inside one gold story
// (generated corpora plant copies inside the story of their original). Pairs
// across stories are assumed dissimilar; `cross_samples` random cross-story
// pairs check that assumption (their largest Jaccard is reported). A
// predicted pair is any two members of one group.
//
// Thread-compatible; a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sketch/shingle.h"

namespace rashomon {

struct DedupPairScore {
  size_t true_pairs = 0;       // within-story pairs with exact J >= threshold
  size_t predicted_pairs = 0;  // pairs inside predicted groups
  size_t correct = 0;          // predicted pairs with exact J >= threshold
  size_t pairs_checked = 0;    // within-story pairs whose exact J was computed
  double recall = 0, precision = 0;
  // Errors within 0.05 of the threshold, where a 128-value estimate (standard
  // error 0.035 at 0.8) cannot tell the sides apart.
  size_t false_near_threshold = 0;   // predicted, exact J in [threshold - 0.05, threshold)
  size_t missed_near_threshold = 0;  // true, not predicted, exact J < threshold + 0.05
  size_t cross_checked = 0;
  double cross_max = 0;  // largest exact J among sampled cross-story pairs
};

// groups: member indices into texts; story: gold story per text.
DedupPairScore ScoreDedupPairs(const std::vector<std::string_view>& texts,
                               const std::vector<std::string>& story,
                               const std::vector<std::vector<uint32_t>>& groups, double threshold,
                               const ShingleOptions& shingle, size_t cross_samples = 10000,
                               int threads = 0);

}  // namespace rashomon
