#include "html/dom.h"

#include <gtest/gtest.h>

#include <string>

namespace rashomon::internal {
namespace {

// The first element with this tag, or kNone.
uint32_t Find(const Dom& dom, Tag tag) {
  for (uint32_t i = 1; i < dom.size(); ++i) {
    if (dom.IsElement(i) && dom.tag(i) == tag) return i;
  }
  return Dom::kNone;
}

bool Inside(const Dom& dom, uint32_t node, Tag ancestor) {
  for (uint32_t p = dom.Parent(node); p != Dom::kNone; p = dom.Parent(p)) {
    if (dom.tag(p) == ancestor) return true;
  }
  return false;
}

TEST(DomTest, TreeTextAndAttributes) {
  Dom dom = ParseDom(R"(<HTML LANG="de"><body><DIV Class="Story">Caf&eacute; &amp; more<p>One</p></div></body>)", 100);
  uint32_t html = Find(dom, Tag::kHtml);
  ASSERT_NE(html, Dom::kNone);
  EXPECT_EQ(dom.Attr(html, "lang"), "de");
  uint32_t div = Find(dom, Tag::kDiv);
  ASSERT_NE(div, Dom::kNone);
  EXPECT_EQ(dom.Attr(div, "class"), "Story");
  EXPECT_TRUE(dom.HasAttr(div, "class"));
  EXPECT_FALSE(dom.HasAttr(div, "id"));
  ASSERT_TRUE(dom.IsText(div + 1));
  EXPECT_EQ(dom.Text(div + 1), "Caf\xC3\xA9 & more");
  uint32_t p = Find(dom, Tag::kP);
  EXPECT_EQ(dom.Parent(p), div);
  EXPECT_EQ(dom.End(p), p + 2);  // the <p> and its text
  EXPECT_EQ(dom.FindChild(Find(dom, Tag::kBody), Tag::kDiv), div);
  // Children of the div: its text, then the <p>.
  std::vector<uint32_t> kids;
  for (uint32_t c = div + 1; c < dom.End(div); c = dom.End(c)) kids.push_back(c);
  EXPECT_EQ(kids, (std::vector<uint32_t>{div + 1, p}));
}

TEST(DomTest, SectionEndTagClosesWhatIsLeftOpenInside) {
  // libxml2 alone would keep the unclosed <div> open past </nav>, putting
  // the article inside the navigation.
  Dom dom = ParseDom("<body><nav><div class=menu><a href=/>Home</a></nav><article><p>Story text</p></article></body>",
                     100);
  uint32_t p = Find(dom, Tag::kP);
  ASSERT_NE(p, Dom::kNone);
  EXPECT_FALSE(Inside(dom, p, Tag::kNav));
  EXPECT_TRUE(Inside(dom, p, Tag::kArticle));
  uint32_t nav = Find(dom, Tag::kNav);
  EXPECT_LT(dom.End(nav), Find(dom, Tag::kArticle) + 1);
}

TEST(DomTest, ScriptTextIsOneNode) {
  Dom dom = ParseDom(R"(<head><script type="application/ld+json">{"a": "<b>x</b>"}</script></head>)", 100);
  uint32_t s = Find(dom, Tag::kScript);
  ASSERT_NE(s, Dom::kNone);
  ASSERT_TRUE(dom.IsText(s + 1));
  EXPECT_EQ(dom.Text(s + 1), R"({"a": "<b>x</b>"})");
}

TEST(DomTest, ElementsPastMaxDepthAreFlattenedTextKept) {
  std::string html = "<body>";
  for (int i = 0; i < 50; ++i) html += "<div>";
  html += "deep words";
  for (int i = 0; i < 50; ++i) html += "</div>";
  html += "<p>after</p>";
  Dom dom = ParseDom(html, 10);
  size_t divs = 0;
  std::string text;
  for (uint32_t i = 0; i < dom.size(); ++i) {
    if (dom.IsElement(i) && dom.tag(i) == Tag::kDiv) ++divs;
    if (dom.IsText(i)) text += dom.Text(i);
  }
  EXPECT_LT(divs, 10u);
  EXPECT_EQ(text, "deep wordsafter");
  uint32_t p = Find(dom, Tag::kP);
  ASSERT_NE(p, Dom::kNone);
  EXPECT_EQ(dom.tag(dom.Parent(p)), Tag::kBody);
}

TEST(DomTest, EmptyAndGarbageInput) {
  EXPECT_EQ(ParseDom("", 100).size(), 1u);
  Dom dom = ParseDom("<<<>>></x></y><p <q", 100);
  for (uint32_t i = 0; i < dom.size(); ++i) EXPECT_LE(dom.End(i), dom.size());
}

}  // namespace
}  // namespace rashomon::internal
