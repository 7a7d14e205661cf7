#include "eval/metrics.h"

#include <map>
#include <unordered_map>

namespace rashomon {
namespace {

double Choose2(double n) { return n * (n - 1) / 2; }

}  // namespace

ClusterScores ScoreClustering(const std::vector<std::string>& predicted,
                              const std::vector<std::string>& gold) {
  ClusterScores s;
  const size_t n = predicted.size();
  s.items = n;
  if (n == 0 || gold.size() != n) return s;
  std::unordered_map<std::string, size_t> pred_size, gold_size;
  std::map<std::pair<std::string, std::string>, size_t> joint;
  for (size_t i = 0; i < n; ++i) {
    ++pred_size[predicted[i]];
    ++gold_size[gold[i]];
    ++joint[{predicted[i], gold[i]}];
  }
  double p = 0, r = 0;
  for (size_t i = 0; i < n; ++i) {
    double both = static_cast<double>(joint[{predicted[i], gold[i]}]);
    p += both / static_cast<double>(pred_size[predicted[i]]);
    r += both / static_cast<double>(gold_size[gold[i]]);
  }
  s.bcubed_precision = p / static_cast<double>(n);
  s.bcubed_recall = r / static_cast<double>(n);
  s.bcubed_f1 = s.bcubed_precision + s.bcubed_recall > 0
                    ? 2 * s.bcubed_precision * s.bcubed_recall / (s.bcubed_precision + s.bcubed_recall)
                    : 0;
  double index = 0, sum_pred = 0, sum_gold = 0;
  for (const auto& [k, c] : joint) index += Choose2(static_cast<double>(c));
  for (const auto& [k, c] : pred_size) sum_pred += Choose2(static_cast<double>(c));
  for (const auto& [k, c] : gold_size) sum_gold += Choose2(static_cast<double>(c));
  double total = Choose2(static_cast<double>(n));
  double expected = total > 0 ? sum_pred * sum_gold / total : 0;
  double max_index = (sum_pred + sum_gold) / 2;
  s.ari = max_index - expected != 0 ? (index - expected) / (max_index - expected) : 1.0;
  s.predicted_clusters = pred_size.size();
  s.gold_clusters = gold_size.size();
  return s;
}

BinaryScores ScoreBinary(const std::vector<bool>& predicted, const std::vector<bool>& gold) {
  BinaryScores s;
  for (size_t i = 0; i < predicted.size() && i < gold.size(); ++i) {
    if (predicted[i] && gold[i]) ++s.tp;
    if (predicted[i] && !gold[i]) ++s.fp;
    if (!predicted[i] && gold[i]) ++s.fn;
    if (!predicted[i] && !gold[i]) ++s.tn;
  }
  double total = static_cast<double>(s.tp + s.fp + s.tn + s.fn);
  s.accuracy = total > 0 ? static_cast<double>(s.tp + s.tn) / total : 0;
  s.precision = s.tp + s.fp > 0 ? static_cast<double>(s.tp) / static_cast<double>(s.tp + s.fp) : 0;
  s.recall = s.tp + s.fn > 0 ? static_cast<double>(s.tp) / static_cast<double>(s.tp + s.fn) : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

}  // namespace rashomon
