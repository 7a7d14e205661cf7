// rashomon: multi-source news analysis. The binary is a thin dispatcher; each
// subcommand lives in its own *_main.cc and calls the library.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "base/progress.h"
#include "cli/commands.h"
#include "cli/common.h"

int main(int argc, char** argv) {
  using namespace rashomon::cli;
  CLI::App app{"rashomon: find the stories in a pile of news articles and compare how each source tells them"};
  app.set_version_flag("--version", "rashomon 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();
  GlobalFlags global;
  app.add_option("--threads", global.threads, "Worker threads (default: all cores)");
  app.add_flag("--quiet,-q", global.quiet, "No progress bars");
  int exit_code = kExitOk;
  AddAnalyzeCommand(app, global, &exit_code);
  AddStoriesCommand(app, global, &exit_code);
  AddDedupCommand(app, global, &exit_code);
  AddGenerateCommand(app, global, &exit_code);
  AddExtractCommand(app, global, &exit_code);
  AddEvalCommand(app, global, &exit_code);
  AddIngestCommand(app, global, &exit_code);
  AddReportCommand(app, global, &exit_code);
  AddServeCommand(app, global, &exit_code);
  AddWatchCommand(app, global, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  } catch (const std::exception& e) {
    rashomon::PrintStderrLine(std::string("rashomon: error: ") + e.what());
    return kExitFailure;
  }
  return exit_code;
}
