#include "serve/backend.h"

#include <algorithm>
#include <set>
#include <utility>

#include "base/strings.h"
#include "serve/text_index.h"

namespace rashomon::serve {

Result<std::vector<std::string>> Backend::StoriesToWarm(size_t /*limit*/) { return std::vector<std::string>(); }

Result<WarmOutcome> Backend::WarmStory(const std::string& /*id*/, const WarmHooks& /*hooks*/) {
  return WarmOutcome::kCached;
}

StorySummary Summarize(const report::Story& story) {
  StorySummary row;
  row.id = story.id;
  row.headline = story.headline;
  row.articles = story.articles.size();
  std::set<std::string> outlets;
  for (const report::ArticleRef& a : story.articles) {
    outlets.insert(a.source.empty() ? a.id : a.source);
    if (!a.published) continue;
    if (!row.first || *a.published < *row.first) row.first = a.published;
    if (!row.last || *a.published > *row.last) row.last = a.published;
  }
  row.outlets.assign(outlets.begin(), outlets.end());
  row.conflicts = story.conflicts.size();
  return row;
}

bool Matches(const StorySummary& summary, const std::vector<std::string>& titles,
             const StoryFilter& filter, const std::unordered_set<std::string>* text_hits) {
  if (!filter.topic.empty() && summary.topic != filter.topic) return false;
  if (!filter.outlet.empty()) {
    bool any =
        std::any_of(summary.outlets.begin(), summary.outlets.end(),
                    [&](const std::string& o) { return EqualsIgnoreCase(o, filter.outlet); });
    if (!any) return false;
  }
  // A story without dates cannot be placed in a range, so a range excludes it.
  if (filter.from && (!summary.last || *summary.last < *filter.from)) return false;
  if (filter.to && (!summary.first || *summary.first > *filter.to)) return false;
  if (filter.since) {
    const std::optional<int64_t> updated = summary.updated ? summary.updated : summary.last;
    if (!updated || *updated < *filter.since) return false;
  }
  if (!filter.text.empty()) {
    std::string needle = AsciiLowercase(filter.text);
    auto has = [&](const std::string& hay) {
      return AsciiLowercase(hay).find(needle) != std::string::npos;
    };
    const bool in_text = text_hits != nullptr && text_hits->count(summary.id) > 0;
    if (!in_text && !has(summary.headline) && std::none_of(titles.begin(), titles.end(), has)) return false;
  }
  return true;
}

void SortSummaries(std::vector<StorySummary>& rows, StorySort sort) {
  auto last = [](const StorySummary& s) { return s.last.value_or(INT64_MIN); };
  std::sort(rows.begin(), rows.end(), [&](const StorySummary& a, const StorySummary& b) {
    if (sort == StorySort::kSize) {
      if (a.articles != b.articles) return a.articles > b.articles;
      if (last(a) != last(b)) return last(a) > last(b);
    } else {
      if (last(a) != last(b)) return last(a) > last(b);
      if (a.articles != b.articles) return a.articles > b.articles;
    }
    return a.id < b.id;
  });
}

TopicList ListTopicsOf(const report::Report& report) {
  TopicList list;
  list.computed = !report.topics.empty();
  std::unordered_map<std::string, const report::Story*> story_of;
  for (const report::Story& s : report.stories) story_of.emplace(s.id, &s);
  for (const report::Topic& t : report.topics) {
    TopicRow row;
    row.id = t.id;
    row.label = t.label;
    row.terms = t.terms;
    for (const std::string& id : t.story_ids) {
      auto it = story_of.find(id);
      if (it != story_of.end()) row.stories.push_back({id, it->second->headline});
    }
    if (row.stories.size() >= 2) list.topics.push_back(std::move(row));
  }
  return list;
}

// Immutable once built; shared by readers through shared_ptr.
struct MemoryBackend::Snapshot {
  std::vector<Article> articles;
  std::unordered_map<std::string, size_t> article_index;
  report::Report report;
  std::unordered_map<std::string, size_t> story_index;
  std::unordered_map<std::string, std::string> story_of_article;
  std::vector<StorySummary> by_size, by_recency;
  std::unordered_map<std::string, std::vector<std::string>> titles;  // per story id
  std::unordered_map<std::string, size_t> story_of_members;          // MembersKey -> story index
  TopicList topics;
  TextIndex text_index;  // over `articles` (titles and texts), by position
};

std::shared_ptr<const MemoryBackend::Snapshot> MemoryBackend::MakeSnapshot(
    std::vector<Article> articles, report::Report report, const Snapshot* previous) {
  auto snap = std::make_shared<Snapshot>();
  snap->articles = std::move(articles);
  snap->report = std::move(report);
  size_t indexed = 0;
  if (previous != nullptr && previous->articles.size() <= snap->articles.size()) {
    snap->text_index = previous->text_index;
    indexed = previous->articles.size();
  }
  for (size_t i = 0; i < snap->articles.size(); ++i) {
    snap->article_index.emplace(snap->articles[i].id, i);
    if (i < indexed) continue;
    snap->text_index.Add(static_cast<uint32_t>(i), snap->articles[i].title);
    snap->text_index.Add(static_cast<uint32_t>(i), snap->articles[i].text);
  }
  for (size_t i = 0; i < snap->report.stories.size(); ++i) {
    const report::Story& s = snap->report.stories[i];
    snap->story_index.emplace(s.id, i);
    std::vector<std::string>& titles = snap->titles[s.id];
    std::vector<std::string> members;
    for (const report::ArticleRef& a : s.articles) {
      snap->story_of_article[a.id] = s.id;
      titles.push_back(a.title);
      members.push_back(a.id);
    }
    snap->story_of_members.emplace(MembersKey(std::move(members)), i);
    snap->by_size.push_back(Summarize(s));
  }
  // Topics of several stories, and each member's row points at its topic.
  snap->topics = ListTopicsOf(snap->report);
  std::unordered_map<std::string, std::string> topic_of;
  for (const TopicRow& t : snap->topics.topics) {
    for (const TopicRow::Member& m : t.stories) topic_of.emplace(m.id, t.id);
  }
  for (StorySummary& row : snap->by_size) {
    auto it = topic_of.find(row.id);
    if (it != topic_of.end()) row.topic = it->second;
  }
  snap->by_recency = snap->by_size;
  SortSummaries(snap->by_size, StorySort::kSize);
  SortSummaries(snap->by_recency, StorySort::kRecency);
  return snap;
}

MemoryBackend::MemoryBackend(const PipelineOptions& options)
    : options_(options), snapshot_(MakeSnapshot({}, {})) {
  options_.progress = false;
}

MemoryBackend::MemoryBackend(std::vector<Article> articles, const PipelineOptions& options)
    : options_(options) {
  report::Report rep = RunPipeline(articles, options_);  // with a progress bar if asked
  options_.progress = false;
  snapshot_ = MakeSnapshot(std::move(articles), std::move(rep));
}

MemoryBackend::MemoryBackend(std::vector<Article> articles, report::Report report)
    : snapshot_(MakeSnapshot(std::move(articles), std::move(report))) {
  options_.progress = false;
}

// The stories with an article holding every word of `text`.
std::unordered_set<std::string> MemoryBackend::StoriesWithText(const Snapshot& snap, const std::string& text) {
  std::unordered_set<std::string> stories;
  if (text.empty()) return stories;
  for (uint32_t doc : snap.text_index.Find(text)) {
    auto it = snap.story_of_article.find(snap.articles[doc].id);
    if (it != snap.story_of_article.end()) stories.insert(it->second);
  }
  return stories;
}

std::shared_ptr<const MemoryBackend::Snapshot> MemoryBackend::Current() const {
  std::lock_guard<std::mutex> lock(snapshot_mu_);
  return snapshot_;
}

Result<StoryPage> MemoryBackend::ListStories(const StoryFilter& filter, StorySort sort,
                                             size_t offset, size_t limit) {
  if (limit == 0) return Status::InvalidArgument("limit must be positive");
  std::shared_ptr<const Snapshot> snap = Current();
  const std::vector<StorySummary>& rows =
      sort == StorySort::kSize ? snap->by_size : snap->by_recency;
  StoryPage page;
  static const std::vector<std::string> kNone;
  const std::unordered_set<std::string> text_hits = StoriesWithText(*snap, filter.text);
  for (const StorySummary& row : rows) {
    auto t = snap->titles.find(row.id);
    if (!Matches(row, t == snap->titles.end() ? kNone : t->second, filter, &text_hits)) continue;
    if (page.total >= offset && page.stories.size() < limit) page.stories.push_back(row);
    ++page.total;
  }
  return page;
}

Result<report::Story> MemoryBackend::GetStory(const std::string& id) {
  std::shared_ptr<const Snapshot> snap = Current();
  auto it = snap->story_index.find(id);
  if (it == snap->story_index.end()) return Status::NotFound("no story with id " + Excerpt(id, 80));
  return snap->report.stories[it->second];
}

Result<TopicList> MemoryBackend::ListTopics() { return Current()->topics; }

Result<StoredArticle> MemoryBackend::GetArticle(const std::string& id) {
  std::shared_ptr<const Snapshot> snap = Current();
  auto it = snap->article_index.find(id);
  if (it == snap->article_index.end())
    return Status::NotFound("no article with id " + Excerpt(id, 80));
  StoredArticle out;
  out.article = snap->articles[it->second];
  auto s = snap->story_of_article.find(id);
  if (s != snap->story_of_article.end()) out.story_id = s->second;
  return out;
}

// The analyses of the current snapshot, for the next RunPipeline: a story
// whose members are exactly those of a story of the snapshot keeps its
// analysis. Cleaning and clustering still run over the whole corpus, since a
// new article can move others; the snapshot is immutable, so nothing is put.
class MemoryBackend::SnapshotCache : public StoryCache {
 public:
  explicit SnapshotCache(const Snapshot& snap) : snap_(snap) {}
  std::optional<report::Story> Get(const std::string& key) override {
    auto same = snap_.story_of_members.find(key);
    if (same == snap_.story_of_members.end()) return std::nullopt;
    return snap_.report.stories[same->second];
  }
  void Put(const std::string& /*key*/, const report::Story& /*story*/) override {}

