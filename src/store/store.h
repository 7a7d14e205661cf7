// Store: the embedded SQLite database behind `rashomon ingest`, `report
// --db` and `serve --db`.
//
// A store holds articles (raw text and metadata, a content hash), their term
// bags (so later ingests never re-clean or re-tokenise them), corpus-wide
// document frequencies, a small inverted index of each article's strongest
// terms (for finding the neighbours of a new article), stories with stable
// integer ids, and a per-story cache of the analysis.
//
// Ingest is incremental: each batch of new articles is committed in one
// transaction together with its story assignment, which
// stories/incremental.h computes: the store is its NeighbourSource, finding
// each new article's candidate neighbours through the inverted index
// (indexed_neighbours.h, cached in memory per process), and writes the
// changes it returns. Stories grow, merge and split while keeping their
// ids. Re-ingesting an article already stored (same id, same content hash)
// changes nothing.
//
// On disk: WAL journal (readers never block the writer and see only
// committed batches), PRAGMA application_id marks the file as ours and
// PRAGMA user_version holds the schema version; older schemas are migrated
// step by step on a read-write open, newer ones are refused. A process
// killed mid-ingest loses at most the batch in running.
//
// Thread safety: one Store may be used from many threads. Writes (Ingest,
// BuildReport, caching an analysis) are serialised on one connection; the
// readers (ListStories, CountStories, GetStory, GetArticle) share a pool of
// read-only connections, so they read the last committed state while an
// ingest runs instead of waiting for it. Several
// processes may open the same file: one writer at a time (others wait up to
// busy_timeout_ms, then get a Busy status), any number of readers.
//
// Errors are Status values whose message starts with the database path.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "ingest/article.h"
#include "pipeline/story_analyses.h"
#include "pipeline/pipeline.h"
#include "report/model.h"
#include "store/schema.h"

