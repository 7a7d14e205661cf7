#include "analysis/numbers.h"

#include <gtest/gtest.h>

#include "text/test_document.h"

namespace rashomon {
namespace {

std::vector<ExtractedNumber> Numbers(std::string text) {
  return ExtractNumbers(testing::DocumentOf(std::move(text)).doc);
}

// The one number of a sentence.
ExtractedNumber One(std::string text) {
  auto n = Numbers(std::move(text));
  EXPECT_EQ(n.size(), 1u);
  return n.empty() ? ExtractedNumber{} : n.front();
}

TEST(NumbersTest, ValuesUnitsAndScales) {
  auto n = Numbers(
      "Velmora sold $18 billion in imports to them and bought $14.5bn in 2024.\n"
      "The authorities said 3,117 people were killed, and the rate stayed at 3.67%.\n"
      "The talks came after a 12-day war and lasted 20 minutes at 22:40 on Friday.\n");
  ASSERT_GE(n.size(), 6u);
  EXPECT_DOUBLE_EQ(n[0].value, 18e9);
  EXPECT_EQ(n[0].unit, "USD");
  EXPECT_EQ(n[0].what, "imports");
  EXPECT_DOUBLE_EQ(n[1].value, 14.5e9);
  EXPECT_EQ(n[1].unit, "USD");
  EXPECT_DOUBLE_EQ(n[2].value, 3117);
  EXPECT_EQ(n[2].unit, "people");
  EXPECT_EQ(n[2].counts, "deaths");
  EXPECT_DOUBLE_EQ(n[3].value, 3.67);
  EXPECT_EQ(n[3].unit, "%");
  bool war = false, minutes = false;
  for (const auto& x : n) {
    if (x.unit == "day" && x.value == 12 && x.what == "war") war = true;
    if (x.unit == "minute" && x.value == 20) minutes = true;
    EXPECT_NE(x.value, 2024);  // a year alone is not a quantity
    EXPECT_NE(x.value, 22);    // nor a clock time
  }
  EXPECT_TRUE(war);
  EXPECT_TRUE(minutes);
}

TEST(NumbersTest, MoneyWrittenAnyWayIsOneValueAndCurrency) {
  for (const char* text : {"Brantex reported a loss of €14bn this year.\n",
                           "Brantex reported a loss of 14 billion euros this year.\n",
                           "Brantex reported a loss of EUR 14 billion this year.\n"}) {
    ExtractedNumber n = One(text);
    EXPECT_DOUBLE_EQ(n.value, 14e9) << text;
    EXPECT_EQ(n.unit, "EUR") << text;
    EXPECT_EQ(n.counts, "loss") << text;
  }
}

TEST(NumbersTest, PercentagesWrittenAnyWay) {
  for (const char* text :
       {"In Osterwick, turnout reached 72 percent.\n", "In Osterwick, turnout reached 72%.\n",
        "In Osterwick, turnout reached 72 per cent.\n"}) {
    ExtractedNumber n = One(text);
    EXPECT_DOUBLE_EQ(n.value, 72) << text;
    EXPECT_EQ(n.unit, "%") << text;
    EXPECT_EQ(n.what, "turnout") << text;
  }
}

TEST(NumbersTest, CountsOfPeopleNormaliseWhatTheyCount) {
  const char* deaths[] = {"Officials confirmed 41 deaths after the Dunmere landslide.\n",
                          "The Dunmere landslide left 41 people dead.\n",
                          "In Dunmere 41 people were killed by the landslide.\n",
                          "The landslide in Dunmere killed 41 people.\n",
                          "The landslide in Dunmere killed 41.\n",
                          "The Dunmere landslide death toll rose to 41 on Tuesday.\n",
                          "Forty-one people died in Dunmere.\n"};
  for (const char* text : deaths) {
    auto n = Numbers(text);
    ASSERT_EQ(n.size(), 1u) << text;
    EXPECT_DOUBLE_EQ(n[0].value, 41) << text;
    EXPECT_EQ(n[0].unit, "people") << text;
    EXPECT_EQ(n[0].counts, "deaths") << text;
  }
  ExtractedNumber hurt = One("The blast at the Korvel depot wounded 17 workers.\n");
  EXPECT_EQ(hurt.counts, "injured");
  ExtractedNumber arrests = One("Police in Tarnow made over 300 arrests.\n");
  EXPECT_EQ(arrests.counts, "arrests");
  EXPECT_EQ(arrests.unit, "people");
  EXPECT_EQ(arrests.approx, "more than");
}

TEST(NumbersTest, JobsAndLayoffsAreOneKindOfCount) {
  ExtractedNumber jobs = One("Kessler Motors will cut 8,500 jobs in Lindau.\n");
  ExtractedNumber layoffs = One("Kessler Motors announced 8,500 layoffs in Lindau.\n");
  EXPECT_EQ(jobs.counts, "jobs");
  EXPECT_EQ(layoffs.counts, "jobs");
  EXPECT_EQ(jobs.unit, layoffs.unit);
}

TEST(NumbersTest, NumberWordsApproximationsAndRanges) {
  ExtractedNumber words = One("Fourteen ships left the harbour of Quell.\n");
  EXPECT_DOUBLE_EQ(words.value, 14);
  EXPECT_EQ(words.unit, "ship");
  ExtractedNumber dozen = One("Rescuers found two dozen survivors near Quell.\n");
  EXPECT_DOUBLE_EQ(dozen.value, 24);
  ExtractedNumber about = One("About 3,000 residents fled Quell.\n");
  EXPECT_EQ(about.approx, "about");
  EXPECT_DOUBLE_EQ(about.precision, 1000);
  ExtractedNumber least = One("The storm killed at least 14 people in Quell.\n");
  EXPECT_EQ(least.approx, "at least");
  EXPECT_EQ(least.counts, "deaths");
  ExtractedNumber upto = One("The fund could pay up to $2 million to Quell.\n");
  EXPECT_EQ(upto.approx, "up to");
  ExtractedNumber range = One("Between 10 and 12 boats sank off Quell.\n");
  EXPECT_DOUBLE_EQ(range.value, 10);
  EXPECT_DOUBLE_EQ(range.high, 12);
  EXPECT_EQ(range.unit, "boat");
  ExtractedNumber to = One("The repairs will cost 3 to 4 million pounds.\n");
  EXPECT_DOUBLE_EQ(to.value, 3e6);
  EXPECT_DOUBLE_EQ(to.high, 4e6);
  EXPECT_EQ(to.unit, "GBP");
  ExtractedNumber boats = One("Four patrol boats searched the bay of Quell.\n");
  EXPECT_EQ(boats.unit, "boat");
  EXPECT_EQ(boats.what, "patrol");
  ExtractedNumber age = One("The suspect, a 34-year-old man, was held in Quell.\n");
  EXPECT_DOUBLE_EQ(age.value, 34);
  EXPECT_EQ(age.unit, "year");
}

TEST(NumbersTest, NoJunkFromReferencesOrStrayWords) {
  // "the two rivals" refers to parties already named; nothing follows "since".
  EXPECT_TRUE(Numbers("Relations between the two rivals have been tense since.\n").empty());
  // A year before an adjective is a date.
  EXPECT_TRUE(Numbers("They revived the landmark 2015 nuclear deal.\n").empty());
  // Neither an adverb nor a name after a verb is what a figure counts.
  EXPECT_EQ(One("Velmar was enriching up to 60% in May.\n").what, "enriching");
  EXPECT_EQ(One("Prices held even at the 4.5% rate.\n").what, "prices held");
  auto n = Numbers("Two rivals have met since the war.\n");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].unit, "rival");
  EXPECT_EQ(n[0].what, "");
}

