// Throughput of HTML main-text extraction (decode, parse, extract, metadata)
// on the Readability test pages, in MB/s of HTML and pages/s; and of the
// parse into the page tree alone.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>

#include "base/stream.h"
#include "html/dom.h"
#include "html/extract.h"

namespace rashomon {
namespace {

const std::vector<std::string>& Pages() {
  static const std::vector<std::string> pages = [] {
    std::vector<std::string> out;
    std::string dir = std::string(RASHOMON_SHARED_DIR) + "/data/mozilla-readability-test-pages/pages";
    std::error_code ec;
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) paths.push_back(e.path() / "source.html.gz");
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      auto in = OpenInput(p.string());
      if (!in.ok()) continue;
      auto all = ReadAll(**in, 64u << 20);
      if (all.ok()) out.push_back(std::move(all).value());
    }
    if (out.empty()) {
      std::string page = "<html><head><title>Generated page</title></head><body><nav><a href=/>Home</a></nav><article>";
      for (int i = 0; i < 60; ++i) page += "<p>Paragraph " + std::to_string(i) + " of a generated article, with commas, and words.</p>";
      out.push_back(page + "</article></body></html>");
    }
    return out;
  }();
  return pages;
}

void BM_ExtractHtml(benchmark::State& state) {
  const auto& pages = Pages();
  size_t bytes = 0, items = 0;
  for (auto _ : state) {
    for (const std::string& p : pages) {
      auto page = ExtractHtml(p);
      benchmark::DoNotOptimize(page);
      bytes += p.size();
      ++items;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(items));
}
BENCHMARK(BM_ExtractHtml)->Unit(benchmark::kMillisecond);

void BM_ParseDom(benchmark::State& state) {
  const auto& pages = Pages();
  size_t bytes = 0, items = 0;
  for (auto _ : state) {
    for (const std::string& p : pages) {
      internal::Dom dom = internal::ParseDom(p, 1000);
      benchmark::DoNotOptimize(dom.size());
      bytes += p.size();
      ++items;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(items));
}
BENCHMARK(BM_ParseDom)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rashomon
