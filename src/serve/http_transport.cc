#include "serve/http_transport.h"

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

namespace rashomon::serve {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string ErrorBody(const std::string& message) {
  return nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Members in this order: the sessions the I/O context still holds when it
// is destroyed use the options, hooks and counters declared before it.
struct HttpTransport::Impl {
  Impl(TransportOptions o, TransportHooks h)
      : options(std::move(o)), hooks(std::move(h)), acceptor(ioc), pool(static_cast<size_t>(std::max(1, options.workers))) {}

  void Accept();

  TransportOptions options;
  TransportHooks hooks;
  std::atomic<size_t> open{0};
  std::atomic<size_t> refused{0};
  std::atomic<size_t> requests{0};
  int port = 0;
  net::io_context ioc{1};
  tcp::acceptor acceptor;
  net::thread_pool pool;
};

namespace {

using RequestParser = http::request_parser<http::string_body>;

void SetLimits(RequestParser& parser, const TransportOptions& options) {
  parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
  parser.body_limit(options.max_body_bytes);
}

// The parsed header as an HttpRequest (body not yet), or a refusal when it
// has too many fields.
std::optional<Refusal> FromHeader(const RequestParser& parser, const TransportOptions& options, HttpRequest* req) {
  const auto& msg = parser.get();
  *req = HttpRequest();
  req->method = std::string(msg.method_string());
  req->target = std::string(msg.target());
  req->version = msg.version();
  size_t fields = 0;
  for (const auto& field : msg) {
    if (++fields > options.max_headers) {
      return Refusal{431, "more than " + std::to_string(options.max_headers) + " header fields"};
    }
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req->headers.emplace_back(std::move(name), std::string(field.value()));
  }
  ParseTarget(req->target, &req->path, &req->params);
  return std::nullopt;
}

// The answer to a parse error; null when the connection should just close
// (the client went away, or sent nothing).
std::optional<Refusal> RefusalFor(beast::error_code ec, bool in_body, const TransportOptions& options) {
  if (ec == beast::error::timeout) return Refusal{408, "the request took too long to arrive"};
  if (ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset ||
      ec == net::error::operation_aborted || (ec == http::error::partial_message && !in_body)) {
    return std::nullopt;
  }
  if (ec == http::error::header_limit) {
    return Refusal{431, "request headers over " + std::to_string(options.max_header_bytes) + " bytes"};
  }
  if (ec == http::error::body_limit) {
    return Refusal{413, "request body over " + std::to_string(options.max_body_bytes) + " bytes"};
  }
  if (ec == http::error::bad_content_length) return Refusal{400, "malformed Content-Length"};
  if (ec == http::error::partial_message) return Refusal{400, "the body ended early"};
  if (ec.category() == beast::error_code(http::error::bad_method).category()) {
    return Refusal{400, "malformed request: " + ec.message()};
  }
  return std::nullopt;
}

constexpr size_t kMaxDrainBytes = 1u << 20;

// One connection: read a request (headers, checks, body), answer it, and
// again while the client keeps the connection. Lives on the I/O thread.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpTransport::Impl* impl)
      : stream_(std::move(socket)), impl_(impl), deadline_(stream_.get_executor()) {
    ++impl_->open;
  }
  ~Session() { --impl_->open; }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start() { WaitForRequest(); }

 private:
  const TransportOptions& options() const { return impl_->options; }

  // Keep-alive: the next request may take idle_ms to start, then request_ms
  // for the whole of it.
  void WaitForRequest() {
    if (buffer_.size() > 0) return ReadHeader();  // pipelined bytes already here
    stream_.expires_after(std::chrono::milliseconds(options().idle_ms));
    auto space = buffer_.prepare(4096);
    stream_.async_read_some(space, [self = shared_from_this()](beast::error_code ec, size_t n) {
      if (ec) return self->Close();
      self->buffer_.commit(n);
      self->ReadHeader();
    });
  }

