// The Clough-Stevenson text-reuse corpus (short answers written from five
// Wikipedia sources at four levels: cut, light, heavy, non) and its scoring
// with the derivation measure of analysis/facts.h.
#pragma once

#include <string>
#include <vector>

#include "analysis/facts.h"
#include "base/status.h"
#include "ingest/article.h"

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
std::string ReuseGrade(const ReuseMeasure& m);
// Reused at all: the provenance decision (ProvenanceOptions::derived).
bool IsReused(const ReuseMeasure& m, const ProvenanceOptions& options = {});

struct ReuseResult {
  std::vector<ReuseMeasure> measures;  // per answer
  std::vector<std::string> predicted;  // per answer
};
ReuseResult ScoreReuse(const ReuseCorpus& corpus);

}  // namespace rashomon
