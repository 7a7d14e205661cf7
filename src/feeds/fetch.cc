// libcurl GET, robots.txt rules and the per-host gate. See fetch.h.
#include "feeds/fetch.h"

#include <curl/curl.h>
#include <dlfcn.h>

#include <memory>
#include <mutex>
#include <thread>

#include "base/strings.h"
#include "ingest/feed.h"

namespace rashomon::feeds {
namespace {

struct Transfer {
  FetchResponse* out;
  size_t max_bytes;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t bytes = size * n;
  if (t->out->body.size() + bytes > t->max_bytes) {
    t->too_large = true;
    return 0;  // ends the transfer with CURLE_WRITE_ERROR
  }
  t->out->body.append(data, bytes);
  return bytes;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t bytes = size * n;
  std::string_view line(data, bytes);
  if (line.substr(0, 5) == "HTTP/") {  // a new response (after a redirect): forget the last one's
    FetchResponse& r = *t->out;
    r.etag.clear();
    r.last_modified.clear();
    r.content_type.clear();
    r.retry_after.reset();
    return bytes;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string name = AsciiLowercase(TrimAscii(line.substr(0, colon)));
  std::string value(TrimAscii(line.substr(colon + 1)));
  if (name == "etag") {
    t->out->etag = value;
  } else if (name == "last-modified") {
    t->out->last_modified = value;
  } else if (name == "content-type") {
    t->out->content_type = value;
  } else if (name == "retry-after") {
    t->out->retry_after = ParseRetryAfter(value, static_cast<int64_t>(std::time(nullptr)));
  }
  return bytes;
}

// libcurl is opened on the first fetch, not linked: with it come some thirty
// libraries (TLS, Kerberos, LDAP, SSH) whose loading and relocation cost
// every process about 15 ms of CPU, a tenth of a 20,000-article `dedup`,
// though only `watch` fetches anything.
struct Curl {
  std::string error;  // why the library could not be opened; empty when it was
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
};

template <typename F>
bool Bind(void* lib, const char* name, F* f) {
  void* sym = dlsym(lib, name);
  if (sym == nullptr) return false;
  // POSIX guarantees that an object pointer from dlsym converts to the function it names.
  *f = reinterpret_cast<F>(sym);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
  return true;
}

const Curl& LoadCurl() {
  static const Curl curl = [] {
    Curl c;
    void* lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      c.error = "cannot load libcurl (libcurl.so.4; Debian package libcurl4): ";
      const char* why = dlerror();
      c.error += why != nullptr ? why : "unknown error";
      return c;
    }
    const bool all = Bind(lib, "curl_global_init", &c.global_init) && Bind(lib, "curl_easy_init", &c.easy_init) &&
                     Bind(lib, "curl_easy_cleanup", &c.easy_cleanup) &&
                     Bind(lib, "curl_easy_setopt", &c.easy_setopt) &&
                     Bind(lib, "curl_easy_perform", &c.easy_perform) &&
                     Bind(lib, "curl_easy_getinfo", &c.easy_getinfo) &&
                     Bind(lib, "curl_easy_strerror", &c.easy_strerror) &&
                     Bind(lib, "curl_slist_append", &c.slist_append) &&
                     Bind(lib, "curl_slist_free_all", &c.slist_free_all);
    if (!all) {
      c.error = "libcurl.so.4 lacks the easy interface";
      return c;
    }
    c.global_init(CURL_GLOBAL_DEFAULT);  // once, before any other thread uses it
    return c;
  }();
  return curl;
}

}  // namespace

FetchResponse Fetch(const FetchRequest& request, const FetchOptions& options) {
  const Curl& api = LoadCurl();
  FetchResponse r;
  if (!api.error.empty()) {
    r.error = api.error;
    return r;
  }
  std::unique_ptr<CURL, void (*)(CURL*)> curl(api.easy_init(), api.easy_cleanup);
  if (!curl) {
    r.error = "cannot start an HTTP transfer";
    return r;
  }
  Transfer t{&r, options.max_bytes};
  CURL* c = curl.get();
  api.easy_setopt(c, CURLOPT_URL, request.url.c_str());
  api.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  api.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  api.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  api.easy_setopt(c, CURLOPT_MAXREDIRS, options.max_redirects);
  api.easy_setopt(c, CURLOPT_TIMEOUT_MS, options.timeout_ms);
  api.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  api.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(c, CURLOPT_USERAGENT, options.user_agent.c_str());
  api.easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever this libcurl decodes
  api.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  api.easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  api.easy_setopt(c, CURLOPT_WRITEDATA, &t);
  api.easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  api.easy_setopt(c, CURLOPT_HEADERDATA, &t);
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(nullptr, api.slist_free_all);
  auto add_header = [&](const std::string& h) {
    curl_slist* next = api.slist_append(headers.get(), h.c_str());
    if (next != nullptr) {
      (void)headers.release();
      headers.reset(next);
    }
  };
  add_header("Accept: application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
             "text/xml;q=0.9, text/html;q=0.5, */*;q=0.1");
  if (!request.etag.empty()) add_header("If-None-Match: " + request.etag);
  if (!request.last_modified.empty()) add_header("If-Modified-Since: " + request.last_modified);
  api.easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  const CURLcode rc = api.easy_perform(c);
  long status = 0;
  api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  r.status = status;
  char* final_url = nullptr;
  if (api.easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &final_url) == CURLE_OK && final_url != nullptr) {
    r.final_url = final_url;
  } else {
    r.final_url = request.url;
  }
  if (rc == CURLE_OK) {
    if (status >= 400) r.error = "HTTP " + std::to_string(status);
    return r;
  }
  r.body.clear();
  if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    r.error = "response larger than " + std::to_string(options.max_bytes >> 20) + " MiB; not read";
  } else if (rc == CURLE_OPERATION_TIMEDOUT) {
    r.error = "timed out after " + std::to_string(options.timeout_ms / 1000) + " s";
  } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
    r.error = "more than " + std::to_string(options.max_redirects) + " redirects (a redirect loop?)";
  } else {
    r.error = api.easy_strerror(rc);
  }
  return r;
}

