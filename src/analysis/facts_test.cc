#include "analysis/facts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "analysis/story.h"
#include "analysis/wordnet.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

// Hand-made story (invented names, none from the seeds or the sample): an
// original A, a translation-like copy B with a name spelled differently, an
// independent report C, a second original E, and a rewrite D stitched from
// A and E.
constexpr int64_t kT0 = 1767000000;

Article Make(const std::string& id, int64_t minutes, std::string text) {
  Article a;
  a.id = id;
  a.source = id;
  a.published = kT0 + 60 * minutes;
  a.text = std::move(text);
  return a;
}

const char* const kA[] = {
    "The Ilvar dam burst early on Thursday, flooding four villages in the Velgrad valley.",
    "Engineer Oskar Brennholt said cracks in the spillway had been reported to the water board last spring.",
    "About 2,300 residents were evacuated by bus to a sports hall in the town of Korsa.",
    "The regional governor declared a state of emergency and asked the army for boats.",
    "Farmers downstream said their fields were under a metre of water by noon.",
    "The water board has promised an independent inquiry into the maintenance of the dam.",
};
const char* const kB[] = {
    "The dam of Ilvar broke in the early hours of Thursday and flooded four villages of the Velgrad valley.",
    "The engineer Oskar Brenholdt declared that fissures in the spillway were signalled to the water board last spring.",
    "Around 2,300 inhabitants were evacuated with buses to a sports hall of the town of Korsa.",
    "The governor of the region proclaimed a state of emergency and requested boats from the army.",
    "Farmers living downstream said their fields were under one metre of water by midday.",
    "The water board promised an independent investigation into the maintenance of the dam.",
};
const char* const kC[] = {
    "Rescue crews in rubber dinghies spent the afternoon lifting elderly residents from rooftops near Korsa.",
    "A nurse at the Korsa sports hall described queues for blankets and dry clothes late into the evening.",
    "Local volunteers set up a kitchen serving soup to families who had lost everything.",
    "Insurance companies warned that many of the farms in the region were not covered against flooding.",
    "The Ilvar dam burst on Thursday morning and flooded four villages in the Velgrad valley.",
};
const char* const kE[] = {
    "Rail services between Korsa and the coast were suspended after the embankment near the station collapsed.",
    "The national rail operator said replacement buses would run every half hour until further notice.",
    "Hospitals across the province cancelled routine surgery to keep beds free for flood victims.",
    "The health ministry sent three mobile clinics and a team of twenty doctors to the valley.",
};

std::string Join(const char* const* lines, std::initializer_list<int> which) {
  std::string out;
  for (int i : which) out += std::string(lines[i]) + "\n\n";
  return out;
}

struct Story {
  std::vector<Article> articles;
  std::vector<Document> docs;
  report::Story report;
};

std::unique_ptr<Story> Analyze(std::vector<Article> articles) {
  auto s = std::make_unique<Story>();
  s->articles = std::move(articles);
  s->docs = BuildDocuments(s->articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : s->docs) ptrs.push_back(&d);
  s->report = AnalyzeStory(ptrs, "s1", AnalysisOptions{});
  return s;
}

bool HasEdge(const report::Story& s, const std::string& from, const std::string& to) {
  return std::any_of(s.provenance.begin(), s.provenance.end(),
                     [&](const report::Provenance& p) { return p.from == from && p.to == to; });
}

bool Touches(const report::Story& s, const std::string& id) {
  return std::any_of(s.provenance.begin(), s.provenance.end(),
                     [&](const report::Provenance& p) { return p.from == id || p.to == id; });
}

std::vector<Article> HandMadeStory() {
  return {
      Make("orig-a", 0, "By Marta Lind\n\n" + Join(kA, {0, 1, 2, 3, 4, 5}) +
                            "Photo: Flooded streets in the valley on Thursday (AFP/Getty Images)\n"),
      Make("second-e", 30, Join(kE, {0, 1, 2, 3})),
      Make("indep-c", 60, Join(kC, {0, 1, 2, 3, 4})),
      Make("copy-b", 180, Join(kB, {0, 1, 2, 3, 4, 5})),
      Make("merge-d", 300, std::string(kA[0]) + "\n\n" + kE[0] + "\n\n" + kA[2] + "\n\n" + kE[2] + "\n\n" + kA[3] +
                               "\n\n" + kE[3] + "\n\n"),
  };
}

