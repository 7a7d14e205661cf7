// Server: the local web UI and JSON API over a Backend.
//
// Routes (all responses carry a strict Content-Security-Policy, nosniff and
// no-referrer; API errors are {"error": "..."} with a 4xx/5xx code):
//   GET  /                   the single-page UI (assets compiled into the binary)
//   GET  /assets/NAME        its script and style sheet; nothing is read from disk
//   GET  /healthz            {"status": "ok"}
//   GET  /api/stories        ?q= &outlet= &from= &to= (dates) &topic=ID &sort=size|recency
//                            &offset= &limit= (1..max_page); {"total", "offset", "stories": [...]};
//                            q matches headlines and titles, or words of an article's text
//                            (StoryFilter::text)
//   GET  /api/topics         topics of several stories: {"computed", "topics": [{id, label,
//                            terms, stories: [{id, headline}]}]}; computed is false
//                            over a store, which keeps no topics
//   GET  /api/stories/ID     one story in the report contract ("rashomon.report/1" story)
//   GET  /api/articles/ID    the article, its story id and its marked sentences (ArticleView)
//   POST /api/articles       a JSON object, a JSON array of objects or JSON Lines, with the
//                            fields of `rashomon ingest` JSON Lines; {"articles": [{id, story,
//                            new}]}
// A body over max_body_bytes (however it arrives: plain, chunked or
// compressed, decoded bytes counted) is refused with 413; JSON nested deeper
// than max_json_depth, or not parseable, with 400. Every request passes the
// RequestGuard first (serve/http.h): a Host naming this server, and for
// writes JSON content, this server's own Origin (or none) and the token when
// one is set. The transport's limits are in serve/http_transport.h.
//
// With options.warm.stories > 0 a background thread analyses the stories a
// reader is likely to open first while no API request is in flight
// (serve/warmer.h); GET /healthz then also reports its progress as
// {"warm": {"planned", "analysed", "skipped", "idle"}}.
//
// Thread safety: Run() blocks and serves (one I/O thread, API handlers on a
// pool of `threads` workers) and starts the warmer; Stop() may be called from
// any thread and stops both.
// The Backend must outlive the Server.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/status.h"
#include "ingest/article.h"
#include "serve/backend.h"
#include "serve/http.h"
#include "serve/warmer.h"

namespace rashomon::serve {

class ResponseCache;
class HttpTransport;

struct ServerOptions {
  // Loopback by default: the API can ingest, so exposing it is a choice.
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  // 16 MiB holds thousands of posted articles; more should go through `ingest`.
  size_t max_body_bytes = 16u << 20;
  // Articles are flat objects; 32 levels leave room for wrappers while keeping
  // recursive JSON parsing far from the stack limit.
  int max_json_depth = 32;
  size_t max_page = 200;  // largest `limit` of /api/stories
  size_t default_page = 50;
  // Workers for the API handlers. Connections do not hold one: an idle or
  // slow connection costs a few kilobytes on the I/O thread.
  int threads = 32;
  // Connections open at once; the excess is answered 503 at once.
  size_t max_connections = 512;
  size_t max_headers = 100;              // header fields of one request
  size_t max_header_bytes = 16u << 10;   // the whole header block
  int request_ms = 10000;                // headers and body of one request, in all
  int idle_ms = 5000;                    // a keep-alive connection waiting for its next request
  // Host names accepted besides localhost, 127.0.0.1, [::1] and `host`.
  std::vector<std::string> allow_hosts;
  // Origins (e.g. "http://app.example:3000") whose pages may write.
  std::vector<std::string> allow_origins;
  // When set, writes need "Authorization: Bearer TOKEN".
  std::string token;
  // Bytes of GET /api responses kept for repeated requests (0: none). An
  // ingest through the server drops the lists and the responses of the
  // stories it changed (and their articles); another process writing the
  // database drops all.
  size_t cache_bytes = 64u << 20;
  // Background analysis of the stories readers open first, while no
  // request is in flight (serve/warmer.h); off unless warm.stories > 0.
  WarmerOptions warm;
};

// Counters of the response cache, for tests and diagnostics.
struct ServerCacheStats {
  uint64_t hits = 0;    // GET /api requests answered from the cache
  uint64_t misses = 0;  // ... computed (and kept if successful)
  size_t entries = 0;   // responses kept now
};

class Server {
 public:
  // REQUIRES: backend outlives the Server.
  Server(Backend* backend, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port. Error naming the address when it cannot.
  Status Bind();
  // The bound port (after Bind).
  int port() const { return port_; }
  // The checks made on a request's headers before its body is read.
  std::optional<Refusal> CheckHeaders(const HttpRequest& req) const;
  // Answers one request (its body read and decoded). Routes and handlers
  // are reached only through here; the fuzzer calls it directly.
  void Handle(HttpRequest& req, HttpResponse& res);
  // Connections open now, refused as excess, requests answered.
  size_t open_connections() const;
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  void Run();
  void Stop();
  ServerCacheStats cache_stats() const;
  // The warmer's counters (zeros when warming is off).
  WarmerStats warm_stats() const;
  // The warmer, or null when warming is off. For tests.
  Warmer* warmer() { return warmer_.get(); }

 private:
  using TaggedHandler = void (Server::*)(const HttpRequest&, HttpResponse&, std::string& tag);

  // Wraps a GET /api handler with the response cache.
  void Cached(TaggedHandler handler, const HttpRequest& req, HttpResponse& res);
  // One handler per route; a cached handler sets `tag` (see ResponseCache).
  void HandleHealth(HttpResponse& res) const;
  // GET /feed.atom: the kAtomEntries most recent stories.
  static constexpr size_t kAtomEntries = 50;
  void HandleAtom(const HttpRequest& req, HttpResponse& res);
  void HandleListStories(const HttpRequest& req, HttpResponse& res, std::string& tag);
  void HandleTopics(const HttpRequest& req, HttpResponse& res, std::string& tag);
  void HandleStory(const HttpRequest& req, HttpResponse& res, std::string& tag);
  void HandleArticle(const HttpRequest& req, HttpResponse& res, std::string& tag);
  void HandlePostArticles(const HttpRequest& req, HttpResponse& res);

  Backend* backend_;
  ServerOptions options_;
  RequestGuard guard_;
  std::unique_ptr<HttpTransport> http_;
  std::unique_ptr<ResponseCache> cache_;
  std::unique_ptr<Warmer> warmer_;
  int port_ = 0;
};

// Deepest nesting of arrays and objects in `json` (strings skipped), for
// refusing a body before a recursive parser sees it.
int JsonDepth(std::string_view json);

// Articles from a POST body: a JSON object, a JSON array of objects, or JSON
// Lines. Bad records are reported to `diag` and skipped; an error Status
// only when the body as a whole is unusable (too deep, not JSON).
Result<std::vector<Article>> ParsePostedArticles(std::string_view body, int max_json_depth,
                                                 Diagnostics& diag);

}  // namespace rashomon::serve
