// Helpers shared by the subcommands: reading inputs, writing outputs, exit
// codes. Exit codes follow DESIGN.md: 0 success, 1 failure while running,
// 2 bad usage or unreadable input (even when other inputs were processed).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/status.h"
#include "ingest/article.h"
#include "ingest/ingest.h"

namespace rashomon::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Flags every subcommand takes.
struct GlobalFlags {
  int threads = 0;
  bool quiet = false;  // no progress bars
};

// Reads articles from `paths`, or from the bundled sample corpus when empty.
std::vector<Article> LoadArticles(const std::vector<std::string>& paths, Diagnostics& diag,
                                  IngestStats* stats = nullptr);

// Writes `content` to `path`, or to stdout when path is empty or "-"
// (cli/output.cc). A regular file (or a link to one) is replaced atomically
// through a uniquely named temporary in its folder, keeping its mode;
// anything else (a device, a FIFO, /dev/stdout) is written directly. No
// other file is created or removed.
Status WriteOutput(const std::string& path, const std::string& content);

// article id -> story, from JSON Lines {"article": ..., "story": ...} (a
// gold file or a `stories` output); ids that are not strings are taken as
// their JSON text. A line of another shape is an error naming the file and line.
Result<std::map<std::string, std::string>> ReadAssignment(const std::string& path);

// Prints "rashomon: error: ..." for a status and returns its exit code.
int Fail(const Status& status);

// Exit code after a run: 2 if any input was rejected or nothing was read.
int ExitCodeFor(const Diagnostics& diag, size_t articles_read);

// The end of every reading command: writes `content` to `output` (stdout
// when empty), says so when nothing could be read, and returns the exit code.
int FinishRun(const std::string& output, const std::string& content, Diagnostics& diag,
              size_t articles_read);

bool StdoutIsTerminal();
int TerminalWidth();

}  // namespace rashomon::cli
