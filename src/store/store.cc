#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
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
#include "sketch/term_vector.h"
#include "stories/cluster.h"
#include "stories/stories.h"
#include "store/story_json.h"
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

TermBag UnpackBag(std::string_view blob) {
  TermBag bag;
  bag.terms.resize(blob.size() / 12);
  const char* p = blob.data();
  for (auto& [key, w] : bag.terms) {
    std::memcpy(&key, p, 8);
    std::memcpy(&w, p + 8, 4);
    p += 12;
  }
  return bag;
}

// A candidate neighbour of a new article, as stored.
struct Neighbour {
  int64_t story = 0;
  TermBag terms, names;
  std::optional<int64_t> published;
  ClusterItem item;
};

uint64_t ContentHash(const Article& a) {
  uint64_t h = Hash64(a.text);
  h = HashCombine(h, Hash64(a.title));
  h = HashCombine(h, Hash64(a.source));
  h = HashCombine(h, Hash64(a.url));
  return HashCombine(h, a.published ? static_cast<uint64_t>(*a.published) : 0x5A5AULL);
}

}  // namespace

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  StoreOptions options;
  std::mutex mu;

  ~Impl() {
    if (db) sqlite3_close_v2(db);
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
  Result<std::vector<Article>> LoadArticles(const char* where, int64_t arg, std::vector<int64_t>* stories);
  Status CacheStory(int64_t id, const report::Story& story);
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
  int target = fresh && options.create_version > 0 ? options.create_version : kSchemaVersion;
  if (version < target) RETURN_IF_ERROR(Migrate(static_cast<int>(version), target));
  return Status::Ok();
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
  RETURN_IF_ERROR(impl->OpenAndCheck());
  return std::unique_ptr<Store>(new Store(path, std::move(impl)));
}

