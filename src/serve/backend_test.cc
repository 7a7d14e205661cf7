#include "serve/backend.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "base/test_util.h"
#include "ingest/ingest.h"
#include "report/writer.h"
#include "serve/test_fixture.h"

namespace rashomon::serve {
namespace {

MemoryBackend FixtureBackend() {
  testing::Fixture f = testing::MakeFixture(20);
  return MemoryBackend(std::move(f.articles), std::move(f.report));
}

StoryFilter Text(std::string text) {
  StoryFilter f;
  f.text = std::move(text);
  return f;
}

std::vector<std::string> Ids(const StoryPage& page) {
  std::vector<std::string> ids;
  for (const auto& s : page.stories) ids.push_back(s.id);
  return ids;
}

TEST(MemoryBackend, SortsBySizeAndRecency) {
  MemoryBackend b = FixtureBackend();
  auto by_size = b.ListStories({}, StorySort::kSize, 0, 10);
  ASSERT_TRUE(by_size.ok());
  EXPECT_EQ(Ids(*by_size), (std::vector<std::string>{"s-big", "s-harbor", "s-quiet"}));
  EXPECT_EQ(by_size->total, 3u);
  auto by_time = b.ListStories({}, StorySort::kRecency, 0, 10);
  ASSERT_TRUE(by_time.ok());
  EXPECT_EQ(Ids(*by_time), (std::vector<std::string>{"s-harbor", "s-big", "s-quiet"}));
}

TEST(MemoryBackend, PagesKeepTheTotal) {
  MemoryBackend b = FixtureBackend();
  auto page = b.ListStories({}, StorySort::kSize, 1, 1);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Ids(*page), std::vector<std::string>{"s-harbor"});
  EXPECT_EQ(page->total, 3u);
  auto past = b.ListStories({}, StorySort::kSize, 5, 10);
  ASSERT_TRUE(past.ok());
  EXPECT_TRUE(past->stories.empty());
  EXPECT_EQ(past->total, 3u);
  EXPECT_FALSE(b.ListStories({}, StorySort::kSize, 0, 0).ok());
}

TEST(MemoryBackend, SummaryCountsOutletsTimesAndConflicts) {
  MemoryBackend b = FixtureBackend();
  auto page = b.ListStories(Text("crane"), StorySort::kSize, 0, 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->stories.size(), 1u);
  const StorySummary& s = page->stories[0];
  EXPECT_EQ(s.articles, 4u);
  EXPECT_EQ(s.outlets.size(), 4u);
  EXPECT_EQ(s.conflicts, 2u);
  ASSERT_TRUE(s.first && s.last);
  EXPECT_EQ(*s.last - *s.first, 10800);
}

TEST(MemoryBackend, FiltersByTextOutletAndDates) {
  MemoryBackend b = FixtureBackend();
  // Text matches article titles too, case-insensitively.
  auto t = b.ListStories(Text("WHAT WE KNOW"), StorySort::kSize, 0, 10);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Ids(*t), std::vector<std::string>{"s-harbor"});
  StoryFilter by_outlet;
  by_outlet.outlet = "town notes";
  auto o = b.ListStories(by_outlet, StorySort::kSize, 0, 10);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(Ids(*o), std::vector<std::string>{"s-quiet"});
  const int64_t t0 = 1714550400;
  StoryFilter range;
  range.from = t0 - 2 * 86400;
  range.to = t0 - 3600;
  auto r = b.ListStories(range, StorySort::kSize, 0, 10);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), std::vector<std::string>{"s-big"});
  auto none = b.ListStories(Text("no such words anywhere"), StorySort::kSize, 0, 10);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->total, 0u);
}

TEST(MemoryBackend, FiltersStoriesUpdatedSince) {
  MemoryBackend b = FixtureBackend();
  auto all = b.ListStories({}, StorySort::kRecency, 0, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_GE(all->stories.size(), 2u);
  const StorySummary& latest = all->stories[0];
  ASSERT_TRUE(latest.last && all->stories[1].last && *all->stories[1].last < *latest.last);
  StoryFilter since;
  since.since = *latest.last;
  auto r = b.ListStories(since, StorySort::kSize, 0, 10);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), std::vector<std::string>{latest.id});
  since.since = *latest.last + 1;
  auto none = b.ListStories(since, StorySort::kSize, 0, 10);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->total, 0u);
}

