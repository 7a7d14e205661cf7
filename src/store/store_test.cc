#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "base/test_util.h"
#include "report/writer.h"

namespace rashomon::store {
namespace {

using rashomon::testing::TempDir;

// Two unrelated events, three reports of each, told with different words
// around the same names, places and numbers.
const char* const kHarbour[] = {
    "Engineers in the river town of Kessel finished repairing the old stone harbour wall on Monday, four days "
    "after a storm tore a twenty metre gap in it. Mayor Ilse Brandt said volunteers moved the fallen stones "
    "by hand. Fishing boats sheltering upstream are expected back in Kessel harbour on Friday.",
    "Kessel's harbour wall is whole again. Repair crews closed the twenty metre breach left by last week's "
    "storm on Monday, and Mayor Ilse Brandt thanked the volunteers who hauled stones by hand. The fishing "
    "fleet sheltering upstream should return to the harbour by Friday.",
    "Volunteers and engineers rebuilt the storm-damaged harbour wall in Kessel on Monday. Mayor Ilse Brandt "
    "said the twenty metre gap had been closed with the original stones, and that fishing boats would come "
    "back from upstream moorings by Friday.",
};
const char* const kBank[] = {
    "The central bank of Norland held its main interest rate at 3.5 percent on Thursday. Governor Tomas Wick "
    "said inflation was easing but wages were still rising fast, and the bank would review rates in March.",
    "Norland's central bank left borrowing costs unchanged at 3.5 percent on Thursday. Governor Tomas Wick "
    "pointed to rising wages even as inflation eases, and said the next rate review would come in March.",
    "Interest rates in Norland stay at 3.5 percent after Thursday's central bank meeting. Governor Tomas Wick "
    "told reporters inflation is easing, wages are not, and the bank will look at rates again in March.",
};

Article Make(const std::string& id, const std::string& source, const char* text, int64_t day) {
  Article a;
  a.id = id;
  a.source = source;
  a.text = text;
  a.published = 1700000000 + day * 86400;
  return a;
}

std::vector<Article> AllSix() {
  std::vector<Article> out;
  for (int i = 0; i < 3; ++i) {
    out.push_back(Make("harbour-" + std::to_string(i), "Outlet " + std::to_string(i), kHarbour[i], i));
    out.push_back(Make("bank-" + std::to_string(i), "Outlet " + std::to_string(i), kBank[i], 10 + i));
  }
  return out;
}

StoreOptions Quiet() {
  StoreOptions o;
  o.pipeline.progress = false;
  o.pipeline.threads = 1;
  return o;
}

std::map<std::string, int64_t> StoryMap(Store& s) {
  auto a = s.Assignments();
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  std::map<std::string, int64_t> m;
  for (const auto& [id, story] : *a) m[id] = story;
  return m;
}

TEST(StoreTest, IngestGroupsStoriesAndIsIdempotent) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto first = (*store)->Ingest(AllSix());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 6u);
  for (const IngestedArticle& a : *first) EXPECT_TRUE(a.is_new) << a.id;
  auto m = StoryMap(**store);
  EXPECT_EQ(m["harbour-0"], m["harbour-1"]);
  EXPECT_EQ(m["harbour-0"], m["harbour-2"]);
  EXPECT_EQ(m["bank-0"], m["bank-1"]);
  EXPECT_EQ(m["bank-0"], m["bank-2"]);
  EXPECT_NE(m["harbour-0"], m["bank-0"]);
  EXPECT_EQ((*first)[0].story, m["harbour-0"]);

  // The same articles again: nothing new, nothing moves.
  auto again = (*store)->Ingest(AllSix());
  ASSERT_TRUE(again.ok());
  for (const IngestedArticle& a : *again) EXPECT_FALSE(a.is_new) << a.id;
  EXPECT_EQ(StoryMap(**store), m);
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->articles, 6);
  EXPECT_EQ(counts->stories, 2);

  // A changed text under a known id is a new version, stored beside it.
  std::vector<Article> changed = {Make("bank-0", "Outlet 0", kBank[1], 10)};
  auto v2 = (*store)->Ingest(changed);
  ASSERT_TRUE(v2.ok());
  EXPECT_TRUE((*v2)[0].is_new);
  EXPECT_EQ((*v2)[0].id, "bank-0#2");
  EXPECT_EQ((*v2)[0].story, m["bank-0"]);
}

// With each touched story represented by only its latest member and one
// article per batch, reports still join their story, the members left out of
// the clustering stay in it, and the two events stay apart.
TEST(StoreTest, CappedStoryMembersStillGrowStories) {
  TempDir dir;
  StoreOptions o = Quiet();
  o.batch_articles = 1;
  o.story_members = 1;
  o.stories_per_article = 1;
  auto store = Store::Open(dir.File("db.sqlite"), o);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  for (Article& a : AllSix()) {
    std::vector<Article> one;
    one.push_back(std::move(a));
    auto r = (*store)->Ingest(std::move(one));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  auto m = StoryMap(**store);
  EXPECT_EQ(m["harbour-0"], m["harbour-1"]);
  EXPECT_EQ(m["harbour-0"], m["harbour-2"]);
  EXPECT_EQ(m["bank-0"], m["bank-1"]);
  EXPECT_EQ(m["bank-0"], m["bank-2"]);
  EXPECT_NE(m["harbour-0"], m["bank-0"]);
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->stories, 2);
  auto page = (*store)->ListStories({}, StorySort::kSize, 0, 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].articles, 3u);
  EXPECT_EQ((*page)[1].articles, 3u);
}

