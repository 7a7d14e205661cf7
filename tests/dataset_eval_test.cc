// Quality floors on the public data sets in ../shared/data (ctest label
// "eval"). Each test prints its figures; thresholds are the product's fixed
// defaults, chosen on development splits, never fitted here.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "pipeline/pipeline.h"
#include "base/test_util.h"
#include "eval/claims_eval.h"
#include "eval/claims_gen.h"
#include "eval/datasets.h"
#include "ingest/ingest.h"
#include "eval/metrics.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

struct EvalRun {
  ClusterScores story, topic;
};

EvalRun ClusterAndScore(const LabeledArticles& set, bool topics) {
  std::vector<Document> docs = BuildDocuments(set.articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  PipelineOptions options;
  std::vector<ClusterItem> items = BuildClusterItems(ptrs, options.stories);
  std::vector<uint32_t> labels = ClusterAverageLink(items, options.stories.cluster);
  auto to_strings = [](const std::vector<uint32_t>& l) {
    std::vector<std::string> out;
    for (uint32_t x : l) out.push_back(std::to_string(x));
    return out;
  };
  EvalRun run;
  run.story = ScoreClustering(to_strings(labels), set.gold);
  if (topics) {
    run.topic = ScoreClustering(to_strings(GroupTopics(ptrs, labels, options.topics)), set.group);
  }
  return run;
}

void Print(const char* what, const ClusterScores& s) {
  std::printf("%-28s B3-P %.3f B3-R %.3f B3-F1 %.3f ARI %.3f clusters %zu (gold %zu)\n", what,
              s.bcubed_precision, s.bcubed_recall, s.bcubed_f1, s.ari, s.predicted_clusters, s.gold_clusters);
}

TEST(EvalTest, EcbPlusStoryAndTopicClustering) {
  std::string dir = testing::SharedDir() + "/data/ecbplus/ECB+";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no ECB+ data";
  auto set = LoadEcbPlus(dir);
  ASSERT_TRUE(set.ok());
  EvalRun run = ClusterAndScore(*set, true);
  Print("ECB+ story level", run.story);
  Print("ECB+ topic level", run.topic);
  // Measured 0.966 (docs/quality.md; 0.964 before short briefs counted as
  // part of a member); the target of 0.97 is not met yet.
  EXPECT_GE(run.story.bcubed_f1, 0.965);
  // The sklearn TF-IDF + average-linkage baseline at its best threshold
  // (tools/cluster_baseline.py): story 0.885, topic 0.894.
  EXPECT_GT(run.story.bcubed_f1, 0.885);
  EXPECT_GT(run.topic.bcubed_f1, 0.894);
  // Topic level by its own similarity between stories (stories/topics.h):
  // issue 2's floor. Measured 0.951 (0.947 before one-line articles kept
  // their text), so the margin is thin.
  EXPECT_GE(run.topic.bcubed_f1, 0.95);
}

TEST(EvalTest, UciHeadlineClustering) {
  std::string path = testing::SharedDir() + "/data/uci-news-aggregator-sample/uci-news-aggregator-first6366.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no UCI sample";
  auto set = LoadUciNews(path);
  ASSERT_TRUE(set.ok());
  EvalRun run = ClusterAndScore(*set, false);
  Print("UCI story level", run.story);
  // Baseline at its best threshold: 0.732.
  EXPECT_GT(run.story.bcubed_f1, 0.732);
}

TEST(EvalTest, PolnearDirectQuotes) {
  std::string dir = testing::SharedDir() + "/data/polnear/data";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no PolNeAR data";
  std::string cmd = std::string(RASHOMON_BINARY) + " -q eval quotes --split dev";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  ASSERT_EQ(pclose(p), 0);
  std::printf("%s", out.c_str());
  // Issue 3's floor: F1 0.75 for the speakers of direct quotes.
  auto f1_after = [&](const std::string& label) {
    size_t at = out.find(label);
    if (at == std::string::npos) return -1.0;
    size_t f = out.find("F1 ", at);
    return std::atof(out.c_str() + f + 3);
  };
  EXPECT_GE(f1_after("direct quote content spans"), 0.65);
  EXPECT_GE(f1_after("speakers of direct quotes"), 0.75);
}

// Claim-level floors on outlet copies of PolNeAR train articles with planted
// differences (eval/claims_gen.h); `rashomon eval claims` prints the same
// table. The floors pin what the analysis reaches today, so a change that
// loses a kind fails here; they rise as the analysis does.
TEST(EvalTest, ClaimsOnRewrittenCopiesOfRealArticles) {
  std::string dir = testing::SharedDir() + "/data/polnear/data/train/text";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no PolNeAR data";
  Diagnostics diag(false);
  std::vector<Article> sources;
  IngestPaths({dir}, IngestOptions{}, diag, [&](Article&& a) { sources.push_back(std::move(a)); });
  ASSERT_GT(sources.size(), 300u);
  ClaimGenOptions gen;
  gen.stories = 200;
  std::vector<ClaimCase> cases = GenerateClaimCases(sources, gen);
  ASSERT_EQ(cases.size(), gen.stories);
  ClaimScores s = ScoreClaims(cases, AnalyzeClaimCases(cases, AnalysisOptions{}, TextOptions{}));
  // Recall floors per kind, in ClaimKind order: number, role, quote,
  // short-quote, name, date, polarity.
  const double kFloors[kClaimKinds] = {0.95, 0.88, 0.88, 0.9, 0.88, 0.92, 0.95};
  for (int k = 0; k < kClaimKinds; ++k) {
    const ClaimKindScore& ks = s.kinds[static_cast<size_t>(k)];
    double recall = ks.planted ? static_cast<double>(ks.found) / static_cast<double>(ks.planted) : 0;
    std::printf("claims %-12s planted %3zu found %3zu recall %.3f\n",
                std::string(ClaimKindName(static_cast<ClaimKind>(k))).c_str(), ks.planted, ks.found, recall);
    EXPECT_GT(ks.planted, 5u) << ClaimKindName(static_cast<ClaimKind>(k));
    EXPECT_GE(recall, kFloors[k]) << ClaimKindName(static_cast<ClaimKind>(k));
  }
  double false_per_control = static_cast<double>(s.control_conflicts) / static_cast<double>(s.controls);
  double fact_match = static_cast<double>(s.versions_matched) / static_cast<double>(s.versions);
  std::printf("claims false conflicts per control %.3f, fact match %.3f\n", false_per_control, fact_match);
  EXPECT_LE(false_per_control, 0.1);
  EXPECT_GE(fact_match, 0.95);
  // A sentence other outlets state in other words is no addition.
  const double false_additions = static_cast<double>(s.versions_added) / static_cast<double>(s.versions);
  std::printf("claims false additions %.4f\n", false_additions);
  EXPECT_LE(false_additions, 0.005);
}

}  // namespace
}  // namespace rashomon
