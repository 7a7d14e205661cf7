#include "serve/api_json.h"

#include <nlohmann/json.hpp>

#include "analysis/version_diff.h"
#include "base/time.h"

namespace rashomon::serve {
namespace {

using Json = nlohmann::ordered_json;

Json Time(const std::optional<int64_t>& t) { return t ? Json(FormatIso8601(*t)) : Json(nullptr); }

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json VersionsJson(const Article& article, const std::vector<ArticleRevision>& versions) {
  Json out = Json::array();
  for (size_t i = 0; i < versions.size(); ++i) {
    const ArticleRevision& v = versions[i];
    Json changes = Json::array();
    bool figure = false;
    if (i > 0) {
      Article before = article, after = article;
      before.title = versions[i - 1].title;
      before.text = versions[i - 1].text;
      after.title = v.title;
      after.text = v.text;
      std::vector<VersionChange> diff = DiffVersions(before, after);
      figure = ChangesAFigure(diff);
      for (const VersionChange& c : diff) {
        changes.push_back({{"kind", VersionChangeKindName(c.kind)},
                           {"before", c.before},
                           {"after", c.after},
                           {"context", c.context}});
      }
    }
    out.push_back({{"version", v.version},
                   {"seen", Time(v.seen)},
                   {"title", v.title},
                   {"figure_changed", figure},
                   {"changes", std::move(changes)}});
  }
  return out;
}

}  // namespace

std::string StoryPageJson(const StoryPage& page, size_t offset) {
  Json rows = Json::array();
  for (const StorySummary& s : page.stories) {
    rows.push_back({{"id", s.id},
                    {"headline", s.headline},
                    {"articles", s.articles},
                    {"outlets", s.outlets},
                    {"first", Time(s.first)},
                    {"last", Time(s.last)},
                    {"updated", Time(s.updated ? s.updated : s.last)},
                    {"conflicts", s.conflicts},
                    {"topic", s.topic.empty() ? Json(nullptr) : Json(s.topic)}});
  }
  Json j;
  j["total"] = page.total;
  j["offset"] = offset;
  j["stories"] = std::move(rows);
  return Dump(j);
}

std::string TopicsJson(const TopicList& topics) {
  Json rows = Json::array();
  for (const TopicRow& t : topics.topics) {
    Json stories = Json::array();
    for (const TopicRow::Member& m : t.stories) stories.push_back({{"id", m.id}, {"headline", m.headline}});
    rows.push_back({{"id", t.id}, {"label", t.label}, {"terms", t.terms}, {"stories", std::move(stories)}});
  }
  Json j;
  j["computed"] = topics.computed;
  j["topics"] = std::move(rows);
  return Dump(j);
}

std::string ArticleJson(const StoredArticle& stored, const ArticleView& view) {
  const Article& a = stored.article;
  Json j;
  j["id"] = a.id;
  j["source"] = a.source;
  j["url"] = a.url;
  j["title"] = view.title;
  j["published"] = Time(a.published);
  j["byline"] = a.byline;
  j["lang"] = a.lang;
  j["story"] = stored.story_id.empty() ? Json(nullptr) : Json(stored.story_id);
  Json paragraphs = Json::array();
  for (const ViewParagraph& p : view.paragraphs) {
    Json sentences = Json::array();
    for (const MarkedSentence& s : p.sentences) {
      sentences.push_back({{"text", s.text},
                           {"mark", SentenceMarkName(s.mark)},
                           {"facts", s.facts},
                           {"conflicts", s.conflicts},
                           {"also_in", s.also_in}});
    }
    paragraphs.push_back(
        {{"heading", p.heading}, {"text", p.text}, {"sentences", std::move(sentences)}});
  }
  j["paragraphs"] = std::move(paragraphs);
  Json removed = Json::array();
  for (const RemovedLine& r : view.removed)
    removed.push_back({{"text", r.text}, {"reason", r.reason}});
  j["removed"] = std::move(removed);
  j["versions"] = VersionsJson(a, stored.versions);
  return Dump(j);
}

std::string IngestJson(const std::vector<IngestResult>& results,
                       const std::vector<std::string>& errors) {
  Json rows = Json::array();
  for (const IngestResult& r : results) {
    rows.push_back({{"id", r.article_id},
                    {"story", r.story_id.empty() ? Json(nullptr) : Json(r.story_id)},
                    {"new", r.is_new}});
  }
  Json j;
  j["articles"] = std::move(rows);
  j["errors"] = errors;
  return Dump(j);
}

std::string JsonString(std::string_view s) { return Dump(Json(std::string(s))); }

std::string ErrorJson(const std::string& message) { return Dump(Json{{"error", message}}); }

}  // namespace rashomon::serve
