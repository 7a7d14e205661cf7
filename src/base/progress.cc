#include "base/progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "base/strings.h"

namespace rashomon {
namespace {

std::mutex& StderrMutex() {
  static std::mutex m;
  return m;
}
// The bar currently on screen (its text), empty when none. Guarded by StderrMutex.
std::string& ActiveBar() {
  static std::string bar;
  return bar;
}

}  // namespace

bool StderrIsTerminal() {
  static const bool tty = ::isatty(STDERR_FILENO) && std::getenv("RASHOMON_NO_PROGRESS") == nullptr;
  return tty;
}

void PrintStderrLine(std::string_view raw) {
  // One line, whatever the names and texts quoted in it hold.
  const std::string line = EscapeForMessage(raw);
  std::lock_guard<std::mutex> lock(StderrMutex());
  std::string& bar = ActiveBar();
  if (!bar.empty()) (void)std::fputs("\r\033[K", stderr);
  (void)std::fwrite(line.data(), 1, line.size(), stderr);
  (void)std::fputc('\n', stderr);
  if (!bar.empty()) (void)std::fputs(bar.c_str(), stderr);
  (void)std::fflush(stderr);
}

Progress::Progress(std::string label, uint64_t total, bool enabled,
                   std::chrono::milliseconds delay)
    : label_(std::move(label)),
      total_(total),
      enabled_(enabled && StderrIsTerminal()),
      start_(std::chrono::steady_clock::now()),
      delay_(delay) {}

Progress::~Progress() { Finish(); }

void Progress::SetTotal(uint64_t total) { total_ = total; }

void Progress::Add(uint64_t n) {
  done_.fetch_add(n, std::memory_order_relaxed);
  if (enabled_) MaybeDraw(false);
}

void Progress::MaybeDraw(bool force) {
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < delay_) return;
  int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now - start_).count();
  int64_t last = last_draw_ns_.load(std::memory_order_relaxed);
  if (!force && now_ns - last < 100'000'000) return;  // 10 redraws a second at most
  if (!last_draw_ns_.compare_exchange_strong(last, now_ns)) return;

  uint64_t done = done_.load(std::memory_order_relaxed);
  uint64_t total = total_.load(std::memory_order_relaxed);
  double secs = static_cast<double>(now_ns) / 1e9;
  char buf[256];
  if (total > 0) {
    const int width = 28;
    double frac = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    int filled = static_cast<int>(frac * width);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(width - filled), '-');
    (void)std::snprintf(buf, sizeof buf, "%s [%s] %llu/%llu %3.0f%% %.1fs", label_.c_str(), bar.c_str(),
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                  frac * 100, secs);
  } else {
    (void)std::snprintf(buf, sizeof buf, "%s %llu %.1fs", label_.c_str(),
                  static_cast<unsigned long long>(done), secs);
  }
  std::lock_guard<std::mutex> lock(StderrMutex());
  if (finished_) return;
  ActiveBar() = buf;
  (void)std::fputs("\r\033[K", stderr);
  (void)std::fputs(buf, stderr);
  (void)std::fflush(stderr);
}

void Progress::Finish() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(StderrMutex());
  if (finished_) return;
  finished_ = true;
  if (!ActiveBar().empty()) {
    // Best effort on a terminal: nothing to do if stderr fails.
    (void)std::fputs("\r\033[K", stderr);
    (void)std::fflush(stderr);
    ActiveBar().clear();
  }
}

}  // namespace rashomon
