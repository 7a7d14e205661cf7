#include "text/segment.h"

#include <gtest/gtest.h>

#include <string>

namespace rashomon {
namespace {

std::vector<std::string> Split(std::string_view p) {
  std::vector<std::string> out;
  for (const SentenceSpan& s : SplitSentences(p)) out.emplace_back(p.substr(s.begin, s.end - s.begin));
  return out;
}

TEST(SegmentTest, AbbreviationsInitialsAndDecimals) {
  EXPECT_EQ(Split("Gen. Smith met Mr. Li on Jan. 5 in St. Louis. They spoke."),
            (std::vector<std::string>{"Gen. Smith met Mr. Li on Jan. 5 in St. Louis.", "They spoke."}));
  EXPECT_EQ(Split("George W. Bush said 3.67 percent. Then he left."),
            (std::vector<std::string>{"George W. Bush said 3.67 percent.", "Then he left."}));
  EXPECT_EQ(Split("The U.S. Navy sailed. It was late."),
            (std::vector<std::string>{"The U.S. Navy sailed.", "It was late."}));
  EXPECT_EQ(Split("Talks were held in the U.S. The envoy flew home."),
            (std::vector<std::string>{"Talks were held in the U.S.", "The envoy flew home."}));
  EXPECT_EQ(Split("He lives at No. 10 Downing Street. Yes."),
            (std::vector<std::string>{"He lives at No. 10 Downing Street.", "Yes."}));
}

// Arabic and Hebrew letters have no case: a sentence may open with any.
TEST(SegmentTest, ScriptsWithoutCase) {
  EXPECT_EQ(Split("نقل المصابون إلى المستشفى. وأصيبت الناقلة بثقب."),
            (std::vector<std::string>{"نقل المصابون إلى المستشفى.", "وأصيبت الناقلة بثقب."}));
  EXPECT_EQ(Split("הפצועים הובאו לבית החולים. המכלית נפגעה."),
            (std::vector<std::string>{"הפצועים הובאו לבית החולים.", "המכלית נפגעה."}));
  // One letter and a period: an abbreviation ("د." for doctor).
  EXPECT_EQ(Split("قال د. أحمد إن الوضع مستقر."), (std::vector<std::string>{"قال د. أحمد إن الوضع مستقر."}));
}

TEST(SegmentTest, Quotes) {
  EXPECT_EQ(Split("“Why now?” he asked. “Because,” she said, “it is time.” The end."),
            (std::vector<std::string>{"“Why now?” he asked.", "“Because,” she said, “it is time.”",
                                      "The end."}));
  EXPECT_EQ(Split("He said: “It was a good start.” But doubts remain."),
            (std::vector<std::string>{"He said: “It was a good start.”", "But doubts remain."}));
  EXPECT_EQ(Split("Wait... what? Yes! Done"),
            (std::vector<std::string>{"Wait... what?", "Yes!", "Done"}));
}

TEST(SegmentTest, LongSentencesAreCut) {
  std::string p;
  for (int i = 0; i < 2000; ++i) p += "word ";
  SegmentOptions options;
  options.max_sentence_bytes = 1000;
  auto spans = SplitSentences(p, options);
  ASSERT_GE(spans.size(), 10u);
  for (const auto& s : spans) EXPECT_LE(s.end - s.begin, 1000u);
}

TEST(SegmentTest, Datelines) {
  std::string_view place;
  EXPECT_EQ(DatelineLength("TEHRAN, Iran – Iranian officials said", &place),
            std::string_view("TEHRAN, Iran – ").size());
  EXPECT_EQ(place, "TEHRAN, Iran");
  EXPECT_EQ(DatelineLength("SHARJAH — Iranian Foreign Minister", &place),
            std::string_view("SHARJAH — ").size());
  EXPECT_EQ(DatelineLength("OMAN: Iran signaled a cautious", &place), 6u);
  EXPECT_EQ(DatelineLength("LONDON (Reuters) - Shares fell", &place), 19u);
  EXPECT_EQ(DatelineLength("US President Donald Trump said", &place), 0u);
  EXPECT_EQ(DatelineLength("NATO allies met on Monday", &place), 0u);
}

}  // namespace
}  // namespace rashomon