TEST(ProvenanceTest, CopyMergeAndIndependentReport) {
  auto s = Analyze(HandMadeStory());
  const report::Story& r = s->report;
  EXPECT_TRUE(HasEdge(r, "orig-a", "copy-b"));
  EXPECT_TRUE(HasEdge(r, "orig-a", "merge-d"));
  EXPECT_TRUE(HasEdge(r, "second-e", "merge-d")) << "a rewrite merging two originals has two parents";
  EXPECT_FALSE(Touches(r, "indep-c")) << "an independent report of the same event is not a copy";
  EXPECT_FALSE(HasEdge(r, "copy-b", "orig-a"));
  for (const report::Provenance& p : r.provenance) {
    EXPECT_GT(p.score, 0);
    EXPECT_FALSE(p.evidence.empty());
  }
}

// A spun rewrite (invented names): two statements keep the source's words
// and order around one-word swaps, the rest is rewritten; too little for
// statement or 3-gram evidence alone. The independent report covers the
// same event in its own words.
const char* const kSource[] = {
    "The passenger ferry Kalvina struck a submerged rock outside the harbour of Drosk late on Sunday evening.",
    "Harbour master Teodor Vasquell said the crew had ignored a warning about low water issued two hours earlier.",
    "All 412 passengers were brought ashore in lifeboats before the vessel began to list heavily to port.",
    "The shipping company apologised to travellers and promised to refund every ticket sold for the crossing.",
    "Divers will inspect the damaged hull on Tuesday once the weather over the bay has calmed.",
    "Local fishermen said the rock has been a known danger to large ships for as long as anyone can remember.",
};
const char* const kSpun[] = {
    "Late on Sunday, the Kalvina, a passenger ferry, hit an underwater reef near Drosk.",
    "Harbour chief Teodor Vasquell stated the crew had disregarded a warning about shallow water issued two hours before.",
    "Lifeboats carried everyone on board, 412 people, to land while the ship started leaning.",
    "The shipping firm apologised to passengers and vowed to refund every ticket bought for the crossing.",
    "Fishermen from the area describe that reef as a long-standing hazard for big vessels.",
    "Travellers waited for hours in the cold before buses arrived to take them home.",
    "Several of them complained online about how slowly help had come.",
    "Nobody has yet said when the route will reopen.",
};
const char* const kOwn[] = {
    "A ferry carrying more than 400 people ran onto rocks near Drosk on Sunday night, the coastguard said.",
    "Passengers described panic as the ship tilted and crew members handed out life jackets.",
    "The coastguard said nobody was seriously hurt and that everyone had been taken ashore.",
    "An investigation into the navigation of the Kalvina has been opened by the maritime authority.",
    "Divers are expected to examine the ferry's hull on Tuesday when conditions improve.",
};

std::unique_ptr<Story> SpunStory(const AnalysisOptions& options) {
  auto s = std::make_unique<Story>();
  s->articles = {Make("source", 0, Join(kSource, {0, 1, 2, 3, 4, 5})), Make("spun", 90, Join(kSpun, {0, 1, 2, 3, 4, 5, 6, 7})),
                 Make("own", 60, Join(kOwn, {0, 1, 2, 3, 4}))};
  s->docs = BuildDocuments(s->articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : s->docs) ptrs.push_back(&d);
  s->report = AnalyzeStory(ptrs, "s1", options);
  return s;
}

TEST(ProvenanceTest, LockstepFindsSwappedWords) {
  auto s = SpunStory(AnalysisOptions{});
  const Document& source = s->docs[0];
  const Document& spun = s->docs[1];
  const Document& own = s->docs[2];
  auto sentence_with = [](const Document& d, std::string_view needle) -> const Sentence& {
    for (const Sentence& x : d.sentences) {
      if (d.SentenceText(x).find(needle) != std::string_view::npos) return x;
    }
    ADD_FAILURE() << "no sentence with " << needle;
    return d.sentences.front();
  };
  // "the shipping [company] apologised to [travellers] and [promised] to refund every ticket [sold] for the crossing"
  Lockstep l = FindLockstep(source, sentence_with(source, "refund"), spun, sentence_with(spun, "refund"), 1);
  EXPECT_EQ(l.kept, 12);
  EXPECT_EQ(l.swaps, 4);
  EXPECT_EQ(spun.text.substr(spun.tokens[l.b_first].begin, spun.tokens[l.b_last].end - spun.tokens[l.b_first].begin),
            "The shipping firm apologised to passengers and vowed to refund every ticket bought for the crossing");
  // The same fact in an independent wording keeps no long stretch.
  Lockstep o = FindLockstep(source, sentence_with(source, "Divers"), own, sentence_with(own, "Divers"), 1);
  EXPECT_LT(o.kept, ProvenanceOptions{}.lockstep_kept);
  // Without swaps the stretch is a verbatim run, which is not counted here.
  Lockstep same = FindLockstep(source, sentence_with(source, "refund"), source, sentence_with(source, "refund"), 1);
  EXPECT_EQ(same.kept, 0);
}

