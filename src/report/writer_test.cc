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
  r.topics.push_back({"t-aaaaaaaaaa", {"s-0123456789", "s-5555555555"}, "Dam holds", {}});
  r.topics.push_back({"t-bbbbbbbbbb", {"s-9999999999"}, "Other", {}});
  auto j = nlohmann::json::parse(WriteJson(r));
  ASSERT_EQ(j["topics"].size(), 2u);
  EXPECT_EQ(j["topics"][0]["id"], "t-aaaaaaaaaa");
  EXPECT_EQ(j["topics"][0]["story_ids"][1], "s-5555555555");
  EXPECT_EQ(j["topics"][0]["label"], "Dam holds");
  EXPECT_TRUE(j["topics"][0]["terms"].is_array());
  EXPECT_EQ(j["stories"].size(), 3u);  // the stories themselves are untouched
  // Text: one line for the topic of stories 1 and 3, none for the lone story.
  std::string text = WriteText(r, TextStyle{});
  EXPECT_NE(text.find("same kind of event: stories 1, 3 (Dam holds)\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("stories 2"), std::string::npos);
  // Markdown: the same line, emphasised.
  std::string md = WriteMarkdown(r);
  EXPECT_NE(md.find("*Same kind of event: stories 1, 3 (Dam holds)*\n"), std::string::npos) << md;
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

TEST(WriterTest, HtmlLinksTheStoriesOfOneTopicAndEscapesTheLabel) {
  Report r = Sample();
  Story other = r.stories[0];
  other.id = "s-9999999999";
  other.headline = "Lone <b>story</b>";
  Story third = r.stories[0];
  third.id = "s-5555555555";
  third.headline = "Second dam <img src=x onerror=alert(7)>";
  r.stories.push_back(other);
  r.stories.push_back(third);
  r.topics.push_back({"t-aaaaaaaaaa", {"s-0123456789", "s-5555555555"}, "Dam <script>alert(9)</script>: \"A\" & B",
                      {"dam"}});
  r.topics.push_back({"t-bbbbbbbbbb", {"s-9999999999"}, "Lone <b>story</b>", {}});
  std::string html = WriteHtml(r);
  // Nothing of the label or headlines reaches the page as markup.
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>story"), std::string::npos);
  EXPECT_NE(html.find("Dam &lt;script&gt;alert(9)&lt;/script&gt;: &quot;A&quot; &amp; B"), std::string::npos);
  // The overview lists the topic of two stories with links to both, and
  // leaves out the topic of one.
  size_t overview = html.find("<section class=\"topics\">");
  size_t first_story = html.find("<section class=\"story\"");
  ASSERT_NE(overview, std::string::npos);
  ASSERT_LT(overview, first_story);
  std::string head = html.substr(overview, first_story - overview);
  EXPECT_NE(head.find("<li id=\"t-aaaaaaaaaa\">"), std::string::npos);
  EXPECT_NE(head.find("<a href=\"#s-0123456789\">1. "), std::string::npos);
  EXPECT_NE(head.find("<a href=\"#s-5555555555\">3. Second dam &lt;img"), std::string::npos);
  EXPECT_EQ(head.find("t-bbbbbbbbbb"), std::string::npos);
  // Each story of the topic links to the other, and to the overview entry.
  auto section = [&](const std::string& id) {
    size_t begin = html.find("<section class=\"story\" id=\"" + id + "\"");
    return html.substr(begin, html.find("</section>", begin) - begin);
  };
  std::string one = section("s-0123456789");
  EXPECT_NE(one.find("<a href=\"#t-aaaaaaaaaa\">"), std::string::npos) << one;
  EXPECT_NE(one.find("<a href=\"#s-5555555555\">3. "), std::string::npos) << one;
  EXPECT_EQ(one.find("href=\"#s-0123456789\""), std::string::npos);  // not to itself
  EXPECT_NE(section("s-5555555555").find("<a href=\"#s-0123456789\">1. "), std::string::npos);
  EXPECT_EQ(section("s-9999999999").find("Same kind of event"), std::string::npos);
  // No topics, no overview.
  EXPECT_EQ(WriteHtml(Sample()).find("class=\"topics\""), std::string::npos);
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
