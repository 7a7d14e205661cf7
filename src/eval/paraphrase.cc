#include "eval/paraphrase.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/clause_align.h"
#include "analysis/counterparts.h"
#include "base/stream.h"
#include "base/strings.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

Result<std::string> ReadFileText(const std::string& path) {
  ASSIGN_OR_RETURN(auto in, OpenInput(path));
  auto all = ReadAll(*in, 1u << 30);
  if (!all.ok()) return all.status().WithPrefix(path);
  return std::move(*all);
}

std::vector<double> Ranks(const std::vector<double>& x) {
  std::vector<size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
    double rank = 0.5 * static_cast<double>(i + j);
    for (size_t k = i; k <= j; ++k) r[order[k]] = rank;
    i = j + 1;
  }
  return r;
}

}  // namespace

Result<std::vector<SentencePair>> LoadMsrp(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileText(path));
  std::vector<SentencePair> out;
  size_t line_no = 0;
  for (std::string_view line : SplitLines(text)) {
    ++line_no;
    if (line_no == 1 || TrimAscii(line).empty()) continue;  // header
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() < 5 || (f[0] != "0" && f[0] != "1")) {
      return Status::InvalidInput(path + ":" + std::to_string(line_no) + ": expected 5 tab-separated MSRP fields");
    }
    out.push_back({std::string(TrimAscii(f[3])), std::string(TrimAscii(f[4])), f[0] == "1" ? 1.0 : 0.0});
  }
  if (out.empty()) return Status::InvalidInput(path + ": no MSRP pairs");
  return out;
}

Result<std::vector<SentencePair>> LoadStsBenchmark(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileText(path));
  std::vector<SentencePair> out;
  size_t line_no = 0;
  for (std::string_view line : SplitLines(text)) {
    ++line_no;
    if (TrimAscii(line).empty()) continue;
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() < 7) {
      return Status::InvalidInput(path + ":" + std::to_string(line_no) + ": expected 7 tab-separated STS fields");
    }
    SentencePair p{std::string(TrimAscii(f[5])), std::string(TrimAscii(f[6])), 0};
    try {
      p.gold = std::stod(std::string(f[4]));
    } catch (...) {
      return Status::InvalidInput(path + ":" + std::to_string(line_no) + ": bad score");
    }
    out.push_back(std::move(p));
  }
  if (out.empty()) return Status::InvalidInput(path + ": no STS pairs");
  return out;
}

std::vector<MatchFeatures> PairFeaturesOf(const std::vector<SentencePair>& pairs) {
  std::vector<std::pair<SentenceSketch, SentenceSketch>> sk;
  IdfTable idf;
  for (const SentencePair& p : pairs) {
    sk.emplace_back(SketchText(p.a), SketchText(p.b));
    idf.Add(sk.back().first);
    idf.Add(sk.back().second);
  }
  for (auto& s : sk) {
    idf.Weigh(&s.first);
    idf.Weigh(&s.second);
  }
  std::vector<MatchFeatures> out;
  out.reserve(sk.size());
  for (const auto& s : sk) out.push_back(PairFeatures(s.first, s.second, idf));
  return out;
}

