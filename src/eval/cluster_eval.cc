#include "eval/cluster_eval.h"

#include <algorithm>
#include <cstdio>

#include "base/hash.h"

namespace rashomon {
namespace {

// The items of `set` whose `keep` is true, in order.
template <typename Pred>
LabeledArticles Keep(LabeledArticles& set, Pred keep) {
  LabeledArticles kept;
  for (size_t i = 0; i < set.articles.size(); ++i) {
    if (!keep(i)) continue;
    kept.articles.push_back(std::move(set.articles[i]));
    kept.gold.push_back(set.gold[i]);
    kept.group.push_back(set.group[i]);
  }
  return kept;
}

bool IsDevTopic(const std::string& topic) {
  const auto& dev = EcbPlusDevTopics();
  return std::find(dev.begin(), dev.end(), std::stoi(topic)) != dev.end();
}

}  // namespace

bool IsEcbPlus(const std::string& dataset) { return dataset == "ecbplus" || dataset == "ecb+"; }

Result<LabeledArticles> LoadClusterDataset(const std::string& dataset, const std::string& path,
                                           const std::string& topics) {
  if (IsEcbPlus(dataset)) {
    std::vector<int> wanted;
    if (topics == "dev") wanted = EcbPlusDevTopics();
    ASSIGN_OR_RETURN(LabeledArticles set, LoadEcbPlus(path, wanted));
    if (topics != "train") return set;
    return Keep(set, [&](size_t i) { return !IsDevTopic(set.group[i]); });
  }
  if (dataset == "uci") {
    ASSIGN_OR_RETURN(LabeledArticles set, LoadUciNews(path));
    if (topics != "dev" && topics != "test") return set;
    return Keep(set,
                [&](size_t i) { return ((Hash64(set.gold[i]) & 1) == 0) == (topics == "dev"); });
  }
  return Status::InvalidArgument("unknown dataset '" + dataset + "' (ecbplus or uci)");
}

std::vector<ClusterSplit> EcbPlusTopicSplits(const LabeledArticles& set) {
  std::vector<ClusterSplit> splits = {
      {"dev topics", {}}, {"other topics", {}}, {"  odd (fold A)", {}}, {"  even (fold B)", {}}};
  for (size_t i = 0; i < set.group.size(); ++i) {
    const bool is_dev = IsDevTopic(set.group[i]);
    splits[is_dev ? 0 : 1].items.push_back(i);
    if (!is_dev) splits[std::stoi(set.group[i]) % 2 == 1 ? 2 : 3].items.push_back(i);
  }
  return splits;
}

ClusterScores ScoreSubset(const std::vector<uint32_t>& labels, const std::vector<std::string>& gold,
                          const std::vector<size_t>& subset) {
  std::vector<std::string> p, g;
  p.reserve(subset.size());
  g.reserve(subset.size());
  for (size_t i : subset) {
    p.push_back(std::to_string(labels[i]));
    g.push_back(gold[i]);
  }
  return ScoreClustering(p, g);
}

std::vector<ScoredRow> SweepStoryThresholds(const std::vector<ClusterItem>& items,
                                            const ClusterOptions& options,
                                            const std::vector<std::string>& gold, double from,
                                            double to, double step) {
  std::vector<size_t> all(gold.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<ScoredRow> rows;
  // Integer steps: a float loop counter drifts as it adds up.
  for (int k = 0; from + k * step < to + 1e-9; ++k) {
    const double t = from + k * step;
    ClusterOptions co = options;
    co.threshold = static_cast<float>(t);
    co.join_threshold = static_cast<float>(t);
    rows.push_back(
        {"story @ " + FormatScore(t), ScoreSubset(ClusterAverageLink(items, co), gold, all)});
  }
  return rows;
}

std::vector<ScoredRow> TopicRows(const std::vector<const Document*>& docs,
                                 const std::vector<uint32_t>& story_labels,
                                 const TopicOptions& options, const std::vector<std::string>& group,
                                 const std::vector<ClusterSplit>& splits, const std::string& label,
                                 std::vector<uint32_t>* topic_labels) {
  std::vector<size_t> all(group.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<uint32_t> topics = GroupTopics(docs, story_labels, options);
  std::vector<ScoredRow> rows;
  rows.push_back({label.empty() ? "topic level @ " + FormatScore(options.threshold) : label,
                  ScoreSubset(topics, group, all)});
  for (const ClusterSplit& split : splits)
    rows.push_back({"  " + split.name, ScoreSubset(topics, group, split.items)});
  if (topic_labels != nullptr) *topic_labels = std::move(topics);
  return rows;
}

std::string FormatScore(double x) {
  char buf[32];
  (void)std::snprintf(buf, sizeof buf, "%.3f", x);  // always fits
  return buf;
}

}  // namespace rashomon
