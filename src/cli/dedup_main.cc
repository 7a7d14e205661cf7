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
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/hash.h"
#include "base/progress.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "sketch/dedup.h"

namespace rashomon::cli {

void AddDedupCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::vector<std::string> paths;
    std::string output;
    double threshold = 0.8;
    int shingle_words = 5;
    int values = DedupOptions{}.minhash.num_values;
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
    options.threads = global.threads;
    DedupStream stream(options);
    std::vector<std::string> ids;
    std::unordered_map<std::string, uint64_t> content_of;  // id -> hash of title and text
    std::unordered_map<std::string, int> next_suffix;  // id -> the next n to try for "id#n"
    // Reading and signing overlap: while one batch is signed and indexed
    // on a worker, the next is read (unless --threads 1). A batch's texts
    // are copied end to end into one buffer, reused from batch to batch, so
    // reading allocates nothing per article.
    struct Batch {
      std::string bytes;
      std::vector<std::pair<size_t, size_t>> spans;  // (offset, size) in bytes
      void Clear() {
        bytes.clear();
        spans.clear();
      }
    };
    Batch batch, in_flight;
    std::future<void> pending;
    const bool overlap = global.threads != 1;
    auto flush = [&] {
      if (pending.valid()) pending.get();
      std::swap(in_flight, batch);
      batch.Clear();
      if (in_flight.spans.empty()) return;
      auto add = [&stream, &in_flight] {
        std::vector<std::string_view> views;
        views.reserve(in_flight.spans.size());
        for (const auto& [offset, size] : in_flight.spans) {
          views.emplace_back(in_flight.bytes.data() + offset, size);
        }
        stream.AddBatch(views);
      };
      if (overlap) {
        pending = std::async(std::launch::async, add);
      } else {
        add();
      }
    };
    ArticleRefSink sink = [&](const ArticleRef& a) {
      // Same rules as ArticleCollector: a repeated id with the same content is
      // skipped, with different content it is renamed id#2, id#3, ...
      uint64_t content = HashCombine(Hash64(a.title), Hash64(a.text));
      auto [it, inserted] = content_of.emplace(a.id, content);
      std::string id(a.id);
      if (!inserted) {
        const std::string origin(a.origin);
        if (it->second == content) {
          diag.RepeatedWarning("articles already read", origin, "article '" + id + "' already read; skipped",
                               a.origin_line);
          return;
        }
        int& next = next_suffix[id];  // as ArticleCollector: no rescan from #2
        for (int n = std::max(next, 2);; ++n) {
          std::string renamed = id + "#" + std::to_string(n);
          if (content_of.emplace(renamed, content).second) {
            next = n + 1;
            diag.RepeatedWarning("duplicate ids", origin,
                                 "duplicate article id '" + id + "' renamed '" + renamed + "'", a.origin_line);
            id = std::move(renamed);
            break;
          }
        }
      }
      ids.push_back(std::move(id));
      const std::string_view text = a.text.empty() ? a.title : a.text;
      batch.spans.emplace_back(batch.bytes.size(), text.size());
      batch.bytes.append(text);
      if (batch.spans.size() >= 4096) flush();
    };
    IngestPathsRefs(flags->paths, IngestOptions{}, diag, sink);
    flush();
    if (pending.valid()) pending.get();
    std::vector<DedupGroup> groups = stream.Groups();
    std::string out;
    int number = 0;
    for (const DedupGroup& g : groups) {
      nlohmann::ordered_json line;
      line["group"] = ++number;
      nlohmann::ordered_json members = nlohmann::ordered_json::array();
      for (const DedupMember& m : g.members) {
        nlohmann::ordered_json member;
        member["id"] = ids[m.index];
        member["similarity"] =
            std::round(m.similarity * 1e4) / 1e4;  // 4 digits: the estimate is no finer
        members.push_back(std::move(member));
      }
      line["articles"] = std::move(members);
      out += line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      out += '\n';
    }
    *exit_code = FinishRun(flags->output, out, diag, ids.size());
  });
}

}  // namespace rashomon::cli
