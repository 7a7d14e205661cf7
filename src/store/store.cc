#include "store/store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/progress.h"
#include "base/strings.h"
#include "report/json_reader.h"
#include "report/writer.h"
#include "sketch/term_vector.h"
#include "stories/incremental.h"
#include "stories/stories.h"
#include "store/article_cache.h"
#include "store/indexed_neighbours.h"
#include "store/name_skeletons.h"
#include "store/schema.h"
#include "base/strings.h"
#include "store/sqlite.h"
#include "store/term_model.h"
#include "store/term_stats.h"
#include "store/text_search.h"
#include "store/versions.h"
#include "text/corpus.h"

namespace rashomon::store {
namespace {

// The incremental assignment's options from the store's.
IncrementalOptions IncrementalOptionsOf(const StoreOptions& o) {
  IncrementalOptions out;
  out.neighbours = o.neighbours;
  out.min_neighbour_similarity = o.min_neighbour_similarity;
  out.stories_per_article = o.stories_per_article;
  out.story_members = o.story_members;
  out.cluster = o.pipeline.stories.cluster;
  out.threads = o.pipeline.threads;
  return out;
}

}  // namespace

struct Store::Impl : StorySource {
  sqlite3* db = nullptr;
  std::string path;
  StoreOptions options;
  std::mutex mu;
  // Process-wide caches of the term statistics and the term index, valid
  // while no other connection has ingested since this one's last commit
  // (TermStats::Sync tells).
  PostingsCache postings_cache;
  TermStats term_stats;
  CandidateTally tally;
  bool anchors_column = true;  // schema 4 or later (a test may create an older one)
  bool name_skeletons = true;  // schema 7 or later
  // The TF-IDF model over the cached statistics, and the stored articles
  // already read in that model's term ids (a stored article's terms never
  // change, and most are read again: a story's recent members take part
  // each time the story is touched).
  std::unique_ptr<TermModel> model;
  ArticleCache article_cache;
  // Analyses of single stories (GetStory, WarmStory) run outside `mu`
  // (reads and ingest go on), one per story at a time; this Impl is their
  // StorySource.
  std::unique_ptr<StoryAnalyses> analyses;
  // Stories whose articles changed in the running Ingest call.
  std::vector<int64_t> changed_stories;
  // Last PRAGMA data_version of the writer connection, which counts the
  // commits of other connections only (ExternalVersion).
  std::atomic<uint64_t> data_version{0};

  // Read-only connections for the readers (lists, stories, articles),
  // opened on first use: with WAL they read the last committed state while
  // `db` is inside an ingest's transaction, so readers never queue behind a
  // writer, and several of them read at once. Each is guarded by its own
  // mutex (never held together with mu).
  static constexpr size_t kReaders = 4;
  struct Reader {
    std::mutex mu;
    sqlite3* db = nullptr;
  };
  std::array<Reader, kReaders> readers;
  std::atomic<bool> readers_failed{false};
  std::atomic<size_t> next_reader{0};

  ~Impl() {
    for (Reader& r : readers) {
      if (r.db) sqlite3_close_v2(r.db);
    }
    if (db) sqlite3_close_v2(db);
  }

