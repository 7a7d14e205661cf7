#include "serve/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <chrono>
#include <thread>

#include "serve/test_fixture.h"

namespace rashomon::serve {
namespace {

using Json = nlohmann::json;

// A server on an ephemeral loopback port over the hand-built fixture.
class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::Fixture f = testing::MakeFixture(20);
    backend_ = std::make_unique<MemoryBackend>(std::move(f.articles), std::move(f.report));
    ServerOptions options;
    options.port = 0;
    options.max_body_bytes = 64 * 1024;
    options.max_json_depth = 8;
    options.max_page = 2;
    options.default_page = 2;
    options.threads = 4;
    server_ = std::make_unique<Server>(backend_.get(), options);
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = std::thread([this] { server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    // Run() may not be accepting yet; the listening socket queues us anyway.
  }
  void TearDown() override {
    server_->Stop();
    thread_.join();
  }

  Json GetJson(const std::string& path, int expect) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return Json();
    EXPECT_EQ(res->status, expect) << path << ": " << res->body;
    EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos)
        << path;
    return Json::parse(res->body, nullptr, false);
  }

  // Sends raw bytes and returns whatever comes back before the server closes.
  std::string Raw(const std::string& bytes) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(server_->port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(::send(fd, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size()));
    ::shutdown(fd, SHUT_WR);
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
    ::close(fd);
    return out;
  }

  std::unique_ptr<MemoryBackend> backend_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, HealthAndSecurityHeaders) {
  auto res = client_->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Json::parse(res->body)["status"], "ok");
  auto page = client_->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("/assets/app.js"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  std::string csp = page->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  // Errors carry the headers too.
  auto missing = client_->Get("/no/such/page");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServerTest, AssetsAreServedByNameOnly) {
  auto js = client_->Get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
  auto css = client_->Get("/assets/style.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  auto icon = client_->Get("/assets/favicon.svg");
  ASSERT_TRUE(icon);
  EXPECT_EQ(icon->status, 200);
  EXPECT_EQ(icon->get_header_value("Content-Type"), "image/svg+xml");
  auto page = client_->Get("/");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/assets/favicon.svg\">"),
            std::string::npos);
  for (const char* path :
       {"/assets/../../../../etc/passwd", "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2fetc%2fpasswd", "/assets//etc/passwd", "/../../etc/passwd",
        "/assets/../CMakeLists.txt", "/assets/index.html"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->body.find("root:"), std::string::npos) << path;
  }
  // The same through a raw request line, which no client normalises.
  std::string raw = Raw(
      "GET /assets/../../../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(raw.find("root:"), std::string::npos);
  EXPECT_EQ(raw.find("200 OK"), std::string::npos);
}

TEST_F(ServerTest, StoriesArePagedSortedAndFiltered) {
  Json first = GetJson("/api/stories", 200);
  EXPECT_EQ(first["total"], 3);
  ASSERT_EQ(first["stories"].size(), 2u);  // default_page
  EXPECT_EQ(first["stories"][0]["id"], "s-big");
  EXPECT_EQ(first["stories"][0]["articles"], 20);
  Json second = GetJson("/api/stories?offset=2&limit=2", 200);
  ASSERT_EQ(second["stories"].size(), 1u);
  EXPECT_EQ(second["stories"][0]["id"], "s-quiet");
  EXPECT_EQ(second["offset"], 2);
  Json recent = GetJson("/api/stories?sort=recency&limit=1", 200);
  EXPECT_EQ(recent["stories"][0]["id"], "s-harbor");
  Json harbor = GetJson("/api/stories?sort=recency&limit=1", 200)["stories"][0];
  EXPECT_EQ(harbor["conflicts"], 2);
  EXPECT_EQ(harbor["first"], "2024-05-01T08:00:00Z");
  Json q = GetJson("/api/stories?q=crane", 200);
  ASSERT_EQ(q["total"], 1);
  EXPECT_EQ(q["stories"][0]["id"], "s-harbor");
  Json outlet = GetJson("/api/stories?outlet=Town%20Notes", 200);
  ASSERT_EQ(outlet["total"], 1);
  EXPECT_EQ(outlet["stories"][0]["id"], "s-quiet");
  Json dates = GetJson("/api/stories?from=2024-04-20&to=2024-04-27", 200);
  ASSERT_EQ(dates["total"], 1);
  EXPECT_EQ(dates["stories"][0]["id"], "s-quiet");
}

