// Per-story analysis (AnalyzeStory: quotes, numbers, entities, conflicts,
// fact units, provenance, summary) on one synthetic story of 10, 100 and
// 1000 articles. Time per article should stay roughly flat as the story
// grows: sentence matching and provenance are candidate-pruned.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "analysis/entities.h"
#include "analysis/facts.h"
#include "analysis/number_conflicts.h"
#include "analysis/story.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

// One event told by n articles: a pool of event statements that articles
// pick from and reword, their own sentences, and some near-copies of
// earlier articles. Deterministic (fixed seed); invented vocabulary.
std::vector<Article> SyntheticStory(size_t n) {
  std::mt19937_64 rng(42);
  auto pick = [&](size_t k) { return static_cast<size_t>(rng() % k); };
  std::vector<std::string> words;
  for (int i = 0; i < 4000; ++i) {
    std::string w;
    int len = 3 + static_cast<int>(i % 7);
    for (int c = 0; c < len; ++c) w.push_back(static_cast<char>('a' + (i * 7 + c * 13 + c * c) % 26));
    words.push_back(w + std::to_string(i % 97));
  }
  const char* const kFiller[] = {"the", "of", "and", "said", "in", "to", "a", "on", "was", "for"};
  auto word = [&]() {
    // Zipf-like: small indices are frequent.
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return words[static_cast<size_t>(std::pow(u, 3.0) * static_cast<double>(words.size() - 1))];
  };
  // Capitalised names: a pool that grows with the story (a big story names
  // many people and places), some respelled as a translation would.
  const char* const kSyllables[] = {"ka", "ro", "vel", "mi", "dan", "su", "tor", "le", "bra", "zi", "no", "ha"};
  std::vector<std::string> names;
  for (size_t i = 0; i < 30 + n / 4; ++i) {
    std::string a = kSyllables[i % 12], b = kSyllables[(i / 12) % 12], c = kSyllables[(i / 144) % 12];
    std::string nm = a + b + c + kSyllables[(i * 7) % 12];
    nm[0] = static_cast<char>(nm[0] - 32);
    names.push_back(nm);
  }
  auto name = [&]() {
    std::string nm = names[pick(names.size())];
    if (pick(8) == 0) nm.insert(nm.size() / 2, "h");  // a respelling
    return nm;
  };
  auto sentence = [&](size_t len) {
    std::string s = "Officials";
    for (size_t i = 0; i < len; ++i) {
      s += ' ';
      s += (i % 3 == 1) ? kFiller[pick(10)] : word();
      if (i == len / 2) s += " Velno" + std::to_string(pick(30));
      if (i == len / 4) s += " " + name() + " " + name();
      if (i == 2 * len / 3) s += " in " + name();
      if (i == len / 3) s += " " + std::to_string(10 + pick(900));
    }
    return s + ".";
  };
  std::vector<std::string> pool;
  for (size_t i = 0; i < 40 + n / 5; ++i) pool.push_back(sentence(12 + pick(10)));
  std::vector<Article> out;
  for (size_t a = 0; a < n; ++a) {
    Article art;
    art.id = "a" + std::to_string(a);
    art.source = "outlet" + std::to_string(a % 50);
    art.published = 1767000000 + static_cast<int64_t>(a) * 600;
    std::string body;
    if (a > 0 && pick(5) == 0) {
      // A near-copy of an earlier article with one sentence of its own.
      body = out[pick(a)].text + sentence(14) + "\n";
    } else {
      for (int k = 0; k < 12; ++k) {
        std::string s = pool[pick(pool.size())];
        if (pick(3) == 0) s.insert(s.size() - 1, " " + word() + " " + word());
        body += s + "\n\n";
      }
      for (int k = 0; k < 4; ++k) body += sentence(14 + pick(8)) + "\n\n";
    }
    art.text = std::move(body);
    out.push_back(std::move(art));
  }
  return out;
}

// A synthetic story of n articles, cleaned and segmented, with the pointers
// the analysis stages take and the bytes of cleaned text.
struct PreparedStory {
  std::vector<Article> articles;
  std::vector<Document> docs;  // point into articles
  std::vector<const Document*> ptrs;
  size_t bytes = 0;
};

PreparedStory PrepareStory(size_t n) {
  PreparedStory p;
  p.articles = SyntheticStory(n);
  p.docs = BuildDocuments(p.articles);
  for (const Document& d : p.docs) {
    p.ptrs.push_back(&d);
    p.bytes += d.text.size();
  }
  return p;
}

void BM_AnalyzeStory(benchmark::State& state) {
  size_t n = static_cast<size_t>(state.range(0));
  const PreparedStory story_in = PrepareStory(n);
  const std::vector<const Document*>& ptrs = story_in.ptrs;
  const size_t bytes = story_in.bytes;
  AnalysisOptions options;
  for (auto _ : state) {
    report::Story story = AnalyzeStory(ptrs, "s", options);
    benchmark::DoNotOptimize(story);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_AnalyzeStory)->Arg(10)->Arg(20)->Arg(100)->Arg(250)->Arg(500)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond);

// Entities alone: mention finding, variant merging and typing.
void BM_Entities(benchmark::State& state) {
  size_t n = static_cast<size_t>(state.range(0));
  const PreparedStory story_in = PrepareStory(n);
  const std::vector<const Document*>& ptrs = story_in.ptrs;
  for (auto _ : state) {
    std::vector<report::Entity> entities = BuildEntities(ptrs, {});
    benchmark::DoNotOptimize(entities);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_Entities)->Arg(20)->Arg(100)->Arg(250)->Arg(500)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond);

// Fact units and provenance alone (the part of AnalyzeStory this stage adds).
void BM_FactsAndProvenance(benchmark::State& state) {
  size_t n = static_cast<size_t>(state.range(0));
  const PreparedStory story_in = PrepareStory(n);
  const std::vector<const Document*>& ptrs = story_in.ptrs;
  const size_t bytes = story_in.bytes;
  for (auto _ : state) {
    report::Story story;
    AnalyzeFactsAndProvenance(ptrs, &story);
    benchmark::DoNotOptimize(story);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_FactsAndProvenance)->Arg(10)->Arg(20)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// Numbers alone: extraction, grouping and number conflicts (aligned
// sentences with their numbers masked).
void BM_Numbers(benchmark::State& state) {
  size_t n = static_cast<size_t>(state.range(0));
  const PreparedStory story_in = PrepareStory(n);
  for (auto _ : state) {
    StoryNumbers numbers = AnalyzeNumbers(story_in.ptrs);
    benchmark::DoNotOptimize(numbers);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_Numbers)->Arg(20)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rashomon
