#include "ingest/feed.h"

#include <gtest/gtest.h>

#include "base/test_util.h"
#include "base/time.h"

namespace rashomon {
namespace {

const char kRss[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Valmora Herald - World</title><link>https://www.valmora-herald.test/world</link><language>en-gb</language>
<item><title>Dam on the Ostrel &amp; river opens</title><link>https://www.valmora-herald.test/a/1</link>
<guid isPermaLink="false">vh-1</guid><pubDate>Tue, 03 Mar 2026 14:05:00 +0100</pubDate>
<description>&lt;p&gt;Short &lt;b&gt;summary&lt;/b&gt;.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>The Ostrel dam opened on Tuesday.</p><p>Engineers said 40 turbines run.</p><script>x()</script>]]></content:encoded></item>
<item><title>Second item</title><link>/a/2</link><dc:date>2026-03-04T08:00:00Z</dc:date><description>Plain words only.</description></item>
<item><title>Repeat of the first</title><guid>vh-1</guid><description>Other text.</description></item>
<item><title>No date here</title><guid>https://www.valmora-herald.test/a/3</guid><description>Undated item text.</description></item>
</channel></rss>)";

TEST(FeedTest, Rss2ItemsBecomeArticlesWithPlainTextDatesAndTheSiteAsSource) {
  auto feed = ParseFeed(kRss, "https://www.valmora-herald.test/rss.xml");
  ASSERT_TRUE(feed.ok()) << feed.status().message();
  EXPECT_EQ(feed->kind, FeedKind::kRss);
  ASSERT_EQ(feed->items.size(), 3u);
  EXPECT_EQ(feed->duplicate_guids, 1u);
  EXPECT_EQ(feed->lang, "en");
  const FeedItem& first = feed->items[0];
  EXPECT_EQ(first.title, "Dam on the Ostrel & river opens");
  EXPECT_EQ(first.guid, "vh-1");
  ASSERT_TRUE(first.published.has_value());
  EXPECT_EQ(*first.published, *ParseTimestamp("2026-03-03T13:05:00Z"));
  // Relative links resolve against the feed's URL.
  EXPECT_EQ(feed->items[1].link, "https://www.valmora-herald.test/a/2");
  EXPECT_EQ(*feed->items[1].published, *ParseTimestamp("2026-03-04T08:00:00Z"));
  EXPECT_FALSE(feed->items[2].published.has_value());
  EXPECT_EQ(feed->items[2].link, "https://www.valmora-herald.test/a/3");  // a permalink guid

  Diagnostics diag(false);
  Article a = ArticleFromFeedItem(*feed, first, "rss", "rss.xml", {}, diag);
  EXPECT_EQ(a.id, "https://www.valmora-herald.test/a/1");  // the guid is no URI: the link
  EXPECT_EQ(a.source, "valmora-herald.test");
  EXPECT_EQ(a.url, "https://www.valmora-herald.test/a/1");
  // content:encoded wins over the description; markup and scripts go.
  EXPECT_NE(a.text.find("The Ostrel dam opened on Tuesday."), std::string::npos);
  EXPECT_NE(a.text.find("40 turbines"), std::string::npos);
  EXPECT_EQ(a.text.find('<'), std::string::npos);
  EXPECT_EQ(a.text.find("x()"), std::string::npos);
  Article b = ArticleFromFeedItem(*feed, feed->items[1], "rss", "rss.xml", {}, diag);
  EXPECT_EQ(b.text, "Plain words only.");
  Article c = ArticleFromFeedItem(*feed, feed->items[2], "rss", "rss.xml", {}, diag);
  EXPECT_EQ(c.id, "https://www.valmora-herald.test/a/3");
}