Result<std::vector<IngestedArticle>> Store::Ingest(std::vector<Article> articles, Progress* progress) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->options.read_only) return Status::InvalidArgument(path_ + ": store opened read-only");
  std::vector<IngestedArticle> out(articles.size());
  const size_t batch = std::max<size_t>(1, impl_->options.batch_articles);
  for (size_t begin = 0; begin < articles.size(); begin += batch) {
    size_t end = std::min(articles.size(), begin + batch);
    std::vector<Article> chunk(std::make_move_iterator(articles.begin() + static_cast<ptrdiff_t>(begin)),
                               std::make_move_iterator(articles.begin() + static_cast<ptrdiff_t>(end)));
    RETURN_IF_ERROR(impl_->IngestBatch(chunk, out, begin));
    if (progress) progress->Add(end - begin);
  }
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

  // 3. Document frequencies, then the articles themselves (story 0 until
  // assigned below).
  {
    Stmt df(db, "INSERT INTO terms(key, df) VALUES(?, 1) ON CONFLICT(key) DO UPDATE SET df = df + 1");
    for (const TermBag& bag : bags) {
      for (const auto& term : bag.terms) {
        df.Bind(1, static_cast<int64_t>(term.first));
        RETURN_IF_ERROR(Step(df, "updating term statistics"));
      }
    }
    Stmt docs(db, "UPDATE meta SET value = value + ? WHERE key='documents'");
    docs.Bind(1, static_cast<int64_t>(n_new));
    RETURN_IF_ERROR(Step(docs, "updating term statistics"));
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

  // 4. A TF-IDF model over the stored statistics, filled lazily per term.
  ASSIGN_OR_RETURN(int64_t documents, QueryInt("SELECT value FROM meta WHERE key='documents'", "reading statistics"));
  TfIdf tfidf(po.stories.idf_background_docs);
  tfidf.SetDocuments(static_cast<uint32_t>(documents));
  std::unordered_map<uint64_t, uint32_t> df_cache;
  Stmt df_query(db, "SELECT df FROM terms WHERE key=?");
  auto df_of = [&](uint64_t key) -> uint32_t {
    auto [it, inserted] = df_cache.try_emplace(key, 0);
    if (inserted) {
      df_query.Bind(1, static_cast<int64_t>(key));
      if (df_query.Step() == SQLITE_ROW) it->second = static_cast<uint32_t>(df_query.Int(0));
      df_query.Reset();
      tfidf.SetDocumentFrequency(key, it->second);
    }
    return it->second;
  };

  // 5. Candidate neighbours through the inverted index of strongest terms,
  // and the stories they belong to.
  std::vector<std::vector<uint64_t>> top_terms(n_new);
  std::set<int64_t> touched;
  {
    Stmt post(db, "SELECT seq FROM postings WHERE key=? ORDER BY seq DESC LIMIT ?");
    Stmt story_of(db, "SELECT story, terms, names, published FROM articles WHERE seq=?");
    std::unordered_map<uint64_t, std::vector<int64_t>> postings_cache;
    std::vector<std::vector<int64_t>> candidates(n_new);
    for (size_t i = 0; i < n_new; ++i) {
      std::vector<std::pair<float, uint64_t>> scored;
      for (const auto& [key, tf] : bags[i].terms) {
        uint32_t df = df_of(key);
        if (df == 0 || tf <= 0) continue;
        float w = (tf >= 1.0f ? 1.0f + std::log(tf) : tf) * tfidf.Idf(df);
        scored.emplace_back(w, key);
      }
      size_t k = std::min<size_t>(scored.size(), static_cast<size_t>(std::max(0, options.index_terms)));
      std::partial_sort(scored.begin(), scored.begin() + static_cast<ptrdiff_t>(k), scored.end(),
                        [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
      std::unordered_map<int64_t, std::pair<float, int>> cand;  // seq -> (score, shared terms)
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
        float idf = tfidf.Idf(df_of(key));
        for (int64_t seq : it->second) {
          auto& c = cand[seq];
          c.first += idf;
          c.second += 1;
        }
      }
      std::vector<std::pair<float, int64_t>> best;
      for (const auto& [seq, c] : cand) {
        if (c.second >= 2) best.emplace_back(c.first, seq);
      }
      size_t keep = std::min<size_t>(best.size(), static_cast<size_t>(std::max(0, options.neighbours)));
      std::partial_sort(best.begin(), best.begin() + static_cast<ptrdiff_t>(keep), best.end(),
                        [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second > b.second); });
      for (size_t j = 0; j < keep; ++j) candidates[i].push_back(best[j].second);
    }
    // Only neighbours similar enough to matter for the clustering touch
    // their stories: shared common words alone must not pull every story
    // into every batch.
    std::unordered_map<int64_t, Neighbour> loaded;
    for (const auto& list : candidates) {
      for (int64_t seq : list) {
        auto [it, inserted] = loaded.try_emplace(seq);
        if (!inserted) continue;
        story_of.Bind(1, seq);
        rc = story_of.Step();
        if (rc == SQLITE_ROW) {
          it->second.story = story_of.Int(0);
          it->second.terms = UnpackBag(story_of.Blob(1));
          it->second.names = UnpackBag(story_of.Blob(2));
          it->second.published = story_of.OptInt(3);
        }
        story_of.Reset();
        if (rc != SQLITE_ROW) return Error(rc, "reading neighbours");
        for (const auto& term : it->second.terms.terms) df_of(term.first);
        for (const auto& term : it->second.names.terms) df_of(term.first);
      }
    }
    for (size_t i = 0; i < n_new; ++i) {
      for (const auto& term : name_bags[i].terms) df_of(term.first);
    }
    for (auto& [seq, nb] : loaded) {
      nb.item.vector = tfidf.Transform(nb.terms);
      nb.item.names = tfidf.Transform(nb.names);
      nb.item.published = nb.published;
    }
    const ClusterOptions& sim_options = po.stories.cluster;
    for (size_t i = 0; i < n_new; ++i) {
      if (candidates[i].empty()) continue;
      ClusterItem item{tfidf.Transform(bags[i]), tfidf.Transform(name_bags[i]), fresh[i].published};
      for (int64_t seq : candidates[i]) {
        const Neighbour& nb = loaded[seq];
        if (nb.story != 0 && ItemSimilarity(item, nb.item, sim_options) >= options.min_neighbour_similarity) {
          touched.insert(nb.story);
        }
      }
    }
  }

  // 6. The new articles and every member of a touched story, clustered
  // again with the batch code.
  struct Item {
    int64_t seq;
    int64_t old_story;  // 0 for a new article
  };
  std::vector<Item> items;
  std::vector<TermBag> all_bags = std::move(bags), all_names = std::move(name_bags);
  std::vector<std::optional<int64_t>> published;
  for (size_t i = 0; i < n_new; ++i) {
    items.push_back({seqs[i], 0});
    published.push_back(fresh[i].published);
  }
  {
    Stmt members(db, "SELECT seq, terms, names, published FROM articles WHERE story=? ORDER BY seq");
    for (int64_t story : touched) {
      members.Bind(1, story);
      while ((rc = members.Step()) == SQLITE_ROW) {
        items.push_back({members.Int(0), story});
        all_bags.push_back(UnpackBag(members.Blob(1)));
        all_names.push_back(UnpackBag(members.Blob(2)));
        published.push_back(members.OptInt(3));
      }
      members.Reset();
      if (rc != SQLITE_DONE) return Error(rc, "reading stories");
    }
  }
  for (const TermBag& bag : all_bags) {
    for (const auto& term : bag.terms) df_of(term.first);
  }
  for (const TermBag& bag : all_names) {
    for (const auto& term : bag.terms) df_of(term.first);
  }
  std::vector<ClusterItem> cluster_items(items.size());
  ParallelFor(
      items.size(),
      [&](size_t i) {
        cluster_items[i].vector = tfidf.Transform(all_bags[i]);
        cluster_items[i].names = tfidf.Transform(all_names[i]);
        cluster_items[i].published = published[i];
      },
      po.threads);
  ClusterOptions co = po.stories.cluster;
  co.threads = po.threads;
  std::vector<uint32_t> labels = ClusterAverageLink(cluster_items, co);

  // 7. Clusters take over the ids of the stories they overlap most; the
  // rest get new ids; touched stories left without members go.
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
  for (const auto& [count, label, story] : pairs) {
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

  // 8. The new articles join the term index.
  {
    Stmt post(db, "INSERT OR IGNORE INTO postings(key, seq) VALUES(?, ?)");
    for (size_t i = 0; i < n_new; ++i) {
      for (uint64_t key : top_terms[i]) {
        post.Bind(1, static_cast<int64_t>(key)).Bind(2, seqs[i]);
        RETURN_IF_ERROR(Step(post, "updating the term index"));
      }
    }
  }
  rc = tx.Commit();
  return rc == SQLITE_OK ? Status::Ok() : Error(rc, "committing");
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

Result<std::vector<Article>> Store::Impl::LoadArticles(const char* where, int64_t arg, std::vector<int64_t>* stories) {
  std::string sql =
      "SELECT id, source, url, published, title, byline, lang, origin, text, story FROM articles ";
  sql += where;
  sql += " ORDER BY seq";
  Stmt s(db, sql.c_str());
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

Status Store::Impl::CacheStory(int64_t id, const report::Story& story) {
  if (options.read_only) return Status::Ok();
  Stmt s(db, "UPDATE stories SET headline=?, conflicts=?, analysis=? WHERE id=?");
  s.Bind(1, story.headline).Bind(2, static_cast<int64_t>(story.conflicts.size()));
  s.Bind(3, StoryToJson(story)).Bind(4, id);
  return Step(s, "caching a story analysis");
}

Result<report::Report> Store::BuildReport() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::vector<int64_t> stories;
  ASSIGN_OR_RETURN(std::vector<Article> articles, impl_->LoadArticles("", 0, &stories));
  const PipelineOptions& po = impl_->options.pipeline;
  report::Report rep;
  rep.articles_read = articles.size();
  std::vector<Document> docs;
  {
    Progress progress("cleaning", articles.size(), po.progress);
    docs = BuildDocuments(articles, po.text, &progress, po.threads);
  }
  std::vector<const Document*> ptrs;
  ptrs.reserve(docs.size());
  for (const Document& d : docs) ptrs.push_back(&d);
  std::unordered_map<int64_t, uint32_t> label_of;
  std::vector<uint32_t> labels;
  labels.reserve(stories.size());
  for (int64_t s : stories) labels.push_back(label_of.try_emplace(s, static_cast<uint32_t>(label_of.size())).first->second);
  StoryAssignment assignment = AssignmentFromLabels(ptrs, labels);
  rep.stories.resize(assignment.stories.size());
  Progress progress("analysing", assignment.stories.size(), po.progress);
  ParallelFor(
      assignment.stories.size(),
      [&](size_t s) {
        std::vector<const Document*> members;
        for (uint32_t i : assignment.stories[s]) members.push_back(&docs[i]);
        rep.stories[s] = AnalyzeStory(members, assignment.ids[s], po);
        progress.Add();
      },
      po.threads);
  progress.Finish();
  if (!impl_->options.read_only) {
    Transaction tx(impl_->db);
    int rc = tx.Begin();
    if (rc != SQLITE_OK) return impl_->Error(rc, "caching story analyses");
    for (size_t s = 0; s < assignment.stories.size(); ++s) {
      RETURN_IF_ERROR(impl_->CacheStory(stories[assignment.stories[s].front()], rep.stories[s]));
    }
    rc = tx.Commit();
    if (rc != SQLITE_OK) return impl_->Error(rc, "caching story analyses");
  }
  return rep;
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
  return sql;
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
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::string sql = "SELECT COUNT(*)" + StoryWhere(filter);
  Stmt s(impl_->db, sql.c_str());
  if (s.prepare_rc() != SQLITE_OK) return impl_->Error(s.prepare_rc(), "counting stories");
  BindStoryFilter(s, filter);
  int rc = s.Step();
  if (rc != SQLITE_ROW) return impl_->Error(rc, "counting stories");
  return static_cast<size_t>(s.Int(0));
}

Result<std::vector<StorySummary>> Store::ListStories(const StoryFilter& filter, StorySort sort, size_t offset,
                                                     size_t limit) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::string sql =
      "SELECT s.id, s.size, s.first_published, s.last_published, s.headline, s.conflicts,"
      " (SELECT a.title FROM articles a WHERE a.story=s.id ORDER BY a.published IS NULL, a.published, a.seq LIMIT 1)" +
      StoryWhere(filter);
  sql += sort == StorySort::kSize ? " ORDER BY s.size DESC, s.first_published IS NULL, s.first_published, s.id"
                                  : " ORDER BY s.last_published IS NULL, s.last_published DESC, s.id";
  sql += " LIMIT ?5 OFFSET ?6";
  Stmt s(impl_->db, sql.c_str());
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
  Stmt outlets(impl_->db, "SELECT DISTINCT source FROM articles WHERE story=? AND source<>'' ORDER BY source");
  for (StorySummary& sum : out) {
    outlets.Bind(1, sum.id);
    while ((rc = outlets.Step()) == SQLITE_ROW) sum.outlets.push_back(outlets.Text(0));
    outlets.Reset();
    if (rc != SQLITE_DONE) return impl_->Error(rc, "listing stories");
  }
  return out;
}

Result<report::Story> Store::GetStory(int64_t id) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  {
    Stmt s(impl_->db, "SELECT analysis FROM stories WHERE id=? AND size > 0");
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_DONE) return Status::NotFound(path_ + ": no story " + std::to_string(id));
    if (rc != SQLITE_ROW) return impl_->Error(rc, "reading a story");
    if (!s.IsNull(0)) {
      auto cached = StoryFromJson(s.Text(0));
      if (cached.ok()) return cached;
      // A cache entry we cannot read is recomputed below.
    }
  }
  ASSIGN_OR_RETURN(std::vector<Article> articles, impl_->LoadArticles("WHERE story=?", id, nullptr));
  if (articles.empty()) return Status::NotFound(path_ + ": no story " + std::to_string(id));
  const PipelineOptions& po = impl_->options.pipeline;
  std::vector<Document> docs = BuildDocuments(articles, po.text, nullptr, po.threads);
  std::vector<const Document*> ptrs;
  std::vector<std::string> ids;
  for (const Document& d : docs) {
    ptrs.push_back(&d);
    ids.push_back(d.article->id);
  }
  report::Story story = AnalyzeStory(ptrs, StoryId(ids), po);
  RETURN_IF_ERROR(impl_->CacheStory(id, story));
  return story;
}

Result<Article> Store::GetArticle(const std::string& id, int64_t* story) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  Stmt s(impl_->db,
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
