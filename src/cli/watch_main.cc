// rashomon watch --db FILE [--once] [SOURCE...]
//
// SOURCE: a feed URL (http or https) or an OPML file listing feed URLs;
// none: the feeds the database already lists. Polls every feed on its own
// schedule (feeds/watch.h) until interrupted, or one round with --once.
// Feed problems are one line each naming the feed (exit 2 after --once);
// store problems end the command (exit 2).
#include <signal.h>

#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <thread>

#include "base/progress.h"
#include "base/stream.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "feeds/watch.h"

namespace rashomon::cli {
namespace {

std::atomic<feeds::Watcher*> g_watcher{nullptr};

void OnSignal(int) {
  if (feeds::Watcher* w = g_watcher.load()) w->Stop();
}

bool IsUrl(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

// Feed URLs from the sources: URLs as given, OPML files read. A source
// that is neither is an error naming it.
std::vector<std::string> FeedUrls(const std::vector<std::string>& sources, Diagnostics& diag) {
  std::vector<std::string> urls;
  for (const std::string& source : sources) {
    if (IsUrl(source)) {
      urls.push_back(source);
      continue;
    }
    auto in = OpenInput(source);
    if (!in.ok()) {
      diag.Error(source, "cannot read: " + in.status().message());
      continue;
    }
    auto bytes = ReadAll(**in, FeedOptions().max_feed_bytes);
    if (!bytes.ok()) {
      diag.Error(source, "cannot read: " + bytes.status().message());
      continue;
    }
    auto list = ParseFeed(*bytes, {});
    if (!list.ok()) {
      diag.Error(source, list.status().message());
      continue;
    }
    if (list->kind != FeedKind::kOpml) {
      diag.Error(source, "a feed file, not an OPML list; give feed URLs (rashomon ingest reads feed files)");
      continue;
    }
    size_t taken = 0;
    for (std::string& url : list->subscriptions) {
      if (IsUrl(url)) {
        urls.push_back(std::move(url));
        ++taken;
      }
    }
    if (taken < list->subscriptions.size()) {
      diag.Warning(source, std::to_string(list->subscriptions.size() - taken) + " outlines without an http(s) feed URL");
    }
  }
  std::sort(urls.begin(), urls.end());
  urls.erase(std::unique(urls.begin(), urls.end()), urls.end());
  return urls;
}

}  // namespace

void AddWatchCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::string db;
    std::vector<std::string> sources;
    bool once = false;
    bool verbose = false;
    bool no_pages = false;
    int64_t interval = feeds::WatchOptions().interval_s;
    int64_t delay_ms = feeds::WatchOptions().host_delay_ms;
    double timeout = 30;
    size_t max_mib = 16;
    int connections = feeds::WatchOptions().connections;
    int64_t revisit = feeds::WatchOptions().revisit_s;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("watch", "Poll feeds into a database; stories form as items arrive");
  cmd->add_option("--db", flags->db, "SQLite database (created if missing)")->required();
  cmd->add_option("sources", flags->sources, "Feed URLs or OPML files (default: the feeds the database lists)");
  cmd->add_flag("--once", flags->once, "Poll the due feeds once and exit (for cron)");
  cmd->add_flag("-v,--verbose", flags->verbose, "A line per feed polled, not only per problem");
  cmd->add_flag("--no-pages", flags->no_pages, "Never fetch an item's page, even when the feed has only a summary");
  cmd->add_option("--interval", flags->interval, "Seconds between two polls of a feed")->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--delay", flags->delay_ms, "Milliseconds between two requests to one host")->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--timeout", flags->timeout, "Seconds a request may take")->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-size", flags->max_mib, "Largest feed or page read, in MiB")->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--revisit", flags->revisit,
                  "Seconds before an item's page is fetched again to see whether it changed (0: every round, "
                  "-1: never)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{-1}, INT64_MAX));
  cmd->add_option("--connections", flags->connections, "Hosts polled at once")->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->callback([flags, &global, exit_code] {
    Diagnostics diag;
    std::vector<std::string> urls = FeedUrls(flags->sources, diag);
    store::StoreOptions store_options;
    store_options.pipeline.threads = global.threads;
    store_options.pipeline.progress = false;
    auto opened = store::Store::Open(flags->db, store_options);
    if (!opened.ok()) {
      Fail(opened.status());
      *exit_code = kExitBadInput;
      return;
    }
    feeds::WatchOptions options;
    options.interval_s = flags->interval;
    options.host_delay_ms = flags->delay_ms;
    options.fetch.timeout_ms = static_cast<long>(flags->timeout * 1000);
    options.fetch.connect_timeout_ms = std::min(options.fetch.timeout_ms, 10000L);
    options.fetch.max_bytes = flags->max_mib << 20;
    options.feed.max_feed_bytes = options.fetch.max_bytes;
    options.connections = flags->connections;
    options.verbose = flags->verbose;
    options.revisit_s = flags->revisit;
    if (flags->no_pages) options.page_below_bytes = 0;
    feeds::Watcher watcher(opened->get(), options, &diag);
    if (Status s = watcher.AddFeeds(urls); !s.ok()) {
      Fail(s);
      *exit_code = kExitBadInput;
      return;
    }
    if (flags->sources.empty()) {
      auto listed = watcher.Feeds();
      if (!listed.ok()) {
        Fail(listed.status());
      *exit_code = kExitBadInput;
        return;
      }
      urls = std::move(*listed);
    }
    if (urls.empty()) {
      diag.Error(flags->db, "no feeds to watch: give feed URLs or an OPML file");
      *exit_code = kExitBadInput;
      return;
    }
    g_watcher.store(&watcher);
    struct sigaction sa {};
    sa.sa_handler = OnSignal;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    int code = kExitOk;
    while (true) {
      const int64_t now = static_cast<int64_t>(std::time(nullptr));
      // A bar on a terminal (base/progress.h), nothing otherwise.
      Progress progress("polling feeds", 0, !global.quiet);
      auto round = watcher.Round(urls, now, &progress);
      progress.Finish();
      if (!round.ok()) {
        Fail(round.status());
        code = kExitBadInput;
        break;
      }
      auto counts = (*opened)->Counts();
      std::string line = "watch: " + std::to_string(round->feeds) + " of " + std::to_string(urls.size()) +
                         " feeds polled (" + std::to_string(round->not_modified) + " not modified, " +
                         std::to_string(round->failed) + " failed), " + std::to_string(round->new_items) +
                         " new items, " + std::to_string(round->stored) + " stored, " +
                         std::to_string(round->pages) + " pages fetched, " + std::to_string(round->revised) +
                         " articles changed";
      if (counts.ok()) {
        line += "; the database holds " + std::to_string(counts->articles) + " articles in " +
                std::to_string(counts->stories) + " stories";
      }
      std::printf("%s\n", line.c_str());
      (void)std::fflush(stdout);
      if (flags->once || watcher.stopped()) break;
      auto next = watcher.NextDue(urls);
      int64_t until = next.ok() && next->has_value() ? **next : now + flags->interval;
      while (!watcher.stopped() && static_cast<int64_t>(std::time(nullptr)) < std::max(until, now + 1)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
      if (watcher.stopped()) break;
    }
    g_watcher.store(nullptr);
    diag.Summarize();
    if (code == kExitOk && diag.error_count() > 0) code = kExitBadInput;
    *exit_code = code;
  });
}

}  // namespace rashomon::cli
