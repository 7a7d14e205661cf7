// Watch: polls feeds into a store (`rashomon watch`).
//
// Each feed has a row in the store's `feeds` table (validators, error
// count, next poll time, last outcome) and one row in `feed_items` per
// item already taken (its key: guid, else link, else a hash). A round polls
// the feeds that are due: a conditional GET (ETag / Last-Modified); 304
// changes nothing but the schedule; a new item becomes an article (its
// linked page fetched and its main text extracted when the feed carries
// only a short summary, if the site's robots.txt allows) and goes into the
// store in batches, each batch's feed_items rows (and, with the last
// batch, the feed's state) committed in the batch's own transaction: a
// watcher killed at any point resumes with every item stored once.
//
// A failure (network, HTTP status, malformed feed, too large, timeout)
// is one error line naming the feed; its error count grows and its next
// poll backs off (interval x 2^errors, capped), or waits for Retry-After
// when that is longer. One broken feed never stops the others.
//
// Changed items: an item taken before whose entry (title and text as the
// feed gives them) changed, or whose linked page (for items fetched as
// pages) changed when it is fetched again (every `revisit_s` while the item
// stays in the feed), becomes a new version of its article
// (store::ReviseArticle): every version kept, the article showing the last.
//
// Politeness: one request at a time per host, `host_delay` between two,
// hosts polled by up to `connections` threads at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/diagnostics.h"
#include "base/status.h"
#include "feeds/fetch.h"
#include "ingest/feed.h"
#include "store/store.h"

namespace rashomon {
class Progress;
}

namespace rashomon::feeds {

struct WatchOptions {
  FetchOptions fetch;
  FeedOptions feed;
  int64_t interval_s = 900;       // between two polls of a healthy feed
  int64_t max_backoff_s = 86400;  // the longest wait after errors
  int64_t host_delay_ms = 1000;   // between two requests to one host
  int connections = 4;            // hosts polled at once
  // An item whose feed text is shorter than this (in bytes) has its linked
  // page fetched; 0 = never fetch pages.
  size_t page_below_bytes = 500;
  // The page of an item taken before is fetched again at most this often
  // (seconds) while the item stays in its feed, to see whether the outlet
  // changed the article; 0 = every round, negative = never.
  int64_t revisit_s = 3600;
  // ... and only during this long (seconds) after the item was first seen:
  // outlets edit an article in its first hours and days, and a feed may
  // keep an item for weeks.
  int64_t revisit_window_s = int64_t{2} * 86400;
  bool verbose = false;  // a line per feed polled, not only per problem
};

struct RoundStats {
  size_t feeds = 0;         // polled this round
  size_t not_modified = 0;  // 304
  size_t failed = 0;        // errors (each one logged)
  size_t new_items = 0;     // items taken this round
  size_t stored = 0;        // of those, new articles in the store
  size_t pages = 0;         // pages fetched for short items
  size_t revised = 0;       // stored articles that changed (a new version)
};

class Watcher {
 public:
  Watcher(store::Store* store, WatchOptions options, Diagnostics* diag)
      : store_(store), options_(std::move(options)), diag_(diag), gate_(std::chrono::milliseconds(options_.host_delay_ms)) {}

  // Adds feeds to the store's list (known ones keep their state).
  Status AddFeeds(const std::vector<std::string>& urls);
  // Every feed the store lists.
  Result<std::vector<std::string>> Feeds();
  // Polls the feeds among `urls` due at `now` (next poll <= now);
  // `progress`, when given, counts the feeds polled.
  Result<RoundStats> Round(const std::vector<std::string>& urls, int64_t now, Progress* progress = nullptr);
  // The earliest next poll time among `urls`.
  Result<std::optional<int64_t>> NextDue(const std::vector<std::string>& urls);
  // Set from a signal handler: the round ends after the feeds in flight.
  void Stop() { stop_.store(true); }
  bool stopped() const { return stop_.load(); }

 private:
  struct State;
  struct Known;
  Status PollFeed(const std::string& url, int64_t now, RoundStats* stats);
  Status Failed(const std::string& url, const State& state, const std::string& why,
                std::optional<int64_t> retry_after, int64_t now);
  Status ReviseChanged(const std::string& url, std::vector<Known>& recheck,
                       const std::vector<std::pair<std::string, int64_t>>& hash_only, int64_t now,
                       RoundStats* stats);
  // False when the page could not be fetched (or robots.txt forbids it).
  bool FetchPage(Article* article, RoundStats* stats);
  FetchResponse Get(const FetchRequest& request);
  bool RobotsAllow(const std::string& url);

  store::Store* store_;
  WatchOptions options_;
  Diagnostics* diag_;
  HostGate gate_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;  // guards robots_ and the round's counters
  std::unordered_map<std::string, RobotsRules> robots_;
};

}  // namespace rashomon::feeds
