#include "html/extract.h"

#include <gtest/gtest.h>

#include <string>

#include "base/test_util.h"
#include "base/time.h"

namespace rashomon {
namespace {

const char kNewsPage[] = R"(<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Ferry sinks off the northern coast | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2026-02-07T10:15:00Z">
<link rel="canonical" href="https://example.org/news/ferry">
</head><body>
<header class="site-header"><a href="/">Home</a> <a href="/world">World</a></header>
<nav><ul><li><a href="/a">Politics</a></li><li><a href="/b">Business</a></li></ul></nav>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<main><article class="story">
<h1>Ferry sinks off the northern coast</h1>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p>A passenger ferry carrying more than two hundred people sank early on Saturday, officials said, after striking rocks in heavy weather.</p>
<h2>Rescue under way</h2>
<p>Coastguard vessels, fishing boats and two helicopters joined the search, which continued through the night, according to the port authority.</p>
<figure><img src="x.jpg"><figcaption>The ferry leaving port last year. Photo: Agency</figcaption></figure>
<p>The operator said it was cooperating fully with investigators, and that the vessel had passed its last inspection in March.</p>
<ul class="related-links"><li><a href="/x">Storm warnings issued along the coast</a></li><li><a href="/y">Earlier ferry accident recalled</a></li></ul>
</article></main>
<aside class="sidebar"><h3>Most read</h3><p>Local team wins the cup final after extra time in a thrilling game, fans say.</p></aside>
<section id="comments"><p>Reader one: This is terrible news, thoughts with the families of everyone on board tonight.</p></section>
<footer><p>Copyright 2026 Harbour Times. All rights reserved. Terms and privacy policy apply here.</p></footer>
</body></html>)";

TEST(ExtractTest, KeepsArticleDropsBoilerplate) {
  auto page = ExtractHtml(kNewsPage);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  const std::string& t = page->text;
  EXPECT_NE(t.find("A passenger ferry carrying"), std::string::npos) << t;
  EXPECT_NE(t.find("Coastguard vessels"), std::string::npos) << t;
  EXPECT_NE(t.find("cooperating fully"), std::string::npos) << t;
  for (const char* clutter : {"Politics", "cookies", "Share on", "Photo: Agency", "Storm warnings", "cup final",
                              "Reader one", "Copyright", "Home"}) {
    EXPECT_EQ(t.find(clutter), std::string::npos) << clutter << " in:\n" << t;
  }
}

TEST(ExtractTest, HeadingsAndParagraphsInOrderOnePerLine) {
  auto page = ExtractHtml(kNewsPage);
  ASSERT_TRUE(page.ok());
  const std::string& t = page->text;
  size_t p1 = t.find("A passenger ferry"), h2 = t.find("\nRescue under way\n"), p2 = t.find("Coastguard");
  ASSERT_NE(h2, std::string::npos) << t;
  EXPECT_LT(p1, h2);
  EXPECT_LT(h2, p2);
  // The title heading repeats the title and is not part of the body.
  EXPECT_EQ(t.find("Ferry sinks"), std::string::npos) << t;
}

TEST(ExtractTest, MetadataFromMetaTags) {
  auto page = ExtractHtml(kNewsPage);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->title, "Ferry sinks off the northern coast");
  EXPECT_EQ(page->site_name, "Harbour Times");
  EXPECT_EQ(page->byline, "Ana Ruiz");
  EXPECT_EQ(page->lang, "en");
  EXPECT_EQ(page->canonical_url, "https://example.org/news/ferry");
  ASSERT_TRUE(page->published.has_value());
  EXPECT_EQ(FormatIso8601(*page->published), "2026-02-07T10:15:00Z");
}

TEST(ExtractTest, MetadataFromJsonLdAndTime) {
  std::string html = R"(<html><head><title>Markets - Daily Ledger</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
{"@type":"NewsArticle","headline":"Shares rise on rate hopes","author":[{"@type":"Person","name":"Lee Park"},{"name":"Sam Oduya"}],
"datePublished":"2025-11-03T08:00:00+01:00","publisher":{"@type":"Organization","name":"Daily Ledger"}}]}</script>
</head><body><div class="content"><p>Stocks climbed for a third day on Monday, as investors bet that central banks would cut interest rates, traders said.</p>
<p>Bond yields fell, and the dollar weakened against most major currencies, after the latest inflation figures came in lower.</p></div></body></html>)";
  auto page = ExtractHtml(html);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->title, "Shares rise on rate hopes");
  EXPECT_EQ(page->byline, "Lee Park, Sam Oduya");
  EXPECT_EQ(page->site_name, "Daily Ledger");
  ASSERT_TRUE(page->published.has_value());
  EXPECT_EQ(FormatIso8601(*page->published), "2025-11-03T07:00:00Z");

  std::string timed = R"(<html><head><title>A headline with several words here</title></head><body><article>
