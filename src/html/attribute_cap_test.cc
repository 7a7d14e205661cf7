// The attribute cap keeps HTML parsing linear: each of the worst pages
// below costs, in work units (ExtractedPage::parse_work: bytes the scan
// stepped over plus attribute pairs libxml2 compared), at most a little
// more than twice as much when it is twice as big.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <string>

#include "html/attribute_cap.h"
#include "html/dom.h"
#include "html/extract.h"

namespace rashomon {
namespace {

const char kArticle[] =
    "<p>The harbour authority of Velmar said on Friday that the new quay would open in May, "
    "two months later than planned, after storms delayed the work.</p>"
    "<p>About 300 workers have been on the site since last spring, the authority said.</p>";

// One element with n attributes, then the article.
std::string OneElement(size_t n) {
  std::string h = "<html><body><div";
  for (size_t i = 0; i < n; ++i) h += " data-a" + std::to_string(i) + "=\"" + std::to_string(i) + "\"";
  return h + ">" + kArticle + "</div></body></html>";
}

// n elements just under the cap each.
std::string ManyFullElements(size_t n) {
  std::string h = "<html><body>";
  for (size_t e = 0; e < n; ++e) {
    h += "<span";
    for (size_t i = 0; i < HtmlOptions().max_attributes; ++i) h += " b" + std::to_string(i);
    h += "></span>";
  }
  return h + kArticle + "</body></html>";
}

// Tags inside tags: every "<em" starts a tag whose attributes run on to
// the end, so a naive scan from each would be quadratic.
std::string NestedStarts(size_t n) {
  std::string h = "<html><body><p>";
  for (size_t i = 0; i < n; ++i) h += "<em x" + std::to_string(i) + " ";
  return h + ">" + kArticle + "</body></html>";
}

// Starts hidden inside quoted values, with unclosed quotes mixed in.
std::string StartsInQuotes(size_t n) {
  std::string h = "<html><body><div";
  for (size_t i = 0; i < n; ++i) h += (i % 3 == 0 ? " t='<b y " : " u=\"<i z ") + std::to_string(i);
  return h + ">" + kArticle + "</div></body></html>";
}

uint64_t Work(const std::string& html, size_t* tags_cut = nullptr) {
  auto page = ExtractHtml(html);
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  if (!page.ok()) return 0;
  if (tags_cut) *tags_cut = page->tags_cut;
  return page->parse_work;
}

void ExpectLinear(const std::function<std::string(size_t)>& make, size_t n) {
  const uint64_t one = Work(make(n));
  const uint64_t two = Work(make(2 * n));
  ASSERT_GT(one, 0u);
  EXPECT_LE(static_cast<double>(two), 2.2 * static_cast<double>(one)) << one << " then " << two;
}

TEST(AttributeCapTest, OneElementWithManyAttributesIsLinear) {
  ExpectLinear(OneElement, 20000);
  size_t cut = 0;
  Work(OneElement(20000), &cut);
  EXPECT_EQ(cut, 1u);
  // The article after the element is still found.
  auto page = ExtractHtml(OneElement(20000));
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->text.find("harbour authority of Velmar"), std::string::npos);
}

TEST(AttributeCapTest, ManyElementsUnderTheCapAreLinear) {
  ExpectLinear(ManyFullElements, 200);
  size_t cut = 1;
  Work(ManyFullElements(10), &cut);
  EXPECT_EQ(cut, 0u) << "elements within the cap are left alone";
}

TEST(AttributeCapTest, TagsInsideTagsAreLinear) { ExpectLinear(NestedStarts, 20000); }

TEST(AttributeCapTest, StartsInsideQuotedValuesAreLinear) { ExpectLinear(StartsInQuotes, 20000); }

TEST(AttributeCapTest, OrdinaryPagesAreUnchanged) {
  std::string page = std::string("<html><head><script>if (a<b && c) { x = \"<i q\"; }</script></head><body>") +
                     "<img src=\"x.png\" alt=\"a > b\" width=3 height=4 data-x='1' hidden>" + kArticle +
                     "</body></html>";
  std::string out;
  internal::AttributeCapStats stats;
  EXPECT_FALSE(internal::LimitAttributes(page, 256, &out, &stats));
  EXPECT_FALSE(stats.gave_up);
}

TEST(AttributeCapTest, CutEndsTheTagAtTheCap) {
  std::string out;
  internal::AttributeCapStats stats;
  ASSERT_TRUE(internal::LimitAttributes("<p a b c d>text", 2, &out, &stats));
  EXPECT_EQ(out, "<p a b >c d>text");
  EXPECT_EQ(stats.tags_cut, 1u);
  // A quoted ">" does not end a tag; bogus attributes are not counted.
  ASSERT_TRUE(internal::LimitAttributes("<p a=\">\" @x !y b c>", 2, &out, &stats));
  EXPECT_EQ(out, "<p a=\">\" @x !y b >c>");
}

TEST(AttributeCapTest, NoElementLibxml2ReadsHasMoreThanTheCap) {
  // Random tag soup over the characters that decide how libxml2 reads a
  // start tag: after the cap, every element its parser reports has at most
  // that many attributes, whatever the quotes, slashes and stray "<" do.
  std::mt19937 rng(18);
  const std::string alphabet = "<<<aab   ==\"\"''>/x@.-1\n";
  constexpr size_t kCap = 3;
  size_t capped_pages = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string soup = "<body>";
    std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
    for (int i = 0; i < 200; ++i) soup += alphabet[pick(rng)];
    std::string html = soup;
    internal::AttributeCapStats stats;
    std::string out;
    if (internal::LimitAttributes(soup, kCap, &out, &stats)) {
      html = out;
      ++capped_pages;
    }
    ASSERT_FALSE(stats.gave_up) << soup;
    internal::Dom dom = internal::ParseDom(html, 1000);
    for (uint32_t i = 0; i < dom.size(); ++i) {
      ASSERT_LE(dom.AttrCount(i), kCap) << "page:\n" << soup << "\nafter the cap:\n" << html;
    }
  }
  EXPECT_GT(capped_pages, 100u) << "the soup should often need the cap";
}

}  // namespace
}  // namespace rashomon
