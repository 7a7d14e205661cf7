#include "analysis/counterparts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "analysis/slot_conflicts.h"
#include "analysis/story.h"
#include "text/corpus.h"
#include "text/test_articles.h"

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

TEST(CounterpartsTest, ClaimBeforeWhileClauseHasACounterpart) {
  // One outlet ties the sanctions to a patrol ship with "while" (no comma),
  // the other to tariffs elsewhere: the sanctions claim is no addition.
  auto s = Sketch({"Talks on the Varn strait ended in Orlo on Friday.\n\n"
                   "Both sides stayed wary: the Tessaly government announced tariffs and new sanctions on fishing "
                   "fleets while sending a patrol ship to the strait.\n",
                   "Talks on the Varn strait ended in Orlo on Friday.\n\n"
                   "Contrasting signals emerged as the Tessaly cabinet simultaneously issued new sanctions targeting "
                   "fishing fleets and grain exports, alongside tariffs on ports trading with Kessar.\n"});
  ASSERT_EQ(s->items.size(), 4u);
  const auto found = FindCounterparts(s->items, s->idf);
  ASSERT_FALSE(found[1].empty());
  EXPECT_EQ(found[1][0].item, 3u);
  // The piece held is the sanctions clause, not the patrol ship.
  const Document& doc = s->docs[0];
  const std::string held = doc.text.substr(doc.tokens[found[1][0].first_token].begin,
                                           doc.tokens[found[1][0].token_end - 1].end -
                                               doc.tokens[found[1][0].first_token].begin);
  EXPECT_NE(held.find("sanctions"), std::string::npos) << held;
  EXPECT_EQ(held.find("patrol"), std::string::npos) << held;
}

TEST(CounterpartsTest, ASharedFrameDoesNotHideANewClaimWhenCoverIsAsked) {
  // The first clause is shared; the longer second one is this outlet's own.
  auto s = Sketch({"The navy moved the frigate Halvard to the Korsa coast, warning that the fleet would close the "
                   "Varn strait to fishing boats for the whole winter season and seize any catch landed at Orlo.\n",
                   "The navy moved the frigate Halvard to the Korsa coast on Monday.\n"});
  ASSERT_EQ(s->items.size(), 2u);
  CounterpartOptions any;
  any.first = true;
  EXPECT_FALSE(FindCounterparts(s->items, s->idf, any)[0].empty()) << "any clause held is enough";
  any.cover = kAddedCover;
  EXPECT_TRUE(FindCounterparts(s->items, s->idf, any)[0].empty()) << "the held clause is under half the weight";
  // Both clauses stated elsewhere: no addition with the cover either.
  auto both = Sketch({"The navy moved the frigate Halvard to the Korsa coast, warning that the fleet would close the "
                      "Varn strait to fishing boats for the whole winter season and seize any catch landed at Orlo.\n",
                      "The navy moved the frigate Halvard to the Korsa coast on Monday.\n\n"
                      "Officials said the fleet would close the Varn strait to fishing boats for the winter season and "
                      "seize any catch landed at Orlo.\n"});
  EXPECT_FALSE(FindCounterparts(both->items, both->idf, any)[0].empty());
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
  const auto drone = std::find_if(pairs.begin(), pairs.end(), [](const AnchoredPair& p) {
    return p.a == 0u && p.b == 2u && p.held >= 0.55f;
  });
  ASSERT_NE(drone, pairs.end());
  // The piece both state: the navy's clause about the drone, held in the
  // pilot's sentence, not the navy's whole sentence.
  EXPECT_EQ(drone->part, 2u);
  const Document& navy = *s->items[2].doc;
  const Sentence& sentence = *s->items[2].sentence;
  EXPECT_GT(drone->first_token, sentence.first_token);
  EXPECT_LE(drone->token_end, sentence.token_end);
  const std::string_view piece = std::string_view(navy.text).substr(
      navy.tokens[drone->first_token].begin, navy.tokens[drone->token_end - 1].end - navy.tokens[drone->first_token].begin);
  EXPECT_NE(piece.find("drone"), std::string_view::npos) << piece;
  EXPECT_EQ(piece.find("Korsa"), std::string_view::npos) << piece;
  s->items[2].split = false;
  pairs = AnchoredPairs(s->items, s->idf, strict);
  EXPECT_TRUE(std::none_of(pairs.begin(), pairs.end(), [](const AnchoredPair& p) { return p.a == 2u || p.b == 2u; }));
}

