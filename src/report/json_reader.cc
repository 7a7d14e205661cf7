#include "report/json_reader.h"

#include <nlohmann/json.hpp>

#include <optional>

#include "base/time.h"

namespace rashomon::report {
namespace {

using Json = nlohmann::json;

// Field readers: each throws nlohmann::json::exception on a missing field or
// a wrong type, which ReadStoryJson turns into a Status.
std::vector<std::string> Strings(const Json& j) { return j.get<std::vector<std::string>>(); }

// An ISO 8601 time as the writer formats it.
int64_t ReadTime(const Json& j) {
  std::optional<int64_t> t = ParseTimestamp(j.get<std::string>());
  if (!t) throw Json::other_error::create(501, "unreadable published time", &j);
  return *t;
}

ArticleRef ReadArticle(const Json& o) {
  ArticleRef a;
  o.at("id").get_to(a.id);
  o.at("source").get_to(a.source);
  o.at("title").get_to(a.title);
  const Json& published = o.at("published");
  if (!published.is_null()) a.published = ReadTime(published);
  o.at("words").get_to(a.words);
  o.at("url").get_to(a.url);
  o.at("title_inferred").get_to(a.title_inferred);
  o.at("boilerplate_lines").get_to(a.boilerplate_lines);
  o.at("language").get_to(a.language);
  a.versions = o.value("versions", 0u);
  return a;
}

Entity ReadEntity(const Json& o) {
  Entity e;
  o.at("id").get_to(e.id);
  o.at("name").get_to(e.name);
  o.at("type").get_to(e.type);
  for (const Json& v : o.at("variants"))
    e.variants.push_back({v.at("form").get<std::string>(), Strings(v.at("articles"))});
  for (const Json& r : o.at("roles"))
    e.roles.push_back({r.at("role").get<std::string>(), Strings(r.at("articles"))});
  o.at("confidence").get_to(e.confidence);
  return e;
}

Quote ReadQuote(const Json& o) {
  Quote q;
  o.at("id").get_to(q.id);
  const Json& speaker = o.at("speaker");
  if (!speaker.is_null()) q.speaker = speaker.get<std::string>();
  o.at("speaker_name").get_to(q.speaker_name);
  o.at("text").get_to(q.text);
  for (const Json& v : o.at("versions")) {
    q.versions.push_back({v.at("article").get<std::string>(), v.at("text").get<std::string>(),
                          v.at("cue").get<std::string>(), v.at("direct").get<bool>(),
                          v.at("speaker").get<std::string>(), v.value("diff", std::string()),
                          v.value("from_language", std::string())});
  }
  return q;
}

// The fields added to the contract after its first version are optional
// here (additive fields: older writers left them out).
Number ReadNumber(const Json& o) {
  Number n;
  o.at("value").get_to(n.value);
  o.at("unit").get_to(n.unit);
  o.at("what").get_to(n.what);
  o.at("text").get_to(n.text);
  n.articles = Strings(o.at("articles"));
  n.high = n.value;
  if (auto it = o.find("normalized"); it != o.end() && it->is_object()) {
    n.counts = it->value("what", std::string());
    n.approx = it->value("approx", std::string());
    n.high = it->value("high", n.value);
  }
  return n;
}

Conflict ReadConflict(const Json& o) {
  Conflict c;
  o.at("kind").get_to(c.kind);
  o.at("subject").get_to(c.subject);
  c.update = o.value("update", false);
  for (const Json& cl : o.at("claims")) {
    c.claims.push_back({cl.at("value").get<std::string>(), Strings(cl.at("articles"))});
    if (auto it = cl.find("published"); c.update && it != cl.end()) c.published.push_back(ReadTime(*it));
  }
  return c;
}

Story ReadStory(const Json& j) {
  Story s;
  j.at("id").get_to(s.id);
  j.at("headline").get_to(s.headline);
  s.summary = Strings(j.at("summary"));
  if (j.contains("event_dates") && j["event_dates"].is_object()) {
    j["event_dates"].at("from").get_to(s.event_from);
    j["event_dates"].at("to").get_to(s.event_to);
  }
  for (const Json& o : j.at("articles")) s.articles.push_back(ReadArticle(o));
  if (auto it = j.find("timeline"); it != j.end() && it->is_array()) {
    for (const Json& o : *it) {
      TimelineEvent e;
      e.time = ReadTime(o.at("time"));
      o.at("kind").get_to(e.kind);
      o.at("article").get_to(e.article);
      o.at("source").get_to(e.source);
      o.at("title").get_to(e.title);
      e.figures = Strings(o.at("figures"));
      s.timeline.push_back(std::move(e));
    }
  }
  for (const Json& o : j.at("entities")) s.entities.push_back(ReadEntity(o));
  for (const Json& o : j.at("quotes")) s.quotes.push_back(ReadQuote(o));
  for (const Json& o : j.at("numbers")) s.numbers.push_back(ReadNumber(o));
  for (const Json& o : j.at("facts")) {
    s.facts.push_back({o.at("id").get<std::string>(), o.at("text").get<std::string>(),
                       Strings(o.at("articles")), o.at("independent_sources").get<int>(),
                       o.value("corroboration", std::string()), o.value("partial", false),
                       o.contains("witnesses") ? Strings(o.at("witnesses")) : std::vector<std::string>{}});
    s.facts.back().translated = o.value("translated", false);
  }
  for (const Json& o : j.at("conflicts")) s.conflicts.push_back(ReadConflict(o));
  for (const Json& o : j.at("provenance")) {
    s.provenance.push_back({o.at("from").get<std::string>(), o.at("to").get<std::string>(),
                            o.at("score").get<double>(), Strings(o.at("evidence"))});
  }
  for (const Json& o : j.at("unique"))
    s.unique.push_back({o.at("article").get<std::string>(), Strings(o.at("facts"))});
  return s;
}

}  // namespace

Result<Story> ReadStoryJson(std::string_view json) {
  Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption("story JSON is not an object");
  try {
    return ReadStory(j);
  } catch (const Json::exception& e) {
    return Status::Corruption(std::string("story JSON: ") + e.what());
  }
}

}  // namespace rashomon::report
