// rashomon dedup PATH... [--threshold 0.8] [-o FILE]
// JSON Lines, one per group of >= 2 near-duplicate articles:
//   {"group": N, "articles": [{"id": ID, "similarity": S}, ...]}
// N counts from 1; articles are in input order, the first is the group's
// reference, and S is each member's estimated Jaccard (MinHash over 5-word
// shingles) to it. Articles are compared on their body, or their title when
// the body is empty. Articles are read and signed in batches and not kept,
// so memory grows with the index (under 1 KB per article), not the text.
#include <CLI/CLI.hpp>
#include <cmath>
#include <future>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "base/parallel.h"
#include "base/progress.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "pipeline/dedup_paths.h"

namespace rashomon::cli {
namespace {

// The lines of groups [begin, end), numbered from begin + 1.
std::string FormatGroupRange(const std::vector<std::string>& ids, const std::vector<DedupGroup>& groups,
                             size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    nlohmann::ordered_json line;
    line["group"] = i + 1;
    nlohmann::ordered_json members = nlohmann::ordered_json::array();
    for (const DedupMember& m : groups[i].members) {
      nlohmann::ordered_json member;
      member["id"] = ids[m.index];
      member["similarity"] = std::round(m.similarity * 1e4) / 1e4;  // 4 digits: the estimate is no finer
      members.push_back(std::move(member));
    }
    line["articles"] = std::move(members);
    out += line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

// Every group's line; the second half formatted on another thread when
// there are threads and groups enough (the run's last step, else on one core).
std::string FormatGroups(const std::vector<std::string>& ids, const std::vector<DedupGroup>& groups,
                         int threads) {
  constexpr size_t kMinGroupsToSplit = 256;
  if (threads == 1 || (threads == 0 && DefaultThreadCount() == 1) || groups.size() < kMinGroupsToSplit) {
    return FormatGroupRange(ids, groups, 0, groups.size());
  }
  const size_t half = groups.size() / 2;
  std::future<std::string> second =
      std::async(std::launch::async, [&] { return FormatGroupRange(ids, groups, half, groups.size()); });
  std::string out = FormatGroupRange(ids, groups, 0, half);
  out += second.get();
  return out;
}

}  // namespace

void AddDedupCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::vector<std::string> paths;
    std::string output;
    double threshold = 0.8;
    int shingle_words = 5;
    int values = DedupOptions{}.minhash.num_values;
    int signature_bits = 0;
    int bands = 0;
    int rows = 0;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd =
      app.add_subcommand("dedup", "Find groups of near-duplicate articles (JSON Lines)");
  cmd->add_option("paths", flags->paths, "Files or folders")->required();
  cmd->add_option("--threshold", flags->threshold,
                  "Estimated Jaccard similarity of 5-word shingles (0..1]")
      ->capture_default_str();
  cmd->add_option("--shingle", flags->shingle_words, "Words per shingle")->capture_default_str();
  cmd->add_option("--values", flags->values,
                  "MinHash values per signature (bands use the first 128; more values estimate more precisely)")
      ->capture_default_str();
  cmd->add_option("--signature-bits", flags->signature_bits,
                  "Bits of each value the index keeps to verify pairs: 1, 2, 4, 8 or 16 (0: 8 at 256 "
                  "values, 16 at 128); 4 halves the index's fingerprints")
      ->check(CLI::IsMember({0, 1, 2, 4, 8, 16}))
      ->capture_default_str();
  cmd->add_option("--bands", flags->bands,
                  "LSH bands, with --rows (0: chosen for the threshold, 21 x 6 at 0.8); fewer bands "
                  "take less memory (--signature-bits 2 --bands 10 --rows 4: about 250 bytes per article)")
      ->capture_default_str();
  cmd->add_option("--rows", flags->rows, "Values per LSH band, with --bands")->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "Write to FILE instead of standard output");
  cmd->callback([flags, &global, exit_code] {
    if (!(flags->threshold > 0.0 && flags->threshold <= 1.0)) {
      *exit_code = Fail(Status::InvalidArgument("--threshold must be in (0, 1], got " +
                                                std::to_string(flags->threshold)));
      return;
    }
    if (flags->shingle_words < 1 || flags->shingle_words > 64) {
      *exit_code = Fail(Status::InvalidArgument("--shingle must be between 1 and 64"));
      return;
    }
    if (flags->values < 16 || flags->values > 4096) {
      *exit_code = Fail(Status::InvalidArgument("--values must be between 16 and 4096"));
      return;
    }
    // Articles stream through: only ids and the index stay in memory.
    Diagnostics diag;
    DedupOptions options;
    options.lsh.threshold = flags->threshold;
    options.shingle.shingle_words = flags->shingle_words;
    options.minhash.num_values = flags->values;
    options.lsh.fingerprint_bits = flags->signature_bits;
    if ((flags->bands > 0) != (flags->rows > 0) || flags->bands < 0 || flags->rows < 0 ||
        static_cast<long>(flags->bands) * flags->rows > flags->values) {
      *exit_code = Fail(Status::InvalidArgument("--bands and --rows go together, and bands x rows must not exceed --values"));
      return;
    }
    options.lsh.bands = flags->bands;
    options.lsh.rows = flags->rows;
    options.threads = global.threads;
    DedupPathsResult result = DedupPaths(flags->paths, options, diag);
    const std::vector<std::string>& ids = result.ids;
    const std::vector<DedupGroup>& groups = result.groups;
    const std::string out = FormatGroups(ids, groups, global.threads);
    *exit_code = FinishRun(flags->output, out, diag, ids.size());
  });
}

}  // namespace rashomon::cli