 private:
  const Snapshot& snap_;
};

Result<std::vector<IngestResult>> MemoryBackend::Ingest(std::vector<Article> articles,
                                                       std::vector<std::string>* changed_stories) {
  std::lock_guard<std::mutex> ingest_lock(ingest_mu_);
  std::shared_ptr<const Snapshot> old = Current();
  std::vector<Article> all = old->articles;
  std::unordered_map<std::string, size_t> index = old->article_index;
  std::vector<IngestResult> results;
  results.reserve(articles.size());
  for (Article& a : articles) {
    IngestResult r;
    auto it = index.find(a.id);
    if (it != index.end() && all[it->second].text == a.text) {
      r.article_id = a.id;
      r.is_new = false;
      results.push_back(std::move(r));
      continue;
    }
    if (it != index.end()) {
      // Same id, other text: keep both, as ArticleCollector does for files.
      std::string base = a.id;
      for (int n = 2; index.count(a.id); ++n) a.id = base + "#" + std::to_string(n);
    }
    r.article_id = a.id;
    index.emplace(a.id, all.size());
    all.push_back(std::move(a));
    results.push_back(std::move(r));
  }
  SnapshotCache cache(*old);
  RunInputs inputs;
  inputs.cache = &cache;
  report::Report rep = RunPipeline(all, options_, inputs);
  // `all` starts with the old articles, in order: their words are indexed.
  std::shared_ptr<const Snapshot> next = MakeSnapshot(std::move(all), std::move(rep), old.get());
  for (IngestResult& r : results) {
    auto s = next->story_of_article.find(r.article_id);
    if (s != next->story_of_article.end()) r.story_id = s->second;
  }
  if (changed_stories != nullptr) {
    // A story changed unless the same id names the same members before and
    // after (an id present on one side only changed too).
    auto members_of = [](const Snapshot& snap) {
      std::unordered_map<std::string, std::string> out;
      for (const auto& [key, index] : snap.story_of_members) out.emplace(snap.report.stories[index].id, key);
      return out;
    };
    std::unordered_map<std::string, std::string> before = members_of(*old), after = members_of(*next);
    for (const auto& [id, key] : after) {
      auto it = before.find(id);
      if (it == before.end() || it->second != key) changed_stories->push_back(id);
    }
    for (const auto& [id, key] : before) {
      if (!after.count(id)) changed_stories->push_back(id);
    }
  }
  std::lock_guard<std::mutex> lock(snapshot_mu_);
  snapshot_ = std::move(next);
  return results;
}

}  // namespace rashomon::serve
