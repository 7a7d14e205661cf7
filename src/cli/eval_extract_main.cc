// rashomon eval extract [--data DIR] [--dataset trafilatura|readability|all] [--details]
// Main-text extraction quality on ../shared/data (see eval/extraction.h).
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/commands.h"
#include "cli/common.h"
#include "eval/extraction.h"

namespace rashomon::cli {
namespace {

std::string DataDir(const std::string& data) {
  if (!data.empty()) return data;
#ifdef RASHOMON_DEFAULT_SHARED_DIR
  return std::string(RASHOMON_DEFAULT_SHARED_DIR) + "/data";
#else
  return "../shared/data";
#endif
}

double Pct(size_t a, size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0; }

}  // namespace

void AddEvalExtractCommand(CLI::App& eval, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::string data;
    std::string dataset = "all";
    bool details = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = eval.add_subcommand("extract", "HTML main-text extraction: snippet and shingle scores, metadata");
  cmd->add_option("--data", flags->data, "Folder holding the data sets (default: ../shared/data)");
  cmd->add_option("--dataset", flags->dataset, "trafilatura, readability or all")->capture_default_str();
  cmd->add_flag("--details", flags->details, "Missed and wrongly kept snippets, per-page figures");
  cmd->callback([flags, exit_code] {
    std::string root = DataDir(flags->data);
    bool all = flags->dataset == "all";
    if (!all && flags->dataset != "trafilatura" && flags->dataset != "readability") {
      *exit_code = Fail(Status::InvalidArgument("--dataset: expected trafilatura, readability or all"));
      return;
    }
    if (all || flags->dataset == "trafilatura") {
      auto s = EvalTrafilatura(root + "/trafilatura-eval");
      if (!s.ok()) {
        *exit_code = Fail(s.status());
        return;
      }
      if (flags->details) {
        for (const std::string& e : s->errors) std::printf("  %s\n", e.c_str());
      }
      std::printf("trafilatura-eval: %zu pages (%zu missing, %zu without text)\n", s->pages, s->missing_files,
                  s->failed_pages);
      std::printf("  snippets TP %zu FN %zu FP %zu TN %zu\n", s->tp, s->fn, s->fp, s->tn);
      std::printf("  precision %.3f recall %.3f F1 %.3f accuracy %.3f\n", s->precision(), s->recall(), s->f1(),
                  s->accuracy());
    }
    if (all || flags->dataset == "readability") {
      auto r = EvalReadabilityPages(root + "/mozilla-readability-test-pages");
      if (!r.ok()) {
        *exit_code = Fail(r.status());
        return;
      }
      if (flags->details) {
        for (const auto& p : r->details) {
          std::printf("  %-40s P %.3f R %.3f title %s byline %s date %s\n", p.name.c_str(), p.precision, p.recall,
                      p.title_ok ? "ok" : "--", p.byline_ok ? "ok" : "--", p.date_ok ? "ok" : "--");
        }
      }
      std::printf("readability test pages: %zu pages (%zu without text)\n", r->pages, r->failed_pages);
      std::printf("  shingle precision %.3f recall %.3f F1 %.3f\n", r->precision, r->recall, r->f1());
      std::printf("  title %zu/%zu (%.1f%%)  byline %zu/%zu (%.1f%%)  published %zu/%zu (%.1f%%)\n", r->title_right,
                  r->title_total, Pct(r->title_right, r->title_total), r->byline_right, r->byline_total,
                  Pct(r->byline_right, r->byline_total), r->date_right, r->date_total,
                  Pct(r->date_right, r->date_total));
    }
    *exit_code = kExitOk;
  });
}

}  // namespace rashomon::cli
