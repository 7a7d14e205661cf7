// The feed watcher. See watch.h.
#include "feeds/watch.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <thread>

#include "base/hash.h"
#include "base/progress.h"
#include "base/strings.h"
#include "html/extract.h"
#include "store/sqlite.h"

namespace rashomon::feeds {

using store::Connection;
using store::Stmt;

// An item taken before whose entry changed or whose page is due again.
struct Watcher::Known {
  std::string key, article_id;
  Article article;
  int64_t entry_hash = 0;
};

struct Watcher::State {
  std::string etag, last_modified;
  int64_t errors = 0;
  int64_t next_poll = 0;
};

namespace {

Status WriteState(const Connection& c, const std::string& url, const std::string& etag,
                  const std::string& last_modified, int64_t errors, int64_t next_poll, int64_t now,
                  const std::string& status) {
  Stmt s(c.db,
         "UPDATE feeds SET etag=?, last_modified=?, errors=?, next_poll=?, last_poll=?, last_status=? WHERE url=?");
  s.Bind(1, etag).Bind(2, last_modified).Bind(3, errors).Bind(4, next_poll).Bind(5, now).Bind(6, status).Bind(7, url);
  return c.Step(s, "saving the state of feed " + url);
}

Status InsertSeen(const Connection& c, const std::string& feed, const std::string& key, const std::string& article,
                  int64_t entry_hash, int64_t now) {
  Stmt s(c.db,
         "INSERT OR IGNORE INTO feed_items(feed, key, article, seen, entry_hash, checked) VALUES(?, ?, ?, ?, ?, ?)");
  s.Bind(1, feed).Bind(2, key).Bind(3, article).Bind(4, now).Bind(5, entry_hash).Bind(6, now);
  return c.Step(s, "saving the items of feed " + feed);
}

// What the feed says of an item, before any page is fetched: a changed
// hash is a changed entry.
int64_t EntryHash(const Article& a) {
  return static_cast<int64_t>(HashCombine(Hash64(a.title), Hash64(a.text)));
}

bool LooksLikeFeedType(std::string_view content_type) {
  std::string t = AsciiLowercase(content_type);
  return t.find("xml") != std::string::npos || t.find("rss") != std::string::npos ||
         t.find("atom") != std::string::npos;
}

void Log(const std::string& line) {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  (void)std::fprintf(stderr, "rashomon: watch: %s\n", EscapeForMessage(line).c_str());
}

}  // namespace

Status Watcher::AddFeeds(const std::vector<std::string>& urls) {
  return store_->Write([&](const Connection& c) {
    Stmt s(c.db, "INSERT OR IGNORE INTO feeds(url) VALUES(?)");
    for (const std::string& url : urls) {
      s.Bind(1, url);
      RETURN_IF_ERROR(c.Step(s, "adding feed " + url));
    }
    return Status::Ok();
  });
}

Result<std::vector<std::string>> Watcher::Feeds() {
  std::vector<std::string> out;
  RETURN_IF_ERROR(store_->Write([&](const Connection& c) {
    Stmt s(c.db, "SELECT url FROM feeds ORDER BY url");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Text(0));
    return rc == SQLITE_DONE ? Status::Ok() : c.Error(rc, "listing feeds");
  }));
  return out;
}

Result<std::optional<int64_t>> Watcher::NextDue(const std::vector<std::string>& urls) {
  std::optional<int64_t> next;
  RETURN_IF_ERROR(store_->Write([&](const Connection& c) {
    Stmt s(c.db, "SELECT next_poll FROM feeds WHERE url=?");
    for (const std::string& url : urls) {
      s.Bind(1, url);
      if (s.Step() == SQLITE_ROW) next = std::min(next.value_or(INT64_MAX), s.Int(0));
      s.Reset();
    }
    return Status::Ok();
  }));
  return next;
}

