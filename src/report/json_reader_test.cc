#include "report/json_reader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/writer.h"

namespace rashomon::report {
namespace {

// A story with every field set (and the optional ones both set and unset).
Story EveryField() {
  Story s;
  s.id = "s-1";
  s.headline = "H \"quoted\" <b>";
  s.summary = {"one", "two"};
  ArticleRef a;
  a.id = "a";
  a.source = "Outlet";
  a.title = "T";
  a.url = "https://example.invalid/a";
  a.published = 1770000005;
  a.title_inferred = true;
  a.words = 7;
  a.boilerplate_lines = 3;
  ArticleRef early;
  early.id = "b";
  early.published = -86400;  // before 1970
  s.articles = {a, early, ArticleRef{}};
  Entity e;
  e.id = "e1";
  e.name = "X";
  e.type = "person";
  e.variants = {{"X", {"a"}}};
  e.roles = {{"mayor", {"a"}}};
  e.confidence = 0.1 + 0.2;  // not exact in binary: must round-trip all the same
  s.entities = {e};
  Quote q;
  q.id = "q1";
  q.speaker = "e1";
  q.speaker_name = "X";
  q.text = "t";
  q.versions = {{"a", "t", "said", false, "X", "[-a-] {+t+}", ""}};
  s.quotes = {q, Quote{}};
  s.numbers = {{1.5, "USD", "cost", "$1.5", {"a"}, "costs", "about", 2.5}, {1e-7 / 3, "", "", "", {}, "", "", 0}};
  s.facts = {{"f1", "fact", {"a"}, 2, "3 articles, 2 independent: b copies a", false, {"a", "c"}}};
  s.conflicts = {{"role", "X", {{"mayor", {"a"}}, {"governor", {"b"}}}, false, {}},
                 {"number", "deaths", {{"12 people", {"a"}}, {"14 people", {"b"}}}, true, {1770000000, 1770003600}}};
  s.provenance = {{"a", "b", 0.75, {"span"}}};
  s.unique = {{"a", {"f1"}}};
  return s;
}

TEST(JsonReaderTest, ReadsBackEveryFieldTheWriterWrites) {
  const Story s = EveryField();
  auto back = ReadStoryJson(WriteStoryJson(s));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(WriteStoryJson(*back), WriteStoryJson(s));
  EXPECT_EQ(back->articles[0].published, 1770000005);
  EXPECT_EQ(back->articles[1].published, -86400);
  EXPECT_FALSE(back->articles[2].published.has_value());
  EXPECT_TRUE(back->articles[0].title_inferred);
  EXPECT_EQ(back->articles[0].boilerplate_lines, 3u);
  EXPECT_EQ(back->entities[0].confidence, 0.1 + 0.2);
  EXPECT_EQ(back->numbers[1].value, 1e-7 / 3);
  EXPECT_EQ(back->quotes[0].speaker, "e1");
  EXPECT_FALSE(back->quotes[1].speaker.has_value());
  EXPECT_EQ(back->facts[0].independent_sources, 2);
  EXPECT_EQ(back->facts[0].corroboration, s.facts[0].corroboration);
  EXPECT_EQ(back->facts[0].witnesses, (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(back->numbers[0].approx, "about");
  EXPECT_EQ(back->numbers[0].high, 2.5);
  EXPECT_TRUE(back->conflicts[1].update);
  EXPECT_EQ(back->conflicts[1].published, s.conflicts[1].published);
  Report r1, r2;
  r1.stories = {s};
  r2.stories = {*back};
  EXPECT_EQ(WriteJson(r1), WriteJson(r2));
}

TEST(JsonReaderTest, RefusesWhatIsNotAStoryAsWritten) {
  EXPECT_EQ(ReadStoryJson("{}").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(ReadStoryJson("nonsense").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(ReadStoryJson("[1]").status().code(), StatusCode::kCorruption);
  // Every field is required: dropping any one of a story's fields, or of an
  // article's, fails.
  nlohmann::json full = nlohmann::json::parse(WriteStoryJson(EveryField()));
  for (const auto& [key, value] : full.items()) {
    nlohmann::json cut = full;
    cut.erase(key);
    EXPECT_FALSE(ReadStoryJson(cut.dump()).ok()) << key;
  }
  for (const auto& [key, value] : full["articles"][0].items()) {
    nlohmann::json cut = full;
    cut["articles"][0].erase(key);
    EXPECT_FALSE(ReadStoryJson(cut.dump()).ok()) << key;
  }
  nlohmann::json bad_time = full;
  bad_time["articles"][0]["published"] = "yesterday";
  EXPECT_FALSE(ReadStoryJson(bad_time.dump()).ok());
}

}  // namespace
}  // namespace rashomon::report
