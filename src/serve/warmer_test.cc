#include "serve/warmer.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <pthread.h>
#include <sched.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/test_util.h"
#include "serve/server.h"
#include "serve/store_backend.h"
#include "serve/test_articles.h"

namespace rashomon::serve {
namespace {

using invented::kCats;
using invented::kFlood;

Article Make(std::string id, std::string source, std::string text, int64_t published) {
  std::string title = id;
  return invented::MakeArticle(std::move(id), std::move(source), std::move(title), std::move(text), published);
}

const char kMill[] =
    "The old paper mill in Tarrow reopened on Friday with 120 workers, its owners said.\nThe mill had "
    "been closed for six years after a fire destroyed its main hall.\n";

// A store of three stories behind a StoreBackend: the flood (2 articles,
// the largest), the mill (the most recent) and the cats.
struct Fixture {
  explicit Fixture(const store::StoreOptions& options = Quiet()) {
    auto db = store::Store::Open(dir.File("s.db"), options);
    EXPECT_TRUE(db.ok()) << db.status().message();
    store = db->get();
    backend = std::make_unique<StoreBackend>(std::move(*db));
    auto ids = backend->Ingest({Make("f1", "Valley Post", kFlood, 1770000000),
                                Make("f2", "River Times", std::string(kFlood) + "Schools are closed.\n", 1770003600),
                                Make("c1", "Pet Weekly", kCats, 1770100000),
                                Make("m1", "Mill Gazette", kMill, 1770200000)});
    EXPECT_TRUE(ids.ok());
    flood = (*ids)[0].story_id;
    cats = (*ids)[2].story_id;
    mill = (*ids)[3].story_id;
  }
  static store::StoreOptions Quiet() {
    store::StoreOptions options;
    options.pipeline.threads = 1;
    options.pipeline.progress = false;
    return options;
  }
  std::vector<std::string> Missing() {
    auto plan = backend->StoriesToWarm(100);
    EXPECT_TRUE(plan.ok());
    return plan.ok() ? *plan : std::vector<std::string>();
  }

  testing::TempDir dir;
  store::Store* store = nullptr;  // owned by backend
  std::unique_ptr<StoreBackend> backend;
  std::string flood, cats, mill;
};

WarmerOptions Options(size_t stories) {
  WarmerOptions o;
  o.stories = stories;
  return o;
}

TEST(Warmer, FillsTheCacheForThePlannedStories) {
  Fixture f;
  ASSERT_EQ(f.Missing().size(), 3u);
  Warmer w(f.backend.get(), Options(2));  // the largest and the most recent
  w.Start();
  w.WaitIdle();
  WarmerStats s = w.stats();
  EXPECT_EQ(s.plans, 1u);
  EXPECT_EQ(s.planned, 2u);
  EXPECT_EQ(s.analysed, 2u);
  EXPECT_TRUE(s.idle);
  EXPECT_EQ(f.store->AnalysesRun(), 2u);
  EXPECT_EQ(f.Missing(), std::vector<std::string>{f.cats});  // outside the first 2
  // Requests for the warmed stories read the cache.
  ASSERT_TRUE(f.backend->GetStory(f.flood).ok());
  ASSERT_TRUE(f.backend->GetStory(f.mill).ok());
  EXPECT_EQ(f.store->AnalysesRun(), 2u);
  w.Stop();
}

TEST(Warmer, ZeroStoriesDoesNothing) {
  Fixture f;
  Warmer w(f.backend.get(), Options(0));
  w.Start();
  w.WaitIdle();  // returns at once: nothing runs
  w.Replan();
  w.Stop();
  EXPECT_EQ(w.stats().plans, 0u);
  EXPECT_EQ(f.store->AnalysesRun(), 0u);
  EXPECT_EQ(f.Missing().size(), 3u);
}

// No story starts while a request is in flight: the warmer reports the
// pause (hook), and nothing has been analysed until the request ends.
TEST(Warmer, PausesWhileARequestIsInFlight) {
  Fixture f;
  std::mutex mu;
  std::condition_variable cv;
  bool paused = false;
  WarmerOptions o = Options(10);
  o.on_pause = [&] {
    std::lock_guard<std::mutex> lock(mu);
    paused = true;
    cv.notify_all();
  };
  Warmer w(f.backend.get(), o);
  w.RequestBegin();
  w.Start();
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(60), [&] { return paused; }));
  }
  EXPECT_EQ(w.stats().analysed, 0u);
  EXPECT_EQ(w.stats().pauses, 1u);
  EXPECT_EQ(f.store->AnalysesRun(), 0u);
  w.RequestEnd();
  w.WaitIdle();
  EXPECT_EQ(w.stats().analysed, 3u);
  EXPECT_EQ(f.store->AnalysesRun(), 3u);
}

