#include "feeds/fetch.h"

#include <gtest/gtest.h>

#include "base/time.h"

namespace rashomon::feeds {
namespace {

TEST(FetchTest, RobotsGroupsPrefixesWildcardsAndLongestMatch) {
  const char robots[] =
      "# comment\n"
      "User-agent: *\n"
      "Disallow: /private/\n"
      "\n"
      "User-agent: otherbot\n"
      "User-agent: Rashomon\n"
      "Disallow: /news/drafts\n"
      "Allow: /news/drafts/public\n"
      "Disallow: /*.pdf$\n"
      "Disallow:\n";
  RobotsRules r = RobotsRules::Parse(robots, "rashomon");
  EXPECT_TRUE(r.Allowed("/news/today"));
  EXPECT_FALSE(r.Allowed("/news/drafts/1"));
  EXPECT_TRUE(r.Allowed("/news/drafts/public/2"));
  EXPECT_FALSE(r.Allowed("/files/a.pdf"));
  EXPECT_TRUE(r.Allowed("/files/a.pdf?x=1"));
  EXPECT_TRUE(r.Allowed("/private/x"));  // our group replaces the * group
  RobotsRules other = RobotsRules::Parse(robots, "somebot");
  EXPECT_FALSE(other.Allowed("/private/x"));
  EXPECT_TRUE(other.Allowed("/news/drafts/1"));
  EXPECT_TRUE(RobotsRules::Parse("", "rashomon").Allowed("/x"));
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/"));
  EXPECT_FALSE(RobotsRules::Parse("User-agent: *\nDisallow: /\n", "rashomon").Allowed("/a"));
}

TEST(FetchTest, RetryAfterHostsPathsAndCharsets) {
  const int64_t now = *ParseTimestamp("2026-12-06T05:00:00Z");
  EXPECT_EQ(ParseRetryAfter("120", now), 120);
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Dec 2026 05:10:00 GMT", now), 600);
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Dec 2026 04:00:00 GMT", now), 0);
  EXPECT_FALSE(ParseRetryAfter("soon", now).has_value());
  EXPECT_EQ(HostOf("https://User@News.Example.test:8443/a?b#c"), "news.example.test:8443");
  EXPECT_EQ(HostOf("not a url"), "");
  EXPECT_EQ(PathOf("http://h.test/a/b?x=1#frag"), "/a/b?x=1");
  EXPECT_EQ(PathOf("http://h.test"), "/");
  EXPECT_EQ(PathOf("http://h.test?q"), "/?q");
  EXPECT_EQ(CharsetOf("application/rss+xml; Charset=\"ISO-8859-1\""), "iso-8859-1");
  EXPECT_EQ(CharsetOf("text/xml"), "");
}

TEST(FetchTest, RefusedConnectionAndOtherSchemesAreErrorsNotCrashes) {
  FetchOptions o;
  o.timeout_ms = 2000;
  // Port 1 on loopback: nothing listens there.
  FetchResponse r = Fetch({"http://127.0.0.1:1/feed.rss", "", ""}, o);
  EXPECT_FALSE(r.error.empty());
  EXPECT_EQ(r.status, 0);
  FetchResponse file = Fetch({"file:///etc/passwd", "", ""}, o);
  EXPECT_FALSE(file.error.empty());
  EXPECT_TRUE(file.body.empty());
}

}  // namespace
}  // namespace rashomon::feeds
