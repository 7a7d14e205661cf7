#include "stories/stories.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/progress.h"
#include "text/boilerplate.h"

namespace rashomon {

std::string StoryId(const std::vector<std::string>& article_ids) {
  if (article_ids.empty()) return "s-empty";
  const std::string& smallest = *std::min_element(article_ids.begin(), article_ids.end());
  return "s-" + HashHex(smallest, 10);
}

namespace {

// TF-IDF items of term bags (bags[i], name_bags[i], published[i]), taking
// each article's event anchors; the bags' Arabic and Hebrew words first
// take the names they spell (BridgeCaselessNames).
std::vector<ClusterItem> ItemsOfBags(std::vector<TermBag>* bags_in, const std::vector<TermBag>& name_bags,
                                     const std::vector<std::optional<int64_t>>& published,
                                     std::vector<EventAnchors> anchors, const StoryOptions& options) {
  BridgeCaselessNames(bags_in);
  const std::vector<TermBag>& bags = *bags_in;
  const size_t n = bags.size();
  TfIdf tfidf(options.idf_background_docs);
  for (const TermBag& bag : bags) tfidf.AddDocument(bag);
  std::vector<ClusterItem> items(n);
  ParallelFor(
      n,
      [&](size_t i) {
        items[i].vector = tfidf.Transform(bags[i]);
        items[i].names = tfidf.Transform(name_bags[i]);
        items[i].published = published[i];
        items[i].anchors = std::move(anchors[i]);
      },
      options.cluster.threads);
  return items;
}

}  // namespace

std::vector<ClusterItem> BuildClusterItems(const std::vector<const Document*>& docs,
                                           const StoryOptions& options) {
  const size_t n = docs.size();
  std::vector<TermBag> bags(n), name_bags(n);
  std::vector<std::optional<int64_t>> published(n);
  std::vector<EventAnchors> anchors(n);
  ParallelFor(
      n,
      [&](size_t i) {
        bags[i] = BuildTermBag(*docs[i], options.terms, &name_bags[i]);
        published[i] = docs[i]->article->published;
        anchors[i] = ExtractAnchors(*docs[i]);
      },
      options.cluster.threads);
  return ItemsOfBags(&bags, name_bags, published, std::move(anchors), options);
}

StoryAssignment FindStoriesOfArticles(const std::vector<Article>& articles, const TextOptions& text,
                                      const StoryOptions& options, Progress* progress) {
  const size_t n = articles.size();
  const int threads = options.cluster.threads;
  LineStats stats;
  ParallelFor(n, [&](size_t i) { stats.AddArticle(articles[i].text, text.boilerplate); }, threads);
  constexpr size_t kChunk = 2048;
  std::vector<TermBag> bags(n), name_bags(n);
  std::vector<std::optional<int64_t>> published(n);
  std::vector<EventAnchors> anchors(n);
  for (size_t begin = 0; begin < n; begin += kChunk) {
    const size_t count = std::min(kChunk, n - begin);
    ParallelFor(
        count,
        [&](size_t k) {
          const size_t i = begin + k;
          const Document doc = BuildDocument(articles[i], &stats, text);
          bags[i] = BuildTermBag(doc, options.terms, &name_bags[i]);
          published[i] = articles[i].published;
          anchors[i] = ExtractAnchors(doc);
          if (progress != nullptr) progress->Add();
        },
        threads);
  }
  std::vector<ClusterItem> items = ItemsOfBags(&bags, name_bags, published, std::move(anchors), options);
  std::vector<TermBag>().swap(bags);
  std::vector<TermBag>().swap(name_bags);
  std::vector<const Article*> ptrs(n);
  for (size_t i = 0; i < n; ++i) ptrs[i] = &articles[i];
  return AssignmentFromLabels(ptrs, ClusterAverageLink(items, options.cluster));
}

StoryAssignment AssignmentFromLabels(const std::vector<const Document*>& docs,
                                     const std::vector<uint32_t>& labels) {
  std::vector<const Article*> articles(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) articles[i] = docs[i]->article;
  return AssignmentFromLabels(articles, labels);
}

StoryAssignment AssignmentFromLabels(const std::vector<const Article*>& docs,
                                     const std::vector<uint32_t>& labels) {
  const size_t n = docs.size();
  uint32_t k = 0;
  for (uint32_t l : labels) k = std::max(k, l + 1);
  std::vector<std::vector<uint32_t>> groups(k);
  for (uint32_t i = 0; i < n; ++i) groups[labels[i]].push_back(i);
  std::vector<int64_t> first_time(k, std::numeric_limits<int64_t>::max());
  for (uint32_t g = 0; g < k; ++g) {
    for (uint32_t i : groups[g]) {
      if (docs[i]->published) first_time[g] = std::min(first_time[g], *docs[i]->published);
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
      ids.push_back(docs[i]->id);
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
