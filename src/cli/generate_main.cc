// rashomon generate --from PATH... --articles N -o DIR [--bytes B] [--seed S]
//                   [--shared-sentences R] [--invented-names S] [--per-day N]
// Writes DIR/articles.jsonl (one article per line) and DIR/gold.jsonl
// ({"article", "story", "kind", "of"}) built by eval/corpus_gen.h from the
// sentences of the given texts (any input format the ingest reads).
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/progress.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "eval/corpus_gen.h"

namespace rashomon::cli {
namespace {

class LineFile {
 public:
  explicit LineFile(const std::string& path) : path_(path), f_(std::fopen(path.c_str(), "wb")) {}
  ~LineFile() {
    if (f_) (void)std::fclose(f_);  // a destructor cannot report it; as before, ignored
  }
  bool ok() const { return f_ != nullptr && !failed_; }
  void Write(const std::string& line) {
    if (!f_) return;
    failed_ |= std::fwrite(line.data(), 1, line.size(), f_) != line.size();
    failed_ |= std::fputc('\n', f_) == EOF;
  }
  Status Close() {
    if (!f_) return Status::IoError(path_ + ": cannot write: " + std::strerror(errno));
    failed_ |= std::fclose(f_) != 0;
    f_ = nullptr;
    return failed_ ? Status::IoError(path_ + ": cannot write: " + std::strerror(errno))
                   : Status::Ok();
  }

 private:
  std::string path_;
  FILE* f_;
  bool failed_ = false;
};

}  // namespace

void AddGenerateCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::vector<std::string> from;
    std::string output;
    CorpusGenOptions options;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Generate a synthetic corpus with planted duplicates and gold stories");
  cmd->add_option("--from", flags->from, "Texts whose sentences are recombined (files or folders)")
      ->required();
  cmd->add_option("-o,--output", flags->output, "Folder for articles.jsonl and gold.jsonl")
      ->required();
  cmd->add_option("--articles", flags->options.articles, "Articles to write")
      ->capture_default_str();
  cmd->add_option("--bytes", flags->options.article_bytes, "Target article length in bytes")
      ->capture_default_str();
  cmd->add_option("--per-story", flags->options.articles_per_story, "Mean articles per story")
      ->capture_default_str();
  cmd->add_option("--seed", flags->options.seed, "Random seed")->capture_default_str();
  cmd->add_option("--shared-sentences", flags->options.shared_sentences,
                  "Give each story its own sentences (names replaced per story) and take this "
                  "share from a stock common to all stories; negative: draw every story from the "
                  "whole bank")
      ->capture_default_str();
  cmd->add_option("--invented-names", flags->options.invented_names,
                  "With --shared-sentences: the share of each story's name words made up for it "
                  "(the rest are the texts' own names, shared across stories)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--per-day", flags->options.articles_per_day,
                  "Publication times: stories start over articles/per-day days, their articles "
                  "within three days of the start (0: no times)")
      ->capture_default_str();
  cmd->add_option("--near-edit", flags->options.near_edit_rate_max,
                  "Near-duplicates edit words at a rate uniform in [0, this]")
      ->capture_default_str();
  cmd->callback([flags, exit_code] {
    Diagnostics diag;
    std::vector<Article> texts = LoadArticles(flags->from, diag);
    std::vector<std::string> sentences;
    for (const Article& a : texts) {
      for (std::string& s : SplitSentences(a.text)) sentences.push_back(std::move(s));
    }
    std::error_code ec;
    std::filesystem::create_directories(flags->output, ec);
    if (ec) {
      *exit_code = Fail(Status::IoError(flags->output + ": cannot create folder: " + ec.message()));
      return;
    }
    LineFile articles(flags->output + "/articles.jsonl");
    LineFile gold(flags->output + "/gold.jsonl");
    Status status =
        GenerateCorpus(sentences, flags->options, [&](const Article& a, const GoldRecord& g) {
          nlohmann::ordered_json aj = {
              {"id", a.id}, {"source", a.source}, {"title", a.title}, {"text", a.text}};
          if (a.published) aj["published"] = *a.published;
          articles.Write(aj.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
          nlohmann::ordered_json gj = {
              {"article", g.article}, {"story", g.story}, {"kind", GenKindName(g.kind)}};
          gj["of"] = g.of.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(g.of);
          gold.Write(gj.dump());
        });
    Status closed_a = articles.Close();
    Status closed_g = gold.Close();
    if (!status.ok()) {
      *exit_code = Fail(status.WithPrefix("generate"));
      return;
    }
    if (!closed_a.ok() || !closed_g.ok()) {
      *exit_code = Fail(closed_a.ok() ? closed_g : closed_a);
      return;
    }
    *exit_code = diag.error_count() > 0 ? kExitBadInput : kExitOk;
  });
}

}  // namespace rashomon::cli
