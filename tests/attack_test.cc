// Attacks on `rashomon serve`, as a page or a process on this machine could
// make them, against the real binary on a loopback port. Each case checks the
// status the server answers; the server's peak memory (VmHWM) must stay under
// kMaxServerRssKb through all of them, and /healthz must answer within
// 100 ms while 200 slow clients hold connections open. Bounded in time: every
// socket has a receive timeout and every attack sends a bounded amount.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RASHOMON_ATTACK_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define RASHOMON_ATTACK_UNDER_ASAN 1
#endif

// The server's peak resident memory, all attacks included (the bundled
// sample served from memory needs about 50 MB of it), and the slowest
// /healthz answer allowed beside the slow clients. A sanitizer build (the
// robustness suite builds the server and this test alike) keeps freed
// memory in quarantine and runs several times slower, so its bounds are
// looser; the Release suite holds the stated ones.
#ifdef RASHOMON_ATTACK_UNDER_ASAN
constexpr long kMaxServerRssKb = 1024 * 1024;
constexpr double kMaxHealthMs = 500;
#else
constexpr long kMaxServerRssKb = 256 * 1024;
constexpr double kMaxHealthMs = 100;
#endif

class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> extra) {
    int err[2];
    if (pipe(err) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(err[1], 2);
      close(err[0]);
      close(err[1]);
      std::vector<std::string> args = {RASHOMON_BINARY, "-q", "serve", "--port", "0"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(err[1]);
    // "rashomon: serving ... at http://127.0.0.1:PORT/"
    std::string seen;
    char c;
    std::regex port_re(R"(127\.0\.0\.1:(\d+)/)");
    std::smatch m;
    while (read(err[0], &c, 1) == 1) {
      seen += c;
      if (c == '\n' && std::regex_search(seen, m, port_re)) {
        port_ = std::stoi(m[1]);
        break;
      }
    }
    stderr_fd_ = err[0];
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status;
      waitpid(pid_, &status, 0);
    }
    if (stderr_fd_ >= 0) close(stderr_fd_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  // A field of /proc/PID/status in kB (VmRSS, VmHWM).
  long StatusKb(const std::string& field) const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
    }
    return -1;
  }
  bool Alive() const { return kill(pid_, 0) == 0; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int stderr_fd_ = -1;
};

int Connect(int port, int timeout_ms = 5000) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Everything until the peer closes (or the receive timeout).
std::string ReadAll(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

// Sends `head` and then `next()` pieces until the server answers (or
// `total` bytes went out), as an attacker streaming a huge request would;
// returns the answer.
template <typename Next>
std::string StreamUntilAnswered(int port, const std::string& head, Next next, size_t total) {
  int fd = Connect(port);
  EXPECT_GE(fd, 0);
  if (fd < 0) return "";
  send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  size_t sent = 0;
  while (sent < total) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 0) > 0) break;  // answered (or closed)
    std::string piece = next();
    ssize_t n = send(fd, piece.data(), piece.size(), MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  shutdown(fd, SHUT_WR);
  std::string out = ReadAll(fd);
  close(fd);
  return out;
}

std::string Exchange(int port, const std::string& request) {
  int fd = Connect(port);
  EXPECT_GE(fd, 0);
  if (fd < 0) return "";
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  shutdown(fd, SHUT_WR);
  std::string out = ReadAll(fd);
  close(fd);
  return out;
}

int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return -1;
  return std::stoi(response.substr(9, 3));
}

