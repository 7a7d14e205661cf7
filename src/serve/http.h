// The HTTP layer of `rashomon serve`: request and response values, the
// checks a local server makes before it trusts a request (RequestGuard), and
// the body decoding under one byte budget. The transport (http_transport.h)
// reads requests off sockets; everything here is plain functions over
// values, so tests and the request fuzzer drive it without a socket.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rashomon::serve {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::string path;    // percent-decoded, without the query
  std::multimap<std::string, std::string> params;  // decoded query, sorted by name
  // Header fields, names lower-cased, in arrival order.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;    // decoded (chunked and Content-Encoding undone)
  std::string match;   // the route's tail: ID of /api/stories/ID, NAME of /assets/NAME
  int version = 11;    // 10 or 11

  // The first field of that (lower-case) name, or null.
  const std::string* Header(std::string_view name) const;
  bool HasParam(const std::string& name) const { return params.count(name) > 0; }
  // The first value of the query parameter, or "".
  std::string Param(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type;
  bool close = false;  // end the connection after this response
  void Set(std::string content, std::string type) {
    body = std::move(content);
    content_type = std::move(type);
  }
};

// "%41+b" -> "A b" (plus as space only when `plus_is_space`). Invalid
// escapes stay as they are.
std::string PercentDecode(std::string_view s, bool plus_is_space);
// Splits a target into its decoded path and query parameters.
void ParseTarget(std::string_view target, std::string* path, std::multimap<std::string, std::string>* params);

// Who may talk to the server and how (see ServerOptions).
struct GuardOptions {
  std::string host;                       // the --host it listens on
  int port = 0;                           // the bound port
  std::vector<std::string> allow_hosts;   // more Host names accepted
  std::vector<std::string> allow_origins; // more Origins accepted for writes
  std::string token;                      // required for writes when not empty
};

// A refusal: status and a message for the {"error": ...} body.
struct Refusal {
  int status;
  std::string message;
};

// The checks every request passes before a handler sees it:
//   - Host names this server: localhost, 127.0.0.1, [::1], the --host, an
//     allow-listed name, or (when listening on every interface) any IP
//     literal. A DNS-rebinding page sends its own name and is refused (421).
//   - Writes (any method but GET/HEAD): Content-Type application/json or
//     JSON Lines (415 otherwise; a browser can send text/plain across
//     origins without asking); an Origin, when sent, of this server or on
//     the allow list (403); the token, when one is set, as
//     "Authorization: Bearer TOKEN" (401).
class RequestGuard {
 public:
  explicit RequestGuard(GuardOptions options);
  // Null when the request may go on. Only the method and headers are read.
  std::optional<Refusal> Check(const HttpRequest& req) const;
  bool HostAllowed(std::string_view host_header) const;
  bool OriginAllowed(std::string_view origin) const;

 private:
  GuardOptions options_;
  bool any_ip_literal_ = false;  // listening on 0.0.0.0 or ::
};

bool IsLoopbackHost(std::string_view host);
bool IsWriteMethod(std::string_view method);
// Content types a write accepts (parameters such as charset ignored).
bool IsJsonContentType(std::string_view content_type);

// The body after its Content-Encoding (identity, gzip or deflate), holding
// at most `budget` decoded bytes: 413 when it would be more, 400 when the
// compressed data is broken, 415 for another encoding.
std::optional<Refusal> DecodeBody(const HttpRequest& req, size_t budget, std::string* body);

}  // namespace rashomon::serve
