#include "stories/stories.h"

#include <algorithm>
#include <limits>

#include "base/hash.h"
#include "base/parallel.h"

namespace rashomon {

std::string StoryId(const std::vector<std::string>& article_ids) {
  if (article_ids.empty()) return "s-empty";
  const std::string& smallest = *std::min_element(article_ids.begin(), article_ids.end());
  return "s-" + HashHex(smallest, 10);
}

std::vector<ClusterItem> BuildClusterItems(const std::vector<const Document*>& docs,
                                           const StoryOptions& options) {
  const size_t n = docs.size();
  std::vector<TermBag> bags(n), name_bags(n);
  ParallelFor(n, [&](size_t i) { bags[i] = BuildTermBag(*docs[i], options.terms, &name_bags[i]); },
              options.cluster.threads);
  TfIdf tfidf(options.idf_background_docs);
  for (const TermBag& bag : bags) tfidf.AddDocument(bag);
  std::vector<ClusterItem> items(n);
  ParallelFor(
      n,
      [&](size_t i) {
        items[i].vector = tfidf.Transform(bags[i]);
        items[i].names = tfidf.Transform(name_bags[i]);
        items[i].published = docs[i]->article->published;
        items[i].anchors = ExtractAnchors(*docs[i]);
      },
      options.cluster.threads);
  return items;
}

StoryAssignment AssignmentFromLabels(const std::vector<const Document*>& docs,
                                     const std::vector<uint32_t>& labels) {
  const size_t n = docs.size();
  uint32_t k = 0;
  for (uint32_t l : labels) k = std::max(k, l + 1);
  std::vector<std::vector<uint32_t>> groups(k);
  for (uint32_t i = 0; i < n; ++i) groups[labels[i]].push_back(i);
  std::vector<int64_t> first_time(k, std::numeric_limits<int64_t>::max());
  for (uint32_t g = 0; g < k; ++g) {
    for (uint32_t i : groups[g]) {
      if (docs[i]->article->published) first_time[g] = std::min(first_time[g], *docs[i]->article->published);
    }
  }
  std::vector<uint32_t> order(k);
  for (uint32_t i = 0; i < k; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (groups[a].size() != groups[b].size()) return groups[a].size() > groups[b].size();
    if (first_time[a] != first_time[b]) return first_time[a] < first_time[b];
    return groups[a].front() < groups[b].front();
  });
  StoryAssignment out;
  out.story_of.resize(n);
  for (uint32_t rank = 0; rank < k; ++rank) {
    const auto& g = groups[order[rank]];
    std::vector<std::string> ids;
    for (uint32_t i : g) {
      ids.push_back(docs[i]->article->id);
      out.story_of[i] = rank;
    }
    out.stories.push_back(g);
    out.ids.push_back(StoryId(ids));
  }
  return out;
}

StoryAssignment FindStories(const std::vector<const Document*>& docs, const StoryOptions& options) {
  std::vector<ClusterItem> items = BuildClusterItems(docs, options);
  return AssignmentFromLabels(docs, ClusterAverageLink(items, options.cluster));
}

}  // namespace rashomon