<span class="byline">By Mina Cho</span><time datetime="2024-05-01T12:00:00Z">1 May</time>
<p>Text of the article, which is long enough to count as a paragraph of content, with commas.</p></article></body></html>)";
  auto p2 = ExtractHtml(timed);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(p2->byline, "By Mina Cho");
  EXPECT_EQ(p2->title, "A headline with several words here");
  ASSERT_TRUE(p2->published.has_value());
  EXPECT_EQ(FormatDate(*p2->published), "2024-05-01");
}

TEST(ExtractTest, JsonLdInsideCdata) {
  std::string html = R"(<html><head><script type="application/ld+json">
  <![CDATA[
  {"@context":{"@vocab":"http://schema.org"},"@type":"NewsArticle","headline":"Council approves budget",
   "author":{"@type":"Person","name":"Ravi Nair"},"datePublished":"2023-06-30T18:00:00Z"}
  ]]>
  </script></head><body><p>The city council approved the budget on Friday, after a long debate, officials said.</p></body></html>)";
  auto page = ExtractHtml(html);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->title, "Council approves budget");
  EXPECT_EQ(page->byline, "Ravi Nair");
  ASSERT_TRUE(page->published.has_value());
  EXPECT_EQ(FormatIso8601(*page->published), "2023-06-30T18:00:00Z");
}

TEST(ExtractTest, TimestampLinesBetweenParagraphsAreDropped) {
  std::string html = R"(<body><div class="post-body">
<div>12.03.2020, 10:42</div>
<p>The ministry said on Thursday that the new rules, which apply from next month, cover all imports.</p>
<div>$18bn</div>
<p>Traders said the change had been expected for weeks, and that prices had already moved, overall.</p>
</div></body>)";
  auto page = ExtractHtml(html);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->text.find("10:42"), std::string::npos) << page->text;
  EXPECT_NE(page->text.find("$18bn"), std::string::npos) << page->text;
}

TEST(ExtractTest, UrlDatePatterns) {
  EXPECT_EQ(FormatDate(*DateFromUrl("https://x.org/2019/05/31/story-name")), "2019-05-31");
  EXPECT_EQ(FormatDate(*DateFromUrl("https://x.org/news/2021-12-01-slug.html")), "2021-12-01");
  EXPECT_EQ(FormatDate(*DateFromUrl("https://x.org/a/20200229/b")), "2020-02-29");
  EXPECT_FALSE(DateFromUrl("https://x.org/id/123456789012").has_value());
  EXPECT_FALSE(DateFromUrl("https://2019.org/").has_value());
}

TEST(ExtractTest, CleanTitleDropsSiteName) {
  EXPECT_EQ(CleanTitle("Ferry sinks off coast | Harbour Times"), "Ferry sinks off coast");
  EXPECT_EQ(CleanTitle("Harbour Times - Ferry sinks off coast", "Harbour Times"), "Ferry sinks off coast");
  EXPECT_EQ(CleanTitle("Home | Site"), "Home | Site");
  EXPECT_EQ(CleanTitle("Plain headline without separator"), "Plain headline without separator");
}

TEST(ExtractTest, ConvertsDeclaredEncoding) {
  std::string html =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
      "<title>Caf\xE9</title></head><body><div class=\"article-body\"><p>Le caf\xE9 est ouvert \xE0 "
      "tous, et la cr\xE8me br\xFBl\xE9\x65 est servie chaque jour, dit le patron.</p></div></body></html>";
  auto page = ExtractHtml(html);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->charset, "windows-1252");
  EXPECT_NE(page->text.find("Le caf\xC3\xA9 est ouvert \xC3\xA0 tous"), std::string::npos) << page->text;
  EXPECT_EQ(page->title, "Caf\xC3\xA9");
}