TEST_F(ServerTest, TopicsAndTheStoriesOfATopic) {
  Json topics = GetJson("/api/topics", 200);
  EXPECT_EQ(topics["computed"], true);
  ASSERT_EQ(topics["topics"].size(), 1u);
  const Json& t = topics["topics"][0];
  EXPECT_EQ(t["id"], "t-harborbig");
  EXPECT_EQ(t["label"], std::string("Collapse, workers: Harbor ") + testing::kHostile);  // JSON, not markup
  EXPECT_EQ(t["terms"][0], "collapse");
  ASSERT_EQ(t["stories"].size(), 2u);
  EXPECT_EQ(t["stories"][0]["id"], "s-harbor");
  EXPECT_EQ(t["stories"][0]["headline"], "Harbor crane collapse injures 12 workers");
  Json in_topic = GetJson("/api/stories?topic=t-harborbig", 200);
  EXPECT_EQ(in_topic["total"], 2);
  EXPECT_EQ(in_topic["stories"][0]["topic"], "t-harborbig");
  Json quiet = GetJson("/api/stories?outlet=Town%20Notes", 200);
  EXPECT_TRUE(quiet["stories"][0]["topic"].is_null());
  EXPECT_EQ(GetJson("/api/stories?topic=t-nothing", 200)["total"], 0);
}

TEST_F(ServerTest, BadQueriesAre400WithAReason) {
  for (const char* path :
       {"/api/stories?limit=0", "/api/stories?limit=3", "/api/stories?limit=abc",
        "/api/stories?offset=-1", "/api/stories?sort=popularity", "/api/stories?from=yesterday"}) {
    Json j = GetJson(path, 400);
    ASSERT_TRUE(j.contains("error")) << path;
    EXPECT_FALSE(j["error"].get<std::string>().empty()) << path;
  }
}

TEST_F(ServerTest, StoryAndArticle) {
  Json story = GetJson("/api/stories/s-harbor", 200);
  EXPECT_EQ(story["headline"], "Harbor crane collapse injures 12 workers");
  EXPECT_EQ(story["facts"].size(), 3u);
  EXPECT_EQ(story["provenance"][0]["from"], "wire-1");
  EXPECT_EQ(GetJson("/api/stories/s-nope", 404)["error"].get<std::string>().find("no story"), 0u);

  Json article = GetJson("/api/articles/copy-1", 200);
  EXPECT_EQ(article["story"], "s-harbor");
  EXPECT_EQ(article["source"], "Daily Ledger");
  bool corroborated = false;
  for (const Json& p : article["paragraphs"]) {
    for (const Json& s : p["sentences"]) corroborated |= s["mark"] == "corroborated";
  }
  EXPECT_TRUE(corroborated);
  GetJson("/api/articles/nope", 404);
}

