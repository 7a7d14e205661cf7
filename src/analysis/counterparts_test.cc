#include "analysis/counterparts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "analysis/slot_conflicts.h"
#include "analysis/story.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

// Invented stories only (names, places and events made up here).
struct Sketched {
  std::vector<Article> articles;
  std::vector<Document> docs;
  std::vector<SentenceSketch> sketches;
  std::vector<ClauseItem> items;
  IdfTable idf;
};

// One article per text; every sentence an item, all asked about.
std::unique_ptr<Sketched> Sketch(const std::vector<std::string>& texts) {
  auto s = std::make_unique<Sketched>();
  for (size_t i = 0; i < texts.size(); ++i) {
    Article a;
    a.id = "a" + std::to_string(i);
    a.text = texts[i];
    s->articles.push_back(std::move(a));
  }
  s->docs = BuildDocuments(s->articles);
  for (const Document& d : s->docs) {
    for (const Sentence& sent : d.sentences) s->sketches.push_back(SketchSentence(d, sent));
  }
  for (const SentenceSketch& k : s->sketches) s->idf.Add(k);
  for (SentenceSketch& k : s->sketches) s->idf.Weigh(&k);
  size_t k = 0;
  for (uint32_t d = 0; d < s->docs.size(); ++d) {
    for (const Sentence& sent : s->docs[d].sentences) s->items.push_back({&s->docs[d], d, &sent, &s->sketches[k++], true});
  }
  return s;
}

const char* const kPilot =
    "Commander Oskar Brennholt said he spoke with the pilot who shot down a Tarvish surveillance drone that "
    "approached the frigate Halvard on Monday.\n\n"
    "Farmers in the Ilvar valley sold their barley harvest early because of the long drought.\n";
const char* const kNavy =
    "The navy moved the frigate Halvard closer to the Korsa coast, while its gunners also shot down a Tarvish "
    "surveillance drone this week.\n\n"
    "The city library of Drosk reopened after two years of repairs to its glass roof.\n";

TEST(CounterpartsTest, ClaimToldInsideAnotherSentenceHasACounterpart) {
  auto s = Sketch({kPilot, kNavy});
  ASSERT_EQ(s->items.size(), 4u);
  const auto found = FindCounterparts(s->items, s->idf);
  // The drone shot down: the pilot's sentence holds the navy's clause about
  // it (not the other way: the pilot's sentence says more, in one clause).
  ASSERT_FALSE(found[2].empty());
  EXPECT_EQ(found[2][0].item, 0u);
  EXPECT_GE(found[2][0].held, CounterpartOptions{}.clause);
  // The harvest and the library are told by one article each.
  EXPECT_TRUE(found[1].empty());
  EXPECT_TRUE(found[3].empty());
}

TEST(CounterpartsTest, OnlyItemsAskedAboutGetAnswers) {
  auto s = Sketch({kPilot, kNavy});
  s->items[0].split = false;
  const auto found = FindCounterparts(s->items, s->idf);
  EXPECT_TRUE(found[0].empty());
  ASSERT_FALSE(found[2].empty()) << "an item not asked about still serves as a counterpart";
  EXPECT_EQ(found[2][0].item, 0u);
}

TEST(CounterpartsTest, SharedCommonWordsAreNoCounterpart) {
  // Same frame ("officials said on Monday that the ... would ..."), other claims.
  auto s = Sketch({"Officials in Velgrad said on Monday that the new tram line would open in the spring.\n",
                   "Officials in Velgrad said on Monday that the old brewery would be turned into flats.\n"});
  const auto found = FindCounterparts(s->items, s->idf);
  EXPECT_TRUE(found[0].empty());
  EXPECT_TRUE(found[1].empty());
}

TEST(CounterpartsTest, AnchoredPairsJoinOnlyItemsAskedAbout) {
  auto s = Sketch({kPilot, kNavy});
  CounterpartOptions strict{0.5f, 0.55f, 3, 4};
  auto pairs = AnchoredPairs(s->items, s->idf, strict);
  ASSERT_FALSE(pairs.empty());
  EXPECT_TRUE(std::any_of(pairs.begin(), pairs.end(), [](const auto& p) {
    return std::get<0>(p) == 0u && std::get<1>(p) == 2u && std::get<2>(p) >= 0.55f;
  }));
  s->items[2].split = false;
  pairs = AnchoredPairs(s->items, s->idf, strict);
  EXPECT_TRUE(std::none_of(pairs.begin(), pairs.end(), [](const auto& p) {
    return std::get<0>(p) == 2u || std::get<1>(p) == 2u;
  }));
}

TEST(CounterpartsTest, QuotedPairsAreTheQuotedWordsOnly) {
  auto s = Sketch({"Mayor Ilse Vardan called the harbour talks \u201Cvery calm\u201D before leaving for Drosk.\n",
                   "The talks were \u201Cvery calm,\u201D Vardan told reporters in the harbour.\n",
                   "Vardan said the harbour talks were very calm and short.\n"});
  std::vector<std::vector<uint64_t>> pairs;
  for (const ClauseItem& it : s->items) pairs.push_back(QuotedPairs(*it.doc, *it.sentence, QuotedTokens(*it.doc)));
  ASSERT_EQ(pairs.size(), 3u);
  EXPECT_EQ(pairs[0].size(), 1u);
  EXPECT_EQ(pairs[0], pairs[1]) << "the same quoted words, however framed";
  EXPECT_TRUE(pairs[2].empty()) << "unquoted words are no quote";
}

// In a whole story: a claim another article states in part is a partial
// fact with both sources counted, compared for no conflicts, and not listed
// as what either article adds; a claim of one article alone is listed.
TEST(CounterpartsTest, PartialFactsInAStory) {
  std::vector<Article> articles(2);
  articles[0].id = "pilot";
  articles[0].text = kPilot;
  articles[1].id = "navy";
  articles[1].text = kNavy;
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  const report::Story r = AnalyzeStory(ptrs, "s1", AnalysisOptions{});
  const report::Fact* drone = nullptr;
  for (const report::Fact& f : r.facts) {
    if (f.articles.size() == 2) drone = &f;
  }
  ASSERT_NE(drone, nullptr);
  EXPECT_TRUE(drone->partial);
  EXPECT_EQ(drone->independent_sources, 2);
  EXPECT_TRUE(r.conflicts.empty());
  for (const report::Unique& u : r.unique) {
    ASSERT_EQ(u.facts.size(), 1u) << u.article;
    const auto f = std::find_if(r.facts.begin(), r.facts.end(), [&](const report::Fact& x) { return x.id == u.facts[0]; });
    ASSERT_NE(f, r.facts.end());
    EXPECT_EQ(f->articles.size(), 1u);
    EXPECT_EQ(f->text.find("drone"), std::string::npos);
  }
}

}  // namespace
}  // namespace rashomon
