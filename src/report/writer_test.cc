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

// A story whose every list is longer than the text report shows: 10 shared
// facts, 15 entities (one with 5 roles), 11 quotes, 9 numbers, 9 pieces of
// evidence and 4 statements only one article has.
Report LongLists() {
  Report r = Sample();
  Story& s = r.stories[0];
  for (int i = 0; i < 10; ++i) {
    s.facts.push_back({"f" + std::to_string(i), "Shared fact " + std::to_string(i) + ".", {"a1", "b1"}, 2, "", false, {}});
  }
  for (int i = 0; i < 4; ++i) {
    s.facts.push_back({"u" + std::to_string(i), "Own fact " + std::to_string(i) + ".", {"a1"}, 1, "", false, {}});
  }
  s.unique.push_back({"a1", {"u0", "u1", "u2", "u3"}});
  for (int i = 0; i < 15; ++i) {
    Entity e;
    e.id = "e" + std::to_string(i);
    e.name = "Orvane Person" + std::to_string(i);
    e.type = "person";
    if (i == 0) {
      for (int k = 0; k < 5; ++k) e.roles.push_back({"role " + std::to_string(k), {"a1"}});
    }
    s.entities.push_back(e);
  }
  for (int i = 0; i < 11; ++i) {
    Quote q;
    q.id = "q" + std::to_string(i);
    q.text = "Quote number " + std::to_string(i);
    q.versions.push_back({"a1", q.text, "said", true, "", "", ""});
    s.quotes.push_back(q);
  }
  for (int i = 0; i < 9; ++i) {
    s.numbers.push_back({double(i), "people", "", std::to_string(i) + " people", {"a1"}, "", "", double(i)});
  }
  Provenance pv{"a1", "b1", 0.9, {}};
  for (int i = 0; i < 9; ++i) pv.evidence.push_back("evidence " + std::to_string(i));
  s.provenance.push_back(pv);
  return r;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(WriterTest, TextSaysWhatItLeftOutAndAllShowsEverything) {
  Report r = LongLists();
  std::string text = WriteText(r);
  EXPECT_EQ(Count(text, "Shared fact "), 6u);
  EXPECT_NE(text.find("... and 4 more (--all shows them)"), std::string::npos) << text;  // facts
  EXPECT_EQ(Count(text, "Orvane Person"), 12u);
  EXPECT_NE(text.find("... and 3 more (--all shows them)"), std::string::npos);  // entities, quotes
  EXPECT_NE(text.find("role 2; and 2 more"), std::string::npos);
  EXPECT_EQ(Count(text, "Quote number "), 8u);
  EXPECT_EQ(Count(text, " people —"), 8u);
  EXPECT_NE(text.find("... and 1 more (--all shows them)"), std::string::npos);  // numbers
  EXPECT_EQ(Count(text, "evidence "), 7u);
  EXPECT_NE(text.find("... and 2 more (--all shows them)"), std::string::npos);  // evidence, own facts
  EXPECT_EQ(Count(text, "Own fact "), 2u);
  EXPECT_EQ(Count(text, "... and "), 6u);

  TextStyle all;
  all.all = true;
  std::string full = WriteText(r, all);
  EXPECT_EQ(Count(full, "Shared fact "), 10u);
  EXPECT_EQ(Count(full, "Orvane Person"), 15u);
  EXPECT_NE(full.find("role 4"), std::string::npos);
  EXPECT_EQ(Count(full, "Quote number "), 11u);
  EXPECT_EQ(Count(full, " people —"), 9u);
  EXPECT_EQ(Count(full, "evidence "), 9u);
  EXPECT_EQ(Count(full, "Own fact "), 4u);
  EXPECT_EQ(full.find(" more"), std::string::npos);
}

TEST(WriterTest, ShortListsSayNothingMore) {
  std::string text = WriteText(Sample());
  EXPECT_EQ(text.find("... and"), std::string::npos);
}

TEST(WriterTest, MarkdownSaysWhatItLeftOutAndAllShowsEverything) {
  Report r = LongLists();
  r.stories[0].unique[0].facts.push_back("f0");  // 5 shown, 0 left: no line
  EXPECT_EQ(WriteMarkdown(r).find("more (--all"), std::string::npos);
  r.stories[0].unique[0].facts.push_back("f1");
  r.stories[0].unique[0].facts.push_back("f2");
  std::string md = WriteMarkdown(r);
  EXPECT_NE(md.find("  - *... and 2 more (--all shows them)*"), std::string::npos) << md;
  TextStyle all;
  all.all = true;
  std::string full = WriteMarkdown(r, all);
  EXPECT_EQ(full.find("more (--all"), std::string::npos);
  EXPECT_NE(full.find("  - Shared fact 2."), std::string::npos);
}

TEST(WriterTest, ParsesFormats) {
  EXPECT_EQ(*ParseFormat("json"), Format::kJson);
  EXPECT_EQ(*ParseFormat("md"), Format::kMarkdown);
  EXPECT_FALSE(ParseFormat("pdf").ok());
}

}  // namespace
}  // namespace rashomon::report