// The per-process cache of stored articles changes nothing: one article per
// batch (so every story's members are read again and again), with the cache
// off, tiny (dropping its older half every two articles) and at the default,
// gives the same stories.
TEST(StoreTest, ArticleCacheKeepsTheSameStories) {
  std::vector<Article> all = AllSix();
  // Second reports of each event: the sentences in another order.
  for (int i = 0; i < 3; ++i) {
    std::string harbour = kHarbour[i];
    std::string bank = kBank[i];
    size_t h = harbour.find(". ") + 2, b = bank.find(". ") + 2;
    all.push_back(Make("harbour-r" + std::to_string(i), "Outlet r", "", 20 + i));
    all.back().text = harbour.substr(h) + " " + harbour.substr(0, h - 1);
    all.push_back(Make("bank-r" + std::to_string(i), "Outlet r", "", 30 + i));
    all.back().text = bank.substr(b) + " " + bank.substr(0, b - 1);
  }
  std::vector<std::map<std::string, int64_t>> maps;
  for (size_t cached : {size_t{0}, size_t{2}, StoreOptions().cached_articles}) {
    TempDir dir;
    StoreOptions o = Quiet();
    o.batch_articles = 1;
    o.cached_articles = cached;
    auto store = Store::Open(dir.File("db.sqlite"), o);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto r = (*store)->Ingest(all);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    maps.push_back(StoryMap(**store));
  }
  ASSERT_EQ(maps[0].size(), all.size());
  EXPECT_EQ(maps[1], maps[0]);
  EXPECT_EQ(maps[2], maps[0]);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(maps[2]["harbour-r" + std::to_string(i)], maps[2]["harbour-0"]);
    EXPECT_EQ(maps[2]["bank-r" + std::to_string(i)], maps[2]["bank-0"]);
  }
  EXPECT_NE(maps[2]["harbour-0"], maps[2]["bank-0"]);
}

TEST(StoreTest, LaterArticlesJoinExistingStoriesAndKeepTheirIds) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok());
  std::vector<Article> all = AllSix();
  // Two harbour and two bank reports first, the rest one by one.
  std::vector<Article> first = {all[0], all[1], all[2], all[3]};
  ASSERT_TRUE((*store)->Ingest(first).ok());
  auto before = StoryMap(**store);
  for (size_t i = 4; i < all.size(); ++i) {
    auto r = (*store)->Ingest({all[i]});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  auto after = StoryMap(**store);
  for (const auto& [id, story] : before) EXPECT_EQ(after[id], story) << id;
  EXPECT_EQ(after["harbour-2"], before["harbour-0"]);
  EXPECT_EQ(after["bank-2"], before["bank-0"]);
}

TEST(StoreTest, ReportMatchesBatchPipeline) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok());
  std::vector<Article> all = AllSix();
  ASSERT_TRUE((*store)->Ingest(all).ok());
  auto rep = (*store)->BuildReport();
  ASSERT_TRUE(rep.ok()) << rep.status().ToString();
  PipelineOptions po;
  po.progress = false;
  po.threads = 1;
  report::Report batch = RunPipeline(all, po);
  EXPECT_EQ(report::WriteJson(*rep), report::WriteJson(batch));
}

