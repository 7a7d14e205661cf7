// StoreBackend: the SQLite store (store/store.h) behind the web UI and API.
//
// Stories are named by the store's integer ids written in decimal ("42"):
// unlike the "s-…" ids of a batch report, they stay the same while a story
// grows, so links in the UI keep working across ingests. Every call goes to
// the store, which caches each story's analysis and reports the stories an
// ingest changed. Topics (store::Store::Topics, the pipeline's topic step
// over the stored partition) are computed on the first ListTopics after the
// content changed and kept until it changes again; over more than
// `topic_articles` stored articles they are not computed (computed=false),
// since that costs a cleaning of every article.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "serve/backend.h"
#include "store/store.h"

namespace rashomon::serve {

class StoreBackend : public Backend {
 public:
  explicit StoreBackend(std::unique_ptr<store::Store> db, size_t topic_articles = 20000);

  Result<StoryPage> ListStories(const StoryFilter& filter, StorySort sort, size_t offset,
                                size_t limit) override;
  Result<report::Story> GetStory(const std::string& id) override;
  Result<StoredArticle> GetArticle(const std::string& id) override;
  Result<std::vector<IngestResult>> Ingest(std::vector<Article> articles,
                                           std::vector<std::string>* changed_stories = nullptr) override;
  uint64_t ExternalVersion() override { return db_->ExternalVersion(); }
  Result<std::vector<std::string>> StoriesToWarm(size_t limit) override;
  Result<WarmOutcome> WarmStory(const std::string& id, const WarmHooks& hooks) override;
  Result<TopicList> ListTopics() override;

 private:
  // The topics, recomputed when the content changed since they were made.
  struct Topics {
    TopicList list;
    std::unordered_map<std::string, std::string> topic_of_story;  // story id -> topic id
  };
  Result<std::shared_ptr<const Topics>> CurrentTopics();

  std::unique_ptr<store::Store> db_;
  size_t topic_articles_;
  std::atomic<uint64_t> ingests_{0};  // bumped by every Ingest
  std::mutex topics_mu_;              // one topic computation at a time; guards the fields below
  std::shared_ptr<const Topics> topics_;
  uint64_t topics_ingests_ = 0, topics_external_ = 0;
};

}  // namespace rashomon::serve