  // A connection to read from and the lock that guards it: the reader
  // connection, or the main one (under mu) when a second connection cannot
  // be opened.
  struct ReadHandle {
    std::unique_lock<std::mutex> lock;
    sqlite3* db;
  };
  ReadHandle Read() {
    if (!readers_failed.load()) {
      // A free reader if there is one, else wait for the next in turn.
      std::unique_lock<std::mutex> lock;
      Reader* r = nullptr;
      for (size_t k = 0; r == nullptr && k < kReaders; ++k) {
        lock = std::unique_lock<std::mutex>(readers[k].mu, std::try_to_lock);
        if (lock.owns_lock()) r = &readers[k];
      }
      if (r == nullptr) {
        r = &readers[next_reader.fetch_add(1) % kReaders];
        lock = std::unique_lock<std::mutex>(r->mu);
      }
      if (r->db == nullptr) {
        if (sqlite3_open_v2(path.c_str(), &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK) {
          sqlite3_busy_timeout(r->db, options.busy_timeout_ms);
          sqlite3_extended_result_codes(r->db, 1);
          sqlite3_exec(r->db, "PRAGMA cache_size=-16384", nullptr, nullptr, nullptr);
        } else {
          sqlite3_close_v2(r->db);
          r->db = nullptr;
          readers_failed.store(true);
        }
      }
      if (r->db != nullptr) return {std::move(lock), r->db};
    }
    return {std::unique_lock<std::mutex>(mu), db};
  }

  // The writer connection as its errors name it.
  Connection conn() const { return {db, path, options.busy_timeout_ms}; }
  Status Error(int rc, std::string_view what) const { return conn().Error(rc, what); }
  Status ReopenImmutableIfNeeded(int flags);
  Status Exec(const char* sql, std::string_view what) { return conn().Exec(sql, what); }
  Result<int64_t> QueryInt(const char* sql, std::string_view what) { return conn().QueryInt(sql, what); }
  Status Step(Stmt& s, std::string_view what) { return conn().Step(s, what); }

  Status OpenAndCheck();
  Status IngestBatch(std::vector<Article>& batch, std::vector<IngestedArticle>& out, size_t out_begin,
                     const BatchHook* hook);
  // IngestBatch's steps, inside its transaction.
  Result<std::vector<Article>> NewArticles(std::vector<Article>& batch, std::vector<IngestedArticle>& out,
                                           size_t out_begin);
  Result<int64_t> CountTerms(const std::vector<TermBag>& bags);
  Result<std::vector<int64_t>> StoreArticles(const std::vector<Article>& fresh, const std::vector<TermBag>& bags,
                                             const std::vector<TermBag>& name_bags,
                                             const std::vector<EventAnchors>& anchors);
  Result<std::vector<int64_t>> ApplyAssignment(BatchAssignment& assignment, const std::vector<int64_t>& seqs);
  Result<std::vector<Article>> LoadArticles(const char* where, int64_t arg, std::vector<int64_t>* stories,
                                            sqlite3* conn = nullptr);
  Status CacheStory(int64_t id, const report::Story& story);
  // StorySource: the stories as the analyses read and keep them.
  Result<std::optional<report::Story>> Kept(int64_t id) override;
  Result<std::vector<Article>> Articles(int64_t id) override;
  Result<std::vector<std::string>> Members(int64_t id) override;
  Result<WarmOutcome> Keep(int64_t id, const std::vector<std::string>& members, const report::Story& story,
                           bool wait) override;
  Result<std::vector<std::string>> StoryMembers(sqlite3* conn, int64_t id) const;
};

// A WAL database opened read-only needs its shared-memory file, which
// SQLite cannot create in a folder its user may not write: the first read
// fails. With no log to replay (none, or empty) the file alone is the
// database, and SQLite may read it as unchanging (no locks, no -shm).
Status Store::Impl::ReopenImmutableIfNeeded(int flags) {
  int rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  const int primary = rc & 0xff;
  if (primary != SQLITE_READONLY && primary != SQLITE_CANTOPEN) return Status::Ok();
  struct stat wal;
  if (::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0) {
    return Status::IoError(path + ": cannot read the database: its write-ahead log needs a folder this user "
                                  "may write (or run rashomon ingest once to fold the log in)");
  }
  sqlite3_close(db);
  db = nullptr;
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20 || c >= 0x7f) {
      static const char* kHex = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    } else {
      uri += static_cast<char>(c);
    }
  }
  uri += "?immutable=1";
  rc = sqlite3_open_v2(uri.c_str(), &db, flags | SQLITE_OPEN_URI, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : Error(rc, "opening");
}

Status Store::Impl::OpenAndCheck() {
  // A folder, FIFO or device is no database (and a FIFO would block the
  // first read); a missing file is made or reported below.
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    return Status::InvalidInput(path + (S_ISDIR(st.st_mode) ? ": is a folder, not a database file"
                                                             : ": not a regular file, so not a database"));
  }
  int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;  // the Store's own mutex serialises use
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    if (options.read_only && rc == SQLITE_CANTOPEN) {
      return Status::NotFound(path + ": cannot open database: no such file or not readable");
    }
    return Error(rc, "opening");
  }
  if (options.read_only) RETURN_IF_ERROR(ReopenImmutableIfNeeded(flags));
  // SQLite quietly opens a file it may not write read-only.
  if (!options.read_only && sqlite3_db_readonly(db, "main") == 1) {
    return Status::IoError(path + ": cannot write the database: the file or its folder is read-only");
  }
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  // A 64 MB page cache (serve on 100k articles spent a fifth of its time
  // re-reading pages). No memory map: a file truncated underneath a mapped
  // reader would kill the process with SIGBUS instead of giving an error.
  // Best effort.
  sqlite3_exec(db, "PRAGMA cache_size=-65536", nullptr, nullptr, nullptr);
  // Reading the header tells a foreign file from ours.
  ASSIGN_OR_RETURN(int64_t app_id, QueryInt("PRAGMA application_id", "reading the header"));
  ASSIGN_OR_RETURN(int64_t version, QueryInt("PRAGMA user_version", "reading the header"));
  ASSIGN_OR_RETURN(int64_t objects, QueryInt("SELECT count(*) FROM sqlite_master", "reading the schema"));
  bool fresh = app_id == 0 && version == 0 && objects == 0;
  if (!fresh && app_id != kApplicationId) {
    return Status::InvalidInput(path + ": not a rashomon database (an SQLite file of another application)");
  }
  if (version > kSchemaVersion) {
    return Status::Unsupported(path + ": database schema version " + std::to_string(version) +
                               " is newer than this rashomon supports (" + std::to_string(kSchemaVersion) +
                               "); use a newer rashomon");
  }
  if (options.read_only) {
    if (fresh) return Status::InvalidInput(path + ": not a rashomon database (empty)");
    if (version < kSchemaVersion) {
      return Status::Unsupported(path + ": database schema version " + std::to_string(version) +
                                 " is older than " + std::to_string(kSchemaVersion) +
                                 "; open it once for writing (rashomon ingest) to migrate it");
    }
    return Status::Ok();
  }
  if (options.max_pages > 0) {
    std::string sql = "PRAGMA max_page_count=" + std::to_string(options.max_pages);
    RETURN_IF_ERROR(Exec(sql.c_str(), "setting the size cap"));
  }
  // WAL: readers in other processes never block the writer and see only
  // committed batches. synchronous=NORMAL keeps every commit across a killed
  // process (only an OS crash may lose the last commits, never consistency).
  {
    Stmt s(db, "PRAGMA journal_mode=WAL");
    if (s.prepare_rc() != SQLITE_OK) return Error(s.prepare_rc(), "switching to WAL");
    rc = s.Step();
    if (rc != SQLITE_ROW) return Error(rc, "switching to WAL");
  }
  RETURN_IF_ERROR(Exec("PRAGMA synchronous=NORMAL", "setting up"));
  if (options.wal_checkpoint_pages > 0) {
    std::string sql = "PRAGMA wal_autocheckpoint=" + std::to_string(options.wal_checkpoint_pages);
    RETURN_IF_ERROR(Exec(sql.c_str(), "setting up"));
  }
  int target = fresh && options.create_version > 0 ? options.create_version : kSchemaVersion;
  if (version < target) RETURN_IF_ERROR(MigrateSchema(conn(), static_cast<int>(version), target));
  anchors_column = std::max<int64_t>(version, target) >= 4;
  name_skeletons = std::max<int64_t>(version, target) >= 7;
  return EnsureIndexes(conn());
}