std::string BodyOf(const std::string& response) {
  size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// Stories the server holds, to see that a refused write stored nothing.
long StoryTotal(int port) {
  std::string r = Exchange(port, "GET /api/stories?limit=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  std::smatch m;
  std::string body = BodyOf(r);
  if (!std::regex_search(body, m, std::regex(R"("total":(\d+))"))) return -1;
  return std::stol(m[1]);
}

class AttackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServeProcess({}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void TearDown() override {
    ASSERT_TRUE(server_->Alive());
    long peak = server_->StatusKb("VmHWM");
    EXPECT_GT(peak, 0);
    EXPECT_LT(peak, kMaxServerRssKb) << "server peak RSS " << peak << " kB";
  }
  int port() const { return server_->port(); }
  static ServeProcess* server_;
};
ServeProcess* AttackTest::server_ = nullptr;

constexpr char kPostHead[] =
    "POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

TEST_F(AttackTest, ChunkedBodyOverTheBudgetIs413) {
  ASSERT_GT(port(), 0);
  // 64 MiB offered in 64 KiB chunks; the budget is 16 MiB.
  std::string chunk = "10000\r\n" + std::string(0x10000, ' ') + "\r\n";
  std::string r = StreamUntilAnswered(
      port(), std::string(kPostHead) + "Transfer-Encoding: chunked\r\n\r\n", [&] { return chunk; }, 64u << 20);
  EXPECT_EQ(StatusOf(r), 413) << r.substr(0, 200);
  EXPECT_NE(BodyOf(r).find("\"error\""), std::string::npos);
}

std::string GzipOfZeros(size_t n) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_RLE);
  std::string zeros(1u << 20, '\0'), out;
  char buf[65536];
  for (size_t done = 0; done < n; done += zeros.size()) {
    z.next_in = reinterpret_cast<Bytef*>(zeros.data());
    z.avail_in = static_cast<uInt>(zeros.size());
    int flush = done + zeros.size() >= n ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, flush);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

TEST_F(AttackTest, GzipBombIs413WithoutInflatingIt) {
  // 256 MiB of zeros (16 times the budget) in well under 1 MB on the wire.
  const std::string bomb = GzipOfZeros(256u << 20);
  ASSERT_LT(bomb.size(), 1u << 20);
  std::string head = std::string(kPostHead) + "Content-Encoding: gzip\r\nContent-Length: " +
                     std::to_string(bomb.size()) + "\r\n\r\n";
  std::string r = Exchange(port(), head + bomb);
  EXPECT_EQ(StatusOf(r), 413) << r.substr(0, 200);
  EXPECT_NE(BodyOf(r).find("decompressed"), std::string::npos) << BodyOf(r);
  // The same bomb chunked.
  std::string chunked = std::string(kPostHead) + "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n";
  char size[32];
  snprintf(size, sizeof size, "%zx\r\n", bomb.size());
  r = Exchange(port(), chunked + size + bomb + "\r\n0\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 413) << r.substr(0, 200);
}

TEST_F(AttackTest, ThreeMillionHeadersAreRefused) {
  std::string lines;
  for (int i = 0; i < 8192; ++i) lines += "X-" + std::to_string(i) + ": v\r\n";
  const size_t per_piece = 8192;
  std::string r = StreamUntilAnswered(
      port(), "GET /healthz HTTP/1.1\r\nHost: localhost\r\n", [&] { return lines; },
      3'000'000 / per_piece * lines.size());
  EXPECT_EQ(StatusOf(r), 431) << r.substr(0, 200);
  // Many small fields under the byte limit are refused by count.
  std::string some = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n";
  for (int i = 0; i < 500; ++i) some += "a" + std::to_string(i) + ":\r\n";
  EXPECT_EQ(StatusOf(Exchange(port(), some + "\r\n")), 431);
}

TEST_F(AttackTest, HealthAnswersWithin100MsWhile200SlowClientsHang) {
  std::vector<int> slow;
  for (int i = 0; i < 200; ++i) {
    int fd = Connect(port());
    ASSERT_GE(fd, 0) << i;
    std::string start = "POST /api/articles HTTP/1.1\r\nHost: localhost\r\n";
    send(fd, start.data(), start.size(), MSG_NOSIGNAL);
    slow.push_back(fd);
  }
  std::vector<double> times_ms;
  for (int round = 0; round < 3; ++round) {
    for (int fd : slow) send(fd, "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);  // one header line a round
    for (int probe = 0; probe < 5; ++probe) {
      auto t0 = std::chrono::steady_clock::now();
      std::string r = Exchange(port(), "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      EXPECT_EQ(StatusOf(r), 200) << r;
      times_ms.push_back(ms);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  // A server the slow clients block answers every probe late; one probe
  // late on a loaded machine is the scheduler. The median holds the bound,
  // the worst a looser one.
  std::sort(times_ms.begin(), times_ms.end());
  EXPECT_LT(times_ms[times_ms.size() / 2], kMaxHealthMs);
  EXPECT_LT(times_ms.back(), 5 * kMaxHealthMs);
  for (int fd : slow) close(fd);
}

TEST_F(AttackTest, CrossOriginAndRebindingAreRefused) {
  long before = StoryTotal(port());
  ASSERT_GT(before, 0);
  const std::string article = R"({"id":"xo-1","text":"The ferry Velmora left Quintar harbour at dawn on Tuesday."})";
  // What fetch(..., {mode: "no-cors"}) from another page sends.
  std::string r = Exchange(port(), "POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n"
                                   "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " +
                                       std::to_string(article.size()) + "\r\nConnection: close\r\n\r\n" + article);
  EXPECT_EQ(StatusOf(r), 403) << r;
  // Without an Origin, still not as text/plain.
  r = Exchange(port(), "POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: " +
                           std::to_string(article.size()) + "\r\nConnection: close\r\n\r\n" + article);
  EXPECT_EQ(StatusOf(r), 415) << r;
  EXPECT_EQ(StoryTotal(port()), before);
  // A DNS-rebinding page reads with its own name as Host.
  r = Exchange(port(), "GET /api/stories HTTP/1.1\r\nHost: rebind.attacker.example:" + std::to_string(port()) +
                           "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 421) << r;
  EXPECT_EQ(BodyOf(r).find("\"stories\""), std::string::npos);
}

TEST_F(AttackTest, TwoThousandRangesGetOneWholeResponse) {
  std::string whole = Exchange(port(), "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  std::string ranges = "bytes=0-0";
  for (int i = 1; i < 2000; ++i) ranges += ",0-" + std::to_string(i % 7);
  std::string r =
      Exchange(port(), "GET / HTTP/1.1\r\nHost: localhost\r\nRange: " + ranges + "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 200) << r.substr(0, 200);
  EXPECT_LE(r.size(), whole.size());
  EXPECT_GT(whole.size(), 100u);
}

TEST_F(AttackTest, MalformedContentLengthIs400) {
  for (const char* length : {"-1", "abc", "1 2", "18446744073709551616"}) {
    std::string r = Exchange(port(), std::string(kPostHead) + "Content-Length: " + length + "\r\n\r\n{}");
    EXPECT_EQ(StatusOf(r), 400) << length << ": " << r;
  }
}

TEST_F(AttackTest, FiftyPipelinedRequestsAreAllAnswered) {
  std::string requests;
  for (int i = 0; i < 49; ++i) requests += "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
  requests += "GET /api/stories?limit=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  std::string r = Exchange(port(), requests);
  EXPECT_EQ(Count(r, "HTTP/1.1 200 OK"), 50u);
  EXPECT_EQ(Count(r, R"({"status":"ok"})"), 49u);
  EXPECT_EQ(Count(r, R"("total":)"), 1u);
}

// A separate server with a small connection limit: the excess is answered
// 503 at once, and the server serves again once connections close.
TEST(AttackLimits, ExcessConnectionsAreRefusedQuickly) {
  ServeProcess server({"--max-connections", "20"});
  ASSERT_GT(server.port(), 0);
  std::vector<int> held;
  for (int i = 0; i < 20; ++i) {
    int fd = Connect(server.port());
    ASSERT_GE(fd, 0);
    send(fd, "GET", 3, MSG_NOSIGNAL);
    held.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::string r = Exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 503) << r;
  for (int fd : held) close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  r = Exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 200) << r;
}

// With --token, a write needs it; reads do not.
TEST(AttackLimits, TokenGuardsWrites) {
  ServeProcess server({"--token", "q7-harbour-lamp"});
  ASSERT_GT(server.port(), 0);
  const std::string article = R"({"id":"tok-1","text":"The Wexmoor lighthouse keeper retired on Sunday."})";
  auto post = [&](const std::string& auth) {
    return StatusOf(Exchange(server.port(), std::string(kPostHead) + auth + "Content-Length: " +
                                                std::to_string(article.size()) + "\r\nConnection: close\r\n\r\n" +
                                                article));
  };
  EXPECT_EQ(post(""), 401);
  EXPECT_EQ(post("Authorization: Bearer q7-harbour-lam\r\n"), 401);
  EXPECT_EQ(post("Authorization: Bearer q7-harbour-lamp\r\n"), 201);
  EXPECT_EQ(StatusOf(Exchange(server.port(), "GET /api/stories HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")),
            200);
}

// A database damaged mid-file is refused at start with one line and exit
// code 2, rather than served with some stories answering 500.
TEST(ServeStartup, CorruptDatabaseIsRefused) {
  char dir_template[] = "/tmp/rashomon-attack-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template, db = dir + "/news.db", err = dir + "/err";
  ASSERT_EQ(std::system(("'" RASHOMON_BINARY "' -q ingest --db '" + db + "' >/dev/null 2>&1").c_str()), 0);
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(0, std::ios::end);
    long size = static_cast<long>(f.tellg());
    ASSERT_GT(size, 8 * 4096);
    f.seekp(size / 2 / 4096 * 4096);
    std::string junk(8192, '\0');
    for (size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 2654435761u) >> 13);
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  int status = std::system(("timeout 60 '" RASHOMON_BINARY "' -q serve --port 0 --db '" + db + "' 2>'" + err + "'").c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::ifstream in(err);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("news.db: database is corrupt"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  std::system(("rm -rf '" + dir + "'").c_str());
}

}  // namespace