TEST(MemoryBackend, GetsStoriesAndArticles) {
  MemoryBackend b = FixtureBackend();
  auto s = b.GetStory("s-harbor");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->facts.size(), 3u);
  EXPECT_EQ(b.GetStory("nope").status().code(), StatusCode::kNotFound);
  auto a = b.GetArticle("copy-1");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->story_id, "s-harbor");
  EXPECT_EQ(a->article.source, "Daily Ledger");
  EXPECT_EQ(b.GetArticle("nope").status().code(), StatusCode::kNotFound);
}

TEST(MemoryBackend, ListsTopicsOfSeveralStoriesAndFiltersByTopic) {
  MemoryBackend b = FixtureBackend();
  auto topics = b.ListTopics();
  ASSERT_TRUE(topics.ok());
  EXPECT_TRUE(topics->computed);
  // The quiet story's topic holds only it, so it is not listed.
  ASSERT_EQ(topics->topics.size(), 1u);
  const TopicRow& t = topics->topics[0];
  EXPECT_EQ(t.id, "t-harborbig");
  EXPECT_EQ(t.terms, (std::vector<std::string>{"collapse", "workers"}));
  ASSERT_EQ(t.stories.size(), 2u);
  EXPECT_EQ(t.stories[0].id, "s-harbor");
  EXPECT_EQ(t.stories[0].headline, "Harbor crane collapse injures 12 workers");
  EXPECT_EQ(t.stories[1].id, "s-big");
  // Rows name their topic; a filter by topic keeps its stories.
  auto all = b.ListStories({}, StorySort::kSize, 0, 10);
  ASSERT_TRUE(all.ok());
  for (const StorySummary& s : all->stories) EXPECT_EQ(s.topic, s.id == "s-quiet" ? "" : "t-harborbig") << s.id;
  StoryFilter by_topic;
  by_topic.topic = "t-harborbig";
  auto in_topic = b.ListStories(by_topic, StorySort::kSize, 0, 10);
  ASSERT_TRUE(in_topic.ok());
  EXPECT_EQ(Ids(*in_topic), (std::vector<std::string>{"s-big", "s-harbor"}));
  by_topic.topic = "t-quiet";  // a topic of one story is no filter target
  EXPECT_EQ(b.ListStories(by_topic, StorySort::kSize, 0, 10)->total, 0u);
  // A report made without topics says so.
  testing::Fixture f = testing::MakeFixture(4);
  f.report.topics.clear();
  MemoryBackend without(std::move(f.articles), std::move(f.report));
  EXPECT_FALSE(without.ListTopics()->computed);
}

// Two unrelated reports the ingest tests build their stories from.
const char kFlood[] =
    "Floodwaters rose along the Varnel river on Monday, forcing the evacuation of 3,000 residents from "
    "low-lying districts of the town of Oskarsby.\nEmergency services opened four shelters and the "
    "regional governor declared a state of emergency.\nForecasters expect more rain.\n";
const char kCats[] =
    "The annual cat show in Peltonen drew a record 900 entries on Saturday, organisers said.\nA "
    "long-haired breed from the north took the top prize for the third year running.\n";

Article Make(std::string id, std::string source, std::string text) {
  Article a;
  a.id = std::move(id);
  a.source = std::move(source);
  a.text = std::move(text);
  return a;
}

// Search reaches words that only an article's body holds, whole folded
// words that one article holds together, and articles ingested later.
TEST(MemoryBackend, SearchFindsWordsOfArticleText) {
  PipelineOptions options;
  options.threads = 1;
  MemoryBackend b(options);
  auto first = b.Ingest({Make("f1", "Valley Post", kFlood), Make("c1", "Pet Weekly", kCats)});
  ASSERT_TRUE(first.ok());
  const std::string flood = (*first)[0].story_id, cats = (*first)[1].story_id;
  ASSERT_NE(flood, cats);
  auto find = [&b](const std::string& text) {
    auto page = b.ListStories(Text(text), StorySort::kSize, 0, 10);
    EXPECT_TRUE(page.ok());
    return page.ok() ? Ids(*page) : std::vector<std::string>{};
  };
  EXPECT_EQ(find("forecasters"), std::vector<std::string>{flood});
  EXPECT_EQ(find("SHELTERS oskarsby"), std::vector<std::string>{flood});
  EXPECT_EQ(find("peltonen"), std::vector<std::string>{cats});
  EXPECT_EQ(find("forecasters peltonen"), std::vector<std::string>{});  // never in one article
  EXPECT_EQ(find("shelt"), std::vector<std::string>{});                 // words, not prefixes
  EXPECT_EQ(find("<b>\"%"), std::vector<std::string>{});
  auto later = b.Ingest({Make("c2", "Cat Fancy", "Judges at the Peltonen cat show praised a Ragdoll named Émile.")});
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(find("emile"), std::vector<std::string>{(*later)[0].story_id});
  // The older articles' words are still found after the index was extended.
  EXPECT_EQ(find("forecasters"), std::vector<std::string>{flood});
  EXPECT_EQ(find("shelters OSKARSBY"), std::vector<std::string>{flood});
}

