// rashomon serve [PATH...] [--host 127.0.0.1] [--port 8080]
// Reads the articles (the bundled sample when no PATH), analyses them and
// serves the web UI and JSON API over an in-memory backend until SIGINT or
// SIGTERM. Articles posted to the API are kept in memory only.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdlib>
#include <thread>

#include "base/diagnostics.h"
#include "base/progress.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "serve/backend.h"
#include "serve/server.h"

namespace rashomon::cli {

void AddServeCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::vector<std::string> paths;
    serve::ServerOptions server;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the web UI and JSON API on this machine (default: the bundled sample)");
  cmd->add_option("paths", flags->paths, "Files or folders to load before serving");
  cmd->add_option("--host", flags->server.host,
                  "Address to listen on (loopback unless you mean otherwise)")
      ->capture_default_str();
  cmd->add_option("--port", flags->server.port, "Port (0: any free port, printed at start)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--max-body", flags->server.max_body_bytes,
                  "Largest accepted request body in bytes")
      ->capture_default_str();
  cmd->callback([flags, &global, exit_code] {
    // Block the stop signals before any thread starts, so only the waiter
    // below receives them and the server stops cleanly. SIGUSR1 only wakes
    // the waiter at the end.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    // The waiter stops the server once it runs; before that (while a large
    // corpus is still being analysed) it simply ends the process.
    std::atomic<serve::Server*> running{nullptr};
    std::thread waiter([&running, stop_signals] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      if (sig == SIGUSR1) return;
      serve::Server* server = running.load();
      if (server == nullptr) std::_Exit(128 + sig);
      server->Stop();
    });
    // Wakes and joins the waiter on every way out of this callback. The wake
    // is sent to the process: if the waiter has already returned, it stays
    // pending (blocked everywhere) and does nothing.
    struct JoinWaiter {
      std::thread& t;
      ~JoinWaiter() {
        kill(getpid(), SIGUSR1);
        t.join();
      }
    } join_waiter{waiter};

    Diagnostics diag;
    std::vector<Article> articles = LoadArticles(flags->paths, diag);
    if (articles.empty() && !flags->paths.empty()) {
      PrintStderrLine("rashomon: error: no article could be read; nothing to serve");
      *exit_code = kExitBadInput;
      return;
    }
    PipelineOptions options;
    options.threads = global.threads;
    options.progress = !global.quiet;
    size_t count = articles.size();
    serve::MemoryBackend backend(std::move(articles), options);
    serve::Server server(&backend, flags->server);
    if (Status s = server.Bind(); !s.ok()) {
      *exit_code = Fail(s);
      return;
    }
    PrintStderrLine("rashomon: serving " + std::to_string(count) + " articles at http://" +
                    flags->server.host + ":" + std::to_string(server.port()) + "/ (Ctrl-C stops)");
    running = &server;
    server.Run();
    running = nullptr;
    *exit_code = diag.error_count() > 0 ? kExitBadInput : kExitOk;
  });
}

}  // namespace rashomon::cli
