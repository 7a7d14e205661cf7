#include "serve/server.h"

#include <charconv>
#include <ctime>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "base/stream.h"
#include "base/strings.h"
#include "base/time.h"
#include "ingest/ingest.h"
#include "report/writer.h"
#include "serve/api_json.h"
#include "serve/article_view.h"
#include "serve/atom_feed.h"
#include "serve/http_transport.h"
#include "serve/web_assets.h"

namespace rashomon::serve {
namespace {

// The UI loads its script and style from /assets only; nothing inline, no
// other origin. Data is rendered through DOM text nodes, never as markup.
constexpr char kCsp[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src "
    "'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

constexpr char kJson[] = "application/json; charset=utf-8";

int HttpCode(const Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kInvalidArgument:
    case StatusCode::kInvalidInput:
      return 400;
    case StatusCode::kBusy:
      return 503;
    default:
      return 500;
  }
}

void SendError(HttpResponse& res, int code, const std::string& message) {
  res.status = code;
  res.Set(ErrorJson(message), kJson);
}

void SendStatus(HttpResponse& res, const Status& s) {
  SendError(res, HttpCode(s), s.message());
}

Result<size_t> ParseCount(const std::string& name, const std::string& value) {
  size_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size()) {
    return Status::InvalidArgument(name + " must be a non-negative integer, got \"" +
                                   Excerpt(value) + "\"");
  }
  return n;
}

Result<std::optional<int64_t>> ParseTime(const std::string& name, const std::string& value) {
  if (value.empty()) return std::optional<int64_t>();
  std::optional<int64_t> t = ParseTimestamp(value);
  if (!t) return Status::InvalidArgument(name + " is not a date: \"" + Excerpt(value) + "\"");
  return t;
}

// Brackets a request for the warmer, which starts no story meanwhile.
class InFlight {
 public:
  explicit InFlight(Warmer* warmer) : warmer_(warmer) {
    if (warmer_) warmer_->RequestBegin();
  }
  ~InFlight() {
    if (warmer_) warmer_->RequestEnd();
  }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  Warmer* warmer_;
};

const char* ContentType(std::string_view name) {
  if (EndsWithIgnoreCase(name, ".js")) return "text/javascript; charset=utf-8";
  if (EndsWithIgnoreCase(name, ".css")) return "text/css; charset=utf-8";
  if (EndsWithIgnoreCase(name, ".svg")) return "image/svg+xml";
  return "text/html; charset=utf-8";
}

void SendAsset(const std::string& name, HttpResponse& res) {
  const WebAsset* a = FindWebAsset(name);
  if (a == nullptr) {
    SendError(res, 404, "not found");
    return;
  }
  res.Set(std::string(a->data), ContentType(name));
}

// A posted record's problem, said without the reader's internal file name
// or the command-line prefix: "line 3 [id-7]: missing text".
std::string PostedRecordError(const Diagnostic& d) {
  std::string out;
  if (d.line) out += "line " + std::to_string(d.line);
  if (!d.record.empty()) out += (out.empty() ? "[" : " [") + d.record + "]";
  if (!out.empty()) out += ": ";
  return out + d.message;
}

// The parameters of GET /api/stories.
struct ListQuery {
  StoryFilter filter;
  StorySort sort = StorySort::kSize;
  size_t offset = 0;
  size_t limit = 0;
};

Result<ListQuery> ParseListQuery(const HttpRequest& req, const ServerOptions& options) {
  ListQuery query;
  query.filter.text = req.Param("q");
  query.filter.outlet = req.Param("outlet");
  query.filter.topic = req.Param("topic");
  ASSIGN_OR_RETURN(query.filter.from, ParseTime("from", req.Param("from")));
  ASSIGN_OR_RETURN(query.filter.to, ParseTime("to", req.Param("to")));
  ASSIGN_OR_RETURN(query.filter.since, ParseTime("since", req.Param("since")));
  std::string sort_name = req.Param("sort");
  if (sort_name == "recency") {
    query.sort = StorySort::kRecency;
  } else if (!sort_name.empty() && sort_name != "size") {
    return Status::InvalidArgument("sort must be size or recency");
  }
  query.limit = options.default_page;
  if (req.HasParam("offset")) {
    ASSIGN_OR_RETURN(query.offset, ParseCount("offset", req.Param("offset")));
  }
  if (req.HasParam("limit")) {
    ASSIGN_OR_RETURN(query.limit, ParseCount("limit", req.Param("limit")));
    if (query.limit == 0 || query.limit > options.max_page) {
      return Status::InvalidArgument("limit must be between 1 and " + std::to_string(options.max_page));
    }
  }
  return query;
}

}  // namespace

