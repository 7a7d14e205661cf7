// Backend: what the web UI and JSON API read from and write to.
//
// The server (serve/server.h) knows only this interface, so the in-memory
// implementation here and the SQLite store can stand behind the same HTTP
// routes; an adapter over the store is a subclass with four methods. Nothing
// here knows about HTTP.
//
// Thread safety: every method of a Backend may be called from many threads at
// once (the HTTP server calls it from its worker pool). Results are plain
// values owned by the caller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.h"
#include "ingest/article.h"
#include "pipeline/story_analyses.h"
#include "pipeline/pipeline.h"
#include "report/model.h"

namespace rashomon::serve {

// Which stories ListStories returns. Empty fields do not filter.
struct StoryFilter {
  // Case-insensitive substring of the headline or an article title, or
  // words (text/search_words.h) that one article's title and text hold all.
  std::string text;
  std::string outlet;           // case-insensitive exact outlet name of one of its articles
  std::optional<int64_t> from;  // the story has an article published at or after (UTC seconds)
  std::optional<int64_t> to;    // ... and one published at or before
  // New or updated at or after (UTC seconds): StorySummary::updated (else
  // last) at or after it.
  std::optional<int64_t> since;
  std::string topic;            // id of a topic (of several stories) the story is in
};

enum class StorySort {
  kSize,     // most articles first, then most recent
  kRecency,  // latest article first, then largest
};

// One row of the stories list.
struct StorySummary {
  std::string id;
  std::string headline;
  size_t articles = 0;
  std::vector<std::string> outlets;  // distinct, sorted
  std::optional<int64_t> first;      // earliest publication time, UTC seconds
  std::optional<int64_t> last;
  // The latest of `last` and the last time an article changed a figure (a
  // new version of it): when the story was last updated.
  std::optional<int64_t> updated;
  size_t conflicts = 0;
  std::string topic;  // its topic's id when that topic holds several stories, else empty
};

// A topic (report::Topic) of several stories, with their headlines so a page
// can link to them without reading each story.
struct TopicRow {
  struct Member {
    std::string id;
    std::string headline;
  };
  std::string id;
  std::string label;
  std::vector<std::string> terms;
  std::vector<Member> stories;  // in report order
};

struct TopicList {
  // False when the backend did not group stories into topics; then
  // `topics` is empty and the UI shows no topic.
  bool computed = false;
  std::vector<TopicRow> topics;  // topics of two or more stories only
};

struct StoryPage {
  std::vector<StorySummary> stories;  // at most `limit`, from `offset`
  size_t total = 0;                   // stories matching the filter
};

// One version of an article its outlet changed after it was stored.
struct ArticleRevision {
  int64_t version = 1;  // 1 = as first stored
  int64_t seen = 0;     // when it was first seen (UTC seconds)
  std::string title, text;
};

// An article as stored, with the story it was put in.
struct StoredArticle {
  Article article;
  std::string story_id;  // empty if it is in no story yet
  // Every version, oldest first (the last is `article`); empty when the
  // article never changed (or the backend keeps no versions).
  std::vector<ArticleRevision> versions;
};

// What happened to one posted article.
struct IngestResult {
  std::string article_id;  // as stored (made unique if the posted id was taken)
  std::string story_id;
  bool is_new = true;  // false: the same id and text were already stored
};

class Backend {
 public:
  virtual ~Backend() = default;