TEST_F(ServerTest, IdsWithSlashesAndEscapes) {
  std::vector<Article> batch(1);
  batch[0].id = "https://example.com/a/b?c=1";
  batch[0].source = "Slashes";
  batch[0].text = "A short article.\n";
  ASSERT_TRUE(backend_->Ingest(batch).ok());
  auto res = client_->Get(("/api/articles/https%3A%2F%2Fexample.com%2Fa%2Fb%3Fc%3D1"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json::parse(res->body)["source"], "Slashes");
}

TEST_F(ServerTest, PostIngestsObjectsArraysAndLines) {
  auto one =
      client_->Post("/api/articles", R"({"id": "p1", "source": "Poster", "title": "<b>bold</b>",
      "text": "The council approved the new budget on Tuesday after a long debate."})",
                    "application/json");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 201) << one->body;
  Json r = Json::parse(one->body);
  ASSERT_EQ(r["articles"].size(), 1u);
  EXPECT_EQ(r["articles"][0]["id"], "p1");
  EXPECT_EQ(r["articles"][0]["new"], true);
  EXPECT_FALSE(r["articles"][0]["story"].is_null());
  Json a = GetJson("/api/articles/p1", 200);
  EXPECT_EQ(a["title"], "<b>bold</b>");  // stored as text; escaping is the page's job
  EXPECT_EQ(a["story"], r["articles"][0]["story"]);

  auto arr =
      client_->Post("/api/articles", R"([{"id": "p2", "text": "First posted article text here."},
      {"id": "p3", "text": "Second posted article text here."}])",
                    "application/json");
  ASSERT_TRUE(arr);
  EXPECT_EQ(arr->status, 201) << arr->body;
  EXPECT_EQ(Json::parse(arr->body)["articles"].size(), 2u);

  auto lines = client_->Post("/api/articles",
                             "{\"id\": \"p4\", \"text\": \"Line one article.\"}\n{\"id\": \"p5\", "
                             "\"text\": \"Line two article.\"}\n",
                             "application/x-ndjson");
  ASSERT_TRUE(lines);
  EXPECT_EQ(lines->status, 201) << lines->body;
  EXPECT_EQ(Json::parse(lines->body)["articles"].size(), 2u);
  GetJson("/api/articles/p5", 200);

  // One bad line among good ones: the good one is stored, the bad one named.
  auto mixed =
      client_->Post("/api/articles", "{\"id\": \"p6\", \"text\": \"Fine article.\"}\n{not json}\n",
                    "application/x-ndjson");
  ASSERT_TRUE(mixed);
  EXPECT_EQ(mixed->status, 201) << mixed->body;
  Json m = Json::parse(mixed->body);
  EXPECT_EQ(m["articles"].size(), 1u);
  ASSERT_EQ(m["errors"].size(), 1u);
  // Named by its line, without the command line's prefix or the reader's
  // internal file name.
  const std::string error = m["errors"][0].get<std::string>();
  EXPECT_EQ(error.rfind("line 2", 0), 0u) << error;
  EXPECT_EQ(error.find("rashomon:"), std::string::npos) << error;
  EXPECT_EQ(error.find(".jsonl"), std::string::npos) << error;
}

// Repeated GETs come from the server's cache; a post through the server
// drops it, so lists, stories and articles show the new content at once.
TEST_F(ServerTest, KeptResponsesAreDroppedByAnIngest) {
  const Json before = GetJson("/api/stories?limit=1", 200);
  EXPECT_EQ(GetJson("/api/stories?limit=1", 200), before);
  GetJson("/api/articles/fresh-1", 404);  // errors are never kept
  auto posted = client_->Post("/api/articles",
                              R"({"id": "fresh-1", "source": "Late Desk", "title": "Harbour lights",
                              "text": "The harbour lights of Quellport were switched on again on Sunday after repairs."})",
                              "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  const Json after = GetJson("/api/stories?limit=1", 200);
  EXPECT_EQ(after["total"].get<int>(), before["total"].get<int>() + 1);
  GetJson("/api/articles/fresh-1", 200);
}

