#include "report/writer.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace rashomon::report {
namespace {

Report Sample() {
  Report r;
  Story s;
  s.id = "s-0123456789";
  s.headline = "Dam <holds> & \"river\" falls";
  s.summary = {"The dam held overnight.", "Water levels fell by Monday."};
  ArticleRef a;
  a.id = "a1";
  a.source = "Valley <script>alert(1)</script> Post";
  a.title = "Dam holds\x1b[31m red";
  a.url = "javascript:alert(1)";
  a.published = 1772438400;
  a.words = 120;
  s.articles.push_back(a);
  ArticleRef b;
  b.id = "b1";
  b.title = "Water falls";
  b.title_inferred = true;
  b.url = "https://example.org/b1";
  b.words = 80;
  s.articles.push_back(b);
  r.stories.push_back(s);
  return r;
}

TEST(WriterTest, JsonFollowsTheContract) {
  auto j = nlohmann::json::parse(WriteJson(Sample()));
  EXPECT_EQ(j["schema"], "rashomon.report/1");
  const auto& s = j["stories"][0];
  for (const char* key : {"id", "headline", "summary", "articles", "entities", "quotes", "numbers", "facts",
                          "conflicts", "provenance", "unique"}) {
    EXPECT_TRUE(s.contains(key)) << key;
  }
  const auto& a = s["articles"][0];
  for (const char* key : {"id", "source", "title", "published", "words"}) EXPECT_TRUE(a.contains(key)) << key;
  EXPECT_EQ(a["published"], "2026-03-02T08:00:00Z");
  EXPECT_TRUE(s["articles"][1]["published"].is_null());
}

TEST(WriterTest, TopicsAreAdditiveInJsonAndGroupedInTextAndMarkdown) {
  Report r = Sample();
  Story other = r.stories[0];
  other.id = "s-9999999999";
  Story third = r.stories[0];
  third.id = "s-5555555555";
  r.stories.push_back(other);
  r.stories.push_back(third);
  r.topics.push_back({"t-aaaaaaaaaa", {"s-0123456789", "s-5555555555"}, "Dam holds"});
  r.topics.push_back({"t-bbbbbbbbbb", {"s-9999999999"}, "Other"});
  auto j = nlohmann::json::parse(WriteJson(r));
  ASSERT_EQ(j["topics"].size(), 2u);
  EXPECT_EQ(j["topics"][0]["id"], "t-aaaaaaaaaa");
  EXPECT_EQ(j["topics"][0]["story_ids"][1], "s-5555555555");
  EXPECT_EQ(j["topics"][0]["label"], "Dam holds");
  EXPECT_EQ(j["stories"].size(), 3u);  // the stories themselves are untouched
  // Text: one line for the topic of stories 1 and 3, none for the lone story.
  std::string text = WriteText(r, TextStyle{});
  EXPECT_NE(text.find("same kind of event: stories 1, 3\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("stories 2"), std::string::npos);
  // Markdown: the same line, emphasised.
  std::string md = WriteMarkdown(r);
  EXPECT_NE(md.find("*Same kind of event: stories 1, 3*\n"), std::string::npos) << md;
  EXPECT_EQ(md.find("stories 2"), std::string::npos);
  EXPECT_EQ(WriteMarkdown(Sample()).find("Same kind of event"), std::string::npos);
  // Without topics the JSON still has the (empty) array.
  EXPECT_TRUE(nlohmann::json::parse(WriteJson(Sample()))["topics"].empty());
}

TEST(WriterTest, TextStripsControlSequences) {
  std::string text = WriteText(Sample());
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_NE(text.find("Dam holds[31m red"), std::string::npos);
  EXPECT_NE(text.find("The dam held overnight."), std::string::npos);
  TextStyle color;
  color.color = true;
  EXPECT_NE(WriteText(Sample(), color).find("\033[1m"), std::string::npos);
}

TEST(WriterTest, HtmlEscapesEverythingAndLinksOnlyHttp) {
  std::string html = WriteHtml(Sample());
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://example.org/b1\""), std::string::npos);
  EXPECT_NE(html.find("&quot;river&quot;"), std::string::npos);
}

TEST(WriterTest, MarkdownEscapesMarkup) {
  std::string md = WriteMarkdown(Sample());
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_NE(md.find("&lt;holds&gt;"), std::string::npos);
}

TEST(WriterTest, ParsesFormats) {
  EXPECT_EQ(*ParseFormat("json"), Format::kJson);
  EXPECT_EQ(*ParseFormat("md"), Format::kMarkdown);
  EXPECT_FALSE(ParseFormat("pdf").ok());
}

}  // namespace
}  // namespace rashomon::report