TEST(ExtractTest, Utf16PagesAreDecoded) {
  std::string html =
      "<html><head><title>Caf\xC3\xA9 reopens</title></head><body><article><p>Le caf\xC3\xA9 est ouvert \xC3\xA0 "
      "tous, et la cr\xC3\xA8me br\xC3\xBBl\xC3\xA9\x65 est servie chaque jour, dit le patron.</p></article></body></html>";
  for (bool le : {true, false}) {
    auto page = ExtractHtml(testing::Utf16(html, le));
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page->charset, le ? "utf-16le" : "utf-16be");
    EXPECT_EQ(page->title, "Caf\xC3\xA9 reopens");
    EXPECT_NE(page->text.find("Le caf\xC3\xA9 est ouvert \xC3\xA0 tous"), std::string::npos) << page->text;
  }
  auto bom = ExtractHtml("\xFF\xFE" + testing::Utf16(html, true));
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->title, "Caf\xC3\xA9 reopens");
}

TEST(ExtractTest, ContentAfterTheClosingHtmlTagDoesNotHideThePage) {
  std::string html = std::string(kNewsPage) + "\n<div class=\"tracking\">pixel</div>\n";
  auto page = ExtractHtml(html);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_NE(page->text.find("A passenger ferry carrying"), std::string::npos) << page->text;
  EXPECT_EQ(page->lang, "en");
}

TEST(ExtractTest, EmptyPageIsAnError) {
  auto page = ExtractHtml("<html><head><title>Nothing</title></head><body><script>var x=1;</script></body></html>");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kInvalidInput);
  EXPECT_FALSE(ExtractHtml("").ok());
}

TEST(ExtractTest, DeepNestingIsBounded) {
  std::string html = "<html><body>";
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html += "<p>Deep inside many containers, this paragraph still holds the article, with some commas, too.</p>";
  for (int i = 0; i < 10000; ++i) html += "</div>";
  html += "</body></html>";
  auto page = ExtractHtml(html);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_NE(page->text.find("Deep inside many containers"), std::string::npos);

  // Parsing cost grows with depth; the pre-scan keeps 100,000 levels cheap.
  std::string deeper = "<body><section><h2>Kept heading</h2>";
  for (int i = 0; i < 100000; ++i) deeper += "<div class=\"x\">";
  deeper += "<p>Text far below, in a paragraph long enough to be the article, with commas, too.</p>";
  for (int i = 0; i < 100000; ++i) deeper += "</div>";
  deeper += "<p>A paragraph after the deep part, also long enough to count as article text, surely.</p></section>";
  auto page3 = ExtractHtml(deeper);
  ASSERT_TRUE(page3.ok()) << page3.status().ToString();
  EXPECT_NE(page3->text.find("Text far below"), std::string::npos) << page3->text;
  EXPECT_NE(page3->text.find("A paragraph after the deep part"), std::string::npos) << page3->text;

  std::string spans = "<p>start";
  for (int i = 0; i < 50000; ++i) spans += "<span><b><i>";
  spans += "deep text";
  auto page2 = ExtractHtml(spans);
  ASSERT_TRUE(page2.ok());
  EXPECT_NE(page2->text.find("deep text"), std::string::npos);
}

TEST(ExtractTest, OversizedPageIsCut) {
  HtmlOptions options;
  options.max_html_bytes = 4096;
  std::string html = "<html><body><p>";
  while (html.size() < 100000) html += "Words of a long paragraph, repeated again and again. ";
  auto page = ExtractHtml(html, {}, options);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->truncated);
  EXPECT_LE(page->text.size(), 4096u);
}

TEST(ExtractTest, HundredMegabytePageIsCutNotRefused) {
  std::string html = "<html><head><title>A very long page</title></head><body><article>";
  const std::string para = "<p>One paragraph of a page that goes on and on, with commas, and more words.</p>\n";
  html.reserve((100u << 20) + para.size());
  while (html.size() < (100u << 20)) html += para;
  auto page = ExtractHtml(html);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(page->truncated);
  EXPECT_EQ(page->title, "A very long page");
  EXPECT_NE(page->text.find("goes on and on"), std::string::npos);
  EXPECT_LE(page->text.size(), HtmlOptions().max_html_bytes);
}

TEST(ExtractTest, PlainTextKeepsEveryBlock) {
  std::string t = HtmlToPlainText("<body><nav>Menu</nav><p>One</p><div>Two<br>Three</div></body>");
  EXPECT_EQ(t, "One\nTwo\nThree");
}

}  // namespace
}  // namespace rashomon