TEST(StoreTest, ListGetAndCacheStories) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok());
  std::vector<Article> all = AllSix();
  all.push_back(Make("bank-3", "Outlet 3", kBank[0], 14));
  ASSERT_TRUE((*store)->Ingest(all).ok());
  auto m = StoryMap(**store);
  auto by_size = (*store)->ListStories({}, StorySort::kSize, 0, 10);
  ASSERT_TRUE(by_size.ok()) << by_size.status().ToString();
  ASSERT_EQ(by_size->size(), 2u);
  EXPECT_EQ((*by_size)[0].id, m["bank-0"]);
  EXPECT_EQ((*by_size)[0].articles, 4u);
  EXPECT_EQ((*by_size)[0].outlets, (std::vector<std::string>{"Outlet 0", "Outlet 1", "Outlet 2", "Outlet 3"}));
  EXPECT_EQ((*by_size)[0].conflicts, -1);  // not analysed yet
  EXPECT_EQ(*(*by_size)[0].first_published, 1700000000 + 10 * 86400);
  EXPECT_EQ(*(*by_size)[0].last_published, 1700000000 + 14 * 86400);
  auto recent = (*store)->ListStories({}, StorySort::kRecency, 0, 1);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ((*recent)[0].id, m["bank-0"]);
  auto second_page = (*store)->ListStories({}, StorySort::kSize, 1, 10);
  ASSERT_TRUE(second_page.ok());
  ASSERT_EQ(second_page->size(), 1u);
  EXPECT_EQ((*second_page)[0].id, m["harbour-0"]);

  StoryFilter outlet;
  outlet.outlet = "Outlet 3";
  auto only = (*store)->ListStories(outlet, StorySort::kSize, 0, 10);
  ASSERT_TRUE(only.ok());
  ASSERT_EQ(only->size(), 1u);
  EXPECT_EQ((*only)[0].id, m["bank-0"]);
  StoryFilter window;
  window.to = 1700000000 + 5 * 86400;
  auto early = (*store)->ListStories(window, StorySort::kSize, 0, 10);
  ASSERT_TRUE(early.ok());
  ASSERT_EQ(early->size(), 1u);
  EXPECT_EQ((*early)[0].id, m["harbour-0"]);

  auto story = (*store)->GetStory(m["harbour-0"]);
  ASSERT_TRUE(story.ok()) << story.status().ToString();
  EXPECT_EQ(story->articles.size(), 3u);
  EXPECT_FALSE(story->headline.empty());
  // Cached now: the listing shows the analysis headline, a second read
  // returns the same story.
  auto listed = (*store)->ListStories({}, StorySort::kSize, 1, 1);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ((*listed)[0].headline, story->headline);
  EXPECT_EQ((*listed)[0].conflicts, static_cast<int>(story->conflicts.size()));
  auto cached = (*store)->GetStory(m["harbour-0"]);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(report::WriteStoryJson(*cached), report::WriteStoryJson(*story));
  StoryFilter text;
  text.text = story->headline.substr(0, 12);
  auto found = (*store)->ListStories(text, StorySort::kSize, 0, 10);
  ASSERT_TRUE(found.ok());
  ASSERT_GE(found->size(), 1u);

  EXPECT_EQ((*store)->GetStory(987654).status().code(), StatusCode::kNotFound);
  auto article = (*store)->GetArticle("bank-1");
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article->text, kBank[1]);
  EXPECT_EQ(article->source, "Outlet 1");
  EXPECT_EQ((*store)->GetArticle("nope").status().code(), StatusCode::kNotFound);

  // A new member invalidates the cached analysis.
  ASSERT_TRUE((*store)->Ingest({Make("harbour-3", "Outlet 3", kHarbour[0], 3)}).ok());
  auto relisted = (*store)->ListStories(outlet, StorySort::kSize, 0, 10);
  ASSERT_TRUE(relisted.ok());
  for (const StorySummary& s : *relisted) {
    if (s.id == m["harbour-0"]) {
      EXPECT_EQ(s.conflicts, -1);
    }
  }
  auto grown = (*store)->GetStory(m["harbour-0"]);
  ASSERT_TRUE(grown.ok());
  EXPECT_EQ(grown->articles.size(), 4u);
}

TEST(StoreTest, ManyThreadsRead) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
  auto list = (*store)->ListStories({}, StorySort::kSize, 0, 10);
  ASSERT_TRUE(list.ok());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        auto s = (*store)->GetStory((*list)[(t + i) % 2].id);
        auto l = (*store)->ListStories({}, StorySort::kRecency, 0, 10);
        if (!s.ok() || !l.ok() || s->articles.size() != 3 || l->size() != 2) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

// Ingest names the stories it changed (so a server can drop just their
// kept responses), and the store's own writes do not count as another
// process's for ExternalVersion.
TEST(StoreTest, IngestReportsTheStoriesItChanged) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok());
  std::vector<int64_t> changed;
  std::vector<Article> four = {Make("harbour-0", "Outlet 0", kHarbour[0], 0), Make("harbour-1", "Outlet 1", kHarbour[1], 1),
                               Make("bank-0", "Outlet 0", kBank[0], 10), Make("bank-1", "Outlet 1", kBank[1], 11)};
  ASSERT_TRUE((*store)->Ingest(four, nullptr, &changed).ok());
  auto m = StoryMap(**store);
  ASSERT_NE(m["harbour-0"], m["bank-0"]);
  EXPECT_EQ(changed, (std::vector<int64_t>{std::min(m["harbour-0"], m["bank-0"]), std::max(m["harbour-0"], m["bank-0"])}));

  const uint64_t version = (*store)->ExternalVersion();
  ASSERT_TRUE((*store)->Ingest({Make("harbour-2", "Outlet 2", kHarbour[2], 2)}, nullptr, &changed).ok());
  EXPECT_EQ(StoryMap(**store)["harbour-2"], m["harbour-0"]);
  EXPECT_EQ(changed, std::vector<int64_t>{m["harbour-0"]});
  EXPECT_EQ((*store)->ExternalVersion(), version);

  // Re-ingesting a stored article changes nothing.
  ASSERT_TRUE((*store)->Ingest({Make("bank-1", "Outlet 1", kBank[1], 11)}, nullptr, &changed).ok());
  EXPECT_TRUE(changed.empty());
}

