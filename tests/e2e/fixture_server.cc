// Test only: serves the hand-built fixture of serve/test_fixture.h (every
// story section filled, hostile strings everywhere) on an ephemeral loopback
// port for the browser tests. Prints "port N" on stdout, then serves until
// killed.
#include <cstdio>

#include "serve/backend.h"
#include "serve/server.h"
#include "serve/test_fixture.h"

int main() {
  using namespace rashomon::serve;
  testing::Fixture f = testing::MakeFixture(200);
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