Store::Store(std::string path, std::unique_ptr<Impl> impl) : path_(std::move(path)), impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->article_cache.SetCapacity(options.cached_articles);
  impl->term_stats.set_fold_articles(options.fold_term_statistics);
  const int threads = options.pipeline.threads > 0 ? options.pipeline.threads : DefaultThreadCount();
  impl->analyses = std::make_unique<StoryAnalyses>(impl.get(), options.pipeline, static_cast<size_t>(std::max(1, threads)),
                                                 options.on_analysis_start);
  RETURN_IF_ERROR(impl->OpenAndCheck());
  return std::unique_ptr<Store>(new Store(path, std::move(impl)));
}

Result<std::vector<IngestedArticle>> Store::Ingest(std::vector<Article> articles, Progress* progress,
                                                   std::vector<int64_t>* changed_stories,
                                                   const BatchHook* in_batch) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->options.read_only) return Status::InvalidArgument(path_ + ": store opened read-only");
  std::vector<IngestedArticle> out(articles.size());
  const size_t batch = std::max<size_t>(1, impl_->options.batch_articles);
  impl_->changed_stories.clear();
  auto report_changed = [&] {
    if (changed_stories == nullptr) return;
    std::vector<int64_t>& c = impl_->changed_stories;
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    *changed_stories = std::move(c);
    c.clear();
  };
  for (size_t begin = 0; begin < articles.size(); begin += batch) {
    size_t end = std::min(articles.size(), begin + batch);
    std::vector<Article> chunk(std::make_move_iterator(articles.begin() + static_cast<ptrdiff_t>(begin)),
                               std::make_move_iterator(articles.begin() + static_cast<ptrdiff_t>(end)));
    Status st = impl_->IngestBatch(chunk, out, begin, in_batch);
    if (!st.ok()) {
      report_changed();  // batches before this one stay committed
      return st;
    }
    if (progress) progress->Add(end - begin);
  }
  report_changed();
  // Story ids as they are after the whole call (later batches may merge).
  Stmt s(impl_->db, "SELECT story FROM articles WHERE id=?");
  for (IngestedArticle& a : out) {
    s.Bind(1, a.id);
    if (s.Step() == SQLITE_ROW) a.story = s.Int(0);
    s.Reset();
  }
  return out;
}

Status Store::Impl::IngestBatch(std::vector<Article>& batch, std::vector<IngestedArticle>& out, size_t out_begin,
                                const BatchHook* hook) {
  Transaction tx(db);
  int rc = tx.Begin();
  if (rc != SQLITE_OK) return Error(rc, "starting an ingest transaction");
  const size_t out_end = out_begin + batch.size();
  ASSIGN_OR_RETURN(std::vector<Article> fresh, NewArticles(batch, out, out_begin));
  if (hook != nullptr) RETURN_IF_ERROR((*hook)(conn(), out_begin, out_end));
  if (fresh.empty()) {
    rc = tx.Commit();
    return rc == SQLITE_OK ? Status::Ok() : Error(rc, "committing");
  }

  // Clean the new articles and build their term bags.
  const PipelineOptions& pipeline = options.pipeline;
  const size_t n_new = fresh.size();
  std::vector<TermBag> bags(n_new), name_bags(n_new);
  std::vector<EventAnchors> anchors(n_new);
  {
    std::vector<Document> docs = BuildDocuments(fresh, pipeline.text, nullptr, pipeline.threads);
    ParallelFor(
        n_new,
        [&](size_t i) {
          bags[i] = BuildTermBag(docs[i], pipeline.stories.terms, &name_bags[i]);
          anchors[i] = ExtractAnchors(docs[i]);
        },
        pipeline.threads);
  }
  // Arabic and Hebrew words take the names they spell (store/name_skeletons.h).
  if (name_skeletons) {
    RETURN_IF_ERROR(SpellWithStoredNames(conn(), &bags));
  } else {
    BridgeCaselessNames(&bags);  // an older schema: the batch's names only
  }
  // The statistics, then the articles themselves (story 0 until assigned).
  ASSIGN_OR_RETURN(int64_t documents, CountTerms(bags));
  ASSIGN_OR_RETURN(std::vector<int64_t> seqs, StoreArticles(fresh, bags, name_bags, anchors));

  // The TF-IDF model over the stored statistics; the new articles are
  // assigned through the term index, in the model's ids.
  model->SetDocuments(static_cast<uint32_t>(documents));
  const Connection c = conn();
  RETURN_IF_ERROR(term_stats.Stored(c, seqs.back()));
  IndexedNeighbours source(c, *model, article_cache, postings_cache, bags, seqs.front(),
                           {options.index_terms, options.postings_per_term, anchors_column, &term_stats.tail()},
                           tally);
  std::vector<CachedArticle> new_interned(n_new);
  for (size_t i = 0; i < n_new; ++i) {
    new_interned[i] = source.Intern(bags[i], name_bags[i], fresh[i].published);
    new_interned[i].anchors = std::move(anchors[i]);
  }
  std::vector<ClusterItem> new_items(n_new);
  for (size_t i = 0; i < n_new; ++i) new_items[i] = source.ItemOf(new_interned[i]);
  ASSIGN_OR_RETURN(BatchAssignment assignment,
                   AssignBatch(std::move(new_items), source, IncrementalOptionsOf(options)));
  ASSIGN_OR_RETURN(std::vector<int64_t> changed, ApplyAssignment(assignment, seqs));
  RETURN_IF_ERROR(AddToTermIndex(c, postings_cache, seqs, source.top_terms(), options.postings_per_term));

  rc = tx.Commit();
  if (rc != SQLITE_OK) return Error(rc, "committing");
  changed_stories.insert(changed_stories.end(), changed.begin(), changed.end());
  term_stats.Committed();
  // The new articles are the most recent members of their stories, the
  // ones the next batches read first.
  if (article_cache.enabled()) {
    for (size_t i = 0; i < n_new; ++i) article_cache.Put(seqs[i], std::move(new_interned[i]));
  }
  return Status::Ok();
}

