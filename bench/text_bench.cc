// Throughput of the text stage and story clustering, in MB/s and items/s.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/article.h"
#include "stories/stories.h"
#include "text/corpus.h"
#include "text/document.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// Real news prose: the seed articles, or a generated stand-in without them.
std::vector<Article> LoadProse() {
  std::vector<Article> out;
  std::string dir = std::string(RASHOMON_SHARED_DIR) + "/corpus/seeds";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    Article a;
    a.id = entry.path().stem().string();
    a.text = ss.str();
    out.push_back(std::move(a));
  }
  if (out.empty()) {
    Article a;
    a.id = "generated";
    for (int i = 0; i < 200; ++i) {
      a.text += "The council in Kessel said on Monday that the bridge, closed since March, would reopen "
                "after engineers replaced " + std::to_string(i) + " steel supports.\n";
    }
    out.push_back(std::move(a));
  }
  return out;
}

void BM_Tokenize(benchmark::State& state) {
  std::vector<Article> articles = LoadProse();
  TokenizeOptions options;
  options.stem = state.range(0) != 0;
  std::vector<Token> tokens;
  size_t bytes = 0;
  for (auto _ : state) {
    for (const Article& a : articles) {
      tokens.clear();
      Tokenize(a.text, 0, static_cast<uint32_t>(a.text.size()), options, &tokens);
      bytes += a.text.size();
    }
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Tokenize)->Arg(0)->Arg(1);

void BM_BuildDocument(benchmark::State& state) {
  std::vector<Article> articles = LoadProse();
  LineStats stats;
  for (const Article& a : articles) stats.AddArticle(a.text);
  size_t bytes = 0;
  for (auto _ : state) {
    for (const Article& a : articles) {
      Document d = BuildDocument(a, &stats);
      benchmark::DoNotOptimize(d.tokens.data());
      bytes += a.text.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_BuildDocument);

void BM_FindStories(benchmark::State& state) {
  std::vector<Article> base = LoadProse();
  std::vector<Article> articles;
  for (int copy = 0; copy < state.range(0); ++copy) {
    for (const Article& a : base) {
      Article b = a;
      b.id += "-" + std::to_string(copy);
      articles.push_back(std::move(b));
    }
  }
  std::vector<Document> docs = BuildDocuments(articles, {}, nullptr, 1);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  StoryOptions options;
  options.cluster.threads = 1;
  for (auto _ : state) {
    StoryAssignment a = FindStories(ptrs, options);
    benchmark::DoNotOptimize(a.stories.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * articles.size()));
}
BENCHMARK(BM_FindStories)->Arg(4)->Arg(40);

}  // namespace
}  // namespace rashomon
