// Each subcommand registers itself on the CLI11 app: it parses its flags and
// calls the library. *exit_code receives the command's exit status.
#pragma once

namespace CLI {
class App;
}

namespace rashomon::cli {

struct GlobalFlags;

void AddAnalyzeCommand(CLI::App& app, const GlobalFlags& global, int* exit_code);
void AddStoriesCommand(CLI::App& app, const GlobalFlags& global, int* exit_code);
void AddDedupCommand(CLI::App& app, const GlobalFlags& global, int* exit_code);
void AddGenerateCommand(CLI::App& app, const GlobalFlags& global, int* exit_code);
void AddEvalCommand(CLI::App& app, const GlobalFlags& global, int* exit_code);
void AddIngestCommand(CLI::App& app, const GlobalFlags& global, int* exit_code);
void AddReportCommand(CLI::App& app, const GlobalFlags& global, int* exit_code);
void AddServeCommand(CLI::App& app, const GlobalFlags& global, int* exit_code);
void AddWatchCommand(CLI::App& app, const GlobalFlags& global, int* exit_code);
// Subcommands of `eval` defined in their own files.
void AddEvalQuotesCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code);
void AddEvalParaphraseCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code);
void AddEvalReuseCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code);
void AddEvalClaimsCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code);
void AddEvalNamesCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code);
void AddEvalTranslationsCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code);
void AddExtractCommand(CLI::App& app, const GlobalFlags& global, int* exit_code);
// `eval extract`, registered by AddEvalCommand under its `eval` subcommand.
void AddEvalExtractCommand(CLI::App& eval, const GlobalFlags& global, int* exit_code);

}  // namespace rashomon::cli
