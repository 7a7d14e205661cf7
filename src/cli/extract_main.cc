// rashomon extract PATH...   JSON Lines, one per page or article:
//   {"id", "url", "title", "byline", "published", "site", "lang", "text"}
// HTML pages go through the main-text extractor; other formats are passed
// through as read, so the command also shows what ingest makes of any input.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "base/progress.h"
#include "base/time.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace rashomon::cli {

void AddExtractCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::vector<std::string> paths;
    std::string output;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("extract", "Extract article text and metadata from pages (JSON Lines)");
  cmd->add_option("paths", flags->paths, "HTML files, other inputs or folders")->required();
  cmd->add_option("-o,--output", flags->output, "Write to FILE instead of standard output");
  cmd->callback([flags, exit_code] {
    Diagnostics diag;
    std::vector<Article> articles = LoadArticles(flags->paths, diag);
    std::string out;
    for (const Article& a : articles) {
      nlohmann::ordered_json line;
      line["id"] = a.id;
      line["url"] = a.url;
      line["title"] = a.title;
      line["byline"] = a.byline;
      line["published"] = a.published ? nlohmann::ordered_json(FormatIso8601(*a.published)) : nullptr;
      line["site"] = a.source;
      line["lang"] = a.lang;
      line["text"] = a.text;
      out += line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      out += '\n';
    }
    *exit_code = FinishRun(flags->output, out, diag, articles.size());
  });
}

}  // namespace rashomon::cli
