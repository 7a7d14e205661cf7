#include "pipeline/pipeline.h"

#include <algorithm>
#include <map>
#include <utility>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/progress.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

// One report topic per topic label (topic_of_doc from GroupTopics), in the
// order of each topic's first story. A topic of several stories is labelled
// by its description (shared words, then each story's own name); a lone
// story's topic, or one whose stories share no word worth showing, by the
// headline of its largest story.
std::vector<report::Topic> MakeTopics(const std::vector<uint32_t>& topic_of_doc,
                                      const std::vector<TopicDescription>& descriptions,
                                      const StoryAssignment& assignment,
                                      const std::vector<report::Story>& stories,
                                      const TopicOptions& options) {
  std::vector<report::Topic> topics;
  std::map<uint32_t, size_t> index;  // topic label -> position in `topics`
  std::vector<size_t> largest;       // per topic: the story with most articles
  std::vector<uint32_t> label_of;    // per topic: its label in topic_of_doc
  for (size_t s = 0; s < assignment.stories.size(); ++s) {
    if (assignment.stories[s].empty()) continue;
    const uint32_t label = topic_of_doc[assignment.stories[s].front()];
    auto [it, inserted] = index.try_emplace(label, topics.size());
    if (inserted) {
      topics.emplace_back();
      largest.push_back(s);
      label_of.push_back(label);
    }
    topics[it->second].story_ids.push_back(assignment.ids[s]);
    if (assignment.stories[s].size() > assignment.stories[largest[it->second]].size())
      largest[it->second] = s;
  }
  for (size_t t = 0; t < topics.size(); ++t) {
    report::Topic& topic = topics[t];
    topic.id =
        "t-" + HashHex(*std::min_element(topic.story_ids.begin(), topic.story_ids.end()), 10);
    topic.label = stories[largest[t]].headline;
    if (topic.story_ids.size() < 2) continue;
    if (label_of[t] >= descriptions.size()) continue;
    const TopicDescription& d = descriptions[label_of[t]];
    std::string text = TopicLabel(d, options.label_names);
    if (d.terms.empty() || text.empty()) continue;
    topic.label = std::move(text);
    topic.terms = d.terms;
  }
  return topics;
}

// The assignment of a stored partition: labels renumbered 0..k-1 in order
// of first appearance.
StoryAssignment AssignmentOfLabels(const std::vector<const Document*>& docs,
                                   const std::vector<int64_t>& labels) {
  std::unordered_map<int64_t, uint32_t> dense;
  std::vector<uint32_t> renumbered;
  renumbered.reserve(labels.size());
  for (int64_t l : labels)
    renumbered.push_back(dense.try_emplace(l, static_cast<uint32_t>(dense.size())).first->second);
  return AssignmentFromLabels(docs, renumbered);
}

}  // namespace

std::string MembersKey(std::vector<std::string> article_ids) {
  std::sort(article_ids.begin(), article_ids.end());
  std::string key;
  for (const std::string& id : article_ids) {
    key += id;
    key.push_back('\0');
  }
  return key;
}

std::vector<Document> Clean(const std::vector<Article>& articles, const PipelineOptions& options) {
  Progress progress("cleaning", articles.size(), options.progress);
  return BuildDocuments(articles, options.text, &progress, options.threads);
}

std::vector<const Document*> DocumentPointers(const std::vector<Document>& docs) {
  std::vector<const Document*> ptrs;
  ptrs.reserve(docs.size());
  for (const Document& d : docs) ptrs.push_back(&d);
  return ptrs;
}

StoryAssignment AssignStories(const std::vector<const Document*>& docs,
                              const PipelineOptions& options) {
  StoryOptions story_options = options.stories;
  story_options.cluster.threads = options.threads;
  return FindStories(docs, story_options);
}