// Invented events: a flood and a dock strike, reported in English, then in
// Arabic in a later ingest. The Arabic words that spell the English names
// (مارفنهولت, Marvenholt; فولميرينغ, Vollmering) take them from the
// stored names' skeletons (store/name_skeletons.h).
TEST(StoreTest, ArabicReportsIngestedLaterMeetTheStoredNames) {
  TempDir dir;
  // Names alone: the dictionary's translations left out.
  StoreOptions names = Quiet();
  names.pipeline.stories.terms.pivot_weight = 0;
  auto store = Store::Open(dir.File("db.sqlite"), names);
  ASSERT_TRUE(store.ok());
  const std::vector<Article> english = {
      Make("flood-en", "Outlet 0",
           "Floodwater cut off the town of Marvenholt on Monday. Residents were moved to the Dravensk school, "
           "the Marvenholt council said. The river is expected to fall by Thursday.",
           0),
      Make("strike-en", "Outlet 0",
           "Dock workers at the port of Sellavoranda went on strike on Tuesday, union leader Bertrand "
           "Vollmering said. Vollmering said the strike would last until the port agreed to talks.",
           1),
  };
  const std::vector<Article> arabic = {
      Make("flood-ar", "Outlet 1",
           "عزلت مياه الفيضان بلدة مارفنهولت يوم الاثنين. ونقل السكان إلى مدرسة درافنسك، بحسب مجلس "
           "مارفنهولت. ويتوقع أن ينخفض منسوب النهر بحلول الخميس.",
           0),
      Make("strike-ar", "Outlet 1",
           "أضرب عمال الميناء في سيلافوراندا يوم الثلاثاء، بحسب ما قال زعيم النقابة برتراند فولميرينغ. "
           "وقال فولميرينغ إن الإضراب سيستمر حتى يوافق الميناء على المحادثات.",
           1),
  };
  ASSERT_TRUE((*store)->Ingest(english).ok());
  ASSERT_TRUE((*store)->Ingest(arabic).ok());
  auto m = StoryMap(**store);
  EXPECT_EQ(m["flood-ar"], m["flood-en"]);
  EXPECT_EQ(m["strike-ar"], m["strike-en"]);
  EXPECT_NE(m["flood-en"], m["strike-en"]);

  // Without the skeletons the Arabic reports stand alone.
  StoreOptions off = names;
  off.pipeline.stories.terms.abjad_name_weight = 0;
  auto plain = Store::Open(dir.File("plain.sqlite"), off);
  ASSERT_TRUE(plain.ok());
  ASSERT_TRUE((*plain)->Ingest(english).ok());
  ASSERT_TRUE((*plain)->Ingest(arabic).ok());
  auto p = StoryMap(**plain);
  EXPECT_NE(p["flood-ar"], p["flood-en"]);
  EXPECT_NE(p["strike-ar"], p["strike-en"]);
}

// Concurrent requests for one story not yet analysed share one analysis;
// every requester gets the same story.
TEST(StoreTest, OneAnalysisPerStoryForConcurrentRequests) {
  TempDir dir;
  StoreOptions options = Quiet();
  options.pipeline.threads = 4;  // four analysis slots
  auto store = Store::Open(dir.File("db.sqlite"), options);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
  auto m = StoryMap(**store);
  const int64_t ids[2] = {m["harbour-0"], m["bank-0"]};
  constexpr int kThreads = 8;
  std::vector<std::string> json(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();
      auto story = (*store)->GetStory(ids[t % 2]);
      if (story.ok()) json[static_cast<size_t>(t)] = report::WriteStoryJson(*story);
    });
  }
  for (auto& th : threads) th.join();
  // The first request for each story analyses it; the others wait for that
  // analysis or (arriving after it) read it from the cache.
  EXPECT_EQ((*store)->AnalysesRun(), 2u);
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_FALSE(json[static_cast<size_t>(t)].empty()) << t;
    EXPECT_EQ(json[static_cast<size_t>(t)], json[static_cast<size_t>(t % 2)]) << t;
  }
  EXPECT_NE(json[0], json[1]);
  // Once a story changes it is analysed again, once.
  ASSERT_TRUE((*store)->Ingest({Make("harbour-3", "Outlet 3", kHarbour[0], 3)}).ok());
  auto grown = (*store)->GetStory(ids[0]);
  ASSERT_TRUE(grown.ok());
  EXPECT_EQ(grown->articles.size(), 4u);
  EXPECT_EQ((*store)->AnalysesRun(), 3u);
}

// Analyses of two different stories run at the same time: each analysis,
// once started, waits inside its slot until the other story's has started
// as well, which happens only if the two are in flight together (one slot,
// or one lock around analyses, would keep the second out until the first
// is done). The wait's limit only keeps a broken build from hanging; the
// check is whether each analysis saw the other start.
TEST(StoreTest, DifferentStoriesAreAnalysedConcurrently) {
  std::mutex mu;
  std::condition_variable cv;
  std::set<int64_t> started;
  int saw_other = 0;
  TempDir dir;
  StoreOptions options = Quiet();
  options.pipeline.threads = 2;  // two analysis slots
  options.on_analysis_start = [&](int64_t id) {
    std::unique_lock<std::mutex> lock(mu);
    started.insert(id);
    cv.notify_all();
    if (cv.wait_for(lock, std::chrono::seconds(60), [&] { return started.size() >= 2; })) ++saw_other;
  };
  auto store = Store::Open(dir.File("db.sqlite"), options);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
  auto m = StoryMap(**store);
  const int64_t a = m["harbour-0"], b = m["bank-0"];
  ASSERT_NE(a, b);
  Result<report::Story> story_a = Status::Internal("not run"), story_b = Status::Internal("not run");
  std::thread ta([&] { story_a = (*store)->GetStory(a); });
  std::thread tb([&] { story_b = (*store)->GetStory(b); });
  ta.join();
  tb.join();
  ASSERT_TRUE(story_a.ok()) << story_a.status().message();
  ASSERT_TRUE(story_b.ok()) << story_b.status().message();
  EXPECT_EQ(started, (std::set<int64_t>{a, b}));
  EXPECT_EQ(saw_other, 2);
  EXPECT_EQ((*store)->AnalysesRun(), 2u);
  // The two are different stories, each analysed over its own articles.
  EXPECT_NE(report::WriteStoryJson(*story_a), report::WriteStoryJson(*story_b));
  EXPECT_EQ(story_a->articles.size(), 3u);
  EXPECT_EQ(story_b->articles.size(), 3u);
}

