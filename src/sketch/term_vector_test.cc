#include "sketch/term_vector.h"

#include <gtest/gtest.h>

#include <cmath>

namespace rashomon {
namespace {

Document Doc(Article* a, std::string text, std::string title = "") {
  a->id = "x";
  a->text = std::move(text);
  a->title = std::move(title);
  return BuildDocument(*a, nullptr);
}

float Weight(const TermBag& bag, uint64_t key) {
  for (const auto& [k, w] : bag.terms) {
    if (k == key) return w;
  }
  return 0;
}

TEST(TermVectorTest, NamesLedeAndTitleWeighMore) {
  Article a;
  Document d = Doc(&a,
                   "The council met. The council said Kessel Bridge would reopen.\n"
                   "Later sentences mention the council and the weather and Kessel again.\n"
                   "A fourth sentence talks about weather.\n"
                   "A fifth sentence is about weather too.\n",
                   "Bridge reopens");
  TermOptions options;
  TermBag names;
  TermBag bag = BuildTermBag(d, options, &names);
  ASSERT_FALSE(bag.terms.empty());
  for (size_t i = 1; i < bag.terms.size(); ++i) EXPECT_LT(bag.terms[i - 1].first, bag.terms[i].first);
  // "Kessel" is a name (capitalised inside a sentence): in the names bag.
  std::vector<Token> toks;
  std::string kessel = "Kessel";
  Tokenize(kessel, 0, 6, {}, &toks);
  EXPECT_GT(Weight(names, toks[0].key), 0);
  // "weather": once in the lede (third sentence), twice after it; no name boost.
  toks.clear();
  std::string weather = "weather";
  Tokenize(weather, 0, 7, {}, &toks);
  EXPECT_FLOAT_EQ(Weight(bag, toks[0].stem), options.lede_weight + 2.0f);
  EXPECT_EQ(Weight(names, toks[0].key), 0);
}

TEST(TermVectorTest, TfIdfVectorsAreNormalisedAndCosineWorks) {
  TermBag a{{{1, 2.0f}, {2, 1.0f}}};
  TermBag b{{{1, 1.0f}, {3, 1.0f}}};
  TermBag c{{{4, 1.0f}}};
  TfIdf model;
  model.AddDocument(a);
  model.AddDocument(b);
  model.AddDocument(c);
  EXPECT_EQ(model.documents(), 3u);
  EXPECT_EQ(model.DocumentFrequency(1), 2u);
  SparseVector va = model.Transform(a), vb = model.Transform(b), vc = model.Transform(c);
  EXPECT_NEAR(va.Dot(va), 1.0f, 1e-5);
  EXPECT_GT(va.Dot(vb), 0.1f);
  EXPECT_FLOAT_EQ(va.Dot(vc), 0.0f);
  // Rarer terms weigh more: term 2 (df 1) outweighs term 1 (df 2) at equal tf.
  SparseVector v = model.Transform(TermBag{{{1, 1.0f}, {2, 1.0f}}});
  EXPECT_GT(v.values[1], v.values[0]);
}

// Dot sums the products of the shared ids in ascending id order, whatever
// the interleaving of the two lists (runs, gaps, one list ending first).
TEST(TermVectorTest, DotSumsSharedIdsInOrder) {
  SparseVector a, b;
  a.ids = {1, 2, 3, 7, 8, 20, 21, 40};
  a.values = {0.5f, 0.25f, 2.0f, 1.5f, 3.0f, 0.125f, 4.0f, 9.0f};
  b.ids = {0, 2, 3, 4, 5, 6, 8, 21, 22};
  b.values = {7.0f, 8.0f, 0.5f, 1.0f, 1.0f, 1.0f, 0.75f, 2.0f, 5.0f};
  const float expected = ((0.25f * 8.0f + 2.0f * 0.5f) + 3.0f * 0.75f) + 4.0f * 2.0f;
  EXPECT_EQ(a.Dot(b), expected);
  EXPECT_EQ(b.Dot(a), expected);
  SparseVector none;
  none.ids = {9, 10};
  none.values = {1.0f, 1.0f};
  EXPECT_EQ(a.Dot(none), 0.0f);
  EXPECT_EQ(a.Dot(SparseVector{}), 0.0f);
}

TEST(TermVectorTest, BackgroundPriorRaisesIdfOfSharedTerms) {
  TfIdf plain, prior(1000);
  for (int i = 0; i < 5; ++i) {
    plain.AddDocument(TermBag{{{1, 1.0f}}});
    prior.AddDocument(TermBag{{{1, 1.0f}}});
  }
  EXPECT_NEAR(plain.Idf(5), 1.0f, 1e-5);  // in every document: no information
  EXPECT_GT(prior.Idf(5), 5.0f);           // rare against the prior
}

}  // namespace
}  // namespace rashomon