// Which articles of the batch are new, moved out of `batch`; fills their
// entries of `out`. A known id with another text is a new version, stored
// as "id#2", "id#3"... (as analyze names such ids).
Result<std::vector<Article>> Store::Impl::NewArticles(std::vector<Article>& batch, std::vector<IngestedArticle>& out,
                                                      size_t out_begin) {
  std::vector<Article> fresh;
  Stmt find(db, "SELECT content_hash FROM articles WHERE id=?");
  if (find.prepare_rc() != SQLITE_OK) return Error(find.prepare_rc(), "reading articles");
  std::unordered_map<std::string, uint64_t> in_batch;
  for (size_t i = 0; i < batch.size(); ++i) {
    Article& a = batch[i];
    uint64_t hash = ContentHash(a);
    std::string id = a.id;
    bool is_new = false;
    for (int n = 2;; ++n) {
      std::optional<uint64_t> stored;
      if (auto it = in_batch.find(id); it != in_batch.end()) {
        stored = it->second;
      } else {
        find.Bind(1, id);
        const int rc = find.Step();
        if (rc == SQLITE_ROW) stored = static_cast<uint64_t>(find.Int(0));
        find.Reset();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error(rc, "reading articles");
      }
      if (!stored) {
        is_new = true;
        break;
      }
      if (*stored == hash) break;
      id = a.id + "#" + std::to_string(n);
    }
    out[out_begin + i].id = id;
    out[out_begin + i].is_new = is_new;
    if (is_new) {
      in_batch[id] = hash;
      a.id = id;
      fresh.push_back(std::move(a));
    }
  }
  return fresh;
}

// Adds the batch's bags to the document frequencies (one upsert per
// distinct term), in the table and in the process's model (rebuilt first
// when another process has ingested since our last commit); returns the
// document count with the batch.
Result<int64_t> Store::Impl::CountTerms(const std::vector<TermBag>& bags) {
  ASSIGN_OR_RETURN(bool changed, term_stats.Sync(conn()));
  if (changed || !model) {
    postings_cache.clear();
    article_cache.Clear();
    model = std::make_unique<TermModel>(options.pipeline.stories.idf_background_docs);
  }
  std::unordered_map<uint64_t, int64_t> counts;
  for (const TermBag& bag : bags) {
    for (const auto& term : bag.terms) ++counts[term.first];
  }
  term_stats.Add(counts, bags.size());
  for (const auto& [key, count] : counts) {
    if (int64_t id = model->Find(key); id >= 0) {
      model->AddDocumentFrequency(static_cast<uint32_t>(id), static_cast<uint32_t>(count));
    }
  }
  return term_stats.documents();
}

// Stores the new articles with story 0; returns their seqs.
Result<std::vector<int64_t>> Store::Impl::StoreArticles(const std::vector<Article>& fresh,
                                                        const std::vector<TermBag>& bags,
                                                        const std::vector<TermBag>& name_bags,
                                                        const std::vector<EventAnchors>& anchors) {
  std::vector<int64_t> seqs(fresh.size());
  const std::string sql =
      std::string("INSERT INTO articles(id, source, url, published, title, byline, lang, origin, text, content_hash,") +
      (anchors_column ? " story, terms, names, anchors) VALUES(?,?,?,?,?,?,?,?,?,?,0,?,?,?)"
                      : " story, terms, names) VALUES(?,?,?,?,?,?,?,?,?,?,0,?,?)");
  Stmt ins(db, sql.c_str());
  for (size_t i = 0; i < fresh.size(); ++i) {
    const Article& a = fresh[i];
    ins.Bind(1, a.id).Bind(2, a.source).Bind(3, a.url).Bind(4, a.published).Bind(5, a.title);
    ins.Bind(6, a.byline).Bind(7, a.lang).Bind(8, a.origin).Bind(9, a.text);
    ins.Bind(10, static_cast<int64_t>(ContentHash(a)));
    ins.BindBlob(11, PackBag(bags[i])).BindBlob(12, PackBag(name_bags[i]));
    if (anchors_column) ins.BindBlob(13, PackAnchors(anchors[i]));
    RETURN_IF_ERROR(Step(ins, "storing articles"));
    seqs[i] = sqlite3_last_insert_rowid(db);
  }
  return seqs;
}

// Writes a batch's assignment: its new stories (ids in the assignment's
// order), the new articles' stories, the moves and follows, then each
// changed story's size and dates (its cached analysis dropped), or the
// story deleted when it ended. Returns the changed story ids.
Result<std::vector<int64_t>> Store::Impl::ApplyAssignment(BatchAssignment& assignment,
                                                          const std::vector<int64_t>& seqs) {
  std::vector<int64_t> ids;
  Stmt make(db, "INSERT INTO stories(size) VALUES(0)");
  for (int64_t k = 0; k < assignment.new_stories; ++k) {
    RETURN_IF_ERROR(Step(make, "creating stories"));
    ids.push_back(sqlite3_last_insert_rowid(db));
  }
  assignment.Resolve(ids);
  Stmt move(db, "UPDATE articles SET story=? WHERE seq=?");
  for (size_t i = 0; i < seqs.size(); ++i) {
    move.Bind(1, assignment.story_of_new[i]).Bind(2, seqs[i]);
    RETURN_IF_ERROR(Step(move, "assigning stories"));
  }
  for (const auto& [seq, story] : assignment.moves) {
    move.Bind(1, story).Bind(2, seq);
    RETURN_IF_ERROR(Step(move, "assigning stories"));
  }
  Stmt follow(db, "UPDATE articles SET story=? WHERE story=?");
  for (const auto& [story, target] : assignment.follows) {
    follow.Bind(1, target).Bind(2, story);
    RETURN_IF_ERROR(Step(follow, "assigning stories"));
  }
  Stmt drop(db, "DELETE FROM stories WHERE id=?");
  Stmt update(db,
              "UPDATE stories SET size=(SELECT count(*) FROM articles WHERE story=?1),"
              " first_published=(SELECT min(published) FROM articles WHERE story=?1),"
              " last_published=(SELECT max(published) FROM articles WHERE story=?1),"
              " headline=NULL, conflicts=NULL, analysis=NULL WHERE id=?1");
  for (int64_t story : assignment.changed) {
    const bool ended = std::binary_search(assignment.ended.begin(), assignment.ended.end(), story);
    Stmt& s = ended ? drop : update;
    s.Bind(1, story);
    RETURN_IF_ERROR(Step(s, "updating stories"));
  }
  return assignment.changed;
}