namespace rashomon {

class Progress;

namespace store {

struct StoreOptions {
  // Opens for reading only: no schema creation or migration, writes fail.
  // A database its user may only read (and whose folder they may not
  // write, so SQLite cannot make its shared-memory file) is opened as
  // unchanging, unless a write-ahead log holds commits not yet in it.
  bool read_only = false;
  // How long to wait for another process's lock before giving up with Busy.
  int busy_timeout_ms = 5000;
  // New articles per transaction. Each batch is clustered together with
  // every story it touches, which costs about (batch x story size)^2 pair
  // similarities, so small batches are cheaper per article as well as
  // losing less to a crash; the floor is the per-batch cost of cleaning and
  // committing (on 3,000 generated articles, 25 took half the CPU of 100,
  // and 10 no less than 25). On ECB+, 8 to 80 batches all stay within a
  // point of batch B-cubed F1.
  size_t batch_articles = 25;
  // Strongest terms per article kept in the inverted index, and how many of
  // the most recent articles one index term may propose as neighbours. The
  // cap bounds the work per new article; it must stay well above the number
  // of articles between a story's members that share one of its terms:
  // with 64, at 100,000 generated articles (a story's members spread over
  // the whole file) a fifth of new articles no longer found any earlier
  // member of their story among their candidates, against 4% with no cap.
  int index_terms = 24;
  int postings_per_term = 512;
  // Neighbours kept per new article (best shared-term score first); their
  // stories are re-clustered with the new articles.
  int neighbours = 8;
  // A neighbour's story is re-clustered only when the neighbour is at least
  // this similar (stories/cluster.h ItemSimilarity) to the new article: the
  // similarity below which items stop counting as each other's neighbours
  // in the clustering (ClusterOptions::snn_min_sim, 0.1). At 0.2 a story
  // whose reports share little vocabulary (translations, headlines) was not
  // touched by its later reports, which then formed stories of their own:
  // MEANTIME with translations shuffled in 8 batches 0.817 against 0.833.
  float min_neighbour_similarity = 0.1f;
  // Of those, each new article brings the stories of at most this many of
  // its most similar neighbours into its batch's clustering.
  int stories_per_article = 3;
  // A touched story takes part with at most this many of its most recent
  // members; the others stay in it (or follow it when it merges), so a
  // large story costs no more than this.
  int story_members = 32;
  // Stored articles an ingest process keeps in memory in the form the
  // clustering reads (term ids and weights, about 2 KB an article on
  // generated news), so the recent members of a story touched again are
  // not read and decoded again. 0 = none.
  size_t cached_articles = 65536;
  // The write-ahead log is copied back into the database (a checkpoint)
  // once it holds this many pages (PRAGMA wal_autocheckpoint; SQLite's
  // default is 1,000). Each batch rewrites pages all over the term
  // statistics and the index, so with the default nearly every other batch
  // paid for a checkpoint; a longer log lets one checkpoint write a page
  // that many batches changed once. The cost: the -wal file grows to about
  // this many pages (4 KB each) before it is reused. 0 = SQLite's default.
  int wal_checkpoint_pages = 8192;
  // The term statistics (document frequencies) of the articles stored
  // since the last fold are kept in memory and written to the table once
  // they count this many articles (store/term_stats.h): per batch, the
  // upserts scattered over every page of a table that grows with the
  // vocabulary. The model reads the same frequencies either way; 1 writes
  // them with every batch.
  size_t fold_term_statistics = 4096;
  // Cleaning, story and analysis options (the same as `analyze`).
  PipelineOptions pipeline;
  // Caps the database size in pages (PRAGMA max_page_count); 0 = no cap.
  // For tests of the full-disk path.
  int64_t max_pages = 0;
  // Test hook: create a new database at this older schema version (0 =
  // current) so migrations can be exercised.
  int create_version = 0;
  // Test hook: called with the story id when a GetStory analysis has its
  // slot and starts, or a WarmStory analysis starts (after its
  // compute_begin hook), on the analysing thread, outside every lock.
  std::function<void(int64_t)> on_analysis_start;
};

// What Ingest did with one article.
struct IngestedArticle {
  std::string id;     // as stored (a changed text under a known id is stored as "id#2", ...)
  int64_t story = 0;  // story id after the whole call
  bool is_new = false;
};

struct StoryFilter {
  // Substring of the headline or an article title (case-insensitive, ASCII),
  // or words (text/search_words.h) one article's title and text hold all.
  std::string text;
  std::string outlet;  // exact source name
  std::optional<int64_t> from, to;  // stories with an article published within [from, to]
  // Stories new or updated at or after this time: an article published then
  // or later, or an article's version that changed a figure seen then or later.
  std::optional<int64_t> updated_since;
  std::optional<std::vector<int64_t>> ids;  // only these stories
};

enum class StorySort { kSize, kRecency };

struct StorySummary {
  int64_t id = 0;
  std::string headline;  // cached analysis headline, else the earliest article's title
  uint32_t articles = 0;
  std::vector<std::string> outlets;  // sorted, unique, non-empty
  std::optional<int64_t> first_published, last_published;
  int conflicts = -1;  // -1 until the story has been analysed
  // When an article of the story last changed a figure (a new version, see
  // ReviseArticle), if one ever did.
  std::optional<int64_t> revised;
};

// What WarmStory did with a story, and the callbacks of a background
// analysis (pipeline/story_analyses.h, which runs the analyses of single stories).
using WarmOutcome = ::rashomon::WarmOutcome;
using WarmHooks = ::rashomon::WarmHooks;

struct Connection;  // store/sqlite.h
// Called inside the transaction of each ingest batch, before it commits,
// with the positions [begin, end) of that batch's articles in the Ingest
// call's input; an error rolls the batch back and ends the call.
using BatchHook = std::function<Status(const Connection& conn, size_t begin, size_t end)>;

// One version of an article an outlet changed after it was stored.
struct ArticleVersion {
  int64_t version = 1;  // 1 = as first stored
  int64_t seen = 0;     // when this version was first seen (UTC seconds)
  std::string title, text;
  bool figure_changed = false;  // a number differs from the version before
};

// Records a new version of stored article `id` on `conn`, inside the
// caller's transaction: `title` and `text` replace the stored ones (the
// story keeps the article; its term bags, and so its story assignment,
// stay those of the first version), every version is kept in
// article_versions, and the story's cached analysis is dropped. False (and
// nothing written) when the two are the stored ones up to spacing. NotFound
// for an unknown id.
Result<bool> ReviseArticle(const Connection& conn, const std::string& id, const std::string& title,
                           const std::string& text, int64_t seen);

struct StoreCounts {
  int64_t articles = 0;
  int64_t stories = 0;
};

class Store {
 public:
  // Opens or (read-write only) creates the database at `path`.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }

