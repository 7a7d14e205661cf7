// Per-story analysis (AnalyzeStory: quotes, numbers, entities, conflicts,
// fact units, provenance, summary) on one synthetic story of 10, 100 and
// 1000 articles. Time per article should stay roughly flat as the story
// grows: sentence matching and provenance are candidate-pruned.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <random>
#include <string>
#include <vector>

#include "analysis/entities.h"
#include "analysis/facts.h"
#include "analysis/number_conflicts.h"
#include "analysis/story.h"
#include "analysis/wordnet.h"
#include "eval/corpus_gen.h"
#include "eval/datasets.h"
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
  // WordNet is read once per process (serve reads it at start): outside
  // the timed loop, and out of callgrind's count of the first iteration.
  (void)Synonyms::Get();
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

// Invented words for the bad-input shapes below: lower-case, Zipf-like
// (a few very common, most rare), with function words between.
class WordSource {
 public:
  explicit WordSource(uint64_t seed) : rng_(seed) {
    for (int i = 0; i < 3000; ++i) {
      std::string w;
      int len = 3 + i % 6;
      for (int c = 0; c < len; ++c) w.push_back(static_cast<char>('a' + (i * 11 + c * 7 + c * c) % 26));
      words_.push_back(w + std::to_string(i % 89));
    }
  }
  std::string Word() {
    double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (rng_() % 3 == 0) return kFiller[rng_() % 8];
    return words_[static_cast<size_t>(std::pow(u, 3.0) * static_cast<double>(words_.size() - 1))];
  }
  size_t Pick(size_t k) { return static_cast<size_t>(rng_() % k); }

 private:
  static constexpr const char* kFiller[] = {"the", "of", "and", "said", "in", "to", "a", "on"};
  std::mt19937_64 rng_;
  std::vector<std::string> words_;
};

PreparedStory Prepare(std::vector<Article> articles) {
  (void)Synonyms::Get();
  PreparedStory p;
  p.articles = std::move(articles);
  p.docs = BuildDocuments(p.articles);
  for (const Document& d : p.docs) {
    p.ptrs.push_back(&d);
    p.bytes += d.text.size();
  }
  return p;
}

// A real-text story: the articles of ECB+ topic 1 on one event (the `ecb`
// half, 18 articles, with Arg 0; the `ecbplus` half, 21 articles, with
// Arg 1), read from ../shared/data. Skipped when the data is not there.
void BM_AnalyzeEcbStory(benchmark::State& state) {
  (void)Synonyms::Get();
  Result<LabeledArticles> set = LoadEcbPlus(std::string(RASHOMON_SHARED_DIR) + "/data/ecbplus/ECB+", {1});
  if (!set.ok()) {
    state.SkipWithError("ECB+ not found in ../shared/data");
    return;
  }
  const std::string want = state.range(0) == 0 ? "1ecb" : "1ecbplus";
  std::vector<Article> articles;
  for (size_t i = 0; i < set->articles.size(); ++i) {
    if (set->gold[i] == want) articles.push_back(std::move(set->articles[i]));
  }
  const size_t n = articles.size();
  const PreparedStory story_in = Prepare(std::move(articles));
  AnalysisOptions options;
  for (auto _ : state) {
    report::Story story = AnalyzeStory(story_in.ptrs, "s", options);
    benchmark::DoNotOptimize(story);
  }
  state.counters["articles"] = static_cast<double>(n);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * story_in.bytes));
}
BENCHMARK(BM_AnalyzeEcbStory)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// A story of full-length real-text articles: sentences of the PolNeAR dev
// articles in ../shared/data recombined by the corpus generator (400
// articles, 20 a story on average, with its copies, near-duplicates and
// rewrites); the generated story whose size is nearest Arg articles.
// Skipped when the data is not there.
void BM_AnalyzeRealStory(benchmark::State& state) {
  (void)Synonyms::Get();
  const size_t want = static_cast<size_t>(state.range(0));
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  const std::string dir = std::string(RASHOMON_SHARED_DIR) + "/data/polnear/data/dev/text";
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> sentences;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    // The generator's sentence splitter (text/segment.h has another overload).
    std::vector<std::string> (*split)(std::string_view) = &SplitSentences;
    for (std::string& x : split(text)) sentences.push_back(std::move(x));
  }
  if (sentences.size() < 50) {
    state.SkipWithError("PolNeAR not found in ../shared/data");
    return;
  }
  CorpusGenOptions gen;
  gen.articles = 400;
  gen.articles_per_story = 20;
  std::map<std::string, std::vector<Article>> stories;
  (void)GenerateCorpus(sentences, gen, [&](const Article& a, const GoldRecord& g) { stories[g.story].push_back(a); });
  std::vector<Article>* best = nullptr;
  for (auto& [id, members] : stories) {
    auto distance = [want](size_t k) { return k > want ? k - want : want - k; };
    if (best == nullptr || distance(members.size()) < distance(best->size())) best = &members;
  }
  const size_t n = best->size();
  const PreparedStory story_in = Prepare(std::move(*best));
  AnalysisOptions options;
  for (auto _ : state) {
    report::Story story = AnalyzeStory(story_in.ptrs, "s", options);
    benchmark::DoNotOptimize(story);
  }
  state.counters["articles"] = static_cast<double>(n);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * story_in.bytes));
}
BENCHMARK(BM_AnalyzeRealStory)->Arg(20)->Unit(benchmark::kMillisecond);