TEST(MemoryBackend, IngestAssignsStoriesAndKeepsIdsUnique) {
  PipelineOptions options;
  options.threads = 1;
  MemoryBackend b(options);
  const std::string flood = kFlood;
  auto first = b.Ingest(
      {Make("a1", "One", flood), Make("a2", "Two", flood + "More rain is due on Tuesday.\n")});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 2u);
  EXPECT_TRUE((*first)[0].is_new);
  EXPECT_FALSE((*first)[0].story_id.empty());
  EXPECT_EQ((*first)[0].story_id, (*first)[1].story_id);
  auto listed = b.ListStories({}, StorySort::kSize, 0, 10);
  ASSERT_TRUE(listed.ok());
  ASSERT_GE(listed->total, 1u);

  // Same id and text: not stored again. Same id, other text: renamed.
  auto again = b.Ingest(
      {Make("a1", "One", flood), Make("a1", "Three", "A different article about a cat show.\n")});
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 2u);
  EXPECT_FALSE((*again)[0].is_new);
  EXPECT_EQ((*again)[0].article_id, "a1");
  EXPECT_TRUE((*again)[1].is_new);
  EXPECT_EQ((*again)[1].article_id, "a1#2");
  auto renamed = b.GetArticle("a1#2");
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->article.source, "Three");
  EXPECT_EQ(b.GetArticle("a1")->article.source, "One");
}

// Ingest recomputes the topics with the stories: two floods in two places
// are two stories of one topic, the cat show is in none of several.
TEST(MemoryBackend, IngestKeepsTopicsUpToDate) {
  PipelineOptions options;
  options.threads = 1;
  MemoryBackend b(options);
  EXPECT_FALSE(b.ListTopics()->computed);
  const std::string flood = kFlood, cats = kCats;
  const std::string other_flood =
      "Heavy rain swelled the Tamsel, and floodwaters swept into the village of Dravnik on Friday.\n"
      "Rescue boats carried 800 residents to safety while the mayor opened shelters in two schools.\n"
      "Forecasters warned that more rain would follow.\n";
  auto r = b.Ingest({Make("a1", "One", flood), Make("a2", "Two", flood + "More rain is due on Tuesday.\n"),
                     Make("d1", "Three", other_flood), Make("d2", "Four", other_flood + "Roads stay closed.\n"),
                     Make("c1", "Pets", cats)});
  ASSERT_TRUE(r.ok());
  ASSERT_NE((*r)[0].story_id, (*r)[2].story_id);  // two floods, two events
  auto topics = b.ListTopics();
  ASSERT_TRUE(topics.ok());
  EXPECT_TRUE(topics->computed);
  ASSERT_EQ(topics->topics.size(), 1u);
  std::set<std::string> members;
  for (const TopicRow::Member& m : topics->topics[0].stories) members.insert(m.id);
  EXPECT_EQ(members, (std::set<std::string>{(*r)[0].story_id, (*r)[2].story_id}));
  // Labelled by shared words, not by one story's headline.
  EXPECT_FALSE(topics->topics[0].terms.empty());
  EXPECT_NE(topics->topics[0].label, b.GetStory((*r)[0].story_id)->headline);
  StoryFilter by_topic;
  by_topic.topic = topics->topics[0].id;
  EXPECT_EQ(b.ListStories(by_topic, StorySort::kSize, 0, 10)->total, 2u);
}

