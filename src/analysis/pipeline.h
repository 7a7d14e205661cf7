// The whole pipeline over a batch of articles: clean and segment, find
// stories, analyse each story, and assemble the report. The CLI's analyze
// and the server call this; each stage is also usable on its own.
#pragma once

#include <vector>

#include "analysis/entities.h"
#include "analysis/facts.h"
#include "analysis/quotes.h"
#include "analysis/summary.h"
#include "ingest/article.h"
#include "report/model.h"
#include "stories/stories.h"
#include "stories/topics.h"
#include "text/document.h"

namespace rashomon {

struct PipelineOptions {
  TextOptions text;
  StoryOptions stories;
  SummaryOptions summary;
  QuoteOptions quotes;
  EntityOptions entities;
  FactOptions facts;
  ProvenanceOptions provenance;
  // Grouping stories into topics (same kind of event, e.g. two different
  // earthquakes) by their event-type vocabulary (stories/topics.h).
  TopicOptions topics;
  bool progress = true;  // progress bars on a terminal
  int threads = 0;       // 0: DefaultThreadCount()
};

// Builds the report entry for one story from its documents.
report::Story AnalyzeStory(const std::vector<const Document*>& docs, const std::string& story_id,
                           const PipelineOptions& options);

// Groups the stories of `assignment` into topics (stories/topics.h), one
// report topic per group; `stories` are the report entries in assignment order.
std::vector<report::Topic> FindTopics(const std::vector<const Document*>& docs, const StoryAssignment& assignment,
                                      const std::vector<report::Story>& stories, const PipelineOptions& options);

// Runs everything. `articles` must stay unchanged during the call.
report::Report RunPipeline(const std::vector<Article>& articles, const PipelineOptions& options);

// Runs only cleaning and story finding (for `rashomon stories`).
StoryAssignment AssignStories(const std::vector<Article>& articles, const PipelineOptions& options);

}  // namespace rashomon
