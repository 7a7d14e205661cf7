#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/progress.h"
#include "report/json_reader.h"
#include "report/writer.h"
#include "sketch/term_vector.h"
#include "stories/cluster.h"
#include "stories/stories.h"
#include "text/corpus.h"

namespace rashomon::store {
namespace {

// Schema steps: kSchemaSteps[v] brings a database from version v to v + 1.
// Never edit a released step; add a new one and bump kSchemaVersion.
const char* const kSchemaSteps[] = {
    // 0 -> 1
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "INSERT INTO meta(key, value) VALUES('documents', 0);"
    "CREATE TABLE articles("
    "  seq INTEGER PRIMARY KEY,"  // ingest order
    "  id TEXT NOT NULL UNIQUE,"
    "  source TEXT NOT NULL, url TEXT NOT NULL, published INTEGER, title TEXT NOT NULL,"
    "  byline TEXT NOT NULL, lang TEXT NOT NULL, origin TEXT NOT NULL, text TEXT NOT NULL,"
    "  content_hash INTEGER NOT NULL,"
    "  story INTEGER NOT NULL,"
    "  terms BLOB NOT NULL, names BLOB NOT NULL);"
    "CREATE INDEX articles_by_story ON articles(story);"
    "CREATE TABLE terms(key INTEGER PRIMARY KEY, df INTEGER NOT NULL);"
    "CREATE TABLE postings(key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(key, seq)) WITHOUT ROWID;"
    "CREATE TABLE stories(id INTEGER PRIMARY KEY AUTOINCREMENT, size INTEGER NOT NULL,"
    "  first_published INTEGER, last_published INTEGER);",
    // 1 -> 2: the per-story analysis cache.
    "ALTER TABLE stories ADD COLUMN headline TEXT;"
    "ALTER TABLE stories ADD COLUMN conflicts INTEGER;"
    "ALTER TABLE stories ADD COLUMN analysis TEXT;",
};
static_assert(sizeof(kSchemaSteps) / sizeof(kSchemaSteps[0]) == kSchemaVersion);

// A prepared statement; finalised on destruction.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  int prepare_rc() const { return rc_; }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& Bind(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& BindBlob(int i, const std::string& s) {
    sqlite3_bind_blob(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, const std::optional<int64_t>& v) {
    if (v) {
      sqlite3_bind_int64(stmt_, i, *v);
    } else {
      sqlite3_bind_null(stmt_, i);
    }
    return *this;
  }
  Stmt& BindNull(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::optional<int64_t> OptInt(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Int(col);
  }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }
  std::string_view Blob(int col) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

// Term bags on disk: (u64 key, f32 weight) pairs, little-endian as in memory
// on every machine we build for.
std::string PackBag(const TermBag& bag) {
  std::string out(bag.terms.size() * 12, '\0');
  char* p = out.data();
  for (const auto& [key, w] : bag.terms) {
    std::memcpy(p, &key, 8);
    std::memcpy(p + 8, &w, 4);
    p += 12;
  }
  return out;
}

// A candidate neighbour of a new article, as stored.
struct Neighbour {
  int64_t story = 0;
  ClusterItem item;
};

// A term bag in the ids of a TermModel: ids ascending, each with its
// sublinear term frequency (1 + ln tf, or tf itself below 1), so turning it
// into a TF-IDF vector needs neither a sort, a hash lookup nor a logarithm.
struct InternedBag {
  std::vector<uint32_t> ids;
  std::vector<float> tf;
};

// The TF-IDF model of an ingest process over the stored statistics. Each
// term met gets a dense id in the order first met (as TfIdf numbers its
// vocabulary), its document frequency (read once from the database, then
// kept up to date by the ingest) and its idf, recomputed only when the
// document count or the term's frequency moved since. Vectors come out
// bit for bit as TfIdf::Transform makes them from the same statistics.
class TermModel {
 public:
  explicit TermModel(float background_docs) : formula_(background_docs) {}