Result<RoundStats> Watcher::Round(const std::vector<std::string>& urls, int64_t now, Progress* progress) {
  // The due feeds, grouped by host (one request at a time per host).
  std::map<std::string, std::vector<std::string>> by_host;
  RETURN_IF_ERROR(store_->Write([&](const Connection& c) {
    Stmt s(c.db, "SELECT next_poll FROM feeds WHERE url=?");
    for (const std::string& url : urls) {
      s.Bind(1, url);
      const bool due = s.Step() != SQLITE_ROW || s.Int(0) <= now;
      s.Reset();
      if (due) by_host[HostOf(url)].push_back(url);
    }
    return Status::Ok();
  }));
  if (progress != nullptr) {
    size_t due = 0;
    for (const auto& [host, feeds] : by_host) due += feeds.size();
    progress->SetTotal(due);
  }
  std::vector<std::vector<std::string>*> groups;
  groups.reserve(by_host.size());
  for (auto& [host, feeds] : by_host) groups.push_back(&feeds);
  RoundStats stats;
  Status first_error;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t g; !stopped() && (g = next.fetch_add(1)) < groups.size();) {
      for (const std::string& url : *groups[g]) {
        if (stopped()) break;
        RoundStats mine;
        Status st = PollFeed(url, now, &mine);
        std::lock_guard<std::mutex> lock(mu_);
        stats.feeds += mine.feeds;
        stats.not_modified += mine.not_modified;
        stats.failed += mine.failed;
        stats.new_items += mine.new_items;
        stats.stored += mine.stored;
        stats.pages += mine.pages;
        stats.revised += mine.revised;
        if (progress != nullptr) progress->Add(1);
        if (!st.ok() && first_error.ok()) {
          first_error = st;  // the store failed: no feed can be saved
          stop_.store(true);
        }
      }
    }
  };
  const size_t threads = std::min<size_t>(groups.size(), static_cast<size_t>(std::max(1, options_.connections)));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (!first_error.ok()) return first_error;
  return stats;
}

FetchResponse Watcher::Get(const FetchRequest& request) {
  const std::string host = HostOf(request.url);
  gate_.Acquire(host);
  FetchResponse r = Fetch(request, options_.fetch);
  gate_.Release(host);
  return r;
}

bool Watcher::RobotsAllow(const std::string& url) {
  const std::string host = HostOf(url);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = robots_.find(host); it != robots_.end()) return it->second.Allowed(PathOf(url));
  }
  const std::string origin = url.substr(0, url.find("://") + 3) + host;
  FetchResponse r = Get({origin + "/robots.txt", "", ""});
  RobotsRules rules = RobotsRules::AllowAll();
  if (r.error.empty() && r.status >= 200 && r.status < 300) {
    rules = RobotsRules::Parse(r.body, "rashomon");
  } else if (r.status < 400 || r.status >= 500) {
    rules = RobotsRules::DisallowAll();  // unreachable or failing: no page fetches this run
    diag_->Warning(origin + "/robots.txt",
                   "cannot be read (" + (r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error) +
                       "); no page of " + host + " is fetched this run");
  }
  std::lock_guard<std::mutex> lock(mu_);
  return robots_.emplace(host, std::move(rules)).first->second.Allowed(PathOf(url));
}

bool Watcher::FetchPage(Article* article, RoundStats* stats) {
  const std::string& url = article->url;
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) return false;
  if (!RobotsAllow(url)) {
    diag_->RepeatedWarning("pages robots.txt disallows", article->origin,
                           "robots.txt disallows " + url + "; the feed's text kept");
    return false;
  }
  FetchResponse r = Get({url, "", ""});
  if (r.error.empty() && (r.status < 200 || r.status >= 300)) r.error = "HTTP " + std::to_string(r.status);
  if (!r.error.empty()) {
    diag_->RepeatedWarning("pages not fetched", article->origin, "page " + url + ": " + r.error + "; the feed's text kept");
    return false;
  }
  ++stats->pages;
  auto page = ExtractHtml(r.body, r.final_url, HtmlOptions(), CharsetOf(r.content_type));
  if (!page.ok()) return false;
  if (page->text.size() <= article->text.size()) return true;
  article->text = SanitizeText(page->text, article->origin, 0, IngestOptions(), *diag_);
  if (article->title.empty()) article->title = page->title;
  if (article->byline.empty()) article->byline = page->byline;
  if (!article->published) article->published = page->published;
  return true;
}

Status Watcher::Failed(const std::string& url, const State& state, const std::string& why,
                       std::optional<int64_t> retry_after, int64_t now) {
  const int64_t errors = state.errors + 1;
  int64_t wait = options_.interval_s;
  for (int64_t k = 1; k < errors && k < 20 && wait < options_.max_backoff_s; ++k) wait *= 2;
  wait = std::min(wait, options_.max_backoff_s);
  if (retry_after) wait = std::max(wait, std::min(*retry_after, options_.max_backoff_s));
  diag_->Error(url, why + " (error " + std::to_string(errors) + " in a row; next poll in " + std::to_string(wait) +
                        " s)");
  return store_->Write([&](const Connection& c) {
    return WriteState(c, url, state.etag, state.last_modified, errors, now + wait, now, why);
  });
}

