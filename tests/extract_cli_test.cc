// Integration tests of HTML input through the command line: `rashomon
// extract` and HTML pages fed to `stories`/`analyze` directly.
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>

#include "cli_runner.h"

namespace rashomon::testing {
namespace {

std::string Page(const std::string& title, const std::string& site, const std::string& body) {
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + " | " + site +
         "</title><meta property=\"og:site_name\" content=\"" + site +
         "\"><meta property=\"article:published_time\" content=\"2026-02-07T09:00:00Z\"></head><body>"
         "<nav><a href=\"/\">Home</a> <a href=\"/world\">World news</a></nav><article><h1>" +
         title + "</h1>" + body +
         "</article><footer>Copyright notice and the usual terms of use for this web site.</footer></body></html>";
}

const char kBody[] =
    "<p>A passenger ferry carrying 214 people sank off the northern coast early on Saturday, the port authority "
    "said, after it struck rocks in a storm.</p><p>Rescue crews pulled 180 survivors from the water, and the "
    "search for the missing continued through the night, officials said.</p>";

TEST(ExtractCliTest, ExtractWritesOneJsonLinePerPage) {
  TempDir dir;
  dir.Write("ferry-sinks.html", Page("Ferry sinks off northern coast", "Harbour Times", kBody));
  dir.Write("empty.htm", "<html><body><script>1</script></body></html>");
  CliResult r = RunCli("extract '" + dir.path() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;  // the empty page is reported
  EXPECT_NE(r.err.find("empty.htm"), std::string::npos) << r.err;
  ASSERT_EQ(CountLines(r.out), 1) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["id"], "ferry-sinks");
  EXPECT_EQ(j["title"], "Ferry sinks off northern coast");
  EXPECT_EQ(j["site"], "Harbour Times");
  EXPECT_EQ(j["lang"], "en");
  EXPECT_EQ(j["published"], "2026-02-07T09:00:00Z");
  std::string text = j["text"];
  EXPECT_NE(text.find("Rescue crews pulled 180 survivors"), std::string::npos);
  EXPECT_EQ(text.find("Copyright"), std::string::npos);
  EXPECT_EQ(text.find("World news"), std::string::npos);
  for (const char* key : {"id", "url", "title", "byline", "published", "site", "lang", "text"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
}

TEST(ExtractCliTest, StoriesAndAnalyzeAcceptHtmlPages) {
  TempDir dir;
  dir.Write("a.html", Page("Ferry sinks off northern coast", "Harbour Times", kBody));
  dir.Write("b.htm", Page("Hundreds rescued as ferry sinks", "Coast Daily",
                          "<p>Rescue crews pulled 180 survivors from the water after a passenger ferry carrying 214 "
                          "people sank off the northern coast early on Saturday, the port authority said.</p><p>The "
                          "search for the missing continued through the night, officials said, after it struck "
                          "rocks in a storm.</p>"));
  CliResult r = RunCli("stories '" + dir.path() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(CountLines(r.out), 2) << r.out;
  auto first = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
  auto second = nlohmann::json::parse(r.out.substr(r.out.find('\n') + 1));
  EXPECT_EQ(first["story"], second["story"]);

  CliResult a = RunCli("analyze --format json '" + dir.path() + "'");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto report = nlohmann::json::parse(a.out);
  ASSERT_EQ(report["stories"].size(), 1u);
  auto articles = report["stories"][0]["articles"];
  ASSERT_EQ(articles.size(), 2u);
  std::set<std::string> sources;
  for (const auto& art : articles) sources.insert(art["source"].get<std::string>());
  EXPECT_TRUE(sources.count("Harbour Times")) << articles.dump();
}

TEST(ExtractCliTest, ExtractReadsWarcRecords) {
  TempDir dir;
  std::string html = Page("Ferry sinks off northern coast", "Harbour Times", kBody);
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html;
  std::string warc = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2026-02-08T00:00:00Z\r\n"
                     "WARC-Target-URI: https://harbour.example/ferry\r\nContent-Length: " +
                     std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
  dir.Write("crawl.warc", warc);
  CliResult r = RunCli("extract '" + dir.File("crawl.warc") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(CountLines(r.out), 1) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["id"], "https://harbour.example/ferry");
  EXPECT_EQ(j["url"], "https://harbour.example/ferry");
  EXPECT_EQ(j["published"], "2026-02-07T09:00:00Z");  // the page's own date wins over WARC-Date
  EXPECT_NE(j["text"].get<std::string>().find("Rescue crews pulled 180 survivors"), std::string::npos);
}

}  // namespace
}  // namespace rashomon::testing