namespace {

// An article from a row whose columns 0-8 are id, source, url, published,
// title, byline, lang, origin, text (the order every article query uses).
Article ArticleFromRow(Stmt& s) {
  Article a;
  a.id = s.Text(0);
  a.source = s.Text(1);
  a.url = s.Text(2);
  a.published = s.OptInt(3);
  a.title = s.Text(4);
  a.byline = s.Text(5);
  a.lang = s.Text(6);
  a.origin = s.Text(7);
  a.text = s.Text(8);
  return a;
}

}  // namespace

Result<std::vector<Article>> Store::Impl::LoadArticles(const char* where, int64_t arg, std::vector<int64_t>* stories,
                                                       sqlite3* conn) {
  std::string sql =
      "SELECT id, source, url, published, title, byline, lang, origin, text, story FROM articles ";
  sql += where;
  sql += " ORDER BY seq";
  Stmt s(conn ? conn : db, sql.c_str());
  if (s.prepare_rc() != SQLITE_OK) return Error(s.prepare_rc(), "reading articles");
  if (std::strchr(where, '?')) s.Bind(1, arg);
  std::vector<Article> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    Article a = ArticleFromRow(s);
    if (stories) stories->push_back(s.Int(9));
    out.push_back(std::move(a));
  }
  if (rc != SQLITE_DONE) return Error(rc, "reading articles");
  return out;
}

namespace {

// The analysis cache (stories.analysis) holds {"format":N,"story":S}, S the
// story as the JSON report writes it (report/json_writer.cc). An entry of
// another format (format 1 was a private encoding without the wrapper) is
// not read but recomputed; bump kAnalysisFormat whenever the bytes the
// writer produces for a story change.
constexpr int kAnalysisFormat = 8;

std::string AnalysisEntry(const report::Story& story) {
  return "{\"format\":" + std::to_string(kAnalysisFormat) + ",\"story\":" + report::WriteStoryJson(story) + "}";
}

Result<report::Story> ReadAnalysisEntry(const std::string& entry) {
  const std::string head = "{\"format\":" + std::to_string(kAnalysisFormat) + ",\"story\":";
  if (entry.size() < head.size() + 1 || entry.compare(0, head.size(), head) != 0 || entry.back() != '}') {
    return Status::Corruption("story analysis cache entry of another format");
  }
  return report::ReadStoryJson(std::string_view(entry).substr(head.size(), entry.size() - head.size() - 1));
}

}  // namespace

Status Store::Impl::CacheStory(int64_t id, const report::Story& story) {
  if (options.read_only) return Status::Ok();
  Stmt s(db, "UPDATE stories SET headline=?, conflicts=?, analysis=? WHERE id=?");
  s.Bind(1, story.headline).Bind(2, static_cast<int64_t>(story.conflicts.size()));
  s.Bind(3, AnalysisEntry(story)).Bind(4, id);
  return Step(s, "caching a story analysis");
}

namespace {

// The store's side of BuildReport's analyses: none is read (a cached
// analysis was cleaned with its story's articles only, a report's with the
// whole corpus), each fresh one is collected for caching by story id.
class ReportCache : public StoryCache {
 public:
  // `story_of` maps article ids to their store story ids.
  explicit ReportCache(std::unordered_map<std::string, int64_t> story_of) : story_of_(std::move(story_of)) {}
  std::optional<report::Story> Get(const std::string& /*key*/) override { return std::nullopt; }
  void Put(const std::string& /*key*/, const report::Story& story) override {
    if (story.articles.empty()) return;
    const int64_t id = story_of_.at(story.articles.front().id);
    std::lock_guard<std::mutex> lock(mu_);
    fresh_.emplace_back(id, story);
  }
  std::vector<std::pair<int64_t, report::Story>>& fresh() { return fresh_; }

 private:
  const std::unordered_map<std::string, int64_t> story_of_;
  std::mutex mu_;
  std::vector<std::pair<int64_t, report::Story>> fresh_;
};

}  // namespace

Result<report::Report> Store::BuildReport() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::vector<int64_t> stories;
  ASSIGN_OR_RETURN(std::vector<Article> articles, impl_->LoadArticles("", 0, &stories));
  std::unordered_map<std::string, int64_t> story_of;
  for (size_t i = 0; i < articles.size(); ++i) story_of.emplace(articles[i].id, stories[i]);
  ReportCache cache(std::move(story_of));
  RunInputs inputs;
  inputs.labels = &stories;
  inputs.cache = &cache;
  report::Report rep = RunPipeline(articles, impl_->options.pipeline, inputs);
  if (!impl_->options.read_only) {
    std::sort(cache.fresh().begin(), cache.fresh().end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    Transaction tx(impl_->db);
    int rc = tx.Begin();
    if (rc != SQLITE_OK) return impl_->Error(rc, "caching story analyses");
    for (const auto& [id, story] : cache.fresh()) RETURN_IF_ERROR(impl_->CacheStory(id, story));
    rc = tx.Commit();
    if (rc != SQLITE_OK) return impl_->Error(rc, "caching story analyses");
  }
  return rep;
}

