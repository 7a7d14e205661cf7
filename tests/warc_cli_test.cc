// A generated WARC of thousands of records, built here from the Readability
// test pages in ../shared/data, read end to end into stories (ctest label
// "eval": it reads the shared data and takes tens of seconds).
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "base/test_util.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "base/stream.h"
#include "cli_runner.h"

namespace rashomon::testing {
namespace {


std::string Record(const std::string& uri, const std::string& http) {
  return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Target-URI: " + uri +
         "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " + std::to_string(http.size()) +
         "\r\n\r\n" + http + "\r\n\r\n";
}

TEST(WarcCliTest, ThousandsOfRecordsReadIntoStories) {
  std::string pages = SharedDir() + "/data/mozilla-readability-test-pages/pages";
  if (!std::filesystem::exists(pages)) GTEST_SKIP() << "no readability test pages";
  std::vector<std::pair<std::string, std::string>> sources;  // name, html
  for (const auto& e : std::filesystem::directory_iterator(pages)) {
    auto in = OpenInput((e.path() / "source.html.gz").string());
    if (!in.ok()) continue;
    auto all = ReadAll(**in, 64u << 20);
    if (all.ok()) sources.emplace_back(e.path().filename().string(), std::move(all).value());
  }
  std::sort(sources.begin(), sources.end());
  ASSERT_GE(sources.size(), 100u);

  TempDir dir;
  std::string path = dir.File("crawl.warc.gz");
  std::ofstream out(path, std::ios::binary);
  const int kRecords = 2000;
  int html_records = 0;
  for (int i = 0; i < kRecords; ++i) {
    const auto& [name, html] = sources[i % sources.size()];
    std::string uri = "https://pages.test/" + name + "/" + std::to_string(i);
    std::string http;
    if (i % 10 == 7) {
      http = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>";
    } else if (i % 10 == 9) {
      http = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}";
    } else {
      http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html;
      ++html_records;
    }
    std::string member = testing::Gzip(Record(uri, http));
    out.write(member.data(), static_cast<std::streamsize>(member.size()));
  }
  out.close();

  CliResult r = RunCli("stories '" + path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  int lines = CountLines(r.out);
  std::printf("WARC of %d records (%d HTML 200): %d articles\n", kRecords, html_records, lines);
  EXPECT_GE(lines, html_records * 95 / 100);
  EXPECT_LE(lines, html_records);
  // Copies of one page (same text, different URIs) land in one story.
  std::map<std::string, std::set<std::string>> stories_of_page;
  size_t start = 0;
  while (start < r.out.size()) {
    size_t nl = r.out.find('\n', start);
    auto j = nlohmann::json::parse(r.out.substr(start, nl - start));
    std::string uri = j["article"];
    ASSERT_EQ(uri.rfind("https://pages.test/", 0), 0u) << uri;
    std::string page = uri.substr(19, uri.rfind('/') - 19);
    stories_of_page[page].insert(j["story"].get<std::string>());
    start = nl + 1;
  }
  size_t together = 0;
  for (const auto& [page, stories] : stories_of_page) together += stories.size() == 1;
  EXPECT_GE(together, stories_of_page.size() * 9 / 10);
  EXPECT_NE(r.err.find("non-200"), std::string::npos) << r.err.substr(0, 500);
}

}  // namespace
}  // namespace rashomon::testing
