#include "store/term_model.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "store/article_cache.h"

namespace rashomon::store {
namespace {

TermBag RandomBag(std::mt19937& rng) {
  std::map<uint64_t, float> terms;
  const int n = 1 + static_cast<int>(rng() % 30);
  for (int t = 0; t < n; ++t)
    terms[(rng() % 500) * 0x9E3779B97F4A7C15ULL] += 0.25f * static_cast<float>(1 + rng() % 12);
  TermBag bag;
  bag.terms.assign(terms.begin(), terms.end());
  return bag;
}

// Differential: the store's model gives, bit for bit, the vectors TfIdf
// gives from the same statistics (documents and frequencies), through both
// the bag in memory and the bag as stored.
TEST(TermModelTest, MatchesTfIdfBitForBit) {
  std::mt19937 rng(3);
  std::vector<TermBag> corpus;
  for (int d = 0; d < 200; ++d) corpus.push_back(RandomBag(rng));
  TfIdf reference(50.0f);
  for (const TermBag& bag : corpus) reference.AddDocument(bag);
  TermModel model(50.0f);
  model.SetDocuments(reference.documents());
  auto df_of = [&reference](uint64_t key) { return reference.DocumentFrequency(key); };
  for (const TermBag& bag : corpus) {
    const SparseVector want = reference.Transform(bag);
    const SparseVector got = model.Transform(model.Intern(bag, df_of));
    const SparseVector packed = model.Transform(model.InternPacked(PackBag(bag), df_of));
    ASSERT_EQ(got.values.size(), want.values.size());
    // Ids differ (each model numbers terms in the order it meets them); the
    // weights of each term must not. Compare as key -> weight.
    std::map<float, int> a, b, c;
    for (float v : want.values) ++a[v];
    for (float v : got.values) ++b[v];
    for (float v : packed.values) ++c[v];
    EXPECT_EQ(a, b);
    EXPECT_EQ(b, c);
  }
}

TEST(TermModelTest, IdsInFirstMetOrderAndFrequenciesKeptUpToDate) {
  TermModel model(0.0f);
  EXPECT_EQ(model.Find(42), -1);
  auto df_of = [](uint64_t key) { return static_cast<uint32_t>(key % 7); };
  EXPECT_EQ(model.Id(42, df_of), 0u);
  EXPECT_EQ(model.Id(7, df_of), 1u);
  EXPECT_EQ(model.Id(42, df_of), 0u);
  EXPECT_EQ(model.Find(7), 1);
  EXPECT_EQ(model.DocumentFrequency(0), 0u);
  model.SetDocuments(10);
  const float before = model.Idf(0);
  model.AddDocumentFrequency(0, 3);
  EXPECT_EQ(model.DocumentFrequency(0), 3u);
  EXPECT_LT(model.Idf(0), before);
  // Many terms: the table grows and keeps every id.
  for (uint64_t k = 100; k < 5000; ++k) model.Id(k * 1000003, df_of);
  EXPECT_EQ(model.Find(42), 0);
  EXPECT_EQ(model.Find(4999ULL * 1000003), 2 + 4899);
}

TEST(ArticleCacheTest, KeepsTwoGenerationsAndMovesHitsToTheNewer) {
  ArticleCache cache;
  EXPECT_FALSE(cache.enabled());
  cache.SetCapacity(4);  // two generations of two
  ASSERT_TRUE(cache.enabled());
  for (int64_t seq = 1; seq <= 2; ++seq) cache.Put(seq, CachedArticle{{}, {}, seq, {}});
  cache.Put(3, CachedArticle{});      // 1 and 2 become the older generation
  ASSERT_NE(cache.Find(1), nullptr);  // moves to the newer (now 3, 1)
  EXPECT_EQ(cache.Find(1)->published, 1);
  cache.Put(4, CachedArticle{});  // the newer is full: 3, 1 become the older; 2 is dropped
  EXPECT_EQ(cache.Find(2), nullptr);
  EXPECT_NE(cache.Find(3), nullptr);
  EXPECT_NE(cache.Find(1), nullptr);
  cache.Clear();
  EXPECT_EQ(cache.Find(4), nullptr);
}

}  // namespace
}  // namespace rashomon::store