TEST(ProvenanceTest, SpunRewriteIsDerivedIndependentReportIsNot) {
  auto s = SpunStory(AnalysisOptions{});
  const report::Story& r = s->report;
  ASSERT_TRUE(HasEdge(r, "source", "spun"));
  EXPECT_FALSE(Touches(r, "own")) << "an independent report of the same event is not a copy";
  const report::Provenance& p = r.provenance.front();
  EXPECT_TRUE(std::any_of(p.evidence.begin(), p.evidence.end(),
                          [](const std::string& e) { return e.find("reworded word for word") != std::string::npos; }));
  // Without WordNet the lockstep evidence is what finds it: without it the
  // rewrite passes. With WordNet the swapped words are synonyms, so the
  // rewrite's statements also match the source's as paraphrases.
  AnalysisOptions off;
  off.provenance.lockstep_statements = off.provenance.lockstep_order = 1000;
  off.provenance.strong_lockstep_kept = 1000;
  auto without = SpunStory(off);
  if (Synonyms::Get().available()) {
    EXPECT_TRUE(HasEdge(without->report, "source", "spun"));
    EXPECT_FALSE(Touches(without->report, "own"));
    return;
  }
  for (const report::Provenance& q : without->report.provenance) {
    std::string why;
    for (const std::string& e : q.evidence) why += e + "; ";
    ADD_FAILURE() << "edge without lockstep evidence: " << q.from << " -> " << q.to << ": " << why;
  }
}

TEST(ProvenanceTest, WeakDerivationsDoNotCountAgainstIndependence) {
  ProvenanceOptions o;
  ReuseMeasure m;
  m.sentence_share = 0.19f;
  m.shared_sentences = 3;
  m.derived_sentences = 16;
  m.reworded = 1;
  m.strong_reworded = 1;  // one long rewording: evidence, shown
  EXPECT_TRUE(m.Derived(o));
  EXPECT_FALSE(m.Counted(o));  // but not enough to call the two one witness
  m.reworded = 2;
  EXPECT_TRUE(m.Counted(o));
  m.reworded = 0;
  m.strong_reworded = 0;
  m.shingle_containment = 0.3f;
  EXPECT_TRUE(m.Counted(o));
}

TEST(FactsTest, IndependentSourcesDiscountCopies) {
  auto s = Analyze(HandMadeStory());
  const report::Fact* burst = nullptr;
  for (const report::Fact& f : s->report.facts) {
    if (std::count(f.articles.begin(), f.articles.end(), "indep-c") &&
        std::count(f.articles.begin(), f.articles.end(), "copy-b")) {
      burst = &f;
    }
  }
  ASSERT_NE(burst, nullptr) << "the dam-burst statement is one fact across A, B, C and D";
  EXPECT_GE(burst->articles.size(), 3u);
  // A and C are witnesses; B and D derive from A.
  EXPECT_EQ(burst->independent_sources, 2);
  // The count is explained: who the copies copy.
  EXPECT_NE(burst->corroboration.find(std::to_string(burst->articles.size()) + " articles, 2 independent"),
            std::string::npos)
      << burst->corroboration;
  EXPECT_NE(burst->corroboration.find("copy-b copies orig-a"), std::string::npos) << burst->corroboration;
  // The report names the two witnesses, so a reader (the web UI's fact
  // matrix) marks the same articles the count counts.
  std::vector<std::string> witnesses = burst->witnesses;
  std::sort(witnesses.begin(), witnesses.end());
  EXPECT_EQ(witnesses, (std::vector<std::string>{"indep-c", "orig-a"}));
}

TEST(FactsTest, CorroborationExplainsEachDiscountedArticle) {
  // 0 original, 1 copies 0, 2 derives from 1 (so from 0 too), 3 and 4 both
  // copy 5, which does not state the fact; 6 is unrelated to all.
  std::vector<std::vector<uint32_t>> parents = {{}, {0}, {1}, {5}, {5}, {}, {}};
  std::vector<std::set<uint32_t>> ancestors = {{}, {0}, {0, 1}, {5}, {5}, {}, {}};
  std::vector<std::string> ids = {"a", "b", "c", "d", "e", "f", "g"};
  Corroboration c = CountWitnesses({0, 1, 2, 3, 4, 6}, parents, ancestors);
  EXPECT_EQ(c.independent.size(), 3u);  // a, d (or e), g
  EXPECT_EQ(ExplainCorroboration(c, ids),
            "6 articles, 3 independent: b copies a; e and d both derive from f; c derives from a");
  EXPECT_EQ(ExplainCorroboration(CountWitnesses({0, 6}, parents, ancestors), ids), "2 articles, 2 independent");
  EXPECT_EQ(ExplainCorroboration(CountWitnesses({6}, parents, ancestors), ids), "1 article");
  // b a translation of a: it translates a, and c still derives from a.
  EXPECT_EQ(ExplainCorroboration(c, ids, {{1, 0}}),
            "6 articles, 3 independent: b translates a; e and d both derive from f; c derives from a");
}

