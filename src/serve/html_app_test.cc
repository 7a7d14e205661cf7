#include "serve/html_app.h"

#include <gtest/gtest.h>

#include "serve/test_fixture.h"
#include "serve/web_assets.h"

namespace rashomon::serve {
namespace {

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

TEST(EscapeJsonForScript, NothingCanCloseTheElement) {
  std::string out = EscapeJsonForScript("{\"a\":\"</script><!-- & \xe2\x80\xa8\"}");
  EXPECT_EQ(out.find('<'), std::string::npos);
  EXPECT_EQ(out.find('>'), std::string::npos);
  EXPECT_EQ(out.find('&'), std::string::npos);
  EXPECT_EQ(out.find("\xe2\x80\xa8"), std::string::npos);
  EXPECT_NE(out.find("\\u003c/script\\u003e"), std::string::npos);
  EXPECT_NE(out.find("\\u2028"), std::string::npos);
}

TEST(WriteAppHtml, EmbedsEverythingAndEscapesHostileText) {
  testing::Fixture f = testing::MakeFixture(8);
  std::string html = WriteAppHtml(f.report, f.articles);
  // Exactly our two script elements close: the data and the app.
  EXPECT_EQ(Count(html, "</script"), 2u);
  EXPECT_EQ(Count(html, "<script"), 2u);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("alert(2)</"), std::string::npos);
  // Self-contained: no external script, style or font.
  EXPECT_EQ(html.find("src=\""), std::string::npos);
  // The one link is the favicon, inlined as a data: URL.
  EXPECT_EQ(Count(html, "<link"), 1u);
  EXPECT_NE(html.find("<link rel=\"icon\" type=\"image/svg+xml\" href=\"data:image/svg+xml,%3Csvg%20"),
            std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  // Data for stories and for article views is there.
  EXPECT_NE(html.find("s-harbor"), std::string::npos);
  EXPECT_NE(html.find("\"paragraphs\""), std::string::npos);
  EXPECT_NE(html.find("Harbor crane collapse injures 12 workers"), std::string::npos);
  // Topics of several stories go in too, their hostile label escaped like
  // the rest (no "<img" above); the one-story topic stays out.
  EXPECT_NE(html.find("\"topics\":{\"computed\":true,\"topics\":[{\"id\":\"t-harborbig\""), std::string::npos);
  EXPECT_NE(html.find("Collapse, workers: Harbor \\u003cimg"), std::string::npos);
  EXPECT_EQ(html.find("t-quiet"), std::string::npos);
}

TEST(WebAssets, AreCompiledInAndSafeToInline) {
  for (const char* name : {"index.html", "app.js", "style.css", "favicon.svg"}) {
    const WebAsset* a = FindWebAsset(name);
    ASSERT_NE(a, nullptr) << name;
    EXPECT_GT(a->data.size(), 100u) << name;
  }
  EXPECT_EQ(FindWebAsset("../app.js"), nullptr);
  // Script and style are inlined in the HTML report, where "</" would end them.
  EXPECT_EQ(FindWebAsset("app.js")->data.find("</"), std::string_view::npos);
  EXPECT_EQ(FindWebAsset("style.css")->data.find("</"), std::string_view::npos);
  // The UI never hands data to the HTML parser.
  EXPECT_EQ(FindWebAsset("app.js")->data.find("innerHTML"), std::string_view::npos);
  EXPECT_EQ(FindWebAsset("app.js")->data.find("insertAdjacentHTML"), std::string_view::npos);
  EXPECT_EQ(FindWebAsset("app.js")->data.find("document.write"), std::string_view::npos);
}

}  // namespace
}  // namespace rashomon::serve
