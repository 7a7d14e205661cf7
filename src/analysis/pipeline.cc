#include "analysis/pipeline.h"

#include <algorithm>

#include "base/parallel.h"
#include "base/progress.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

report::ArticleRef MakeArticleRef(const Document& doc) {
  report::ArticleRef ref;
  const Article& a = *doc.article;
  ref.id = a.id;
  ref.source = a.source;
  ref.title = doc.title;
  ref.title_inferred = doc.title_source == TitleSource::kInferred;
  ref.url = a.url;
  ref.published = a.published;
  ref.words = doc.word_count;
  for (const LineRecord& l : doc.lines) ref.boilerplate_lines += l.kind == LineKind::kBoilerplate;
  return ref;
}

std::vector<Document> Clean(const std::vector<Article>& articles, const PipelineOptions& options) {
  Progress progress("cleaning", articles.size(), options.progress);
  return BuildDocuments(articles, options.text, &progress, options.threads);
}

}  // namespace

report::Story AnalyzeStory(const std::vector<const Document*>& docs, const std::string& story_id,
                           const PipelineOptions& options) {
  report::Story story;
  story.id = story_id;
  // Articles in time order when known, else input order.
  std::vector<const Document*> ordered = docs;
  std::stable_sort(ordered.begin(), ordered.end(), [](const Document* a, const Document* b) {
    const auto& pa = a->article->published;
    const auto& pb = b->article->published;
    if (pa && pb) return *pa < *pb;
    return pa.has_value() && !pb.has_value();
  });
  for (const Document* d : ordered) story.articles.push_back(MakeArticleRef(*d));
  Summary summary = SummarizeStory(ordered, options.summary);
  story.headline = std::move(summary.headline);
  story.summary = std::move(summary.sentences);
  return story;
}

StoryAssignment AssignStories(const std::vector<Article>& articles, const PipelineOptions& options) {
  std::vector<Document> docs = Clean(articles, options);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  StoryOptions so = options.stories;
  so.cluster.threads = options.threads;
  return FindStories(ptrs, so);
}

report::Report RunPipeline(const std::vector<Article>& articles, const PipelineOptions& options) {
  report::Report rep;
  rep.articles_read = articles.size();
  std::vector<Document> docs = Clean(articles, options);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  StoryOptions so = options.stories;
  so.cluster.threads = options.threads;
  StoryAssignment assignment = FindStories(ptrs, so);
  rep.stories.resize(assignment.stories.size());
  Progress progress("analysing", assignment.stories.size(), options.progress);
  ParallelFor(
      assignment.stories.size(),
      [&](size_t s) {
        std::vector<const Document*> members;
        for (uint32_t i : assignment.stories[s]) members.push_back(&docs[i]);
        rep.stories[s] = AnalyzeStory(members, assignment.ids[s], options);
        progress.Add();
      },
      options.threads);
  return rep;
}

}  // namespace rashomon
