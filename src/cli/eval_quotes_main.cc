// rashomon eval quotes [--data DIR] [--split dev|train]: quote and speaker
// extraction scored against PolNeAR's attribution annotations.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>

#include "analysis/quotes.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "eval/datasets.h"
#include "eval/metrics.h"
#include "text/document.h"

namespace rashomon::cli {
namespace {

uint32_t Overlap(Span a, uint32_t b, uint32_t e) {
  uint32_t lo = std::max(a.begin, b), hi = std::min(a.end, e);
  return hi > lo ? hi - lo : 0;
}

struct Counts {
  size_t predicted = 0, gold = 0, matched = 0;
  size_t predicted_speakers = 0, gold_speakers = 0, correct_speakers = 0;
};

void PrintPrf(const char* what, size_t tp, size_t predicted, size_t gold) {
  double p = predicted ? static_cast<double>(tp) / static_cast<double>(predicted) : 0;
  double r = gold ? static_cast<double>(tp) / static_cast<double>(gold) : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  std::printf("  %-34s P %.3f  R %.3f  F1 %.3f   (%zu of %zu predicted, %zu gold)\n", what, p, r, f, tp, predicted, gold);
}

}  // namespace

Counts ScorePolnear(const std::vector<PolnearArticle>& set) {
  Counts c;
  for (const PolnearArticle& pa : set) {
    Document doc = BuildDocument(pa.article, nullptr);
    std::vector<ExtractedQuote> quotes = ExtractQuotes(doc);
    std::vector<const GoldAttribution*> gold;
    for (const GoldAttribution& g : pa.attributions) {
      if (g.direct) gold.push_back(&g);
    }
    c.predicted += quotes.size();
    c.gold += gold.size();
    for (const GoldAttribution* g : gold) c.gold_speakers += !g->source.empty();
    std::vector<bool> used(gold.size(), false);
    for (const ExtractedQuote& q : quotes) {
      uint32_t rb = doc.to_raw.ToRaw(q.begin), re = doc.to_raw.ToRaw(q.end);
      bool has_speaker = q.speaker_end > q.speaker_begin;
      c.predicted_speakers += has_speaker;
      for (size_t k = 0; k < gold.size(); ++k) {
        if (used[k]) continue;
        // The quoted words lie mostly inside the annotated content.
        uint32_t ov = Overlap(gold[k]->content, rb, re);
        if (re <= rb || ov * 2 < re - rb) continue;
        used[k] = true;
        ++c.matched;
        if (has_speaker && !gold[k]->source.empty()) {
          uint32_t sb = doc.to_raw.ToRaw(q.speaker_begin), se = doc.to_raw.ToRaw(q.speaker_end);
          if (Overlap(gold[k]->source, sb, se) > 0) ++c.correct_speakers;
        }
        break;
      }
    }
  }
  return c;
}

void AddEvalQuotesCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::string data;
    std::string split = "dev";
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = eval->add_subcommand("quotes", "Direct quotes and their speakers against PolNeAR");
  cmd->add_option("--data", flags->data, "PolNeAR data folder (default: ../shared/data/polnear/data)");
  cmd->add_option("--split", flags->split, "dev or train")->capture_default_str();
  cmd->callback([flags, exit_code] {
    std::string dir = flags->data.empty() ? std::string(RASHOMON_DEFAULT_SHARED_DIR) + "/data/polnear/data" : flags->data;
    auto set = LoadPolnear(dir, flags->split);
    if (!set.ok()) {
      *exit_code = Fail(set.status());
      return;
    }
    Counts c = ScorePolnear(*set);
    std::printf("PolNeAR %s: %zu articles, %zu direct-quote attributions (%s)\n", flags->split.c_str(), set->size(),
                c.gold, dir.c_str());
    PrintPrf("direct quote content spans", c.matched, c.predicted, c.gold);
    PrintPrf("speakers of direct quotes", c.correct_speakers, c.predicted_speakers, c.gold_speakers);
    *exit_code = kExitOk;
  });
}

}  // namespace rashomon::cli
