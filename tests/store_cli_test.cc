// Integration tests of `rashomon ingest` and `rashomon report --db`: the
// report matches analyze, a killed ingest resumes without loss or
// duplicates, readers run beside a writer, and a database that cannot be
// used gives one clear line and exit code 2 without damage.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "cli_runner.h"

namespace rashomon::testing {
namespace {

// A synthetic corpus: `stories` events, each told by `per_story` articles
// that share the event's own made-up names and most of its sentences.
std::string WriteCorpus(const TempDir& dir, int stories, int per_story, const std::string& name = "corpus.jsonl") {
  std::mt19937 rng(7);
  auto word = [&](int len) {
    static const char* syll[] = {"ka", "lo", "mi", "ne", "ra", "tu", "vo", "shi", "pe", "dan", "ber", "gol"};
    std::string w;
    for (int i = 0; i < len; ++i) w += syll[rng() % 12];
    return w;
  };
  std::string jsonl;
  for (int s = 0; s < stories; ++s) {
    std::string place = word(3), person = word(2) + " " + word(3), thing = word(2);
    place[0] = static_cast<char>(std::toupper(place[0]));
    person[0] = static_cast<char>(std::toupper(person[0]));
    std::vector<std::string> sentences;
    for (int k = 0; k < 8; ++k) {
      std::string sen = "In " + place + " the " + thing + " of " + person + " was " + word(2);
      for (int w = 0; w < 10; ++w) sen += " " + word(1 + static_cast<int>(rng() % 3));
      sentences.push_back(sen + ".");
    }
    for (int a = 0; a < per_story; ++a) {
      std::string text;
      for (const std::string& sen : sentences) {
        if (rng() % 4 != 0) text += sen + " ";
      }
      nlohmann::json j = {{"id", "s" + std::to_string(s) + "-a" + std::to_string(a)},
                          {"source", "Outlet " + std::to_string(a)},
                          {"published", "2024-03-" + std::to_string(10 + s % 15) + "T10:00:00Z"},
                          {"text", text}};
      jsonl += j.dump() + "\n";
    }
  }
  return dir.Write(name, jsonl);
}

int64_t QueryInt(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  int64_t v = -1;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 2000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return v;
}

std::string QueryText(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string v;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* p = sqlite3_column_text(st, 0);
      v = p ? reinterpret_cast<const char*>(p) : "";
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return v;
}

// Starts `rashomon ingest` in the background; returns its pid.
pid_t SpawnIngest(const std::string& db, const std::string& input, const std::string& batch) {
  pid_t pid = fork();
  if (pid == 0) {
    // Quiet child: stdout and stderr to /dev/null (open and dup2 are safe
    // between fork and exec, unlike stdio).
    const int null_fd = open("/dev/null", O_WRONLY);
    if (null_fd < 0 || dup2(null_fd, STDOUT_FILENO) < 0 || dup2(null_fd, STDERR_FILENO) < 0) _exit(126);
    setenv("RASHOMON_NO_PROGRESS", "1", 1);
    execl(RASHOMON_BINARY, RASHOMON_BINARY, "--threads", "1", "ingest", "--db", db.c_str(), "--batch", batch.c_str(),
          input.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// Checks the database's own consistency: every article in a live story,
// story sizes equal to their members, no duplicate or renamed ids.
void ExpectConsistent(const std::string& db, int64_t articles) {
  EXPECT_EQ(QueryText(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM articles"), articles);
  EXPECT_EQ(QueryInt(db, "SELECT count(DISTINCT id) FROM articles"), articles);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM articles WHERE id LIKE '%#%'"), 0);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM articles WHERE story NOT IN (SELECT id FROM stories)"), 0);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM stories s WHERE size <> (SELECT count(*) FROM articles a WHERE a.story = s.id)"), 0);
  // The term statistics count the articles up to stats_seq; the later ones
  // (fewer than a fold's worth) are counted from their own rows.
  EXPECT_EQ(QueryInt(db, "SELECT (SELECT value FROM meta WHERE key='documents') + (SELECT count(*) FROM articles "
                         "WHERE seq > (SELECT value FROM meta WHERE key='stats_seq'))"),
            articles);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM articles WHERE seq <= (SELECT value FROM meta WHERE key='stats_seq')"),
            QueryInt(db, "SELECT value FROM meta WHERE key='documents'"));
}

// A report read from a database is analyze's report plus each story's
// timeline (docs/api.md): the JSON with the timelines taken out, which
// must each start with a first report.
std::string WithoutTimelines(const std::string& json) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(json);
  for (auto& story : j["stories"]) {
    EXPECT_TRUE(story.contains("timeline")) << story["id"];
    if (story.contains("timeline")) {
      EXPECT_EQ(story["timeline"][0]["kind"], "first_report") << story["id"];
      story.erase("timeline");
    }
  }
  return j.dump(2);
}

// The HTML report with each `,"timeline":[...]` of its embedded JSON
// taken out (strings skipped whole, so brackets in titles do not count).
std::string HtmlWithoutTimelines(std::string html, size_t* removed) {
  const std::string key = ",\"timeline\":[";
  *removed = 0;
  for (size_t at = html.find(key); at != std::string::npos; at = html.find(key, at)) {
    size_t i = at + key.size();
    int depth = 1;
    bool in_string = false;
    for (; i < html.size() && depth > 0; ++i) {
      const char c = html[i];
      if (in_string) {
        if (c == '\\') ++i;
        else if (c == '"') in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '[') {
        ++depth;
      } else if (c == ']') {
        --depth;
      }
    }
    html.erase(at, i - at);
    ++*removed;
  }
  return html;
}

// The text report without its "Timeline" sections (up to the blank line).
std::string TextWithoutTimelines(const std::string& text, size_t* removed) {
  std::string out;
  *removed = 0;
  bool skipping = false;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string line = text.substr(start, end - start);
    start = end;
    if (!skipping && line.starts_with("   Timeline")) {
      skipping = true;
      ++*removed;
      continue;
    }
    if (skipping) {
      if (line == "\n") skipping = false;
      continue;
    }
    out += line;
  }
  return out;
}

TEST(StoreCliTest, ReportFromTheDatabaseMatchesAnalyze) {
  TempDir dir;
  std::string db = dir.File("news.db");
  CliResult in = RunCli("ingest --db '" + db + "'");  // the bundled sample
  ASSERT_EQ(in.exit_code, 0) << in.err;
  EXPECT_NE(in.out.find(" new, 0 already stored"), std::string::npos) << in.out;
  CliResult rep = RunCli("report --db '" + db + "' --format json");
  ASSERT_EQ(rep.exit_code, 0) << rep.err;
  CliResult batch = RunCli("analyze --format json");
  ASSERT_EQ(batch.exit_code, 0);
  const std::string analyzed = nlohmann::ordered_json::parse(batch.out).dump(2);
  EXPECT_EQ(WithoutTimelines(rep.out), analyzed);
  // Ingesting the same articles again changes nothing.
  CliResult again = RunCli("ingest --db '" + db + "'");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find(": 0 new,"), std::string::npos) << again.out;
  EXPECT_EQ(WithoutTimelines(RunCli("report --db '" + db + "' --format json").out), analyzed);
  CliResult html = RunCli("report --db '" + db + "' --format html -o '" + dir.File("r.html") + "'");
  EXPECT_EQ(html.exit_code, 0);
  size_t timelines = 0;
  EXPECT_EQ(HtmlWithoutTimelines(ReadWholeFile(dir.File("r.html")), &timelines), RunCli("analyze --format html").out);
  EXPECT_GT(timelines, 0u);
  // --all shows every item there too.
  CliResult all = RunCli("report --db '" + db + "' --all");
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(TextWithoutTimelines(all.out, &timelines), RunCli("analyze --all").out);
  EXPECT_GT(timelines, 0u);
  EXPECT_EQ(all.out.find("more (--all shows them)"), std::string::npos);
}

TEST(StoreCliTest, KilledIngestLosesNothingCommittedAndResumes) {
  TempDir dir;
  const int total = 60 * 12;
  std::string corpus = WriteCorpus(dir, 60, 12);
  std::string db = dir.File("news.db");
  pid_t pid = SpawnIngest(db, corpus, "1");
  ASSERT_GT(pid, 0);
  // Kill it once some (not all) batches are committed.
  int64_t seen = 0;
  for (int i = 0; i < 6000 && seen < 40; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    seen = std::max<int64_t>(0, QueryInt(db, "SELECT count(*) FROM articles"));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "ingest finished before it could be killed";
  int64_t committed = QueryInt(db, "SELECT count(*) FROM articles");
  ASSERT_GT(committed, 0);
  ASSERT_LT(committed, total);
  ExpectConsistent(db, committed);
  // A reader sees only whole batches, and the same ingest completes the rest.
  CliResult rerun = RunCli("ingest --db '" + db + "' '" + corpus + "'");
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.out.find(std::to_string(total - committed) + " new, " + std::to_string(committed) + " already stored"),
            std::string::npos)
      << rerun.out;
  ExpectConsistent(db, total);
  // The stories came out right: 60 events.
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM stories WHERE size > 0"), 60);
}

TEST(StoreCliTest, ReportReadsWhileAnIngestWrites) {
  TempDir dir;
  std::string corpus = WriteCorpus(dir, 40, 10);
  std::string db = dir.File("news.db");
  pid_t pid = SpawnIngest(db, corpus, "2");
  int64_t seen = 0;
  for (int i = 0; i < 6000 && seen < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    seen = std::max<int64_t>(0, QueryInt(db, "SELECT count(*) FROM articles"));
  }
  CliResult rep = RunCli("--threads 1 report --db '" + db + "' --format json");
  bool still_running = waitpid(pid, nullptr, WNOHANG) == 0;
  EXPECT_EQ(rep.exit_code, 0) << rep.err;
  auto j = nlohmann::json::parse(rep.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << rep.out.substr(0, 200);
  size_t articles = 0;
  for (const auto& s : j["stories"]) articles += s["articles"].size();
  EXPECT_GE(articles, 20u);
  if (!still_running) std::fprintf(stderr, "note: the ingest finished during the report\n");
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM articles"), 400);
}

// Runs the CLI as an unprivileged user when we are root, so file modes bite.
CliResult RunAsUser(const std::string& args, const std::string& err_file) {
  std::string as_user = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  std::string cmd = as_user + "env RASHOMON_NO_PROGRESS=1 " + std::string(RASHOMON_BINARY) + " " + args +
                    " >/dev/null 2>'" + err_file + "' </dev/null";
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = ReadWholeFile(err_file);
  return r;
}

TEST(StoreCliTest, UnusableDatabasesGiveOneLineAndExitTwo) {
  TempDir dir;
  std::string corpus = WriteCorpus(dir, 3, 3);
  auto expect_one_line = [](const CliResult& r, const std::string& needle) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(CountLines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  };
  // Not ours: a text file, and another application's SQLite file. Neither is touched.
  std::string text = dir.Write("notes.db", "shopping list: bread, milk\n");
  expect_one_line(RunCli("ingest --db '" + text + "' '" + corpus + "'"), "notes.db: not a rashomon database");
  EXPECT_EQ(ReadWholeFile(text), "shopping list: bread, milk\n");
  expect_one_line(RunCli("report --db '" + text + "'"), "notes.db: not a rashomon database");
  std::string other = dir.File("other.db");
  {
    sqlite3* h = nullptr;
    sqlite3_open(other.c_str(), &h);
    sqlite3_exec(h, "CREATE TABLE t(x); INSERT INTO t VALUES(42);", nullptr, nullptr, nullptr);
    sqlite3_close(h);
  }
  expect_one_line(RunCli("ingest --db '" + other + "' '" + corpus + "'"), "other.db: not a rashomon database");
  EXPECT_EQ(QueryInt(other, "SELECT x FROM t"), 42);
  expect_one_line(RunCli("report --db '" + dir.File("missing.db") + "'"), "missing.db: cannot open database");
  // A folder or a FIFO where the database should be.
  std::string folder = dir.File("folder.db");
  std::filesystem::create_directories(folder);
  expect_one_line(RunCli("report --db '" + folder + "'"), "folder.db: is a folder, not a database file");
  expect_one_line(RunCli("ingest --db '" + folder + "' '" + corpus + "'"), "folder.db: is a folder, not a database file");
  std::string fifo = dir.File("fifo.db");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  expect_one_line(RunCli("report --db '" + fifo + "'"), "fifo.db: not a regular file");

  // A newer schema.
  std::string db = dir.File("news.db");
  ASSERT_EQ(RunCli("ingest --db '" + db + "' '" + corpus + "'").exit_code, 0);
  {
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    sqlite3_exec(h, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
    sqlite3_close(h);
  }
  expect_one_line(RunCli("ingest --db '" + db + "' '" + corpus + "'"), "news.db: database schema version 99 is newer");
  expect_one_line(RunCli("report --db '" + db + "'"), "news.db: database schema version 99 is newer");

  // Locked by another writer: waits, then says so.
  std::string locked = dir.File("locked.db");
  ASSERT_EQ(RunCli("ingest --db '" + locked + "' '" + corpus + "'").exit_code, 0);
  {
    sqlite3* h = nullptr;
    sqlite3_open(locked.c_str(), &h);
    ASSERT_EQ(sqlite3_exec(h, "BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE key='documents';", nullptr, nullptr, nullptr), SQLITE_OK);
    std::string more = dir.Write("more.jsonl", "{\"id\": \"extra\", \"text\": \"Something else entirely happened in Ostend on Sunday.\"}\n");
    expect_one_line(RunCli("ingest --busy-timeout 200 --db '" + locked + "' '" + more + "'"), "locked.db: database is locked");
    sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(h);
    EXPECT_EQ(RunCli("ingest --db '" + locked + "' '" + more + "'").exit_code, 0);
    EXPECT_EQ(QueryInt(locked, "SELECT count(*) FROM articles"), 10);
  }

  // Full: the database may not grow past its current size.
  std::string full = dir.File("full.db");
  ASSERT_EQ(RunCli("ingest --db '" + full + "' '" + corpus + "'").exit_code, 0);
  int64_t pages = QueryInt(full, "PRAGMA page_count");
  std::string big_corpus = WriteCorpus(dir, 30, 10, "big.jsonl");
  expect_one_line(RunCli("ingest --max-db-pages " + std::to_string(pages) + " --db '" + full + "' '" + big_corpus + "'"),
                  "full.db: database or disk is full");
  ExpectConsistent(full, 9);

  // Read-only file and read-only folder.
  std::string ro_dir = dir.File("ro");
  std::filesystem::create_directories(ro_dir);
  std::string ro = ro_dir + "/news.db";
  ASSERT_EQ(RunCli("ingest --db '" + ro + "' '" + corpus + "'").exit_code, 0);
  ::chmod(dir.path().c_str(), 0755);
  ::chmod(corpus.c_str(), 0644);
  ::chmod(big_corpus.c_str(), 0644);
  ::chmod(ro.c_str(), 0444);
  CliResult r = RunAsUser("ingest --db '" + ro + "' '" + big_corpus + "'", dir.File("ro.err"));
  expect_one_line(r, "news.db: cannot write the database");
  EXPECT_EQ(QueryInt(ro, "SELECT count(*) FROM articles"), 9);
  ::chmod(ro.c_str(), 0644);
  ::chmod(ro_dir.c_str(), 0555);
  std::string fresh_in_ro = ro_dir + "/new.db";
  CliResult rd = RunAsUser("ingest --db '" + fresh_in_ro + "' '" + corpus + "'", dir.File("rodir.err"));
  expect_one_line(rd, "new.db: cannot open database");
  ::chmod(ro_dir.c_str(), 0755);
}

TEST(StoreCliTest, ReportReadsADatabaseItsUserMayOnlyRead) {
  TempDir dir;
  std::string corpus = WriteCorpus(dir, 3, 3);
  std::string ro_dir = dir.File("ro");
  std::filesystem::create_directories(ro_dir);
  std::string db = ro_dir + "/news.db";
  ASSERT_EQ(RunCli("ingest --db '" + db + "' '" + corpus + "'").exit_code, 0);
  ::chmod(dir.path().c_str(), 0755);
  ::chmod(db.c_str(), 0444);
  ::chmod(ro_dir.c_str(), 0555);  // no -shm file can be made beside it
  CliResult r = RunAsUser("report --db '" + db + "'", dir.File("report.err"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  ::chmod(ro_dir.c_str(), 0755);
  ::chmod(db.c_str(), 0644);
  EXPECT_FALSE(std::filesystem::exists(db + "-shm"));
}

TEST(StoreCliTest, ServeAndReportRefuseADatabaseDamagedMidFile) {
  TempDir dir;
  std::string corpus = WriteCorpus(dir, 4, 4);
  std::string db = dir.File("news.db");
  ASSERT_EQ(RunCli("ingest --db '" + db + "' '" + corpus + "'").exit_code, 0);
  {
    // Garbage over the page headers of every other page in the first half
    // of the file (not the file header: SQLite would call it not a database).
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(0, std::ios::end);
    const long pages = static_cast<long>(f.tellg()) / 4096;
    const std::string junk(16, '\xA5');
    for (long page = 2; page < pages / 2 + 2; page += 2) {
      f.seekp(page * 4096);
      f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
  }
  for (const std::string& cmd : {std::string("timeout 20 ") + RASHOMON_BINARY + " serve --port 0 --db '" + db + "'",
                                 std::string(RASHOMON_BINARY) + " report --db '" + db + "'"}) {
    std::string err = dir.File("damaged.err");
    int status = std::system((cmd + " >/dev/null 2>'" + err + "' </dev/null").c_str());
    std::string text = ReadWholeFile(err);
    EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 2) << cmd << "\n" << text;
    EXPECT_EQ(CountLines(text), 1) << text;
    EXPECT_NE(text.find("news.db: database is corrupt"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace rashomon::testing
