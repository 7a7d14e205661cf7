// rashomon eval ...: quality figures on public data sets.
//   eval clusters --dataset ecbplus|uci [--data PATH] [--topics dev|train|all] [--sweep] [--incremental N]
//   eval clusters --pred PRED.jsonl --gold GOLD.jsonl
//   eval dedup PATH... --gold GOLD.jsonl [--threshold 0.8]
//   eval extract ... (eval_extract_main.cc)
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <algorithm>
#include <map>
#include <set>

#include "pipeline/pipeline.h"
#include "base/hash.h"
#include "base/parallel.h"
#include "base/progress.h"
#include "base/stream.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "eval/cluster_eval.h"
#include "eval/datasets.h"
#include "eval/dedup_eval.h"
#include "eval/metrics.h"
#include "sketch/dedup.h"
#include "store/store.h"
#include "stories/join_model.h"
#include "text/corpus.h"

namespace rashomon::cli {
namespace {

std::string DefaultDataDir() {
#ifdef RASHOMON_DEFAULT_SHARED_DIR
  return std::string(RASHOMON_DEFAULT_SHARED_DIR) + "/data";
#else
  return "../shared/data";
#endif
}

void PrintScoresRow(const std::string& label, const ClusterScores& s) {
  std::printf("  %-22s %6s %6s %6s %6s %6zu (%zu)\n", label.c_str(), FormatScore(s.bcubed_precision).c_str(),
              FormatScore(s.bcubed_recall).c_str(), FormatScore(s.bcubed_f1).c_str(), FormatScore(s.ari).c_str(),
              s.predicted_clusters, s.gold_clusters);
}

void PrintRows(const std::vector<ScoredRow>& rows) {
  for (const ScoredRow& row : rows) PrintScoresRow(row.label, row.scores);
}

void PrintHeader() {
  std::printf("  %-22s %6s %6s %6s %6s %s\n", "", "B3-P", "B3-R", "B3-F1", "ARI", "clusters (gold)");
}

// Experiment-only overrides of StoryOptions, "key=value" (see ApplyOverride).
using Overrides = std::vector<std::string>;

Status ApplyOverride(const std::string& kv, StoryOptions* stories, TopicOptions* topics) {
  size_t eq = kv.find('=');
  if (eq == std::string::npos) return Status::InvalidArgument("--set expects key=value, got '" + kv + "'");
  std::string key = kv.substr(0, eq);
  float v = std::strtof(kv.c_str() + eq + 1, nullptr);
  if (key == "topic_coverage_power" || key == "topic_idf_power" || key == "topic_top_terms" ||
      key == "topic_keep_names" || key == "topic_min_cosine") {
    if (key == "topic_min_cosine") topics->min_cosine = v;
    if (key == "topic_coverage_power") topics->coverage_power = v;
    if (key == "topic_idf_power") topics->idf_power = v;
    if (key == "topic_top_terms") topics->top_terms = static_cast<size_t>(v);
    if (key == "topic_keep_names") topics->keep_names = v != 0;
    return Status::Ok();
  }
  std::map<std::string, float*> keys = {
      {"name_weight", &stories->terms.name_weight},   {"title_weight", &stories->terms.title_weight},
      {"lede_weight", &stories->terms.lede_weight},   {"number_weight", &stories->terms.number_weight},
      {"count_weight", &stories->terms.count_weight}, {"url_weight", &stories->terms.url_weight},
      {"idf_background", &stories->idf_background_docs}, {"name_floor", &stories->cluster.name_floor},
      {"snn_mix", &stories->cluster.snn_mix},         {"snn_min", &stories->cluster.snn_min_sim},
      {"short_terms", &stories->cluster.short_terms}, {"short_power", &stories->cluster.short_power},
      {"max_short_boost", &stories->cluster.max_short_boost}, {"min_edge", &stories->cluster.min_edge},
      {"near_duplicate", &stories->cluster.near_duplicate}, {"pivot_weight", &stories->terms.pivot_weight},
      {"short_evidence", &stories->cluster.short_evidence}, {"abjad_name_weight", &stories->terms.abjad_name_weight},
  };
  if (key == "full_days") {
    stories->cluster.full_days = v;
    return Status::Ok();
  }
  if (key == "zero_days") {
    stories->cluster.zero_days = v;
    return Status::Ok();
  }
  if (key == "time_floor") {
    stories->cluster.time_floor = v;
    return Status::Ok();
  }
  if (key == "join_weights") {  // bias,w1,...: as printed by tools/fit_join.py
    std::vector<float> w;
    for (std::string_view part : Split(std::string_view(kv).substr(eq + 1), ',')) w.push_back(std::strtof(std::string(part).c_str(), nullptr));
    if (w.size() != kJoinFeatures + 1) return Status::InvalidArgument("--set join_weights: expected " + std::to_string(kJoinFeatures + 1) + " numbers");
    stories->cluster.join_weights.bias = w[0];
    for (int k = 0; k < kJoinFeatures; ++k) stories->cluster.join_weights.w[k] = w[k + 1];
    return Status::Ok();
  }
  if (key == "join_model" || key == "join_families" || key == "join_threshold") {
    if (key == "join_model") stories->cluster.join_model = v != 0;
    if (key == "join_families") stories->cluster.join_families = static_cast<uint32_t>(v);
    if (key == "join_threshold") stories->cluster.join_threshold = v;
    return Status::Ok();
  }
  if (key == "cross_share" || key == "cross_share_from") {
    (key == "cross_share" ? stories->cluster.cross_share : stories->cluster.cross_share_from) = v;
    return Status::Ok();
  }
  if (key == "veto_names") {
    stories->cluster.veto_names = v;
    return Status::Ok();
  }
  if (key == "veto_penalty" || key == "veto_days") {
    if (key == "veto_penalty") stories->cluster.veto_penalty = v;
    if (key == "veto_days") stories->cluster.veto_days = static_cast<int>(v);
    return Status::Ok();
  }
  if (key == "snn_k") {
    stories->cluster.snn_k = static_cast<int>(v);
    return Status::Ok();
  }
  if (key == "small_corpus") {  // 0: the bounded candidate index at any size
    stories->cluster.small_corpus = static_cast<size_t>(v);
    return Status::Ok();
  }
  if (key == "hop_min_dot") {
    stories->cluster.candidates.hop_min_dot = v;
    return Status::Ok();
  }
  if (key == "index_terms" || key == "postings_per_term" || key == "max_candidates" || key == "second_hop" ||
      key == "hop_rounds") {
    CandidateOptions& c = stories->cluster.candidates;
    (key == "index_terms"         ? c.index_terms
     : key == "postings_per_term" ? c.postings_per_term
     : key == "max_candidates"    ? c.max_candidates
     : key == "second_hop"        ? c.second_hop
                                  : c.hop_rounds) = static_cast<int>(v);
    return Status::Ok();
  }
  if (key == "merge_rounds" || key == "merge_sample" || key == "merge_candidates") {
    StoryMergeOptions& m = stories->cluster.merge;
    (key == "merge_rounds" ? m.rounds : key == "merge_sample" ? m.sample : m.candidates) = static_cast<int>(v);
    return Status::Ok();
  }
  if (key == "min_fold") {
    stories->cluster.min_fold = static_cast<size_t>(v);
    return Status::Ok();
  }
  auto it = keys.find(key);
  if (it == keys.end()) return Status::InvalidArgument("--set: unknown key '" + key + "'");
  *it->second = v;
  return Status::Ok();
}

// Predicted clusters with their gold make-up (impure ones), then gold
// groups split over several clusters.
void PrintClusterDetails(const std::vector<uint32_t>& labels, const std::vector<std::string>& gold,
                         const std::vector<Article>& articles) {
  std::map<uint32_t, std::map<std::string, std::vector<std::string>>> make_up;
  for (size_t i = 0; i < labels.size(); ++i) make_up[labels[i]][gold[i]].push_back(articles[i].id);
  for (const auto& [label, golds] : make_up) {
    if (golds.size() < 2) continue;
    std::printf("impure cluster %u:", label);
    for (const auto& [g, ids] : golds) std::printf("  %s x%zu (%s%s)", g.c_str(), ids.size(), ids[0].c_str(), ids.size() > 1 ? ",…" : "");
    std::printf("\n");
  }
  std::map<std::string, std::set<uint32_t>> split;
  for (size_t i = 0; i < labels.size(); ++i) split[gold[i]].insert(labels[i]);
  for (const auto& [g, ls] : split) {
    if (ls.size() < 2) continue;
    std::printf("gold %s split into %zu clusters:", g.c_str(), ls.size());
    for (uint32_t l : ls) {
      size_t count = 0;
      std::string example;
      for (size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == l && gold[i] == g) {
          ++count;
          if (example.empty()) example = articles[i].id;
        }
      }
      std::printf("  [%u: %zu e.g. %s]", l, count, example.c_str());
    }
    std::printf("\n");
  }
}

// Story labels from ingesting `articles` into a new store in `batches`
// batches, in the given order: the incremental path, scored like batch.
Result<std::vector<uint32_t>> IncrementalLabels(const std::vector<Article>& articles, const std::vector<size_t>& order,
                                                int batches, const StoryOptions& stories, const GlobalFlags& global) {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("rashomon-eval-" + std::to_string(::getpid()) + ".db")).string();
  auto remove_db = [&path] {
    // Missing files are the normal case; a scratch file that cannot go is left.
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ignored);
  };
  remove_db();
  store::StoreOptions options;
  options.pipeline.stories = stories;
  options.pipeline.threads = global.threads;
  options.pipeline.progress = false;
  options.batch_articles = articles.size() + 1;  // one transaction per batch
  std::vector<uint32_t> labels(articles.size());
  {
    ASSIGN_OR_RETURN(auto db, store::Store::Open(path, options));
    Progress progress("ingesting", articles.size(), !global.quiet);
    const size_t n = order.size();
    for (int b = 0; b < batches; ++b) {
      std::vector<Article> chunk;
      for (size_t i = n * b / batches; i < n * (b + 1) / batches; ++i) chunk.push_back(articles[order[i]]);
      auto done = db->Ingest(std::move(chunk), &progress);
      if (!done.ok()) {
        remove_db();
        return done.status();
      }
    }
    ASSIGN_OR_RETURN(auto assigned, db->Assignments());
    std::map<std::string, int64_t> story_of(assigned.begin(), assigned.end());
    std::map<int64_t, uint32_t> dense;
    for (size_t i = 0; i < articles.size(); ++i) {
      labels[i] = dense.try_emplace(story_of[articles[i].id], static_cast<uint32_t>(dense.size())).first->second;
    }
  }
  remove_db();
  return labels;
}