CounterpartScores ScoreCounterparts(const std::vector<SentencePair>& pairs) {
  std::vector<Article> articles;
  for (const SentencePair& p : pairs) {
    for (const std::string* text : {&p.a, &p.b}) {
      Article a;
      a.id = std::to_string(articles.size());
      a.text = *text;
      articles.push_back(std::move(a));
    }
  }
  const std::vector<Document> docs = BuildDocuments(articles);
  std::vector<std::vector<SentenceSketch>> sketches(docs.size());
  IdfTable idf;
  for (size_t d = 0; d < docs.size(); ++d) {
    for (const Sentence& s : docs[d].sentences) {
      sketches[d].push_back(SketchSentence(docs[d], s));
      idf.Add(sketches[d].back());
    }
  }
  for (auto& list : sketches) {
    for (SentenceSketch& k : list) idf.Weigh(&k);
  }
  // Whether document x's sentences (any of them) have a counterpart in y's.
  auto found = [&](size_t x, size_t y) {
    std::vector<ClauseItem> items;
    for (size_t d : {x, y}) {
      for (size_t s = 0; s < docs[d].sentences.size(); ++s) {
        items.push_back({&docs[d], d == x ? 0u : 1u, &docs[d].sentences[s], &sketches[d][s], d == x});
      }
    }
    CounterpartOptions options;  // as "what each outlet adds" asks
    options.first = true;
    options.cover = kAddedCover;
    const auto answers = FindCounterparts(items, idf, options);
    return std::any_of(answers.begin(), answers.end(), [](const auto& a) { return !a.empty(); });
  };
  CounterpartScores out;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const size_t a = 2 * i, b = 2 * i + 1;
    const size_t hits = size_t{found(a, b)} + size_t{found(b, a)};
    if (pairs[i].gold > 0.5) {
      out.paraphrase += 2;
      out.paraphrase_found += hits;
    } else {
      out.other += 2;
      out.other_found += hits;
    }
    if (pairs.size() > 1) {
      const size_t next = 2 * ((i + 1) % pairs.size()) + 1;
      out.unrelated += 2;
      out.unrelated_found += size_t{found(a, next)} + size_t{found(next, a)};
    }
  }
  return out;
}

BinaryScores ScoreParaphrase(const std::vector<float>& scores, const std::vector<SentencePair>& pairs,
                             float threshold) {
  std::vector<bool> pred, gold;
  for (size_t i = 0; i < pairs.size(); ++i) {
    pred.push_back(scores[i] >= threshold);
    gold.push_back(pairs[i].gold > 0.5);
  }
  return ScoreBinary(pred, gold);
}

float BestThreshold(const std::vector<float>& scores, const std::vector<bool>& gold) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  // Threshold below everything: all positive.
  size_t positives = static_cast<size_t>(std::count(gold.begin(), gold.end(), true));
  size_t correct = positives, best = correct;
  float best_t = order.empty() ? 0.5f : scores[order[0]] - 1e-4f;
  for (size_t i = 0; i < order.size(); ++i) {
    // Threshold just above scores[order[i]]: it becomes negative.
    correct += gold[order[i]] ? -1 : 1;
    bool tie = i + 1 < order.size() && scores[order[i + 1]] == scores[order[i]];
    if (!tie && correct > best) {
      best = correct;
      best_t = i + 1 < order.size() ? 0.5f * (scores[order[i]] + scores[order[i + 1]]) : scores[order[i]] + 1e-4f;
    }
  }
  return best_t;
}

std::vector<FoldResult> CrossValidateThreshold(const std::vector<float>& scores,
                                               const std::vector<SentencePair>& pairs, int k) {
  std::vector<FoldResult> out;
  for (int fold = 0; fold < k; ++fold) {
    std::vector<float> train_scores;
    std::vector<bool> train_gold;
    std::vector<float> test_scores;
    std::vector<SentencePair> test_pairs;
    for (size_t i = 0; i < pairs.size(); ++i) {
      if (static_cast<int>(i % static_cast<size_t>(k)) == fold) {
        test_scores.push_back(scores[i]);
        test_pairs.push_back(pairs[i]);
      } else {
        train_scores.push_back(scores[i]);
        train_gold.push_back(pairs[i].gold > 0.5);
      }
    }
    FoldResult r;
    r.threshold = BestThreshold(train_scores, train_gold);
    r.scores = ScoreParaphrase(test_scores, test_pairs, r.threshold);
    out.push_back(r);
  }
  return out;
}

double PearsonCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
  size_t n = x.size();
  if (n < 2) return 0;
  double mx = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(n);
  double my = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

double SpearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
  return PearsonCorrelation(Ranks(x), Ranks(y));
}

}  // namespace rashomon