TEST(NumbersTest, PartsOfATotal) {
  auto n = Numbers("The fire killed 14 people, including 3 children, in Marrow.\n");
  ASSERT_EQ(n.size(), 2u);
  EXPECT_FALSE(n[0].part);
  EXPECT_TRUE(n[1].part);
  EXPECT_TRUE(One("Police said two women and one man died in the blaze at Orwen.\n").part);
  EXPECT_TRUE(One("Police said a man and two women died in the blaze at Orwen.\n").part);
  EXPECT_FALSE(One("Police said two women died in the blaze at Orwen.\n").part);
}

TEST(NumbersTest, WhatComesFromBeforeWhenNothingFollows) {
  auto n = Numbers("The coast guard put the death toll at 12 on Wednesday morning.\n");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_DOUBLE_EQ(n[0].value, 12);
  EXPECT_EQ(n[0].what, "death toll");
  EXPECT_EQ(n[0].counts, "deaths");
}

TEST(NumbersTest, NormalizesWhat) {
  EXPECT_EQ(NormalizeWhat("Fatalities"), "deaths");
  EXPECT_EQ(NormalizeWhat("death toll"), "deaths");
  EXPECT_EQ(NormalizeWhat("job cuts"), "jobs");
  EXPECT_EQ(NormalizeWhat("imports"), "import");
  EXPECT_EQ(NormalizeWhat("casualties"), "casualty");
  EXPECT_EQ(NormalizeWhat("punches"), "punch");
  EXPECT_EQ(NormalizeWhat("taxes"), "tax");
  EXPECT_EQ(NormalizeWhat("houses"), "house");
  EXPECT_EQ(NormalizeWhat(""), "");
}

