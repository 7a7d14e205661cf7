#include "analysis/caseless_speakers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/story.h"
#include "analysis/test_entities.h"
#include "text/corpus.h"
#include "text/normalize.h"
#include "text/test_articles.h"

namespace rashomon {
namespace {

using testing::MakeArticle;
using testing::Pointers;

// Invented people and events: a harbour inspector and a fisherman after a
// ferry sank, in English, Arabic and Hebrew.
const char* kEnglish =
    "Harbour inspector Ordo Kalvani said on Monday that the ferry sank near Kesselbrook.\n\n"
    "The fisherman Tamir Bolvaden rescued 14 crew members, the inspector said.\n";

// One quote per paragraph, each line's expected speaker below.
const char* kArabic =
    "\u00abالعبارة غرقت قرب الميناء\u00bb، قال كالفاني.\n\n"
    "وقال مفتش الميناء أوردو كالفاني: \u00abلا يوجد خطر على السكان\u00bb.\n\n"
    "وأضاف أن \u00abالطاقم كله بخير الآن\u00bb.\n\n"
    "\u00abأنقذنا أربعة عشر بحارا\u00bb، بحسب تامير بولفادن.\n\n"
    "\u00abالميناء مغلق حتى الغد\u00bb، قال مسؤول.\n\n"
    "\u00abالطقس سيئ جدا اليوم\u00bb، قال بيرنود.\n\n"
    "\u00abسنفتح الميناء غدا صباحا\u00bb، قال لكالفاني موظف.\n";
// "Bernod", whom no English article names, speaks by the Arabic spelling
// (caseless_discovery.h); "an official" and "said to Kalvani an employee" name no speaker.
const char* kArabicSpeakers[] = {"Ordo Kalvani", "Ordo Kalvani", "Ordo Kalvani", "Tamir Bolvaden", "", "بيرنود", ""};

const char* kHebrew =
    "\"המעבורת טבעה ליד הנמל\", אמר קלבני.\n\n"
    "בולבדן אמר: \"הצלנו ארבעה עשר מלחים\".\n\n"
    "\"הנמל סגור עד מחר בבוקר\", אמר פקיד.\n";
const char* kHebrewSpeakers[] = {"Ordo Kalvani", "Tamir Bolvaden", ""};

std::vector<ExtractedQuote> QuotesOf(const std::vector<Document>& docs, uint32_t d) {
  std::vector<ExtractedQuote> quotes = ExtractQuotes(docs[d]);
  CaselessSpeakers(Pointers(docs)).Attribute(docs[d], d, &quotes);
  return quotes;
}

TEST(CaselessSpeakersTest, ArabicQuotesTakeTheNameAfterTheVerb) {
  const std::vector<Article> articles = {MakeArticle("en", "en", kEnglish), MakeArticle("ar", "ar", kArabic)};
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<ExtractedQuote> quotes = QuotesOf(docs, 1);
  ASSERT_EQ(quotes.size(), std::size(kArabicSpeakers));
  for (size_t i = 0; i < quotes.size(); ++i) {
    EXPECT_EQ(quotes[i].speaker, kArabicSpeakers[i]) << quotes[i].text;
  }
  // The speaker is located where the article writes the name.
  const std::string_view text = docs[1].text;
  EXPECT_EQ(text.substr(quotes[0].speaker_begin, quotes[0].speaker_end - quotes[0].speaker_begin), "كالفاني");
  EXPECT_EQ(text.substr(quotes[1].speaker_begin, quotes[1].speaker_end - quotes[1].speaker_begin),
            "أوردو كالفاني");
  EXPECT_TRUE(quotes[2].pronoun);  // "he added"
  EXPECT_FALSE(quotes[1].pronoun);
}

TEST(CaselessSpeakersTest, HebrewQuotesTakeTheNameBeforeOrAfterTheVerb) {
  const std::vector<Article> articles = {MakeArticle("en", "en", kEnglish), MakeArticle("he", "", kHebrew)};
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<ExtractedQuote> quotes = QuotesOf(docs, 1);
  ASSERT_EQ(quotes.size(), std::size(kHebrewSpeakers));
  for (size_t i = 0; i < quotes.size(); ++i) {
    EXPECT_EQ(quotes[i].speaker, kHebrewSpeakers[i]) << quotes[i].text;
  }
}

TEST(CaselessSpeakersTest, WithoutACasedArticleTheArticlesOwnNamesSpeak) {
  // The names are spelled only in Arabic: those after a speech verb or
  // "according to" are names (caseless_discovery.h), reported as the article
  // writes them; "an official" and "to Kalvani" give none, and "Kalvani"
  // (كالفاني, read as "like the" and a word) is not told from a word.
  const std::vector<Article> articles = {MakeArticle("ar", "ar", kArabic)};
  const std::vector<Document> docs = BuildDocuments(articles);
  const char* expected[] = {"", "", "", "تامير بولفادن", "", "بيرنود", ""};
  const std::vector<ExtractedQuote> quotes = QuotesOf(docs, 0);
  ASSERT_EQ(quotes.size(), std::size(expected));
  for (size_t i = 0; i < quotes.size(); ++i) EXPECT_EQ(quotes[i].speaker, expected[i]) << quotes[i].text;
}

TEST(CaselessSpeakersTest, StoryReportsTheArabicSpeakerByItsLatinName) {
  const std::vector<Article> articles = {MakeArticle("en", "en", kEnglish), MakeArticle("ar", "ar", kArabic)};
  const std::vector<Document> docs = BuildDocuments(articles);
  const report::Story story = AnalyzeStory(Pointers(docs), "s1", AnalysisOptions{});
  using Names = std::vector<std::string>;
  EXPECT_EQ(testing::SpeakersOfVersions(story, "أنقذنا أربعة عشر بحارا", "ar"), Names{"Tamir Bolvaden"});
  EXPECT_EQ(testing::SpeakersOfVersions(story, "الميناء مغلق حتى الغد", "ar"), Names{""});
}

TEST(CaselessSpeakersTest, SpeechVerbsAndAccordingToWords) {
  EXPECT_TRUE(IsCaselessSpeechVerb(FoldForMatch("وأضاف")));
  EXPECT_TRUE(IsCaselessSpeechVerb(FoldForMatch("אמרה")));
  EXPECT_FALSE(IsCaselessSpeechVerb(FoldForMatch("بحسب")));
  EXPECT_TRUE(IsCaselessAccordingTo(FoldForMatch("بحسب")));
  EXPECT_TRUE(IsCaselessAccordingTo(FoldForMatch("לדברי")));
  EXPECT_FALSE(IsCaselessSpeechVerb("said"));
}

}  // namespace
}  // namespace rashomon
