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
#include <cstdlib>
#include <random>
#include <thread>

#include "analysis/wordnet.h"
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

namespace {

// 128 random bits in hex: the write token made when none was given.
std::string RandomToken() {
  std::random_device random;  // the kernel's random source
  constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 32; ++i) token += kHex[random() & 15u];
  return token;
}

// The backend `serve` answers from: the database `db` (checked whole), or
// the articles of `paths` (the bundled sample without any). `what` says what
// is served. An empty InvalidArgument status: nothing could be read (the
// reasons are in `diag`).
Result<std::unique_ptr<serve::Backend>> OpenBackend(const std::string& db_path, const std::vector<std::string>& paths,
                                                    const PipelineOptions& options, Diagnostics& diag,
                                                    std::string* what) {
  if (!db_path.empty()) {
    if (!paths.empty()) {
      return Status::InvalidArgument("serve: give --db or PATHs, not both (add articles with `rashomon ingest --db`)");
    }
    store::StoreOptions store_options;
    store_options.pipeline = options;
    store_options.pipeline.progress = false;
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> db, store::Store::Open(db_path, store_options));
    RETURN_IF_ERROR(db->CheckIntegrity());
    auto counts = db->Counts();
    *what = counts.ok() ? std::to_string(counts->articles) + " articles in " + std::to_string(counts->stories) +
                              " stories from " + db_path
                        : db_path;
    return std::unique_ptr<serve::Backend>(std::make_unique<serve::StoreBackend>(std::move(db)));
  }
  std::vector<Article> articles = LoadArticles(paths, diag);
  if (articles.empty() && !paths.empty()) {
    PrintStderrLine("rashomon: error: no article could be read; nothing to serve");
    return Status::InvalidArgument("");
  }
  *what = std::to_string(articles.size()) + " articles";
  return std::unique_ptr<serve::Backend>(std::make_unique<serve::MemoryBackend>(std::move(articles), options));
}

}  // namespace

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
    std::string what;
    // WordNet is read once per process (a few hundred million
    // instructions): read it beside the start-up so that the first story
    // analysed does not wait for it. Joined when the scope ends.
    std::jthread wordnet([] { (void)Synonyms::Get(); });
    auto backend = OpenBackend(flags->db, flags->paths, options, diag, &what);
    if (!backend.ok()) {
      *exit_code = backend.status().code() == StatusCode::kInvalidArgument && backend.status().message().empty()
                       ? kExitBadInput
                       : Fail(backend.status());
      return;
    }
    serve::ServerOptions server_options = flags->server;
    // Off this machine, writes need a token: make one if none was given.
    bool made_token = false;
    if (server_options.token.empty() && !serve::IsLoopbackHost(server_options.host)) {
      server_options.token = RandomToken();
      made_token = true;
    }
    server_options.warm.idle_priority = flags->warm_priority == "idle";
    // The in-memory backend analyses every story as it loads: nothing to warm.
    if (flags->db.empty()) server_options.warm.stories = 0;
    serve::Server server(backend->get(), server_options);
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