TEST(FeedTest, AtomEntriesReadTextTypesLinksAndDates) {
  const char atom[] = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
 <title type="text">Kestrel Daily</title><link rel="self" href="https://kestrel.test/feed.atom"/>
 <link href="https://kestrel.test/"/><id>urn:uuid:feed</id><updated>2026-05-01T00:00:00Z</updated>
 <entry><title type="html">Port &lt;em&gt;strike&lt;/em&gt; ends</title><id>tag:kestrel.test,2026:1</id>
  <link rel="enclosure" href="https://kestrel.test/a.mp3"/><link rel="alternate" href="https://kestrel.test/1"/>
  <updated>2026-05-02T10:00:00Z</updated><published>2026-05-01T09:30:00+02:00</published>
  <author><name>Ines Marek</name></author>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Dockers voted 312 to 90.</p></div></content></entry>
 <entry><title>Text &lt;b&gt; typed</title><id>e2</id><updated>2026-05-03T10:00:00Z</updated>
  <summary type="text">A &lt;tag&gt; stays text &amp; so on.</summary></entry>
</feed>)";
  auto feed = ParseFeed(atom, "");
  ASSERT_TRUE(feed.ok()) << feed.status().message();
  EXPECT_EQ(feed->kind, FeedKind::kAtom);
  EXPECT_EQ(feed->site_link, "https://kestrel.test/");
  EXPECT_EQ(feed->lang, "fr");
  ASSERT_EQ(feed->items.size(), 2u);
  EXPECT_EQ(feed->items[0].title, "Port strike ends");
  EXPECT_EQ(feed->items[0].link, "https://kestrel.test/1");
  EXPECT_EQ(feed->items[0].author, "Ines Marek");
  // published beats updated, whatever the order.
  EXPECT_EQ(*feed->items[0].published, *ParseTimestamp("2026-05-01T07:30:00Z"));
  EXPECT_EQ(*feed->items[1].published, *ParseTimestamp("2026-05-03T10:00:00Z"));
  Diagnostics diag(false);
  Article a = ArticleFromFeedItem(*feed, feed->items[0], "k", "k.atom", {}, diag);
  EXPECT_EQ(a.id, "tag:kestrel.test,2026:1");
  EXPECT_EQ(a.text, "Dockers voted 312 to 90.");
  EXPECT_EQ(a.byline, "Ines Marek");
  Article b = ArticleFromFeedItem(*feed, feed->items[1], "k", "k.atom", {}, diag);
  EXPECT_EQ(b.text, "A <tag> stays text & so on.");
  EXPECT_EQ(b.id, "k#e2");  // no URI guid, no link
}

TEST(FeedTest, Rss1RdfAndOpml) {
  const char rdf[] = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel rdf:about="https://brenn.test/rss"><title>Brenn Post</title><link>https://brenn.test/</link></channel>
 <item rdf:about="https://brenn.test/x"><title>Bridge shut</title><link>https://brenn.test/x</link>
  <description>The bridge shut at noon.</description><dc:date>2026-01-09T12:00:00+00:00</dc:date></item>
</rdf:RDF>)";
  auto feed = ParseFeed(rdf, "");
  ASSERT_TRUE(feed.ok()) << feed.status().message();
  EXPECT_EQ(feed->kind, FeedKind::kRdf);
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].guid, "https://brenn.test/x");
  EXPECT_EQ(feed->items[0].summary, "The bridge shut at noon.");
  EXPECT_TRUE(feed->items[0].published.has_value());

  const char opml[] = R"(<?xml version="1.0"?><opml version="2.0"><head><title>My news</title></head><body>
 <outline text="World"><outline type="rss" text="A" xmlUrl="http://127.0.0.1:8080/a.rss"/>
 <outline type="rss" text="B" xmlUrl="b.atom"/></outline><outline text="dup" xmlUrl="http://127.0.0.1:8080/a.rss"/>
</body></opml>)";
  auto list = ParseFeed(opml, "http://127.0.0.1:8080/list.opml");
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_EQ(list->kind, FeedKind::kOpml);
  EXPECT_EQ(list->subscriptions,
            (std::vector<std::string>{"http://127.0.0.1:8080/a.rss", "http://127.0.0.1:8080/b.atom"}));
}

