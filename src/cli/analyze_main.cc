// rashomon analyze [PATH...] [--format text|json|md|html] [-o FILE]
#include <CLI/CLI.hpp>

#include <cstdlib>

#include "base/progress.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "pipeline/pipeline.h"
#include "report/writer.h"
#include "serve/html_app.h"
#include "text/language.h"

namespace rashomon::cli {

void AddAnalyzeCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string output;
    bool all = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("analyze", "Find stories in articles and report on each (default: the bundled sample)");
  cmd->add_option("paths", flags->paths, "Files or folders: .txt .md .jsonl .html .warc, optionally .gz/.zst");
  cmd->add_option("--format,-f", flags->format, "Output format: text, json, md, html")->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "Write the report to FILE instead of standard output");
  cmd->add_flag("--all", flags->all, "Show every item of every list (text and md cut long lists short)");
  cmd->callback([flags, &global, exit_code] {
    auto format = report::ParseFormat(flags->format);
    if (!format.ok()) {
      *exit_code = Fail(format.status());
      return;
    }
    Diagnostics diag;
    IngestStats stats;
    std::vector<Article> articles = LoadArticles(flags->paths, diag, &stats);
    PipelineOptions options;
    options.threads = global.threads;
    options.progress = !global.quiet;
    report::Report rep = RunPipeline(articles, options);
    rep.inputs_failed = stats.failed_inputs;
    // An article in no supported language or script is analysed all the
    // same (no stemming, no stopwords); the reader is told which.
    for (const report::Story& s : rep.stories) {
      for (const report::ArticleRef& a : s.articles) {
        if (a.language != kUnknownLanguage) continue;
        diag.RepeatedWarning("articles in an unknown language", a.id,
                             "language not identified (unsupported language or script): analysed without "
                             "stemming or stopwords");
      }
    }
    report::TextStyle style;
    bool to_terminal = flags->output.empty() && StdoutIsTerminal();
    style.color = to_terminal && std::getenv("NO_COLOR") == nullptr;
    style.width = to_terminal ? TerminalWidth() : 100;
    style.all = flags->all;
    // HTML is the web UI's story views in one file, which needs the article
    // texts as well as the report.
    std::string content = *format == report::Format::kHtml ? serve::WriteAppHtml(rep, articles)
                                                           : report::Write(rep, *format, style);
    *exit_code = FinishRun(flags->output, content, diag, articles.size());
  });
}

}  // namespace rashomon::cli