// Three articles, two of which carry one sentence of `words` words with no
// full stop (the second a copy with a word in twenty changed), among a few
// ordinary sentences. Work should grow linearly with the sentence.
PreparedStory LongSentenceStory(size_t words) {
  WordSource src(7);
  auto sentence = [&](size_t n) {
    std::string s = "Officials";
    for (size_t i = 0; i < n; ++i) s += " " + src.Word();
    return s + ".";
  };
  std::string long_one = "Officials";
  for (size_t i = 0; i < words; ++i) long_one += " " + src.Word();
  std::string copy = long_one;
  for (size_t at = copy.find(' ', 100); at != std::string::npos && at + 1 < copy.size(); at = copy.find(' ', at + 150)) {
    copy[at + 1] = 'q';
  }
  std::vector<Article> out;
  for (int a = 0; a < 3; ++a) {
    Article art;
    art.id = "l" + std::to_string(a);
    art.source = "outlet" + std::to_string(a);
    art.published = 1767000000 + a * 600;
    for (int k = 0; k < 4; ++k) art.text += sentence(12 + src.Pick(8)) + "\n\n";
    if (a == 0) art.text += long_one + ".\n\n";
    if (a == 1) art.text += copy + ".\n\n";
    out.push_back(std::move(art));
  }
  return Prepare(std::move(out));
}

void BM_AnalyzeLongSentence(benchmark::State& state) {
  const PreparedStory story_in = LongSentenceStory(static_cast<size_t>(state.range(0)));
  AnalysisOptions options;
  for (auto _ : state) {
    report::Story story = AnalyzeStory(story_in.ptrs, "s", options);
    benchmark::DoNotOptimize(story);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * story_in.bytes));
}
BENCHMARK(BM_AnalyzeLongSentence)->Arg(2500)->Arg(5000)->Arg(10000)->Unit(benchmark::kMillisecond);

// n short articles (two or three sentences each, from a pool that grows
// with n, so each statement has a few counterparts), as a wire brief
// reprinted and trimmed by many outlets.
PreparedStory ManyShortArticles(size_t n) {
  WordSource src(11);
  std::vector<std::string> pool;
  for (size_t i = 0; i < 20 + n / 10; ++i) {
    std::string s = "Officials";
    for (size_t k = 0, len = 10 + src.Pick(10); k < len; ++k) s += " " + src.Word();
    pool.push_back(s + ".");
  }
  std::vector<Article> out;
  for (size_t a = 0; a < n; ++a) {
    Article art;
    art.id = "m" + std::to_string(a);
    art.source = "outlet" + std::to_string(a % 50);
    art.published = 1767000000 + static_cast<int64_t>(a) * 60;
    for (size_t k = 0, m = 2 + src.Pick(2); k < m; ++k) art.text += pool[src.Pick(pool.size())] + "\n\n";
    out.push_back(std::move(art));
  }
  return Prepare(std::move(out));
}

void BM_AnalyzeManyShortArticles(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const PreparedStory story_in = ManyShortArticles(n);
  AnalysisOptions options;
  for (auto _ : state) {
    report::Story story = AnalyzeStory(story_in.ptrs, "s", options);
    benchmark::DoNotOptimize(story);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_AnalyzeManyShortArticles)->Arg(500)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond);

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
