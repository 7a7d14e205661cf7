#include "analysis/number_conflicts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "analysis/story.h"
#include "report/writer.h"

namespace rashomon {
namespace {

// Invented outlets: a story of articles, each with an optional publication time.
class Outlets {
 public:
  Outlets& Add(const std::string& text, std::optional<int64_t> published = std::nullopt) {
    auto a = std::make_unique<Article>();
    a->id = "a" + std::to_string(articles_.size());
    a->source = "outlet" + std::to_string(articles_.size());
    a->text = text;
    a->published = published;
    docs_.push_back(std::make_unique<Document>(BuildDocument(*a, nullptr)));
    articles_.push_back(std::move(a));
    return *this;
  }
  std::vector<const Document*> docs() const {
    std::vector<const Document*> out;
    for (const auto& d : docs_) out.push_back(d.get());
    return out;
  }
  StoryNumbers Analyze() const { return AnalyzeNumbers(docs()); }

 private:
  std::vector<std::unique_ptr<Article>> articles_;
  std::vector<std::unique_ptr<Document>> docs_;
};

std::string Paragraph(const std::string& lede, const std::string& figure, const std::string& tail) {
  return lede + "\n\n" + figure + "\n\n" + tail + "\n";
}

std::vector<std::string> Values(const report::Conflict& c) {
  std::vector<std::string> out;
  for (const auto& cl : c.claims) out.push_back(cl.value);
  return out;
}

struct Pair {
  const char* a;
  const char* b;
  const char* value_a;  // start of the shown value of each claim
  const char* value_b;
};

TEST(NumberConflictsTest, SameSlotOtherValueInAlignedStatements) {
  const Pair pairs[] = {
      {"Brantex reported a net loss of 14 billion euros for the year, its chief financial officer "
       "told analysts.",
       "Brantex posted a net loss of €15bn for the year, its chief financial officer told "
       "analysts.",
       "14 billion EUR", "15 billion EUR"},
      {"Kessler Motors will cut 8,500 jobs at its plants in Lindau over the next three years.",
       "Kessler Motors plans to cut 5,800 jobs at its plants in Lindau over the next three years.",
       "8,500 jobs", "5,800 jobs"},
      {"Turnout in the Osterwick referendum reached 72 percent, the election board said on Monday.",
       "The election board said on Monday that turnout in the Osterwick referendum reached 71 per "
       "cent.",
       "72 percent", "71 per cent"},
      {"A landslide buried part of the hillside village of Dunmere on Sunday, killing 14 people.",
       "A landslide buried part of the hillside village of Dunmere on Sunday, killing 12.",
       "14 people", "12 people"},
  };
  for (const Pair& p : pairs) {
    Outlets o;
    o.Add(Paragraph("Storm news from the valley.", p.a,
                    "Rescue teams from three regions arrived in the evening."));
    o.Add(Paragraph("Storm news from the valley.", p.b,
                    "Rescue teams from three regions arrived in the evening."));
    StoryNumbers n = o.Analyze();
    ASSERT_EQ(n.conflicts.size(), 1u) << p.a;
    const report::Conflict& c = n.conflicts[0];
    EXPECT_EQ(c.kind, "number");
    EXPECT_FALSE(c.update);
    ASSERT_EQ(c.claims.size(), 2u) << p.a;
    std::vector<std::string> v = Values(c);
    std::sort(v.begin(), v.end());
    std::vector<std::string> want = {p.value_a, p.value_b};
    std::sort(want.begin(), want.end());
    EXPECT_EQ(v[0].rfind(want[0], 0), 0u) << v[0];
    EXPECT_EQ(v[1].rfind(want[1], 0), 0u) << v[1];
  }
}

TEST(NumberConflictsTest, CompatibleValuesAreNoConflict) {
  const Pair pairs[] = {
      {"About 3,000 people were evacuated from Norrvik after the dam cracked on Friday.",
       "Some 3,117 people were evacuated from Norrvik after the dam cracked on Friday.", "", ""},
      {"Police in Tarnow said more than 50,000 protesters marched through the old town.",
       "Police in Tarnow said 50,000 protesters marched through the old town.", "", ""},
      {"The ferry fire off Kelby killed 14 people, including 3 children, the coast guard said.",
       "The ferry fire off Kelby killed 14 people, the coast guard said.", "", ""},
      {"The Velm council approved 40 million euros for the new bridge on Tuesday.",
       "The Velm museum received 25 million euros in private donations last year.", "", ""},
      {"Profits at Ostrava Steel fell from 900 million to 700 million dollars in the quarter.",
       "Ostrava Steel profits fell to 700 million dollars in the quarter, from 900 million "
       "dollars.",
       "", ""},
  };
  for (const Pair& p : pairs) {
    Outlets o;
    o.Add(Paragraph("Regional news.", p.a, "More details were expected later in the week."));
    o.Add(Paragraph("Regional news.", p.b, "More details were expected later in the week."));
    StoryNumbers n = o.Analyze();
    EXPECT_TRUE(n.conflicts.empty())
        << p.a << " | " << (n.conflicts.empty() ? "" : Values(n.conflicts[0])[0]);
  }
}

TEST(NumberConflictsTest, CountsOfPeopleConflictAcrossTheStory) {
  // Two outlets give the toll in unrelated sentences.
  Outlets o;
  o.Add(
      "Mine collapse\n\nAt least 20 miners died when a shaft collapsed at the Ferrow mine on "
      "Friday.\n");
  o.Add(
      "Ferrow mine\n\nRescuers searched all night at Ferrow.\n\nThe company put the death toll at "
      "17 on "
      "Saturday.\n");
  StoryNumbers n = o.Analyze();
  ASSERT_EQ(n.conflicts.size(), 1u);
  EXPECT_EQ(n.conflicts[0].subject, "figure for deaths");
  // Another event's toll later in one article is not the story's figure.
  Outlets other;
  other.Add(
      "Mine collapse\n\nA shaft collapse at the Ferrow mine killed 12 workers on Friday.\n\nA fire "
      "at "
      "the nearby Dask mine killed 30 workers in 2019.\n");
  other.Add("Ferrow mine\n\nA shaft collapse at the Ferrow mine on Friday killed 12 workers.\n");
  EXPECT_TRUE(other.Analyze().conflicts.empty());
}

TEST(NumberConflictsTest, TheSameQuantityInOtherWordsIsOneNumber) {
  Outlets o;
  o.Add("Officials in Parvan acknowledged 2,431 deaths during the unrest.\n");
  o.Add("The Parvan government said 2,431 people were killed during the unrest.\n");
  o.Add("Trade with Parvan fell to €3bn last year.\n");
  o.Add("Trade with Parvan fell to 3 billion euros last year.\n");
  StoryNumbers n = o.Analyze();
  int deaths = 0, trade = 0;
  for (const report::Number& x : n.numbers) {
    if (x.value == 2431) {
      ++deaths;
      EXPECT_EQ(x.articles.size(), 2u);
      EXPECT_EQ(x.counts, "deaths");
      EXPECT_EQ(x.unit, "people");
    }
    if (x.value == 3e9) {
      ++trade;
      EXPECT_EQ(x.articles.size(), 2u);
      EXPECT_EQ(x.unit, "EUR");
    }
  }
  EXPECT_EQ(deaths, 1);
  EXPECT_EQ(trade, 1);
}

constexpr int64_t kMonday10 = 1796637600;  // a Monday, 10:00 UTC
constexpr int64_t kEightHours = int64_t{8} * 3600;

TEST(NumberConflictsTest, RisingTollOverTimeIsAnUpdate) {
  const std::string before = "A bus fell into a ravine near the town of Arlen on Monday, killing ";
  const std::string after = " passengers, the regional governor said.";
  Outlets o;
  o.Add(Paragraph("Bus crash.", before + "12" + after, "Rescuers worked through the night."),
        kMonday10);
  o.Add(Paragraph("Bus crash.", before + "14" + after, "Rescuers worked through the night."),
        kMonday10 + kEightHours);
  StoryNumbers n = o.Analyze();
  ASSERT_EQ(n.conflicts.size(), 1u);
  const report::Conflict& c = n.conflicts[0];
  EXPECT_TRUE(c.update);
  ASSERT_EQ(c.claims.size(), 2u);
  EXPECT_EQ(c.claims[0].value.rfind("12", 0), 0u);
  EXPECT_EQ(c.claims[1].value.rfind("14", 0), 0u);
  ASSERT_EQ(c.published.size(), 2u);
  EXPECT_EQ(c.published[0], kMonday10);
  EXPECT_EQ(c.published[1], kMonday10 + kEightHours);
}

TEST(NumberConflictsTest, SameTimeOrFallingFigureIsAConflict) {
  const std::string before = "A bus fell into a ravine near the town of Arlen on Monday, killing ";
  const std::string after = " passengers, the regional governor said.";
  for (int64_t second : {kMonday10, kMonday10 + 3600}) {
    Outlets o;
    o.Add(Paragraph("Bus crash.", before + "14" + after, "Rescuers worked through the night."),
          kMonday10);
    o.Add(Paragraph("Bus crash.", before + "12" + after, "Rescuers worked through the night."),
          second);
    StoryNumbers n = o.Analyze();
    ASSERT_EQ(n.conflicts.size(), 1u);
    EXPECT_FALSE(n.conflicts[0].update);
    EXPECT_TRUE(n.conflicts[0].published.empty());
  }
}

TEST(NumberConflictsTest, ThroughTheWholeStoryAnalysis) {
  Outlets o;
  o.Add(
      "Floods hit Merrow\n\nFlooding in the river town of Merrow forced the closure of its two "
      "bridges on "
      "Thursday, officials said.\n\nThe floods killed 9 people and left 40 injured, the mayor of "
      "Merrow said on "
      "Thursday evening.\n\nCrews expect the water to recede by the weekend.\n",
      kMonday10);
  o.Add(
      "Merrow floods\n\nOfficials said the river town of Merrow closed its two bridges on Thursday "
      "because of "
      "flooding.\n\nThe mayor of Merrow said on Thursday evening that the floods killed 9 people "
      "and left 45 "
      "injured.\n\nCrews expect the water to recede by the weekend.\n",
      kMonday10);
  report::Report r;
  r.stories.push_back(AnalyzeStory(o.docs(), "s1", AnalysisOptions{}));
  const report::Story& s = r.stories[0];
  std::vector<const report::Conflict*> numbers;
  for (const auto& c : s.conflicts) {
    if (c.kind == "number") numbers.push_back(&c);
  }
  ASSERT_EQ(numbers.size(), 1u);
  EXPECT_EQ(numbers[0]->subject, "figure for injured");
  std::string text = WriteText(r);
  EXPECT_NE(text.find("figure for injured"), std::string::npos);
  std::string json = WriteJson(r, false);
  EXPECT_NE(json.find("\"normalized\""), std::string::npos);
}

// An invented ferry story in English and its Spanish translation, which
// gives 221 passengers for 212; the route's 12 miles are 19 km in Spanish
// (a conversion, not a slip) and its 16 boats 85 barcos (two digits apart:
// numbers that fill the same place, not a copied figure gone wrong).
const char* const kFerryEnglish =
    "Kestrel Dawn aground near Orvik Point\n\n"
    "The ferry Kestrel Dawn ran aground near Orvik Point on Tuesday with 212 passengers aboard, the "
    "coastguard said.\n\n"
    "Harbour master Tobin Ekwall said the vessel had left Dunmore port 40 minutes late.\n\n"
    "The ferry carries up to 400 passengers between Dunmore and Kessel, a route of 12 miles.\n\n"
    "Tobin Ekwall said Dunmore Lines runs 16 boats from Dunmore.\n\n"
    "Tobin Ekwall said police questioned 35 crew members in Dunmore.\n";
const char* const kFerrySpanish =
    "El Kestrel Dawn encalla cerca de Orvik Point\n\n"
    "El ferry Kestrel Dawn encalló cerca de Orvik Point el martes con 221 pasajeros a bordo, según la "
    "guardia costera.\n\n"
    "El capitán del puerto Tobin Ekwall dijo que el barco salió del puerto de Dunmore con 40 minutos de "
    "retraso.\n\n"
    "El ferry transporta hasta 400 pasajeros entre Dunmore y Kessel, una ruta de 19 kilómetros.\n\n"
    "Tobin Ekwall dijo que Dunmore Lines tiene 85 barcos en Dunmore.\n\n"
    "Tobin Ekwall dijo que la policía interrogó a 35 tripulantes en Dunmore.\n";

TEST(NumberConflictsTest, AFigureATranslationChangedIsAConflict) {
  Outlets o;
  o.Add(kFerryEnglish).Add(kFerrySpanish);
  const std::vector<const Document*> docs = o.docs();
  ASSERT_EQ(docs[0]->lang, "en");
  ASSERT_EQ(docs[1]->lang, "es");
  // Without the translation pair the two languages' figures are not compared.
  EXPECT_TRUE(o.Analyze().conflicts.empty());
  TranslationPair pair;
  pair.from = 0;
  pair.to = 1;
  const StoryNumbers n = AnalyzeNumbers(docs, {pair});
  ASSERT_EQ(n.conflicts.size(), 1u);
  EXPECT_EQ(n.conflicts[0].kind, "number");
  EXPECT_EQ(n.conflicts[0].subject, "figure for passenger");  // named in English
  const std::vector<std::string> values = Values(n.conflicts[0]);
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].rfind("212", 0), 0u) << values[0];
  EXPECT_EQ(values[1].rfind("221", 0), 0u) << values[1];
  // The figures the two give alike are one number each, whatever the words
  // for what they count ("crew members", "tripulantes").
  const auto crew = std::find_if(n.numbers.begin(), n.numbers.end(), [](const report::Number& x) { return x.value == 35; });
  ASSERT_NE(crew, n.numbers.end());
  EXPECT_EQ(crew->articles, (std::vector<std::string>{"a0", "a1"}));
  EXPECT_EQ(std::count_if(n.numbers.begin(), n.numbers.end(), [](const report::Number& x) { return x.value == 35; }), 1);
  // The whole analysis finds the translation and the changed figure.
  const report::Story story = AnalyzeStory(docs, "s1", AnalysisOptions{});
  const auto changed = std::find_if(story.conflicts.begin(), story.conflicts.end(), [](const report::Conflict& c) {
    return c.kind == "number" && c.claims.size() == 2 && c.claims[0].value.rfind("212", 0) == 0;
  });
  EXPECT_NE(changed, story.conflicts.end());
  EXPECT_EQ(std::count_if(story.conflicts.begin(), story.conflicts.end(),
                          [](const report::Conflict& c) { return c.kind == "number"; }),
            1);
}

TEST(NumberConflictsTest, UpdateTimelineInTheTextReport) {
  Outlets o;
  const std::string before = "A bus fell into a ravine near the town of Arlen on Monday, killing ";
  const std::string after = " passengers, the regional governor said.";
  o.Add(Paragraph("Bus crash.", before + "12" + after, "Rescuers worked through the night."),
        kMonday10);
  o.Add(Paragraph("Bus crash.", before + "14" + after, "Rescuers worked through the night."),
        kMonday10 + kEightHours);
  report::Report r;
  r.stories.push_back(AnalyzeStory(o.docs(), "s1", AnalysisOptions{}));
  std::string text = WriteText(r);
  EXPECT_NE(text.find("updated: 12 passengers (Mon 10:00) -> 14 passengers (Mon 18:00)"),
            std::string::npos)
      << text;
  std::string json = WriteJson(r, false);
  EXPECT_NE(json.find("\"update\":true"), std::string::npos);
}

}  // namespace
}  // namespace rashomon