TEST_F(ServerTest, BadBodiesAreRefusedClearly) {
  auto big =
      client_->Post("/api/articles", std::string(100 * 1024, ' ') + "{}", "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_NE(big->body.find("body over 65536 bytes"), std::string::npos) << big->body;

  std::string deep = std::string(50, '[') + std::string(50, ']');
  auto nested = client_->Post("/api/articles", deep, "application/json");
  ASSERT_TRUE(nested);
  EXPECT_EQ(nested->status, 400);
  EXPECT_NE(nested->body.find("deeper"), std::string::npos);

  for (const char* body : {"", "   ", "not json", "[1, 2]", "[{\"id\": \"x\"", "{\"id\": \"x\"}",
                           "\"str\"", "{\"text\": 5}"}) {
    auto res = client_->Post("/api/articles", body, "application/json");
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body << " -> " << res->body;
    EXPECT_TRUE(Json::parse(res->body, nullptr, false).contains("error")) << body;
  }
}

TEST_F(ServerTest, MalformedRequestsDoNotStopTheServer) {
  Raw("GARBAGE\r\n\r\n");
  Raw("GET /api/stories HTTP/1.1\r\nContent-Length: -5\r\n\r\n");
  Raw("POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n{}");
  Raw("POST /api/articles HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
  Raw(std::string("GET /") + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n");
  Raw(std::string("GET /api/stories/\x01\xff%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  auto res = client_->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

// A client that trickles its request is cut off at the whole-request
// deadline with 408, however often it sends a byte; the server stays free.
TEST(ServerLimits, WholeRequestDeadline) {
  testing::Fixture f = testing::MakeFixture(4);
  MemoryBackend backend(std::move(f.articles), std::move(f.report));
  ServerOptions options;
  options.port = 0;
  options.request_ms = 300;
  Server server(&backend, options);
  ASSERT_TRUE(server.Bind().ok());
  std::thread t([&] { server.Run(); });
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  std::string head = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n";
  ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  // One header line every 50 ms for up to 3 s: far more often than any
  // per-read timeout, and the answer must come long before the end.
  int lines_sent = 0;
  std::string answer;
  for (; lines_sent < 60; ++lines_sent) {
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n > 0) {
      answer.assign(buf, static_cast<size_t>(n));
      break;
    }
    if (::send(fd, "X-Trickle: 1\r\n", 14, MSG_NOSIGNAL) <= 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::close(fd);
  EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 408") << answer;
  EXPECT_LT(lines_sent, 60);
  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  server.Stop();
  t.join();
}

// Refusals come before the body is read: a wrong Host or Origin, a write
// to a route that takes none, or a wrong type is answered at once even
// when a large body was announced (and is never sent).
TEST_F(ServerTest, RefusedBeforeTheBodyIsRead) {
  auto status_of = [](const std::string& r) { return r.size() > 12 ? r.substr(9, 3) : r; };
  const std::string big = "Content-Length: 60000\r\n\r\n";
  EXPECT_EQ(status_of(Raw("POST /api/articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n" + big)), "415");
  EXPECT_EQ(status_of(Raw("POST /api/stories HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + big)),
            "405");
  EXPECT_EQ(status_of(Raw("PUT /nowhere HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + big)), "404");
  EXPECT_EQ(status_of(Raw("POST /api/articles HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n" + big)),
            "421");
  // Expect: 100-continue (curl asks for it before large bodies) is answered
  // with 100 and the body then read.
  std::string body = R"({"id": "cont-1", "text": "The Brannock ferry resumed service on Monday."})";
  std::string r = Raw("POST /api/articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) +
                      "\r\n\r\n" + body);
  EXPECT_EQ(r.rfind("HTTP/1.1 100 Continue", 0), 0u) << r;
  EXPECT_NE(r.find("HTTP/1.1 201"), std::string::npos) << r;
}

TEST(JsonDepth, CountsNestingOutsideStrings) {
  EXPECT_EQ(JsonDepth("{}"), 1);
  EXPECT_EQ(JsonDepth("[[{}]]"), 3);
  EXPECT_EQ(JsonDepth(R"({"a": "[[[[[[["})"), 1);
  EXPECT_EQ(JsonDepth(R"({"a": "\"[[["})"), 1);
  EXPECT_EQ(JsonDepth("{\"a\":{}}\n{\"b\":1}"), 2);
}

}  // namespace
}  // namespace rashomon::serve
