#include "sketch/term_vector.h"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <vector>

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

std::vector<TermBag> BagsOf(std::initializer_list<const Document*> docs) {
  std::vector<TermBag> bags;
  for (const Document* d : docs) bags.push_back(BuildTermBag(*d));
  return bags;
}

// Invented names: an English report names a harbour master Ivo Dranek and
// the port of Kalvoran; an Arabic one writes them درانيك and كالفوران.
TEST(TermVectorTest, ArabicWordsTakeTheNamesTheirSkeletonsSpell) {
  Article en, ar, other;
  const Document de = Doc(&en, "The port of Kalvoran was closed on Tuesday, harbour master Ivo Dranek said.\n");
  const Document da = Doc(&ar, "قال مدير الميناء إيفو درانيك إن ميناء كالفوران أغلق يوم الثلاثاء.\n");
  const Document dother = Doc(&other, "The council of Varnholt met on Monday.\n");
  std::vector<TermBag> bags = BagsOf({&de, &da, &dother});
  const std::vector<TermBag> before = bags;
  ASSERT_FALSE(bags[1].caseless_bridges.empty());
  BridgeCaselessNames(&bags);
  // The English name keys, as the English bag counts them.
  uint64_t dranek = 0, kalvoran = 0;
  for (const Token& t : de.tokens) {
    if (de.TokenText(t) == "Dranek") dranek = t.key;
    if (de.TokenText(t) == "Kalvoran") kalvoran = t.key;
  }
  ASSERT_GT(Weight(bags[0], dranek), 0.0f);
  EXPECT_GT(Weight(bags[1], dranek), 0.0f);
  EXPECT_GT(Weight(bags[1], kalvoran), 0.0f);
  EXPECT_EQ(Weight(before[1], dranek), 0.0f);
  // Articles in a cased script keep their terms; the bridges are cleared.
  EXPECT_EQ(bags[0].terms, before[0].terms);
  EXPECT_EQ(bags[2].terms, before[2].terms);
  for (const TermBag& b : bags) {
    EXPECT_TRUE(b.name_bridges.empty());
    EXPECT_TRUE(b.caseless_bridges.empty());
  }
  // Keys stay sorted and unique.
  for (size_t i = 1; i < bags[1].terms.size(); ++i) EXPECT_LT(bags[1].terms[i - 1].first, bags[1].terms[i].first);
}

TEST(TermVectorTest, DominantNameHasTwiceTheArticlesOfAnyOther) {
  EXPECT_EQ(DominantName({{7, 2}, {9, 1}}), 7u);
  EXPECT_EQ(DominantName({{7, 2}, {9, 2}}), 0u);
  EXPECT_EQ(DominantName({{7, 3}, {9, 2}}), 0u);
  EXPECT_EQ(DominantName({{7, 1}}), 7u);
  EXPECT_EQ(DominantName({}), 0u);
}

TEST(TermVectorTest, ASkeletonTwoNamesShareSpellsNeither) {
  // "Kalvani" and "Kalfoni" have one skeleton (krbn): كالفاني spells neither.
  Article a, b, c;
  const Document da = Doc(&a, "The inspector Ordo Kalvani met the press.\n");
  const Document db = Doc(&b, "The captain Ordo Kalfoni met the press.\n");
  const Document dc = Doc(&c, "التقى المفتش كالفاني الصحفيين.\n");
  std::vector<TermBag> bags = BagsOf({&da, &db, &dc});
  const std::vector<TermBag> before = bags;
  BridgeCaselessNames(&bags);
  EXPECT_EQ(bags[2].terms, before[2].terms);
  // With only one of them, the Arabic word takes its name.
  std::vector<TermBag> one = BagsOf({&da, &dc});
  BridgeCaselessNames(&one);
  EXPECT_GT(one[1].terms.size(), before[2].terms.size());
  // So it does when twice as many articles write one of them.
  Article a2;
  const Document da2 = Doc(&a2, "Inspector Kalvani closed the quay.\n");
  std::vector<TermBag> most = BagsOf({&da, &da2, &db, &dc});
  BridgeCaselessNames(&most);
  EXPECT_EQ(most[3].terms, one[1].terms);
  // Without the option, no bridges at all.
  TermOptions off;
  off.abjad_name_weight = 0;
  EXPECT_TRUE(BuildTermBag(dc, off).caseless_bridges.empty());
  EXPECT_TRUE(BuildTermBag(da, off).name_bridges.empty());
}

}  // namespace
}  // namespace rashomon
