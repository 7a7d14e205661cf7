// Sentence-pair evaluation of the matcher in analysis/align.h: MSRP (binary
// paraphrase labels) and STS Benchmark (graded 0-5 similarity).
//
// Idf is computed over the sentences of the file being scored, without their
// labels (the matcher's own idf is always unsupervised). The decision
// threshold is the fixed kParaphraseThreshold unless a caller asks for
// cross-validation, in which case each fold is scored with a threshold
// chosen on the other folds only.
#pragma once

#include <string>
#include <vector>

#include "analysis/align.h"
#include "base/status.h"
#include "eval/metrics.h"

namespace rashomon {

struct SentencePair {
  std::string a, b;
  double gold = 0;  // MSRP: 0 or 1; STS: 0..5
};

// MSRP: tab-separated "Quality #1ID #2ID #1String #2String" with a header.
Result<std::vector<SentencePair>> LoadMsrp(const std::string& path);
// STS Benchmark csv: tab-separated, score in column 5, sentences in 6 and 7.
Result<std::vector<SentencePair>> LoadStsBenchmark(const std::string& path);

// Features of every pair, idf over all the pairs' sentences.
std::vector<MatchFeatures> PairFeaturesOf(const std::vector<SentencePair>& pairs);

BinaryScores ScoreParaphrase(const std::vector<float>& scores, const std::vector<SentencePair>& pairs,
                             float threshold);

// The threshold with the best accuracy on the given items (midpoints of
// sorted scores).
float BestThreshold(const std::vector<float>& scores, const std::vector<bool>& gold);

struct FoldResult {
  float threshold = 0;
  BinaryScores scores;
};
// k-fold cross-validation of the threshold: fold i holds the pairs whose
// index % k == i; its threshold is chosen on the other folds.
std::vector<FoldResult> CrossValidateThreshold(const std::vector<float>& scores,
                                               const std::vector<SentencePair>& pairs, int k);

// "What each outlet adds" asks whether another article states a sentence's
// claim at all (analysis/counterparts.h). Over sentence pairs, each
// sentence is asked against the other one of its pair: the share found
// among paraphrase pairs (should be high: a paraphrase is no addition),
// among non-paraphrase pairs (MSRP's are near misses, often one sentence
// holding the other and saying more: reported, not judged), and among
// unrelated pairs (sentence a of pair i against sentence b of pair i + 1:
// should be near 0). Idf over all the pairs' sentences.
struct CounterpartScores {
  size_t paraphrase = 0, paraphrase_found = 0;  // sentences of gold paraphrase pairs
  size_t other = 0, other_found = 0;            // sentences of gold non-paraphrase pairs
  size_t unrelated = 0, unrelated_found = 0;    // sentences of mismatched pairs
};
CounterpartScores ScoreCounterparts(const std::vector<SentencePair>& pairs);

double PearsonCorrelation(const std::vector<double>& x, const std::vector<double>& y);
double SpearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace rashomon
