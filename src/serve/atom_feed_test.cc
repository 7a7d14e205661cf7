#include "serve/atom_feed.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <gtest/gtest.h>

#include "base/time.h"

namespace rashomon::serve {
namespace {

// Well-formed XML by libxml2's strict parser, with the number of <entry>s.
int EntriesIfWellFormed(const std::string& xml) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) return -1;
  int entries = 0;
  for (xmlNode* n = xmlDocGetRootElement(doc)->children; n != nullptr; n = n->next) {
    entries += n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "entry");
  }
  xmlFreeDoc(doc);
  return entries;
}

TEST(AtomFeedTest, OneEntryPerStoryEscapedAndUpdatedByItsLatestArticle) {
  StorySummary a;
  a.id = "17";
  a.headline = "Harbour <script>alert(1)</script> & \"tolls\" \x01 rise\xEF\xBF\xBE";
  a.articles = 3;
  a.outlets = {"Gulf & Bay Courier", "Tarn <Post>"};
  a.first = *ParseTimestamp("2026-03-01T08:00:00Z");
  a.last = *ParseTimestamp("2026-03-02T09:30:00Z");
  StorySummary b;
  b.id = "id with/slash";
  b.articles = 1;
  b.headline = std::string("bad \xFF byte");
  const std::string xml = WriteStoriesAtom({a, b}, "http://127.0.0.1:8080", 1000);
  EXPECT_EQ(EntriesIfWellFormed(xml), 2) << xml;
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_NE(xml.find("Harbour &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;tolls&quot;"), std::string::npos);
  EXPECT_NE(xml.find("Gulf &amp; Bay Courier and Tarn &lt;Post&gt;"), std::string::npos);
  EXPECT_NE(xml.find("<updated>2026-03-02T09:30:00Z</updated>"), std::string::npos);
  EXPECT_NE(xml.find("href=\"http://127.0.0.1:8080/#/story/17\""), std::string::npos);
  EXPECT_NE(xml.find("#/story/id%20with%2Fslash"), std::string::npos);
  // The feed's own <updated> is its newest entry's.
  EXPECT_LT(xml.find("<updated>2026-03-02T09:30:00Z</updated>"), xml.find("<entry>"));
  // A story that grows (a later article) has a later <updated>.
  a.last = *ParseTimestamp("2026-03-05T07:00:00Z");
  EXPECT_NE(WriteStoriesAtom({a}, "http://h", 0).find("<updated>2026-03-05T07:00:00Z</updated>"),
            std::string::npos);
  EXPECT_EQ(EntriesIfWellFormed(WriteStoriesAtom({}, "http://h", 0)), 0);
  EXPECT_EQ(XmlEscape("a\x02<b>\xEF\xBF\xBF"), "a&lt;b&gt;");
}

}  // namespace
}  // namespace rashomon::serve
