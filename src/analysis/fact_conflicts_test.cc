#include "analysis/fact_conflicts.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "text/corpus.h"

namespace rashomon {
namespace {

TEST(OppositeWordsTest, PrefixedOppositesAndListedPairs) {
  EXPECT_TRUE(OppositeWords("indirect", "direct"));
  EXPECT_TRUE(OppositeWords("direct", "indirect"));
  EXPECT_TRUE(OppositeWords("unofficial", "official"));
  EXPECT_TRUE(OppositeWords("non-binding", "binding"));
  EXPECT_TRUE(OppositeWords("confirmed", "denied"));
  EXPECT_TRUE(OppositeWords("rejected", "accepted"));
  // Short bases are accidents of spelling, not opposites.
  EXPECT_FALSE(OppositeWords("inform", "form"));
  EXPECT_FALSE(OppositeWords("improve", "prove"));
  EXPECT_FALSE(OppositeWords("direct", "direct"));
  EXPECT_FALSE(OppositeWords("confirmed", "announced"));
}

struct Docs {
  std::vector<Article> articles;
  std::vector<Document> docs;
};

Docs Build(const std::vector<std::string>& texts) {
  Docs d;
  for (size_t i = 0; i < texts.size(); ++i) {
    Article a;
    a.id = "a" + std::to_string(i);
    a.source = a.id;
    a.text = texts[i];
    d.articles.push_back(std::move(a));
  }
  d.docs = BuildDocuments(d.articles);
  return d;
}

std::vector<report::Conflict> Conflicts(const Docs& d) {
  std::vector<UnitStatement> members;
  for (const Document& doc : d.docs) {
    for (const Sentence& s : doc.sentences) members.push_back({&doc, &s});
  }
  std::vector<report::Conflict> out;
  AddUnitConflicts(members, "subject", &out);
  return out;
}

TEST(PolarityWordsTest, NegatorsReachTheNextContentWords) {
  Docs d =
      Build({"The envoy said the terms were never negotiable and the fund was non-refundable."});
  std::vector<PolarityWord> words = PolarityWords(d.docs[0], d.docs[0].sentences[0]);
  auto find = [&](const std::string& form) {
    return std::find_if(words.begin(), words.end(),
                        [&](const PolarityWord& w) { return w.form == form; });
  };
  ASSERT_NE(find("negotiable"), words.end());
  EXPECT_TRUE(find("negotiable")->negated);
  EXPECT_EQ(find("negotiable")->phrase, "never negotiable");
  ASSERT_NE(find("nonrefundable"), words.end());
  EXPECT_TRUE(find("nonrefundable")->negated);
  ASSERT_NE(find("envoy"), words.end());
  EXPECT_FALSE(find("envoy")->negated);
}

TEST(UnitConflictsTest, DirectVersusIndirect) {
  Docs d = Build(
      {"The first indirect meeting between Varnland and Ostria took place in Korsa on Friday.",
       "The first direct meeting between Varnland and Ostria took place in Korsa on Friday.",
       "The first indirect meeting of Varnland and Ostria was held on Friday in Korsa."});
  std::vector<report::Conflict> out = Conflicts(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, "polarity");
  ASSERT_EQ(out[0].claims.size(), 2u);
  EXPECT_EQ(out[0].claims[0].value, "indirect");
  EXPECT_EQ(out[0].claims[0].articles, (std::vector<std::string>{"a0", "a2"}));
  EXPECT_EQ(out[0].claims[1].value, "direct");
  EXPECT_EQ(out[0].claims[1].articles, std::vector<std::string>{"a1"});
}

TEST(UnitConflictsTest, ConfirmedVersusDenied) {
  Docs d = Build({"The ministry confirmed that the Tarsa convoy had crossed the border at dawn.",
                  "The ministry denied that the Tarsa convoy had crossed the border at dawn."});
  std::vector<report::Conflict> out = Conflicts(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, "polarity");
}

TEST(UnitConflictsTest, SameClaimInOtherWordsIsNoConflict) {
  Docs d = Build({"Minister Pell Aundry said the tariff plan was not negotiable.",
                  "The tariff plan is non-negotiable, Minister Pell Aundry said.",
                  "Minister Pell Aundry called the tariff plan never negotiable."});
  std::vector<report::Conflict> out = Conflicts(d);
  for (const report::Conflict& c : out) {
    for (const report::Claim& cl : c.claims)
      ADD_FAILURE() << c.kind << ": " << cl.value << " in " << cl.articles[0];
  }
}

TEST(UnitConflictsTest, WordOnlyOneSideUsesIsNoConflict) {
  // A detail left out is not a contradiction.
  Docs d = Build({"The indirect talks between Varnland and Ostria ended on Friday.",
                  "The talks between Varnland and Ostria ended on Friday."});
  EXPECT_TRUE(Conflicts(d).empty());
}

TEST(UnitConflictsTest, NegationScopeGuessesDoNotMakeConflicts) {
  // Both say the sides will not give way; the negator sits before
  // different words.
  Docs d =
      Build({"Both delegations will stick to their positions and will not back down, a Korsa "
             "trader said.",
             "Both delegations stick to their positions and are not willing to back down, a Korsa "
             "trader said."});
  EXPECT_TRUE(Conflicts(d).empty());
}

TEST(UnitConflictsTest, NonPrefixAgainstPlainWordIsAConflict) {
  Docs d = Build({"The Varnland court said the Korsa ruling was binding on both parties.",
                  "The Varnland court said the Korsa ruling was non-binding on both parties."});
  std::vector<report::Conflict> out = Conflicts(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].claims[0].value, "binding");
  EXPECT_EQ(out[0].claims[1].value, "non-binding");
}

// The unit is each document's first sentence; the rest of each document is
// context (invented delegations and towns).
std::vector<report::Conflict> FirstSentenceConflicts(const Docs& d) {
  std::vector<UnitStatement> members;
  std::vector<const Document*> docs;
  for (const Document& doc : d.docs) {
    members.push_back({&doc, &doc.sentences[0]});
    docs.push_back(&doc);
  }
  const DocumentWordsMap words = WordsOfDocuments(docs);
  std::vector<report::Conflict> out;
  AddUnitConflicts(members, "subject", &out, &words);
  return out;
}

constexpr const char* kDirect =
    "Saturday's meeting in Korsa was the first direct contact between the Velgrad and Ostrel delegations since "
    "the border dispute began.\n\nBoth sides promised to meet again within a month.\n";
constexpr const char* kPlainLead =
    "Saturday's meeting in Korsa was the first contact between the Velgrad and Ostrel delegations since the "
    "border dispute began.\n\n";

TEST(DocumentOppositesTest, OppositeSaidOfTheSameThingElsewhereIsAConflict) {
  Docs d = Build({kDirect, std::string(kPlainLead) +
                               "The delegations held indirect talks through mediators from Drosk during the meeting.\n"});
  std::vector<report::Conflict> out = FirstSentenceConflicts(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, "polarity");
  ASSERT_EQ(out[0].claims.size(), 2u);
  EXPECT_EQ(out[0].claims[0].value, "direct");
  EXPECT_EQ(out[0].claims[0].articles, std::vector<std::string>{"a0"});
  EXPECT_EQ(out[0].claims[1].value, "indirect");
  EXPECT_EQ(out[0].claims[1].articles, std::vector<std::string>{"a1"});
  // Without the documents' words only the statements are compared: no conflict.
  std::vector<UnitStatement> members = {{&d.docs[0], &d.docs[0].sentences[0]}, {&d.docs[1], &d.docs[1].sentences[0]}};
  std::vector<report::Conflict> plain;
  AddUnitConflicts(members, "subject", &plain);
  EXPECT_TRUE(plain.empty());
}

TEST(UnitConflictsTest, TheStorysWordMapGivesTheSameAnswers) {
  // Polarity words read from the story's per-sentence map (computed once)
  // or from each statement: the same conflicts either way.
  Docs d = Build({"The Tarvel mayor said the ferry contract would not be renewed in May.\n",
                  "The Tarvel mayor said the ferry contract would be renewed in May.\n",
                  "The Tarvel mayor said the ferry contract would be renewed in June.\n"});
  std::vector<report::Conflict> with_map = FirstSentenceConflicts(d);
  std::vector<UnitStatement> members;
  for (const Document& doc : d.docs) members.push_back({&doc, &doc.sentences[0]});
  std::vector<report::Conflict> without;
  AddUnitConflicts(members, "subject", &without);
  ASSERT_FALSE(with_map.empty());
  ASSERT_EQ(with_map.size(), without.size());
  for (size_t i = 0; i < with_map.size(); ++i) {
    EXPECT_EQ(with_map[i].kind, without[i].kind);
    ASSERT_EQ(with_map[i].claims.size(), without[i].claims.size());
    for (size_t c = 0; c < with_map[i].claims.size(); ++c) {
      EXPECT_EQ(with_map[i].claims[c].value, without[i].claims[c].value);
      EXPECT_EQ(with_map[i].claims[c].articles, without[i].claims[c].articles);
    }
  }
  EXPECT_TRUE(std::any_of(with_map.begin(), with_map.end(), [](const report::Conflict& c) { return c.kind == "polarity"; }));
  // Statements all worded alike: nothing to take sides on.
  Docs same = Build({"The Tarvel mayor said the ferry contract would not be renewed in May.\n",
                     "The Tarvel mayor said the ferry contract would not be renewed in May.\n"});
  EXPECT_TRUE(FirstSentenceConflicts(same).empty());
}

TEST(DocumentOppositesTest, OppositeAboutSomethingElseIsNoConflict) {
  Docs d = Build({kDirect, std::string(kPlainLead) + "Indirect taxes on fuel rose sharply in March.\n"});
  EXPECT_TRUE(FirstSentenceConflicts(d).empty());
}

TEST(DocumentOppositesTest, ArticleUsingBothWordsTakesNoSide) {
  Docs d = Build({kDirect, std::string(kPlainLead) +
                               "The delegations held indirect talks through mediators during the meeting.\n\n"
                               "A direct line between the delegations is planned for the next meeting.\n"});
  EXPECT_TRUE(FirstSentenceConflicts(d).empty());
}

TEST(DocumentOppositesTest, NegatedOppositeIsNoSide) {
  Docs d = Build({kDirect, std::string(kPlainLead) +
                               "The delegations said the talks during the meeting were not indirect.\n"});
  EXPECT_TRUE(FirstSentenceConflicts(d).empty());
}

}  // namespace
}  // namespace rashomon