TEST(NumbersTest, CompatibleValues) {
  auto q = [](double v, std::string approx = "", double precision = 1) {
    ExtractedNumber n;
    n.value = n.high = v;
    n.approx = std::move(approx);
    n.precision = precision;
    return n;
  };
  EXPECT_TRUE(ValuesCompatible(q(14), q(14)));
  EXPECT_FALSE(ValuesCompatible(q(14), q(12)));
  EXPECT_FALSE(ValuesCompatible(q(72), q(71)));
  EXPECT_FALSE(ValuesCompatible(q(8500, "", 100), q(5800, "", 100)));
  EXPECT_FALSE(ValuesCompatible(q(14e9, "", 1e9), q(15e9, "", 1e9)));
  EXPECT_TRUE(ValuesCompatible(q(3000, "about", 1000), q(3117)));  // rounding
  EXPECT_TRUE(ValuesCompatible(q(3000, "", 1000), q(3117)));       // a round figure
  EXPECT_TRUE(ValuesCompatible(q(50000, "more than", 10000), q(50000, "", 10000)));
  EXPECT_TRUE(ValuesCompatible(q(50000, "more than"), q(61000)));
  EXPECT_FALSE(ValuesCompatible(q(50000, "more than"), q(40000)));
  // The same bound worded alike states its figure.
  EXPECT_FALSE(ValuesCompatible(q(30, "more than"), q(40, "more than")));
  EXPECT_TRUE(ValuesCompatible(q(3000, "about", 1000), q(3100, "about", 100)));
  // A round figure is no rounding of one 31% away.
  EXPECT_FALSE(ValuesCompatible(q(100e6, "", 100e6), q(131e6, "", 1e6)));
  EXPECT_TRUE(ValuesCompatible(q(14e9, "", 1e9), q(14.2e9, "", 1e8)));
  EXPECT_TRUE(ValuesCompatible(q(20, "up to"), q(12)));
  EXPECT_FALSE(ValuesCompatible(q(20, "less than"), q(25)));
  ExtractedNumber range = q(10);
  range.high = 12;
  EXPECT_TRUE(ValuesCompatible(range, q(11)));
  EXPECT_FALSE(ValuesCompatible(range, q(14)));
  ExtractedNumber wider = range;
  wider.high = 15;
  EXPECT_FALSE(ValuesCompatible(range, wider));  // both ends are stated
  EXPECT_TRUE(ValuesCompatible(range, range));
}

TEST(NumbersTest, FormatsQuantities) {
  EXPECT_EQ(FormatQuantity(18e9, "USD"), "18 billion USD");
  EXPECT_EQ(FormatQuantity(3.67, "%"), "3.67%");
  EXPECT_EQ(FormatQuantity(14, "people"), "14 people");
}

}  // namespace
}  // namespace rashomon

