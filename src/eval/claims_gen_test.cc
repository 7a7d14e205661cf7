#include "eval/claims_gen.h"

#include <gtest/gtest.h>

#include <set>

#include "eval/claims_eval.h"

namespace rashomon {
namespace {

TEST(ClaimsGenTest, FrontPhraseMovesToTheEnd) {
  std::string out = ParaphraseSentence("On Monday, the council of Varnholt approved the harbour budget.", 1, 1.0);
  EXPECT_EQ(out.rfind("The council", 0), 0u) << out;
  EXPECT_NE(out.find("on Monday."), std::string::npos) << out;
}

TEST(ClaimsGenTest, TrailingAttributionMovesToTheFront) {
  std::string out = ParaphraseSentence("The bridge over the Almer will reopen in spring, officials said.", 3, 1.0);
  // "officials" may also become its synonym; the clause follows the verb.
  EXPECT_TRUE(out.rfind("Officials ", 0) == 0 || out.rfind("Authorities ", 0) == 0) << out;
  EXPECT_NE(out.find(" the bridge over the Almer will reopen in spring."), std::string::npos) << out;
}

TEST(ClaimsGenTest, RelativeClauseBetweenCommasIsLeftOut) {
  std::string out =
      ParaphraseSentence("The harbour master, who took office in May, resigned after the Quessing ferry sank.", 4, 1.0);
  EXPECT_EQ(out.find("who took office"), std::string::npos) << out;
  EXPECT_NE(out.find("The harbour master resigned"), std::string::npos) << out;
}

TEST(ClaimsGenTest, NumbersChangeFormNotValue) {
  std::string out = ParaphraseSentence("Prices rose 72 percent after 1,500 workers left the Tovmir plant.", 5, 1.0);
  EXPECT_NE(out.find("72%"), std::string::npos) << out;
  EXPECT_NE(out.find("1500"), std::string::npos) << out;
}

TEST(ClaimsGenTest, QuotesKeepTheirWords) {
  std::string out = ParaphraseSentence(
      "Mayor Ilse Brannock said the plan was \"a plan that will help the country\" and many agreed.", 2, 1.0);
  EXPECT_NE(out.find("\"a plan that will help the country\""), std::string::npos) << out;
  EXPECT_NE(out.find("proposal was"), std::string::npos) << out;  // outside the quote: reworded
  EXPECT_NE(out.find("numerous"), std::string::npos) << out;
}

// Invented articles rich in every kind of site.
std::vector<Article> InventedSources(size_t n) {
  static const char* kPlaces[] = {"Varnholt", "Tovmir", "Quessing", "Lumbrecht", "Oskarvale", "Pellino"};
  std::vector<Article> out;
  for (size_t i = 0; i < n; ++i) {
    std::string place = kPlaces[i % 6];
    std::string who = std::string("Ardeth Mollinger") + std::to_string(i % 3 == 0 ? 0 : 1).substr(1);
    Article a;
    a.id = "src" + std::to_string(i);
    a.title = "Flooding in " + place + " forces evacuations";
    a.text =
        "On Tuesday, the river in " + place + " burst its banks after three days of rain. "
        "Mayor Ardeth Mollinger said the town was not prepared for the water. "
        "Rescue teams evacuated 1,240 residents from the lower districts, officials said. "
        "The regional council approved an emergency fund of $14 million for repairs. "
        "\"We will rebuild every house that the water has taken from us,\" Mollinger told reporters. "
        "Forecasters expected the river to peak on March 12 before falling slowly. "
        "Governor Petra Hallsey confirmed that the army would send 300 soldiers to help. "
        "Many families spent the night in school halls across " + place + ". "
        "The last flood of this size hit the valley in 1998, destroying 400 homes. "
        "Insurance firms said claims could reach 72 percent of the insured value in some streets.";
    out.push_back(std::move(a));
  }
  return out;
}

TEST(ClaimsGenTest, PlantsEveryKindAndRecordsIt) {
  ClaimGenOptions o;
  o.stories = 40;
  o.control_fraction = 0.2;
  std::vector<ClaimCase> cases = GenerateClaimCases(InventedSources(60), o);
  ASSERT_EQ(cases.size(), 40u);
  std::set<ClaimKind> kinds;
  size_t controls = 0;
  for (const ClaimCase& c : cases) {
    ASSERT_EQ(c.articles.size(), o.copies + 1);
    if (c.control) {
      ++controls;
      EXPECT_TRUE(c.differences.empty());
      continue;
    }
    ASSERT_EQ(c.differences.size(), 1u) << c.story;
    const PlantedDifference& d = c.differences[0];
    kinds.insert(d.kind);
    EXPECT_NE(d.original, d.changed);
    EXPECT_FALSE(d.other_articles.empty()) << c.story;
    const Article* changed = nullptr;
    for (const Article& a : c.articles) {
      if (a.id == d.changed_article) changed = &a;
    }
    ASSERT_NE(changed, nullptr);
    EXPECT_NE(changed, &c.articles[0]) << "the original is never the changed article";
    EXPECT_NE(changed->text.find(d.changed), std::string::npos) << ClaimKindName(d.kind) << ": " << changed->text;
    // The articles stating the original do not carry the change.
    for (const Article& a : c.articles) {
      if (&a == changed || d.kind == ClaimKind::kPolarity) continue;
      const std::string& v = d.kind == ClaimKind::kName ? a.text : c.versions[d.sentence][&a - &c.articles[0]];
      if (d.kind == ClaimKind::kNumber || d.kind == ClaimKind::kDate || d.kind == ClaimKind::kName) {
        EXPECT_EQ(v.find(d.changed), std::string::npos) << ClaimKindName(d.kind) << ": " << v;
      }
    }
  }
  EXPECT_GT(controls, 0u);
  EXPECT_EQ(kinds.size(), static_cast<size_t>(kClaimKinds));
}

TEST(ClaimsGenTest, SameSeedSameCases) {
  ClaimGenOptions o;
  o.stories = 10;
  auto a = GenerateClaimCases(InventedSources(12), o);
  auto b = GenerateClaimCases(InventedSources(12), o);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t j = 0; j < a[i].articles.size(); ++j) EXPECT_EQ(a[i].articles[j].text, b[i].articles[j].text);
  }
  o.seed = 2;
  auto c = GenerateClaimCases(InventedSources(12), o);
  bool differs = false;
  for (size_t i = 0; i < a.size() && i < c.size(); ++i) differs |= a[i].articles[1].text != c[i].articles[1].text;
  EXPECT_TRUE(differs);
}

