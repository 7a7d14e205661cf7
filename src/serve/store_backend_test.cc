#include "serve/store_backend.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "base/test_util.h"
#include "pipeline/test_corpus.h"
#include "serve/server.h"
#include "serve/test_articles.h"

namespace rashomon::serve {
namespace {

using invented::kCats;
using invented::kFlood;

Article Make(std::string id, std::string source, std::string title, std::string text, int64_t published) {
  return invented::MakeArticle(std::move(id), std::move(source), std::move(title), std::move(text), published);
}

// A server over `backend` on an ephemeral loopback port, answering on its
// own thread until the end of the test, and a client talking to it.
class LiveServer {
 public:
  explicit LiveServer(Backend* backend) : server_(backend, Options()) {
    bound_ = server_.Bind().ok();
    if (bound_) thread_ = std::thread([this] { server_.Run(); });
  }
  ~LiveServer() {
    if (!bound_) return;
    server_.Stop();
    thread_.join();
  }
  LiveServer(const LiveServer&) = delete;
  LiveServer& operator=(const LiveServer&) = delete;

  bool bound() const { return bound_; }
  Server& server() { return server_; }
  httplib::Client client() { return httplib::Client("127.0.0.1", server_.port()); }

 private:
  static ServerOptions Options() {
    ServerOptions so;
    so.port = 0;
    so.threads = 2;
    return so;
  }
  Server server_;
  bool bound_ = false;
  std::thread thread_;
};

// One thread, no progress bar: the options every store in these tests uses.
store::StoreOptions QuietOptions() {
  store::StoreOptions options;
  options.pipeline.threads = 1;
  options.pipeline.progress = false;
  return options;
}

TEST(StoreBackend, ServesTheStoreThroughTheBackendInterface) {
  testing::TempDir dir;
  auto db = store::Store::Open(dir.File("s.db"), QuietOptions());
  ASSERT_TRUE(db.ok()) << db.status().message();
  StoreBackend b(std::move(*db));

  auto first = b.Ingest({Make("f1", "Valley Post", "Varnel floods", kFlood, 1770000000),
                         Make("f2", "River Times", "Oskarsby evacuated", std::string(kFlood) + "Schools are closed.\n",
                              1770003600),
                         Make("c1", "Pet Weekly", "Record cat show", kCats, 1770100000)});
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_EQ(first->size(), 3u);
  EXPECT_TRUE((*first)[0].is_new);
  EXPECT_EQ((*first)[0].story_id, (*first)[1].story_id);
  EXPECT_NE((*first)[0].story_id, (*first)[2].story_id);

  // Listing: total independent of paging; filters reach the store.
  auto page = b.ListStories({}, StorySort::kSize, 0, 1);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2u);
  ASSERT_EQ(page->stories.size(), 1u);
  EXPECT_EQ(page->stories[0].id, (*first)[0].story_id);
  EXPECT_EQ(page->stories[0].articles, 2u);
  EXPECT_EQ(page->stories[0].outlets, (std::vector<std::string>{"River Times", "Valley Post"}));
  StoryFilter by_outlet;
  by_outlet.outlet = "Pet Weekly";
  auto cats = b.ListStories(by_outlet, StorySort::kRecency, 0, 10);
  ASSERT_TRUE(cats.ok());
  EXPECT_EQ(cats->total, 1u);
  ASSERT_EQ(cats->stories.size(), 1u);
  EXPECT_EQ(cats->stories[0].id, (*first)[2].story_id);

  // Search reaches words of the article text, not only titles.
  auto search = [&b](const std::string& text) {
    StoryFilter f;
    f.text = text;
    auto p = b.ListStories(f, StorySort::kSize, 0, 10);
    EXPECT_TRUE(p.ok());
    std::vector<std::string> ids;
    if (p.ok()) {
      for (const StorySummary& s : p->stories) ids.push_back(s.id);
      EXPECT_EQ(p->total, ids.size());
    }
    return ids;
  };
  EXPECT_EQ(search("forecasters"), std::vector<std::string>{(*first)[0].story_id});
  EXPECT_EQ(search("Peltonen ENTRIES"), std::vector<std::string>{(*first)[2].story_id});
  EXPECT_EQ(search("forecasters peltonen"), std::vector<std::string>{});