  void ReadHeader() {
    parser_.emplace();
    SetLimits(*parser_, options());
    // The whole request (headers and body) within request_ms. A timer of its
    // own rather than the stream's, which would close the socket before the
    // 408 could be said.
    stream_.expires_never();
    timed_out_ = false;
    deadline_.expires_after(std::chrono::milliseconds(options().request_ms));
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;  // cancelled: the request arrived in time
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) {
      deadline_.cancel();
      return ReadFailed(ec, /*in_body=*/false);
    }
    if (std::optional<Refusal> refusal = FromHeader(*parser_, options(), &request_)) return Refuse(*refusal);
    keep_alive_ = parser_->get().keep_alive();
    if (impl_->hooks.check) {
      if (std::optional<Refusal> refusal = impl_->hooks.check(request_)) return Refuse(*refusal);
    }
    if (parser_->is_done()) return OnBody({});
    const std::string* expect = request_.Header("expect");
    if (expect != nullptr && beast::iequals(*expect, "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, request_.version);
      return http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code e, size_t) {
        if (e) return self->Close();
        self->ReadBody();
      });
    }
    ReadBody();
  }

  void ReadBody() {
    // The deadline set before the headers still runs: it covers the whole request.
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
  }

  void OnBody(beast::error_code ec) {
    deadline_.cancel();
    if (ec) return ReadFailed(ec, /*in_body=*/true);
    std::string raw = parser_->release().body();
    request_.body = std::move(raw);
    std::string decoded;
    if (std::optional<Refusal> refusal = DecodeBody(request_, options().max_body_bytes, &decoded)) {
      return Refuse(*refusal);
    }
    request_.body = std::move(decoded);
    stream_.expires_never();
    if (impl_->hooks.is_inline && impl_->hooks.is_inline(request_)) {
      HttpResponse res;
      impl_->hooks.handle(request_, res);
      return Send(std::move(res));
    }
    net::post(impl_->pool, [self = shared_from_this()]() mutable {
      auto res = std::make_shared<HttpResponse>();
      self->impl_->hooks.handle(self->request_, *res);
      net::post(self->stream_.get_executor(), [self, res] { self->Send(std::move(*res)); });
    });
  }

  void ReadFailed(beast::error_code ec, bool in_body) {
    if (timed_out_) ec = beast::error::timeout;
    if (std::optional<Refusal> refusal = RefusalFor(ec, in_body, options())) return Refuse(*refusal);
    Close();
  }

  // An error answer; the connection is closed after it, since the rest of
  // the request (if any) was not read.
  void Refuse(const Refusal& refusal) {
    deadline_.cancel();
    HttpResponse res;
    res.status = refusal.status;
    res.Set(ErrorBody(refusal.message), "application/json; charset=utf-8");
    res.close = true;
    Send(std::move(res));
  }

  void Send(HttpResponse res) {
    ++impl_->requests;
    bool head = request_.method == "HEAD";
    auto out = std::make_shared<http::response<http::string_body>>();
    out->version(request_.version == 10 ? 10 : 11);
    out->result(static_cast<unsigned>(res.status));
    for (const auto& [name, value] : impl_->hooks.default_headers) out->set(name, value);
    if (!res.content_type.empty()) out->set(http::field::content_type, res.content_type);
    size_t length = res.body.size();
    if (!head) out->body() = std::move(res.body);
    close_after_ = res.close || !keep_alive_;
    out->keep_alive(!close_after_);
    out->content_length(head ? length : out->body().size());
    stream_.expires_after(std::chrono::milliseconds(options().write_ms));
    http::async_write(stream_, *out, [self = shared_from_this(), out](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      if (self->close_after_) return self->Linger();
      self->WaitForRequest();
    });
  }

  // Closes after an answer without dropping it: stop sending, then read and
  // discard what the client still sends (a bounded amount for a bounded
  // time), since closing with unread bytes resets the connection and may
  // destroy the answer before the client reads it.
  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::milliseconds(1000));
    Drain();
  }

  void Drain() {
    stream_.async_read_some(net::buffer(drain_), [self = shared_from_this()](beast::error_code ec, size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kMaxDrainBytes) return self->Close();
      self->Drain();
    });
  }

  void Close() {
    deadline_.cancel();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  HttpTransport::Impl* impl_;
  beast::flat_buffer buffer_{1u << 20};
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest request_;
  net::steady_timer deadline_;
  bool timed_out_ = false;
  bool keep_alive_ = true;
  bool close_after_ = false;
  size_t drained_ = 0;
  char drain_[16384];
};

