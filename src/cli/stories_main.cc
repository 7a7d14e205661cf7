// rashomon stories PATH...   JSON Lines: {"article": ID, "story": SID}
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "pipeline/pipeline.h"
#include "base/progress.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace rashomon::cli {

void AddStoriesCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::vector<std::string> paths;
    std::string output;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("stories", "Assign each article to a story (JSON Lines)");
  cmd->add_option("paths", flags->paths, "Files or folders")->required();
  cmd->add_option("-o,--output", flags->output, "Write to FILE instead of standard output");
  cmd->callback([flags, &global, exit_code] {
    Diagnostics diag;
    std::vector<Article> articles = LoadArticles(flags->paths, diag);
    PipelineOptions options;
    options.threads = global.threads;
    options.progress = !global.quiet;
    StoryAssignment assignment = AssignStories(articles, options);
    std::string out;
    for (size_t i = 0; i < articles.size(); ++i) {
      nlohmann::ordered_json line;
      line["article"] = articles[i].id;
      line["story"] = assignment.ids[assignment.story_of[i]];
      out += line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      out += '\n';
    }
    *exit_code = FinishRun(flags->output, out, diag, articles.size());
  });
}

}  // namespace rashomon::cli