namespace rashomon {
namespace {

ExtractedNumber OneIn(std::string text, std::string lang) {
  Article a;
  a.id = "t";
  a.text = std::move(text);
  a.lang = std::move(lang);
  Document d = BuildDocument(a, nullptr);
  auto n = ExtractNumbers(d);
  EXPECT_EQ(n.size(), 1u) << a.text;
  return n.empty() ? ExtractedNumber{} : n.front();
}

TEST(NumbersTest, LocalFormats) {
  EXPECT_DOUBLE_EQ(OneIn("El ayuntamiento pagó €1.234,5 a cada familia afectada.", "es").value, 1234.5);
  EXPECT_DOUBLE_EQ(OneIn("Die Stadt zahlte €40.000 an jede Familie.", "de").value, 40000);
  EXPECT_DOUBLE_EQ(OneIn("La ville a versé €12 000 à chaque famille.", "fr").value, 12000);
  EXPECT_DOUBLE_EQ(OneIn("Il comune ha pagato €1 250 000 alle famiglie.", "it").value, 1250000);
  EXPECT_DOUBLE_EQ(OneIn("De gemeente betaalde €3,5 miljoen aan de gezinnen.", "nl").value, 3.5e6);
  EXPECT_DOUBLE_EQ(OneIn("A prefeitura pagou €2,75 a cada família.", "pt").value, 2.75);
  EXPECT_DOUBLE_EQ(OneIn("El contrato vale $40.000 millones según el ministerio.", "es").value, 40e9);
  // A decimal comma in a measure written with a hyphen.
  EXPECT_DOUBLE_EQ(OneIn("De speler heeft een 3,5-inch scherm.", "nl").value, 3.5);
  // Scale words: a long-scale billion is a trillion; Arabic's scales.
  EXPECT_DOUBLE_EQ(OneIn("De schuld bedraagt $1 biljoen volgens de regering.", "nl").value, 1e12);
  EXPECT_DOUBLE_EQ(OneIn("La deuda asciende a 2 billones de dólares.", "es").value, 2e12);
  EXPECT_DOUBLE_EQ(OneIn("بلغت الخسائر 14 مليار يورو هذا العام.", "ar").value, 14e9);
  // An English-style decimal point stays one in a decimal-comma language.
  EXPECT_DOUBLE_EQ(OneIn("La tasa subió al 3.5% en marzo.", "es").value, 3.5);
  // English keeps its own reading: 1,234 is a thousand and more; no space groups.
  EXPECT_DOUBLE_EQ(OneIn("The city paid $1,234 to each family.", "en").value, 1234);
  std::vector<ExtractedNumber> en = Numbers("The city paid $12 000 in fees.");
  ASSERT_FALSE(en.empty());
  EXPECT_DOUBLE_EQ(en[0].value, 12);
}

// Number words of each language, in that language's articles only.
TEST(NumbersTest, NumberWordsOfEachLanguage) {
  EXPECT_DOUBLE_EQ(OneIn("Un incendio dejó tres trabajadores heridos en la fábrica.", "es").value, 3);
  EXPECT_DOUBLE_EQ(OneIn("El temporal dejó once heridos en el puerto.", "es").value, 11);
  EXPECT_DOUBLE_EQ(OneIn("L'incendio ha distrutto quindici case vicino al fiume.", "it").value, 15);
  EXPECT_DOUBLE_EQ(OneIn("O incêndio deixou três feridos no armazém.", "pt").value, 3);
  EXPECT_DOUBLE_EQ(OneIn("L'incendie a détruit seize maisons près du port.", "fr").value, 16);
  EXPECT_DOUBLE_EQ(OneIn("Der Sturm zerstörte zwölf Häuser am Hafen.", "de").value, 12);
  EXPECT_DOUBLE_EQ(OneIn("De storm verwoestte twaalf huizen bij de haven.", "nl").value, 12);
  EXPECT_DOUBLE_EQ(OneIn("Пожар уничтожил склад, двенадцать семей эвакуированы.", "ru").value, 12);
  EXPECT_DOUBLE_EQ(OneIn("Пострадали двое взрослых и пять детей.", "ru").value, 5);
  EXPECT_DOUBLE_EQ(OneIn("أصيب ستة ركاب في الحادث.", "ar").value, 6);  // six passengers
  EXPECT_DOUBLE_EQ(OneIn("وتم إخراج أربعين عاملا إلى السطح.", "ar").value, 40);
  // Arabic compounds: a teen, and a unit with "and" and a ten.
  EXPECT_DOUBLE_EQ(OneIn("غرق ثلاثة عشر صيادا قرب الميناء.", "ar").value, 13);
  EXPECT_DOUBLE_EQ(OneIn("أنقذ خمسة وعشرون بحارا من السفينة.", "ar").value, 25);
  // With a scale word after it.
  EXPECT_DOUBLE_EQ(OneIn("Las obras dieron trabajo a cinco mil personas.", "es").value, 5000);
  // German capitalises nouns: the count still has what it counts.
  const ExtractedNumber houses = OneIn("Der Sturm zerstörte 14 Häuser am Hafen.", "de");
  EXPECT_EQ(houses.unit, "hauser");  // folded
  // Another language's words are no numbers in English.
  EXPECT_TRUE(Numbers("The ferry Tres Marias once carried cars across the bay.").empty());
  EXPECT_DOUBLE_EQ(OneIn("The ferry Tres Marias once carried twelve cars.", "en").value, 12);
}

}  // namespace
}  // namespace rashomon