// The plan takes the two list orders in turn (largest, most recent, ...)
// and keeps the stories without a cached analysis.
TEST(StoreTest, StoriesToWarmFollowTheListOrdersAndSkipCachedOnes) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok());
  std::vector<Article> all = AllSix();
  all.push_back(Make("cats-0", "Outlet 9",
                     "The annual cat show in Peltonen drew a record 900 entries on Saturday, organisers said. "
                     "A long-haired breed from the north took the top prize for the third year running.",
                     20));
  ASSERT_TRUE((*store)->Ingest(all).ok());
  auto m = StoryMap(**store);
  const int64_t harbour = m["harbour-0"], bank = m["bank-0"], cats = m["cats-0"];
  ASSERT_EQ((std::set<int64_t>{harbour, bank, cats}).size(), 3u);
  // Size order: harbour (3, earlier), bank (3), cats (1); recency: cats first.
  auto plan = (*store)->StoriesToWarm(1);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(*plan, (std::vector<int64_t>{harbour}));
  plan = (*store)->StoriesToWarm(2);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(*plan, (std::vector<int64_t>{harbour, cats}));
  plan = (*store)->StoriesToWarm(100);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(*plan, (std::vector<int64_t>{harbour, cats, bank}));
  EXPECT_TRUE((*store)->StoriesToWarm(0)->empty());
  // A cached story leaves the plan; an ingest that changes it brings it back.
  ASSERT_TRUE((*store)->GetStory(harbour).ok());
  plan = (*store)->StoriesToWarm(100);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(*plan, (std::vector<int64_t>{cats, bank}));
  plan = (*store)->StoriesToWarm(1);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->empty());  // the first story is analysed already
  ASSERT_TRUE((*store)->Ingest({Make("harbour-3", "Outlet 3", kHarbour[1], 3)}).ok());
  plan = (*store)->StoriesToWarm(1);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(*plan, (std::vector<int64_t>{harbour}));
}

TEST(StoreTest, WarmStoryCachesWhatARequestWouldCompute) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  auto fresh = Store::Open(dir.File("fresh.sqlite"), Quiet());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
  ASSERT_TRUE((*fresh)->Ingest(AllSix()).ok());
  const int64_t harbour = StoryMap(**store)["harbour-0"];
  int begins = 0, ends = 0;
  WarmHooks hooks;
  hooks.compute_begin = [&] { ++begins; };
  hooks.compute_end = [&] { ++ends; };
  auto outcome = (*store)->WarmStory(harbour, hooks);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(*outcome, WarmOutcome::kAnalysed);
  EXPECT_EQ(begins, 1);
  EXPECT_EQ(ends, 1);
  EXPECT_EQ((*store)->AnalysesRun(), 1u);
  // Cached: warming again and requesting it compute nothing.
  outcome = (*store)->WarmStory(harbour, hooks);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(*outcome, WarmOutcome::kCached);
  auto warmed = (*store)->GetStory(harbour);
  ASSERT_TRUE(warmed.ok());
  EXPECT_EQ((*store)->AnalysesRun(), 1u);
  auto computed = (*fresh)->GetStory(StoryMap(**fresh)["harbour-0"]);
  ASSERT_TRUE(computed.ok());
  EXPECT_EQ((*fresh)->AnalysesRun(), 1u);
  EXPECT_EQ(report::WriteStoryJson(*warmed), report::WriteStoryJson(*computed));
  EXPECT_EQ((*store)->WarmStory(987654).status().code(), StatusCode::kNotFound);
}

// A request for a story being warmed waits for that analysis (and tells
// the warmer through the joined hook) instead of computing its own.
TEST(StoreTest, RequestJoinsAWarmAnalysis) {
  std::mutex mu;
  std::condition_variable cv;
  int starts = 0;
  bool joined = false;
  TempDir dir;
  StoreOptions options = Quiet();
  options.pipeline.threads = 2;
  options.on_analysis_start = [&](int64_t) {
    std::unique_lock<std::mutex> lock(mu);
    ++starts;
    cv.notify_all();
    // The limit only keeps a broken build from hanging.
    cv.wait_for(lock, std::chrono::seconds(60), [&] { return joined; });
  };
  auto store = Store::Open(dir.File("db.sqlite"), options);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
  const int64_t harbour = StoryMap(**store)["harbour-0"];
  WarmHooks hooks;
  hooks.joined = [&] {
    std::lock_guard<std::mutex> lock(mu);
    joined = true;
    cv.notify_all();
  };
  Result<WarmOutcome> outcome = Status::Internal("not run");
  std::thread warmer([&] { outcome = (*store)->WarmStory(harbour, hooks); });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return starts > 0; });
  }
  auto story = (*store)->GetStory(harbour);  // joins, which releases the warm analysis
  warmer.join();
  ASSERT_TRUE(story.ok()) << story.status().ToString();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_TRUE(joined);
  EXPECT_EQ(*outcome, WarmOutcome::kAnalysed);
  EXPECT_EQ(starts, 1);
  EXPECT_EQ((*store)->AnalysesRun(), 1u);
  EXPECT_EQ(story->articles.size(), 3u);
}