  // The term's id, or -1 when it has none yet.
  int64_t Find(uint64_t key) const {
    const uint32_t slot = ids_.empty() ? 0 : ids_[Slot(key)];
    return slot == 0 ? int64_t{-1} : static_cast<int64_t>(slot - 1);
  }
  // The term's id; a new term gets the next one with document frequency
  // `df_of(key)`.
  template <typename DfOf>
  uint32_t Id(uint64_t key, DfOf&& df_of) {
    if (ids_.empty()) Rehash(1024);
    size_t at = Slot(key);
    if (ids_[at] != 0) return ids_[at] - 1;
    const auto id = static_cast<uint32_t>(df_.size());
    keys_.push_back(key);
    df_.push_back(df_of(key));
    idf_.push_back(0);
    stamp_.push_back(0);
    ids_[at] = id + 1;
    if (2 * df_.size() > ids_.size()) Rehash(2 * ids_.size());
    return id;
  }
  void AddDocumentFrequency(uint32_t id, uint32_t count) {
    df_[id] += count;
    stamp_[id] = 0;
  }
  uint32_t DocumentFrequency(uint32_t id) const { return df_[id]; }
  void SetDocuments(uint32_t documents) {
    if (documents == formula_.documents()) return;
    formula_.SetDocuments(documents);
    ++epoch_;
  }
  float Idf(uint32_t id) {
    if (stamp_[id] != epoch_) {
      idf_[id] = formula_.Idf(df_[id]);
      stamp_[id] = epoch_;
    }
    return idf_[id];
  }
  template <typename DfOf>
  InternedBag Intern(const TermBag& bag, DfOf&& df_of) {
    entries_.clear();
    for (const auto& [key, tf] : bag.terms) Add(key, tf, df_of);
    return Sorted();
  }
  // The same for a bag as PackBag stores it, read in place.
  template <typename DfOf>
  InternedBag InternPacked(std::string_view blob, DfOf&& df_of) {
    entries_.clear();
    for (size_t at = 0; at + 12 <= blob.size(); at += 12) {
      uint64_t key;
      float tf;
      std::memcpy(&key, blob.data() + at, 8);
      std::memcpy(&tf, blob.data() + at + 8, 4);
      Add(key, tf, df_of);
    }
    return Sorted();
  }
  // As TfIdf::Transform: tf times idf, L2-normalised.
  SparseVector Transform(const InternedBag& bag) {
    SparseVector v;
    v.ids = bag.ids;
    v.values.resize(bag.ids.size());
    float norm = 0;
    for (size_t j = 0; j < bag.ids.size(); ++j) {
      float w = bag.tf[j] * Idf(bag.ids[j]);
      v.values[j] = w;
      norm += w * w;
    }
    norm = std::sqrt(norm);
    for (float& w : v.values) w = norm > 0 ? w / norm : 0;
    return v;
  }

 private:
  template <typename DfOf>
  void Add(uint64_t key, float tf, DfOf&& df_of) {
    const uint32_t id = Id(key, df_of);
    if (tf > 0) entries_.emplace_back(id, SublinearTf(tf));
  }
  // entries_ as a bag in id order.
  InternedBag Sorted() {
    std::sort(entries_.begin(), entries_.end());
    InternedBag out;
    out.ids.resize(entries_.size());
    out.tf.resize(entries_.size());
    for (size_t j = 0; j < entries_.size(); ++j) {
      out.ids[j] = entries_[j].first;
      out.tf[j] = entries_[j].second;
    }
    return out;
  }

  // The slot of `key` in ids_: where it is, or the empty slot where it
  // goes. Linear probing from the key's Fibonacci hash (term keys are hashes
  // already; the multiply guards against keys that vary in their high bits
  // only).
  size_t Slot(uint64_t key) const {
    const size_t mask = ids_.size() - 1;
    size_t at = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
    while (ids_[at] != 0 && keys_[ids_[at] - 1] != key) at = (at + 1) & mask;
    return at;
  }
  void Rehash(size_t slots) {
    ids_.assign(slots, 0);
    for (uint32_t id = 0; id < keys_.size(); ++id) ids_[Slot(keys_[id])] = id + 1;
  }

  TfIdf formula_;  // for its Idf() only; its vocabulary stays empty
  // An open-addressing table from term key to id: ids_ (a power of two
  // slots, at most half full) holds id + 1, 0 for an empty slot, and
  // keys_[id] the key of each id. One flat array instead of a node per
  // term: the lookups were a tenth of the ingest's CPU, most of it cache
  // misses.
  std::vector<uint32_t> ids_;
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> df_;
  std::vector<float> idf_;
  std::vector<uint32_t> stamp_;  // epoch_ of idf_; 0 = to recompute
  std::vector<std::pair<uint32_t, float>> entries_;  // Intern's buffer, kept to spare its allocation
  uint32_t epoch_ = 1;
};

// A stored article as the ingest clusters it, kept per process.
struct CachedArticle {
  InternedBag terms, names;
  std::optional<int64_t> published;
};

// A bounded cache of articles by seq: two generations, the older dropped
// whole when the newer fills up; a hit in the older moves to the newer.
class ArticleCache {
 public:
  void SetCapacity(size_t capacity) {
    Clear();
    half_ = capacity / 2;
  }
  const CachedArticle* Find(int64_t seq) {
    if (auto it = now_.find(seq); it != now_.end()) return &it->second;
    auto it = old_.find(seq);
    if (it == old_.end()) return nullptr;
    CachedArticle a = std::move(it->second);
    old_.erase(it);
    return Put(seq, std::move(a));
  }
  bool enabled() const { return half_ > 0; }
  // Only when enabled().
  const CachedArticle* Put(int64_t seq, CachedArticle a) {
    if (now_.size() >= half_) {
      old_ = std::move(now_);
      now_.clear();
    }
    return &(now_[seq] = std::move(a));
  }
  void Clear() {
    now_.clear();
    old_.clear();
  }

