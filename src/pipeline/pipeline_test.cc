#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>

#include "pipeline/test_corpus.h"
#include "report/writer.h"

namespace rashomon {
namespace {

PipelineOptions Quiet() {
  PipelineOptions options;
  options.progress = false;
  options.threads = 2;
  return options;
}

// The article ids of each story, as sets, for comparing partitions.
std::set<std::set<std::string>> Partition(const report::Report& rep) {
  std::set<std::set<std::string>> out;
  for (const report::Story& s : rep.stories) {
    std::set<std::string> ids;
    for (const report::ArticleRef& a : s.articles) ids.insert(a.id);
    out.insert(ids);
  }
  return out;
}

// A cache that remembers what it was given and counts its calls.
class CountingCache : public StoryCache {
 public:
  std::optional<report::Story> Get(const std::string& key) override {
    std::lock_guard<std::mutex> lock(mu);
    ++gets;
    auto it = kept.find(key);
    if (it == kept.end()) return std::nullopt;
    ++hits;
    return it->second;
  }
  void Put(const std::string& key, const report::Story& story) override {
    std::lock_guard<std::mutex> lock(mu);
    ++puts;
    kept[key] = story;
  }
  std::mutex mu;
  std::map<std::string, report::Story> kept;
  int gets = 0, hits = 0, puts = 0;
};

TEST(PipelineTest, ReportsEveryArticleOnceInItsStory) {
  std::vector<Article> articles = testing::TwoFloodsAndACatShow();
  report::Report rep = RunPipeline(articles, Quiet());
  EXPECT_EQ(rep.articles_read, articles.size());
  std::set<std::set<std::string>> want = {{"f1", "f2"}, {"g1", "g2"}, {"c1", "c2"}};
  EXPECT_EQ(Partition(rep), want);
  for (const report::Story& s : rep.stories) {
    EXPECT_FALSE(s.headline.empty());
    EXPECT_FALSE(s.summary.empty());
  }
  // Every story is in exactly one topic.
  std::multiset<std::string> in_topics;
  for (const report::Topic& t : rep.topics)
    in_topics.insert(t.story_ids.begin(), t.story_ids.end());
  ASSERT_EQ(in_topics.size(), rep.stories.size());
  for (const report::Story& s : rep.stories) EXPECT_EQ(in_topics.count(s.id), 1u) << s.id;
}

TEST(PipelineTest, TheTwoFloodsShareATopicTheCatShowDoesNot) {
  report::Report rep = RunPipeline(testing::TwoFloodsAndACatShow(), Quiet());
  std::map<std::string, std::string> first_article;  // story id -> its smallest article id
  for (const report::Story& s : rep.stories)
    first_article[s.id] = std::min(s.articles[0].id, s.articles[1].id);
  std::set<std::set<std::string>> groups;
  for (const report::Topic& t : rep.topics) {
    std::set<std::string> g;
    for (const std::string& id : t.story_ids) g.insert(first_article[id]);
    groups.insert(g);
  }
  std::set<std::set<std::string>> want = {{"f1", "g1"}, {"c1"}};
  EXPECT_EQ(groups, want);
}

TEST(PipelineTest, MembersKeyIgnoresOrderAndSeesEveryMember) {
  EXPECT_EQ(MembersKey({"b", "a"}), MembersKey({"a", "b"}));
  EXPECT_NE(MembersKey({"a", "b"}), MembersKey({"a", "b", "c"}));
  EXPECT_NE(MembersKey({"ab"}), MembersKey({"a", "b"}));
}

TEST(PipelineTest, ACachedStoryIsNotAnalysedAgainAndReadsTheSame) {
  std::vector<Article> articles = testing::TwoFloodsAndACatShow();
  CountingCache cache;
  RunInputs inputs;
  inputs.cache = &cache;
  report::Report first = RunPipeline(articles, Quiet(), inputs);
  EXPECT_EQ(cache.puts, 3);
  EXPECT_EQ(cache.hits, 0);
  report::Report second = RunPipeline(articles, Quiet(), inputs);
  EXPECT_EQ(cache.hits, 3);
  EXPECT_EQ(cache.puts, 3);  // nothing analysed again
  EXPECT_EQ(report::WriteJson(first), report::WriteJson(second));
  EXPECT_EQ(report::WriteJson(first), report::WriteJson(RunPipeline(articles, Quiet())));

  // A story whose members changed misses the cache; the others hit it.
  articles.push_back(testing::Invented(
      "c3", "Pet Weekly", "Cat show record",
      "The Peltonen cat show had a record 900 entries on Saturday.\n", 1770200000));
  report::Report third = RunPipeline(articles, Quiet(), inputs);
  EXPECT_EQ(cache.hits, 5);
  EXPECT_EQ(cache.puts, 4);
}

TEST(PipelineTest, GivenLabelsAreTheStories) {
  std::vector<Article> articles = testing::TwoFloodsAndACatShow();
  // A partition the clustering would not make: by outlet parity.
  std::vector<int64_t> labels = {7, 7, 7, 42, 42, 42};
  RunInputs inputs;
  inputs.labels = &labels;
  report::Report rep = RunPipeline(articles, Quiet(), inputs);
  std::set<std::set<std::string>> want = {{"f1", "c1", "g1"}, {"f2", "c2", "g2"}};
  EXPECT_EQ(Partition(rep), want);
  inputs.topics = false;
  EXPECT_TRUE(RunPipeline(articles, Quiet(), inputs).topics.empty());
}

TEST(PipelineTest, TopicsOfAPartitionAreThoseOfTheFullRunNamedByLabel) {
  std::vector<Article> articles = testing::TwoFloodsAndACatShow();
  std::vector<int64_t> labels = {10, 30, 20, 10, 30, 20};
  RunInputs inputs;
  inputs.labels = &labels;
  report::Report full = RunPipeline(articles, Quiet(), inputs);
  std::map<std::string, std::string> label_of;  // report story id -> label
  std::unordered_map<int64_t, std::string> headlines;
  for (const report::Story& s : full.stories) {
    for (size_t i = 0; i < articles.size(); ++i) {
      if (articles[i].id == s.articles[0].id) {
        label_of[s.id] = std::to_string(labels[i]);
        headlines[labels[i]] = s.headline;
      }
    }
  }
  std::vector<report::Topic> topics = TopicsOfPartition(articles, labels, headlines, Quiet());
  ASSERT_EQ(topics.size(), full.topics.size());
  for (size_t t = 0; t < topics.size(); ++t) {
    EXPECT_EQ(topics[t].id, full.topics[t].id);
    EXPECT_EQ(topics[t].label, full.topics[t].label);
    EXPECT_EQ(topics[t].terms, full.topics[t].terms);
    ASSERT_EQ(topics[t].story_ids.size(), full.topics[t].story_ids.size());
    for (size_t s = 0; s < topics[t].story_ids.size(); ++s) {
      EXPECT_EQ(topics[t].story_ids[s], label_of[full.topics[t].story_ids[s]]);
    }
  }
  bool several = false;
  for (const report::Topic& t : topics) several |= t.story_ids.size() >= 2;
  EXPECT_TRUE(several);
}

}  // namespace
}  // namespace rashomon
