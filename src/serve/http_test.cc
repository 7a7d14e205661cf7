#include "serve/http.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace rashomon::serve {
namespace {

HttpRequest Request(std::string method, std::vector<std::pair<std::string, std::string>> headers) {
  HttpRequest req;
  req.method = std::move(method);
  req.path = "/api/articles";
  req.headers = std::move(headers);
  return req;
}

RequestGuard Guard(std::string host = "127.0.0.1", std::string token = "") {
  GuardOptions o;
  o.host = std::move(host);
  o.port = 8123;
  o.allow_hosts = {"news.box.lan"};
  o.allow_origins = {"http://tools.example:3000"};
  o.token = std::move(token);
  return RequestGuard(o);
}

TEST(RequestGuard, HostMustNameThisServer) {
  RequestGuard g = Guard();
  for (const char* ok : {"localhost", "LOCALHOST:8123", "127.0.0.1:8123", "[::1]:8123", "[::1]", "news.box.lan:9"}) {
    EXPECT_TRUE(g.HostAllowed(ok)) << ok;
  }
  // A rebinding page sends its own name; other addresses are not this server.
  for (const char* bad : {"attacker.example", "attacker.example:8123", "localhost.attacker.example",
                          "127.0.0.1.nip.io", "10.1.2.3", "", "localhost:80x", "[::1"}) {
    EXPECT_FALSE(g.HostAllowed(bad)) << bad;
  }
  auto refusal = g.Check(Request("GET", {{"host", "rebind.invalid:8123"}}));
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->status, 421);
  EXPECT_NE(refusal->message.find("--allow-host"), std::string::npos);
  EXPECT_FALSE(g.Check(Request("GET", {{"host", "localhost:8123"}})));
  // HTTP/1.1 needs a Host.
  auto missing = g.Check(Request("GET", {}));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
}

TEST(RequestGuard, ListeningEverywhereAcceptsIpLiteralsOnly) {
  RequestGuard g = Guard("0.0.0.0");
  EXPECT_TRUE(g.HostAllowed("192.168.4.7:8123"));
  EXPECT_TRUE(g.HostAllowed("[fe80::1]:8123"));
  EXPECT_FALSE(g.HostAllowed("evil.example:8123"));
  RequestGuard named = Guard("studio.local");
  EXPECT_TRUE(named.HostAllowed("studio.local:8123"));
  EXPECT_FALSE(named.HostAllowed("192.168.4.7:8123"));
}

TEST(RequestGuard, WritesNeedJsonAndThisServersOrigin) {
  RequestGuard g = Guard();
  auto post = [&](std::vector<std::pair<std::string, std::string>> extra) {
    std::vector<std::pair<std::string, std::string>> h = {{"host", "127.0.0.1:8123"}};
    h.insert(h.end(), extra.begin(), extra.end());
    return g.Check(Request("POST", h));
  };
  EXPECT_FALSE(post({{"content-type", "application/json"}}));  // no Origin: curl, scripts
  EXPECT_FALSE(post({{"content-type", "application/x-ndjson; charset=utf-8"}}));
  EXPECT_FALSE(post({{"content-type", "Application/JSON"}, {"origin", "http://127.0.0.1:8123"}}));
  EXPECT_FALSE(post({{"content-type", "application/json"}, {"origin", "http://localhost:8123"}}));
  EXPECT_FALSE(post({{"content-type", "application/json"}, {"origin", "http://tools.example:3000"}}));
  // What a page elsewhere can send without a preflight.
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    auto r = post({{"content-type", type}});
    ASSERT_TRUE(r) << type;
    EXPECT_EQ(r->status, 415) << type;
  }
  EXPECT_EQ(post({})->status, 415);
  for (const char* origin : {"http://evil.example", "http://127.0.0.1:8124", "http://localhost", "null",
                             "https://127.0.0.1:8123", "http://127.0.0.1:8123@evil.example",
                             "http://localhost:8123/x"}) {
    auto r = post({{"content-type", "application/json"}, {"origin", origin}});
    ASSERT_TRUE(r) << origin;
    EXPECT_EQ(r->status, 403) << origin;
  }
}

TEST(RequestGuard, TokenGuardsWritesOnly) {
  RequestGuard g = Guard("127.0.0.1", "s3cret-tok");
  std::vector<std::pair<std::string, std::string>> h = {{"host", "localhost"}, {"content-type", "application/json"}};
  EXPECT_FALSE(g.Check(Request("GET", {{"host", "localhost"}})));
  EXPECT_EQ(g.Check(Request("POST", h))->status, 401);
  auto wrong = h;
  wrong.emplace_back("authorization", "Bearer s3cret-tol");
  EXPECT_EQ(g.Check(Request("POST", wrong))->status, 401);
  auto right = h;
  right.emplace_back("authorization", "Bearer s3cret-tok");
  EXPECT_FALSE(g.Check(Request("POST", right)));
}

TEST(IsLoopbackHost, NamesTheLoopback) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.3.4.5"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("192.168.1.2"));
  EXPECT_FALSE(IsLoopbackHost("127.example"));
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(DecodeBody, DecodedBytesCountAgainstTheBudget) {
  HttpRequest req;
  req.headers = {{"content-encoding", "gzip"}};
  req.body = Gzip(std::string(5000, 'x'));
  std::string body;
  EXPECT_FALSE(DecodeBody(req, 5000, &body));
  EXPECT_EQ(body, std::string(5000, 'x'));
  // A bomb: 2 MB of zeros in a few kilobytes stops at the budget.
  req.body = Gzip(std::string(2u << 20, '\0'));
  EXPECT_LT(req.body.size(), 10000u);
  auto over = DecodeBody(req, 1u << 20, &body);
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 413);
  EXPECT_TRUE(body.empty());
  req.body = req.body.substr(0, req.body.size() / 2);
  EXPECT_EQ(DecodeBody(req, 4u << 20, &body)->status, 400);  // truncated
  req.body = "not gzip at all";
  EXPECT_EQ(DecodeBody(req, 4u << 20, &body)->status, 400);
  req.headers = {{"content-encoding", "br"}};
  EXPECT_EQ(DecodeBody(req, 4u << 20, &body)->status, 415);
  req.headers = {};
  req.body = std::string(101, 'a');
  EXPECT_EQ(DecodeBody(req, 100, &body)->status, 413);
}

TEST(ParseTarget, DecodesPathAndQuery) {
  std::string path;
  std::multimap<std::string, std::string> params;
  ParseTarget("/api/stories/s%2D1?q=harbour+lights&limit=2&q=%E2%82%AC&flag", &path, &params);
  EXPECT_EQ(path, "/api/stories/s-1");
  EXPECT_EQ(params.count("q"), 2u);
  EXPECT_EQ(params.find("limit")->second, "2");
  EXPECT_EQ(params.find("q")->second, "harbour lights");
  EXPECT_EQ(params.count("flag"), 1u);
  EXPECT_EQ(PercentDecode("%zz%4", false), "%zz%4");
}

}  // namespace
}  // namespace rashomon::serve
