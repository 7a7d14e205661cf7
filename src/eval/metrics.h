// Clustering quality: B-cubed precision, recall and F1 (Bagga & Baldwin
// 1998, averaged over items) and the adjusted Rand index (Hubert & Arabie
// 1985). Labels are arbitrary strings; only equality matters.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace rashomon {

struct ClusterScores {
  double bcubed_precision = 0;
  double bcubed_recall = 0;
  double bcubed_f1 = 0;
  double ari = 0;
  size_t items = 0;
  size_t predicted_clusters = 0;
  size_t gold_clusters = 0;
};

// REQUIRES: predicted.size() == gold.size()
ClusterScores ScoreClustering(const std::vector<std::string>& predicted,
                              const std::vector<std::string>& gold);

// Pairwise decisions (paraphrase, reuse): accuracy, precision, recall, F1 of
// the positive class.
struct BinaryScores {
  double accuracy = 0, precision = 0, recall = 0, f1 = 0;
  size_t tp = 0, fp = 0, tn = 0, fn = 0;
};
BinaryScores ScoreBinary(const std::vector<bool>& predicted, const std::vector<bool>& gold);

}  // namespace rashomon
