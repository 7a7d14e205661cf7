// Quality floors of the sentence matcher and the derivation measure on the
// public data sets (ctest label "eval"). The matcher's weights and threshold
// are constants in analysis/align.cc (tools/fit_matcher.py); nothing is
// fitted here except the per-fold thresholds of the cross-validation, each
// chosen without the fold it scores.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "base/test_util.h"
#include "analysis/facts.h"
#include "eval/datasets.h"
#include "eval/paraphrase.h"
#include "eval/reuse.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

TEST(AnalysisEvalTest, MsrpTrainFolds) {
  std::string path = testing::SharedDir() + "/data/msrp/msr_paraphrase_train.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no MSRP data";
  auto pairs = LoadMsrp(path);
  ASSERT_TRUE(pairs.ok()) << pairs.status().ToString();
  std::vector<float> scores;
  for (const MatchFeatures& f : PairFeaturesOf(*pairs)) scores.push_back(MatchScore(f));
  BinaryScores fixed = ScoreParaphrase(scores, *pairs, kParaphraseThreshold);
  std::vector<FoldResult> folds = CrossValidateThreshold(scores, *pairs, 10);
  double acc = 0, f1 = 0;
  for (const FoldResult& r : folds) {
    acc += r.scores.accuracy / static_cast<double>(folds.size());
    f1 += r.scores.f1 / static_cast<double>(folds.size());
  }
  std::printf("MSRP train: fixed threshold accuracy %.3f F1 %.3f; 10 folds mean accuracy %.3f F1 %.3f\n",
              fixed.accuracy, fixed.f1, acc, f1);
  // The floors asked of the matcher (76% accuracy, F1 83 on train folds),
  // above the best published unsupervised system; measured 76.6% / 83.6.
  EXPECT_GE(acc, 0.76);
  EXPECT_GE(f1, 0.83);
  EXPECT_GE(fixed.accuracy, 0.76);
  EXPECT_GE(fixed.f1, 0.83);
  // "What each outlet adds": a paraphrase has its counterpart in the other
  // sentence (measured 0.978), an unrelated sentence almost never (1 in 8,152).
  const CounterpartScores c = ScoreCounterparts(*pairs);
  const double held = static_cast<double>(c.paraphrase_found) / static_cast<double>(c.paraphrase);
  const double unrelated = static_cast<double>(c.unrelated_found) / static_cast<double>(c.unrelated);
  std::printf("MSRP train counterparts: paraphrases %.3f, unrelated %.4f\n", held, unrelated);
  EXPECT_GE(held, 0.97);
  EXPECT_LE(unrelated, 0.001);
}

TEST(AnalysisEvalTest, StsBenchmarkDev) {
  std::string path = testing::SharedDir() + "/data/stsbenchmark/sts-dev.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no STS Benchmark data";
  auto pairs = LoadStsBenchmark(path);
  ASSERT_TRUE(pairs.ok()) << pairs.status().ToString();
  std::vector<double> x, y;
  std::vector<MatchFeatures> features = PairFeaturesOf(*pairs);
  for (size_t i = 0; i < features.size(); ++i) {
    x.push_back(MatchScore(features[i]));
    y.push_back((*pairs)[i].gold);
  }
  double spearman = SpearmanCorrelation(x, y);
  std::printf("STS-B dev: Pearson %.3f Spearman %.3f\n", PearsonCorrelation(x, y), spearman);
  // Averaged GloVe vectors reach 0.58 on the test split.
  EXPECT_GE(spearman, 0.60);
}

TEST(AnalysisEvalTest, CloughStevensonReuse) {
  std::string dir = testing::SharedDir() + "/data/clough-stevenson-text-reuse/data";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no Clough-Stevenson data";
  auto corpus = LoadCloughStevenson(dir);
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  ReuseResult r = ScoreReuse(*corpus);
  ASSERT_EQ(r.predicted.size(), corpus->grade.size());
  size_t binary_ok = 0, grade_ok = 0;
  for (size_t i = 0; i < r.predicted.size(); ++i) {
    binary_ok += (r.predicted[i] == "non") == (corpus->grade[i] == "non");
    grade_ok += r.predicted[i] == corpus->grade[i];
  }
  double binary = static_cast<double>(binary_ok) / static_cast<double>(r.predicted.size());
  double grade = static_cast<double>(grade_ok) / static_cast<double>(r.predicted.size());
  std::printf("Clough-Stevenson: reused-vs-independent accuracy %.3f, four-level grade accuracy %.3f\n", binary, grade);
  EXPECT_GE(binary, 0.90);
  // Four classes with "non" the largest (40%); the grade must beat guessing it.
  EXPECT_GT(grade, 0.5);
}


// ECB+ articles of one event come from many outlets. Some are wire copy
// re-run by several papers (they share word runs of 15 words and more, and
// those edges are right); the rest are independent reports of one event,
// and an edge between two of them is a false claim that one copied the
// other. Edges not backed by a long verbatim run must stay rare.
TEST(AnalysisEvalTest, EcbPlusIndependentArticlesHaveFewEdges) {
  std::string dir = testing::SharedDir() + "/data/ecbplus/ECB+";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no ECB+ data";
  auto data = LoadEcbPlus(dir, EcbPlusDevTopics());
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  std::map<std::string, std::vector<Article>> stories;
  for (size_t i = 0; i < data->articles.size(); ++i) stories[data->gold[i]].push_back(data->articles[i]);
  size_t articles = 0, edges = 0, unbacked = 0;
  for (const auto& [gold, arts] : stories) {
    if (arts.size() < 2) continue;
    std::vector<Document> docs = BuildDocuments(arts);
    std::vector<const Document*> ptrs;
    for (const Document& d : docs) ptrs.push_back(&d);
    report::Story story;
    AnalyzeFactsAndProvenance(ptrs, &story);
    articles += arts.size();
    for (const report::Provenance& p : story.provenance) {
      ++edges;
      int run = 0;
      for (const std::string& e : p.evidence) {
        if (e.rfind("shared run of ", 0) == 0) run = std::atoi(e.c_str() + 14);
      }
      if (run < 15) {
        ++unbacked;
        std::printf("  ECB+ %s: %s <- %s score %.2f (longest shared run %d words)\n", gold.c_str(), p.to.c_str(),
                    p.from.c_str(), p.score, run);
      }
    }
  }
  std::printf("ECB+ dev: %zu articles in %zu stories, %zu provenance edges, %zu without a shared run of 15+ words\n",
              articles, stories.size(), edges, unbacked);
  ASSERT_GT(articles, 50u);
  // Measured 39 of 197 on the dev topics (some between rewrites of one
  // agency's story that share no 15-word run; not checked one by one): the
  // bound keeps new evidence from inventing more.
  EXPECT_LE(static_cast<double>(unbacked), 0.22 * static_cast<double>(articles));
}

}  // namespace
}  // namespace rashomon