// What the clustering of a data set reads: its documents, their cluster
// items, and the options after --set overrides.
struct PreparedSet {
  PipelineOptions options;
  StoryOptions stories;
  std::vector<Document> docs;
  std::vector<const Document*> ptrs;
  std::vector<ClusterItem> items;
};

Status Prepare(const LabeledArticles& set, const Overrides& ov, const GlobalFlags& global, PreparedSet* out) {
  out->options.threads = global.threads;
  out->options.progress = !global.quiet;
  {
    Progress progress("cleaning", set.articles.size(), out->options.progress);
    out->docs = BuildDocuments(set.articles, out->options.text, &progress, out->options.threads);
  }
  out->ptrs.reserve(out->docs.size());
  for (const Document& d : out->docs) out->ptrs.push_back(&d);
  out->stories = out->options.stories;
  out->stories.cluster.threads = out->options.threads;
  for (const std::string& kv : ov) RETURN_IF_ERROR(ApplyOverride(kv, &out->stories, &out->options.topics));
  out->items = BuildClusterItems(out->ptrs, out->stories);
  return Status::Ok();
}

struct DatasetFlags {
  std::string dataset;
  std::string data;
  std::string topics;
  bool sweep = false;
  double threshold = 0;        // story threshold override (0: none)
  double topic_threshold = 0;  // topic threshold override (0: none)
  Overrides overrides;
  bool details = false;
  int incremental = 0;
  std::string gold;   // --dataset jsonl: the gold assignment
  std::string pairs;  // write the candidate pairs' join features here
};