// Changed items: the page fetched again where the feed has only a
// summary (an item whose page cannot be fetched now is left for the next
// round), then a new version of the article when title or text differ;
// every item's entry hash and check time saved.
Status Watcher::ReviseChanged(const std::string& url, std::vector<Known>& recheck,
                              const std::vector<std::pair<std::string, int64_t>>& hash_only, int64_t now,
                              RoundStats* stats) {
  if (recheck.empty() && hash_only.empty()) return Status::Ok();
  std::vector<bool> revise(recheck.size(), true);
  for (size_t i = 0; i < recheck.size() && !stopped(); ++i) {
    Known& k = recheck[i];
    if (options_.page_below_bytes > 0 && k.article.text.size() < options_.page_below_bytes) {
      revise[i] = FetchPage(&k.article, stats);
    }
  }
  size_t revised = 0;
  RETURN_IF_ERROR(store_->Write([&](const Connection& c) {
    revised = 0;
    Stmt mark(c.db, "UPDATE feed_items SET entry_hash=?, checked=? WHERE feed=? AND key=?");
    for (const auto& [key, hash] : hash_only) {
      mark.Bind(1, hash).Bind(2, now).Bind(3, url).Bind(4, key);
      RETURN_IF_ERROR(c.Step(mark, "saving the items of feed " + url));
    }
    for (size_t i = 0; i < recheck.size(); ++i) {
      if (!revise[i] || stopped()) continue;
      const Known& k = recheck[i];
      auto changed = store::ReviseArticle(c, k.article_id, k.article.title, k.article.text, now);
      if (!changed.ok() && changed.status().code() != StatusCode::kNotFound) return changed.status();
      if (changed.ok() && *changed) ++revised;
      mark.Bind(1, k.entry_hash).Bind(2, now).Bind(3, url).Bind(4, k.key);
      RETURN_IF_ERROR(c.Step(mark, "saving the items of feed " + url));
    }
    return Status::Ok();
  }));
  stats->revised += revised;
  if (options_.verbose && revised > 0) Log(url + ": " + std::to_string(revised) + " articles changed (new versions)");
  return Status::Ok();
}

