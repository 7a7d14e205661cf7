// rashomon ingest --db FILE [PATH...] [--batch N]
// rashomon report --db FILE [--story ID] [--format text|json|md|html] [-o FILE]
//
// Store errors (not our file, newer schema, read-only, locked, full) are one
// line naming the database and exit code 2; what was committed stays.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <unordered_set>

#include "base/progress.h"
#include "base/time.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "report/writer.h"
#include "serve/html_app.h"
#include "store/store.h"

namespace rashomon::cli {
namespace {

// The database is this command's input: any failure to use it is exit 2.
int FailStore(const Status& status) {
  Fail(status);
  return kExitBadInput;
}

}  // namespace

void AddIngestCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::string db;
    std::vector<std::string> paths;
    size_t batch = store::StoreOptions().batch_articles;
    int64_t max_pages = 0;
    int busy_timeout_ms = store::StoreOptions().busy_timeout_ms;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("ingest", "Add articles to a database, assigning each new one to a story");
  cmd->add_option("--db", flags->db, "SQLite database (created if missing)")->required();
  cmd->add_option("paths", flags->paths, "Files or folders (default: the bundled sample)");
  cmd->add_option("--batch", flags->batch, "New articles per transaction")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--busy-timeout", flags->busy_timeout_ms, "Milliseconds to wait for another writer's lock")
      ->capture_default_str();
  // Test hook for the full-disk path; not shown in --help.
  cmd->add_option("--max-db-pages", flags->max_pages)->group("");
  cmd->callback([flags, &global, exit_code] {
    store::StoreOptions options;
    options.batch_articles = flags->batch;
    options.max_pages = flags->max_pages;
    options.busy_timeout_ms = flags->busy_timeout_ms;
    options.pipeline.threads = global.threads;
    options.pipeline.progress = false;
    auto opened = store::Store::Open(flags->db, options);
    if (!opened.ok()) {
      *exit_code = FailStore(opened.status());
      return;
    }
    // Articles stream from the inputs into the store a chunk at a time, so
    // memory stays flat however large the inputs are. The store itself
    // skips articles it already holds and renames changed ones ("id#2"), as
    // analyze's reader does within one run.
    Diagnostics diag;
    Progress progress("ingesting", 0, !global.quiet);
    std::vector<store::IngestedArticle> done;
    Status failed;
    std::vector<Article> pending;
    auto flush = [&] {
      if (pending.empty() || !failed.ok()) return;
      auto r = (*opened)->Ingest(std::move(pending), &progress);
      pending.clear();
      if (r.ok()) {
        done.insert(done.end(), r->begin(), r->end());
      } else {
        failed = r.status();
      }
    };
    const size_t chunk = std::max<size_t>(flags->batch * 40, 1000);
    if (flags->paths.empty()) {
      pending = LoadArticles(flags->paths, diag);  // the bundled sample
    } else {
      IngestPaths(flags->paths, IngestOptions(), diag, [&](Article&& a) {
        pending.push_back(std::move(a));
        if (pending.size() >= chunk) flush();
      });
    }
    flush();
    progress.Finish();
    if (!failed.ok()) {
      *exit_code = FailStore(failed);
      return;
    }
    const size_t read = done.size();
    size_t fresh = 0;
    for (const store::IngestedArticle& a : done) fresh += a.is_new;
    auto counts = (*opened)->Counts();
    if (!counts.ok()) {
      *exit_code = FailStore(counts.status());
      return;
    }
    std::string line = "ingested " + std::to_string(read) + " articles: " + std::to_string(fresh) + " new, " +
                       std::to_string(read - fresh) + " already stored; the database holds " +
                       std::to_string(counts->articles) + " articles in " + std::to_string(counts->stories) +
                       " stories\n";
    *exit_code = FinishRun("", line, diag, read);
  });
}

void AddReportCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::string db;
    int64_t story = 0;
    std::string format = "text";
    std::string output;
    bool all = false;
    std::string since;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("report", "Write the report for the articles stored in a database");
  cmd->add_option("--db", flags->db, "SQLite database written by rashomon ingest")->required();
  cmd->add_option("--story", flags->story, "Only this story (its database id)");
  cmd->add_option("--format,-f", flags->format, "Output format: text, json, md, html")->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "Write the report to FILE instead of standard output");
  cmd->add_flag("--all", flags->all, "Show every item of every list (text and md cut long lists short)");
  cmd->add_option("--since", flags->since,
                  "Only stories new or updated since TIME (ISO 8601, e.g. 2026-03-02T09:00:00Z): an article "
                  "published then or later, or an article that changed a figure");
  cmd->callback([flags, &global, exit_code] {
    auto format = report::ParseFormat(flags->format);
    if (!format.ok()) {
      *exit_code = Fail(format.status());
      return;
    }
    std::optional<int64_t> since;
    if (!flags->since.empty()) {
      since = ParseTimestamp(flags->since);
      if (!since) {
        *exit_code = Fail(Status::InvalidArgument("--since: '" + flags->since +
                                                  "' is not a time (ISO 8601, e.g. 2026-03-02T09:00:00Z)"));
        return;
      }
    }
    store::StoreOptions options;
    // Read-only: a report never waits for an ingest running beside it.
    options.read_only = true;
    options.pipeline.threads = global.threads;
    options.pipeline.progress = !global.quiet;
    auto opened = store::Store::Open(flags->db, options);
    if (!opened.ok()) {
      *exit_code = FailStore(opened.status());
      return;
    }
    // A damaged page anywhere: one line now, as serve --db and ingest say it.
    if (Status s = (*opened)->CheckIntegrity(); !s.ok()) {
      *exit_code = FailStore(s);
      return;
    }
    report::Report rep;
    if (flags->story != 0) {
      auto story = (*opened)->GetStory(flags->story);
      if (!story.ok()) {
        *exit_code = FailStore(story.status());
        return;
      }
      rep.articles_read = story->articles.size();
      rep.stories.push_back(std::move(*story));
    } else {
      auto built = (*opened)->BuildReport();
      if (!built.ok()) {
        *exit_code = FailStore(built.status());
        return;
      }
      rep = std::move(*built);
    }
    if (Status s = (*opened)->AddTimelines(&rep.stories); !s.ok()) {
      *exit_code = FailStore(s);
      return;
    }
    if (since) {
      // New or updated since: a step of the timeline at or after the time.
      auto old = [&](const report::Story& story) {
        return std::none_of(story.timeline.begin(), story.timeline.end(),
                            [&](const report::TimelineEvent& e) { return e.time >= *since; });
      };
      rep.stories.erase(std::remove_if(rep.stories.begin(), rep.stories.end(), old), rep.stories.end());
      std::unordered_set<std::string> kept;
      for (const report::Story& story : rep.stories) kept.insert(story.id);
      for (report::Topic& t : rep.topics) {
        t.story_ids.erase(std::remove_if(t.story_ids.begin(), t.story_ids.end(),
                                         [&](const std::string& id) { return !kept.count(id); }),
                          t.story_ids.end());
      }
      rep.topics.erase(std::remove_if(rep.topics.begin(), rep.topics.end(),
                                      [](const report::Topic& t) { return t.story_ids.empty(); }),
                       rep.topics.end());
    }
    report::TextStyle style;
    bool to_terminal = flags->output.empty() && StdoutIsTerminal();
    style.color = to_terminal && std::getenv("NO_COLOR") == nullptr;
    style.width = to_terminal ? TerminalWidth() : 100;
    style.all = flags->all;
    Diagnostics diag;
    std::string content;
    if (*format == report::Format::kHtml) {
      // The same one-file story views `analyze` writes, which need the
      // articles' texts as well as the report.
      // In ingest order, as `analyze` has them in input order.
      std::unordered_set<std::string> wanted;
      for (const report::Story& story : rep.stories) {
        for (const report::ArticleRef& ref : story.articles) wanted.insert(ref.id);
      }
      auto order = (*opened)->Assignments();
      if (!order.ok()) {
        *exit_code = FailStore(order.status());
        return;
      }
      std::vector<Article> articles;
      for (const auto& assigned : *order) {
        if (!wanted.count(assigned.first)) continue;
        auto article = (*opened)->GetArticle(assigned.first);
        if (!article.ok()) {
          *exit_code = FailStore(article.status());
          return;
        }
        articles.push_back(std::move(*article));
      }
      content = serve::WriteAppHtml(rep, articles);
    } else {
      content = report::Write(rep, *format, style);
    }
    // An empty database is a valid, empty report.
    *exit_code = FinishRun(flags->output, content, diag, std::max<size_t>(1, rep.articles_read));
  });
}

}  // namespace rashomon::cli