// Story rows over a range of thresholds, then (ECB+) topic rows over a range
// of topic thresholds on the stories at the chosen threshold.
void PrintSweep(const DatasetFlags& f, const LabeledArticles& set, const PreparedSet& p,
                const std::vector<ClusterSplit>& splits) {
  const bool ecb = IsEcbPlus(f.dataset);
  PrintHeader();
  if (p.stories.cluster.join_model) {
    PrintRows(SweepStoryThresholds(p.items, p.stories.cluster, set.gold, 0.1, 0.3, 0.01));
  } else {
    PrintRows(SweepStoryThresholds(p.items, p.stories.cluster, set.gold, ecb ? 0.05 : 0.01, ecb ? 0.5 : 0.4,
                                   ecb ? 0.025 : 0.01));
  }
  if (!ecb) return;
  ClusterOptions co = p.stories.cluster;
  if (f.threshold > 0) co.threshold = co.join_threshold = static_cast<float>(f.threshold);
  std::vector<uint32_t> story_labels = ClusterAverageLink(p.items, co);
  for (int k = 1; k <= 19; ++k) {  // 0.05 ... 0.95
    TopicOptions to = p.options.topics;
    to.threads = p.options.threads;
    to.threshold = static_cast<float>(0.05 * k);
    PrintRows(TopicRows(p.ptrs, story_labels, to, set.group, splits, "topic @ " + FormatScore(to.threshold)));
  }
}