TEST(FactsTest, NegatedStatementIsAPolarityConflict) {
  auto s = Analyze({
      Make("x", 0, "Mayor Ilse Varnholt said the Korsa bridge would not reopen before the spring floods.\n\n"
                   "Officials opened a shelter for the evacuated families in a school gym.\n"),
      Make("y", 30, "Mayor Ilse Varnholt said the Korsa bridge would reopen before the spring floods.\n\n"
                    "A choir concert planned for the weekend in the capital was cancelled.\n"),
      Make("z", 60, "The Korsa bridge will not reopen before the spring floods, Mayor Ilse Varnholt said.\n"),
  });
  const report::Conflict* polarity = nullptr;
  for (const report::Conflict& c : s->report.conflicts) {
    if (c.kind == "polarity") polarity = &c;
  }
  ASSERT_NE(polarity, nullptr);
  ASSERT_EQ(polarity->claims.size(), 2u);
  // Each side with the words around the slot; the reworded statement (z)
  // takes the side its negation says.
  for (const report::Claim& cl : polarity->claims) {
    if (cl.value == "would reopen") {
      EXPECT_EQ(cl.articles, std::vector<std::string>{"y"});
    } else {
      EXPECT_EQ(cl.value, "would not reopen");
      EXPECT_EQ(cl.articles, (std::vector<std::string>{"x", "z"}));
    }
  }
}

TEST(FactsTest, AgreeingParaphrasesHaveNoPolarityConflict) {
  auto s = Analyze({
      Make("x", 0, "Mayor Ilse Varnholt said the Korsa bridge would not reopen before the spring floods.\n"),
      Make("y", 30, "The Korsa bridge will not reopen before the spring floods, Mayor Ilse Varnholt said.\n"),
  });
  ASSERT_FALSE(s->report.facts.empty());
  EXPECT_EQ(s->report.facts[0].articles.size(), 2u);
  for (const report::Conflict& c : s->report.conflicts) EXPECT_NE(c.kind, "polarity") << c.subject;
}

TEST(FactsTest, BylinesAndCaptionsAreNotFacts) {
  auto s = Analyze(HandMadeStory());
  for (const report::Fact& f : s->report.facts) {
    EXPECT_EQ(f.text.find("Marta Lind"), std::string::npos) << f.text;
    EXPECT_EQ(f.text.find("Getty"), std::string::npos) << f.text;
  }
}

TEST(FactsTest, UniqueFactsBelongToOneArticle) {
  auto s = Analyze(HandMadeStory());
  bool c_has_unique = false;
  for (const report::Unique& u : s->report.unique) {
    for (const std::string& id : u.facts) {
      auto it = std::find_if(s->report.facts.begin(), s->report.facts.end(),
                             [&](const report::Fact& f) { return f.id == id; });
      ASSERT_NE(it, s->report.facts.end());
      ASSERT_EQ(it->articles.size(), 1u);
      EXPECT_EQ(it->articles[0], u.article);
    }
    c_has_unique |= u.article == "indep-c" && u.facts.size() >= 3;
  }
  EXPECT_TRUE(c_has_unique) << "the independent report's own material is what it adds";
}

TEST(FactsTest, SummaryComesFromCorroboratedFacts) {
  auto s = Analyze(HandMadeStory());
  ASSERT_FALSE(s->report.summary.empty());
  const std::string& first = s->report.summary[0];
  auto it = std::find_if(s->report.facts.begin(), s->report.facts.end(),
                         [&](const report::Fact& f) { return f.text == first; });
  ASSERT_NE(it, s->report.facts.end());
  EXPECT_GE(it->independent_sources, 2);
}