  // REQUIRES: limit > 0.
  virtual Result<StoryPage> ListStories(const StoryFilter& filter, StorySort sort, size_t offset,
                                        size_t limit) = 0;
  // NotFound when no story has this id.
  virtual Result<report::Story> GetStory(const std::string& id) = 0;
  // NotFound when no article has this id.
  virtual Result<StoredArticle> GetArticle(const std::string& id) = 0;
  // Stores the articles and assigns them to stories; results in input order.
  // `changed_stories`, when given, receives the ids of every story whose
  // GetStory result (or existence) the ingest changed; untouched stories
  // must read the same after it.
  virtual Result<std::vector<IngestResult>> Ingest(std::vector<Article> articles,
                                                   std::vector<std::string>* changed_stories = nullptr) = 0;
  // Changes whenever the content changed by a way other than this object's
  // Ingest (another process writing the same database), so the server can
  // tell when the responses it keeps are stale. Must be cheap and must not
  // wait for a running ingest. Default: content changes only through Ingest.
  virtual uint64_t ExternalVersion() { return 0; }
  // The topics of several stories. Must be cheap (no analysis on request):
  // a backend that does not keep topics says so with computed = false.
  virtual Result<TopicList> ListTopics() { return TopicList{}; }
  // Background analysis (serve/warmer.h): the stories worth analysing
  // before anyone asks, in the order to do them (store::Store::StoriesToWarm),
  // and the analysis of one, cached for later requests, which join it while
  // it runs (store::Store::WarmStory). Default: nothing to warm (the
  // in-memory backend analyses every story when it ingests).
  virtual Result<std::vector<std::string>> StoriesToWarm(size_t limit);
  virtual Result<WarmOutcome> WarmStory(const std::string& id, const WarmHooks& hooks);
};

// Summary row of a story, as ListStories shows it.
StorySummary Summarize(const report::Story& story);

// True when `summary` passes `filter`. `titles` are the story's article
// titles; `text_hits`, when given, the stories with an article holding every
// word of filter.text (which then pass the text condition too).
bool Matches(const StorySummary& summary, const std::vector<std::string>& titles,
             const StoryFilter& filter, const std::unordered_set<std::string>* text_hits = nullptr);

// The topics of `report` holding two or more of its stories.
TopicList ListTopicsOf(const report::Report& report);

// Orders rows for `sort`; ties broken by id so pages are stable.
void SortSummaries(std::vector<StorySummary>& rows, StorySort sort);

// Holds every article in memory and, after each Ingest, cleans and clusters
// the whole corpus again, re-analysing only the stories whose membership
// changed. Readers never wait for an ingest: they read an immutable snapshot
// that Ingest replaces when its analysis is done; ingests run one at a time.
// Cleaning and clustering cost time linear in the corpus per ingest, so this
// suits corpora of thousands to tens of thousands of articles; the SQLite
// store is the backend for more.
class MemoryBackend : public Backend {
 public:
  explicit MemoryBackend(const PipelineOptions& options = {});
  // Analyses `articles` once (no ingest results).
  MemoryBackend(std::vector<Article> articles, const PipelineOptions& options);
  // Serves a report already made from `articles` (no analysis run).
  MemoryBackend(std::vector<Article> articles, report::Report report);

  Result<StoryPage> ListStories(const StoryFilter& filter, StorySort sort, size_t offset,
                                size_t limit) override;
  Result<report::Story> GetStory(const std::string& id) override;
  Result<StoredArticle> GetArticle(const std::string& id) override;
  Result<std::vector<IngestResult>> Ingest(std::vector<Article> articles,
                                           std::vector<std::string>* changed_stories = nullptr) override;
  // The report's topics, kept up to date by Ingest (computed is false only
  // for a report made without topics).
  Result<TopicList> ListTopics() override;

 private:
  struct Snapshot;
  // `previous`, when given, holds a prefix of `articles`: its text index is
  // extended rather than rebuilt.
  static std::shared_ptr<const Snapshot> MakeSnapshot(std::vector<Article> articles,
                                                      report::Report report, const Snapshot* previous = nullptr);
  std::shared_ptr<const Snapshot> Current() const;
  static std::unordered_set<std::string> StoriesWithText(const Snapshot& snap, const std::string& text);
  class SnapshotCache;

  PipelineOptions options_;
  std::mutex ingest_mu_;            // one ingest at a time
  mutable std::mutex snapshot_mu_;  // guards snapshot_ (the pointer, not the data)
  std::shared_ptr<const Snapshot> snapshot_;
};

}  // namespace rashomon::serve