// The incremental path in file order and in a fixed shuffled order (by a
// hash of the id) that interleaves events, scored like batch.
Status PrintIncremental(const DatasetFlags& f, const LabeledArticles& set, const PreparedSet& p, float threshold,
                        const GlobalFlags& global) {
  StoryOptions inc = p.stories;
  inc.cluster.threshold = inc.cluster.join_threshold = threshold;
  std::vector<size_t> all(set.articles.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  for (bool shuffled : {false, true}) {
    std::vector<size_t> order = all;
    if (shuffled) {
      std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return Hash64(set.articles[a].id) < Hash64(set.articles[b].id);
      });
    }
    ASSIGN_OR_RETURN(auto labels, IncrementalLabels(set.articles, order, f.incremental, inc, global));
    PrintScoresRow(std::string("incremental x") + std::to_string(f.incremental) +
                       (shuffled ? " shuffled" : " file order"),
                   ScoreSubset(labels, set.gold, all));
  }
  return Status::Ok();
}

// Articles of a JSON Lines file (or any input `analyze` reads) with a gold
// assignment; group = gold.
Result<LabeledArticles> LoadJsonlDataset(const std::string& path, const std::string& gold_path) {
  if (path.empty() || gold_path.empty()) return Status::InvalidArgument("--dataset jsonl needs --data and --gold");
  ASSIGN_OR_RETURN(auto gold, ReadAssignment(gold_path));
  Diagnostics diag;
  LabeledArticles set;
  set.articles = LoadArticles({path}, diag);
  if (set.articles.empty()) return Status::InvalidInput(path + ": no articles could be read");
  for (const Article& a : set.articles) {
    auto it = gold.find(a.id);
    set.gold.push_back(it == gold.end() ? "__none__" + a.id : it->second);
  }
  set.group = set.gold;
  return set;
}

// The candidate pairs of the clustering with their join features and
// whether they share a gold story (tab-separated), for tools/fit_join.py;
// then the two items' indices and the strong anchor conflict (0 none, 1
// place and people, 2 event days).
Status WritePairFeatures(const std::string& path, const std::vector<ClusterItem>& items, const ClusterOptions& options,
                         const LabeledArticles& set) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (!out) return Status::IoError(path + ": cannot write");
  const auto graph = SimilarityGraph(items, options);
  bool written = true;
  for (size_t i = 0; i < graph.size(); ++i) {
    for (const auto& [j, s] : graph[i]) {
      JoinFeatures jf = PairJoinFeatures(s, items[i].anchors, items[j].anchors, options.join_families);
      written &= std::fprintf(out, "%d", set.gold[i] == set.gold[j] ? 1 : 0) > 0;
      for (float x : jf) written &= std::fprintf(out, "\t%.5g", x) > 0;
      const AnchorVeto veto = PairVeto(items[i], items[j], options);
      written &= std::fprintf(out, "\t%zu\t%u\t%d\n", i, j, static_cast<int>(veto)) > 0;
    }
  }
  written &= std::fclose(out) == 0;
  if (!written) return Status::IoError(path + ": cannot write");
  return Status::Ok();
}

