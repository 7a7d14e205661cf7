// Throughput of the text stage and story clustering, in MB/s and items/s.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/article.h"
#include "stories/stories.h"
#include "stories/topics.h"
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

// A made-up capitalised name for number i ("Bavek", "Cedor"...): letters
// only, so the topic grouping keeps it as a name.
std::string MadeUpName(size_t i) {
  static const char* const kHead[] = {"Ba", "Ce", "Do", "Fi", "Ga", "Hu", "Ja", "Ko", "Lu", "Me"};
  static const char* const kMid[] = {"ve", "do", "ri", "na", "lo", "ta", "mu", "se", "ki", "po"};
  static const char* const kTail[] = {"k", "r", "n", "s", "l", "m", "t", "v", "d", "x"};
  return std::string(kHead[i % 10]) + kMid[(i / 10) % 10] + kTail[(i / 100) % 10];
}

// Topic grouping over `state.range(0)` stories of 4 articles each, eight
// kinds of event with their own words, each story in its own made-up place;
// range(1) = 1 also describes the topics (the labels the report shows).
void BM_GroupTopics(benchmark::State& state) {
  static const char* const kKinds[][4] = {
      {"flood", "river", "evacuated", "shelters"},   {"earthquake", "tremor", "rescuers", "aftershocks"},
      {"wildfire", "blaze", "firefighters", "acres"}, {"strike", "union", "wages", "walkout"},
      {"election", "ballots", "turnout", "candidates"}, {"ferry", "passengers", "capsized", "coastguard"},
      {"recall", "defect", "customers", "refund"},   {"budget", "council", "spending", "deficit"}};
  const size_t stories = static_cast<size_t>(state.range(0));
  std::vector<Article> articles;
  std::vector<uint32_t> story_of;
  for (size_t s = 0; s < stories; ++s) {
    const auto& kind = kKinds[s % 8];
    const std::string place = MadeUpName(s);
    for (int a = 0; a < 4; ++a) {
      Article art;
      art.id = std::to_string(s) + "-" + std::to_string(a);
      art.title = std::string("The ") + kind[0] + " in " + place;
      art.text = "Officials in " + place + " said the " + kind[0] + " was the worst in years.\n" + "The " + kind[1] +
                 " left " + kind[2] + " busy as " + kind[3] + " were counted, a spokesman for " + place +
                 " told reporters on the day.\n";
      articles.push_back(std::move(art));
      story_of.push_back(static_cast<uint32_t>(s));
    }
  }
  std::vector<Document> docs = BuildDocuments(articles, {}, nullptr, 1);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  TopicOptions options;
  options.threads = 1;
  std::vector<TopicDescription> descriptions;
  for (auto _ : state) {
    std::vector<uint32_t> topics = GroupTopics(ptrs, story_of, options, state.range(1) ? &descriptions : nullptr);
    benchmark::DoNotOptimize(topics.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * articles.size()));
}
BENCHMARK(BM_GroupTopics)->Args({200, 0})->Args({200, 1})->Args({2000, 0})->Args({2000, 1})->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rashomon
