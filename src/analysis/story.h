// The analysis of one story: from the cleaned documents of its articles to
// its report entry (summary and headline, quotes, numbers, entities,
// conflicts, facts and provenance). The stage sequence around it (cleaning,
// story finding, analysing every story, topics) is pipeline/pipeline.h.
// Stateless; safe to call from several threads on different stories.
#pragma once

#include <string>
#include <vector>

#include "analysis/entities.h"
#include "analysis/facts.h"
#include "analysis/quotes.h"
#include "analysis/summary.h"
#include "report/model.h"
#include "text/document.h"

namespace rashomon {

// The options of the per-story analysis (pipeline/pipeline.h's
// PipelineOptions extends them with the corpus-wide stages).
struct AnalysisOptions {
  SummaryOptions summary;
  QuoteOptions quotes;
  EntityOptions entities;
  FactOptions facts;
  ProvenanceOptions provenance;
};

// Builds the report entry for one story from its documents.
report::Story AnalyzeStory(const std::vector<const Document*>& docs, const std::string& story_id,
                           const AnalysisOptions& options);

}  // namespace rashomon