int RunDatasetClusters(const DatasetFlags& f, const GlobalFlags& global) {
  const bool ecb = IsEcbPlus(f.dataset);
  std::string data = f.data;
  if (data.empty() && ecb) data = DefaultDataDir() + "/ecbplus/ECB+";
  if (data.empty() && f.dataset == "uci") {
    data = DefaultDataDir() + "/uci-news-aggregator-sample/uci-news-aggregator-first6366.csv";
  }
  Result<LabeledArticles> loaded =
      f.dataset == "jsonl" ? LoadJsonlDataset(data, f.gold) : LoadClusterDataset(f.dataset, data, f.topics);
  if (!loaded.ok()) return Fail(loaded.status());
  const LabeledArticles& set = *loaded;
  PreparedSet p;
  if (Status st = Prepare(set, f.overrides, global, &p); !st.ok()) return Fail(st);
  // With all ECB+ topics loaded, topic-level rows are also scored on the
  // development topics and on the others separately: the topic threshold is
  // chosen on the development rows with the other documents present as
  // unlabelled distractors (eval/README.md).
  std::vector<ClusterSplit> splits;
  if (ecb && f.topics == "all") splits = EcbPlusTopicSplits(set);
  std::printf("%s: %zu articles, %zu gold stories", ecb ? "ECB+" : f.dataset == "uci" ? "UCI news aggregator sample" : "JSON Lines", set.articles.size(),
              std::set<std::string>(set.gold.begin(), set.gold.end()).size());
  if (ecb) std::printf(", %zu topics", std::set<std::string>(set.group.begin(), set.group.end()).size());
  std::printf(" (%s)\n", data.c_str());
  if (f.sweep) {
    PrintSweep(f, set, p, splits);
    return kExitOk;
  }
  ClusterOptions story = p.stories.cluster;
  if (f.threshold > 0) story.threshold = story.join_threshold = static_cast<float>(f.threshold);
  if (!f.pairs.empty()) {
    if (Status st = WritePairFeatures(f.pairs, p.items, story, set); !st.ok()) return Fail(st);
  }
  std::vector<uint32_t> labels = ClusterAverageLink(p.items, story);
  if (f.details) PrintClusterDetails(labels, set.gold, set.articles);
  const float link_threshold = story.join_model ? story.join_threshold : story.threshold;
  std::printf("story threshold %.3f%s\n", link_threshold, story.join_model ? " (join model)" : "");
  PrintHeader();
  std::vector<size_t> all(set.articles.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  PrintScoresRow("story level", ScoreSubset(labels, set.gold, all));
  if (f.incremental > 0) {
    if (Status st = PrintIncremental(f, set, p, link_threshold, global); !st.ok()) return Fail(st);
  }
  if (ecb) {
    TopicOptions to = p.options.topics;
    to.threads = p.options.threads;
    if (f.topic_threshold > 0) to.threshold = static_cast<float>(f.topic_threshold);
    std::vector<uint32_t> topic_labels;
    std::vector<ScoredRow> rows = TopicRows(p.ptrs, labels, to, set.group, splits, "", &topic_labels);
    if (f.details) PrintClusterDetails(topic_labels, set.group, set.articles);
    PrintRows(rows);
  }
  return kExitOk;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Times `dedup` on PATHs and scores its groups against exact Jaccard
// (eval/dedup_eval.h) using the gold stories of a generated corpus.
int RunDedupEval(const std::vector<std::string>& paths, const std::string& gold_path, DedupOptions options,
                 const GlobalFlags& global) {
  const double threshold = options.lsh.threshold;
  auto gold = ReadAssignment(gold_path);
  if (!gold.ok()) return Fail(gold.status());
  auto t0 = std::chrono::steady_clock::now();
  Diagnostics diag;
  std::vector<Article> articles = LoadArticles(paths, diag);
  double load_s = Seconds(t0);
  if (articles.empty()) return Fail(Status::InvalidInput("no articles could be read"));
  std::vector<std::string_view> texts;
  std::vector<std::string> story;
  size_t bytes = 0;
  for (const Article& a : articles) {
    texts.push_back(a.text.empty() ? std::string_view(a.title) : std::string_view(a.text));
    bytes += texts.back().size();
    auto it = gold->find(a.id);
    story.push_back(it == gold->end() ? "__none__" + a.id : it->second);
  }
  options.threads = global.threads;
  options.keep_pairs = true;
  auto t1 = std::chrono::steady_clock::now();
  DedupStream stream(options);
  stream.AddBatch(texts);
  std::vector<DedupGroup> groups = stream.Groups();
  double dedup_s = Seconds(t1);
  const size_t index_bytes = stream.MemoryBytes();
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  const double peak_mb = usage.ru_maxrss / 1024.0;
  std::vector<std::vector<uint32_t>> members;
  for (const DedupGroup& g : groups) {
    members.emplace_back();
    for (const DedupMember& m : g.members) members.back().push_back(m.index);
  }
  DedupPairScore s = ScoreDedupPairs(texts, story, members, threshold, options.shingle, 100000, global.threads);
  // The verified pairs themselves, before union-find adds pairs by transitivity.
  std::vector<std::vector<uint32_t>> edges;
  for (const auto& [a, b] : stream.pairs()) edges.push_back({a, b});
  DedupPairScore e = ScoreDedupPairs(texts, story, edges, threshold, options.shingle, 0, global.threads);
  const int threads = global.threads > 0 ? global.threads : DefaultThreadCount();
  std::printf("articles           %zu (%.1f MB of text)\n", articles.size(), bytes / 1e6);
  std::printf("load (ingest)      %.2f s\n", load_s);
  std::printf("dedup              %.2f s on %d threads: %.0f articles/s, %.1f MB/s\n", dedup_s, threads,
              articles.size() / dedup_s, bytes / 1e6 / dedup_s);
  std::printf("load + dedup       %.0f articles/s\n", articles.size() / (load_s + dedup_s));
  std::printf("peak memory        %.0f MB (before scoring)\n", peak_mb);
  std::printf("index memory       %.0f bytes per article\n",
              static_cast<double>(index_bytes) / static_cast<double>(std::max<size_t>(1, texts.size())));
  std::printf("groups             %zu\n", groups.size());
  std::printf("threshold          %.2f (%d values of %d bits, %d bands of %d rows, member slack %.3f)\n",
              threshold, options.minhash.num_values, stream.fingerprint_bits(), stream.lsh_params().bands,
              stream.lsh_params().rows, options.member_slack);
  std::printf("true pairs         %zu (exact J of %zu within-story pairs)\n", s.true_pairs, s.pairs_checked);
  std::printf("group pairs        %zu (all pairs inside groups)\n", s.predicted_pairs);
  std::printf("recall             %.4f (%zu of the misses within 0.05 above the threshold)\n", s.recall,
              s.missed_near_threshold);
  std::printf("precision          %.4f (%zu of the false pairs within 0.05 below the threshold)\n", s.precision,
              s.false_near_threshold);
  std::printf("verified pairs     %zu: recall %.4f, precision %.4f (%zu false within 0.05 below)\n",
              e.predicted_pairs, e.recall, e.precision, e.false_near_threshold);
  std::printf("cross-story check  max J %.3f over %zu random pairs\n", s.cross_max, s.cross_checked);
  return ExitCodeFor(diag, articles.size());
}

}  // namespace

void AddEvalCommand(CLI::App& app, const GlobalFlags& global, int* exit_code) {
  CLI::App* eval = app.add_subcommand("eval", "Quality figures on public data sets");
  eval->require_subcommand(1);
  AddEvalQuotesCommand(eval, global, exit_code);
  AddEvalParaphraseCommand(eval, global, exit_code);
  AddEvalReuseCommand(eval, global, exit_code);
  AddEvalClaimsCommand(eval, global, exit_code);
  AddEvalNamesCommand(eval, global, exit_code);
  AddEvalTranslationsCommand(eval, global, exit_code);

  struct ClusterFlags : DatasetFlags {
    std::string pred;
  };
  auto cf = std::make_shared<ClusterFlags>();
  cf->topics = "all";
  CLI::App* clusters = eval->add_subcommand("clusters", "B-cubed and ARI of story clustering");
  clusters->add_option("--dataset", cf->dataset, "ecbplus or uci: run the clustering on it and score");
  clusters->add_option("--data", cf->data, "Data set location (default: ../shared/data/...)");
  clusters->add_option("--topics", cf->topics, "ECB+ topics: dev, train or all; UCI stories: dev, test or all")->capture_default_str();
  clusters->add_flag("--sweep", cf->sweep, "Score a range of thresholds (for choosing one on dev data)");
  clusters->add_flag("--details", cf->details, "List impure and split clusters");
  clusters->add_option("--threshold", cf->threshold, "Override the story threshold (experiments only)");
  clusters->add_option("--topic-threshold", cf->topic_threshold, "Override the topic threshold (experiments only)");
  clusters->add_option("--set", cf->overrides, "key=value overrides of story options (experiments only)");
  clusters->add_option("--incremental", cf->incremental,
                       "Also score ingesting the data set into a store in N batches (file and shuffled order)");
  clusters->add_option("--pred", cf->pred, "Predicted assignment (JSON Lines article/story)");
  clusters->add_option("--gold", cf->gold, "Gold assignment (JSON Lines article/story); with --dataset jsonl, "
                                           "the gold of the articles in --data");
  clusters->add_option("--pairs", cf->pairs, "Write the candidate pairs' join features (for tools/fit_join.py)");
  clusters->callback([cf, &global, exit_code] {
    if (!cf->dataset.empty()) {
      *exit_code = RunDatasetClusters(*cf, global);
      return;
    }
    if (cf->pred.empty() || cf->gold.empty()) {
      *exit_code = Fail(Status::InvalidArgument("give --dataset, or both --pred and --gold"));
      return;
    }
    auto pred = ReadAssignment(cf->pred);
    if (!pred.ok()) {
      *exit_code = Fail(pred.status());
      return;
    }
    auto gold = ReadAssignment(cf->gold);
    if (!gold.ok()) {
      *exit_code = Fail(gold.status());
      return;
    }
    std::vector<std::string> p, g;
    size_t missing = 0;
    for (const auto& [article, story] : *gold) {
      auto it = pred->find(article);
      if (it == pred->end()) {
        ++missing;
        p.push_back("__missing__" + article);  // scored as a singleton
      } else {
        p.push_back(it->second);
      }
      g.push_back(story);
    }
    PrintHeader();
    PrintScoresRow("assignment", ScoreClustering(p, g));
    if (missing) std::printf("  (%zu gold articles missing from the prediction, scored as singletons)\n", missing);
    *exit_code = kExitOk;
  });

  struct DedupFlags {
    std::vector<std::string> paths;
    std::string gold;
    double threshold = 0.8;
    int values = DedupOptions{}.minhash.num_values;
    double member_slack = DedupOptions{}.member_slack;
    int signature_bits = 0;
    int bands = 0;
    int rows = 0;
  };
  auto df = std::make_shared<DedupFlags>();
  CLI::App* dedup = eval->add_subcommand("dedup", "Speed and pair recall/precision of dedup against exact Jaccard");
  dedup->add_option("paths", df->paths, "Articles (e.g. a generated articles.jsonl)")->required();
  dedup->add_option("--gold", df->gold, "Gold stories (JSON Lines article/story, e.g. gold.jsonl)")->required();
  dedup->add_option("--threshold", df->threshold, "Near-duplicate threshold")->capture_default_str();
  dedup->add_option("--values", df->values, "MinHash values per signature (tuning)")->capture_default_str();
  dedup->add_option("--member-slack", df->member_slack,
                    "How far below the threshold the mean similarity to a group may be (tuning)")
      ->capture_default_str();
  dedup->add_option("--signature-bits", df->signature_bits,
                    "Bits kept of each value in the index: 1, 2, 4, 8 or 16 (0: 8 at 256 values)")
      ->check(CLI::IsMember({0, 1, 2, 4, 8, 16}))
      ->capture_default_str();
  dedup->add_option("--bands", df->bands, "LSH bands (with --rows; 0: chosen for the threshold)")
      ->capture_default_str();
  dedup->add_option("--rows", df->rows, "Values per LSH band (with --bands)")->capture_default_str();
  dedup->callback([df, &global, exit_code] {
    if (!(df->threshold > 0.0 && df->threshold <= 1.0)) {
      *exit_code = Fail(Status::InvalidArgument("--threshold must be in (0, 1]"));
      return;
    }
    if (df->values < 1 || df->values > 4096) {
      *exit_code = Fail(Status::InvalidArgument("--values must be between 1 and 4096"));
      return;
    }
    DedupOptions options;
    options.lsh.threshold = df->threshold;
    options.minhash.num_values = df->values;
    options.member_slack = df->member_slack;
    options.lsh.fingerprint_bits = df->signature_bits;
    options.lsh.bands = df->bands;
    options.lsh.rows = df->rows;
    *exit_code = RunDedupEval(df->paths, df->gold, options, global);
  });
  AddEvalExtractCommand(*eval, global, exit_code);
}

}  // namespace rashomon::cli
