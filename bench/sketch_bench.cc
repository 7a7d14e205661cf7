// Near-duplicate sketching: tokenise+shingle MB/s, MinHash ns per shingle,
// LSH insert/query per article, on real prose (the seed articles, repeated).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "sketch/dedup.h"
#include "sketch/lsh.h"
#include "sketch/minhash.h"
#include "sketch/shingle.h"

namespace rashomon {
namespace {

// The seed articles' text, or a generated stand-in without them.
const std::vector<std::string>& Prose() {
  static const std::vector<std::string>* texts = [] {
    auto* out = new std::vector<std::string>;
    std::string dir = std::string(RASHOMON_SHARED_DIR) + "/corpus/seeds";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      std::ifstream in(entry.path());
      std::stringstream ss;
      ss << in.rdbuf();
      out->push_back(ss.str());
    }
    if (out->empty()) {
      std::string t;
      for (int i = 0; i < 200; ++i) {
        t += "The council in Kessel said on Monday that the bridge, closed since March, would "
             "reopen after "
             "engineers replaced " +
             std::to_string(i) + " steel supports.\n";
      }
      out->push_back(t);
    }
    return out;
  }();
  return *texts;
}

size_t ProseBytes() {
  size_t n = 0;
  for (const auto& t : Prose()) n += t.size();
  return n;
}

void BM_Tokenize(benchmark::State& state) {
  Shingler shingler;
  std::vector<uint64_t> hashes;
  for (auto _ : state) {
    for (const auto& t : Prose()) {
      hashes.clear();
      shingler.TokenHashes(t, &hashes);
    }
    benchmark::DoNotOptimize(hashes.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * ProseBytes()));
}
BENCHMARK(BM_Tokenize);

void BM_TokenizeShingle(benchmark::State& state) {
  Shingler shingler;
  std::vector<uint64_t> hashes;
  for (auto _ : state) {
    for (const auto& t : Prose()) shingler.ShingleHashes(t, &hashes);
    benchmark::DoNotOptimize(hashes.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * ProseBytes()));
}
BENCHMARK(BM_TokenizeShingle);

// The whole per-article sketch: tokenise, shingle, sign.
void BM_TokenizeShingleSign(benchmark::State& state) {
  Shingler shingler;
  MinHashOptions o;
  o.num_values = static_cast<int>(state.range(0));
  MinHasher hasher(o);
  std::vector<uint64_t> hashes;
  Signature sig;
  for (auto _ : state) {
    for (const auto& t : Prose()) {
      shingler.ShingleHashes(t, &hashes);
      hasher.Sign(hashes, &sig);
    }
    benchmark::DoNotOptimize(sig.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * ProseBytes()));
}
BENCHMARK(BM_TokenizeShingleSign)->Arg(128)->Arg(256);

// The same in one pass, as dedup signs: Shingler::Sign bins each shingle as
// it is made, with no array of token or shingle hashes.
void BM_TokenizeShingleSignFused(benchmark::State& state) {
  Shingler shingler;
  MinHashOptions o;
  o.num_values = static_cast<int>(state.range(0));
  MinHasher hasher(o);
  Signature sig;
  for (auto _ : state) {
    for (const auto& t : Prose()) shingler.Sign(t, hasher, &sig);
    benchmark::DoNotOptimize(sig.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * ProseBytes()));
}
BENCHMARK(BM_TokenizeShingleSignFused)->Arg(128)->Arg(256);

// The same on 1.2 MB: 64 copies of the prose with each copy's lines in a
// different order, so neither the caches nor the branch predictor can learn
// the text as they can with 19 KB repeated.
void BM_TokenizeShingleSignShuffled(benchmark::State& state) {
  static const std::vector<std::string>* texts = [] {
    auto* out = new std::vector<std::string>;
    std::vector<std::string> lines;
    for (const auto& t : Prose()) {
      size_t start = 0;
      while (start < t.size()) {
        size_t end = t.find('\n', start);
        if (end == std::string::npos) end = t.size();
        lines.push_back(t.substr(start, end - start));
        start = end + 1;
      }
    }
    std::mt19937_64 rng(5);
    for (int copy = 0; copy < 64; ++copy) {
      std::shuffle(lines.begin(), lines.end(), rng);
      std::string doc;
      for (const auto& l : lines) {
        doc += l;
        doc += '\n';
        if (doc.size() > 4000) {
          out->push_back(doc);
          doc.clear();
        }
      }
      if (!doc.empty()) out->push_back(doc);
    }
    return out;
  }();
  size_t bytes = 0;
  for (const auto& t : *texts) bytes += t.size();
  Shingler shingler;
  MinHasher hasher;
  std::vector<uint64_t> hashes;
  Signature sig;
  for (auto _ : state) {
    for (const auto& t : *texts) {
      shingler.ShingleHashes(t, &hashes);
      hasher.Sign(hashes, &sig);
    }
    benchmark::DoNotOptimize(sig.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_TokenizeShingleSignShuffled);

// The signature kernel alone, from shingle hashes: ns per shingle.
void BM_Sign(benchmark::State& state) {
  Shingler shingler;
  std::vector<std::vector<uint64_t>> sets;
  size_t shingles = 0;
  for (const auto& t : Prose()) {
    sets.emplace_back();
    shingler.ShingleHashes(t, &sets.back());
    shingles += sets.back().size();
  }
  MinHashOptions o;
  o.num_values = static_cast<int>(state.range(0));
  MinHasher hasher(o);
  Signature sig;
  for (auto _ : state) {
    for (const auto& s : sets) hasher.Sign(s, &sig);
    benchmark::DoNotOptimize(sig.data());
  }
  state.counters["ns_per_shingle"] =
      benchmark::Counter(static_cast<double>(state.iterations() * shingles) * 1e-9,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * shingles));
}
BENCHMARK(BM_Sign)->Arg(128)->Arg(256);

// Signatures of articles: random ones stand in (banding sees only values).
std::vector<Signature> RandomSignatures(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Signature> out(n, Signature(128));
  for (auto& s : out) {
    for (uint32_t& v : s) v = static_cast<uint32_t>(rng());
  }
  return out;
}

// Inserting into an index of range(0) articles: time per article.
void BM_LshInsert(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  std::vector<Signature> sigs = RandomSignatures(n, 1);
  double bytes_per_article = 0;
  for (auto _ : state) {
    LshIndex index;
    index.Reserve(n);
    for (const auto& s : sigs) index.Insert(s);
    bytes_per_article = static_cast<double>(index.MemoryBytes()) / n;
    benchmark::DoNotOptimize(index.size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.counters["bytes_per_article"] = bytes_per_article;
}
BENCHMARK(BM_LshInsert)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// Querying an index of range(0) articles; every tenth query is a near copy
// of a stored article, so verification runs too.
void BM_LshQuery(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  std::vector<Signature> sigs = RandomSignatures(n, 2);
  LshIndex index;
  index.Reserve(n);
  for (const auto& s : sigs) index.Insert(s);
  std::vector<Signature> queries = RandomSignatures(1000, 3);
  std::mt19937_64 rng(4);
  for (size_t i = 0; i < queries.size(); i += 10) {
    queries[i] = sigs[rng() % n];
    for (int c = 0; c < 8; ++c) queries[i][rng() % 128] = static_cast<uint32_t>(rng());
  }
  std::vector<LshIndex::Match> matches;
  size_t found = 0;
  for (auto _ : state) {
    for (const auto& q : queries) {
      index.Query(q, &matches);
      found += matches.size();
    }
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * queries.size()));
}
BENCHMARK(BM_LshQuery)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace rashomon