// Warming leaves alone a story a request is analysing, and stops when told.
TEST(StoreTest, WarmStorySkipsBusyStoriesAndCanBeCancelled) {
  std::mutex mu;
  std::condition_variable cv;
  bool started = false, release = false;
  TempDir dir;
  StoreOptions options = Quiet();
  options.on_analysis_start = [&](int64_t) {
    std::unique_lock<std::mutex> lock(mu);
    if (started) return;  // only the first analysis waits
    started = true;
    cv.notify_all();
    cv.wait_for(lock, std::chrono::seconds(60), [&] { return release; });
  };
  auto store = Store::Open(dir.File("db.sqlite"), options);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
  auto m = StoryMap(**store);
  const int64_t harbour = m["harbour-0"], bank = m["bank-0"];
  std::thread request([&] { EXPECT_TRUE((*store)->GetStory(harbour).ok()); });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return started; });
  }
  auto busy = (*store)->WarmStory(harbour);
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
    cv.notify_all();
  }
  request.join();
  ASSERT_TRUE(busy.ok());
  EXPECT_EQ(*busy, WarmOutcome::kBusy);
  EXPECT_EQ((*store)->AnalysesRun(), 1u);

  WarmHooks stop;
  stop.cancelled = [] { return true; };
  auto cancelled = (*store)->WarmStory(bank, stop);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(*cancelled, WarmOutcome::kCancelled);
  EXPECT_EQ((*store)->AnalysesRun(), 1u);
  EXPECT_EQ(*(*store)->StoriesToWarm(10), (std::vector<int64_t>{bank}));
}

// A story that an ingest changes while it is being warmed is not cached
// with the old articles; the next request analyses the grown story.
TEST(StoreTest, WarmAnalysisOfAStoryChangedMeanwhileIsNotCached) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
  const int64_t harbour = StoryMap(**store)["harbour-0"];
  WarmHooks hooks;
  hooks.compute_begin = [&] {
    // No lock of the store is held here, so an ingest can run.
    EXPECT_TRUE((*store)->Ingest({Make("harbour-3", "Outlet 3", kHarbour[1], 3)}).ok());
  };
  auto outcome = (*store)->WarmStory(harbour, hooks);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(*outcome, WarmOutcome::kChanged);
  ASSERT_EQ(StoryMap(**store)["harbour-3"], harbour);
  auto story = (*store)->GetStory(harbour);
  ASSERT_TRUE(story.ok());
  EXPECT_EQ(story->articles.size(), 4u);
  EXPECT_EQ((*store)->AnalysesRun(), 2u);
}

void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// A cached analysis is the JSON report's story (report/json_writer.cc) in a
// versioned wrapper; an entry of another format is recomputed, not misread.
TEST(StoreTest, ACacheEntryOfAnotherFormatIsRecomputed) {
  TempDir dir;
  const std::string path = dir.File("s.db");
  auto store = Store::Open(path, Quiet());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
  const int64_t harbour = StoryMap(**store)["harbour-0"];
  auto story = (*store)->GetStory(harbour);
  ASSERT_TRUE(story.ok());
  ASSERT_EQ((*store)->AnalysesRun(), 1u);
  ASSERT_TRUE((*store)->GetStory(harbour).ok());
  EXPECT_EQ((*store)->AnalysesRun(), 1u);  // read from the cache
  // What the writer wrote, without the wrapper (the form of an older
  // cache), with a headline that must not come back.
  report::Story stale = *story;
  stale.headline = "stale";
  std::string entry = report::WriteStoryJson(stale);
  std::string quoted;
  for (char c : entry) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  RawExec(path, "UPDATE stories SET analysis='" + quoted + "' WHERE id=" + std::to_string(harbour));
  auto again = (*store)->GetStory(harbour);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*store)->AnalysesRun(), 2u);
  EXPECT_EQ(report::WriteStoryJson(*again), report::WriteStoryJson(*story));
  ASSERT_TRUE((*store)->GetStory(harbour).ok());
  EXPECT_EQ((*store)->AnalysesRun(), 2u);  // cached again in the current format
}