Result<std::vector<report::Topic>> Store::Topics(size_t max_articles,
                                                 std::unordered_map<int64_t, std::string>* headlines) {
  std::vector<int64_t> stories;
  std::vector<Article> articles;
  std::unordered_map<int64_t, std::string> headline_of;
  {
    Impl::ReadHandle read = impl_->Read();
    Stmt count(read.db, "SELECT count(*) FROM articles");
    int count_rc = count.Step();
    if (count_rc != SQLITE_ROW) return impl_->Error(count_rc, "counting articles");
    if (static_cast<uint64_t>(count.Int(0)) > max_articles) {
      return Status::Unsupported(path_ + ": topics are computed for at most " + std::to_string(max_articles) +
                                 " articles");
    }
    ASSIGN_OR_RETURN(articles, impl_->LoadArticles("", 0, &stories, read.db));
    Stmt s(read.db,
           "SELECT s.id, coalesce(s.headline, (SELECT a.title FROM articles a WHERE a.story=s.id"
           " ORDER BY a.published IS NULL, a.published, a.seq LIMIT 1)) FROM stories s WHERE s.size > 0");
    if (s.prepare_rc() != SQLITE_OK) return impl_->Error(s.prepare_rc(), "reading story headlines");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) headline_of.emplace(s.Int(0), s.Text(1));
    if (rc != SQLITE_DONE) return impl_->Error(rc, "reading story headlines");
  }
  PipelineOptions options = impl_->options.pipeline;
  options.progress = false;
  std::vector<report::Topic> topics = TopicsOfPartition(articles, stories, headline_of, options);
  if (headlines != nullptr) *headlines = std::move(headline_of);
  return topics;
}

namespace {

// The WHERE clause of a story listing and the binding of its parameters
// (?1 text pattern, ?2 outlet, ?3 from, ?4 to, ?7 full-text match), shared
// by ListStories and CountStories.
std::string StoryWhere(const StoryFilter& filter) {
  std::string sql = " FROM stories s WHERE s.size > 0";
  if (!filter.text.empty()) {
    sql += " AND (s.headline LIKE ?1 ESCAPE '\\' OR EXISTS(SELECT 1 FROM articles a WHERE a.story=s.id AND a.title LIKE ?1 ESCAPE '\\')";
    if (!TextSearchMatch(filter.text).empty()) sql += " OR " + StoryHasTextCondition(7);
    sql += ")";
  }
  if (!filter.outlet.empty()) sql += " AND EXISTS(SELECT 1 FROM articles a WHERE a.story=s.id AND a.source=?2)";
  if (filter.from) sql += " AND s.last_published >= ?3";
  if (filter.to) sql += " AND s.first_published <= ?4";
  if (filter.updated_since) {
    sql += " AND (s.last_published >= ?8 OR s.id IN (SELECT a.story FROM article_versions v JOIN articles a"
           " ON a.id = v.article WHERE v.figure_changed=1 AND v.seen >= ?8))";
  }
  if (filter.ids) {
    sql += " AND s.id IN (";
    for (size_t i = 0; i < filter.ids->size(); ++i) sql += (i ? "," : "") + std::to_string((*filter.ids)[i]);
    sql += ")";
  }
  return sql;
}

// The ORDER BY of a story list (stories aliased `s`); the indexes
// stories_by_size and stories_by_recency serve them.
const char* StoryOrder(StorySort sort) {
  return sort == StorySort::kSize ? " ORDER BY s.size DESC, s.first_published IS NULL, s.first_published, s.id"
                                  : " ORDER BY s.last_published IS NULL, s.last_published DESC, s.id";
}

void BindStoryFilter(Stmt& s, const StoryFilter& filter) {
  if (!filter.text.empty()) {
    std::string pattern = "%";
    for (char c : filter.text) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += '%';
    s.Bind(1, pattern);
    const std::string match = TextSearchMatch(filter.text);
    if (!match.empty()) s.Bind(7, match);
  }
  if (!filter.outlet.empty()) s.Bind(2, filter.outlet);
  if (filter.from) s.Bind(3, *filter.from);
  if (filter.to) s.Bind(4, *filter.to);
  if (filter.updated_since) s.Bind(8, *filter.updated_since);
}

}  // namespace

Result<size_t> Store::CountStories(const StoryFilter& filter) {
  Impl::ReadHandle read = impl_->Read();
  std::string sql = "SELECT COUNT(*)" + StoryWhere(filter);
  Stmt s(read.db, sql.c_str());
  if (s.prepare_rc() != SQLITE_OK) return impl_->Error(s.prepare_rc(), "counting stories");
  BindStoryFilter(s, filter);
  int rc = s.Step();
  if (rc != SQLITE_ROW) return impl_->Error(rc, "counting stories");
  return static_cast<size_t>(s.Int(0));
}

