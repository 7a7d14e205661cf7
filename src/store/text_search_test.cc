// Story search over article text in the store (store/text_search.h), on
// invented events, and the schema step that adds it to older databases.
#include "store/text_search.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>

#include "base/test_util.h"
#include "store/store.h"

namespace rashomon::store {
namespace {

using rashomon::testing::TempDir;

// Two invented events; their words never appear in a title (there is none).
const char* const kFerry[] = {
    "The Orlenna ferry ran aground on a sandbar near Piet Harlow island on Tuesday. Captain Mira Solsk said "
    "all forty passengers were taken ashore by lifeboat and no one was hurt.",
    "Forty passengers left the grounded Orlenna ferry by lifeboat on Tuesday after it struck a sandbar off "
    "Piet Harlow island, Captain Mira Solsk told reporters. Nobody was injured.",
};
const char* const kVote[] = {
    "Councillors in Dravik voted eleven to four on Wednesday to close the old tram depot. Mayor Ennis Volk "
    "said the site would become a park with a café by spring.",
    "Dravik's council backed closing the tram depot by eleven votes to four on Wednesday. Mayor Ennis Volk "
    "promised a park and a CAFE on the site by spring.",
};

Article Make(const std::string& id, const char* text, int64_t day) {
  Article a;
  a.id = id;
  a.source = "Outlet " + id;
  a.text = text;
  a.published = 1700000000 + day * 86400;
  return a;
}

std::vector<Article> Four() {
  return {Make("ferry-0", kFerry[0], 0), Make("ferry-1", kFerry[1], 1), Make("vote-0", kVote[0], 5),
          Make("vote-1", kVote[1], 6)};
}

StoreOptions Quiet() {
  StoreOptions o;
  o.pipeline.progress = false;
  o.pipeline.threads = 1;
  return o;
}

// The ids of the stories `text` finds, checked against CountStories.
std::set<int64_t> Find(Store& store, const std::string& text) {
  StoryFilter filter;
  filter.text = text;
  auto list = store.ListStories(filter, StorySort::kSize, 0, 100);
  EXPECT_TRUE(list.ok()) << list.status().ToString();
  std::set<int64_t> ids;
  if (!list.ok()) return ids;
  for (const StorySummary& s : *list) ids.insert(s.id);
  auto count = store.CountStories(filter);
  EXPECT_TRUE(count.ok());
  if (count.ok()) {
    EXPECT_EQ(*count, ids.size()) << text;
  }
  return ids;
}

int64_t StoryOf(Store& store, const std::string& article) {
  int64_t story = 0;
  EXPECT_TRUE(store.GetArticle(article, &story).ok());
  return story;
}

TEST(TextSearchTest, MatchQuotesEveryWordAndDropsSyntax) {
  EXPECT_EQ(TextSearchMatch("Ferry  SANDBAR"), "\"ferry\" \"sandbar\"");
  EXPECT_EQ(TextSearchMatch("\"a\" OR b* NEAR(c)"), "\"a\" \"or\" \"b\" \"near\" \"c\"");
  EXPECT_EQ(TextSearchMatch(" -- %% "), "");
}

TEST(TextSearchTest, FindsStoriesByWordsOfTheirArticlesText) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->Ingest(Four()).ok());
  // Whether each event is one story or two is the clustering's business.
  const std::set<int64_t> ferry = {StoryOf(**store, "ferry-0"), StoryOf(**store, "ferry-1")};
  const std::set<int64_t> vote = {StoryOf(**store, "vote-0"), StoryOf(**store, "vote-1")};
  ASSERT_NE(ferry, vote);
  EXPECT_EQ(Find(**store, "sandbar"), ferry);
  EXPECT_EQ(Find(**store, "LIFEBOAT solsk"), ferry);
  EXPECT_EQ(Find(**store, "tram depot"), vote);
  EXPECT_EQ(Find(**store, "cafe"), vote);  // folded: café, CAFE
  EXPECT_EQ(Find(**store, "dravik's"), std::set<int64_t>{StoryOf(**store, "vote-1")});  // "dravik" "s"
  // Words of two stories' articles, never of one article: no story.
  EXPECT_EQ(Find(**store, "sandbar depot"), std::set<int64_t>{});
  // "Injured" is in one ferry article, "hurt" in the other: both words must
  // be in one article.
  EXPECT_EQ(Find(**store, "injured hurt"), std::set<int64_t>{});
  EXPECT_EQ(Find(**store, "wednesday"), vote);
  EXPECT_EQ(Find(**store, "absentword"), std::set<int64_t>{});
  // FTS5 syntax and LIKE wildcards are plain words or nothing.
  EXPECT_EQ(Find(**store, "\"sandbar\" OR depot*"), std::set<int64_t>{});
  EXPECT_EQ(Find(**store, "NEAR(sandbar depot"), std::set<int64_t>{});
  EXPECT_EQ(Find(**store, "NEAR(sandbar"), (std::set<int64_t>{StoryOf(**store, "ferry-0")}));  // "near" is in it
  EXPECT_EQ(Find(**store, "%_\\"), std::set<int64_t>{});
  // Filters still combine with the text.
  StoryFilter filter;
  filter.text = "spring";
  filter.to = 1700000000 + 2 * 86400;
  auto early = (*store)->ListStories(filter, StorySort::kSize, 0, 10);
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->empty());
  // A later article is found at once.
  Article late = Make("ferry-2", "Salvage crews refloated the Orlenna with the evening tide.", 2);
  ASSERT_TRUE((*store)->Ingest({late}).ok());
  EXPECT_EQ(Find(**store, "refloated"), std::set<int64_t>{StoryOf(**store, "ferry-2")});
}

TEST(TextSearchTest, AnOlderDatabaseMigratesAndIsSearchable) {
  TempDir dir;
  const std::string path = dir.File("db.sqlite");
  {
    StoreOptions old = Quiet();
    old.create_version = 2;  // the schema before full-text search
    auto store = Store::Open(path, old);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Ingest(Four()).ok());
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name='article_search'", -1, &st,
                                 nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 0);  // really the old schema
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  auto store = Store::Open(path, Quiet());  // migrates, indexing what is stored
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(Find(**store, "sandbar"), (std::set<int64_t>{StoryOf(**store, "ferry-0"), StoryOf(**store, "ferry-1")}));
  EXPECT_EQ(Find(**store, "Volk"), (std::set<int64_t>{StoryOf(**store, "vote-0"), StoryOf(**store, "vote-1")}));
  ASSERT_TRUE((*store)->Ingest({Make("vote-2", "The Dravik depot's last tram left at dusk.", 7)}).ok());
  EXPECT_EQ(Find(**store, "dusk"), std::set<int64_t>{StoryOf(**store, "vote-2")});
}

}  // namespace
}  // namespace rashomon::store
