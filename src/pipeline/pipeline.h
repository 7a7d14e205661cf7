// The stage sequence, written once: clean the articles into documents, find
// their stories (or take a given partition), analyse each story, group the
// stories into topics, and assemble the report. `rashomon analyze`, `report
// --db`, the in-memory serve backend and the store all run it through here;
// each stage is also callable on its own.
//
// A StoryCache lets a caller keep analyses between runs: a story whose
// members are exactly those of a kept analysis is not analysed again (same
// members, same result; most of the pipeline's time is per-story analysis).
//
// Thread safety: the functions are stateless and safe to call from several
// threads on different inputs; they call a StoryCache from several threads
// at once. `articles` must stay unchanged during a call.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/story.h"
#include "ingest/article.h"
#include "report/model.h"
#include "stories/stories.h"
#include "stories/topics.h"
#include "text/document.h"

namespace rashomon {

struct PipelineOptions : AnalysisOptions {
  TextOptions text;
  StoryOptions stories;
  // Grouping stories into topics (same kind of event, e.g. two different
  // earthquakes) by their event-type vocabulary (stories/topics.h).
  TopicOptions topics;
  bool progress = true;  // progress bars on a terminal
  int threads = 0;       // 0: DefaultThreadCount()
};

// The sorted member article ids of a story, joined: equal exactly for equal
// member sets, so it changes whenever a story's members change.
std::string MembersKey(std::vector<std::string> article_ids);

// Analyses kept between runs, by MembersKey. Get and Put are called from
// several threads at once.
class StoryCache {
 public:
  virtual ~StoryCache() = default;
  // The analysis of a story of exactly the members `key` names, if kept.
  virtual std::optional<report::Story> Get(const std::string& key) = 0;
  // Offers the fresh analysis of the story whose members `key` names.
  virtual void Put(const std::string& key, const report::Story& story) = 0;
};

// Cleans and segments the articles (a progress bar when options.progress).
std::vector<Document> Clean(const std::vector<Article>& articles, const PipelineOptions& options);

// Pointers to `docs`, the form the later stages read.
std::vector<const Document*> DocumentPointers(const std::vector<Document>& docs);

// Finds the stories of the documents by clustering (stories/stories.h).
StoryAssignment AssignStories(const std::vector<const Document*>& docs,
                              const PipelineOptions& options);
// Cleaning and story finding only (for `rashomon stories`).
StoryAssignment AssignStories(const std::vector<Article>& articles, const PipelineOptions& options);

// The report entry of every story of `assignment`, in its order, each with
// its assignment id: from `cache` (may be null) when it holds the story's
// members, else analysed (and offered to the cache).
std::vector<report::Story> AnalyzeStories(const std::vector<const Document*>& docs,
                                          const StoryAssignment& assignment,
                                          const PipelineOptions& options,
                                          StoryCache* cache = nullptr);

// Groups the stories of `assignment` into topics (stories/topics.h), one
// report topic per group; `stories` are the report entries in assignment
// order (a lone story's topic is labelled by its headline).
std::vector<report::Topic> FindTopics(const std::vector<const Document*>& docs,
                                      const StoryAssignment& assignment,
                                      const std::vector<report::Story>& stories,
                                      const PipelineOptions& options);

// How RunPipeline finds stories: by clustering, or from a stored partition
// (labels[i] is article i's story, any integers; equal labels, one story).
struct RunInputs {
  const std::vector<int64_t>* labels = nullptr;
  StoryCache* cache = nullptr;
  bool topics = true;  // false: skip the topic step (report.topics empty)
};

// Runs everything: Clean, AssignStories (or the given labels),
// AnalyzeStories, FindTopics.
report::Report RunPipeline(const std::vector<Article>& articles, const PipelineOptions& options,
                           const RunInputs& inputs = {});

// Only the topics of a stored partition: cleans the articles and groups the
// stories given by `labels` (as RunInputs), as RunPipeline does. A lone
// story's topic, or one whose stories share no word worth showing, is
// labelled by the headline of its largest story, headline_of[label] (a
// caller without analyses may pass each story's first title). Topic
// story_ids are the labels, in decimal.
std::vector<report::Topic> TopicsOfPartition(
    const std::vector<Article>& articles, const std::vector<int64_t>& labels,
    const std::unordered_map<int64_t, std::string>& headline_of, const PipelineOptions& options);

}  // namespace rashomon