int JsonDepth(std::string_view json) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : json) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == '\n') {
      depth = 0;  // JSON Lines: each line stands alone
    }
  }
  return deepest;
}

Result<std::vector<Article>> ParsePostedArticles(std::string_view body, int max_json_depth,
                                                 Diagnostics& diag) {
  using Json = nlohmann::json;
  std::string_view trimmed = TrimAscii(body);
  if (trimmed.empty())
    return Status::InvalidInput("empty body: expected a JSON object, array or JSON Lines");
  if (JsonDepth(trimmed) > max_json_depth) {
    return Status::InvalidInput("JSON nested deeper than " + std::to_string(max_json_depth) +
                                " levels");
  }
  // Turn every accepted shape into JSON Lines and let the ingest reader map
  // the fields, so the API accepts exactly what `rashomon ingest` does.
  std::string lines;
  if (trimmed.front() == '[') {
    Json parsed = Json::parse(trimmed, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return Status::InvalidInput("body is not valid JSON");
    for (const Json& item : parsed) {
      if (!item.is_object()) return Status::InvalidInput("array items must be JSON objects");
      lines += item.dump(-1, ' ', false, Json::error_handler_t::replace);
      lines += '\n';
    }
  } else if (trimmed.front() == '{') {
    // One object (possibly pretty-printed over many lines) or JSON Lines.
    Json parsed = Json::parse(trimmed, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_discarded() && parsed.is_object()) {
      lines = parsed.dump(-1, ' ', false, Json::error_handler_t::replace);
    } else {
      lines = std::string(trimmed);
    }
  } else {
    return Status::InvalidInput("body is not JSON: expected an object, an array or JSON Lines");
  }
  std::vector<Article> out;
  IngestOptions options;
  IngestStats stats;
  std::unique_ptr<InputStream> in = NewMemoryStream(lines);
  // Records without id or url are named "request:LINE" by the reader.
  ReadJsonLines(
      "request.jsonl", *in, options, diag, [&out](Article&& a) { out.push_back(std::move(a)); },
      &stats);
  return out;
}

// Bodies of successful GET /api responses by request path and query, each
// tagged with the story it shows (a story, or an article's story) or with
// the empty tag (lists, and articles in no story). An ingest through the
// server drops the responses of the stories it changed and every empty-tag
// one (InvalidateStories); a move of the backend's ExternalVersion, or an
// ingest that cannot say what it changed, drops all. A response computed
// before an invalidation that covers it is not kept (the generation check),
// so the cache never serves what a fresh read would not.
class ResponseCache {
 public:
  explicit ResponseCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The kept body for `key`, if any; *generation receives the generation a
  // later Put of this key must pass.
  std::optional<std::string> Get(const std::string& key, uint64_t external_version, uint64_t* generation) {
    std::lock_guard<std::mutex> lock(mu_);
    if (external_version != external_version_) {
      DropAll();
      external_version_ = external_version;
    }
    *generation = generation_;
    auto it = bodies_.find(key);
    if (it == bodies_.end()) {
      ++stats_.misses;
      return std::nullopt;
    }
    ++stats_.hits;
    return it->second.body;
  }

  void Put(const std::string& key, const std::string& tag, const std::string& body, uint64_t generation) {
    std::lock_guard<std::mutex> lock(mu_);
    if (generation < dropped_all_ || body.size() > max_bytes_ / 4) return;
    if (auto t = dropped_.find(tag); t != dropped_.end() && generation < t->second) return;
    if (bytes_ + body.size() + key.size() > max_bytes_) {
      // Full: start over (nothing is stale, so no generation change).
      bodies_.clear();
      keys_of_tag_.clear();
      bytes_ = 0;
    }
    auto [it, inserted] = bodies_.try_emplace(key, Entry{body, tag});
    if (!inserted) return;
    bytes_ += body.size() + key.size();
    keys_of_tag_[tag].push_back(key);
  }

  // Drops the responses of `stories` and every empty-tag one.
  void InvalidateStories(const std::vector<std::string>& stories) {
    std::lock_guard<std::mutex> lock(mu_);
    ++generation_;
    // The generations of dropped tags only matter to responses in the
    // making; past a bound they are forgotten for one drop of all Puts in
    // flight (the kept bodies stay: they were already brought up to date).
    if (dropped_.size() > kMaxDroppedTags) {
      dropped_.clear();
      dropped_all_ = generation_;
    }
    Drop(std::string());
    for (const std::string& id : stories) Drop(id);
  }

  void InvalidateAll() {
    std::lock_guard<std::mutex> lock(mu_);
    DropAll();
  }

  ServerCacheStats stats() {
    std::lock_guard<std::mutex> lock(mu_);
    ServerCacheStats out = stats_;
    out.entries = bodies_.size();
    return out;
  }

 private:
  struct Entry {
    std::string body;
    std::string tag;
  };
  static constexpr size_t kMaxDroppedTags = 1u << 20;

  void Drop(const std::string& tag) {
    dropped_[tag] = generation_;
    auto keys = keys_of_tag_.find(tag);
    if (keys == keys_of_tag_.end()) return;
    for (const std::string& key : keys->second) {
      auto it = bodies_.find(key);
      if (it == bodies_.end()) continue;
      bytes_ -= it->second.body.size() + key.size();
      bodies_.erase(it);
    }
    keys_of_tag_.erase(keys);
  }

  void DropAll() {
    bodies_.clear();
    keys_of_tag_.clear();
    dropped_.clear();
    bytes_ = 0;
    dropped_all_ = ++generation_;
  }

  const size_t max_bytes_;
  std::mutex mu_;
  uint64_t generation_ = 0;
  uint64_t dropped_all_ = 0;  // generation of the last drop of everything
  uint64_t external_version_ = 0;
  size_t bytes_ = 0;
  std::unordered_map<std::string, Entry> bodies_;
  std::unordered_map<std::string, std::vector<std::string>> keys_of_tag_;
  std::unordered_map<std::string, uint64_t> dropped_;  // tag -> generation of its last drop
  ServerCacheStats stats_;
};

static GuardOptions GuardFor(const ServerOptions& o, int port) {
  return {o.host, port, o.allow_hosts, o.allow_origins, o.token};
}

Server::Server(Backend* backend, ServerOptions options)
    : backend_(backend), options_(std::move(options)), guard_(GuardFor(options_, options_.port)) {
  TransportOptions t;
  t.host = options_.host;
  t.port = options_.port;
  t.max_body_bytes = options_.max_body_bytes;
  t.max_header_bytes = options_.max_header_bytes;
  t.max_headers = options_.max_headers;
  t.request_ms = options_.request_ms;
  t.idle_ms = options_.idle_ms;
  t.max_connections = options_.max_connections;
  t.workers = std::max(1, options_.threads);
  TransportHooks hooks;
  hooks.check = [this](const HttpRequest& req) { return CheckHeaders(req); };
  // The health check and the compiled-in files never wait for a worker.
  hooks.is_inline = [](const HttpRequest& req) { return req.path.rfind("/api/", 0) != 0; };
  hooks.handle = [this](HttpRequest& req, HttpResponse& res) { Handle(req, res); };
  hooks.default_headers = {
      {"Content-Security-Policy", kCsp},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cache-Control", "no-store"},
  };
  http_ = std::make_unique<HttpTransport>(std::move(t), std::move(hooks));
  if (options_.cache_bytes > 0) cache_ = std::make_unique<ResponseCache>(options_.cache_bytes);
  if (options_.warm.stories > 0) warmer_ = std::make_unique<Warmer>(backend_, options_.warm);
}

Server::~Server() {
  Stop();
  http_.reset();  // joins the workers, which call into this Server
}

ServerCacheStats Server::cache_stats() const { return cache_ ? cache_->stats() : ServerCacheStats(); }

WarmerStats Server::warm_stats() const { return warmer_ ? warmer_->stats() : WarmerStats(); }

size_t Server::open_connections() const { return http_->stats().open; }

Status Server::Bind() {
  RETURN_IF_ERROR(http_->Bind());
  port_ = http_->port();
  guard_ = RequestGuard(GuardFor(options_, port_));
  return Status::Ok();
}

void Server::Run() {
  if (warmer_) warmer_->Start();
  http_->Run();
}

void Server::Stop() {
  if (http_) http_->Stop();
  if (warmer_) warmer_->Stop();
}

namespace {
constexpr std::string_view kAssets = "/assets/";
constexpr std::string_view kStory = "/api/stories/";
constexpr std::string_view kArticle = "/api/articles/";

bool HasTail(const std::string& path, std::string_view prefix) {
  return path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0;
}

bool IsReadRoute(const std::string& path) {
  return path == "/" || path == "/healthz" || path == "/api/stories" || path == "/api/topics" || path == "/feed.atom" ||
         HasTail(path, kAssets) || HasTail(path, kStory) || HasTail(path, kArticle);
}
}  // namespace

std::optional<Refusal> Server::CheckHeaders(const HttpRequest& req) const {
  if (std::optional<Refusal> refusal = guard_.Check(req)) return refusal;
  if (req.method == "GET" || req.method == "HEAD") return std::nullopt;
  // Only one route takes a body: refuse the others before reading theirs.
  if (req.path == "/api/articles") {
    if (req.method == "POST") return std::nullopt;
    return Refusal{405, "only POST is accepted at /api/articles"};
  }
  if (IsReadRoute(req.path)) return Refusal{405, "only GET is accepted at " + Excerpt(req.path)};
  return Refusal{404, "not found"};
}

void Server::Handle(HttpRequest& req, HttpResponse& res) {
  const std::string& path = req.path;
  if (req.method == "POST" && path == "/api/articles") return HandlePostArticles(req, res);
  if (req.method != "GET" && req.method != "HEAD") {
    std::optional<Refusal> r = CheckHeaders(req);
    return SendError(res, r ? r->status : 405, r ? r->message : "method not allowed");
  }
  if (path == "/") return SendAsset("index.html", res);
  if (path == "/healthz") return HandleHealth(res);
  if (path == "/feed.atom") return HandleAtom(req, res);
  // Assets are looked up by exact name in the compiled-in table: no path is
  // ever joined with a folder, so "../" cannot reach the file system.
  if (HasTail(path, kAssets)) {
    req.match = path.substr(kAssets.size());
    return SendAsset(req.match == "index.html" ? std::string() : req.match, res);
  }
  if (path == "/api/stories") return Cached(&Server::HandleListStories, req, res);
  if (path == "/api/topics") return Cached(&Server::HandleTopics, req, res);
  if (HasTail(path, kStory)) {
    req.match = path.substr(kStory.size());
    return Cached(&Server::HandleStory, req, res);
  }
  if (HasTail(path, kArticle)) {
    req.match = path.substr(kArticle.size());
    return Cached(&Server::HandleArticle, req, res);
  }
  if (path == "/api/articles") return SendError(res, 405, "only POST is accepted at /api/articles");
  SendError(res, 404, "not found");
}

void Server::HandleHealth(HttpResponse& res) const {
  if (!warmer_) return res.Set(R"({"status":"ok"})", kJson);
  WarmerStats w = warmer_->stats();
  nlohmann::json body = {
      {"status", "ok"},
      {"warm", {{"planned", w.planned}, {"analysed", w.analysed}, {"skipped", w.skipped}, {"idle", w.idle}}}};
  res.Set(body.dump(), kJson);
}

// Wraps a GET /api handler with the response cache. The handler sets `tag`
// to the story its response shows (see ResponseCache).
void Server::Cached(TaggedHandler handler, const HttpRequest& req, HttpResponse& res) {
  InFlight in_flight(warmer_.get());
  std::string tag;
  if (!cache_) return (this->*handler)(req, res, tag);
  std::string key = req.path;
  for (const auto& param : req.params) {  // a multimap: sorted by name
    key += '\x1f';
    key += param.first;
    key += '=';
    key += param.second;
  }
  uint64_t generation = 0;
  if (std::optional<std::string> body = cache_->Get(key, backend_->ExternalVersion(), &generation)) {
    res.Set(std::move(*body), kJson);
    return;
  }
  (this->*handler)(req, res, tag);
  if (res.status == 200) cache_->Put(key, tag, res.body, generation);
}

void Server::HandleListStories(const HttpRequest& req, HttpResponse& res, std::string& /*tag*/) {
  Result<ListQuery> query = ParseListQuery(req, options_);
  if (!query.ok()) return SendStatus(res, query.status());
  auto page = backend_->ListStories(query->filter, query->sort, query->offset, query->limit);
  if (!page.ok()) return SendStatus(res, page.status());
  res.Set(StoryPageJson(*page, query->offset), kJson);
}

// The most recent stories as Atom (serve/atom_feed.h); links start with
// the Host the request named (the guard has checked it).
// ?topic=ID and ?q=WORDS (as in /api/stories) make a per-topic or search
// feed.
void Server::HandleAtom(const HttpRequest& req, HttpResponse& res) {
  InFlight in_flight(warmer_.get());
  StoryFilter filter;
  filter.topic = req.Param("topic");
  filter.text = req.Param("q");
  auto page = backend_->ListStories(filter, StorySort::kRecency, 0, kAtomEntries);
  if (!page.ok()) return SendStatus(res, page.status());
  const std::string* host = req.Header("host");
  std::string base = "http://" + (host != nullptr && !host->empty() ? *host : "localhost:" + std::to_string(port_));
  std::string query, what;
  auto add = [&](std::string_view name, const std::string& value, std::string_view label) {
    if (value.empty()) return;
    static const char* kHex = "0123456789ABCDEF";
    query += (query.empty() ? "" : "&") + std::string(name) + "=";
    for (unsigned char c : value) {
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
          c == '.') {
        query += static_cast<char>(c);
      } else {
        query += '%';
        query += kHex[c >> 4];
        query += kHex[c & 15];
      }
    }
    what += (what.empty() ? "" : ", ") + std::string(label) + value;
  };
  add("topic", filter.topic, "topic ");
  add("q", filter.text, "search: ");
  res.Set(WriteStoriesAtom(page->stories, base, static_cast<int64_t>(std::time(nullptr)), query, what),
          "application/atom+xml; charset=utf-8");
}