// The same specific number with one more word in common is one claim,
// however differently the rest is worded; round numbers and years are not
// specific enough.
TEST(CounterpartsTest, SameSpecificNumberIsACounterpart) {
  // Each article also tells other things, as articles do.
  const std::string other_a =
      "\n\nThe regional railway to Oskel will stay closed until the bridges are inspected.\n\n"
      "Schools in the lower valley reopened on Thursday with borrowed books.\n";
  const std::string other_b =
      "\n\nVolunteers from Tarn brought sandbags and drinking water to the villages.\n\n"
      "The mayor promised new pumping stations before the autumn rains.\n";
  auto story = [&](const std::string& number) {
    return Sketch({"Provincial authorities in Marrow acknowledged " + number +
                       " deaths during the winter floods, a figure disputed by relief charities." + other_a,
                   "The Drosk government said " + number + " people were killed in the floods and blamed the broken dykes." +
                       other_b});
  };
  auto s = story("1,284");
  const auto found = FindCounterparts(s->items, s->idf);
  ASSERT_EQ(s->items.size(), 6u);
  ASSERT_FALSE(found[3].empty());
  EXPECT_EQ(found[3][0].item, 0u);
  ASSERT_FALSE(found[0].empty());
  EXPECT_EQ(found[0][0].item, 3u);
  for (size_t i : {1, 2, 4, 5}) EXPECT_TRUE(found[i].empty()) << i;

  s = story("3,000");  // a round number: many claims could give it
  const auto round = FindCounterparts(s->items, s->idf);
  EXPECT_TRUE(round[0].empty());
  EXPECT_TRUE(round[3].empty());

  auto year = Sketch({"Provincial authorities in Marrow recalled the floods of 1987 while opening a new relief depot." + other_a,
                      "Farmers near Drosk still speak of the floods of 1987 when the river rises in spring." + other_b});
  const auto years = FindCounterparts(year->items, year->idf);
  EXPECT_TRUE(years[0].empty());
  EXPECT_TRUE(years[3].empty());
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

// The story of the invented articles (id, text), analysed whole, and the
// last of its facts that two articles state (nullptr if none).
struct AnalysedStory {
  std::vector<Document> docs;
  report::Story report;
  const report::Fact* Shared() const {
    const report::Fact* shared = nullptr;
    for (const report::Fact& f : report.facts) {
      if (f.articles.size() == 2) shared = &f;
    }
    return shared;
  }
};
std::unique_ptr<AnalysedStory> AnalyseStory(const std::vector<std::pair<std::string, std::string>>& texts) {
  std::vector<Article> articles(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    articles[i].id = texts[i].first;
    articles[i].text = texts[i].second;
  }
  auto s = std::make_unique<AnalysedStory>();
  s->docs = BuildDocuments(articles);
  s->report = AnalyzeStory(testing::Pointers(s->docs), "s1", AnalysisOptions{});
  return s;
}

// In a whole story: a claim another article states in part is a partial
// fact with both sources counted, compared for no conflicts, and not listed
// as what either article adds; a claim of one article alone is listed.
TEST(CounterpartsTest, PartialFactsInAStory) {
  const auto story = AnalyseStory({{"pilot", kPilot}, {"navy", kNavy}});
  const report::Story& r = story->report;
  const report::Fact* drone = story->Shared();
  ASSERT_NE(drone, nullptr);
  EXPECT_TRUE(drone->partial);
  EXPECT_EQ(drone->independent_sources, 2);
  // The fact reads as the words both articles state: the navy's clause
  // about the drone, marked as an excerpt, not a whole sentence that says
  // more (the frigate's move, the commander's talk with the pilot).
  EXPECT_NE(drone->text.find("shot down a Tarvish surveillance drone"), std::string::npos) << drone->text;
  EXPECT_EQ(drone->text.find("Korsa"), std::string::npos) << drone->text;
  EXPECT_EQ(drone->text.find("Brennholt"), std::string::npos) << drone->text;
  EXPECT_EQ(drone->text.rfind("\u2026 ", 0), 0u) << drone->text;
  EXPECT_TRUE(r.conflicts.empty());
  for (const report::Unique& u : r.unique) {
    ASSERT_EQ(u.facts.size(), 1u) << u.article;
    const auto f = std::find_if(r.facts.begin(), r.facts.end(), [&](const report::Fact& x) { return x.id == u.facts[0]; });
    ASSERT_NE(f, r.facts.end());
    EXPECT_EQ(f->articles.size(), 1u);
    EXPECT_EQ(f->text.find("drone"), std::string::npos);
  }
}

TEST(CounterpartsTest, WholeStatementHeldPairsBeforeAClause) {
  // The inspectors sent to the dock: one outlet says it in a sentence of its
  // own and again in a "while" clause of a sentence about tolls; the other
  // outlet's sentence holds both. The fact is the whole sentence, not the
  // clause cut out of the sentence about tolls.
  const auto story = AnalyseStory(
      {{"courier",
        "Both sides stayed wary: the Velmar council approved new tolls on the Quillan bridge while sending "
        "inspectors to the Orsk dock.\n\n"
        "At the same time, the council sent inspectors to the Orsk dock in Tessel.\n\n"
        "The library of Drosk reopened after two years of repairs to its glass roof.\n"},
       {"ledger",
        "Following weeks of protests over unpaid wages, the mayor stepped up the pressure by dispatching the "
        "inspectors to the Orsk dock in Tessel.\n\n"
        "Farmers in the Ilvar valley sold their barley harvest early because of the long drought.\n"}});
  const report::Fact* dock = story->Shared();
  ASSERT_NE(dock, nullptr);
  EXPECT_EQ(dock->text.rfind("At the same time", 0), 0u) << dock->text;
}

}  // namespace
}  // namespace rashomon
