#include "analysis/caseless_discovery.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/caseless_speakers.h"
#include "analysis/entities.h"
#include "analysis/story.h"
#include "text/corpus.h"
#include "text/test_articles.h"
#include "analysis/test_entities.h"

namespace rashomon {
namespace {

using testing::MakeArticle;
using testing::Pointers;

constexpr auto Find = &testing::EntityWithForm;
using testing::SpeakersOfVersions;
using Names = std::vector<std::string>;

// The minister and the spokeswoman of the Arabic articles below, each
// with the surname alone as a form, and no entity of any other word (an
// official, the police, a title, a port).
void ExpectMinisterAndSpokeswoman(const std::vector<report::Entity>& es, const char* minister_form) {
  const report::Entity* minister = Find(es, minister_form);
  ASSERT_NE(minister, nullptr);
  EXPECT_EQ(Find(es, "بيرنود فاستولي"), minister);
  EXPECT_EQ(Find(es, "فاستولي"), minister);  // the surname alone
  const report::Entity* spokeswoman = Find(es, "ماريسا دالمير");
  ASSERT_NE(spokeswoman, nullptr);
  EXPECT_NE(spokeswoman, minister);
  EXPECT_EQ(Find(es, "دالمير"), spokeswoman);
  for (const report::Entity& e : es) {
    if (&e == minister || &e == spokeswoman) continue;
    for (const report::Variant& v : e.variants) ADD_FAILURE() << "unexpected entity form " << v.form;
  }
}

// Invented people and events, in Arabic only: a ports minister and a port
// spokeswoman after a new ferry line opened, in two articles.
const char* kArabicA =
    "قال وزير الموانئ بيرنود فاستولي يوم الثلاثاء إن العبارة الجديدة ستبحر في مايو.\n\n"
    "\u00abالميناء سيفتح غدا\u00bb، قال فاستولي.\n\n"
    "وقال مسؤول إن الطقس سيئ.\n\n"
    "\u00abالرحلات ستتأخر حتى المساء\u00bb، قال مسؤول في الميناء.\n\n"
    "وقالت الشرطة إن السفينة وصلت إلى ميناء المدينة مساء.\n";
const char* kArabicB =
    "وذكرت الناطقة باسم الميناء ماريسا دالمير أن الركاب بخير.\n\n"
    "\u00abكل الركاب بخير الآن\u00bb، بحسب دالمير.\n\n"
    "والتقى فاستولي الصيادين في الميناء.\n";

// A minister named after a title, in Hebrew, and an official who is no name.
const char* kHebrew =
    "השר תומר גלבינסקי אמר כי המעבורת תפליג במאי.\n\n"
    "\"הנמל ייפתח מחר\", אמר גלבינסקי.\n\n"
    "\"הטיסות יתעכבו עד הערב\", אמר פקיד.\n";

TEST(CaselessDiscoveryTest, AStoryAllInArabicHasItsOwnNames) {
  const std::vector<Article> articles = {MakeArticle("a", "ar", kArabicA), MakeArticle("b", "ar", kArabicB)};
  const std::vector<Document> docs = BuildDocuments(articles);
  ASSERT_TRUE(StoryIsCaseless(Pointers(docs)));
  ExpectMinisterAndSpokeswoman(BuildEntities(Pointers(docs), {}), "بيرنود فاستولي");
}

TEST(CaselessDiscoveryTest, ArabicQuotesTakeTheFoundNamesAsSpeakers) {
  const std::vector<Article> articles = {MakeArticle("a", "ar", kArabicA), MakeArticle("b", "ar", kArabicB)};
  const std::vector<Document> docs = BuildDocuments(articles);
  const report::Story story = AnalyzeStory(Pointers(docs), "s1", AnalysisOptions{});
  EXPECT_EQ(SpeakersOfVersions(story, "الميناء سيفتح غدا"), Names{"بيرنود فاستولي"});
  EXPECT_EQ(SpeakersOfVersions(story, "كل الركاب بخير الآن"), Names{"ماريسا دالمير"});
  EXPECT_EQ(SpeakersOfVersions(story, "الرحلات ستتأخر حتى المساء"), Names{""});  // "an official said"
}

TEST(CaselessDiscoveryTest, AHebrewNameNeedsTwoPlaces) {
  const std::vector<Article> articles = {MakeArticle("h", "", kHebrew)};
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<FoundCaselessName> names = DiscoverCaselessNames(Pointers(docs));
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].form, "תומר גלבינסקי");
  std::vector<ExtractedQuote> quotes = ExtractQuotes(docs[0]);
  CaselessSpeakers(Pointers(docs)).Attribute(docs[0], 0, &quotes);
  ASSERT_EQ(quotes.size(), 2u);
  EXPECT_EQ(quotes[0].speaker, "תומר גלבינסקי");
  EXPECT_EQ(quotes[1].speaker, "");  // "an official said"
  // Said once only, the name is not told from a word.
  const std::vector<Article> once = {MakeArticle("h", "", "השר תומר גלבינסקי הגיע לנמל.\n")};
  const std::vector<Document> one = BuildDocuments(once);
  EXPECT_TRUE(DiscoverCaselessNames(Pointers(one)).empty());
}

