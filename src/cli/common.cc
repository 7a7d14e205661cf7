#include "cli/common.h"

#include <nlohmann/json.hpp>

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/progress.h"
#include "base/stream.h"
#include "base/strings.h"
#include "cli/sample_corpus.h"

namespace rashomon::cli {

std::vector<Article> LoadArticles(const std::vector<std::string>& paths, Diagnostics& diag,
                                  IngestStats* stats_out) {
  ArticleCollector collector(&diag);
  IngestStats stats;
  IngestOptions options;
  if (paths.empty()) {
    for (const EmbeddedFile& f : SampleCorpus()) {
      IngestBytes(std::string("sample/") + f.path, f.data, options, diag, collector.AsSink(), &stats);
    }
  } else {
    stats = IngestPaths(paths, options, diag, collector.AsSink());
  }
  if (stats_out) *stats_out = stats;
  return std::move(collector.articles());
}

int Fail(const Status& status) {
  PrintStderrLine("rashomon: error: " + status.message());
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kInvalidInput:
    case StatusCode::kNotFound:
    case StatusCode::kUnsupported:
    case StatusCode::kCorruption:
    case StatusCode::kBusy:
      return kExitBadInput;
    default:
      return kExitFailure;
  }
}

int ExitCodeFor(const Diagnostics& diag, size_t articles_read) {
  if (diag.error_count() > 0 || articles_read == 0) return kExitBadInput;
  return kExitOk;
}

int FinishRun(const std::string& output, const std::string& content, Diagnostics& diag,
              size_t articles_read) {
  diag.Summarize();
  Status written = WriteOutput(output, content);
  if (!written.ok()) return Fail(written);
  if (articles_read == 0) PrintStderrLine("rashomon: error: no articles could be read");
  return ExitCodeFor(diag, articles_read);
}

bool StdoutIsTerminal() { return ::isatty(STDOUT_FILENO) != 0; }

int TerminalWidth() {
  if (const char* cols = std::getenv("COLUMNS")) {
    long c = std::strtol(cols, nullptr, 10);  // not a number: 0, ignored
    if (c >= 40) return static_cast<int>(std::min(c, 160L));
  }
  struct winsize ws;
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return std::min<int>(ws.ws_col, 160);
  return 100;
}

Result<std::map<std::string, std::string>> ReadAssignment(const std::string& path) {
  ASSIGN_OR_RETURN(auto in, OpenInput(path));
  auto all = ReadAll(*in, 1u << 30);
  if (!all.ok()) return all.status().WithPrefix(path);
  std::map<std::string, std::string> out;
  size_t line_no = 0;
  for (std::string_view line : SplitLines(*all)) {
    ++line_no;
    if (TrimAscii(line).empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("article") || !j.contains("story")) {
      return Status::InvalidInput(path + ":" + std::to_string(line_no) + ": expected {\"article\": ..., \"story\": ...}");
    }
    auto str = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
    out[str(j["article"])] = str(j["story"]);
  }
  return out;
}

}  // namespace rashomon::cli