TEST(StoreTest, RefusesFilesThatAreNotOurs) {
  TempDir dir;
  std::string text = dir.Write("notes.txt", "this is not a database at all, just some words in a file\n");
  auto r1 = Store::Open(text, Quiet());
  ASSERT_FALSE(r1.ok());
  EXPECT_NE(r1.status().message().find("notes.txt: not a rashomon database"), std::string::npos)
      << r1.status().message();

  std::string other = dir.File("other.sqlite");
  RawExec(other, "CREATE TABLE t(x); INSERT INTO t VALUES(1);");
  auto r2 = Store::Open(other, Quiet());
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(r2.status().message().find("other.sqlite: not a rashomon database"), std::string::npos);
  // Untouched.
  RawExec(other, "SELECT x FROM t;");

  auto missing = Store::Open(dir.File("missing.sqlite"), [] {
    StoreOptions o = Quiet();
    o.read_only = true;
    return o;
  }());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(StoreTest, RefusesNewerSchemaAndMigratesOlder) {
  TempDir dir;
  std::string path = dir.File("db.sqlite");
  {
    StoreOptions old = Quiet();
    old.create_version = 1;
    auto store = Store::Open(path, old);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
  }
  // A version 1 database is not read as it is.
  {
    StoreOptions ro = Quiet();
    ro.read_only = true;
    auto store = Store::Open(path, ro);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kUnsupported);
  }
  {
    auto store = Store::Open(path, Quiet());  // migrates to the current version
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
    auto counts = (*store)->Counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->articles, 6);
    auto list = (*store)->ListStories({}, StorySort::kSize, 0, 10);
    ASSERT_TRUE(list.ok());
    ASSERT_TRUE((*store)->GetStory((*list)[0].id).ok());
  }
  RawExec(path, "PRAGMA user_version=" + std::to_string(kSchemaVersion + 1));
  auto newer = Store::Open(path, Quiet());
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(newer.status().message().find("is newer than this rashomon"), std::string::npos);
}

TEST(StoreTest, LockedDatabaseIsBusyAfterTheTimeout) {
  TempDir dir;
  std::string path = dir.File("db.sqlite");
  StoreOptions o = Quiet();
  o.busy_timeout_ms = 100;
  auto store = Store::Open(path, o);
  ASSERT_TRUE(store.ok());
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto r = (*store)->Ingest(AllSix());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kBusy);
  EXPECT_NE(r.status().message().find("db.sqlite: database is locked"), std::string::npos);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
}

TEST(StoreTest, FullDatabaseFailsCleanlyAndKeepsCommittedBatches) {
  TempDir dir;
  std::string path = dir.File("db.sqlite");
  StoreOptions o = Quiet();
  o.batch_articles = 2;
  {
    auto store = Store::Open(path, o);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Ingest({AllSix()[0], AllSix()[1]}).ok());
  }
  int64_t pages = 0;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &st, nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    pages = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  o.max_pages = pages;  // no room to grow
  std::vector<Article> big;
  for (int i = 0; i < 8; ++i) {
    Article a = Make("big-" + std::to_string(i), "Outlet", kHarbour[i % 3], i);
    for (int k = 0; k < 40; ++k) a.text += std::string(" ") + kBank[(i + k) % 3];
    big.push_back(std::move(a));
  }
  {
    auto store = Store::Open(path, o);
    ASSERT_TRUE(store.ok());
    auto r = (*store)->Ingest(big);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("db.sqlite: database or disk is full"), std::string::npos)
        << r.status().message();
  }
  auto store = Store::Open(path, Quiet());
  ASSERT_TRUE(store.ok());
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->articles, 2);
  RawExec(path, "PRAGMA integrity_check;");
}

}  // namespace
}  // namespace rashomon::store

namespace rashomon::store {
namespace {

// A database of schema 5 (before article versions) migrates with nothing
// lost; a changed article then keeps both versions, shows the last, drops
// its story's cached analysis, and its changed figure is an update in the
// story's timeline.
TEST(StoreVersionsTest, MigratesAndKeepsEveryVersion) {
  TempDir dir;
  std::string path = dir.File("db.sqlite");
  std::map<std::string, int64_t> before;
  {
    StoreOptions old = Quiet();
    old.create_version = 5;
    auto store = Store::Open(path, old);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
    before = StoryMap(**store);
  }
  RawExec(path, "INSERT INTO feed_items(feed, key, article, seen) VALUES('http://f.example/rss', 'k', 'bank-1', 5)");
  auto store = Store::Open(path, Quiet());  // migrates to the current version
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(StoryMap(**store), before);
  auto none = (*store)->Versions("bank-1");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
  const int64_t bank = before["bank-1"];
  ASSERT_TRUE((*store)->GetStory(bank).ok());  // cached

  const int64_t kSeen = 1700000000 + 20 * 86400;  // after every article
  std::string edited = kBank[1];
  edited.replace(edited.find("3.5 percent"), 11, "3.75 percent");
  bool changed = false;
  ASSERT_TRUE((*store)
                  ->Write([&](const Connection& c) -> Status {
                    ASSIGN_OR_RETURN(changed, ReviseArticle(c, "bank-1", "Norland raises rates", edited, kSeen));
                    // The same text again (spacing aside) is no new version.
                    ASSIGN_OR_RETURN(bool again, ReviseArticle(c, "bank-1", "Norland  raises rates", edited + " ", kSeen + 50));
                    EXPECT_FALSE(again);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(changed);
  auto versions = (*store)->Versions("bank-1");
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].text, kBank[1]);
  EXPECT_EQ((*versions)[0].seen, 5);  // when its feed item was first seen
  EXPECT_FALSE((*versions)[0].figure_changed);
  EXPECT_EQ((*versions)[1].text, edited);
  EXPECT_EQ((*versions)[1].seen, kSeen);
  EXPECT_TRUE((*versions)[1].figure_changed);
  auto article = (*store)->GetArticle("bank-1");
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article->title, "Norland raises rates");
  EXPECT_EQ(article->text, edited);
  EXPECT_EQ(StoryMap(**store), before);  // the story keeps the article
  auto unknown = (*store)->Write([](const Connection& c) { return ReviseArticle(c, "nope", "t", "x", 1).status(); });
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound);