// A request for the story being warmed joins that analysis: one analysis.
// The analysis runs at idle priority until the request joins, then at
// normal priority (the request waits for it).
TEST(Warmer, ARequestForAStoryBeingWarmedGetsOneAnalysis) {
  std::mutex mu;
  std::condition_variable cv;
  bool started = false, joined = false;
  int policy_at_start = -1, policy_after_join = -1;
  auto policy = [] {
    int p = -1;
    sched_param param{};
    pthread_getschedparam(pthread_self(), &p, &param);
    return p;
  };
  store::StoreOptions so = Fixture::Quiet();
  so.on_analysis_start = [&](int64_t) {
    std::unique_lock<std::mutex> lock(mu);
    if (started) return;  // only the first analysis waits
    started = true;
    policy_at_start = policy();
    cv.notify_all();
    cv.wait_for(lock, std::chrono::seconds(60), [&] { return joined; });  // the limit: no hang if broken
    policy_after_join = policy();
  };
  Fixture f(so);
  WarmerOptions o = Options(1);  // the flood story only
  o.on_joined = [&] {
    std::lock_guard<std::mutex> lock(mu);
    joined = true;
    cv.notify_all();
  };
  Warmer w(f.backend.get(), o);
  w.Start();
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return started; });
  }
  auto story = f.backend->GetStory(f.flood);
  w.WaitIdle();
  ASSERT_TRUE(story.ok()) << story.status().message();
  EXPECT_EQ(story->articles.size(), 2u);
  EXPECT_EQ(f.store->AnalysesRun(), 1u);
  WarmerStats s = w.stats();
  EXPECT_EQ(s.analysed, 1u);
  EXPECT_EQ(s.joined, 1u);
  EXPECT_EQ(policy_at_start, SCHED_IDLE);
  EXPECT_EQ(policy_after_join, SCHED_OTHER);
  w.Stop();
}

// Stop while a story is being analysed returns, abandoning that story.
TEST(Warmer, StopWhileWarmingReturns) {
  Warmer* warmer = nullptr;
  std::mutex mu;
  std::condition_variable cv;
  bool started = false;
  store::StoreOptions so = Fixture::Quiet();
  so.on_analysis_start = [&](int64_t) {
    {
      std::lock_guard<std::mutex> lock(mu);
      started = true;
    }
    cv.notify_all();
    while (!warmer->stopping()) std::this_thread::yield();
  };
  Fixture f(so);
  Warmer w(f.backend.get(), Options(10));
  warmer = &w;
  w.Start();
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return started; });
  }
  w.Stop();
  WarmerStats s = w.stats();
  EXPECT_EQ(s.analysed, 0u);
  EXPECT_EQ(f.store->AnalysesRun(), 0u);  // abandoned before its analysis
  EXPECT_EQ(f.Missing().size(), 3u);
}

// After an ingest through the server (Replan) the changed story is warmed
// again; after a write by another process the warmer notices by itself.
TEST(Warmer, PlansAgainAfterIngests) {
  Fixture f;
  WarmerOptions o = Options(10);
  o.poll = std::chrono::milliseconds(1);
  Warmer w(f.backend.get(), o);
  w.Start();
  w.WaitIdle();
  EXPECT_EQ(w.stats().analysed, 3u);
  ASSERT_TRUE(f.backend->Ingest({Make("c2", "Cat Fancy", std::string(kCats) + "Tickets sold out.\n", 1770100500)})
                  .ok());
  ASSERT_EQ(f.Missing(), std::vector<std::string>{f.cats});
  w.Replan();
  w.WaitIdle();
  EXPECT_EQ(w.stats().analysed, 4u);
  EXPECT_TRUE(f.Missing().empty());
  EXPECT_EQ(f.backend->GetStory(f.cats)->articles.size(), 2u);
  EXPECT_EQ(f.store->AnalysesRun(), 4u);

  const uint64_t plans = w.stats().plans;
  {
    auto other = store::Store::Open(f.dir.File("s.db"), Fixture::Quiet());
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE((*other)->Ingest({Make("m2", "Tarrow Times", std::string(kMill) + "Orders are strong.\n",
                                       1770200500)})
                    .ok());
  }
  // Waits for the warmer to see the write; the limit only keeps a broken
  // build from hanging.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < give_up && !(w.stats().plans > plans && w.stats().idle)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_GT(w.stats().plans, plans);
  w.WaitIdle();
  EXPECT_EQ(w.stats().analysed, 5u);
  EXPECT_TRUE(f.Missing().empty());
  w.Stop();
}

