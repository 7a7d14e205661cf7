#include "serve/http.h"

#include <arpa/inet.h>
#include <zlib.h>

#include <algorithm>

#include "base/strings.h"

namespace rashomon::serve {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "name:port" -> "name"; "[::1]:8080" -> "[::1]". Lower-cased.
std::string HostName(std::string_view host) {
  host = TrimAscii(host);
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    return AsciiLowercase(close == std::string_view::npos ? host : host.substr(0, close + 1));
  }
  size_t colon = host.find(':');
  return AsciiLowercase(colon == std::string_view::npos ? host : host.substr(0, colon));
}

// The port of "name:port", or -1 when none is given (or it is not a number).
int HostPort(std::string_view host) {
  host = TrimAscii(host);
  size_t from = 0;
  if (!host.empty() && host.front() == '[') {
    from = host.find(']');
    if (from == std::string_view::npos) return -1;
  }
  size_t colon = host.find(':', from);
  if (colon == std::string_view::npos) return -1;
  std::string_view digits = host.substr(colon + 1);
  if (digits.empty() || digits.size() > 5) return -2;
  int port = 0;
  for (char c : digits) {
    if (!IsAsciiDigit(c)) return -2;
    port = port * 10 + (c - '0');
  }
  return port;
}

bool IsIpLiteral(const std::string& name) {
  unsigned char buf[sizeof(in6_addr)];
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    std::string inner = name.substr(1, name.size() - 2);
    return inet_pton(AF_INET6, inner.c_str(), buf) == 1;
  }
  return inet_pton(AF_INET, name.c_str(), buf) == 1;
}

// "::1" -> "[::1]", so a bare IPv6 --host compares with Host headers.
std::string BracketIpv6(std::string_view host) {
  std::string h = AsciiLowercase(host);
  if (h.find(':') != std::string::npos && (h.empty() || h.front() != '[')) return "[" + h + "]";
  return h;
}

}  // namespace

const std::string* HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::string HttpRequest::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && c == '+') ? ' ' : c;
  }
  return out;
}