// Untagged like the lists, so any ingest through the server drops it.
void Server::HandleTopics(const HttpRequest& /*req*/, HttpResponse& res, std::string& /*tag*/) {
  auto topics = backend_->ListTopics();
  if (!topics.ok()) return SendStatus(res, topics.status());
  res.Set(TopicsJson(*topics), kJson);
}

void Server::HandleStory(const HttpRequest& req, HttpResponse& res, std::string& tag) {
  tag = req.match;
  auto story = backend_->GetStory(tag);
  if (!story.ok()) return SendStatus(res, story.status());
  res.Set(report::WriteStoryJson(*story), kJson);
}

void Server::HandleArticle(const HttpRequest& req, HttpResponse& res, std::string& tag) {
  auto stored = backend_->GetArticle(req.match);
  if (!stored.ok()) return SendStatus(res, stored.status());
  tag = stored->story_id;  // moving to another story changes the old one
  std::optional<report::Story> story;
  if (!stored->story_id.empty()) {
    auto s = backend_->GetStory(stored->story_id);
    if (s.ok()) story = std::move(*s);
  }
  ArticleView view = BuildArticleView(stored->article, story ? &*story : nullptr);
  res.Set(ArticleJson(*stored, view), kJson);
}

void Server::HandlePostArticles(const HttpRequest& req, HttpResponse& res) {
  InFlight in_flight(warmer_.get());
  Diagnostics diag(/*echo=*/false);
  auto articles = ParsePostedArticles(req.body, options_.max_json_depth, diag);
  if (!articles.ok()) return SendStatus(res, articles.status());
  std::vector<std::string> errors;
  for (const Diagnostic& d : diag.Snapshot()) {
    if (d.severity == Severity::kError) errors.push_back(PostedRecordError(d));
  }
  if (articles->empty()) {
    return SendError(res, 400, errors.empty() ? "no article in the body" : errors.front());
  }
  std::vector<std::string> changed;
  auto results = backend_->Ingest(std::move(*articles), &changed);
  if (cache_) {
    // Even a failed ingest may have committed some batches, and what it
    // changed is not known.
    if (results.ok()) {
      cache_->InvalidateStories(changed);
    } else {
      cache_->InvalidateAll();
    }
  }
  // The changed stories have lost their cached analyses.
  if (warmer_) warmer_->Replan();
  if (!results.ok()) return SendStatus(res, results.status());
  res.status = 201;
  res.Set(IngestJson(*results, errors), kJson);
}

}  // namespace rashomon::serve