std::optional<int64_t> ParseRetryAfter(std::string_view value, int64_t now) {
  value = TrimAscii(value);
  if (value.empty()) return std::nullopt;
  bool digits = value.size() <= 10;
  for (char ch : value) digits = digits && IsAsciiDigit(ch);
  if (digits) return std::stoll(std::string(value));
  std::optional<int64_t> at = ParseFeedDate(value);
  if (!at) return std::nullopt;
  return std::max<int64_t>(0, *at - now);
}

std::string HostOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  if (size_t at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
  return AsciiLowercase(host);
}

std::string PathOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "/";
  std::string_view rest = url.substr(scheme + 3);
  size_t slash = rest.find_first_of("/?");
  if (slash == std::string_view::npos) return "/";
  std::string path(rest.substr(slash));
  if (size_t hash = path.find('#'); hash != std::string::npos) path.resize(hash);
  if (path.empty() || path[0] != '/') path.insert(0, "/");
  return path;
}

std::string CharsetOf(std::string_view content_type) {
  std::string lower = AsciiLowercase(content_type);
  size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  std::string_view v = std::string_view(lower).substr(at + 8);
  v = v.substr(0, v.find(';'));
  v = TrimAscii(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
  return std::string(v);
}

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.rules_.push_back({"/", false});
  return r;
}

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view agent_token) {
  const std::string agent = AsciiLowercase(agent_token);
  // Groups: consecutive User-agent lines, then their rules.
  std::vector<Rule> mine, star;
  bool found_mine = false;
  bool in_agents = false;    // the last line was a User-agent line
  bool group_mine = false, group_star = false;
  for (std::string_view raw : SplitLines(text)) {
    std::string_view line = raw.substr(0, raw.find('#'));
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = AsciiLowercase(TrimAscii(line.substr(0, colon)));
    std::string value(TrimAscii(line.substr(colon + 1)));
    if (key == "user-agent") {
      if (!in_agents) group_mine = group_star = false;
      in_agents = true;
      std::string v = AsciiLowercase(value);
      if (v == "*") {
        group_star = true;
      } else if (!v.empty() && agent.find(v) != std::string::npos) {
        group_mine = true;
        found_mine = true;
      }
      continue;
    }
    in_agents = false;
    if (key != "allow" && key != "disallow") continue;
    if (key == "disallow" && value.empty()) continue;  // "Disallow:" allows everything
    Rule rule{value, key == "allow"};
    if (group_mine) mine.push_back(rule);
    if (group_star) star.push_back(rule);
  }
  RobotsRules r;
  r.rules_ = found_mine ? std::move(mine) : std::move(star);
  return r;
}

namespace {

// robots.txt patterns: "*" any run of characters, a final "$" the end.
bool Matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Greedy-free matcher over the pieces between stars.
  size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

bool RobotsRules::Allowed(std::string_view path) const {
  size_t best = 0;
  bool allowed = true;
  bool any = false;
  for (const Rule& rule : rules_) {
    if (!Matches(rule.pattern, path)) continue;
    if (!any || rule.pattern.size() > best || (rule.pattern.size() == best && rule.allow)) {
      best = rule.pattern.size();
      allowed = rule.allow;
      any = true;
    }
  }
  return allowed;
}

void HostGate::Acquire(const std::string& host) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !hosts_[host].busy; });
  Host& h = hosts_[host];
  h.busy = true;
  const auto next = h.next;
  lock.unlock();
  std::this_thread::sleep_until(next);
}

void HostGate::Release(const std::string& host) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    Host& h = hosts_[host];
    h.busy = false;
    h.next = std::chrono::steady_clock::now() + delay_;
  }
  cv_.notify_all();
}

}  // namespace rashomon::feeds
