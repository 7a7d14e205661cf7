#include "store/story_json.h"

#include <nlohmann/json.hpp>

namespace rashomon::report {

// nlohmann's ADL hooks, one pair per model type. Field names are short: the
// cache is read only by this file.
using nlohmann::json;

static void OptToJson(json& j, const char* key, const std::optional<int64_t>& v) {
  j[key] = v ? json(*v) : json(nullptr);
}
static std::optional<int64_t> OptFromJson(const json& j, const char* key) {
  const json& v = j.at(key);
  if (v.is_null()) return std::nullopt;
  return v.get<int64_t>();
}

void to_json(json& j, const ArticleRef& a) {
  j = json{{"id", a.id},   {"source", a.source}, {"title", a.title}, {"ti", a.title_inferred},
           {"url", a.url}, {"words", a.words},   {"bl", a.boilerplate_lines}};
  OptToJson(j, "published", a.published);
}
void from_json(const json& j, ArticleRef& a) {
  j.at("id").get_to(a.id);
  j.at("source").get_to(a.source);
  j.at("title").get_to(a.title);
  j.at("ti").get_to(a.title_inferred);
  j.at("url").get_to(a.url);
  j.at("words").get_to(a.words);
  j.at("bl").get_to(a.boilerplate_lines);
  a.published = OptFromJson(j, "published");
}
void to_json(json& j, const Variant& v) { j = json{{"form", v.form}, {"articles", v.articles}}; }
void from_json(const json& j, Variant& v) {
  j.at("form").get_to(v.form);
  j.at("articles").get_to(v.articles);
}
void to_json(json& j, const Role& r) { j = json{{"role", r.role}, {"articles", r.articles}}; }
void from_json(const json& j, Role& r) {
  j.at("role").get_to(r.role);
  j.at("articles").get_to(r.articles);
}
void to_json(json& j, const Entity& e) {
  j = json{{"id", e.id},           {"name", e.name},   {"type", e.type},
           {"variants", e.variants}, {"roles", e.roles}, {"confidence", e.confidence}};
}
void from_json(const json& j, Entity& e) {
  j.at("id").get_to(e.id);
  j.at("name").get_to(e.name);
  j.at("type").get_to(e.type);
  j.at("variants").get_to(e.variants);
  j.at("roles").get_to(e.roles);
  j.at("confidence").get_to(e.confidence);
}
void to_json(json& j, const QuoteVersion& v) {
  j = json{{"article", v.article}, {"text", v.text}, {"cue", v.cue}, {"direct", v.direct}, {"speaker", v.speaker}};
}
void from_json(const json& j, QuoteVersion& v) {
  j.at("article").get_to(v.article);
  j.at("text").get_to(v.text);
  j.at("cue").get_to(v.cue);
  j.at("direct").get_to(v.direct);
  j.at("speaker").get_to(v.speaker);
}
void to_json(json& j, const Quote& q) {
  j = json{{"id", q.id}, {"speaker_name", q.speaker_name}, {"text", q.text}, {"versions", q.versions}};
  j["speaker"] = q.speaker ? json(*q.speaker) : json(nullptr);
}
void from_json(const json& j, Quote& q) {
  j.at("id").get_to(q.id);
  j.at("speaker_name").get_to(q.speaker_name);
  j.at("text").get_to(q.text);
  j.at("versions").get_to(q.versions);
  const json& s = j.at("speaker");
  if (s.is_null()) {
    q.speaker.reset();
  } else {
    q.speaker = s.get<std::string>();
  }
}
void to_json(json& j, const Number& n) {
  j = json{{"value", n.value}, {"unit", n.unit}, {"what", n.what}, {"text", n.text}, {"articles", n.articles}};
}
void from_json(const json& j, Number& n) {
  j.at("value").get_to(n.value);
  j.at("unit").get_to(n.unit);
  j.at("what").get_to(n.what);
  j.at("text").get_to(n.text);
  j.at("articles").get_to(n.articles);
}
void to_json(json& j, const Fact& f) {
  j = json{{"id", f.id}, {"text", f.text}, {"articles", f.articles}, {"independent", f.independent_sources}};
}
void from_json(const json& j, Fact& f) {
  j.at("id").get_to(f.id);
  j.at("text").get_to(f.text);
  j.at("articles").get_to(f.articles);
  j.at("independent").get_to(f.independent_sources);
}
void to_json(json& j, const Claim& c) { j = json{{"value", c.value}, {"articles", c.articles}}; }
void from_json(const json& j, Claim& c) {
  j.at("value").get_to(c.value);
  j.at("articles").get_to(c.articles);
}
void to_json(json& j, const Conflict& c) { j = json{{"kind", c.kind}, {"subject", c.subject}, {"claims", c.claims}}; }
void from_json(const json& j, Conflict& c) {
  j.at("kind").get_to(c.kind);
  j.at("subject").get_to(c.subject);
  j.at("claims").get_to(c.claims);
}
void to_json(json& j, const Provenance& p) {
  j = json{{"from", p.from}, {"to", p.to}, {"score", p.score}, {"evidence", p.evidence}};
}
void from_json(const json& j, Provenance& p) {
  j.at("from").get_to(p.from);
  j.at("to").get_to(p.to);
  j.at("score").get_to(p.score);
  j.at("evidence").get_to(p.evidence);
}
void to_json(json& j, const Unique& u) { j = json{{"article", u.article}, {"facts", u.facts}}; }
void from_json(const json& j, Unique& u) {
  j.at("article").get_to(u.article);
  j.at("facts").get_to(u.facts);
}

}  // namespace rashomon::report

namespace rashomon::store {

std::string StoryToJson(const report::Story& s) {
  nlohmann::json j{{"id", s.id},           {"headline", s.headline},     {"summary", s.summary},
                   {"articles", s.articles}, {"entities", s.entities},   {"quotes", s.quotes},
                   {"numbers", s.numbers},   {"facts", s.facts},         {"conflicts", s.conflicts},
                   {"provenance", s.provenance}, {"unique", s.unique}};
  // Replacement of invalid UTF-8 keeps a bad byte from losing the entry.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<report::Story> StoryFromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption("story cache entry is not a JSON object");
  try {
    report::Story s;
    j.at("id").get_to(s.id);
    j.at("headline").get_to(s.headline);
    j.at("summary").get_to(s.summary);
    j.at("articles").get_to(s.articles);
    j.at("entities").get_to(s.entities);
    j.at("quotes").get_to(s.quotes);
    j.at("numbers").get_to(s.numbers);
    j.at("facts").get_to(s.facts);
    j.at("conflicts").get_to(s.conflicts);
    j.at("provenance").get_to(s.provenance);
    j.at("unique").get_to(s.unique);
    return s;
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(std::string("story cache entry: ") + e.what());
  }
}

}  // namespace rashomon::store
