#include <nlohmann/json.hpp>

#include "base/time.h"
#include "report/writer.h"

namespace rashomon::report {
namespace {

using Json = nlohmann::ordered_json;

Json Strings(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

Json ToJson(const Story& s) {
  Json j;
  j["id"] = s.id;
  j["headline"] = s.headline;
  j["summary"] = Strings(s.summary);
  Json articles = Json::array();
  for (const ArticleRef& a : s.articles) {
    Json o;
    o["id"] = a.id;
    o["source"] = a.source;
    o["title"] = a.title;
    o["published"] = a.published ? Json(FormatIso8601(*a.published)) : Json(nullptr);
    o["words"] = a.words;
    o["url"] = a.url;
    o["title_inferred"] = a.title_inferred;
    o["boilerplate_lines"] = a.boilerplate_lines;
    o["language"] = a.language;
    if (a.versions > 1) o["versions"] = a.versions;
    articles.push_back(std::move(o));
  }
  j["articles"] = std::move(articles);
  if (!s.event_from.empty()) j["event_dates"] = {{"from", s.event_from}, {"to", s.event_to}};
  if (!s.timeline.empty()) {
    Json timeline = Json::array();
    for (const TimelineEvent& e : s.timeline) {
      timeline.push_back({{"time", FormatIso8601(e.time)}, {"kind", e.kind}, {"article", e.article},
                          {"source", e.source}, {"title", e.title}, {"figures", Strings(e.figures)}});
    }
    j["timeline"] = std::move(timeline);
  }
  Json entities = Json::array();
  for (const Entity& e : s.entities) {
    Json o;
    o["id"] = e.id;
    o["name"] = e.name;
    o["type"] = e.type;
    Json variants = Json::array();
    for (const Variant& v : e.variants) variants.push_back({{"form", v.form}, {"articles", Strings(v.articles)}});
    o["variants"] = std::move(variants);
    Json roles = Json::array();
    for (const Role& r : e.roles) roles.push_back({{"role", r.role}, {"articles", Strings(r.articles)}});
    o["roles"] = std::move(roles);
    o["confidence"] = e.confidence;
    entities.push_back(std::move(o));
  }
  j["entities"] = std::move(entities);
  Json quotes = Json::array();
  for (const Quote& q : s.quotes) {
    Json o;
    o["id"] = q.id;
    o["speaker"] = q.speaker ? Json(*q.speaker) : Json(nullptr);
    o["speaker_name"] = q.speaker_name;
    o["text"] = q.text;
    Json versions = Json::array();
    for (const QuoteVersion& v : q.versions) {
      versions.push_back({{"article", v.article}, {"text", v.text}, {"cue", v.cue}, {"direct", v.direct},
                          {"speaker", v.speaker}});
      if (!v.diff.empty()) versions.back()["diff"] = v.diff;
      if (!v.translated_from.empty()) {
        versions.back()["translated"] = true;
        versions.back()["from_language"] = v.translated_from;
      }
    }
    o["versions"] = std::move(versions);
    quotes.push_back(std::move(o));
  }
  j["quotes"] = std::move(quotes);
  Json numbers = Json::array();
  for (const Number& n : s.numbers) {
    numbers.push_back({{"value", n.value}, {"unit", n.unit}, {"what", n.what}, {"text", n.text},
                       {"articles", Strings(n.articles)}});
    Json normalized = {{"value", n.value}, {"unit", n.unit}, {"what", n.counts}, {"approx", n.approx}};
    if (n.high > n.value) normalized["high"] = n.high;
    numbers.back()["normalized"] = std::move(normalized);
  }
  j["numbers"] = std::move(numbers);
  Json facts = Json::array();
  for (const Fact& f : s.facts) {
    facts.push_back({{"id", f.id}, {"text", f.text}, {"articles", Strings(f.articles)},
                     {"independent_sources", f.independent_sources}, {"corroboration", f.corroboration},
                     {"witnesses", Strings(f.witnesses)}});
    if (f.partial) facts.back()["partial"] = true;
    if (f.translated) facts.back()["translated"] = true;
  }
  j["facts"] = std::move(facts);
  Json conflicts = Json::array();
  for (const Conflict& c : s.conflicts) {
    Json claims = Json::array();
    for (size_t i = 0; i < c.claims.size(); ++i) {
      claims.push_back({{"value", c.claims[i].value}, {"articles", Strings(c.claims[i].articles)}});
      if (i < c.published.size()) claims.back()["published"] = FormatIso8601(c.published[i]);
    }
    conflicts.push_back({{"kind", c.kind}, {"subject", c.subject}, {"claims", std::move(claims)}});
    if (c.update) conflicts.back()["update"] = true;
  }
  j["conflicts"] = std::move(conflicts);
  Json provenance = Json::array();
  for (const Provenance& p : s.provenance) {
    provenance.push_back({{"from", p.from}, {"to", p.to}, {"score", p.score}, {"evidence", Strings(p.evidence)}});
  }
  j["provenance"] = std::move(provenance);
  Json unique = Json::array();
  for (const Unique& u : s.unique) unique.push_back({{"article", u.article}, {"facts", Strings(u.facts)}});
  j["unique"] = std::move(unique);
  return j;
}

}  // namespace

std::string WriteJson(const Report& report, bool pretty) {
  Json root;
  root["schema"] = kSchema;
  Json stories = Json::array();
  for (const Story& s : report.stories) stories.push_back(ToJson(s));
  root["stories"] = std::move(stories);
  // Additive to the contract: stories grouped by the kind of event.
  Json topics = Json::array();
  for (const Topic& t : report.topics) {
    topics.push_back({{"id", t.id}, {"story_ids", Strings(t.story_ids)}, {"label", t.label}, {"terms", Strings(t.terms)}});
  }
  root["topics"] = std::move(topics);
  // Invalid UTF-8 cannot reach here (ingest repairs it); replace defensively.
  std::string out = root.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
  out.push_back('\n');
  return out;
}

std::string WriteStoryJson(const Story& story) {
  return ToJson(story).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace rashomon::report
