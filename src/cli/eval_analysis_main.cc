// rashomon eval paraphrase [FILE] [--cv K] [--features OUT]: the sentence
// matcher on MSRP (accuracy, F1 at the fixed threshold) or STS Benchmark
// (Pearson, Spearman), detected from the file.
// rashomon eval reuse [--data DIR] [--ecbplus]: derivation detection and
// grading on the Clough-Stevenson corpus; with --ecbplus also the provenance
// edges found between the reports of each ECB+ story (mostly independent).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>

#include "analysis/align.h"
#include "analysis/wordnet.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "eval/paraphrase.h"
#include "eval/reuse.h"

namespace rashomon::cli {
namespace {

std::string SharedData() { return std::string(RASHOMON_DEFAULT_SHARED_DIR) + "/data"; }

void PrintBinary(const char* what, const BinaryScores& s) {
  std::printf("  %-28s accuracy %.1f%%  F1 %.1f  (P %.1f R %.1f; tp %zu fp %zu tn %zu fn %zu)\n", what,
              100 * s.accuracy, 100 * s.f1, 100 * s.precision, 100 * s.recall, s.tp, s.fp, s.tn, s.fn);
}

}  // namespace

void AddEvalParaphraseCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::string file;
    int cv = 0;
    std::string features;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = eval->add_subcommand("paraphrase", "Sentence matching on MSRP (accuracy, F1) or STS-B (correlation)");
  cmd->add_option("file", flags->file, "MSRP or STS Benchmark file (default: MSRP train in ../shared/data)");
  cmd->add_option("--cv", flags->cv, "Also report K-fold cross-validation of the threshold (fold = index % K)");
  cmd->add_option("--features", flags->features, "Write the pair features as TSV (gold first) to this file");
  cmd->callback([flags, exit_code] {
    std::string path = flags->file.empty() ? SharedData() + "/msrp/msr_paraphrase_train.txt" : flags->file;
    bool sts = false;
    auto pairs = LoadMsrp(path);
    if (!pairs.ok()) {
      auto s = LoadStsBenchmark(path);
      if (!s.ok()) {
        *exit_code = Fail(pairs.status());
        return;
      }
      pairs = std::move(s);
      sts = true;
    }
    std::vector<MatchFeatures> features = PairFeaturesOf(*pairs);
    std::vector<float> scores;
    scores.reserve(features.size());
    for (const MatchFeatures& f : features) scores.push_back(MatchScore(f));
    if (!flags->features.empty()) {
      std::ofstream out(flags->features);
      for (size_t i = 0; i < features.size(); ++i) {
        out << (*pairs)[i].gold;
        for (float x : features[i]) out << '\t' << x;
        out << '\n';
      }
    }
    std::printf("%s: %zu pairs (%s)\n", sts ? "STS Benchmark" : "MSRP", pairs->size(), path.c_str());
    std::printf("  synonyms: %s\n", Synonyms::Get().Note().c_str());
    if (sts) {
      std::vector<double> x(scores.begin(), scores.end()), y;
      for (const SentencePair& p : *pairs) y.push_back(p.gold);
      std::printf("  Pearson x100 %.1f  Spearman x100 %.1f\n", 100 * PearsonCorrelation(x, y),
                  100 * SpearmanCorrelation(x, y));
    } else {
      char label[64];
      // A threshold in [0, 1] fits; a cut label would be harmless anyway.
      (void)std::snprintf(label, sizeof label, "fixed threshold %.3f", kParaphraseThreshold);
      PrintBinary(label, ScoreParaphrase(scores, *pairs, kParaphraseThreshold));
      const CounterpartScores c = ScoreCounterparts(*pairs);
      auto share = [](size_t n, size_t d) { return d == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(d); };
      std::printf("  counterparts (\"what each outlet adds\"): sentences held by the other of their pair\n");
      std::printf("    paraphrase pairs      %.3f  (%zu of %zu)\n", share(c.paraphrase_found, c.paraphrase),
                  c.paraphrase_found, c.paraphrase);
      std::printf("    non-paraphrase pairs  %.3f  (%zu of %zu)\n", share(c.other_found, c.other), c.other_found,
                  c.other);
      std::printf("    unrelated pairs       %.3f  (%zu of %zu)\n", share(c.unrelated_found, c.unrelated),
                  c.unrelated_found, c.unrelated);
      if (flags->cv > 1) {
        std::vector<FoldResult> folds = CrossValidateThreshold(scores, *pairs, flags->cv);
        double acc = 0, f1 = 0;
        for (size_t i = 0; i < folds.size(); ++i) {
          char fl[64];
          (void)std::snprintf(fl, sizeof fl, "fold %zu (threshold %.3f)", i, folds[i].threshold);
          PrintBinary(fl, folds[i].scores);
          acc += folds[i].scores.accuracy;
          f1 += folds[i].scores.f1;
        }
        std::printf("  %d-fold mean                 accuracy %.1f%%  F1 %.1f\n", flags->cv,
                    100 * acc / static_cast<double>(folds.size()), 100 * f1 / static_cast<double>(folds.size()));
      }
    }
    *exit_code = kExitOk;
  });
}

void AddEvalReuseCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code) {
  auto data = std::make_shared<std::string>();
  auto dump = std::make_shared<bool>(false);
  CLI::App* cmd = eval->add_subcommand("reuse", "Reused-vs-independent and reuse grade on Clough-Stevenson");
  cmd->add_option("--data", *data, "Corpus folder (default: ../shared/data/clough-stevenson-text-reuse/data)");
  cmd->add_flag("--measures", *dump, "Print each answer's measures (and with --ecbplus each edge)");
  auto ecb = std::make_shared<bool>(false);
  cmd->add_flag("--ecbplus", *ecb, "Also count provenance edges within the stories of ECB+ (../shared/data/ecbplus)");
  auto no_lockstep = std::make_shared<bool>(false);
  cmd->add_flag("--no-lockstep", *no_lockstep, "Leave out the lockstep-rewording evidence (for comparison)");
  cmd->callback([data, dump, ecb, no_lockstep, exit_code] {
    ProvenanceOptions options;
    if (*no_lockstep) options.lockstep_statements = options.lockstep_order = options.strong_lockstep_kept = 1 << 20;
    std::string dir = data->empty() ? SharedData() + "/clough-stevenson-text-reuse/data" : *data;
    auto corpus = LoadCloughStevenson(dir);
    if (!corpus.ok()) {
      *exit_code = Fail(corpus.status());
      return;
    }
    ReuseResult r = ScoreReuse(*corpus, options);
    static const char* const kGrades[] = {"cut", "light", "heavy", "non"};
    auto index = [](const std::string& g) {
      for (int i = 0; i < 4; ++i) {
        if (g == kGrades[i]) return i;
      }
      return 3;
    };
    int confusion[4][4] = {};
    std::vector<bool> pred, gold;
    size_t grade_ok = 0;
    for (size_t i = 0; i < r.predicted.size(); ++i) {
      ++confusion[index(corpus->grade[i])][index(r.predicted[i])];
      grade_ok += corpus->grade[i] == r.predicted[i];
      pred.push_back(r.predicted[i] != "non");
      gold.push_back(corpus->grade[i] != "non");
      if (*dump) {
        const ReuseMeasure& m = r.measures[i];
        std::printf("%s\t%s\t%s\tshingles %.3f\tsentences %.3f (%d/%d)\trun %d\treworded %d\n",
                    corpus->answers[i].id.c_str(), corpus->grade[i].c_str(), r.predicted[i].c_str(),
                    m.shingle_containment, m.sentence_share, m.shared_sentences, m.derived_sentences, m.longest_run,
                    m.reworded);
      }
    }
    BinaryScores b = ScoreBinary(pred, gold);
    std::printf("Clough-Stevenson: %zu answers (%s)\n", r.predicted.size(), dir.c_str());
    std::printf("  reused vs independent        accuracy %.3f  P %.3f R %.3f F1 %.3f\n", b.accuracy, b.precision,
                b.recall, b.f1);
    std::printf("  four-level grade             accuracy %.3f\n", static_cast<double>(grade_ok) /
                static_cast<double>(r.predicted.size()));
    std::printf("  confusion (rows gold, columns predicted)\n  %-8s", "");
    for (const char* g : kGrades) std::printf("%7s", g);
    std::printf("\n");
    for (int i = 0; i < 4; ++i) {
      std::printf("  %-8s", kGrades[i]);
      for (int j = 0; j < 4; ++j) std::printf("%7d", confusion[i][j]);
      std::printf("\n");
    }
    if (*ecb) {
      auto set = LoadEcbPlus(SharedData() + "/ecbplus/ECB+");
      if (!set.ok()) {
        *exit_code = Fail(set.status());
        return;
      }
      StoryEdges e = ProvenanceOnStories(*set, options);
      std::printf("ECB+ stories analysed one by one: %zu stories, %zu articles, %zu article pairs\n", e.stories,
                  e.articles, e.pairs);
      std::printf("  provenance edges %zu (%.2f%% of pairs), articles with a parent %zu (%.1f%%)\n", e.edges,
                  e.pairs ? 100.0 * static_cast<double>(e.edges) / static_cast<double>(e.pairs) : 0.0, e.derived,
                  e.articles ? 100.0 * static_cast<double>(e.derived) / static_cast<double>(e.articles) : 0.0);
      if (*dump) {
        for (const report::Provenance& p : e.found) {
          std::printf("  %s <- %s  %.3f", p.to.c_str(), p.from.c_str(), p.score);
          for (const std::string& x : p.evidence) std::printf("  | %s", x.c_str());
          std::printf("\n");
        }
      }
    }
    *exit_code = kExitOk;
  });
}

}  // namespace rashomon::cli
