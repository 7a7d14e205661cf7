// The folded term statistics (term_stats.h): the same stories whatever the
// fold interval, the table always the counts of the articles up to its
// stats_seq, and writers taking turns on one file see each other's tail.
#include "store/term_stats.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "base/test_util.h"
#include "store/store.h"

namespace rashomon::store {
namespace {

using rashomon::testing::TempDir;

// Invented events of one kind (a fire in a town), each told by four outlets
// in different words, with its own town, official, street and figures.
std::vector<Article> Reports(int events) {
  const char* towns[] = {"Varnholt", "Quellby", "Ostrava Nova", "Pellicane", "Dunmarrow", "Zerkelt", "Ambris",
                         "Halvik", "Torrance Bay", "Mirefield", "Sabloz", "Kestrin"};
  const char* people[] = {"Anke Solberg", "Ruud Pelgrim", "Maren Tolk", "Idris Vane", "Lotta Brenner",
                          "Cas Hemming", "Olek Drava", "Sunniva Roos", "Bram Ketel", "Yara Finch"};
  const char* streets[] = {"Mill Lane", "Quarry Road", "Canal Street", "Tanners Row", "Bell Yard", "Ferry Walk"};
  std::vector<Article> out;
  for (int e = 0; e < events; ++e) {
    const std::string town = towns[e % 12];
    const std::string person = people[(e * 7 + 3) % 10];
    const std::string street = streets[(e * 5 + 1) % 6];
    const std::string n = std::to_string(12 + e * 3);
    const std::string m = std::to_string(40 + e * 11);
    const std::string texts[] = {
        "A fire destroyed a warehouse on " + street + " in " + town + " overnight, fire chief " + person +
            " said. " + n + " firefighters fought the blaze for " + m + " minutes and nobody was hurt.",
        "Firefighters in " + town + " spent " + m + " minutes bringing a warehouse blaze on " + street +
            " under control. Chief " + person + " said " + n + " crews attended and no injuries were reported.",
        town + " warehouse fire: " + person + ", the town's fire chief, said " + n +
            " firefighters were sent to " + street + " and the building was lost after " + m + " minutes.",
        "No one was injured when a warehouse burned down on " + street + ", " + town + ". " + person +
            " told reporters it took " + n + " firefighters " + m + " minutes to put the fire out.",
    };
    for (int k = 0; k < 4; ++k) {
      Article a;
      a.id = "e" + std::to_string(e) + "-" + std::to_string(k);
      a.source = "outlet-" + std::to_string(k);
      a.text = texts[k];
      a.published = 1700000000 + int64_t{e} * 86400 * 3 + k * 3600;
      out.push_back(a);
    }
  }
  return out;
}

StoreOptions Options(size_t fold) {
  StoreOptions o;
  o.pipeline.progress = false;
  o.pipeline.threads = 1;
  o.batch_articles = 5;
  o.fold_term_statistics = fold;
  return o;
}

std::map<std::string, int64_t> Stories(Store& s) {
  auto a = s.Assignments();
  EXPECT_TRUE(a.ok());
  std::map<std::string, int64_t> m;
  if (a.ok()) {
    for (const auto& [id, story] : *a) m[id] = story;
  }
  return m;
}

int64_t QueryInt(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    v = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  return v;
}

// The terms table and meta 'documents' hold exactly the counts of the
// articles up to meta 'stats_seq'; returns how many articles are after it.
int64_t ExpectTableCountsArticlesUpToStatsSeq(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const int64_t stats_seq = QueryInt(db, "SELECT value FROM meta WHERE key='stats_seq'");
  std::map<int64_t, int64_t> want;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, ("SELECT terms FROM articles WHERE seq <= " + std::to_string(stats_seq)).c_str(), -1, &st,
                     nullptr);
  int64_t counted = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(st, 0));
    const int bytes = sqlite3_column_bytes(st, 0);
    for (int at = 0; at + 12 <= bytes; at += 12) {
      int64_t key;
      std::memcpy(&key, p + at, 8);
      ++want[key];
    }
    ++counted;
  }
  sqlite3_finalize(st);
  std::map<int64_t, int64_t> have;
  sqlite3_prepare_v2(db, "SELECT key, df FROM terms", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) have[sqlite3_column_int64(st, 0)] = sqlite3_column_int64(st, 1);
  sqlite3_finalize(st);
  EXPECT_EQ(have, want);
  EXPECT_EQ(QueryInt(db, "SELECT value FROM meta WHERE key='documents'"), counted);
  const int64_t after = QueryInt(db, "SELECT count(*) FROM articles WHERE seq > " + std::to_string(stats_seq));
  sqlite3_close(db);
  return after;
}

