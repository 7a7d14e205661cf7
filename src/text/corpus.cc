#include "text/corpus.h"

#include "base/parallel.h"
#include "base/progress.h"

namespace rashomon {

std::vector<Document> BuildDocuments(const std::vector<Article>& articles, const TextOptions& options,
                                     Progress* progress, int threads) {
  LineStats stats;
  ParallelFor(articles.size(), [&](size_t i) { stats.AddArticle(articles[i].text, options.boilerplate); },
              threads);
  std::vector<Document> docs(articles.size());
  ParallelFor(
      articles.size(),
      [&](size_t i) {
        docs[i] = BuildDocument(articles[i], &stats, options);
        if (progress) progress->Add();
      },
      threads);
  return docs;
}

}  // namespace rashomon
