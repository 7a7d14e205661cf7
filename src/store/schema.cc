#include "store/schema.h"

#include <string>

#include "store/sqlite.h"
#include "store/text_search.h"

namespace rashomon::store {
namespace {

// kSchemaSteps[v] brings a database from version v to v + 1.
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
    "CREATE TABLE postings(key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(key, seq)) "
    "WITHOUT ROWID;"
    "CREATE TABLE stories(id INTEGER PRIMARY KEY AUTOINCREMENT, size INTEGER NOT NULL,"
    "  first_published INTEGER, last_published INTEGER);",
    // 1 -> 2: the per-story analysis cache.
    "ALTER TABLE stories ADD COLUMN headline TEXT;"
    "ALTER TABLE stories ADD COLUMN conflicts INTEGER;"
    "ALTER TABLE stories ADD COLUMN analysis TEXT;",
    // 2 -> 3: full-text search over article titles and texts.
    kTextSearchSchemaStep,
    // 3 -> 4: each article's event anchors (stories/anchors.h, packed);
    // NULL for articles stored before: they join with no anchors.
    "ALTER TABLE articles ADD COLUMN anchors BLOB;",
    // 4 -> 5: feeds `rashomon watch` polls (validators, errors, schedule)
    // and the items it has stored from each (feeds/watch.h).
    "CREATE TABLE feeds(url TEXT PRIMARY KEY, etag TEXT NOT NULL DEFAULT '',"
    "  last_modified TEXT NOT NULL DEFAULT '', errors INTEGER NOT NULL DEFAULT 0,"
    "  next_poll INTEGER NOT NULL DEFAULT 0, last_poll INTEGER, last_status TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE feed_items(feed TEXT NOT NULL, key TEXT NOT NULL, article TEXT NOT NULL,"
    "  seen INTEGER NOT NULL, PRIMARY KEY(feed, key)) WITHOUT ROWID;",
    // 5 -> 6: earlier versions of articles an outlet changed (the current
    // one stays in `articles`; version 1 is the first stored), and per feed
    // item the hash of its entry and when its page was last fetched, so
    // `watch` sees an item change. Rows from before: no versions, and the
    // item's entry hash taken at its next poll.
    "CREATE TABLE article_versions(article TEXT NOT NULL, version INTEGER NOT NULL, seen INTEGER NOT NULL,"
    "  title TEXT NOT NULL, text TEXT NOT NULL, figure_changed INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY(article, version)) WITHOUT ROWID;"
    "CREATE INDEX article_versions_by_seen ON article_versions(seen);"
    "ALTER TABLE feed_items ADD COLUMN entry_hash INTEGER;"
    "ALTER TABLE feed_items ADD COLUMN checked INTEGER;",
    // 6 -> 7: the consonant skeleton keys of the stored names in a cased
    // script, each name's key and the articles writing it, so that an
    // Arabic or Hebrew article ingested later takes the names it spells
    // (store/name_skeletons.h). Empty for articles stored before.
    "CREATE TABLE name_skeletons(skeleton INTEGER NOT NULL, name INTEGER NOT NULL, articles INTEGER NOT NULL,"
    "  PRIMARY KEY(skeleton, name)) WITHOUT ROWID;",
};
static_assert(sizeof(kSchemaSteps) / sizeof(kSchemaSteps[0]) == kSchemaVersion);

}  // namespace

const char* SchemaStep(int version) { return kSchemaSteps[version]; }

Status MigrateSchema(const Connection& conn, int from, int to) {
  Transaction tx(conn.db);
  int rc = tx.Begin();
  if (rc != SQLITE_OK) return conn.Error(rc, "starting the schema migration");
  // Another process may have migrated while we waited for the lock.
  ASSIGN_OR_RETURN(int64_t now, conn.QueryInt("PRAGMA user_version", "reading the header"));
  for (int v = static_cast<int>(now); v < to; ++v) {
    RETURN_IF_ERROR(conn.Exec(SchemaStep(v), "creating or migrating the schema"));
  }
  if (from == 0) {
    std::string sql = "PRAGMA application_id=" + std::to_string(kApplicationId);
    RETURN_IF_ERROR(conn.Exec(sql.c_str(), "creating the schema"));
  }
  std::string sql = "PRAGMA user_version=" + std::to_string(to);
  RETURN_IF_ERROR(conn.Exec(sql.c_str(), "creating or migrating the schema"));
  rc = tx.Commit();
  return rc == SQLITE_OK ? Status::Ok() : conn.Error(rc, "committing the schema migration");
}

Status EnsureIndexes(const Connection& conn) {
  // The two orders of ListStories, so a page reads its rows in order instead
  // of sorting every story.
  return conn.Exec(
      "CREATE INDEX IF NOT EXISTS stories_by_size ON stories(size DESC, first_published IS NULL, "
      "first_published);"
      "CREATE INDEX IF NOT EXISTS stories_by_recency ON stories(last_published IS NULL, "
      "last_published DESC);",
      "creating the story indexes");
}

}  // namespace rashomon::store
