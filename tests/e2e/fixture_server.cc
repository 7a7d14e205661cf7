// Test only: serves the hand-built fixture of serve/test_fixture.h (every
// story section filled, hostile strings everywhere) on an ephemeral loopback
// port for the browser tests. Prints "port N" on stdout, then serves until
// killed. An optional argument sets the articles of the big story (four per
// outlet; default 200).
#include <charconv>
#include <cstdio>
#include <cstring>

#include "serve/backend.h"
#include "serve/server.h"
#include "serve/test_fixture.h"

int main(int argc, char** argv) {
  using namespace rashomon::serve;
  int big = 200;
  if (argc > 1) {
    const char* end = argv[1] + std::strlen(argv[1]);
    auto [ptr, ec] = std::from_chars(argv[1], end, big);
    if (ec != std::errc() || ptr != end || big <= 0) {
      std::fprintf(stderr, "fixture_server: the argument must be a positive number of articles\n");
      return 2;
    }
  }
  testing::Fixture f = testing::MakeFixture(big);
  MemoryBackend backend(std::move(f.articles), std::move(f.report));
  ServerOptions options;
  options.port = 0;
  options.threads = 4;
  Server server(&backend, options);
  if (!server.Bind().ok()) {
    std::fprintf(stderr, "fixture_server: cannot bind\n");
    return 1;
  }
  std::printf("port %d\n", server.port());
  std::fflush(stdout);
  server.Run();
  return 0;
}
