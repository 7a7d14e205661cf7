#include "analysis/slot_conflicts.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "text/corpus.h"

namespace rashomon {
namespace {

struct Docs {
  std::vector<Article> articles;
  std::vector<Document> docs;
  std::unordered_map<const Document*, std::vector<uint8_t>> quoted;
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
  for (const Document& doc : d.docs) d.quoted.emplace(&doc, QuotedTokens(doc));
  return d;
}

// Every article's last sentence as one fact unit.
std::vector<report::Conflict> Conflicts(const Docs& d) {
  std::vector<UnitStatement> members;
  for (const Document& doc : d.docs) members.push_back({&doc, &doc.sentences.back()});
  std::vector<report::Conflict> out;
  AddSlotConflicts(members, "subject", d.quoted, &out);
  return out;
}

const report::Claim* ClaimOf(const report::Conflict& c, const std::string& article) {
  for (const report::Claim& cl : c.claims) {
    if (std::find(cl.articles.begin(), cl.articles.end(), article) != cl.articles.end()) return &cl;
  }
  return nullptr;
}

TEST(SlotConflictsTest, QuotesRunOverSentences) {
  Docs d = Build({"Orla Venn said: \u201cThe dam will hold. The valley is safe.\u201d Crews left at noon."});
  const Document& doc = d.docs[0];
  const std::vector<uint8_t>& q = d.quoted.at(&doc);
  auto quoted = [&](const std::string& word) {
    for (size_t t = 0; t < doc.tokens.size(); ++t) {
      if (doc.TokenText(doc.tokens[t]) == word) return q[t] != 0;
    }
    ADD_FAILURE() << word << " not found";
    return false;
  };
  EXPECT_FALSE(quoted("Orla"));
  EXPECT_TRUE(quoted("dam"));
  EXPECT_TRUE(quoted("valley"));  // the second sentence of the quote
  EXPECT_FALSE(quoted("Crews"));
}

TEST(SlotConflictsTest, ContractionsCompareAsFullForms) {
  Docs d = Build({"The harbour board didn't approve the Kessel pier extension this spring.",
                  "The harbour board did not approve the Kessel pier extension this spring."});
  EXPECT_TRUE(Conflicts(d).empty());
  SlotWords a = WordsForSlots(d.docs[0], d.docs[0].sentences[0], {});
  SlotWords b = WordsForSlots(d.docs[1], d.docs[1].sentences[0], {});
  EXPECT_EQ(a.words, b.words);
}

TEST(SlotConflictsTest, DifferentCountInTheSameSlotIsANumberConflict) {
  Docs d = Build({"The ferry Malvorn carried 214 passengers when it struck a reef off Tessel.",
                  "The ferry Malvorn carried 241 passengers when it struck a reef off Tessel.",
                  "The ferry Malvorn carried 214 passengers when it hit a reef off Tessel."});
  std::vector<report::Conflict> out = Conflicts(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, "number");
  ASSERT_NE(ClaimOf(out[0], "a1"), nullptr);
  EXPECT_EQ(ClaimOf(out[0], "a1")->value, "241 passengers");
  EXPECT_EQ(ClaimOf(out[0], "a0")->articles, (std::vector<std::string>{"a0", "a2"}));
}

TEST(SlotConflictsTest, CopiesWordedAsThePivotStateItsValue) {
  Docs d = Build({"The Varrow council approved 38 new bus shelters for the eastern wards on Monday.",
                  "The Varrow council approved 38 new bus shelters for the eastern wards on Monday.",
                  "The Varrow council approved 83 new bus shelters for the eastern wards on Monday.",
                  "The Varrow council approved 38 new bus shelters for the eastern wards on Monday."});
  std::vector<report::Conflict> out = Conflicts(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, "number");
  EXPECT_EQ(ClaimOf(out[0], "a0")->articles, (std::vector<std::string>{"a0", "a1", "a3"}));
  EXPECT_EQ(ClaimOf(out[0], "a2")->articles, (std::vector<std::string>{"a2"}));
  // Only copies of one wording: nothing to compare.
  Docs same = Build({"The Varrow council approved 38 new bus shelters for the eastern wards on Monday.",
                     "The Varrow council approved 38 new bus shelters for the eastern wards on Monday."});
  EXPECT_TRUE(Conflicts(same).empty());
}

TEST(SlotConflictsTest, OneValueWrittenTwoWaysIsNoConflict) {
  Docs d = Build({"The Ostrel fund raised $4 billion from pension savers across the region last year.",
                  "The Ostrel fund raised $4bn from pension savers across the region last year.",
                  "The Ostrel fund raised 4,000 million dollars from pension savers across the region last year."});
  for (const report::Conflict& c : Conflicts(d)) ADD_FAILURE() << c.kind << ": " << c.claims[0].value;
}

TEST(SlotConflictsTest, NegatorOnOneSideIsAPolarityConflict) {
  Docs d = Build({"Councillor Brenna Oduya said the depot was handed over to the Lirra cooperative.",
                  "Councillor Brenna Oduya said the depot wasn't handed over to the Lirra cooperative.",
                  "Councillor Brenna Oduya stated the depot was handed over to the Lirra cooperative."});
  std::vector<report::Conflict> out = Conflicts(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, "polarity");
  EXPECT_EQ(ClaimOf(out[0], "a1")->value, "wasn't handed");
  EXPECT_EQ(ClaimOf(out[0], "a0")->value, "was handed");
  EXPECT_EQ(ClaimOf(out[0], "a0")->articles, (std::vector<std::string>{"a0", "a2"}));
}

TEST(SlotConflictsTest, OtherTitleBeforeTheSameNameIsARoleConflict) {
  Docs d = Build({"Deputy Mayor Tomas Vellin opened the rebuilt Harrow bridge to traffic on a wet morning.",
                  "Deputy Governor Tomas Vellin opened the rebuilt Harrow bridge to traffic on a wet morning."});
  std::vector<report::Conflict> out = Conflicts(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, "role");
  EXPECT_EQ(out[0].subject, "role of Tomas Vellin");
  EXPECT_EQ(ClaimOf(out[0], "a0")->value, "Deputy Mayor");  // case kept
  EXPECT_EQ(ClaimOf(out[0], "a1")->value, "Deputy Governor");
}

TEST(SlotConflictsTest, QuoteWordingQuotesEachOutletsOwnWords) {
  Docs d = Build({"\u201cWe will rebuild every school in the valley,\u201d Ines Carrow told the crowd in Damsk.",
                  "\u201cWe will restore every school in the valley,\u201d Ines Carrow told the crowd in Damsk.",
                  "\u201cWe will rebuild every school in the valley,\u201d Ines Carrow informed the crowd in Damsk."});
  std::vector<report::Conflict> out = Conflicts(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, "quote");
  EXPECT_EQ(ClaimOf(out[0], "a0")->value, "We will rebuild every school in the valley");
  EXPECT_EQ(ClaimOf(out[0], "a1")->value, "We will restore every school in the valley");
  // The synonym outside the quote ("told"/"informed") is paraphrase.
  EXPECT_EQ(ClaimOf(out[0], "a0")->articles, (std::vector<std::string>{"a0", "a2"}));
}

TEST(SlotConflictsTest, OtherWeekdayIsADateConflict) {
  Docs d = Build({"The Pellar mine reopened on Tuesday after a two-week strike by its drillers.",
                  "The Pellar mine reopened on Thursday after a two-week strike by its drillers."});
  std::vector<report::Conflict> out = Conflicts(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, "date");
  EXPECT_EQ(ClaimOf(out[0], "a1")->value, "Thursday");
}

TEST(SlotConflictsTest, LooselyAlignedStatementsMakeNoConflict) {
  // Two statements of one event worded independently: no confident alignment.
  Docs d = Build({"Rescuers said 12 miners were still trapped in the Pellar shaft late on Tuesday.",
                  "By Thursday the Pellar company had counted 14 workers missing underground, rescuers said."});
  EXPECT_TRUE(Conflicts(d).empty());
}

TEST(SlotConflictsTest, RewordedStatementsAgreeing) {
  Docs d = Build({"Officials said the new clinic in Varro will open in March and serve 3,000 families.",
                  "Authorities stated the new clinic in Varro will open in March and serve 3000 families."});
  EXPECT_TRUE(Conflicts(d).empty());
}

TEST(KeepDisagreementsTest, ArticlesStatingBothValuesDoNotDisagree) {
  std::vector<report::Conflict> c(2);
  c[0].kind = "role";
  c[0].claims = {{"Colonel", {"a", "b"}}, {"commander of the coast guard", {"a", "b"}}};
  c[1].kind = "number";
  c[1].claims = {{"14", {"a", "b"}}, {"12", {"b", "c"}}};
  KeepDisagreements(&c);
  ASSERT_EQ(c.size(), 1u);  // a says 14 only, c 12 only
  EXPECT_EQ(c[0].kind, "number");
}

TEST(AppendNewConflictsTest, SameDifferenceFoundTwiceIsListedOnce) {
  std::vector<report::Conflict> out(1);
  out[0].kind = "polarity";
  out[0].claims = {{"was not sold", {"a"}}, {"was sold", {"b", "c"}}};
  std::vector<report::Conflict> more(2);
  more[0].kind = "polarity";
  more[0].claims = {{"not sold", {"a"}}, {"sold", {"b"}}};
  more[1].kind = "date";
  more[1].claims = {{"Monday", {"a"}}, {"Friday", {"b"}}};
  AppendNewConflicts(std::move(more), &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].kind, "date");
}

}  // namespace
}  // namespace rashomon
