// A progress bar on stderr for long runs, silent when stderr is not a
// terminal. Thread-safe: many workers may call Add() at once.
//
// Diagnostics and other stderr output should go through PrintStderrLine(),
// which clears an active bar before the line and redraws it after.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace rashomon {

class Progress {
 public:
  // total == 0 means unknown (a counter is shown instead of a bar). The bar
  // appears only after `delay` so short runs print nothing.
  Progress(std::string label, uint64_t total, bool enabled = true,
           std::chrono::milliseconds delay = std::chrono::milliseconds(400));
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Add(uint64_t n = 1);
  void SetTotal(uint64_t total);
  // Clears the bar for good.
  void Finish();

 private:
  void MaybeDraw(bool force);

  std::string label_;
  std::atomic<uint64_t> done_{0};
  std::atomic<uint64_t> total_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::milliseconds delay_;
  std::atomic<int64_t> last_draw_ns_{0};
  bool finished_ = false;
};

// True if stderr is a terminal (cached) and RASHOMON_NO_PROGRESS is unset.
bool StderrIsTerminal();

// Writes `line` plus a newline to stderr without garbling an active bar.
// Control characters and the like in it are escaped (EscapeForMessage), so
// it stays one line and cannot act on the terminal.
void PrintStderrLine(std::string_view line);

}  // namespace rashomon