Status Watcher::PollFeed(const std::string& url, int64_t now, RoundStats* stats) {
  ++stats->feeds;
  State state;
  RETURN_IF_ERROR(store_->Write([&](const Connection& c) {
    Stmt s(c.db, "SELECT etag, last_modified, errors, next_poll FROM feeds WHERE url=?");
    s.Bind(1, url);
    if (s.Step() == SQLITE_ROW) {
      state.etag = s.Text(0);
      state.last_modified = s.Text(1);
      state.errors = s.Int(2);
      state.next_poll = s.Int(3);
    }
    return Status::Ok();
  }));
  FetchResponse r = Get({url, state.etag, state.last_modified});
  if (r.error.empty() && r.status != 304 && (r.status < 200 || r.status >= 300)) {
    r.error = "HTTP " + std::to_string(r.status);
  }
  if (!r.error.empty()) {
    ++stats->failed;
    return Failed(url, state, r.error, r.retry_after, now);
  }
  if (r.status == 304) {
    ++stats->not_modified;
    if (options_.verbose) Log(url + ": not modified (304)");
    return store_->Write([&](const Connection& c) {
      return WriteState(c, url, state.etag, state.last_modified, 0, now + options_.interval_s, now, "304");
    });
  }
  if (r.content_type.empty()) {
    diag_->Warning(url, "served without a content type; read as a feed");
  } else if (!LooksLikeFeedType(r.content_type)) {
    diag_->Warning(url, "served as '" + r.content_type + "'; read as a feed");
  }
  auto feed = ParseFeed(r.body, r.final_url, options_.feed, CharsetOf(r.content_type));
  if (feed.ok() && feed->kind == FeedKind::kOpml) feed = Status::InvalidInput("an OPML list, not a feed");
  if (!feed.ok()) {
    ++stats->failed;
    return Failed(url, state, feed.status().message(), std::nullopt, now);
  }
  if (feed->reencoded) diag_->Warning(url, "not valid in its declared encoding; read as Windows-1252");
  if (feed->duplicate_guids > 0) {
    diag_->Warning(url, std::to_string(feed->duplicate_guids) + " items repeat the guid of an earlier item; skipped");
  }
  if (feed->items_cut > 0) diag_->Warning(url, std::to_string(feed->items_cut) + " items past the cap not read");

  // The items not taken before; those whose article another feed brought
  // are only marked seen. Items taken before are checked for changes: their
  // entry's hash, and (short items) their page when it is due for a revisit.
  std::vector<Article> articles;
  std::vector<std::string> keys, ids;
  std::vector<int64_t> hashes;
  struct SeenOnly {
    std::string key, id;
    int64_t entry_hash = 0;
  };
  std::vector<SeenOnly> seen_only;
  std::vector<Known> recheck;
  std::vector<std::pair<std::string, int64_t>> hash_only;  // rows from before entry hashes
  const bool pages = options_.page_below_bytes > 0;
  RETURN_IF_ERROR(store_->Write([&](const Connection& c) {
    Stmt known(c.db, "SELECT article, entry_hash, checked, seen FROM feed_items WHERE feed=? AND key=?");
    Stmt exists(c.db, "SELECT 1 FROM articles WHERE id=?");
    for (const FeedItem& item : feed->items) {
      std::string key = FeedItemKey(item);
      known.Bind(1, url).Bind(2, key);
      const bool taken = known.Step() == SQLITE_ROW;
      std::string taken_id;
      std::optional<int64_t> taken_hash, checked;
      int64_t first_seen = 0;
      if (taken) {
        taken_id = known.Text(0);
        taken_hash = known.OptInt(1);
        checked = known.OptInt(2);
        first_seen = known.Int(3);
      }
      known.Reset();
      Article a = ArticleFromFeedItem(*feed, item, url, url, IngestOptions(), *diag_);
      const int64_t hash = EntryHash(a);
      if (taken) {
        if (!taken_hash) {
          hash_only.emplace_back(std::move(key), hash);
        } else if (*taken_hash != hash || (pages && options_.revisit_s >= 0 &&
                                           a.text.size() < options_.page_below_bytes &&
                                           now - first_seen < options_.revisit_window_s &&
                                           now - checked.value_or(0) >= options_.revisit_s)) {
          recheck.push_back({std::move(key), std::move(taken_id), std::move(a), hash});
        }
        continue;
      }
      if (!a.published) a.published = now;  // undated: when first seen
      exists.Bind(1, a.id);
      const bool stored = exists.Step() == SQLITE_ROW;
      exists.Reset();
      if (stored) {
        seen_only.push_back({std::move(key), a.id, hash});
        continue;
      }
      keys.push_back(std::move(key));
      hashes.push_back(hash);
      articles.push_back(std::move(a));
    }
    return Status::Ok();
  }));
  stats->new_items += keys.size() + seen_only.size();
  if (options_.page_below_bytes > 0) {
    for (Article& a : articles) {
      if (stopped()) break;
      if (a.text.size() < options_.page_below_bytes) FetchPage(&a, stats);
    }
  }
  // Items with no text at all are marked seen, not stored.
  size_t empty = 0;
  for (size_t i = 0; i < articles.size();) {
    if (!TrimAscii(articles[i].text).empty()) {
      ids.push_back(articles[i].id);
      ++i;
      continue;
    }
    ++empty;
    seen_only.push_back({std::move(keys[i]), articles[i].id, hashes[i]});
    keys.erase(keys.begin() + static_cast<ptrdiff_t>(i));
    hashes.erase(hashes.begin() + static_cast<ptrdiff_t>(i));
    articles.erase(articles.begin() + static_cast<ptrdiff_t>(i));
  }
  if (empty > 0) diag_->Warning(url, std::to_string(empty) + " items without any text; skipped");
  RETURN_IF_ERROR(ReviseChanged(url, recheck, hash_only, now, stats));
  const size_t n = articles.size();
  auto finish = [&](const Connection& c) -> Status {
    for (const SeenOnly& o : seen_only) RETURN_IF_ERROR(InsertSeen(c, url, o.key, o.id, o.entry_hash, now));
    return WriteState(c, url, r.etag, r.last_modified, 0, now + options_.interval_s, now,
                      std::to_string(r.status));
  };
  if (n == 0) {
    RETURN_IF_ERROR(store_->Write(finish));
  } else {
    store::BatchHook hook = [&](const Connection& c, size_t begin, size_t end) -> Status {
      for (size_t i = begin; i < end; ++i) RETURN_IF_ERROR(InsertSeen(c, url, keys[i], ids[i], hashes[i], now));
      return end == n ? finish(c) : Status::Ok();
    };
    auto done = store_->Ingest(std::move(articles), nullptr, nullptr, &hook);
    if (!done.ok()) return done.status();
    for (const store::IngestedArticle& a : *done) stats->stored += a.is_new;
  }
  if (options_.verbose) {
    Log(url + ": " + std::to_string(feed->items.size()) + " items, " + std::to_string(n) + " new stored");
  }
  return Status::Ok();
}

}  // namespace rashomon::feeds
