// Store ingest: articles per second when adding generated articles to a
// database, for a first ingest into an empty file and for adding a batch to
// a database that already holds more (the incremental case `ingest` and
// `serve`'s POST run). Articles are recombined from the sentences of
// ../shared/data/polnear (the corpus generator of `rashomon generate`);
// without that folder the benchmarks skip.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/test_util.h"
#include "eval/corpus_gen.h"
#include "ingest/ingest.h"
#include "store/store.h"

namespace rashomon {
namespace {

using testing::TempDir;

const std::vector<std::string>& Sentences() {
  static const std::vector<std::string>* sentences = [] {
    auto* out = new std::vector<std::string>;
    std::string dir = std::string(RASHOMON_SHARED_DIR) + "/data/polnear";
    if (!std::filesystem::exists(dir)) return out;
    Diagnostics diag;
    IngestPaths({dir}, IngestOptions(), diag, [&](Article&& a) {
      // The generator's sentence splitter (text/segment.h has another overload).
      auto* split_fn = static_cast<std::vector<std::string> (*)(std::string_view)>(&SplitSentences);
      std::vector<std::string> split = split_fn(a.text);
      for (std::string& s : split) out->push_back(std::move(s));
    });
    return out;
  }();
  return *sentences;
}

// `n` generated articles (about 4 KB each) whose stories span them all, as
// in a crawl; `seed` varies the corpus.
std::vector<Article> Generate(size_t n, uint64_t seed) {
  CorpusGenOptions options;
  options.articles = n;
  options.seed = seed;
  std::vector<Article> out;
  out.reserve(n);
  Status st = GenerateCorpus(Sentences(), options, [&](const Article& a, const GoldRecord&) { out.push_back(a); });
  if (!st.ok()) out.clear();
  return out;
}

size_t Bytes(const std::vector<Article>& articles) {
  size_t b = 0;
  for (const Article& a : articles) b += a.text.size();
  return b;
}

store::StoreOptions Options() {
  store::StoreOptions o;
  o.pipeline.threads = 1;
  o.pipeline.progress = false;
  return o;
}

// A first ingest of N articles into an empty database.
void BM_StoreIngestNew(benchmark::State& state) {
  if (Sentences().size() < 50) {
    state.SkipWithError("../shared/data/polnear not found");
    return;
  }
  const auto articles = Generate(static_cast<size_t>(state.range(0)), 1);
  for (auto _ : state) {
    state.PauseTiming();
    TempDir dir;
    auto st = store::Store::Open(dir.File("bench.db"), Options());
    std::vector<Article> copy = articles;
    state.ResumeTiming();
    auto r = (*st)->Ingest(std::move(copy));
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
    state.PauseTiming();
    st->reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(articles.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(Bytes(articles)));
}
BENCHMARK(BM_StoreIngestNew)->Arg(1000)->Arg(4000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

// 500 more articles into a database that already holds N (each iteration
// starts from a copy of the same file, so every one measures the same step).
void BM_StoreIngestIncrement(benchmark::State& state) {
  if (Sentences().size() < 50) {
    state.SkipWithError("../shared/data/polnear not found");
    return;
  }
  const size_t held = static_cast<size_t>(state.range(0));
  const size_t more = 500;
  auto all = Generate(held + more, 2);
  std::vector<Article> base(all.begin(), all.begin() + static_cast<ptrdiff_t>(held));
  const std::vector<Article> extra(all.begin() + static_cast<ptrdiff_t>(held), all.end());
  TempDir dir;
  const std::string seed_db = dir.File("seed.db");
  {
    auto st = store::Store::Open(seed_db, Options());
    auto r = (*st)->Ingest(std::move(base));
    if (!r.ok()) {
      state.SkipWithError(r.status().message().c_str());
      return;
    }
  }  // closing checkpoints the WAL into the file
  for (auto _ : state) {
    state.PauseTiming();
    const std::string db = dir.File("run.db");
    std::filesystem::copy_file(seed_db, db, std::filesystem::copy_options::overwrite_existing);
    auto st = store::Store::Open(db, Options());
    std::vector<Article> copy = extra;
    state.ResumeTiming();
    auto r = (*st)->Ingest(std::move(copy));
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
    state.PauseTiming();
    st->reset();
    std::filesystem::remove(db);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(more));
}
BENCHMARK(BM_StoreIngestIncrement)->Arg(2000)->Arg(8000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->Iterations(3);

}  // namespace
}  // namespace rashomon