// Every story the ingest does not name as changed reads exactly as before
// (the server keeps its responses); the grown story is named.
TEST(MemoryBackend, IngestNamesTheStoriesItChanged) {
  PipelineOptions options;
  options.threads = 1;
  MemoryBackend b(options);
  const std::string flood = kFlood, cats = kCats;
  ASSERT_TRUE(b.Ingest({Make("a1", "One", flood), Make("c1", "Pets", cats)}).ok());
  auto all_stories = [&b] {
    std::map<std::string, std::string> out;
    auto page = b.ListStories({}, StorySort::kSize, 0, 1000);
    for (const StorySummary& s : page->stories) out[s.id] = report::WriteStoryJson(*b.GetStory(s.id));
    return out;
  };
  const std::map<std::string, std::string> before = all_stories();
  ASSERT_EQ(before.size(), 2u);
  std::vector<std::string> changed;
  auto grown = b.Ingest({Make("a2", "Two", flood + "More rain is due on Tuesday.\n")}, &changed);
  ASSERT_TRUE(grown.ok());
  const std::map<std::string, std::string> after = all_stories();
  const std::string flood_story = (*grown)[0].story_id;
  EXPECT_EQ(b.GetStory(flood_story)->articles.size(), 2u);
  EXPECT_NE(std::find(changed.begin(), changed.end(), flood_story), changed.end());
  const std::string cats_story = b.GetArticle("c1")->story_id;
  EXPECT_EQ(std::find(changed.begin(), changed.end(), cats_story), changed.end());
  size_t unchanged = 0;
  for (const auto& [id, json] : before) {
    if (std::find(changed.begin(), changed.end(), id) != changed.end()) continue;
    ASSERT_TRUE(after.count(id)) << id;
    EXPECT_EQ(after.at(id), json) << id;
    ++unchanged;
  }
  for (const auto& [id, json] : after) {
    if (std::find(changed.begin(), changed.end(), id) == changed.end()) {
      EXPECT_TRUE(before.count(id)) << id;
    }
  }
  EXPECT_EQ(unchanged, 1u);
}

}  // namespace
}  // namespace rashomon::serve

namespace rashomon::serve {
namespace {

// Differential: ingesting a corpus in two batches (re-analysing only the
// stories that changed) gives the stories a single analysis of the whole
// corpus gives.
TEST(MemoryBackend, IncrementalIngestMatchesAFullRun) {
  Diagnostics diag(false);
  std::vector<Article> all;
  IngestPaths({::rashomon::testing::SourceDir() + "/corpus/sample"}, {}, diag,
              [&all](Article&& a) { all.push_back(std::move(a)); });
  ASSERT_GE(all.size(), 6u);
  PipelineOptions options;
  options.threads = 2;
  options.progress = false;
  MemoryBackend full(all, options);
  MemoryBackend step(options);
  size_t half = all.size() / 2;
  ASSERT_TRUE(step.Ingest(std::vector<Article>(all.begin(), all.begin() + half)).ok());
  ASSERT_TRUE(step.Ingest(std::vector<Article>(all.begin() + half, all.end())).ok());
  auto a = full.ListStories({}, StorySort::kSize, 0, 1000);
  auto b = step.ListStories({}, StorySort::kSize, 0, 1000);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->total, b->total);
  for (size_t i = 0; i < a->stories.size(); ++i) {
    EXPECT_EQ(a->stories[i].id, b->stories[i].id);
    auto sa = full.GetStory(a->stories[i].id);
    auto sb = step.GetStory(a->stories[i].id);
    ASSERT_TRUE(sa.ok() && sb.ok());
    EXPECT_EQ(report::WriteStoryJson(*sa), report::WriteStoryJson(*sb)) << a->stories[i].id;
  }
}

}  // namespace
}  // namespace rashomon::serve

namespace rashomon::serve {
namespace {

// Readers keep reading while ingests replace the snapshot: every answer is
// whole (a page holds every story its total counts) and none fails.
TEST(MemoryBackend, ReadersDuringIngestSeeWholeSnapshots) {
  PipelineOptions options;
  options.threads = 1;
  MemoryBackend b(options);
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, bad{0};
  auto reader = [&] {
    while (!done) {
      auto page = b.ListStories({}, StorySort::kRecency, 0, 1000);
      if (!page.ok() || page->stories.size() != page->total) ++bad;
      ++reads;
    }
  };
  std::thread r1(reader), r2(reader);
  while (reads == 0) std::this_thread::yield();
  for (int batch = 0; batch < 3; ++batch) {
    std::vector<Article> articles;
    for (int i = 0; i < 4; ++i) {
      Article a;
      a.id = "b" + std::to_string(batch) + "-" + std::to_string(i);
      a.text = "Report " + std::to_string(batch) + " on the river festival in town number " +
               std::to_string(i) + ", where boats paraded past the old mill on Sunday.\n";
      articles.push_back(std::move(a));
    }
    ASSERT_TRUE(b.Ingest(std::move(articles)).ok());
  }
  done = true;
  r1.join();
  r2.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(reads.load(), 0);
  auto last = b.ListStories({}, StorySort::kSize, 0, 1000);
  ASSERT_TRUE(last.ok());
  size_t stored = 0;
  for (const StorySummary& s : last->stories) stored += s.articles;
  EXPECT_EQ(stored, 12u);
}

}  // namespace
}  // namespace rashomon::serve