Result<std::vector<StorySummary>> Store::ListStories(const StoryFilter& filter, StorySort sort, size_t offset,
                                                     size_t limit) {
  Impl::ReadHandle read = impl_->Read();
  // The page is cut first, then the fallback title is looked up for its rows
  // only (in one query SQLite computes every column of every matching story
  // before sorting: a title query per story, 150 ms a page at 16k stories).
  const char* order = StoryOrder(sort);
  std::string sql =
      "SELECT s.id, s.size, s.first_published, s.last_published, s.headline, s.conflicts,"
      " (SELECT a.title FROM articles a WHERE a.story=s.id ORDER BY a.published IS NULL, a.published, a.seq LIMIT 1)"
      " FROM (SELECT s.id, s.size, s.first_published, s.last_published, s.headline, s.conflicts" +
      StoryWhere(filter) + order + " LIMIT ?5 OFFSET ?6) s" + order;
  Stmt s(read.db, sql.c_str());
  if (s.prepare_rc() != SQLITE_OK) return impl_->Error(s.prepare_rc(), "listing stories");
  BindStoryFilter(s, filter);
  s.Bind(5, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)));
  s.Bind(6, static_cast<int64_t>(offset));
  std::vector<StorySummary> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    StorySummary sum;
    sum.id = s.Int(0);
    sum.articles = static_cast<uint32_t>(s.Int(1));
    sum.first_published = s.OptInt(2);
    sum.last_published = s.OptInt(3);
    sum.headline = s.IsNull(4) ? s.Text(6) : s.Text(4);
    sum.conflicts = s.IsNull(5) ? -1 : static_cast<int>(s.Int(5));
    out.push_back(std::move(sum));
  }
  if (rc != SQLITE_DONE) return impl_->Error(rc, "listing stories");
  Stmt outlets(read.db, "SELECT DISTINCT source FROM articles WHERE story=? AND source<>'' ORDER BY source");
  Stmt revised(read.db,
               "SELECT max(v.seen) FROM article_versions v JOIN articles a ON a.id = v.article"
               " WHERE a.story=? AND v.figure_changed=1");
  for (StorySummary& sum : out) {
    outlets.Bind(1, sum.id);
    while ((rc = outlets.Step()) == SQLITE_ROW) sum.outlets.push_back(outlets.Text(0));
    outlets.Reset();
    if (rc != SQLITE_DONE) return impl_->Error(rc, "listing stories");
    if (revised.prepare_rc() == SQLITE_OK) {  // a read-only database of schema 5 has no versions
      revised.Bind(1, sum.id);
      if ((rc = revised.Step()) == SQLITE_ROW) sum.revised = revised.OptInt(0);
      revised.Reset();
      if (rc != SQLITE_ROW && rc != SQLITE_DONE) return impl_->Error(rc, "listing stories");
    }
  }
  return out;
}

Result<report::Story> Store::GetStory(int64_t id) { return impl_->analyses->Get(id); }

Result<std::optional<report::Story>> Store::Impl::Kept(int64_t id) {
  std::string cached_json;
  {
    ReadHandle read = Read();
    Stmt s(read.db, "SELECT analysis FROM stories WHERE id=? AND size > 0");
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_DONE) return Status::NotFound(path + ": no story " + std::to_string(id));
    if (rc != SQLITE_ROW) return Error(rc, "reading a story");
    if (s.IsNull(0)) return std::optional<report::Story>();
    cached_json = s.Text(0);
  }
  // Parsed without the lock; an entry that cannot be read is recomputed.
  auto cached = ReadAnalysisEntry(cached_json);
  if (!cached.ok()) return std::optional<report::Story>();
  return std::optional<report::Story>(std::move(*cached));
}

Result<std::vector<Article>> Store::Impl::Articles(int64_t id) {
  std::vector<Article> articles;
  {
    ReadHandle read = Read();
    ASSIGN_OR_RETURN(articles, LoadArticles("WHERE story=?", id, nullptr, read.db));
  }
  if (articles.empty()) return Status::NotFound(path + ": no story " + std::to_string(id));
  return articles;
}

Result<std::vector<std::string>> Store::Impl::Members(int64_t id) {
  ReadHandle read = Read();
  return StoryMembers(read.db, id);
}

// Cached when the story still has the articles analysed. A request's
// analysis waits for no ingest: while one holds the writer, the next request
// for this story caches it instead. A background analysis has time to wait;
// the writer is then held for one check and one row.
Result<WarmOutcome> Store::Impl::Keep(int64_t id, const std::vector<std::string>& members,
                                      const report::Story& story, bool wait) {
  std::unique_lock<std::mutex> lock(mu, std::defer_lock);
  if (wait) {
    lock.lock();
  } else if (!lock.try_lock()) {
    return WarmOutcome::kAnalysed;
  }
  ASSIGN_OR_RETURN(std::vector<std::string> now, StoryMembers(db, id));
  if (now != members) return WarmOutcome::kChanged;
  RETURN_IF_ERROR(CacheStory(id, story));
  return WarmOutcome::kAnalysed;
}

Result<std::vector<int64_t>> Store::StoriesToWarm(size_t limit) {
  std::vector<int64_t> out;
  if (impl_->options.read_only || limit == 0) return out;
  // The two orders of ListStories, unfiltered.
  const StorySort sorts[] = {StorySort::kSize, StorySort::kRecency};
  std::vector<std::pair<int64_t, bool>> lists[2];
  {
    Impl::ReadHandle read = impl_->Read();
    for (int k = 0; k < 2; ++k) {
      const std::string sql = "SELECT s.id, s.analysis IS NULL" + StoryWhere({}) + StoryOrder(sorts[k]) + " LIMIT ?";
      Stmt s(read.db, sql.c_str());
      if (s.prepare_rc() != SQLITE_OK) return impl_->Error(s.prepare_rc(), "planning story analyses");
      s.Bind(1, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)));
      int rc;
      while ((rc = s.Step()) == SQLITE_ROW) lists[k].emplace_back(s.Int(0), s.Int(1) != 0);
      if (rc != SQLITE_DONE) return impl_->Error(rc, "planning story analyses");
    }
  }
  std::unordered_set<int64_t> seen;
  for (size_t i = 0; seen.size() < limit && (i < lists[0].size() || i < lists[1].size()); ++i) {
    for (const auto& list : lists) {
      if (i >= list.size() || seen.size() >= limit) continue;
      const auto& [id, missing] = list[i];
      if (seen.insert(id).second && missing) out.push_back(id);
    }
  }
  return out;
}

