// HttpTransport: HTTP/1.1 over TCP for `rashomon serve`, on Boost.Beast and
// Asio. One I/O thread reads and writes every connection (an idle or slow
// connection holds a few kilobytes, never a thread); handlers run on a pool
// of workers, except those the owner marks inline (cheap ones such as the
// health check, which so answer even while every worker is busy).
//
// Limits, each answered with a JSON error and the connection closed:
//   - header block over max_header_bytes or more than max_headers fields: 431;
//   - a body over max_body_bytes however it arrives: with Content-Length,
//     chunked, or compressed (the decoded bytes count, see DecodeBody): 413;
//   - a malformed or negative Content-Length, a bad chunk: 400;
//   - a request whose headers and body take longer than request_ms in all
//     (not per read): 408; a keep-alive connection idle for idle_ms is closed;
//   - more than max_connections open at once: the excess gets 503 at once.
// Range is not supported (answered whole with 200), so no request makes a
// response larger than the resource. Pipelined requests are answered in
// order.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "serve/http.h"

namespace rashomon::serve {

struct TransportOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  size_t max_body_bytes = 16u << 20;
  size_t max_header_bytes = 16u << 10;
  size_t max_headers = 100;
  int request_ms = 10000;
  int idle_ms = 5000;
  int write_ms = 30000;
  size_t max_connections = 512;
  int workers = 32;
};

struct TransportHooks {
  // With the headers read and the body not yet: a refusal ends the request
  // before any body byte is read.
  std::function<std::optional<Refusal>(const HttpRequest&)> check;
  // True: `handle` runs on the I/O thread (it must be quick).
  std::function<bool(const HttpRequest&)> is_inline;
  std::function<void(HttpRequest&, HttpResponse&)> handle;
  // Sent with every response (security headers).
  std::vector<std::pair<std::string, std::string>> default_headers;
};

// Counters for tests and diagnostics.
struct TransportStats {
  size_t open = 0;      // connections open now
  size_t refused = 0;   // connections refused as over max_connections
  size_t requests = 0;  // requests answered (errors included)
};

class HttpTransport {
 public:
  HttpTransport(TransportOptions options, TransportHooks hooks);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  Status Bind();
  int port() const;
  // Serves on the calling thread until Stop().
  void Run();
  void Stop();
  TransportStats stats() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Reads one request from the front of `bytes` as a connection does (the
// same parser and limits, `check` on the headers, the body decoded); the end
// of `bytes` is the end of the stream. *used receives the bytes taken, so
// pipelined requests can be read one after another. For the request fuzzer
// and tests.
std::optional<Refusal> ReadRequest(std::string_view bytes, const TransportOptions& options,
                                   const std::function<std::optional<Refusal>(const HttpRequest&)>& check,
                                   HttpRequest* req, size_t* used);

// The JSON error body every refusal carries: {"error": message}.
std::string ErrorBody(const std::string& message);

}  // namespace rashomon::serve