// Said to a connection over the limit, before closing it.
constexpr char kBusy[] =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
    "Retry-After: 1\r\nConnection: close\r\nContent-Length: 32\r\n\r\n{\"error\":\"too many connections\"}";

}  // namespace

void HttpTransport::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [self = this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (!ec) {
      if (self->open.load() >= self->options.max_connections) {
        ++self->refused;
        beast::error_code ignored;
        socket.non_blocking(true, ignored);
        socket.write_some(net::buffer(kBusy, sizeof kBusy - 1), ignored);
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
      } else {
        std::make_shared<Session>(std::move(socket), self)->Start();
      }
    }
    self->Accept();
  });
}

HttpTransport::HttpTransport(TransportOptions options, TransportHooks hooks)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(hooks))) {}

HttpTransport::~HttpTransport() {
  Stop();
  impl_->pool.join();
}

Status HttpTransport::Bind() {
  const std::string& host = impl_->options.host;
  beast::error_code ec;
  net::ip::address address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) {
    tcp::resolver resolver(impl_->ioc);
    auto results = resolver.resolve(host, std::to_string(impl_->options.port), ec);
    if (ec || results.empty()) return Status::IoError("cannot listen on " + host + ": not an address this machine has");
    address = results.begin()->endpoint().address();
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
  auto fail = [&](const char* what) {
    return Status::IoError("cannot listen on " + host + ":" + std::to_string(impl_->options.port) + " (" + what +
                           ": " + ec.message() + ")");
  };
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  impl_->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  impl_->acceptor.bind(endpoint, ec);
  if (ec) return fail("bind");
  impl_->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  impl_->port = impl_->acceptor.local_endpoint().port();
  return Status::Ok();
}

std::optional<Refusal> ReadRequest(std::string_view bytes, const TransportOptions& options,
                                   const std::function<std::optional<Refusal>(const HttpRequest&)>& check,
                                   HttpRequest* req, size_t* used) {
  RequestParser parser;
  SetLimits(parser, options);
  beast::error_code ec;
  *used = 0;
  bool checked = false;
  while (!parser.is_done()) {
    size_t n = parser.put(net::buffer(bytes.data() + *used, bytes.size() - *used), ec);
    *used += n;
    if (ec == http::error::need_more) ec = {};
    if (!ec && n == 0) {  // no progress: the input is all there is
      parser.put_eof(ec);
      if (!ec && !parser.is_done()) ec = http::error::partial_message;
    }
    if (ec) {
      std::optional<Refusal> refusal = RefusalFor(ec, parser.is_header_done(), options);
      return refusal ? refusal : Refusal{400, "incomplete request"};
    }
    // As a connection does: the headers are checked before the body is read.
    if (parser.is_header_done() && !checked) {
      checked = true;
      if (std::optional<Refusal> refusal = FromHeader(parser, options, req)) return refusal;
      if (check) {
        if (std::optional<Refusal> refusal = check(*req)) return refusal;
      }
      parser.eager(true);
    }
  }
  if (!checked) {  // headers and the end of the message came in one piece
    if (std::optional<Refusal> refusal = FromHeader(parser, options, req)) return refusal;
    if (check) {
      if (std::optional<Refusal> refusal = check(*req)) return refusal;
    }
  }
  req->body = parser.release().body();
  std::string decoded;
  if (std::optional<Refusal> refusal = DecodeBody(*req, options.max_body_bytes, &decoded)) return refusal;
  req->body = std::move(decoded);
  return std::nullopt;
}

int HttpTransport::port() const { return impl_->port; }

void HttpTransport::Run() {
  impl_->Accept();
  impl_->ioc.run();
}

void HttpTransport::Stop() {
  impl_->ioc.stop();
  impl_->pool.stop();
}

TransportStats HttpTransport::stats() const {
  return {impl_->open.load(), impl_->refused.load(), impl_->requests.load()};
}

}  // namespace rashomon::serve