TEST(FeedTest, MalformedTruncatedEntitiesAndWrongCharsetHaveDefinedOutcomes) {
  std::string rss = kRss;
  // Truncated mid-item: refused whole, with libxml2's line.
  auto cut = ParseFeed(std::string_view(rss).substr(0, rss.size() / 2), "");
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("malformed XML (line"), std::string::npos) << cut.status().message();
  EXPECT_FALSE(ParseFeed("<rss><channel><item></channel></rss>", "").ok());
  EXPECT_FALSE(ParseFeed("", "").ok());
  EXPECT_FALSE(ParseFeed("<html><body>no</body></html>", "").ok());
  // Entity declarations (billion laughs, external entities) are refused.
  const char lol[] = R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<rss><channel><title>&b;</title></channel></rss>)";
  auto refused = ParseFeed(lol, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("entities"), std::string::npos);
  const char xxe[] = R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&x;</title><description>d</description></item></channel></rss>)";
  EXPECT_FALSE(ParseFeed(xxe, "").ok());
  // Declared UTF-8, written in Windows-1252: read again as that.
  std::string latin = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><item><title>Caf\xE9 fire</title>"
                      "<description>The caf\xE9 burned.</description></item></channel></rss>";
  auto re = ParseFeed(latin, "");
  ASSERT_TRUE(re.ok()) << re.status().message();
  EXPECT_TRUE(re->reencoded);
  EXPECT_EQ(re->items[0].title, "Caf\xC3\xA9 fire");
  // A declared Latin-1 feed is decoded as such.
  std::string declared = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Z\xFCrich</title>"
                         "</item></channel></rss>";
  auto de = ParseFeed(declared, "");
  ASSERT_TRUE(de.ok());
  EXPECT_FALSE(de->reencoded);
  EXPECT_EQ(de->items[0].title, "Z\xC3\xBCrich");
  // Size bound.
  FeedOptions small;
  small.max_feed_bytes = 100;
  EXPECT_FALSE(ParseFeed(kRss, "", small).ok());
}

TEST(FeedTest, DatesInTheFormsFeedsWrite) {
  const int64_t t = *ParseTimestamp("2026-12-06T05:00:00Z");
  EXPECT_EQ(ParseFeedDate("Sun, 06 Dec 2026 05:00:00 GMT"), t);
  EXPECT_EQ(ParseFeedDate("6 Dec 2026 00:00:00 EST"), t);
  EXPECT_EQ(ParseFeedDate("Sun, 06 Dec 26 06:00 +0100"), t);
  EXPECT_EQ(ParseFeedDate("Sunday, 06 December 2026 07:00:00 +02:00"), t);
  EXPECT_EQ(ParseFeedDate("2026-12-06T05:00:00Z"), t);
  EXPECT_FALSE(ParseFeedDate("yesterday").has_value());
  EXPECT_FALSE(ParseFeedDate("Sun, 36 Dec 2026 05:00:00 GMT").has_value());
  EXPECT_FALSE(ParseFeedDate("Sun, 06 Foo 2026 05:00:00 GMT").has_value());
  EXPECT_FALSE(ParseFeedDate("Sun, 06 Dec 2026 25:00:00 GMT").has_value());
}

TEST(FeedTest, FeedFilesAreIngestedAndBadOnesNamedWhileOthersGoOn) {
  testing::TempDir dir;
  auto write = [&](const std::string& name, const std::string& text) { return dir.Write(name, text); };
  std::string good = write("herald.rss", kRss);
  std::string bad = write("broken.atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>x");
  std::string sniffed = write("news.xml", kRss);
  std::string list = write("subs.opml", "<opml><body><outline xmlUrl=\"http://a.test/f\"/></body></opml>");
  Diagnostics diag(false);
  std::vector<Article> got;
  IngestStats stats = IngestPaths({bad, good, sniffed, list}, {}, diag, [&](Article&& a) { got.push_back(std::move(a)); });
  EXPECT_EQ(stats.failed_inputs, 1u);
  EXPECT_EQ(diag.error_count(), 1u);
  bool named = false;
  for (const Diagnostic& d : diag.Snapshot()) named |= d.severity == Severity::kError && d.file == bad;
  EXPECT_TRUE(named);
  EXPECT_EQ(got.size(), 6u);  // three items from each of the two good copies
  EXPECT_EQ(FormatFromName("x.rss.gz"), InputFormat::kFeed);
  EXPECT_EQ(IdFromPath("dir/world.atom"), "world");
  EXPECT_TRUE(LooksLikeFeed("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<rdf:RDF>"));
  EXPECT_FALSE(LooksLikeFeed("<html><p>rss</p></html>"));
}

}  // namespace
}  // namespace rashomon
