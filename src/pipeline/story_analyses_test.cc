#include "pipeline/story_analyses.h"

#include <gtest/gtest.h>

#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "pipeline/test_corpus.h"

namespace rashomon {
namespace {

// Stories held in memory, as an owner like the store would keep them.
class FakeSource : public StorySource {
 public:
  FakeSource() {
    std::vector<Article> all = testing::TwoFloodsAndACatShow();
    stories[1] = {all[0], all[3]};  // one flood
    stories[2] = {all[1], all[4]};  // the cat show
  }
  Result<std::optional<report::Story>> Kept(int64_t id) override {
    std::lock_guard<std::mutex> lock(mu);
    if (!stories.count(id)) return Status::NotFound("no story " + std::to_string(id));
    auto it = kept.find(id);
    if (it == kept.end()) return std::optional<report::Story>();
    return std::optional<report::Story>(it->second);
  }
  Result<std::vector<Article>> Articles(int64_t id) override {
    std::lock_guard<std::mutex> lock(mu);
    auto it = stories.find(id);
    if (it == stories.end()) return std::vector<Article>();
    return it->second;
  }
  Result<std::vector<std::string>> Members(int64_t id) override {
    std::lock_guard<std::mutex> lock(mu);
    std::vector<std::string> ids;
    for (const Article& a : stories[id]) ids.push_back(a.id);
    return ids;
  }
  Result<WarmOutcome> Keep(int64_t id, const std::vector<std::string>& members,
                           const report::Story& story, bool /*wait*/) override {
    std::vector<std::string> now;
    ASSIGN_OR_RETURN(now, Members(id));
    if (now != members) return WarmOutcome::kChanged;
    std::lock_guard<std::mutex> lock(mu);
    kept[id] = story;
    ++keeps;
    return WarmOutcome::kAnalysed;
  }
  std::mutex mu;
  std::map<int64_t, std::vector<Article>> stories;
  std::map<int64_t, report::Story> kept;
  int keeps = 0;
};

PipelineOptions Quiet() {
  PipelineOptions options;
  options.progress = false;
  return options;
}

TEST(StoryAnalysesTest, AnalysesOnceThenReadsWhatTheSourceKept) {
  FakeSource source;
  StoryAnalyses analyses(&source, Quiet(), 2);
  auto first = analyses.Get(1);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->articles.size(), 2u);
  EXPECT_EQ(source.keeps, 1);
  EXPECT_EQ(analyses.analyses_run(), 1u);
  auto again = analyses.Get(1);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->headline, first->headline);
  EXPECT_EQ(analyses.analyses_run(), 1u);
  EXPECT_EQ(analyses.Get(99).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(analyses.Warm(99, {}).status().code(), StatusCode::kNotFound);
}

// A request for a story the warmer is analysing joins that analysis (the
// joined hook fires) instead of computing its own; a second warmer is told
// the story is busy.
TEST(StoryAnalysesTest, ARequestJoinsTheRunningAnalysis) {
  FakeSource source;
  StoryAnalyses analyses(&source, Quiet(), 2);
  std::promise<void> joined_promise;
  std::shared_future<void> joined = joined_promise.get_future().share();
  std::promise<void> computing_promise;
  WarmHooks hooks;
  hooks.compute_begin = [&] {
    computing_promise.set_value();
    joined.wait();
  };
  hooks.joined = [&] { joined_promise.set_value(); };
  auto warm = std::async(std::launch::async, [&] { return analyses.Warm(2, hooks); });
  computing_promise.get_future().wait();
  EXPECT_EQ(*analyses.Warm(2, {}), WarmOutcome::kBusy);
  auto request = std::async(std::launch::async, [&] { return analyses.Get(2); });
  Result<WarmOutcome> outcome = warm.get();
  Result<report::Story> story = request.get();
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(*outcome, WarmOutcome::kAnalysed);
  ASSERT_TRUE(story.ok());
  EXPECT_EQ(story->articles.size(), 2u);
  EXPECT_EQ(analyses.analyses_run(), 1u);
  EXPECT_EQ(source.keeps, 1);
}

TEST(StoryAnalysesTest, AnAnalysisOfMembersThatChangedIsNotKept) {
  FakeSource source;
  std::vector<Article> all = testing::TwoFloodsAndACatShow();
  StoryAnalyses analyses(&source, Quiet(), 1, [&](int64_t id) {
    std::lock_guard<std::mutex> lock(source.mu);
    source.stories[id].push_back(all[2]);  // an ingest adds an article meanwhile
  });
  EXPECT_EQ(*analyses.Warm(1, {}), WarmOutcome::kChanged);
  EXPECT_EQ(source.keeps, 0);
  EXPECT_TRUE(source.kept.empty());
}

TEST(StoryAnalysesTest, ACancelledWarmingStopsBeforeAnalysing) {
  FakeSource source;
  StoryAnalyses analyses(&source, Quiet(), 1);
  WarmHooks hooks;
  hooks.cancelled = [] { return true; };
  EXPECT_EQ(*analyses.Warm(1, hooks), WarmOutcome::kCancelled);
  EXPECT_EQ(analyses.analyses_run(), 0u);
  EXPECT_EQ(source.keeps, 0);
}

}  // namespace
}  // namespace rashomon
