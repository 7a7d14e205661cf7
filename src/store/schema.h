// The store's schema: its version history and the steps that create it and
// migrate older files to it.
//
// Each version adds one step (SQL run in the migration's transaction); a
// database at version v is brought to the current one by running steps v,
// v + 1, ... in one transaction. A new table or column is a new step and a
// bump of kSchemaVersion; released steps are never edited. Stateless
// functions over a connection the caller owns and serialises.
#pragma once

#include <cstdint>

#include "base/status.h"

namespace rashomon::store {

struct Connection;  // store/sqlite.h

// Current schema version (PRAGMA user_version). Version history:
//   1: articles, terms, postings, stories
//   2: stories gain the analysis cache (headline, conflicts, analysis JSON)
//   3: article_search, a full-text index of article titles and texts
//   4: articles gain their event anchors
//   5: feeds and feed_items, the state of `rashomon watch`
//   6: article_versions; feed items' entry hashes
//   7: name_skeletons, the consonant skeletons of stored names
inline constexpr int kSchemaVersion = 7;
// PRAGMA application_id: "RSHM".
inline constexpr int32_t kApplicationId = 0x5253484d;

// The SQL that brings a database from `version` to `version + 1`.
// REQUIRES: 0 <= version < kSchemaVersion.
const char* SchemaStep(int version);

// Brings the database from schema version `from` (0: empty) to `to` in one
// immediate transaction, setting the application id on a new file. Another
// process may have migrated it meanwhile: the steps start from the version
// read inside the transaction.
Status MigrateSchema(const Connection& conn, int from, int to);

// Indexes every read-write open makes sure of (schema-neutral: they change
// no table, so they need no version).
Status EnsureIndexes(const Connection& conn);

}  // namespace rashomon::store
