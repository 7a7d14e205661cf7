// WARC reader: records built in the test, plain and gzip per record.
#include <zlib.h>

#include <gtest/gtest.h>

#include "base/test_util.h"
#include "base/time.h"
#include "ingest/ingest.h"

namespace rashomon {
namespace {

using testing::TempDir;


std::string Record(const std::string& type, const std::string& uri, const std::string& block,
                   const std::string& date = "2024-03-05T10:00:00Z") {
  std::string h = "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" + std::to_string(block.size()) +
                  ">\r\nWARC-Date: " + date + "\r\n";
  if (!uri.empty()) h += "WARC-Target-URI: " + uri + "\r\n";
  h += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  return h + block + "\r\n\r\n";
}

std::string Http(int status, const std::string& type, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string Page(const std::string& words, const std::string& head = "") {
  return "<html><head><title>" + words + " headline here</title>" + head + "</head><body><article><p>" + words +
         " happened today, officials said, and the reaction was swift, according to several witnesses.</p><p>More "
         "detail on " + words + " followed later in the evening, with further statements expected.</p></article>"
         "</body></html>";
}

struct WarcRun {
  std::vector<Article> articles;
  std::vector<Diagnostic> diags;
  IngestStats stats;
  size_t errors = 0;
};

WarcRun Read(const std::string& path, const IngestOptions& options = IngestOptions()) {
  WarcRun run;
  Diagnostics diag(/*echo=*/false);
  ArticleCollector collector(&diag);
  run.stats = IngestPaths({path}, options, diag, collector.AsSink());
  run.articles = std::move(collector.articles());
  run.diags = diag.Snapshot();
  run.errors = diag.error_count();
  return run;
}

std::vector<std::string> MixedRecords() {
  return {
      Record("warcinfo", "", "software: test\r\n"),
      Record("request", "https://a.example/1", "GET /1 HTTP/1.1\r\n\r\n"),
      Record("response", "https://a.example/2024/01/02/dam", Http(200, "text/html; charset=utf-8", Page("Dam"))),
      Record("response", "https://a.example/missing", Http(404, "text/html", Page("Missing"))),
      Record("response", "https://a.example/logo.png", Http(200, "image/png", std::string("\x89PNG\0\0", 6))),
      Record("response", "https://b.example/bridge",
             Http(200, "text/html",
                  Page("Bridge", "<meta property=\"article:published_time\" content=\"2024-02-01T08:00:00Z\">"))),
      Record("response", "https://b.example/plain", Http(200, "text/html", Page("Plain"))),
      Record("response", "https://b.example/mislabelled.png",
             Http(200, "text/html", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", 20))),
  };
}

TEST(WarcTest, ReadsHtmlResponsesAndSkipsTheRest) {
  TempDir dir;
  std::string warc;
  for (const std::string& r : MixedRecords()) warc += r;
  WarcRun run = Read(dir.Write("crawl.warc", warc));
  EXPECT_EQ(run.errors, 0u);
  ASSERT_EQ(run.articles.size(), 3u);
  EXPECT_EQ(run.articles[0].id, "https://a.example/2024/01/02/dam");
  EXPECT_EQ(run.articles[0].url, "https://a.example/2024/01/02/dam");
  EXPECT_EQ(FormatDate(*run.articles[0].published), "2024-01-02");  // from the URL
  EXPECT_EQ(FormatIso8601(*run.articles[1].published), "2024-02-01T08:00:00Z");  // from the page
  EXPECT_EQ(FormatIso8601(*run.articles[2].published), "2024-03-05T10:00:00Z");  // WARC-Date fallback
  EXPECT_NE(run.articles[2].text.find("Plain happened today"), std::string::npos);
  EXPECT_EQ(run.stats.skipped_records, 5u);  // warcinfo, request, 404, png, binary labelled HTML
}

TEST(WarcTest, GzipPerRecordAndTruncatedLastMember) {
  TempDir dir;
  std::string gz;
  std::vector<std::string> records = MixedRecords();
  records.pop_back();  // end on an HTML record, so the cut below damages it
  for (const std::string& r : records) gz += testing::Gzip(r);
  WarcRun whole = Read(dir.Write("crawl.warc.gz", gz));
  EXPECT_EQ(whole.errors, 0u);
  EXPECT_EQ(whole.articles.size(), 3u);

  std::string cut = gz.substr(0, gz.size() - 20);
  WarcRun truncated = Read(dir.Write("cut.warc.gz", cut));
  EXPECT_EQ(truncated.errors, 1u);
  EXPECT_EQ(truncated.articles.size(), 2u);  // the records before the damage
  ASSERT_FALSE(truncated.diags.empty());
  bool named = false;
  for (const Diagnostic& d : truncated.diags) named |= d.file.find("cut.warc.gz") != std::string::npos && !d.record.empty();
  EXPECT_TRUE(named);
}

TEST(WarcTest, MalformedHeaderIsOneErrorAndTheRestIsRead) {
  TempDir dir;
  std::vector<std::string> r = MixedRecords();
  std::string warc = r[2] + "this is not a WARC header\r\nnor is this\r\n\r\n" + r[5] +
                     "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\n" + r[6];
  WarcRun run = Read(dir.Write("bad.warc", warc));
  EXPECT_EQ(run.errors, 2u);
  EXPECT_EQ(run.articles.size(), 3u);
  for (const Diagnostic& d : run.diags) {
    if (d.severity == Severity::kError) {
      EXPECT_NE(d.record.find("record"), std::string::npos) << d.message;
    }
  }
}

TEST(WarcTest, RecordLongerThanTheFileIsReported) {
  TempDir dir;
  std::vector<std::string> r = MixedRecords();
  std::string body = Http(200, "text/html", Page("Short"));
  std::string lying = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://c.example/x\r\nContent-Length: " +
                      std::to_string(body.size() + 5000) + "\r\n\r\n" + body;
  WarcRun run = Read(dir.Write("long.warc", r[2] + lying));
  EXPECT_EQ(run.articles.size(), 1u);
  ASSERT_EQ(run.errors, 1u);
  EXPECT_NE(run.diags.back().message.find("cut short"), std::string::npos);
  EXPECT_NE(run.diags.back().record.find("https://c.example/x"), std::string::npos);
}

TEST(WarcTest, RecordShorterThanItsDataIsOneErrorAndTheRestIsRead) {
  TempDir dir;
  std::vector<std::string> r = MixedRecords();
  // The block runs on past its Content-Length: the surplus is not a header.
  std::string body = Http(200, "text/html", Page("Overflow"));
  std::string overlong = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://c.example/over\r\n"
                         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body +
                         "surplus bytes that belong to no record\r\nmore of them\r\n\r\n";
  WarcRun run = Read(dir.Write("over.warc", r[2] + overlong + r[5]));
  EXPECT_EQ(run.errors, 1u);
  ASSERT_EQ(run.articles.size(), 3u);
  EXPECT_EQ(run.articles[1].id, "https://c.example/over");
  EXPECT_EQ(run.articles[2].id, "https://b.example/bridge");
  for (const Diagnostic& d : run.diags) {
    if (d.severity == Severity::kError) {
      EXPECT_NE(d.message.find("malformed WARC header"), std::string::npos);
    }
  }
}

TEST(WarcTest, RecordOverTheSizeLimitIsSkippedAndTheRestIsRead) {
  TempDir dir;
  std::vector<std::string> r = MixedRecords();
  std::string big = Page("Big");
  while (big.size() < 20000) big += "<p>Padding paragraph of the oversized page, repeated many times.</p>";
  IngestOptions options;
  options.max_file_bytes = 8192;  // stands in for the 256 MiB default
  WarcRun run = Read(dir.Write("big.warc", r[2] + Record("response", "https://c.example/big",
                                                          Http(200, "text/html", big)) + r[5]),
                     options);
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[0].id, "https://a.example/2024/01/02/dam");
  EXPECT_EQ(run.articles[1].id, "https://b.example/bridge");
  ASSERT_EQ(run.errors, 1u);
  const Diagnostic* error = nullptr;
  for (const Diagnostic& d : run.diags) {
    if (d.severity == Severity::kError) error = &d;
  }
  ASSERT_NE(error, nullptr);
  EXPECT_NE(error->file.find("big.warc"), std::string::npos);
  EXPECT_NE(error->record.find("record 2 https://c.example/big"), std::string::npos) << error->record;
  EXPECT_NE(error->message.find("over the 8192 bytes limit"), std::string::npos) << error->message;
}

TEST(WarcTest, OversizedPageIsCutWithAWarningNamingItsRecord) {
  TempDir dir;
  std::vector<std::string> r = MixedRecords();
  std::string huge = "<html><head><title>Huge page</title></head><body><article>";
  const std::string para = "<p>A paragraph of a page far longer than any article, with commas, and words.</p>\n";
  while (huge.size() < (17u << 20)) huge += para;  // past the extractor's 16 MiB cut
  WarcRun run = Read(dir.Write("huge.warc", Record("response", "https://c.example/huge",
                                                    Http(200, "text/html", huge)) + r[5]));
  EXPECT_EQ(run.errors, 0u);
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[0].title, "Huge page");
  EXPECT_EQ(run.articles[1].id, "https://b.example/bridge");
  bool warned = false;
  for (const Diagnostic& d : run.diags) {
    warned |= d.severity == Severity::kWarning && d.record.find("https://c.example/huge") != std::string::npos &&
              d.message.find("16 MiB") != std::string::npos;
  }
  EXPECT_TRUE(warned);
}

TEST(WarcTest, Utf16ResponsesAreRead) {
  TempDir dir;
  std::vector<std::string> r = MixedRecords();
  std::string page = testing::Utf16(Page("Caf\xC3\xA9"), true);
  WarcRun run = Read(dir.Write("u16.warc", r[2] + Record("response", "https://c.example/utf16",
                                                          Http(200, "text/html; charset=UTF-16LE", page))));
  EXPECT_EQ(run.errors, 0u);
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[1].title, "Caf\xC3\xA9 headline here");
  EXPECT_NE(run.articles[1].text.find("Caf\xC3\xA9 happened today"), std::string::npos) << run.articles[1].text;
}

TEST(WarcTest, BinaryGarbageNeverCrashes) {
  TempDir dir;
  std::string junk = "WARC/1.0\r\nContent-Length: 3\r\n\r\n\x01\x02\x03";
  for (int i = 0; i < 2000; ++i) junk += static_cast<char>((i * 131 + 7) & 0xFF);
  WarcRun run = Read(dir.Write("junk.warc", junk));
  EXPECT_TRUE(run.articles.empty());
  EXPECT_GE(run.errors, 1u);
}

}  // namespace
}  // namespace rashomon
