// rashomon serve --db FILE [--host 127.0.0.1] [--port 8080] [--warm 1000]
// rashomon serve [PATH...]
// Serves the web UI and JSON API until SIGINT or SIGTERM: over a database
// written by `rashomon ingest` (articles posted to the API are stored in it),
// or over articles read from PATHs (the bundled sample when none), analysed
// and kept in memory only.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <memory>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

#include "base/diagnostics.h"
#include "base/progress.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "serve/backend.h"
#include "serve/http.h"
#include "serve/server.h"
#include "serve/store_backend.h"
#include "store/store.h"

namespace rashomon::cli {

void AddServeCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::vector<std::string> paths;
    std::string db;
    serve::ServerOptions server;
    std::string warm_priority = "idle";
  };
  auto flags = std::make_shared<Flags>();
  flags->server.warm.stories = 1000;
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the web UI and JSON API on this machine (default: the bundled sample)");
  cmd->add_option("paths", flags->paths, "Files or folders to load before serving (without --db)");
  cmd->add_option("--db", flags->db, "Serve this database (made by `rashomon ingest`); posted articles are stored in it");
  cmd->add_option("--host", flags->server.host,
                  "Address to listen on (loopback unless you mean otherwise)")
      ->capture_default_str();
  cmd->add_option("--port", flags->server.port, "Port (0: any free port, printed at start)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--warm", flags->server.warm.stories,
                  "With --db: analyse this many of the first stories of the list orders (largest and "
                  "most recent, in turn) in the background while no request is in flight, at idle "
                  "priority, so readers find them cached (0: off)")
      ->capture_default_str();
  cmd->add_option("--warm-priority", flags->warm_priority,
                  "idle: warm at SCHED_IDLE, only on CPU time nothing else wants; normal: at the "
                  "server's priority (still never starting a story while a request is in flight)")
      ->capture_default_str()
      ->check(CLI::IsMember({"idle", "normal"}));
  cmd->add_option("--max-body", flags->server.max_body_bytes,
                  "Largest accepted request body in bytes (decoded: chunked and gzip bodies count whole)")
      ->capture_default_str();
  cmd->add_option("--allow-host", flags->server.allow_hosts,
                  "Also answer requests whose Host is NAME (besides localhost, 127.0.0.1, [::1] and --host); "
                  "any other name is refused, against DNS rebinding");
  cmd->add_option("--allow-origin", flags->server.allow_origins,
                  "Also accept writes from pages of ORIGIN (e.g. http://app.example:3000); pages of other "
                  "origins can never write");
  cmd->add_option("--token", flags->server.token,
                  "Writes need \"Authorization: Bearer TOKEN\" (without it, one is made and printed at start "
                  "when --host is not loopback)");
  cmd->add_option("--max-connections", flags->server.max_connections,
                  "Connections open at once; more are answered 503 at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
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
      void Join() {
        if (!t.joinable()) return;
        kill(getpid(), SIGUSR1);
        t.join();
      }
      ~JoinWaiter() { Join(); }
    } join_waiter{waiter};

    Diagnostics diag;
    PipelineOptions options;
    options.threads = global.threads;
    options.progress = !global.quiet;
    std::unique_ptr<serve::Backend> backend;
    std::string what;
    if (!flags->db.empty()) {
      if (!flags->paths.empty()) {
        *exit_code = Fail(Status::InvalidArgument("serve: give --db or PATHs, not both (add articles with `rashomon ingest --db`)"));
        return;
      }
      store::StoreOptions store_options;
      store_options.pipeline = options;
      store_options.pipeline.progress = false;
      auto db = store::Store::Open(flags->db, store_options);
      if (!db.ok()) {
        *exit_code = Fail(db.status());
        return;
      }
      if (Status s = (*db)->CheckIntegrity(); !s.ok()) {
        *exit_code = Fail(s);
        return;
      }
      auto counts = (*db)->Counts();
      what = counts.ok() ? std::to_string(counts->articles) + " articles in " + std::to_string(counts->stories) +
                               " stories from " + flags->db
                         : flags->db;
      backend = std::make_unique<serve::StoreBackend>(std::move(*db));
    } else {
      std::vector<Article> articles = LoadArticles(flags->paths, diag);
      if (articles.empty() && !flags->paths.empty()) {
        PrintStderrLine("rashomon: error: no article could be read; nothing to serve");
        *exit_code = kExitBadInput;
        return;
      }
      what = std::to_string(articles.size()) + " articles";
      backend = std::make_unique<serve::MemoryBackend>(std::move(articles), options);
    }
    serve::ServerOptions server_options = flags->server;
    // Off this machine, writes need a token: make one if none was given.
    bool made_token = false;
    if (server_options.token.empty() && !serve::IsLoopbackHost(server_options.host)) {
      std::random_device random;
      char hex[33];
      for (int i = 0; i < 4; ++i) snprintf(hex + 8 * i, 9, "%08x", static_cast<unsigned>(random()));
      server_options.token = hex;
      made_token = true;
    }
    server_options.warm.idle_priority = flags->warm_priority == "idle";
    // The in-memory backend analyses every story as it loads: nothing to warm.
    if (flags->db.empty()) server_options.warm.stories = 0;
    serve::Server server(backend.get(), server_options);
    if (Status s = server.Bind(); !s.ok()) {
      *exit_code = Fail(s);
      return;
    }
    PrintStderrLine("rashomon: serving " + what + " at http://" +
                    flags->server.host + ":" + std::to_string(server.port()) + "/ (Ctrl-C stops)");
    if (made_token) {
      PrintStderrLine("rashomon: writes need the header \"Authorization: Bearer " + server_options.token +
                      "\" (give your own with --token)");
    }
    running = &server;
    server.Run();
    // A stop signal may still be inside server.Stop() (which joins the
    // warmer): the server must outlive it.
    join_waiter.Join();
    running = nullptr;
    *exit_code = diag.error_count() > 0 ? kExitBadInput : kExitOk;
  });
}

}  // namespace rashomon::cli