 private:
  size_t half_ = 0;
  std::unordered_map<int64_t, CachedArticle> now_, old_;
};

uint64_t ContentHash(const Article& a) {
  uint64_t h = Hash64(a.text);
  h = HashCombine(h, Hash64(a.title));
  h = HashCombine(h, Hash64(a.source));
  h = HashCombine(h, Hash64(a.url));
  return HashCombine(h, a.published ? static_cast<uint64_t>(*a.published) : 0x5A5AULL);
}

}  // namespace

struct Store::Impl : StorySource {
  sqlite3* db = nullptr;
  std::string path;
  StoreOptions options;
  std::mutex mu;
  // Process-wide caches of the term statistics and the term index, valid
  // while the database's document count is cache_documents (no other
  // process has ingested since this one's last commit).
  std::unordered_map<uint64_t, std::vector<int64_t>> postings_cache;
  int64_t cache_documents = -1;
  // The TF-IDF model over the cached statistics, and the stored articles
  // already read in that model's term ids (a stored article's terms never
  // change, and most are read again: a story's recent members take part
  // each time the story is touched).
  std::unique_ptr<TermModel> model;
  ArticleCache article_cache;
  // Analyses of single stories (GetStory, WarmStory) run outside `mu`
  // (reads and ingest go on), one per story at a time; this Impl is their
  // StorySource.
  std::unique_ptr<StoryFlights> flights;
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

  // A Status for an SQLite result code, naming the file.
  Status Error(int rc, std::string_view what) const {
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return Status::Busy(path + ": database is locked by another process (gave up after " +
                            std::to_string(options.busy_timeout_ms) + " ms)");
      case SQLITE_FULL:
        return Status::IoError(path + ": database or disk is full while " + std::string(what));
      case SQLITE_NOTADB:
        return Status::InvalidInput(path + ": not a rashomon database (not an SQLite file)");
      case SQLITE_READONLY:
        return Status::IoError(path + ": database is read-only: cannot write while " + std::string(what));
      case SQLITE_CANTOPEN:
        return Status::IoError(path + ": cannot open database: " + detail);
      case SQLITE_CORRUPT:
        return Status::Corruption(path + ": database is corrupt: " + detail);
      case SQLITE_PERM:
      case SQLITE_AUTH:
        return Status::IoError(path + ": permission denied while " + std::string(what));
      default:
        return Status::IoError(path + ": " + std::string(what) + ": " + detail);
    }
  }

  Status Exec(const char* sql, std::string_view what) {
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::Ok() : Error(rc, what);
  }

  Result<int64_t> QueryInt(const char* sql, std::string_view what) {
    Stmt s(db, sql);
    if (s.prepare_rc() != SQLITE_OK) return Error(s.prepare_rc(), what);
    int rc = s.Step();
    if (rc != SQLITE_ROW) return Error(rc, what);
    return s.Int(0);
  }

  Status Step(Stmt& s, std::string_view what) {
    if (s.prepare_rc() != SQLITE_OK) return Error(s.prepare_rc(), what);
    int rc = s.Step();
    s.Reset();
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? Status::Ok() : Error(rc, what);
  }

  Status OpenAndCheck();
  Status Migrate(int from, int to);
  Status IngestBatch(std::vector<Article>& batch, std::vector<IngestedArticle>& out, size_t out_begin);
  Result<std::vector<Article>> LoadArticles(const char* where, int64_t arg, std::vector<int64_t>* stories,
                                            sqlite3* conn = nullptr);
  Status CacheStory(int64_t id, const report::Story& story);
  // StorySource: the stories as the flights read and keep them.
  Result<std::optional<report::Story>> Kept(int64_t id) override;
  Result<std::vector<Article>> Articles(int64_t id) override;
  Result<std::vector<std::string>> Members(int64_t id) override;
  Result<WarmOutcome> Keep(int64_t id, const std::vector<std::string>& members, const report::Story& story,
                           bool wait) override;
  Result<std::vector<std::string>> StoryMembers(sqlite3* conn, int64_t id) const;
};

namespace {

// Rolls back an open transaction unless committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  ~Transaction() {
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  int Begin() {
    int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    open_ = rc == SQLITE_OK;
    return rc;
  }
  int Commit() {
    int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) open_ = false;
    return rc;
  }

 private:
  sqlite3* db_;
  bool open_ = false;
};

}  // namespace

Status Store::Impl::OpenAndCheck() {
  int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;  // the Store's own mutex serialises use
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    if (options.read_only && rc == SQLITE_CANTOPEN) {
      return Status::NotFound(path + ": cannot open database: no such file or not readable");
    }
    return Error(rc, "opening");
  }
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
  if (version < target) RETURN_IF_ERROR(Migrate(static_cast<int>(version), target));
  // The two orders of ListStories, so a page reads its rows in order instead
  // of sorting every story (schema-neutral: made on any read-write open).
  return Exec(
      "CREATE INDEX IF NOT EXISTS stories_by_size ON stories(size DESC, first_published IS NULL, first_published);"
      "CREATE INDEX IF NOT EXISTS stories_by_recency ON stories(last_published IS NULL, last_published DESC);",
      "creating the story indexes");
}