// Through the HTTP server: an API request in flight holds the warmer back,
// a post makes it plan again, and /healthz reports it.
TEST(Warmer, ServerHoldsItBackDuringRequests) {
  std::mutex mu;
  std::condition_variable cv;
  bool paused = false, in_request = false;
  // A backend whose story list waits inside the request until the warmer
  // has paused for it.
  class HoldingBackend : public StoreBackend {
   public:
    HoldingBackend(std::unique_ptr<store::Store> db, std::function<void()> hold)
        : StoreBackend(std::move(db)), hold_(std::move(hold)) {}
    Result<StoryPage> ListStories(const StoryFilter& filter, StorySort sort, size_t offset, size_t limit) override {
      hold_();
      return StoreBackend::ListStories(filter, sort, offset, limit);
    }
    Result<std::vector<std::string>> StoriesToWarm(size_t limit) override {
      plan_();
      return StoreBackend::StoriesToWarm(limit);
    }
    std::function<void()> plan_;

   private:
    std::function<void()> hold_;
  };
  Fixture f;  // the data; the server gets its own connection to it
  f.backend.reset();
  auto db = store::Store::Open(f.dir.File("s.db"), Fixture::Quiet());
  ASSERT_TRUE(db.ok());
  store::Store* store = db->get();
  HoldingBackend backend(std::move(*db), [&] {
    std::unique_lock<std::mutex> lock(mu);
    in_request = true;
    cv.notify_all();
    cv.wait_for(lock, std::chrono::seconds(60), [&] { return paused; });
  });
  // The warmer plans only once the request is in flight.
  backend.plan_ = [&] {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::seconds(60), [&] { return in_request; });
  };
  ServerOptions so;
  so.port = 0;
  so.threads = 2;
  so.warm.stories = 10;
  so.warm.on_pause = [&] {
    std::lock_guard<std::mutex> lock(mu);
    paused = true;
    cv.notify_all();
  };
  Server server(&backend, so);
  ASSERT_TRUE(server.Bind().ok());
  // The request is in flight before the warmer starts (Run starts it).
  std::thread request([&server] {
    httplib::Client client("127.0.0.1", server.port());
    auto res = client.Get("/api/stories");
    EXPECT_TRUE(res && res->status == 200);
  });
  std::thread run([&server] { server.Run(); });
  {
    std::unique_lock<std::mutex> lock(mu);
    EXPECT_TRUE(cv.wait_for(lock, std::chrono::seconds(60), [&] { return in_request && paused; }));
  }
  request.join();
  server.warmer()->WaitIdle();
  EXPECT_EQ(server.warm_stats().pauses, 1u);
  EXPECT_EQ(server.warm_stats().analysed, 3u);
  EXPECT_EQ(store->AnalysesRun(), 3u);
  httplib::Client c2("127.0.0.1", server.port());
  auto health = c2.Get("/healthz");
  ASSERT_TRUE(health);
  auto body = nlohmann::json::parse(health->body);
  EXPECT_EQ(body["warm"]["analysed"], 3);
  EXPECT_EQ(body["warm"]["idle"], true);
  auto posted = c2.Post("/api/articles",
                        R"({"id": "c2", "source": "Cat Fancy", "title": "Cats", "text": )" +
                            nlohmann::json(std::string(kCats) + "Tickets sold out.\n").dump() + "}",
                        "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  server.warmer()->WaitIdle();
  EXPECT_EQ(server.warm_stats().analysed, 4u);
  EXPECT_EQ(store->AnalysesRun(), 4u);
  server.Stop();
  run.join();
}

}  // namespace
}  // namespace rashomon::serve