StoryAssignment AssignStories(const std::vector<Article>& articles,
                              const PipelineOptions& options) {
  // Cleaned a chunk at a time: the Documents of a large corpus would not fit.
  StoryOptions story_options = options.stories;
  story_options.cluster.threads = options.threads;
  Progress progress("cleaning", articles.size(), options.progress);
  return FindStoriesOfArticles(articles, options.text, story_options, &progress);
}

std::vector<report::Story> AnalyzeStories(const std::vector<const Document*>& docs,
                                          const StoryAssignment& assignment,
                                          const PipelineOptions& options, StoryCache* cache) {
  std::vector<report::Story> stories(assignment.stories.size());
  Progress progress("analysing", assignment.stories.size(), options.progress);
  ParallelFor(
      assignment.stories.size(),
      [&](size_t s) {
        std::vector<const Document*> members;
        members.reserve(assignment.stories[s].size());
        for (uint32_t i : assignment.stories[s]) members.push_back(docs[i]);
        std::string key;
        if (cache != nullptr) {
          std::vector<std::string> ids;
          ids.reserve(members.size());
          for (const Document* d : members) ids.push_back(d->article->id);
          key = MembersKey(std::move(ids));
          if (std::optional<report::Story> kept = cache->Get(key)) {
            stories[s] = std::move(*kept);
            stories[s].id = assignment.ids[s];
            progress.Add();
            return;
          }
        }
        stories[s] = AnalyzeStory(members, assignment.ids[s], options);
        if (cache != nullptr) cache->Put(key, stories[s]);
        progress.Add();
      },
      options.threads);
  progress.Finish();
  return stories;
}

std::vector<report::Topic> FindTopics(const std::vector<const Document*>& docs,
                                      const StoryAssignment& assignment,
                                      const std::vector<report::Story>& stories,
                                      const PipelineOptions& options) {
  if (docs.empty()) return {};
  TopicOptions to = options.topics;
  to.threads = options.threads;
  std::vector<TopicDescription> descriptions;
  std::vector<uint32_t> topic_of_doc = GroupTopics(docs, assignment.story_of, to, &descriptions);
  return MakeTopics(topic_of_doc, descriptions, assignment, stories, to);
}

report::Report RunPipeline(const std::vector<Article>& articles, const PipelineOptions& options,
                           const RunInputs& inputs) {
  report::Report rep;
  rep.articles_read = articles.size();
  std::vector<Document> docs = Clean(articles, options);
  std::vector<const Document*> ptrs = DocumentPointers(docs);
  StoryAssignment assignment = inputs.labels != nullptr ? AssignmentOfLabels(ptrs, *inputs.labels)
                                                        : AssignStories(ptrs, options);
  rep.stories = AnalyzeStories(ptrs, assignment, options, inputs.cache);
  if (inputs.topics) rep.topics = FindTopics(ptrs, assignment, rep.stories, options);
  return rep;
}

std::vector<report::Topic> TopicsOfPartition(
    const std::vector<Article>& articles, const std::vector<int64_t>& labels,
    const std::unordered_map<int64_t, std::string>& headline_of, const PipelineOptions& options) {
  std::vector<Document> docs = Clean(articles, options);
  std::vector<const Document*> ptrs = DocumentPointers(docs);
  StoryAssignment assignment = AssignmentOfLabels(ptrs, labels);
  // Stand-in story entries: only their headlines are read.
  std::vector<report::Story> stories(assignment.stories.size());
  std::unordered_map<std::string, std::string> label_of_id;
  for (size_t s = 0; s < assignment.stories.size(); ++s) {
    if (assignment.stories[s].empty()) continue;
    const int64_t label = labels[assignment.stories[s].front()];
    auto it = headline_of.find(label);
    if (it != headline_of.end()) stories[s].headline = it->second;
    label_of_id.emplace(assignment.ids[s], std::to_string(label));
  }
  std::vector<report::Topic> topics = FindTopics(ptrs, assignment, stories, options);
  for (report::Topic& t : topics) {
    for (std::string& id : t.story_ids) id = label_of_id[id];
  }
  return topics;
}

}  // namespace rashomon