Status Store::Impl::Migrate(int from, int to) {
  Transaction tx(db);
  int rc = tx.Begin();
  if (rc != SQLITE_OK) return Error(rc, "starting the schema migration");
  // Another process may have migrated while we waited for the lock.
  ASSIGN_OR_RETURN(int64_t now, QueryInt("PRAGMA user_version", "reading the header"));
  for (int v = static_cast<int>(now); v < to; ++v) {
    RETURN_IF_ERROR(Exec(kSchemaSteps[v], "creating or migrating the schema"));
  }
  if (from == 0) {
    std::string sql = "PRAGMA application_id=" + std::to_string(kApplicationId);
    RETURN_IF_ERROR(Exec(sql.c_str(), "creating the schema"));
  }
  std::string sql = "PRAGMA user_version=" + std::to_string(to);
  RETURN_IF_ERROR(Exec(sql.c_str(), "creating or migrating the schema"));
  rc = tx.Commit();
  return rc == SQLITE_OK ? Status::Ok() : Error(rc, "committing the schema migration");
}

Store::Store(std::string path, std::unique_ptr<Impl> impl) : path_(std::move(path)), impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->article_cache.SetCapacity(options.cached_articles);
  const int threads = options.pipeline.threads > 0 ? options.pipeline.threads : DefaultThreadCount();
  impl->flights = std::make_unique<StoryFlights>(impl.get(), options.pipeline, static_cast<size_t>(std::max(1, threads)),
                                                 options.on_analysis_start);
  RETURN_IF_ERROR(impl->OpenAndCheck());
  return std::unique_ptr<Store>(new Store(path, std::move(impl)));
}

