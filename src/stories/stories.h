// Stories: groups of articles that report the same real-world event.
//
// Batch entry point over cleaned Documents: builds term bags, fits TF-IDF on
// the batch, clusters with average linkage (stories/cluster.h) and orders the
// stories for reading: biggest first, then earliest. Story ids are stable:
// derived from the smallest article id in the story, so the same input gives
// the same ids on every run and machine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sketch/term_vector.h"
#include "stories/cluster.h"
#include "text/document.h"

namespace rashomon {

class Progress;

struct StoryOptions {
  TermOptions terms;
  // TF-IDF prior (see TfIdf): documents assumed to contain none of a term.
  float idf_background_docs = 0;
  ClusterOptions cluster;
};

struct StoryAssignment {
  std::vector<std::vector<uint32_t>> stories;  // document indices, in input order
  std::vector<std::string> ids;                // one per story
  std::vector<uint32_t> story_of;              // story index per document
};

StoryAssignment FindStories(const std::vector<const Document*>& docs, const StoryOptions& options = {});

// The two halves of FindStories, for callers that cluster the same items
// several times (threshold sweeps in evaluation).
std::vector<ClusterItem> BuildClusterItems(const std::vector<const Document*>& docs,
                                           const StoryOptions& options = {});
StoryAssignment AssignmentFromLabels(const std::vector<const Document*>& docs,
                                     const std::vector<uint32_t>& labels);

// FindStories over articles cleaned a chunk at a time: only their term bags
// stay in memory, not their Documents (about 50 KB an article).
StoryAssignment FindStoriesOfArticles(const std::vector<Article>& articles, const TextOptions& text,
                                      const StoryOptions& options = {}, Progress* progress = nullptr);
StoryAssignment AssignmentFromLabels(const std::vector<const Article*>& articles,
                                     const std::vector<uint32_t>& labels);

// "s-" + 10 hex digits of the hash of the smallest id.
std::string StoryId(const std::vector<std::string>& article_ids);

}  // namespace rashomon
