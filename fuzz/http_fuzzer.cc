// Fuzzes the request path of `rashomon serve`: arbitrary bytes read as a
// connection's stream of (pipelined) requests with the transport's parser
// and limits, the server's header checks (Host, Origin, Content-Type,
// token), body decoding under the budget (chunked, gzip, deflate), then the
// router and GET handlers over a hand-built corpus, and the posted-article
// parser for POST bodies (not the ingest itself: it would grow the corpus
// with every input). Every answer must be a status of 200..599 with a JSON
// error body for errors.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "base/diagnostics.h"
#include "fuzz_util.h"
#include "serve/backend.h"
#include "serve/http_transport.h"
#include "serve/server.h"
#include "serve/test_fixture.h"

namespace {

struct World {
  World() {
    rashomon::serve::testing::Fixture f = rashomon::serve::testing::MakeFixture(8);
    backend = std::make_unique<rashomon::serve::MemoryBackend>(std::move(f.articles), std::move(f.report));
    rashomon::serve::ServerOptions options;
    options.port = 8080;
    options.max_body_bytes = 1u << 16;
    options.token = "fuzz-token";
    options.cache_bytes = 1u << 16;
    server = std::make_unique<rashomon::serve::Server>(backend.get(), options);
    transport.max_body_bytes = options.max_body_bytes;
    transport.max_header_bytes = 4096;
    transport.max_headers = 32;
  }
  std::unique_ptr<rashomon::serve::MemoryBackend> backend;
  std::unique_ptr<rashomon::serve::Server> server;
  rashomon::serve::TransportOptions transport;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rashomon;
  using namespace rashomon::serve;
  static World* world = new World();
  std::string_view bytes = fuzz::AsView(data, size);
  auto check = [](const HttpRequest& req) { return world->server->CheckHeaders(req); };
  for (int i = 0; i < 8 && !bytes.empty(); ++i) {
    HttpRequest req;
    size_t used = 0;
    std::optional<Refusal> refusal = ReadRequest(bytes, world->transport, check, &req, &used);
    FUZZ_CHECK(used <= bytes.size());
    if (refusal) {
      FUZZ_CHECK(refusal->status >= 400 && refusal->status < 600);
      FUZZ_CHECK(nlohmann::json::parse(ErrorBody(refusal->message), nullptr, false).contains("error"));
      break;  // a connection closes after a refusal
    }
    FUZZ_CHECK(req.body.size() <= world->transport.max_body_bytes);
    if (req.method == "POST") {
      Diagnostics diag(/*echo=*/false);
      (void)ParsePostedArticles(req.body, 8, diag);
    } else {
      HttpResponse res;
      world->server->Handle(req, res);
      FUZZ_CHECK(res.status >= 200 && res.status < 600);
      if (res.status >= 400) {
        FUZZ_CHECK(nlohmann::json::parse(res.body, nullptr, false).contains("error"));
      }
    }
    if (used == 0) break;
    bytes.remove_prefix(used);
  }
  return 0;
}