  // A story by the id the list gave; its report carries the same id.
  auto story = b.GetStory((*first)[0].story_id);
  ASSERT_TRUE(story.ok()) << story.status().message();
  EXPECT_EQ(story->id, (*first)[0].story_id);
  EXPECT_EQ(story->articles.size(), 2u);
  EXPECT_FALSE(b.GetStory("s-0123456789").ok());
  EXPECT_FALSE(b.GetStory("999999").ok());

  // An article with its story; re-posting it changes nothing.
  auto article = b.GetArticle("c1");
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article->article.source, "Pet Weekly");
  EXPECT_EQ(article->story_id, (*first)[2].story_id);
  EXPECT_FALSE(b.GetArticle("nope").ok());
  auto again = b.Ingest({Make("c1", "Pet Weekly", "Record cat show", kCats, 1770100000)});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE((*again)[0].is_new);
  EXPECT_EQ(b.ListStories({}, StorySort::kSize, 0, 10)->total, 2u);

  // A flood and a cat show are no topic of several stories; a topic
  // filter naming no topic matches nothing.
  auto topics = b.ListTopics();
  ASSERT_TRUE(topics.ok());
  EXPECT_TRUE(topics->computed);
  EXPECT_TRUE(topics->topics.empty());
  StoryFilter by_topic;
  by_topic.topic = "t-0123456789";
  auto none = b.ListStories(by_topic, StorySort::kSize, 0, 10);
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_EQ(none->total, 0u);
}

// Topics over the store, through the HTTP API: the two floods are one topic
// (the pipeline's topic step over the stored stories), its stories list
// under it and point at it; over the article cap there are none.
TEST(StoreBackend, ServesTopicsOfTheStoredStories) {
  testing::TempDir dir;
  auto db = store::Store::Open(dir.File("s.db"), QuietOptions());
  ASSERT_TRUE(db.ok()) << db.status().message();
  StoreBackend b(std::move(*db));
  ASSERT_TRUE(b.Ingest(testing::TwoFloodsAndACatShow()).ok());
  LiveServer live(&b);
  ASSERT_TRUE(live.bound());
  httplib::Client client = live.client();
  auto get = [&](const std::string& path) {
    auto res = client.Get(path);
    EXPECT_TRUE(res && res->status == 200) << path;
    return res ? nlohmann::json::parse(res->body) : nlohmann::json();
  };
  nlohmann::json topics = get("/api/topics");
  EXPECT_EQ(topics["computed"], true);
  ASSERT_EQ(topics["topics"].size(), 1u) << topics.dump();
  const nlohmann::json& topic = topics["topics"][0];
  ASSERT_EQ(topic["stories"].size(), 2u);
  std::set<std::string> headlines;
  for (const auto& m : topic["stories"]) headlines.insert(m["headline"].get<std::string>());
  EXPECT_EQ(headlines.count("Record entries at Peltonen cat show"), 0u);
  const std::string id = topic["id"];
  nlohmann::json in_topic = get("/api/stories?topic=" + id);
  ASSERT_EQ(in_topic["total"], 2);
  for (const auto& row : in_topic["stories"]) EXPECT_EQ(row["topic"], id);
  nlohmann::json all = get("/api/stories");
  ASSERT_EQ(all["total"], 3);
  size_t without = 0;
  for (const auto& row : all["stories"]) without += row["topic"].is_null();
  EXPECT_EQ(without, 1u);

  // With at most 3 articles allowed, a store of 6 says it has no topics.
  auto small = store::Store::Open(dir.File("s.db"), QuietOptions());
  ASSERT_TRUE(small.ok());
  StoreBackend capped(std::move(*small), 3);
  auto none = capped.ListTopics();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->computed);
}