TEST(TermStatsTest, FoldingLeavesTheStoriesAsTheyWereAndTheTableExact) {
  const std::vector<Article> articles = Reports(12);
  std::map<std::string, int64_t> every_batch;
  for (size_t fold : {size_t{1}, size_t{7}, size_t{4096}}) {
    TempDir dir;
    const std::string path = dir.File("db.sqlite");
    {
      auto store = Store::Open(path, Options(fold));
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      // Two calls, as two runs of `rashomon ingest` would make them.
      ASSERT_TRUE((*store)->Ingest({articles.begin(), articles.begin() + 20}).ok());
      ASSERT_TRUE((*store)->Ingest({articles.begin() + 20, articles.end()}).ok());
      const auto stories = Stories(**store);
      ASSERT_EQ(stories.size(), articles.size());
      if (fold == 1) {
        every_batch = stories;
        std::map<int64_t, int> sizes;
        for (const auto& [id, story] : stories) ++sizes[story];
        EXPECT_EQ(sizes.size(), 12u);  // one story per event
      } else {
        EXPECT_EQ(stories, every_batch) << "fold every " << fold;
      }
    }
    const int64_t unfolded = ExpectTableCountsArticlesUpToStatsSeq(path);
    if (fold == 1) {
      EXPECT_EQ(unfolded, 0);
    } else if (fold == 7) {
      EXPECT_LT(unfolded, 7 + 5);  // at most a fold's worth and a batch
    } else {
      EXPECT_EQ(unfolded, 48);  // nothing folded yet
    }
  }
}

TEST(TermStatsTest, WritersTakingTurnsSeeEachOthersUnfoldedArticles) {
  const std::vector<Article> articles = Reports(10);
  TempDir dir;
  std::map<std::string, int64_t> alone;
  {
    auto store = Store::Open(dir.File("alone.sqlite"), Options(1));
    ASSERT_TRUE(store.ok());
    for (size_t at = 0; at < articles.size(); at += 8) {
      ASSERT_TRUE((*store)->Ingest({articles.begin() + at, articles.begin() + std::min(articles.size(), at + 8)}).ok());
    }
    alone = Stories(**store);
  }
  // Two stores on one file, and a third opened later (a process started
  // after the others stopped between folds).
  const std::string path = dir.File("shared.sqlite");
  auto a = Store::Open(path, Options(4096));
  auto b = Store::Open(path, Options(4096));
  ASSERT_TRUE(a.ok() && b.ok());
  for (size_t at = 0, turn = 0; at < 24; at += 8, ++turn) {
    Store& s = turn % 2 == 0 ? **a : **b;
    ASSERT_TRUE(s.Ingest({articles.begin() + at, articles.begin() + at + 8}).ok());
  }
  a->reset();
  b->reset();
  EXPECT_EQ(ExpectTableCountsArticlesUpToStatsSeq(path), 24);
  auto c = Store::Open(path, Options(12));
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE((*c)->Ingest({articles.begin() + 24, articles.end()}).ok());
  EXPECT_EQ(Stories(**c), alone);
  c->reset();
  EXPECT_LT(ExpectTableCountsArticlesUpToStatsSeq(path), 12 + 5);
}

}  // namespace
}  // namespace rashomon::store
