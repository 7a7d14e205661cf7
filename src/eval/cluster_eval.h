// Story and topic clustering scored on a labelled data set (ECB+ or the UCI
// news sample): the data set and its splits, threshold sweeps and the rows
// `rashomon eval clusters` prints. The CLI owns the printing and the store
// (the incremental path); everything here is plain computation.
//
// Thread-safe: no shared state; the clustering uses the threads its options
// ask for.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "eval/datasets.h"
#include "eval/metrics.h"
#include "stories/cluster.h"
#include "stories/topics.h"
#include "text/document.h"

namespace rashomon {

// "ecbplus" (or "ecb+") and "uci".
bool IsEcbPlus(const std::string& dataset);

// Loads `dataset` from `path` and keeps one split: ECB+ `topics` "dev"
// (the development topics), "train" (the others) or "all"; UCI "dev" or
// "test" (stories halved by a fixed hash of their label; the sample has no
// official split) or "all".
Result<LabeledArticles> LoadClusterDataset(const std::string& dataset, const std::string& path,
                                           const std::string& topics);

// A subset of a data set's items, scored on its own.
struct ClusterSplit {
  std::string name;
  std::vector<size_t> items;
};

// With every ECB+ topic loaded: the development topics, the other topics,
// and the other topics in two folds by topic parity (odd: fold A, even:
// fold B), for choices the saturated development topics cannot make.
std::vector<ClusterSplit> EcbPlusTopicSplits(const LabeledArticles& set);

// Scores the labels of `subset` against their gold.
ClusterScores ScoreSubset(const std::vector<uint32_t>& labels, const std::vector<std::string>& gold,
                          const std::vector<size_t>& subset);

// One printed row: a label and its scores.
struct ScoredRow {
  std::string label;
  ClusterScores scores;
};

// Story level over thresholds from..to (inclusive) in steps.
std::vector<ScoredRow> SweepStoryThresholds(const std::vector<ClusterItem>& items,
                                            const ClusterOptions& options,
                                            const std::vector<std::string>& gold, double from,
                                            double to, double step);

// Topic level at `options.threshold` over the stories `story_labels`: all
// items ("topic level @ T", or `label` when given), then each split
// ("  " + its name). `topic_labels`, if given, receives the topics.
std::vector<ScoredRow> TopicRows(const std::vector<const Document*>& docs,
                                 const std::vector<uint32_t>& story_labels,
                                 const TopicOptions& options, const std::vector<std::string>& group,
                                 const std::vector<ClusterSplit>& splits,
                                 const std::string& label = "",
                                 std::vector<uint32_t>* topic_labels = nullptr);

// "0.123".
std::string FormatScore(double x);

}  // namespace rashomon