Result<std::vector<IngestedArticle>> Store::Ingest(std::vector<Article> articles, Progress* progress,
                                                   std::vector<int64_t>* changed_stories) {
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
    Status st = impl_->IngestBatch(chunk, out, begin);
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

Status Store::Impl::IngestBatch(std::vector<Article>& batch, std::vector<IngestedArticle>& out, size_t out_begin) {
  Transaction tx(db);
  int rc = tx.Begin();
  if (rc != SQLITE_OK) return Error(rc, "starting an ingest transaction");

  // 1. Which articles are new. A known id with another text is a new
  // version, stored as "id#2", "id#3"... (as analyze names such ids).
  std::vector<Article> fresh;
  {
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
          rc = find.Step();
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
  }
  if (fresh.empty()) {
    rc = tx.Commit();
    return rc == SQLITE_OK ? Status::Ok() : Error(rc, "committing");
  }

  // 2. Clean the new articles and build their term bags.
  const PipelineOptions& po = options.pipeline;
  const size_t n_new = fresh.size();
  std::vector<TermBag> bags(n_new), name_bags(n_new);
  {
    std::vector<Document> docs = BuildDocuments(fresh, po.text, nullptr, po.threads);
    ParallelFor(
        n_new, [&](size_t i) { bags[i] = BuildTermBag(docs[i], po.stories.terms, &name_bags[i]); }, po.threads);
  }

  // 3. Document frequencies (one upsert per distinct term of the batch),
  // then the articles themselves (story 0 until assigned below).
  ASSIGN_OR_RETURN(int64_t documents, QueryInt("SELECT value FROM meta WHERE key='documents'", "reading statistics"));
  // The in-memory statistics are ours only while no other process has
  // ingested since our last commit.
  if (documents != cache_documents || !model) {
    postings_cache.clear();
    article_cache.Clear();
    model = std::make_unique<TermModel>(po.stories.idf_background_docs);
  }
  TermModel& tfidf = *model;
  cache_documents = -1;  // until this batch commits
  {
    std::unordered_map<uint64_t, int64_t> counts;
    for (const TermBag& bag : bags) {
      for (const auto& term : bag.terms) ++counts[term.first];
    }
    // In the table's key order (keys are stored as signed integers): each
    // upsert then lands on the page the previous one left in the cache.
    std::vector<std::pair<int64_t, int64_t>> ordered;
    ordered.reserve(counts.size());
    for (const auto& [key, count] : counts) ordered.emplace_back(static_cast<int64_t>(key), count);
    std::sort(ordered.begin(), ordered.end());
    Stmt df(db, "INSERT INTO terms(key, df) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET df = df + excluded.df");
    for (const auto& [signed_key, count] : ordered) {
      const auto key = static_cast<uint64_t>(signed_key);
      df.Bind(1, signed_key).Bind(2, count);
      RETURN_IF_ERROR(Step(df, "updating term statistics"));
      if (int64_t id = tfidf.Find(key); id >= 0) {
        tfidf.AddDocumentFrequency(static_cast<uint32_t>(id), static_cast<uint32_t>(count));
      }
    }
    Stmt docs(db, "UPDATE meta SET value = value + ? WHERE key='documents'");
    docs.Bind(1, static_cast<int64_t>(n_new));
    RETURN_IF_ERROR(Step(docs, "updating term statistics"));
    documents += static_cast<int64_t>(n_new);
  }
  std::vector<int64_t> seqs(n_new);
  {
    Stmt ins(db,
             "INSERT INTO articles(id, source, url, published, title, byline, lang, origin, text, content_hash,"
             " story, terms, names) VALUES(?,?,?,?,?,?,?,?,?,?,0,?,?)");
    for (size_t i = 0; i < n_new; ++i) {
      const Article& a = fresh[i];
      ins.Bind(1, a.id).Bind(2, a.source).Bind(3, a.url).Bind(4, a.published).Bind(5, a.title);
      ins.Bind(6, a.byline).Bind(7, a.lang).Bind(8, a.origin).Bind(9, a.text);
      ins.Bind(10, static_cast<int64_t>(ContentHash(a)));
      ins.BindBlob(11, PackBag(bags[i])).BindBlob(12, PackBag(name_bags[i]));
      RETURN_IF_ERROR(Step(ins, "storing articles"));
      seqs[i] = sqlite3_last_insert_rowid(db);
    }
  }

  // 4. The TF-IDF model over the stored statistics: a term new to it
  // reads its document frequency from the database once.
  tfidf.SetDocuments(static_cast<uint32_t>(documents));
  Stmt df_query(db, "SELECT df FROM terms WHERE key=?");
  auto df_of = [&df_query](uint64_t key) -> uint32_t {
    uint32_t df = 0;
    df_query.Bind(1, static_cast<int64_t>(key));
    if (df_query.Step() == SQLITE_ROW) df = static_cast<uint32_t>(df_query.Int(0));
    df_query.Reset();
    return df;
  };
  auto item_of = [&tfidf](const CachedArticle& a) {
    return ClusterItem{tfidf.Transform(a.terms), tfidf.Transform(a.names), a.published};
  };
  // A stored article's cluster item: from the process cache, else read and
  // cached.
  Stmt stored_bags(db, "SELECT terms, names, published FROM articles WHERE seq=?");
  auto load_article = [&](int64_t seq) -> Result<ClusterItem> {
    if (const CachedArticle* cached = article_cache.Find(seq)) return item_of(*cached);
    stored_bags.Bind(1, seq);
    rc = stored_bags.Step();
    CachedArticle a;
    if (rc == SQLITE_ROW) {
      // Terms first, then names: the order new terms get their ids in.
      a.terms = tfidf.InternPacked(stored_bags.Blob(0), df_of);
      a.names = tfidf.InternPacked(stored_bags.Blob(1), df_of);
      a.published = stored_bags.OptInt(2);
    }
    stored_bags.Reset();
    if (rc != SQLITE_ROW) return Error(rc, "reading stored articles");
    if (!article_cache.enabled()) return item_of(a);
    return item_of(*article_cache.Put(seq, std::move(a)));
  };

  // 5. Candidate neighbours through the inverted index of strongest terms;
  // each new article links to the few stories of its most similar
  // neighbours, and to the other new articles it resembles.
  std::vector<std::vector<uint64_t>> top_terms(n_new);
  std::vector<ClusterItem> new_items(n_new);
  std::vector<CachedArticle> new_interned(n_new);
  for (size_t i = 0; i < n_new; ++i) {
    new_interned[i].terms = tfidf.Intern(bags[i], df_of);
    new_interned[i].names = tfidf.Intern(name_bags[i], df_of);
    new_interned[i].published = fresh[i].published;
  }
  for (size_t i = 0; i < n_new; ++i) new_items[i] = item_of(new_interned[i]);
  std::vector<std::vector<int64_t>> stories_of_new(n_new);
  const ClusterOptions& sim_options = po.stories.cluster;
  {
    Stmt post(db, "SELECT seq FROM postings WHERE key=? ORDER BY seq DESC LIMIT ?");
    Stmt story_of(db, "SELECT story FROM articles WHERE seq=?");
    std::vector<std::vector<int64_t>> candidates(n_new);
    // Score and shared terms of each stored article by seq (all stored
    // seqs are below the batch's first), reset after each new article.
    std::vector<float> cand_score(static_cast<size_t>(std::max<int64_t>(0, seqs.front())), 0.0f);
    std::vector<int> cand_terms(cand_score.size(), 0);
    std::vector<int64_t> cand_seqs;
    for (size_t i = 0; i < n_new; ++i) {
      std::vector<std::pair<float, uint64_t>> scored;
      for (const auto& [key, tf] : bags[i].terms) {
        const uint32_t id = tfidf.Id(key, df_of);
        if (tfidf.DocumentFrequency(id) == 0 || tf <= 0) continue;
        float w = SublinearTf(tf) * tfidf.Idf(id);
        scored.emplace_back(w, key);
      }
      size_t k = std::min<size_t>(scored.size(), static_cast<size_t>(std::max(0, options.index_terms)));
      std::partial_sort(scored.begin(), scored.begin() + static_cast<ptrdiff_t>(k), scored.end(),
                        [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
      cand_seqs.clear();
      for (size_t t = 0; t < k; ++t) {
        uint64_t key = scored[t].second;
        top_terms[i].push_back(key);
        auto [it, inserted] = postings_cache.try_emplace(key);
        if (inserted) {
          post.Bind(1, static_cast<int64_t>(key)).Bind(2, static_cast<int64_t>(options.postings_per_term));
          while ((rc = post.Step()) == SQLITE_ROW) it->second.push_back(post.Int(0));
          post.Reset();
          if (rc != SQLITE_DONE) return Error(rc, "reading the term index");
        }
        float idf = tfidf.Idf(tfidf.Id(key, df_of));
        for (int64_t seq : it->second) {
          // This batch's own articles are compared directly.
          if (seq >= seqs.front() || seq < 0) continue;
          const auto at = static_cast<size_t>(seq);
          if (cand_terms[at]++ == 0) cand_seqs.push_back(seq);
          cand_score[at] += idf;
        }
      }
      std::vector<std::pair<float, int64_t>> best;
      for (int64_t seq : cand_seqs) {
        const auto at = static_cast<size_t>(seq);
        if (cand_terms[at] >= 2) best.emplace_back(cand_score[at], seq);
        cand_terms[at] = 0;
        cand_score[at] = 0.0f;
      }
      size_t keep = std::min<size_t>(best.size(), static_cast<size_t>(std::max(0, options.neighbours)));
      std::partial_sort(best.begin(), best.begin() + static_cast<ptrdiff_t>(keep), best.end(),
                        [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second > b.second); });
      for (size_t j = 0; j < keep; ++j) candidates[i].push_back(best[j].second);
    }
    // Only neighbours similar enough to matter for the clustering touch
    // their stories: shared common words alone must not pull every story
    // into every batch. Of those, each new article keeps the stories of its
    // stories_per_article most similar neighbours.
    std::unordered_map<int64_t, Neighbour> loaded;
    for (const auto& list : candidates) {
      for (int64_t seq : list) {
        auto [it, inserted] = loaded.try_emplace(seq);
        if (!inserted) continue;
        story_of.Bind(1, seq);
        rc = story_of.Step();
        if (rc == SQLITE_ROW) it->second.story = story_of.Int(0);
        story_of.Reset();
        if (rc != SQLITE_ROW) return Error(rc, "reading neighbours");
        ASSIGN_OR_RETURN(it->second.item, load_article(seq));
      }
    }
    for (size_t i = 0; i < n_new; ++i) {
      std::vector<std::pair<float, int64_t>> near;  // (best similarity, story)
      for (int64_t seq : candidates[i]) {
        const Neighbour& nb = loaded[seq];
        if (nb.story == 0) continue;
        float s = ItemSimilarity(new_items[i], nb.item, sim_options);
        if (s < options.min_neighbour_similarity) continue;
        auto it = std::find_if(near.begin(), near.end(), [&](const auto& p) { return p.second == nb.story; });
        if (it == near.end()) {
          near.emplace_back(s, nb.story);
        } else {
          it->first = std::max(it->first, s);
        }
      }
      std::sort(near.begin(), near.end(),
                [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
      size_t keep = std::min<size_t>(near.size(), static_cast<size_t>(std::max(1, options.stories_per_article)));
      for (size_t j = 0; j < keep; ++j) stories_of_new[i].push_back(near[j].second);
    }
  }

  // 6. Groups of the batch that must be clustered together: new articles
  // joined to the stories they touch and to the new articles they resemble
  // (union-find). Stories no new article touches stay as they are, so the
  // work per batch follows what the batch touches, not the database.
  std::vector<int64_t> touched_list;
  std::unordered_map<int64_t, uint32_t> node_of_story;
  for (const auto& list : stories_of_new) {
    for (int64_t story : list) {
      if (node_of_story.try_emplace(story, static_cast<uint32_t>(n_new + touched_list.size())).second) {
        touched_list.push_back(story);
      }
    }
  }
  std::vector<uint32_t> parent(n_new + touched_list.size());
  for (uint32_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  auto unite = [&](uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  };
  for (uint32_t i = 0; i < n_new; ++i) {
    for (int64_t story : stories_of_new[i]) unite(i, node_of_story[story]);
  }
  for (uint32_t i = 0; i < n_new; ++i) {
    for (uint32_t j = 0; j < i; ++j) {
      if (find(i) == find(j)) continue;
      if (ItemSimilarity(new_items[i], new_items[j], sim_options) >= options.min_neighbour_similarity) unite(i, j);
    }
  }
  // Each group's items: its new articles, then the members of its stories
  // (the story_members most recent of each; the others keep their story).
  struct Item {
    int64_t seq;
    int64_t old_story;  // 0 for a new article
  };
  std::vector<Item> items;
  std::vector<std::vector<ClusterItem>> group_items;  // per group, in items order
  std::vector<uint32_t> group_of_item;
  std::unordered_set<int64_t> partial;  // touched stories with members left out
  std::map<uint32_t, uint32_t> group_index;
  for (uint32_t x = 0; x < parent.size(); ++x) group_index.try_emplace(find(x), static_cast<uint32_t>(group_index.size()));
  std::vector<std::vector<uint32_t>> group_nodes(group_index.size());
  for (uint32_t x = 0; x < parent.size(); ++x) group_nodes[group_index[find(x)]].push_back(x);
  group_items.resize(group_nodes.size());
  {
    Stmt members(db, "SELECT seq FROM articles WHERE story=? ORDER BY seq DESC LIMIT ?");
    const int64_t cap = std::max<int64_t>(1, options.story_members);
    for (uint32_t g = 0; g < group_nodes.size(); ++g) {
      for (uint32_t x : group_nodes[g]) {
        if (x >= n_new) continue;
        items.push_back({seqs[x], 0});
        group_items[g].push_back(std::move(new_items[x]));
        group_of_item.push_back(g);
      }
      for (uint32_t x : group_nodes[g]) {
        if (x < n_new) continue;
        const int64_t story = touched_list[x - n_new];
        members.Bind(1, story).Bind(2, cap + 1);
        std::vector<int64_t> rows;
        while ((rc = members.Step()) == SQLITE_ROW) rows.push_back(members.Int(0));
        members.Reset();
        if (rc != SQLITE_DONE) return Error(rc, "reading stories");
        if (static_cast<int64_t>(rows.size()) > cap) {
          partial.insert(story);
          rows.pop_back();
        }
        for (auto r = rows.rbegin(); r != rows.rend(); ++r) {
          items.push_back({*r, story});
          ASSIGN_OR_RETURN(ClusterItem item, load_article(*r));
          group_items[g].push_back(std::move(item));
          group_of_item.push_back(g);
        }
      }
    }
  }
  // Each group clustered on its own with the batch code; groups run in
  // parallel, each single-threaded.
  std::vector<uint32_t> labels(items.size(), 0);
  {
    std::vector<size_t> begin(group_nodes.size() + 1, items.size());
    for (size_t i = items.size(); i-- > 0;) begin[group_of_item[i]] = i;
    for (size_t g = group_nodes.size(); g-- > 0;) begin[g] = std::min(begin[g], begin[g + 1]);
    ClusterOptions co = po.stories.cluster;
    co.threads = 1;
    std::vector<std::vector<uint32_t>> local(group_nodes.size());
    ParallelFor(
        group_nodes.size(),
        [&](size_t g) {
          local[g] = ClusterAverageLink(group_items[g], co);
        },
        po.threads);
    uint32_t offset = 0;
    for (size_t g = 0; g < group_nodes.size(); ++g) {
      uint32_t width = 0;
      for (size_t t = 0; t < local[g].size(); ++t) {
        labels[begin[g] + t] = offset + local[g][t];
        width = std::max(width, local[g][t] + 1);
      }
      offset += width;
    }
  }
  std::set<int64_t> touched(touched_list.begin(), touched_list.end());

  // 7. Clusters take over the ids of the stories they overlap most; the
  // rest get new ids; touched stories left without members go, and the
  // members left out of a story that goes follow most of its loaded ones.
  uint32_t k = 0;
  for (uint32_t l : labels) k = std::max(k, l + 1);
  std::map<std::pair<uint32_t, int64_t>, int> overlap;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].old_story != 0) ++overlap[{labels[i], items[i].old_story}];
  }
  std::vector<std::tuple<int, uint32_t, int64_t>> pairs;
  pairs.reserve(overlap.size());
  for (const auto& [key, count] : overlap) pairs.emplace_back(count, key.first, key.second);
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
    if (std::get<2>(a) != std::get<2>(b)) return std::get<2>(a) < std::get<2>(b);
    return std::get<1>(a) < std::get<1>(b);
  });
  std::vector<int64_t> story_of_label(k, 0);
  std::set<int64_t> kept;
  std::map<int64_t, uint32_t> main_label;  // story -> label holding most of its loaded members
  for (const auto& [count, label, story] : pairs) {
    main_label.try_emplace(story, label);
    if (story_of_label[label] != 0 || kept.count(story)) continue;
    story_of_label[label] = story;
    kept.insert(story);
  }
  {
    Stmt make(db, "INSERT INTO stories(size) VALUES(0)");
    for (uint32_t l = 0; l < k; ++l) {
      if (story_of_label[l] != 0) continue;
      RETURN_IF_ERROR(Step(make, "creating stories"));
      story_of_label[l] = sqlite3_last_insert_rowid(db);
    }
  }
  std::set<int64_t> changed;
  {
    Stmt move(db, "UPDATE articles SET story=? WHERE seq=?");
    for (size_t i = 0; i < items.size(); ++i) {
      int64_t story = story_of_label[labels[i]];
      if (story == items[i].old_story) continue;
      changed.insert(story);
      if (items[i].old_story != 0) changed.insert(items[i].old_story);
      move.Bind(1, story).Bind(2, items[i].seq);
      RETURN_IF_ERROR(Step(move, "assigning stories"));
    }
    Stmt follow(db, "UPDATE articles SET story=? WHERE story=?");
    for (int64_t story : partial) {
      if (kept.count(story)) continue;
      int64_t target = story_of_label[main_label[story]];
      follow.Bind(1, target).Bind(2, story);
      RETURN_IF_ERROR(Step(follow, "assigning stories"));
      changed.insert(target);
    }
  }
  {
    Stmt drop(db, "DELETE FROM stories WHERE id=?");
    Stmt update(db,
                "UPDATE stories SET size=(SELECT count(*) FROM articles WHERE story=?1),"
                " first_published=(SELECT min(published) FROM articles WHERE story=?1),"
                " last_published=(SELECT max(published) FROM articles WHERE story=?1),"
                " headline=NULL, conflicts=NULL, analysis=NULL WHERE id=?1");
    for (int64_t story : changed) {
      if (touched.count(story) && !kept.count(story)) {
        drop.Bind(1, story);
        RETURN_IF_ERROR(Step(drop, "updating stories"));
      } else {
        update.Bind(1, story);
        RETURN_IF_ERROR(Step(update, "updating stories"));
      }
    }
  }

  // 8. The new articles join the term index (and the cached postings,
  // newest first, as the query returns them).
  {
    // Inserted in the index's (key, seq) order, for the page cache's sake.
    std::vector<std::pair<int64_t, int64_t>> entries;
    for (size_t i = 0; i < n_new; ++i) {
      for (uint64_t key : top_terms[i]) entries.emplace_back(static_cast<int64_t>(key), seqs[i]);
    }
    std::sort(entries.begin(), entries.end());
    Stmt post(db, "INSERT OR IGNORE INTO postings(key, seq) VALUES(?, ?)");
    for (const auto& [key, seq] : entries) {
      post.Bind(1, key).Bind(2, seq);
      RETURN_IF_ERROR(Step(post, "updating the term index"));
    }
    // The cached lists stay newest first: a batch's articles go in in seq
    // order, each to the front.
    const size_t cap = static_cast<size_t>(std::max(0, options.postings_per_term));
    for (size_t i = 0; i < n_new; ++i) {
      for (uint64_t key : top_terms[i]) {
        if (auto it = postings_cache.find(key); it != postings_cache.end()) {
          auto& list = it->second;
          if (std::find(list.begin(), list.end(), seqs[i]) == list.end()) list.insert(list.begin(), seqs[i]);
          if (list.size() > cap) list.resize(cap);
        }
      }
    }
  }
  rc = tx.Commit();
  if (rc != SQLITE_OK) return Error(rc, "committing");
  changed_stories.insert(changed_stories.end(), changed.begin(), changed.end());
  cache_documents = documents;
  // The new articles are the most recent members of their stories, the
  // ones the next batches read first.
  if (article_cache.enabled()) {
    for (size_t i = 0; i < n_new; ++i) article_cache.Put(seqs[i], std::move(new_interned[i]));
  }
  return Status::Ok();
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
constexpr int kAnalysisFormat = 2;

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
// (?1 text pattern, ?2 outlet, ?3 from, ?4 to), shared by ListStories and
// CountStories.
std::string StoryWhere(const StoryFilter& filter) {
  std::string sql = " FROM stories s WHERE s.size > 0";
  if (!filter.text.empty()) {
    sql += " AND (s.headline LIKE ?1 ESCAPE '\\' OR EXISTS(SELECT 1 FROM articles a WHERE a.story=s.id AND a.title LIKE ?1 ESCAPE '\\'))";
  }
  if (!filter.outlet.empty()) sql += " AND EXISTS(SELECT 1 FROM articles a WHERE a.story=s.id AND a.source=?2)";
  if (filter.from) sql += " AND s.last_published >= ?3";
  if (filter.to) sql += " AND s.first_published <= ?4";
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
  }
  if (!filter.outlet.empty()) s.Bind(2, filter.outlet);
  if (filter.from) s.Bind(3, *filter.from);
  if (filter.to) s.Bind(4, *filter.to);
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
  for (StorySummary& sum : out) {
    outlets.Bind(1, sum.id);
    while ((rc = outlets.Step()) == SQLITE_ROW) sum.outlets.push_back(outlets.Text(0));
    outlets.Reset();
    if (rc != SQLITE_DONE) return impl_->Error(rc, "listing stories");
  }
  return out;
}

Result<report::Story> Store::GetStory(int64_t id) { return impl_->flights->Get(id); }

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
  return impl_->flights->Warm(id, hooks);
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

uint64_t Store::AnalysesRun() const { return impl_->flights->analyses_run(); }

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

}  // namespace rashomon::store