Result<WarmOutcome> Store::WarmStory(int64_t id, const WarmHooks& hooks) {
  {
    Impl::ReadHandle read = impl_->Read();
    Stmt s(read.db, "SELECT analysis IS NOT NULL FROM stories WHERE id=? AND size > 0");
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_DONE) return Status::NotFound(path_ + ": no story " + std::to_string(id));
    if (rc != SQLITE_ROW) return impl_->Error(rc, "reading a story");
    if (s.Int(0) != 0) return WarmOutcome::kCached;
  }
  return impl_->analyses->Warm(id, hooks);
}

// The ids of a story's articles in ingest order, read on `conn`.
Result<std::vector<std::string>> Store::Impl::StoryMembers(sqlite3* conn, int64_t id) const {
  Stmt members(conn, "SELECT id FROM articles WHERE story=? ORDER BY seq");
  members.Bind(1, id);
  std::vector<std::string> out;
  int rc;
  while ((rc = members.Step()) == SQLITE_ROW) out.push_back(members.Text(0));
  if (rc != SQLITE_DONE) return Error(rc, "reading a story");
  return out;
}

uint64_t Store::ExternalVersion() {
  // The writer connection's data_version counts the commits of every other
  // connection, i.e. of other processes, but not this Store's own ingests
  // and cached analyses, whose callers know what they changed. While an
  // ingest holds the writer, the last value read stands (other processes
  // cannot commit inside its transactions; their commits between batches
  // show once it is done).
  std::unique_lock<std::mutex> lock(impl_->mu, std::try_to_lock);
  if (!lock.owns_lock()) return impl_->data_version.load();
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(impl_->db, "PRAGMA data_version", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    impl_->data_version.store(static_cast<uint64_t>(sqlite3_column_int64(st, 0)));
  }
  sqlite3_finalize(st);
  return impl_->data_version.load();
}

uint64_t Store::AnalysesRun() const { return impl_->analyses->analyses_run(); }

Result<Article> Store::GetArticle(const std::string& id, int64_t* story) {
  Impl::ReadHandle read = impl_->Read();
  Stmt s(read.db,
         "SELECT id, source, url, published, title, byline, lang, origin, text, story FROM articles WHERE id=?");
  s.Bind(1, id);
  int rc = s.Step();
  if (rc == SQLITE_DONE) return Status::NotFound(path_ + ": no article " + id);
  if (rc != SQLITE_ROW) return impl_->Error(rc, "reading an article");
  Article a = ArticleFromRow(s);
  if (story != nullptr) *story = s.IsNull(9) ? 0 : s.Int(9);
  return a;
}

// A reader connection, or on a read-only database opened as unchanging,
// whose readers cannot read (no shared-memory file), the main one.
Result<std::vector<ArticleVersion>> Store::Versions(const std::string& id) {
  auto read = [&](Impl::ReadHandle h) { return ReadVersions({h.db, path_, impl_->options.busy_timeout_ms}, id); };
  if (auto out = read(impl_->Read()); out.ok() || !impl_->options.read_only) return out;
  return read({std::unique_lock<std::mutex>(impl_->mu), impl_->db});
}

Status Store::AddTimelines(std::vector<report::Story>* stories) {
  auto read = [&](Impl::ReadHandle h) { return ReadTimelines({h.db, path_, impl_->options.busy_timeout_ms}, stories); };
  if (Status s = read(impl_->Read()); s.ok() || !impl_->options.read_only) return s;
  return read({std::unique_lock<std::mutex>(impl_->mu), impl_->db});
}

Result<std::vector<std::pair<std::string, int64_t>>> Store::Assignments() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  Stmt s(impl_->db, "SELECT id, story FROM articles ORDER BY seq");
  std::vector<std::pair<std::string, int64_t>> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.emplace_back(s.Text(0), s.Int(1));
  if (rc != SQLITE_DONE) return impl_->Error(rc, "reading stories");
  return out;
}

Result<StoreCounts> Store::Counts() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  StoreCounts c;
  ASSIGN_OR_RETURN(c.articles, impl_->QueryInt("SELECT count(*) FROM articles", "counting articles"));
  ASSIGN_OR_RETURN(c.stories, impl_->QueryInt("SELECT count(*) FROM stories WHERE size > 0", "counting stories"));
  return c;
}

Status Store::Write(const std::function<Status(const Connection& conn)>& fn) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->options.read_only) return Status::InvalidArgument(path_ + ": store opened read-only");
  Transaction tx(impl_->db);
  int rc = tx.Begin();
  if (rc != SQLITE_OK) return impl_->Error(rc, "starting a transaction");
  RETURN_IF_ERROR(fn(impl_->conn()));
  rc = tx.Commit();
  return rc == SQLITE_OK ? Status::Ok() : impl_->Error(rc, "committing");
}

Status Store::CheckIntegrity() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  Stmt s(impl_->db, "PRAGMA quick_check(1)");
  if (s.prepare_rc() != SQLITE_OK) return impl_->conn().Error(s.prepare_rc(), "checking the database");
  int rc = s.Step();
  if (rc != SQLITE_ROW) return impl_->conn().Error(rc, "checking the database");
  std::string verdict = s.Text(0);
  if (verdict == "ok") return Status::Ok();
  // One line: "*** in database main ***\nPage 18: ..." -> "page 18: ...".
  constexpr std::string_view kBanner = "*** in database main ***";
  if (size_t at = verdict.find(kBanner); at != std::string::npos) verdict.erase(at, kBanner.size());
  verdict = CollapseWhitespace(verdict);
  if (!verdict.empty()) verdict[0] = AsciiToLower(verdict[0]);
  return Status::Corruption(impl_->path + ": database is corrupt: " + verdict);
}

}  // namespace rashomon::store
