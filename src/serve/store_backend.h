// StoreBackend: the SQLite store (store/store.h) behind the web UI and API.
//
// Stories are named by the store's integer ids written in decimal ("42"):
// unlike the "s-…" ids of a batch report, they stay the same while a story
// grows, so links in the UI keep working across ingests. Every call goes to
// the store, which caches each story's analysis and reports the stories an
// ingest changed.
#pragma once

#include <memory>

#include "serve/backend.h"
#include "store/store.h"

namespace rashomon::serve {

class StoreBackend : public Backend {
 public:
  explicit StoreBackend(std::unique_ptr<store::Store> db);

  Result<StoryPage> ListStories(const StoryFilter& filter, StorySort sort, size_t offset,
                                size_t limit) override;
  Result<report::Story> GetStory(const std::string& id) override;
  Result<StoredArticle> GetArticle(const std::string& id) override;
  Result<std::vector<IngestResult>> Ingest(std::vector<Article> articles,
                                           std::vector<std::string>* changed_stories = nullptr) override;
  uint64_t ExternalVersion() override { return db_->ExternalVersion(); }
  Result<std::vector<std::string>> StoriesToWarm(size_t limit) override;
  Result<store::WarmOutcome> WarmStory(const std::string& id, const store::WarmHooks& hooks) override;

 private:
  std::unique_ptr<store::Store> db_;
};

}  // namespace rashomon::serve
