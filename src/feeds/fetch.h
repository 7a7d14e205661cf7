// HTTP for `rashomon watch`: one GET through libcurl with conditional
// validators, bounded time, size and redirects, a clear User-Agent, http
// and https only; robots.txt rules; and per-host politeness.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rashomon::feeds {

struct FetchOptions {
  std::string user_agent = "rashomon-watch/1 (feed reader; polls politely, honours robots.txt for pages)";
  long timeout_ms = 30000;
  long connect_timeout_ms = 10000;
  size_t max_bytes = 16u << 20;  // a larger body is an error (not truncated)
  long max_redirects = 5;
};

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match when set
  std::string last_modified;  // sent as If-Modified-Since when set
};

struct FetchResponse {
  long status = 0;    // HTTP status of the last response; 0 when there was none
  std::string error;  // why there is no usable response (timeout, redirect loop, too large, ...)
  std::string body;
  std::string etag, last_modified, content_type, final_url;
  std::optional<int64_t> retry_after;  // seconds from now
};

// Never throws; every failure is in `error` (and status for HTTP errors).
FetchResponse Fetch(const FetchRequest& request, const FetchOptions& options);

// Retry-After: delta seconds or an HTTP date; seconds from `now`, never
// negative. nullopt when unreadable.
std::optional<int64_t> ParseRetryAfter(std::string_view value, int64_t now);

// "host[:port]" of an absolute http(s) URL, lower case; "" if none.
std::string HostOf(std::string_view url);
// The path and query of an absolute URL ("/" when empty).
std::string PathOf(std::string_view url);
// The charset parameter of a Content-Type value, lower case; "" if none.
std::string CharsetOf(std::string_view content_type);

// robots.txt for one user agent: the group naming a token of it (else the
// "*" group), Allow/Disallow path prefixes with "*" and a final "$"; the
// longest matching rule wins, Allow on a tie.
class RobotsRules {
 public:
  static RobotsRules Parse(std::string_view text, std::string_view agent_token);
  static RobotsRules AllowAll() { return {}; }
  static RobotsRules DisallowAll();
  bool Allowed(std::string_view path) const;

 private:
  struct Rule {
    std::string pattern;
    bool allow = false;
  };
  std::vector<Rule> rules_;
};

// One request at a time per host, and at least `delay` between the end of
// one and the start of the next. Thread-safe.
class HostGate {
 public:
  explicit HostGate(std::chrono::milliseconds delay) : delay_(delay) {}
  void Acquire(const std::string& host);
  void Release(const std::string& host);

 private:
  struct Host {
    bool busy = false;
    std::chrono::steady_clock::time_point next{};
  };
  std::chrono::milliseconds delay_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<std::string, Host> hosts_;
};

}  // namespace rashomon::feeds