ClaimCase TinyCase(bool control) {
  ClaimCase c;
  c.story = "c1";
  c.control = control;
  for (const char* id : {"x-a", "x-b", "x-c"}) {
    Article a;
    a.id = id;
    c.articles.push_back(a);
  }
  c.versions = {{"The dam held for 12 hours.", "The dam held for twelve hours.", ""}};
  if (!control) {
    PlantedDifference d;
    d.kind = ClaimKind::kNumber;
    d.changed_article = "x-b";
    d.other_articles = {"x-a", "x-c"};
    d.original = "12";
    d.changed = "14";
    c.differences.push_back(d);
  }
  return c;
}

TEST(ClaimsEvalTest, FoundOnlyWithTheRightKindAndSides) {
  ClaimCase c = TinyCase(false);
  report::Story story;
  story.conflicts.push_back({"number", "hours", {{"14 hours", {"x-b"}}, {"12 hours", {"x-a", "x-c"}}}, false, {}});
  bool with_value = false;
  EXPECT_TRUE(DifferenceFound(story, c.differences[0], &with_value));
  EXPECT_TRUE(with_value);
  story.conflicts[0].kind = "date";
  EXPECT_FALSE(DifferenceFound(story, c.differences[0], &with_value));
  story.conflicts[0].kind = "number";
  story.conflicts[0].claims[0].articles = {"x-a", "x-b", "x-c"};  // one side holds everyone
  EXPECT_FALSE(DifferenceFound(story, c.differences[0], &with_value));
}

TEST(ClaimsEvalTest, CountsControlsAndFactMatches) {
  std::vector<ClaimCase> cases = {TinyCase(true), TinyCase(false)};
  report::Story control, changed;
  control.conflicts.push_back({"role", "x", {{"a", {"x-a"}}, {"b", {"x-b"}}}, false, {}});
  control.facts.push_back({"f1", "The dam held for twelve hours.", {"x-a", "x-b"}, 1, "", false, {}});
  changed.facts.push_back({"f1", "Something else entirely happened there.", {"x-a", "x-b"}, 1, "", false, {}});
  ClaimScores s = ScoreClaims(cases, {control, changed});
  EXPECT_EQ(s.controls, 1u);
  EXPECT_EQ(s.control_conflicts, 1u);
  EXPECT_EQ(s.kinds[0].planted, 1u);
  EXPECT_EQ(s.kinds[0].found, 0u);
  EXPECT_EQ(s.versions, 4u);          // two articles state the sentence, in each case
  EXPECT_EQ(s.versions_matched, 2u);  // only the control's fact is a version of it
  EXPECT_EQ(s.misses.size(), 1u);
  EXPECT_EQ(s.versions_added, 0u);
}

TEST(ClaimsEvalTest, CountsVersionsListedAsAdditions) {
  std::vector<ClaimCase> cases = {TinyCase(true)};
  report::Story story;
  story.facts.push_back({"f1", "The dam held for 12 hours.", {"x-a"}, 1, "", false, {}});
  story.facts.push_back({"f2", "The dam held for twelve hours.", {"x-b"}, 1, "", false, {}});
  story.facts.push_back({"f3", "A road bridge upstream was closed.", {"x-c"}, 1, "", false, {}});
  // x-a's version is listed as its own addition although x-b states it;
  // x-c's addition is no version of the sentence.
  story.unique.push_back({"x-a", {"f1"}});
  story.unique.push_back({"x-c", {"f3"}});
  ClaimScores s = ScoreClaims(cases, {story});
  EXPECT_EQ(s.versions, 2u);
  EXPECT_EQ(s.versions_added, 1u);
}

}  // namespace
}  // namespace rashomon
