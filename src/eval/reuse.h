// The Clough-Stevenson text-reuse corpus (short answers written from five
// Wikipedia sources at four levels: cut, light, heavy, non) and its scoring
// with the derivation measure of analysis/facts.h.
#pragma once

#include <string>
#include <vector>

#include "analysis/facts.h"
#include "base/status.h"
#include "eval/datasets.h"
#include "ingest/article.h"
#include "report/model.h"

namespace rashomon {

struct ReuseCorpus {
  std::vector<Article> sources;   // one per task, id "orig_task<x>"
  std::vector<Article> answers;
  std::vector<std::string> grade;  // per answer: cut, light, heavy, non
  std::vector<size_t> source_of;   // per answer: index into sources
};

// `dir` holds file_information.csv and the text files.
Result<ReuseCorpus> LoadCloughStevenson(const std::string& dir);

// Grade of a reuse measure: "cut", "light", "heavy" or "non", by fixed
// cut-offs on the measure (see reuse.cc).
std::string ReuseGrade(const ReuseMeasure& m, const ProvenanceOptions& options = {});
// Reused at all: the provenance decision (ProvenanceOptions::derived).
bool IsReused(const ReuseMeasure& m, const ProvenanceOptions& options = {});

struct ReuseResult {
  std::vector<ReuseMeasure> measures;  // per answer
  std::vector<std::string> predicted;  // per answer
};
ReuseResult ScoreReuse(const ReuseCorpus& corpus, const ProvenanceOptions& options = {});

// Provenance edges found when each gold story of a labelled set (ECB+:
// separate outlets reporting one event) is analysed as one story. Such
// reports are mostly independent, so edges should be rare; some outlets do
// run one wire story, so not every edge is wrong.
struct StoryEdges {
  size_t stories = 0;         // gold stories with two articles or more
  size_t articles = 0;        // in those stories
  size_t pairs = 0;           // unordered article pairs within a story
  size_t edges = 0;           // provenance edges reported
  size_t derived = 0;         // articles given at least one parent
  std::vector<report::Provenance> found;  // every edge, story by story
};
StoryEdges ProvenanceOnStories(const LabeledArticles& set, const ProvenanceOptions& options = {});

}  // namespace rashomon