// The server keeps GET responses; a write by another connection (another
// process ingesting into the same file) must show through, not the kept copy.
TEST(StoreBackend, ServerSeesWritesOfAnotherConnection) {
  testing::TempDir dir;
  auto db = store::Store::Open(dir.File("s.db"), QuietOptions());
  ASSERT_TRUE(db.ok()) << db.status().message();
  StoreBackend b(std::move(*db));
  ASSERT_TRUE(b.Ingest({Make("f1", "Valley Post", "Varnel floods", kFlood, 1770000000)}).ok());
  LiveServer live(&b);
  ASSERT_TRUE(live.bound());
  httplib::Client client = live.client();
  auto total = [&client]() -> int {
    auto res = client.Get("/api/stories");
    if (!res || res->status != 200) return -1;
    return nlohmann::json::parse(res->body)["total"].get<int>();
  };
  EXPECT_EQ(total(), 1);
  EXPECT_EQ(total(), 1);  // now from the server's cache
  const uint64_t before = b.ExternalVersion();
  {
    auto other = store::Store::Open(dir.File("s.db"), QuietOptions());
    ASSERT_TRUE(other.ok()) << other.status().message();
    ASSERT_TRUE((*other)->Ingest({Make("c1", "Pet Weekly", "Record cat show", kCats, 1770100000)}).ok());
  }
  EXPECT_NE(b.ExternalVersion(), before);
  EXPECT_EQ(total(), 2);
  // And a post through the server itself.
  auto posted = client.Post("/api/articles",
                            R"({"id": "m1", "source": "Mill Gazette", "title": "Mill reopens",
                            "text": "The old paper mill in Tarrow reopened on Friday with 120 workers, its owners said."})",
                            "application/json");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 201) << posted->body;
  EXPECT_EQ(total(), 3);
}

// A post through the server drops the kept responses of the story it
// changed (and of that story's articles) and the lists, but an untouched
// story and its articles are still answered from the cache.
TEST(StoreBackend, IngestDropsOnlyWhatItChanged) {
  testing::TempDir dir;
  auto db = store::Store::Open(dir.File("s.db"), QuietOptions());
  ASSERT_TRUE(db.ok()) << db.status().message();
  StoreBackend b(std::move(*db));
  auto first = b.Ingest({Make("f1", "Valley Post", "Varnel floods", kFlood, 1770000000),
                         Make("c1", "Pet Weekly", "Record cat show", kCats, 1770100000)});
  ASSERT_TRUE(first.ok()) << first.status().message();
  const std::string flood = (*first)[0].story_id, cats = (*first)[1].story_id;
  ASSERT_NE(flood, cats);
  LiveServer live(&b);
  ASSERT_TRUE(live.bound());
  Server& server = live.server();
  httplib::Client client = live.client();
  auto get = [&client](const std::string& path) -> nlohmann::json {
    auto res = client.Get(path.c_str());
    if (!res || res->status != 200) return nullptr;
    return nlohmann::json::parse(res->body);
  };
  const std::vector<std::string> paths = {"/api/stories", "/api/stories/" + flood, "/api/stories/" + cats,
                                          "/api/articles/f1", "/api/articles/c1"};
  for (const std::string& p : paths) ASSERT_FALSE(get(p).is_null()) << p;
  ServerCacheStats s0 = server.cache_stats();
  EXPECT_EQ(s0.misses, paths.size());
  EXPECT_EQ(s0.entries, paths.size());
  for (const std::string& p : paths) get(p);
  EXPECT_EQ(server.cache_stats().hits, s0.hits + paths.size());

  auto posted = client.Post("/api/articles",
                            R"({"id": "f2", "source": "River Times", "title": "Oskarsby evacuated", "text": )" +
                                nlohmann::json(std::string(kFlood) + "Schools are closed.\n").dump() + "}",
                            "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  ASSERT_EQ(nlohmann::json::parse(posted->body)["articles"][0]["story"], flood);
  // The flood story, its article and the list were dropped; cats kept.
  EXPECT_EQ(server.cache_stats().entries, 2u);
  ServerCacheStats s1 = server.cache_stats();
  EXPECT_EQ(get("/api/stories/" + cats)["articles"].size(), 1u);
  EXPECT_EQ(get("/api/articles/c1")["id"], "c1");
  ServerCacheStats s2 = server.cache_stats();
  EXPECT_EQ(s2.hits, s1.hits + 2);
  EXPECT_EQ(s2.misses, s1.misses);
  EXPECT_EQ(get("/api/stories/" + flood)["articles"].size(), 2u);
  EXPECT_EQ(get("/api/stories")["stories"][0]["articles"], 2);
  EXPECT_FALSE(get("/api/articles/f1").is_null());
  ServerCacheStats s3 = server.cache_stats();
  EXPECT_EQ(s3.misses, s2.misses + 3);
  EXPECT_EQ(s3.hits, s2.hits);
}

}  // namespace
}  // namespace rashomon::serve
