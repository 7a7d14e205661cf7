// Every input parser costs at most about twice as much on its worst input
// made twice as big: `rashomon extract` (ingest only) is run under
// callgrind and its instruction count, less that of a one-article run, is
// compared at n and 2n. Skipped when valgrind is not installed.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <regex>
#include <string>

#include "cli_runner.h"

namespace rashomon::testing {
namespace {

// Instructions `rashomon extract <file>` executes, or -1 without valgrind.
long long Instructions(const TempDir& dir, const std::string& name, const std::string& content) {
  std::string file = dir.Write(name, content);
  std::string log = dir.File(name + ".log");
  std::string cmd = "RASHOMON_NO_PROGRESS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null " +
                    std::string(RASHOMON_BINARY) + " -q extract '" + file + "' -o /dev/null >/dev/null 2>'" +
                    log + "'";
  if (std::system(cmd.c_str()) != 0) return -1;
  std::smatch m;
  std::string text = ReadWholeFile(log);
  static const std::regex kCollected("Collected : ([0-9]+)");
  return std::regex_search(text, m, kCollected) ? std::stoll(m[1]) : -1;
}

bool HaveValgrind() { return std::system("valgrind --version >/dev/null 2>&1") == 0; }

// valgrind cannot run a binary built with AddressSanitizer (the sanitizer
// build of scripts/robust-checks.sh); the Release suite measures the costs.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// The cost of make(2n) over that of make(n), each less the cost of make(1).
void ExpectLinear(const std::string& ext, const std::function<std::string(int)>& make, int n) {
  if (kSanitized) GTEST_SKIP() << "valgrind cannot run an AddressSanitizer build";
  if (!HaveValgrind()) GTEST_SKIP() << "valgrind is not installed (scripts/install-deps.sh --test)";
  TempDir dir;
  long long base = Instructions(dir, "base" + ext, make(1));
  long long one = Instructions(dir, "one" + ext, make(n));
  long long two = Instructions(dir, "two" + ext, make(2 * n));
  ASSERT_GT(base, 0);
  ASSERT_GT(one, base);
  ASSERT_GT(two, one);
  double ratio = static_cast<double>(two - base) / static_cast<double>(one - base);
  std::printf("instructions: base %lld, n %lld, 2n %lld; ratio %.2f\n", base, one, two, ratio);
  EXPECT_LE(ratio, 2.3) << "instructions: base " << base << ", n " << one << ", 2n " << two;
}

std::string Sentence(int i) {
  return "Flood barrier " + std::to_string(i) + " opened in Lowmarsh on Tuesday, the council said.";
}

TEST(ParserCostTest, JsonLinesManyRecordsUnderOneId) {
  ExpectLinear(".jsonl", [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "{\"id\": \"same\", \"text\": \"" + Sentence(i) + "\"}\n";
    return s;
  }, 4000);
}

TEST(ParserCostTest, JsonLinesOneRecordWithManyFields) {
  ExpectLinear(".jsonl", [](int n) {
    std::string s = "{\"id\": \"wide\"";
    for (int i = 0; i < n; ++i) s += ", \"f" + std::to_string(i) + "\": [\"" + std::to_string(i) + "\"]";
    return s + ", \"text\": \"" + Sentence(0) + "\"}\n";
  }, 20000);
}

TEST(ParserCostTest, WarcOneRecordWithManyHeaders) {
  ExpectLinear(".warc", [](int n) {
    std::string body = "<html><body><article><p>" + Sentence(1) + " " + Sentence(2) + "</p></article></body></html>";
    std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n";
    for (int i = 0; i < n; ++i) http += "X-Header-" + std::to_string(i) + ": v\r\n";
    http += "\r\n" + body;
    return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/a\r\n"
           "WARC-Date: 2024-03-05T10:00:00Z\r\nContent-Length: " + std::to_string(http.size()) + "\r\n\r\n" + http +
           "\r\n\r\n";
  }, 10000);
}

TEST(ParserCostTest, WarcManySmallRecords) {
  ExpectLinear(".warc", [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
      std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + Sentence(i) +
                         "</p></body></html>";
      s += "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/" + std::to_string(i) +
           "\r\nContent-Length: " + std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
    }
    return s;
  }, 500);
}

TEST(ParserCostTest, HtmlOneElementWithManyAttributes) {
  ExpectLinear(".html", [](int n) {
    std::string s = "<html><body><div";
    for (int i = 0; i < n; ++i) s += " a" + std::to_string(i) + "=\"" + std::to_string(i) + "\"";
    return s + "><p>" + Sentence(3) + "</p></div></body></html>";
  }, 20000);
}

TEST(ParserCostTest, TextWithLongFrontMatter) {
  ExpectLinear(".md", [](int n) {
    std::string s = "---\ntitle: Lowmarsh barrier\n";
    for (int i = 0; i < n; ++i) s += "key" + std::to_string(i) + ": value " + std::to_string(i) + "\n";
    return s + "---\n" + Sentence(4) + "\n";
  }, 20000);
}

}  // namespace
}  // namespace rashomon::testing