void ParseTarget(std::string_view target, std::string* path, std::multimap<std::string, std::string>* params) {
  size_t q = target.find('?');
  *path = PercentDecode(target.substr(0, q), /*plus_is_space=*/false);
  params->clear();
  if (q == std::string_view::npos) return;
  for (std::string_view pair : Split(target.substr(q + 1), '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name = PercentDecode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true);
    params->emplace(std::move(name), std::move(value));
  }
}

bool IsLoopbackHost(std::string_view host) {
  std::string h = BracketIpv6(host);
  return h == "localhost" || h == "[::1]" || (h.rfind("127.", 0) == 0 && IsIpLiteral(h));
}

bool IsWriteMethod(std::string_view method) { return method != "GET" && method != "HEAD"; }

bool IsJsonContentType(std::string_view content_type) {
  std::string_view type = TrimAscii(content_type.substr(0, content_type.find(';')));
  for (std::string_view ok : {"application/json", "application/x-ndjson", "application/jsonl",
                              "application/json-lines", "application/x-jsonlines", "application/jsonlines"}) {
    if (EqualsIgnoreCase(type, ok)) return true;
  }
  return false;
}

RequestGuard::RequestGuard(GuardOptions options) : options_(std::move(options)) {
  std::string h = BracketIpv6(options_.host);
  any_ip_literal_ = h == "0.0.0.0" || h == "[::]" || h.empty();
  for (std::string& a : options_.allow_hosts) a = BracketIpv6(a);
}

bool RequestGuard::HostAllowed(std::string_view host_header) const {
  if (HostPort(host_header) == -2) return false;
  std::string name = HostName(host_header);
  if (name.empty()) return false;
  if (name == "localhost" || name == "127.0.0.1" || name == "[::1]") return true;
  if (name == BracketIpv6(options_.host)) return true;
  if (std::find(options_.allow_hosts.begin(), options_.allow_hosts.end(), name) != options_.allow_hosts.end())
    return true;
  // An IP literal cannot be rebound to this server by someone else's DNS.
  return any_ip_literal_ && IsIpLiteral(name);
}

bool RequestGuard::OriginAllowed(std::string_view origin) const {
  origin = TrimAscii(origin);
  for (const std::string& allowed : options_.allow_origins) {
    if (EqualsIgnoreCase(origin, allowed)) return true;
  }
  constexpr std::string_view kScheme = "http://";
  if (origin.size() <= kScheme.size() || !EqualsIgnoreCase(origin.substr(0, kScheme.size()), kScheme))
    return false;
  std::string_view authority = origin.substr(kScheme.size());
  if (authority.find('/') != std::string_view::npos || authority.find('@') != std::string_view::npos) return false;
  int port = HostPort(authority);
  if (port == -2) return false;
  if (port == -1) port = 80;
  return port == options_.port && HostAllowed(authority);
}

std::optional<Refusal> RequestGuard::Check(const HttpRequest& req) const {
  const std::string* host = req.Header("host");
  if (host == nullptr) {
    if (req.version >= 11) return Refusal{400, "Host header missing"};
  } else if (!HostAllowed(*host)) {
    return Refusal{421, "this server does not answer to the host \"" + Excerpt(*host) +
                            "\" (start it with --allow-host NAME to accept it)"};
  }
  if (!IsWriteMethod(req.method)) return std::nullopt;
  if (const std::string* origin = req.Header("origin"); origin != nullptr && !OriginAllowed(*origin)) {
    return Refusal{403, "writes from the origin \"" + Excerpt(*origin) +
                            "\" are not accepted (start the server with --allow-origin to accept it)"};
  }
  if (!options_.token.empty()) {
    const std::string* auth = req.Header("authorization");
    std::string expected = "Bearer " + options_.token;
    // Compared in time independent of where they differ.
    bool ok = auth != nullptr && auth->size() == expected.size();
    unsigned char diff = 0;
    for (size_t i = 0; ok && i < expected.size(); ++i) diff |= static_cast<unsigned char>((*auth)[i] ^ expected[i]);
    if (!ok || diff != 0) return Refusal{401, "writes need the server's token: Authorization: Bearer TOKEN"};
  }
  const std::string* type = req.Header("content-type");
  if (type == nullptr || !IsJsonContentType(*type)) {
    return Refusal{415, "Content-Type must be application/json or application/x-ndjson (JSON Lines), got \"" +
                            Excerpt(type ? *type : std::string()) + "\""};
  }
  return std::nullopt;
}

std::optional<Refusal> DecodeBody(const HttpRequest& req, size_t budget, std::string* body) {
  const std::string* encoding = req.Header("content-encoding");
  std::string_view enc = encoding ? TrimAscii(*encoding) : std::string_view();
  if (enc.empty() || EqualsIgnoreCase(enc, "identity")) {
    if (req.body.size() > budget) return Refusal{413, "request body over " + std::to_string(budget) + " bytes"};
    *body = req.body;
    return std::nullopt;
  }
  int window;
  if (EqualsIgnoreCase(enc, "gzip") || EqualsIgnoreCase(enc, "x-gzip")) {
    window = 15 + 16;
  } else if (EqualsIgnoreCase(enc, "deflate")) {
    window = 15;
  } else {
    return Refusal{415, "Content-Encoding must be gzip, deflate or identity"};
  }
  z_stream z{};
  if (inflateInit2(&z, window) != Z_OK) return Refusal{500, "cannot decompress"};
  body->clear();
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(req.body.data()));
  z.avail_in = static_cast<uInt>(req.body.size());
  char out[16384];
  int rc = Z_OK;
  std::optional<Refusal> refusal;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = sizeof out;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      refusal = Refusal{400, "the compressed body is broken"};
      break;
    }
    size_t got = sizeof out - z.avail_out;
    if (body->size() + got > budget) {
      refusal = Refusal{413, "request body over " + std::to_string(budget) + " bytes once decompressed"};
      break;
    }
    body->append(out, got);
    if (rc == Z_OK && z.avail_in == 0 && got == 0) {
      refusal = Refusal{400, "the compressed body is truncated"};
      break;
    }
  }
  inflateEnd(&z);
  if (refusal) body->clear();
  return refusal;
}

}  // namespace rashomon::serve