TEST(FactsTest, DifferentWeekdayForOneEventIsADateConflict) {
  auto s = Analyze({
      Make("x", 0, "The Ilvar dam burst on Thursday and flooded four villages in the Velgrad valley.\n\n"
                   "Officials opened a shelter for the evacuated families in a school gym.\n"),
      Make("y", 600, "The Ilvar dam burst on Wednesday and flooded four villages in the Velgrad valley.\n\n"
                     "A choir concert planned for the weekend in the capital was cancelled.\n"),
  });
  const report::Conflict* date = nullptr;
  for (const report::Conflict& c : s->report.conflicts) {
    if (c.kind == "date") date = &c;
  }
  ASSERT_NE(date, nullptr);
  ASSERT_EQ(date->claims.size(), 2u);
  std::vector<std::string> values = {date->claims[0].value, date->claims[1].value};
  std::sort(values.begin(), values.end());
  EXPECT_EQ(values[0], "Thursday");
  EXPECT_EQ(values[1], "Wednesday");
}

TEST(FactsTest, DateOfADroppedClauseIsNoConflict) {
  // y leaves out the clause with the first weekday; the shared one agrees.
  auto s = Analyze({
      Make("x", 0, "Senator Amira Doss, who on Tuesday visited the Ostrel mill, said on Wednesday the mill must stay open.\n"),
      Make("y", 600, "Senator Amira Doss said on Wednesday the mill must stay open.\n"),
  });
  for (const report::Conflict& c : s->report.conflicts) EXPECT_NE(c.kind, "date") << c.subject;
}

TEST(FactsTest, TwoStatementsOfOneArticleAreTwoFacts) {
  // x quotes the minister and paraphrases her: both resemble y's sentence,
  // but one article states a claim once, so they stay two fact units.
  auto s = Analyze({
      Make("x", 0, "Minister Hale Orvik said the Tessel port \u201cwill reopen to cargo ships next month\u201d.\n\n"
                   "The Tessel port will reopen to cargo ships next month, the minister said at the quay.\n"),
      Make("y", 600, "The Tessel port will reopen to cargo ships next month, the minister said at the quay.\n"),
  });
  for (const report::Fact& f : s->report.facts) {
    EXPECT_EQ(std::count(f.articles.begin(), f.articles.end(), "x"), 1) << f.text;
  }
  size_t with_x = 0;
  for (const report::Fact& f : s->report.facts) with_x += std::count(f.articles.begin(), f.articles.end(), "x");
  EXPECT_EQ(with_x, 2u);
}

TEST(FactsTest, SameDayIsNoConflict) {
  auto s = Analyze({
      Make("x", 0, "The Ilvar dam burst on June 12 and flooded four villages in the Velgrad valley.\n"),
      Make("y", 600, "On June 12 the Ilvar dam burst, flooding four villages in the Velgrad valley.\n"),
  });
  for (const report::Conflict& c : s->report.conflicts) EXPECT_NE(c.kind, "date");
}

TEST(FactsTest, DegenerateStoriesComplete) {
  // One article.
  auto one = Analyze({Make("solo", 0, Join(kA, {0, 1, 2}))});
  EXPECT_TRUE(one->report.provenance.empty());
  EXPECT_EQ(one->report.unique.size(), 1u);
  for (const report::Fact& f : one->report.facts) EXPECT_EQ(f.independent_sources, 1);
  // No names at all.
  auto plain = Analyze({
      Make("p1", 0, "the river rose overnight and water covered the low fields near the old mill.\n"),
      Make("p2", 5, "water covered the low fields near the old mill after the river rose overnight.\n"),
  });
  EXPECT_FALSE(plain->report.facts.empty());
  // An extremely long "sentence" (no punctuation for thousands of words).
  std::string endless;
  for (int i = 0; i < 6000; ++i) endless += "flood water rose near village " + std::to_string(i % 50) + " and ";
  auto huge = Analyze({Make("h1", 0, endless + "\n"), Make("h2", 1, endless + "\n")});
  EXPECT_FALSE(huge->report.facts.empty());
}

TEST(FactsTest, ContestedClaimsAreFoundByTheirValue) {
  report::Story story;
  story.conflicts.push_back({"number", "passengers missing", {{"20", {"x", "y"}}, {"twelve", {"z"}}}, false, {}});
  story.conflicts.push_back({"polarity", "talks", {{"indirect", {"x"}}, {"direct", {"z"}}}, false, {}});
  EXPECT_TRUE(StatesContestedValue(story, "z", "Twelve passengers were still missing on Friday."));
  EXPECT_TRUE(StatesContestedValue(story, "z", "It was the first direct meeting in Korsa."));
  EXPECT_FALSE(StatesContestedValue(story, "x", "It was the first directly televised meeting."));
  EXPECT_FALSE(StatesContestedValue(story, "x", "Twelve passengers were still missing on Friday."))
      << "x does not claim twelve";
  EXPECT_FALSE(StatesContestedValue(story, "z", "Rescuers searched the Korsa coast until dusk."));
}

}  // namespace
}  // namespace rashomon
