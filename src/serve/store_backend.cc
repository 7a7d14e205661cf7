#include "serve/store_backend.h"

#include <charconv>
#include <optional>
#include <string>

namespace rashomon::serve {
namespace {

std::optional<int64_t> ParseStoryId(const std::string& id) {
  int64_t value = 0;
  const char* end = id.data() + id.size();
  auto [ptr, ec] = std::from_chars(id.data(), end, value);
  if (ec != std::errc() || ptr != end || value <= 0) return std::nullopt;
  return value;
}

}  // namespace

StoreBackend::StoreBackend(std::unique_ptr<store::Store> db, size_t topic_articles)
    : db_(std::move(db)), topic_articles_(topic_articles) {}

Result<std::shared_ptr<const StoreBackend::Topics>> StoreBackend::CurrentTopics() {
  std::lock_guard<std::mutex> lock(topics_mu_);
  // Read before computing: a change during the computation makes the next
  // call compute again.
  const uint64_t ingests = ingests_.load();
  const uint64_t external = db_->ExternalVersion();
  if (topics_ != nullptr && topics_ingests_ == ingests && topics_external_ == external) return topics_;
  auto fresh = std::make_shared<Topics>();
  std::unordered_map<int64_t, std::string> headlines;
  Result<std::vector<report::Topic>> topics = db_->Topics(topic_articles_, &headlines);
  if (topics.ok()) {
    fresh->list.computed = true;
    for (const report::Topic& t : *topics) {
      TopicRow row;
      row.id = t.id;
      row.label = t.label;
      row.terms = t.terms;
      for (const std::string& id : t.story_ids) {
        std::optional<int64_t> n = ParseStoryId(id);
        if (n) row.stories.push_back({id, headlines[*n]});
      }
      if (row.stories.size() < 2) continue;
      for (const TopicRow::Member& m : row.stories) fresh->topic_of_story.emplace(m.id, row.id);
      fresh->list.topics.push_back(std::move(row));
    }
  } else if (topics.status().code() != StatusCode::kUnsupported) {
    return topics.status();
  }
  topics_ = std::move(fresh);
  topics_ingests_ = ingests;
  topics_external_ = external;
  return topics_;
}

Result<TopicList> StoreBackend::ListTopics() {
  ASSIGN_OR_RETURN(std::shared_ptr<const Topics> topics, CurrentTopics());
  return topics->list;
}

Result<StoryPage> StoreBackend::ListStories(const StoryFilter& filter, StorySort sort, size_t offset,
                                            size_t limit) {
  store::StoryFilter f;
  ASSIGN_OR_RETURN(std::shared_ptr<const Topics> topics, CurrentTopics());
  if (!filter.topic.empty()) {
    f.ids.emplace();
    for (const TopicRow& t : topics->list.topics) {
      if (t.id != filter.topic) continue;
      for (const TopicRow::Member& m : t.stories) f.ids->push_back(*ParseStoryId(m.id));
    }
  }
  f.text = filter.text;
  f.outlet = filter.outlet;
  f.from = filter.from;
  f.to = filter.to;
  f.updated_since = filter.since;
  const store::StorySort s = sort == StorySort::kSize ? store::StorySort::kSize : store::StorySort::kRecency;
  ASSIGN_OR_RETURN(std::vector<store::StorySummary> rows, db_->ListStories(f, s, offset, limit));
  StoryPage page;
  ASSIGN_OR_RETURN(page.total, db_->CountStories(f));
  for (store::StorySummary& row : rows) {
    StorySummary sum;
    sum.id = std::to_string(row.id);
    sum.headline = std::move(row.headline);
    sum.articles = row.articles;
    sum.outlets = std::move(row.outlets);
    sum.first = row.first_published;
    sum.last = row.last_published;
    sum.updated = sum.last;
    if (row.revised && (!sum.updated || *row.revised > *sum.updated)) sum.updated = row.revised;
    sum.conflicts = row.conflicts > 0 ? static_cast<size_t>(row.conflicts) : 0;
    auto topic = topics->topic_of_story.find(sum.id);
    if (topic != topics->topic_of_story.end()) sum.topic = topic->second;
    page.stories.push_back(std::move(sum));
  }
  return page;
}

Result<report::Story> StoreBackend::GetStory(const std::string& id) {
  std::optional<int64_t> n = ParseStoryId(id);
  if (!n) return Status::NotFound("no story " + id);
  ASSIGN_OR_RETURN(report::Story story, db_->GetStory(*n));
  story.id = id;
  std::vector<report::Story> one;
  one.push_back(std::move(story));
  RETURN_IF_ERROR(db_->AddTimelines(&one));
  return std::move(one.front());
}

Result<std::vector<std::string>> StoreBackend::StoriesToWarm(size_t limit) {
  ASSIGN_OR_RETURN(std::vector<int64_t> ids, db_->StoriesToWarm(limit));
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (int64_t id : ids) out.push_back(std::to_string(id));
  return out;
}

Result<WarmOutcome> StoreBackend::WarmStory(const std::string& id, const WarmHooks& hooks) {
  std::optional<int64_t> n = ParseStoryId(id);
  if (!n) return Status::NotFound("no story " + id);
  return db_->WarmStory(*n, hooks);
}

Result<StoredArticle> StoreBackend::GetArticle(const std::string& id) {
  int64_t story = 0;
  ASSIGN_OR_RETURN(Article article, db_->GetArticle(id, &story));
  StoredArticle out;
  out.article = std::move(article);
  if (story > 0) out.story_id = std::to_string(story);
  ASSIGN_OR_RETURN(std::vector<store::ArticleVersion> versions, db_->Versions(id));
  for (store::ArticleVersion& v : versions) {
    out.versions.push_back({v.version, v.seen, std::move(v.title), std::move(v.text)});
  }
  return out;
}

Result<std::vector<IngestResult>> StoreBackend::Ingest(std::vector<Article> articles,
                                                      std::vector<std::string>* changed_stories) {
  std::vector<int64_t> changed;
  struct Bump {
    std::atomic<uint64_t>& ingests;
    ~Bump() { ingests.fetch_add(1); }
  } bump{ingests_};
  ASSIGN_OR_RETURN(std::vector<store::IngestedArticle> done, db_->Ingest(std::move(articles), nullptr, &changed));
  if (changed_stories != nullptr) {
    for (int64_t id : changed) changed_stories->push_back(std::to_string(id));
  }
  std::vector<IngestResult> out;
  out.reserve(done.size());
  for (store::IngestedArticle& a : done) {
    IngestResult r;
    r.article_id = std::move(a.id);
    r.story_id = a.story > 0 ? std::to_string(a.story) : "";
    r.is_new = a.is_new;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace rashomon::serve