// Common words where a name would stand: after the verb ("an official",
// "the police", "residents of the city"), after a title ("the minister of
// ports"), a place after a preposition.
TEST(CaselessDiscoveryTest, CommonWordsAfterCuesAreNoNames) {
  const std::vector<Article> articles = {MakeArticle(
      "a", "ar",
      "قال مسؤول إن الميناء مغلق.\n"
      "وقالت الشرطة إن الطريق مفتوح.\n"
      "وقال سكان المدينة إن المياه ارتفعت.\n"
      "وأعلن وزير الموانئ أن العمل سيبدأ.\n"
      "وقال مصدر في الميناء إن السفينة وصلت إلى المدينة.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  for (const FoundCaselessName& n : DiscoverCaselessNames(Pointers(docs))) ADD_FAILURE() << n.form;
}

// One name written in Arabic and in Hebrew letters reads as one skeleton
// ("Tomer Galvinski": تومر غالفينسكي and תומר גלבינסקי, `tmr grbnsk`): one
// entity, though the Hebrew article names him once only.
TEST(CaselessDiscoveryTest, ArabicAndHebrewSpellingsOfOneNameMerge) {
  const std::vector<Article> articles = {
      MakeArticle("a", "ar", "قال وزير الموانئ تومر غالفينسكي إن العبارة الجديدة ستبحر في مايو.\n"),
      MakeArticle("h", "", "השר תומר גלבינסקי הגיע לנמל ביום שלישי.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  ASSERT_TRUE(StoryIsCaseless(Pointers(docs)));
  const std::vector<report::Entity> es = BuildEntities(Pointers(docs), {});
  const report::Entity* minister = Find(es, "تومر غالفينسكي");
  ASSERT_NE(minister, nullptr);
  EXPECT_EQ(Find(es, "תומר גלבינסקי"), minister);
  EXPECT_EQ(es.size(), 1u);
}

// A described speaker ("قال وزير الخارجية", "the foreign minister said") is
// the last person the article named after the same title; a title no one
// was named after gives none.
TEST(CaselessDiscoveryTest, ADescribedSpeakerIsTheLastPersonNamedWithThatTitle) {
  const std::vector<Article> articles = {MakeArticle(
      "a", "ar",
      "التقى وزير الخارجية فيلمار دورفان السفراء يوم الاثنين في العاصمة.\n\n"
      "\u00abسنفتح الحدود غدا\u00bb، قال وزير الخارجية.\n\n"
      "\u00abالمعبر سيبقى مغلقا حتى الخميس\u00bb، قال السفير.\n\n"
      "\u00abالطريق آمن الآن\u00bb، قال دورفان.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  std::vector<ExtractedQuote> quotes = ExtractQuotes(docs[0]);
  CaselessSpeakers(Pointers(docs)).Attribute(docs[0], 0, &quotes);
  ASSERT_EQ(quotes.size(), 3u);
  EXPECT_EQ(quotes[0].speaker, "فيلمار دورفان");
  EXPECT_FALSE(quotes[0].pronoun);
  const std::string_view text = docs[0].text;
  EXPECT_EQ(text.substr(quotes[0].speaker_begin, quotes[0].speaker_end - quotes[0].speaker_begin), "وزير");
  EXPECT_EQ(quotes[1].speaker, "");  // "the ambassador said": no ambassador was named
  EXPECT_EQ(quotes[2].speaker, "فيلمار دورفان");
  EXPECT_EQ(CaselessTitleKey("والوزير"), CaselessTitleKey("وزير"));
  EXPECT_EQ(CaselessTitleKey("השר"), CaselessTitleKey("שר"));
  EXPECT_EQ(CaselessTitleKey("الميناء"), "");
}

// A story with an English article as well: a name that article writes
// keeps its Latin form and gathers its Arabic spelling; a name only the
// Arabic articles write is found there, and speaks their quotes.
TEST(CaselessDiscoveryTest, AMixedStoryFindsTheNamesOnlyItsArabicArticlesWrite) {
  const std::vector<Article> articles = {
      MakeArticle("en", "en",
                  "Ports minister Bernod Fastoli said on Tuesday that the new ferry would sail in May.\n\n"
                  "\"The port will open tomorrow,\" Fastoli said.\n"),
      MakeArticle("a", "ar", kArabicA), MakeArticle("b", "ar", kArabicB)};
  const std::vector<Document> docs = BuildDocuments(articles);
  ASSERT_FALSE(StoryIsCaseless(Pointers(docs)));
  // The Latin name with its Arabic spelling: one entity, not a second of Arabic letters.
  ExpectMinisterAndSpokeswoman(BuildEntities(Pointers(docs), {}), "Bernod Fastoli");
  const report::Story story = AnalyzeStory(Pointers(docs), "s1", AnalysisOptions{});
  EXPECT_EQ(SpeakersOfVersions(story, "كل الركاب بخير الآن"), Names{"ماريسا دالمير"});
}

// In a mixed story, common words where a name would stand in the Arabic
// article are no more names than in a story all in Arabic.
TEST(CaselessDiscoveryTest, AMixedStoryTakesNoCommonWordsForNames) {
  const std::vector<Article> articles = {
      MakeArticle("en", "en", "An official said the port was closed and the road was open.\n"),
      MakeArticle("a", "ar",
                  "قال مسؤول إن الميناء مغلق.\n"
                  "وقالت الشرطة إن الطريق مفتوح.\n"
                  "وقال سكان المدينة إن المياه ارتفعت.\n"
                  "وأعلن وزير الموانئ أن العمل سيبدأ.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  ASSERT_FALSE(StoryIsCaseless(Pointers(docs)));
  for (const FoundCaselessName& n : CaselessNamesBeyond(Pointers(docs), {})) ADD_FAILURE() << n.form;
  for (const report::Entity& e : BuildEntities(Pointers(docs), {})) {
    for (const report::Variant& v : e.variants) ADD_FAILURE() << "unexpected entity form " << v.form;
  }
}

}  // namespace
}  // namespace rashomon
