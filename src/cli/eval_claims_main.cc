// rashomon eval claims [--from PATH...] [--stories N] [--copies N] [--seed S]
//                      [--write DIR] [--misses N]
// Claim-level quality on outlet copies of real articles with planted,
// recorded differences (eval/claims_gen.h): per-kind conflict recall, false
// conflicts per control story, and the share of sentence versions matched
// across outlets by fact units (eval/claims_eval.h).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/commands.h"
#include "cli/common.h"
#include "eval/claims_eval.h"
#include "eval/claims_gen.h"

namespace rashomon::cli {
namespace {

std::string DefaultSources() { return std::string(RASHOMON_DEFAULT_SHARED_DIR) + "/data/polnear/data/train/text"; }

Status WriteCases(const std::string& dir, const std::vector<ClaimCase>& cases) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(dir + ": " + ec.message());
  std::ofstream articles(dir + "/articles.jsonl"), truth(dir + "/truth.jsonl");
  if (!articles || !truth) return Status::IoError(dir + ": cannot write articles.jsonl and truth.jsonl");
  for (const ClaimCase& c : cases) {
    for (const Article& a : c.articles) {
      nlohmann::json j = {{"id", a.id}, {"source", a.source}, {"title", a.title}, {"text", a.text}};
      if (a.published) j["published"] = *a.published;
      articles << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    nlohmann::json t = {{"story", c.story}, {"control", c.control}, {"articles", nlohmann::json::array()}};
    for (const Article& a : c.articles) t["articles"].push_back(a.id);
    for (const PlantedDifference& d : c.differences) {
      t["differences"].push_back({{"kind", std::string(ClaimKindName(d.kind))},
                                  {"changed_article", d.changed_article},
                                  {"other_articles", d.other_articles},
                                  {"original", d.original},
                                  {"changed", d.changed}});
    }
    truth << t.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return Status::Ok();
}

double Ratio(size_t a, size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }

void PrintScores(const ClaimScores& s, size_t misses) {
  std::printf("  %-12s %8s %6s %7s %11s\n", "kind", "planted", "found", "recall", "right value");
  size_t planted = 0, found = 0;
  for (int k = 0; k < kClaimKinds; ++k) {
    const ClaimKindScore& ks = s.kinds[static_cast<size_t>(k)];
    planted += ks.planted;
    found += ks.found;
    std::printf("  %-12s %8zu %6zu %7.3f %11.3f\n", std::string(ClaimKindName(static_cast<ClaimKind>(k))).c_str(),
                ks.planted, ks.found, Ratio(ks.found, ks.planted), Ratio(ks.found_with_value, ks.planted));
  }
  std::printf("  %-12s %8zu %6zu %7.3f\n", "all", planted, found, Ratio(found, planted));
  std::printf("  false conflicts per control story  %.3f  (%zu in %zu controls)\n",
              Ratio(s.control_conflicts, s.controls), s.control_conflicts, s.controls);
  std::printf("  other conflicts per changed story  %.3f  (%zu in %zu stories)\n",
              Ratio(s.extra_conflicts, s.changed_stories), s.extra_conflicts, s.changed_stories);
  std::printf("  fact match  %.3f  (%zu of %zu sentence versions stated by two or more articles)\n",
              Ratio(s.versions_matched, s.versions), s.versions_matched, s.versions);
  std::printf("  false additions  %.3f  (%zu of %zu such versions listed as what their article adds)\n",
              Ratio(s.versions_added, s.versions), s.versions_added, s.versions);
  for (size_t i = 0; i < s.misses.size() && i < misses; ++i) std::printf("  missed %s\n", s.misses[i].c_str());
}

}  // namespace

void AddEvalClaimsCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::vector<std::string> from;
    std::string write;
    size_t misses = 0;
    ClaimGenOptions gen;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = eval->add_subcommand(
      "claims", "Conflict recall per kind, false conflicts and fact matching on outlet copies with planted differences");
  cmd->add_option("--from", flags->from, "Source articles (default: PolNeAR train texts in ../shared/data)");
  cmd->add_option("--stories", flags->gen.stories, "Stories to make (default 200)");
  cmd->add_option("--copies", flags->gen.copies, "Rewrites per story besides the original (default 3)");
  cmd->add_option("--controls", flags->gen.control_fraction, "Share of stories with no planted difference (0.25)");
  cmd->add_option("--seed", flags->gen.seed, "Random seed (default 1)");
  cmd->add_option("--write", flags->write, "Also write the articles and the planted differences to this folder");
  cmd->add_option("--misses", flags->misses, "Print this many missed differences");
  cmd->callback([flags, &global, exit_code] {
    if (flags->gen.copies < 1 || flags->gen.copies > 20) {
      (void)std::fprintf(stderr, "rashomon: error: --copies must be between 1 and 20\n");
      *exit_code = kExitBadInput;
      return;
    }
    std::vector<std::string> from = flags->from;
    if (from.empty()) from.push_back(DefaultSources());
    Diagnostics diag;
    IngestStats stats;
    std::vector<Article> sources = LoadArticles(from, diag, &stats);
    if (sources.empty()) {
      *exit_code = ExitCodeFor(diag, 0);
      return;
    }
    std::vector<ClaimCase> cases = GenerateClaimCases(sources, flags->gen);
    if (!flags->write.empty()) {
      if (Status s = WriteCases(flags->write, cases); !s.ok()) {
        *exit_code = Fail(s);
        return;
      }
    }
    std::vector<report::Story> stories = AnalyzeClaimCases(cases, AnalysisOptions{}, TextOptions{}, global.threads);
    std::printf("claims: %zu stories (%zu articles each) from %zu source articles, seed %llu\n", cases.size(),
                flags->gen.copies + 1, sources.size(), static_cast<unsigned long long>(flags->gen.seed));
    PrintScores(ScoreClaims(cases, stories), flags->misses);
    *exit_code = kExitOk;
  });
}

}  // namespace rashomon::cli
