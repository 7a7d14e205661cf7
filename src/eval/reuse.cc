#include "eval/reuse.h"

#include <filesystem>
#include <map>
#include <set>

#include "base/stream.h"
#include "base/strings.h"
#include "analysis/story.h"
#include "eval/datasets.h"
#include "text/document.h"

namespace rashomon {
namespace {

Result<std::string> ReadText(const std::string& path) {
  ASSIGN_OR_RETURN(auto in, OpenInput(path));
  auto all = ReadAll(*in, 1u << 26);
  if (!all.ok()) return all.status().WithPrefix(path);
  return std::move(*all);
}

}  // namespace

Result<ReuseCorpus> LoadCloughStevenson(const std::string& dir) {
  std::string info_path = dir + "/file_information.csv";
  ASSIGN_OR_RETURN(std::string info, ReadText(info_path));
  ReuseCorpus out;
  std::vector<std::string> tasks;
  for (char t = 'a'; t <= 'e'; ++t) {
    std::string id = std::string("orig_task") + t;
    ASSIGN_OR_RETURN(std::string text, ReadText(dir + "/" + id + ".txt"));
    Article a;
    a.id = id;
    a.text = std::move(text);
    out.sources.push_back(std::move(a));
    tasks.push_back(std::string(1, t));
  }
  CsvReader csv(std::move(info));
  std::vector<std::string> f;
  bool header = true;
  while (csv.Next(&f)) {
    if (header) {
      header = false;
      continue;
    }
    if (f.size() < 3) continue;
    if (f[2] == "orig") continue;
    size_t task = 0;
    while (task < tasks.size() && tasks[task] != f[1]) ++task;
    if (task == tasks.size()) return Status::InvalidInput(info_path + ": unknown task \"" + f[1] + "\"");
    ASSIGN_OR_RETURN(std::string text, ReadText(dir + "/" + f[0]));
    Article a;
    a.id = f[0];
    a.text = std::move(text);
    out.answers.push_back(std::move(a));
    out.grade.push_back(f[2]);
    out.source_of.push_back(task);
  }
  if (out.answers.empty()) return Status::InvalidInput(info_path + ": no answers listed");
  return out;
}

// Cut-offs on word 3-gram containment between the grades. The corpus has no
// held-out split; these were read off its measures (eval reuse --measures)
// and kept round: cut answers are near-verbatim (>= 0.9), light ones keep
// most 3-grams (>= 0.5), heavy ones keep fewer but are still reused.
std::string ReuseGrade(const ReuseMeasure& m, const ProvenanceOptions& options) {
  if (!IsReused(m, options)) return "non";
  if (m.shingle_containment >= 0.9f) return "cut";
  if (m.shingle_containment >= 0.5f) return "light";
  return "heavy";
}

bool IsReused(const ReuseMeasure& m, const ProvenanceOptions& options) { return m.Derived(options); }

ReuseResult ScoreReuse(const ReuseCorpus& corpus, const ProvenanceOptions& options) {
  std::vector<Document> sources, answers;
  for (const Article& a : corpus.sources) sources.push_back(BuildDocument(a, nullptr));
  for (const Article& a : corpus.answers) answers.push_back(BuildDocument(a, nullptr));
  std::vector<DocSketch> ss, as;
  IdfTable idf;
  for (const Document& d : sources) ss.push_back(SketchDocument(d));
  for (const Document& d : answers) as.push_back(SketchDocument(d));
  for (const auto* v : {&ss, &as}) {
    for (const DocSketch& d : *v) {
      for (const SentenceSketch& s : d.sketches) idf.Add(s);
    }
  }
  for (auto* v : {&ss, &as}) {
    for (DocSketch& d : *v) {
      for (SentenceSketch& s : d.sketches) idf.Weigh(&s);
    }
  }
  ReuseResult r;
  for (size_t i = 0; i < as.size(); ++i) {
    r.measures.push_back(MeasureReuse(ss[corpus.source_of[i]], as[i], idf, options));
    r.predicted.push_back(ReuseGrade(r.measures.back(), options));
  }
  return r;
}

StoryEdges ProvenanceOnStories(const LabeledArticles& set, const ProvenanceOptions& provenance) {
  std::map<std::string, std::vector<size_t>> by_story;
  for (size_t i = 0; i < set.articles.size(); ++i) by_story[set.gold[i]].push_back(i);
  StoryEdges out;
  AnalysisOptions options;
  options.provenance = provenance;
  for (const auto& [story, members] : by_story) {
    if (members.size() < 2) continue;
    std::vector<Document> docs;
    docs.reserve(members.size());
    for (size_t i : members) docs.push_back(BuildDocument(set.articles[i], nullptr));
    std::vector<const Document*> ptrs;
    ptrs.reserve(docs.size());
    for (const Document& d : docs) ptrs.push_back(&d);
    report::Story s = AnalyzeStory(ptrs, story, options);
    ++out.stories;
    out.articles += members.size();
    out.pairs += members.size() * (members.size() - 1) / 2;
    out.edges += s.provenance.size();
    std::set<std::string> derived;
    for (const report::Provenance& p : s.provenance) derived.insert(p.to);
    out.derived += derived.size();
    for (report::Provenance& p : s.provenance) out.found.push_back(std::move(p));
  }
  return out;
}

}  // namespace rashomon