  // The story's analysis is recomputed over the new text, and its timeline
  // holds the first report, the later articles and the update.
  auto story = (*store)->GetStory(bank);
  ASSERT_TRUE(story.ok());
  std::vector<report::Story> one(1, *story);
  ASSERT_TRUE((*store)->AddTimelines(&one).ok());
  const auto& timeline = one[0].timeline;
  ASSERT_EQ(timeline.size(), 4u);
  EXPECT_EQ(timeline[0].kind, "first_report");
  EXPECT_EQ(timeline[0].article, "bank-0");
  EXPECT_EQ(timeline[1].kind, "article");
  EXPECT_EQ(timeline[3].kind, "update");
  EXPECT_EQ(timeline[3].article, "bank-1");
  EXPECT_EQ(timeline[3].time, kSeen);
  ASSERT_EQ(timeline[3].figures.size(), 1u);
  EXPECT_EQ(timeline[3].figures[0], "3.5 percent -> 3.75 percent");
  for (const report::ArticleRef& a : one[0].articles) EXPECT_EQ(a.versions, a.id == "bank-1" ? 2u : 0u) << a.id;
  auto listed = (*store)->ListStories({}, StorySort::kSize, 0, 10);
  ASSERT_TRUE(listed.ok());
  for (const StorySummary& s : *listed) {
    EXPECT_EQ(s.revised, s.id == bank ? std::optional<int64_t>(kSeen) : std::nullopt) << s.id;
  }
  // Updated since: the changed figure counts, as a later article would.
  StoryFilter since;
  since.updated_since = kSeen;
  auto updated = (*store)->ListStories(since, StorySort::kSize, 0, 10);
  ASSERT_TRUE(updated.ok());
  ASSERT_EQ(updated->size(), 1u);
  EXPECT_EQ((*updated)[0].id, bank);
  EXPECT_EQ(*(*store)->CountStories(since), 1u);
  since.updated_since = kSeen + 1;
  EXPECT_EQ(*(*store)->CountStories(since), 0u);
  since.updated_since = 1700000000 + 11 * 86400;  // bank-1's and bank-2's days
  EXPECT_EQ(*(*store)->CountStories(since), 1u);
}

// A story keeps its id while later reports of it arrive in later batches.
TEST(StoreVersionsTest, StoryKeepsItsIdAsReportsArrive) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok());
  std::vector<Article> all = AllSix();
  int64_t harbour = 0;
  for (const Article& a : all) {
    if (a.id.rfind("harbour", 0) != 0) continue;
    auto done = (*store)->Ingest({a});
    ASSERT_TRUE(done.ok());
    if (harbour == 0) harbour = (*done)[0].story;
    EXPECT_EQ((*done)[0].story, harbour) << a.id;
  }
  auto story = (*store)->GetStory(harbour);
  ASSERT_TRUE(story.ok());
  EXPECT_EQ(story->articles.size(), 3u);
}

// A follow-up days later joins its story when its anchors agree (the same
// town and mayor); a report of the same kind of event elsewhere, on the
// same later day, starts a story of its own.
TEST(StoreVersionsTest, FollowUpDaysLaterJoinsItsStory) {
  TempDir dir;
  auto store = Store::Open(dir.File("db.sqlite"), Quiet());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Ingest(AllSix()).ok());
  const int64_t harbour = StoryMap(**store)["harbour-0"];
  const Article follow_up = Make("harbour-later", "Outlet 4",
                                 "The fishing boats are back in Kessel. Five days after engineers closed the twenty metre "
                                 "gap the storm tore in the old harbour wall, the fleet returned from its upstream "
                                 "moorings, and Mayor Ilse Brandt thanked the volunteers who moved the stones by hand.",
                                 6);
  const Article elsewhere = Make("pier-marrow", "Outlet 5",
                                 "Engineers in the coastal village of Marrow began rebuilding the wooden pier that a "
                                 "storm broke apart on Tuesday. Mayor Jorund Felt said ferries to the islands would use "
                                 "the old slipway until the pier reopens in the spring.",
                                 6);
  auto done = (*store)->Ingest({follow_up, elsewhere});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_EQ(done->size(), 2u);
  EXPECT_EQ((*done)[0].story, harbour) << "the follow-up joins the harbour story";
  EXPECT_NE((*done)[1].story, harbour) << "another town's storm damage is another story";
  auto story = (*store)->GetStory(harbour);
  ASSERT_TRUE(story.ok());
  EXPECT_EQ(story->articles.size(), 4u);
}

}  // namespace
}  // namespace rashomon::store
