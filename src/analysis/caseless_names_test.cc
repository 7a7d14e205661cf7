#include "analysis/caseless_names.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/entities.h"
#include "text/corpus.h"
#include "text/test_articles.h"
#include "analysis/test_entities.h"

namespace rashomon {
namespace {

using testing::MakeArticle;
using testing::Pointers;

constexpr auto Find = &testing::EntityWithForm;

// Invented people, places and events: a harbour inspector and a fisherman
// in English, Arabic and Hebrew.
const char* kEnglish =
    "Harbour inspector Ordo Kalvani said on Monday that the ferry sank near Kesselbrook.\n"
    "The fisherman Tamir Bolvaden rescued 14 crew members, the inspector said.\n"
    "Energy official Ilse Kalmani said the fuel depot was not damaged.\n"
    "The weather officer Sami Kotab warned of storms.\n";
const char* kArabic =
    "قال مفتش الميناء أوردو كالفاني يوم الاثنين إن العبارة غرقت قرب كيسلبروك.\n"
    "وقال كالفاني إن الصياد تامير بولفادن أنقذ 14 من أفراد الطاقم.\n"
    "وقرأ الصياد كتاب الطقس.\n";
const char* kHebrew =
    "מפקח הנמל אורדו קלבני אמר ביום שני כי המעבורת טבעה ליד קסלברוק.\n"
    "קלבני אמר כי הדייג תמיר בולבדן חילץ 14 מאנשי הצוות.\n";

TEST(CaselessNamesTest, ArabicAndHebrewNamesJoinTheirLatinForms) {
  const std::vector<Article> articles = {MakeArticle("en", "en", kEnglish), MakeArticle("ar", "ar", kArabic),
                                         MakeArticle("he", "", kHebrew)};
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<report::Entity> es = BuildEntities(Pointers(docs), {});
  const report::Entity* inspector = Find(es, "Ordo Kalvani");
  ASSERT_NE(inspector, nullptr);
  EXPECT_EQ(Find(es, "أوردو كالفاني"), inspector);
  EXPECT_EQ(Find(es, "كالفاني"), inspector);  // the surname alone, "and" taken off "وقال"
  EXPECT_EQ(Find(es, "אורדו קלבני"), inspector);
  EXPECT_EQ(Find(es, "קלבני"), inspector);
  const report::Entity* fisherman = Find(es, "Tamir Bolvaden");
  ASSERT_NE(fisherman, nullptr);
  EXPECT_NE(fisherman, inspector);
  EXPECT_EQ(Find(es, "تامير بولفادن"), fisherman);
  EXPECT_EQ(Find(es, "תמיר בולבדן"), fisherman);
  const report::Entity* town = Find(es, "Kesselbrook");
  ASSERT_NE(town, nullptr);
  EXPECT_EQ(Find(es, "كيسلبروك"), town);
  EXPECT_EQ(Find(es, "קסלברוק"), town);
  // The official with a look-alike name is someone else, and no Arabic or
  // Hebrew form joins him.
  const report::Entity* official = Find(es, "Ilse Kalmani");
  ASSERT_NE(official, nullptr);
  EXPECT_NE(official, inspector);
  EXPECT_EQ(official->variants.size(), 1u);
  // The variants are listed per article.
  for (const report::Variant& v : inspector->variants) {
    ASSERT_EQ(v.articles.size(), 1u) << v.form;
    EXPECT_EQ(v.articles[0], v.form == "Ordo Kalvani" ? "en" : v.form.find("ק") != std::string::npos ? "he" : "ar");
  }
  // Common words are no names: every form of every entity is one of the
  // names above.
  // "كتاب" (a book) spells "Kotab" but is a word of the dictionary.
  const report::Entity* officer = Find(es, "Sami Kotab");
  ASSERT_NE(officer, nullptr);
  EXPECT_EQ(officer->variants.size(), 1u);
  const std::vector<const report::Entity*> named = {inspector, fisherman, town, official, officer};
  for (const report::Entity& e : es) {
    bool known = false;
    for (const report::Entity* n : named) known |= n == &e;
    if (known) continue;
    for (const report::Variant& v : e.variants) ADD_FAILURE() << "unexpected entity form " << v.form;
  }
}

// Two different people in the English article whose names an abjad writes
// alike ("Ordo Kalvani", "Orda Kalvini"): the Arabic form could be either,
// so it joins neither.
TEST(CaselessNamesTest, AFormSpellingTwoNamesJoinsNeither) {
  const std::vector<Article> articles = {
      MakeArticle("en", "en",
                  "Harbour inspector Ordo Kalvani said on Monday that the ferry sank near Kesselbrook.\n"
                  "The striker Orda Kalvini scored twice for the harbour club on Sunday.\n"),
      MakeArticle("ar", "ar", kArabic)};
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<report::Entity> es = BuildEntities(Pointers(docs), {});
  const report::Entity* inspector = Find(es, "Ordo Kalvani");
  const report::Entity* striker = Find(es, "Orda Kalvini");
  ASSERT_NE(inspector, nullptr);
  ASSERT_NE(striker, nullptr);
  EXPECT_NE(inspector, striker);
  EXPECT_EQ(inspector->variants.size(), 1u);
  EXPECT_EQ(striker->variants.size(), 1u);
  EXPECT_EQ(Find(es, "أوردو كالفاني"), nullptr);
  EXPECT_NE(Find(es, "كيسلبروك"), nullptr);  // the town is still found
}

// Invented: a foreign minister whose name Arabic spells with q for g and
// j for ch, "Dagmor Telchavi", داقمور تلجافي ("daqmwr tljafy").
const char* kMinisterEnglish =
    "Foreign minister Dagmor Telchavi met the envoys of three ports in Varnholt on Tuesday.\n"
    "Telchavi said the talks on the fishing quotas had been useful.\n";
const char* kMinisterArabic =
    "التقى وزير الخارجية داقمور تلجافي مبعوثي ثلاثة موانئ في فارنهولت يوم الثلاثاء.\n"
    "وقال تلجافي إن المحادثات حول حصص الصيد كانت مفيدة.\n";

TEST(CaselessNamesTest, ANameArabicSpellsWithOtherConsonantsJoinsItsLatinForm) {
  const std::vector<Article> articles = {MakeArticle("en", "en", kMinisterEnglish),
                                         MakeArticle("ar", "ar", kMinisterArabic)};
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<report::Entity> es = BuildEntities(Pointers(docs), {});
  const report::Entity* minister = Find(es, "Dagmor Telchavi");
  ASSERT_NE(minister, nullptr);
  EXPECT_EQ(Find(es, "داقمور تلجافي"), minister);
  EXPECT_EQ(Find(es, "تلجافي"), minister);  // the surname alone, "and" taken off "وقال"
}

// Two invented people whose surnames differ by one such consonant: the
// Arabic surname near both joins neither, the one equal to one joins it,
// and the full name joins the one whose first name it also spells.
TEST(CaselessNamesTest, AFormNearTwoNamesJoinsNeither) {
  const std::vector<Article> articles = {
      MakeArticle("en", "en",
                  "Foreign minister Dagmor Telchavi met the envoys of three ports in Varnholt on Tuesday.\n"
                  "The goalkeeper Osric Telkavi watched the talks from the harbour.\n"),
      MakeArticle("ar", "ar",
                  "التقى وزير الخارجية داقمور تلجافي مبعوثي الموانئ.\n"
                  "وقال تلجافي إن المحادثات كانت مفيدة.\n"
                  "وشاهد حارس المرمى تلكافي اللقاء من الميناء.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<report::Entity> es = BuildEntities(Pointers(docs), {});
  const report::Entity* minister = Find(es, "Dagmor Telchavi");
  const report::Entity* keeper = Find(es, "Osric Telkavi");
  ASSERT_NE(minister, nullptr);
  ASSERT_NE(keeper, nullptr);
  EXPECT_NE(minister, keeper);
  EXPECT_EQ(Find(es, "تلجافي"), nullptr);
  EXPECT_EQ(Find(es, "تلكافي"), keeper);  // spelled exactly
  EXPECT_EQ(Find(es, "داقمور تلجافي"), minister);
  EXPECT_EQ(minister->variants.size(), 2u);
  EXPECT_EQ(keeper->variants.size(), 2u);
}

// A common Arabic word one confusion away from a name ("مسجد", a mosque,
// reads "msjd"; the invented "Tomas Meskadi" reads "msk..."): no name.
TEST(CaselessNamesTest, ACommonWordNearANameJoinsNothing) {
  ASSERT_TRUE(SkeletonsNear(AbjadSkeleton("meskadi"), AbjadSkeleton("msjd")));
  const std::vector<Article> articles = {
      MakeArticle("en", "en", "The imam Tomas Meskadi said the repairs would end in May.\n"),
      MakeArticle("ar", "ar", "قال الإمام إن إصلاح مسجد المدينة سينتهي في مايو.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<report::Entity> es = BuildEntities(Pointers(docs), {});
  const report::Entity* imam = Find(es, "Tomas Meskadi");
  ASSERT_NE(imam, nullptr);
  EXPECT_EQ(imam->variants.size(), 1u);
  EXPECT_EQ(Find(es, "مسجد"), nullptr);
}

// Without a cased sibling the caseless article has nothing to spell: its
// names are only those its words place (caseless_discovery.h). Here none:
// the inspector's surname reads as "like the" and a word (كـ الفاني), his
// first name alone has two consonants, and the fisherman (after a common
// noun), the town (after "near") and the book stand where no name is told.
TEST(CaselessNamesTest, NoNamesWithoutASiblingFormOrAPlaceThatTellsOne) {
  const std::vector<Article> articles = {MakeArticle("ar", "ar", kArabic)};
  const std::vector<Document> docs = BuildDocuments(articles);
  EXPECT_TRUE(BuildEntities(Pointers(docs), {}).empty());
}

// A long word (five consonant classes or more) may differ in two: the
// invented harbour master "Ivo Gorchavin" (`grsbn`), قورجافين (`krgbn`: g
// written q, ch written j). A shorter word may not.
TEST(CaselessNamesTest, ALongWordMayTakeTwoArabicConfusions) {
  EXPECT_TRUE(SkeletonsNear(AbjadSkeleton("gorchavin"), AbjadSkeleton("qwrjafyn"), 2));
  EXPECT_FALSE(SkeletonsNear(AbjadSkeleton("gorchavin"), AbjadSkeleton("qwrjafyn")));
  EXPECT_FALSE(SkeletonsNear(AbjadSkeleton("gorchavin"), AbjadSkeleton("qwrjaqyn"), 2));  // three
  const std::vector<Article> articles = {
      MakeArticle("en", "en",
                  "The harbour master Ivo Gorchavin closed the port on Friday.\n"
                  "The customs officer Mirek Gorchak checked the cargo.\n"),
      MakeArticle("ar", "ar",
                  "أغلق مدير الميناء إيفو قورجافين الميناء يوم الجمعة.\n"
                  "وقال قورجافين إن الميناء سيفتح الأحد.\n"
                  "وفحص ضابط الجمارك قورجاك الشحنة.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<report::Entity> es = BuildEntities(Pointers(docs), {});
  const report::Entity* master = Find(es, "Ivo Gorchavin");
  ASSERT_NE(master, nullptr);
  EXPECT_EQ(Find(es, "إيفو قورجافين"), master);
  EXPECT_EQ(Find(es, "قورجافين"), master);
  // "Gorchak" has four classes (`grsk`): قورجاك (`krgk`) differs in two and
  // joins nothing.
  const report::Entity* officer = Find(es, "Mirek Gorchak");
  ASSERT_NE(officer, nullptr);
  EXPECT_EQ(officer->variants.size(), 1u);
  EXPECT_EQ(Find(es, "قورجاك"), nullptr);
}

// Two look-alike people: قورجافين is two changes from "Gorchavin" and one
// from "Korsavin" (`krsbn`): it joins neither.
TEST(CaselessNamesTest, ALongWordNearTwoNamesJoinsNeither) {
  const std::vector<Article> articles = {
      MakeArticle("en", "en",
                  "The harbour master Ivo Gorchavin closed the port on Friday.\n"
                  "The pilot Lena Korsavin brought the last ship in.\n"),
      MakeArticle("ar", "ar", "وقال قورجافين إن الميناء سيفتح الأحد.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<report::Entity> es = BuildEntities(Pointers(docs), {});
  const report::Entity* master = Find(es, "Ivo Gorchavin");
  const report::Entity* pilot = Find(es, "Lena Korsavin");
  ASSERT_NE(master, nullptr);
  ASSERT_NE(pilot, nullptr);
  EXPECT_EQ(master->variants.size(), 1u);
  EXPECT_EQ(pilot->variants.size(), 1u);
  EXPECT_EQ(Find(es, "قورجافين"), nullptr);
}

}  // namespace
}  // namespace rashomon