  // Adds articles, in batches of options.batch_articles, each its own
  // transaction; returns one entry per input article, in input order. On an
  // error, the batches already committed stay committed. `changed_stories`,
  // when given, receives (sorted, also on an error) the ids of the stories
  // whose articles the committed batches changed, including stories that
  // lost all their articles and are gone.
  // `in_batch`, when given, runs inside each batch's transaction (rows
  // that must be committed with the batch's articles, as feed state is).
  Result<std::vector<IngestedArticle>> Ingest(std::vector<Article> articles, Progress* progress = nullptr,
                                              std::vector<int64_t>* changed_stories = nullptr,
                                              const BatchHook* in_batch = nullptr);
  // Runs `fn` on the writer connection inside one immediate transaction,
  // committed when it returns Ok and rolled back otherwise.
  Status Write(const std::function<Status(const Connection& conn)>& fn);

  // The report `analyze` writes for the stored articles, with the stored
  // story partition: all articles are cleaned together (as analyze does)
  // and each story analysed; the analyses are cached for GetStory and
  // ListStories.
  Result<report::Report> BuildReport();

  Result<std::vector<StorySummary>> ListStories(const StoryFilter& filter, StorySort sort, size_t offset,
                                                size_t limit);
  // One story's analysis: from the cache when the story has not changed
  // since it was analysed, else computed over its own articles and cached
  // (on a read-write store). Analyses of different stories run at once (as
  // many as pipeline.threads, or hardware threads); concurrent requests
  // for one story share one analysis. NotFound for an unknown id.
  Result<report::Story> GetStory(int64_t id);
  // Stories worth analysing ahead of requests, in the order a reader is
  // likely to open them: the first `limit` stories of the two list orders
  // taken in turn (the largest, the most recent, the second largest, ...),
  // keeping those without a cached analysis (never analysed, or changed by
  // an ingest since). Empty on a read-only store (nothing could be cached).
  Result<std::vector<int64_t>> StoriesToWarm(size_t limit);
  // Analyses story `id` and caches the analysis, unless it is cached or a
  // request is analysing it already, for a background thread. Unlike
  // GetStory it takes no analysis slot (so requests never queue behind it)
  // and cleans and analyses on the calling thread only; a request for the
  // story meanwhile joins this analysis instead of computing its own. It
  // holds the writer only to check the members and cache the result, and
  // waits for a running ingest to do so. NotFound for an unknown id.
  Result<WarmOutcome> WarmStory(int64_t id, const WarmHooks& hooks = {});
  // The topics of the stored stories (pipeline.h TopicsOfPartition: all
  // articles cleaned together, grouped by their stored stories, as
  // BuildReport does), story_ids being store ids in decimal. A story is
  // named by its cached headline, else by its earliest article's title;
  // `headlines`, when given, receives those names. Costs a cleaning of
  // every stored article, so callers keep the result; Unsupported when more
  // than `max_articles` are stored.
  Result<std::vector<report::Topic>> Topics(size_t max_articles,
                                            std::unordered_map<int64_t, std::string>* headlines = nullptr);
  // How many stories ListStories would list for `filter` without paging.
  Result<size_t> CountStories(const StoryFilter& filter);
  // NotFound for an unknown id. When `story` is given it receives the
  // article's story id (0 if it has none).
  Result<Article> GetArticle(const std::string& id, int64_t* story = nullptr);
  // Fills each story's timeline (report::TimelineEvent: its first report,
  // each later article by publication time, each new version of an article
  // that changed a figure, by when it was seen) and its articles' version
  // counts. A story is found by its articles, so the stories of
  // BuildReport (whose ids are not the stored ones) work as well.
  Status AddTimelines(std::vector<report::Story>* stories);
  // Every version of article `id`, oldest first (the last is the stored
  // article); empty when it never changed or is unknown.
  Result<std::vector<ArticleVersion>> Versions(const std::string& id);
  // A number that changes whenever a commit by another process has changed
  // the database since the last call (SQLite's data_version on the writer
  // connection); this Store's own writes do not count. Does not wait for an
  // ingest: while one runs, the value from before it is returned.
  uint64_t ExternalVersion();
  // Story analyses GetStory and WarmStory have computed (not read from the
  // cache) so far.
  uint64_t AnalysesRun() const;
  // Article ids (in ingest order) with their story ids.
  Result<std::vector<std::pair<std::string, int64_t>>> Assignments();
  Result<StoreCounts> Counts();
  // Reads every page (SQLite's quick_check): Corruption naming the file
  // when the database is damaged anywhere, so a server refuses it at start
  // rather than failing some requests later.
  Status CheckIntegrity();

 private:
  struct Impl;
  Store(std::string path, std::unique_ptr<Impl> impl);
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace store
}  // namespace rashomon
