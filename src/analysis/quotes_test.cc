#include "analysis/quotes.h"

#include <gtest/gtest.h>

#include "analysis/story.h"
#include "text/test_document.h"

namespace rashomon {
namespace {

std::vector<ExtractedQuote> Quotes(std::string text) {
  return ExtractQuotes(testing::DocumentOf(std::move(text)).doc);
}

TEST(QuotesTest, SpeakerAfterBeforeAndInverted) {
  auto q = Quotes(
      "Officials met on Monday to discuss the closure of the harbour.\n"
      "\u201cWe will reopen the harbour within a week,\u201d Harbour Master Lena Okafor said.\n"
      "\u201cThe damage is worse than we thought,\u201d said Captain Ruben Salo, who leads the crews.\n"
      "Mayor Ines Duarte told reporters: \u201cNobody will lose their job over this.\u201d\n"
      "\u201cI have never seen such a storm,\u201d one resident told the Gazette.\n");
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].text, "We will reopen the harbour within a week");
  EXPECT_EQ(q[0].speaker, "Lena Okafor");
  EXPECT_EQ(q[0].cue, "said");
  EXPECT_EQ(q[1].speaker, "Ruben Salo");
  EXPECT_EQ(q[2].speaker, "Ines Duarte");
  EXPECT_EQ(q[2].cue, "told");
  EXPECT_EQ(q[3].speaker, "one resident");
}

TEST(QuotesTest, PronounsResolveToTheLastSpeaker) {
  auto q = Quotes(
      "\u201cThe bridge is safe for cars,\u201d engineer Tomas Berg said on Friday.\n"
      "\u201cTrucks will have to wait a few more weeks,\u201d he added.\n");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].speaker, "Tomas Berg");
  EXPECT_TRUE(q[1].pronoun);
}

TEST(QuotesTest, PronounsPreferThePersonJustNamed) {
  auto q = Quotes(
      "\u201cThe water came in fast,\u201d said Mara Voss, a passenger.\n"
      "Interior Minister Jonas Adler visited the port on Tuesday. \u201cWe will find out what happened,\u201d he said.\n");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].speaker, "Jonas Adler");
}

TEST(QuotesTest, AQuoteAfterAnAttributedOneContinuesIt) {
  auto q = Quotes("\u201cThe deck tilted twice,\u201d said Mara Voss, a passenger. \u201cThen the lights went out and we jumped.\u201d\n");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].speaker, "Mara Voss");
}

TEST(QuotesTest, AttributionAfterAQuoteOfSeveralSentences) {
  auto q = Quotes(
      "The inspectors reached the dam before noon.\n"
      "\u201cThe wall is cracked. The water is rising. We need pumps tonight,\u201d said Petra Lind, the chief engineer.\n"
      "\u201cIs anyone listening to us? Nobody came,\u201d Odile Marchetti asked.\n"
      "\u201cWe have done everything we could do here,\u201d Mayor Ines Duarte said Tuesday.\n");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].speaker, "Petra Lind");
  EXPECT_EQ(q[1].speaker, "Odile Marchetti");
  EXPECT_EQ(q[1].cue, "asked");
  // A weekday after the verb is not the speaker.
  EXPECT_EQ(q[2].speaker, "Ines Duarte");
}

TEST(QuotesTest, SignedQuotesAndAnIntroducingLine) {
  auto q = Quotes(
      "Hours-long queues at the district's polling stations\n\n"
      "Long queues formed outside polling stations across the district on Sunday.\n\n"
      "Readers wrote to us after the vote, and several described waiting for most of the afternoon.\n\n"
      "\u201cI waited four hours to cast my ballot and I would do it again.\u201d \u2015 Tove Amundsen\n\n"
      "The senator took the microphone at the end of the rally.\n\n"
      "Senator Kaito Brandt continued:\n\n"
      "\u201cThis district deserves a hospital that stays open at night.\u201d\n");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "Tove Amundsen");
  EXPECT_EQ(q[1].speaker, "Kaito Brandt");
  EXPECT_EQ(q[1].cue, "continued");
}

TEST(QuotesTest, LowerCaseParticleNames) {
  auto q = Quotes("\u201cBoth sides are far apart on this,\u201d al-Rashed said, as did other analysts.\n");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "al-Rashed");
}

TEST(QuotesTest, StraightAndSingleQuotesAndScareQuotesIgnored) {
  auto q = Quotes(
      "The so-called \"fair plan\" starts with the 'new rules' in May.\n"
      "Berg: 'The work will take three more weeks and cost more than planned.'\n"
      "\"It's the town's best chance,\" the mayor said.\n");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].text, "The work will take three more weeks and cost more than planned.");
  EXPECT_EQ(q[0].speaker, "Berg");
  EXPECT_EQ(q[1].text, "It's the town's best chance");
  EXPECT_EQ(q[1].speaker, "the mayor");
}

TEST(QuotesTest, VersionsMatchByContainedStems) {
  auto a = QuoteStems("We will not stop until every passenger is accounted for", "en");
  auto b = QuoteStems("We will not stop before each passenger is counted", "en");
  auto c = QuoteStems("The weather is improving along the coast", "en");
  EXPECT_GE(StemContainment(b, a), 0.5f);
  EXPECT_LT(StemContainment(c, a), 0.2f);
}

TEST(QuotesTest, ShortQuotesNeedACloseSpeechCue) {
  auto q = Quotes(
      "Mayor Ines Duarte called the new bridge \u201cvery solid\u201d on Monday.\n"
      "\u201cUnacceptable,\u201d Petra Lind said.\n"
      "Teodor Haas told the council that the levy was \u201cabsolutely non-negotiable\u201d for his district.\n"
      "The crowd waited near the \u201cold mill\u201d for the ferry.\n"
      "Critics of the so-called \u201cquiet budget\u201d marched on Friday, the mayor said.\n"
      "The film \u201cNight Harbour\u201d opened in the capital, its director Jonas Adler said.\n"
      "Boxer Mara \u201cthe Storm\u201d Voss said she would retire.\n");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].text, "very solid");
  EXPECT_EQ(q[0].speaker, "Ines Duarte");
  EXPECT_EQ(q[1].text, "Unacceptable");
  EXPECT_EQ(q[1].speaker, "Petra Lind");
  EXPECT_EQ(q[2].text, "absolutely non-negotiable");
  EXPECT_EQ(q[2].speaker, "Teodor Haas");
}

TEST(QuotesTest, SpeakersFromContext) {
  auto q = Quotes(
      "Transport Minister Odile Marchetti visited the depot on Monday.\n\n"
      "\u201cThe trains will run again by Friday,\u201d the minister said.\n\n"
      "Harbour engineer Tomas Berg said the pumps could not run for long.\n\n"
      "\u201cThey (the pumps) cannot run for weeks. This would wreck the motors.\u201d\n\n"
      "\u201cThe damage is limited,\u201d according to Ruben Salo.\n\n"
      "The report said the line \u201cwas never safe for heavy freight trains\u201d in winter.\n\n"
      "Since the storm, \u201cthe ferries have carried twice the usual load,\u201d Salo said.\n");
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q[0].speaker, "Odile Marchetti");  // "the minister": the last person with that title
  EXPECT_EQ(q[1].speaker, "Tomas Berg");       // a quote paragraph after reported speech
  EXPECT_EQ(q[2].speaker, "Ruben Salo");
  EXPECT_EQ(q[2].cue, "according to");
  EXPECT_EQ(q[3].speaker, "");                 // a report is a source, not a speaker
  EXPECT_EQ(q[4].speaker, "Salo");             // never a function word ("Since")
}

TEST(QuotesTest, AnEventIsNoSpeaker) {
  auto q = Quotes(
      "The harbour council met the ferry operators in Dunmore on Friday.\n\n"
      "The meeting concluded that the new timetable had made a \u201cslow but honest start\u201d to the season.\n\n"
      "After the talks, \u201cwe trust each other again,\u201d the chairwoman said.\n");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "");  // a meeting is what was said at, not who said it
  EXPECT_EQ(q[1].speaker, "the chairwoman");
  // The person the sentence names as speaking, before the event.
  auto named = Quotes(
      "Harbour master Ilse Kalder told the radio after the talks concluded that the season had made a "
      "\u201cfair start\u201d.\n");
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].speaker, "Ilse Kalder");
}

TEST(QuotesTest, SpeakersBehindAsidesAndClauses) {
  auto q = Quotes(
      "\u201cThe levy will pass this week,\u201d Rep. Teodor Haas (D-Ore.) said.\n"
      "Mayor Ana Lutz, at a later briefing, said, \u201cWe have the votes to stop it.\u201d\n"
      "\u201cNobody told the farmers anything,\u201d said one senior official on the panel.\n"
      "During the hearing, Mara Voss attacked the plan and its timing, saying, \u201cThis is a tax on bread.\u201d\n"
      "Jonas Adler smiled and said \u201cwe will see about that in the spring\u201d to the room.\n"
      "On the bridge, Mayor Ines Duarte, in a radio interview, dwelt on a deck that remains \u201cperfectly safe,\u201d "
      "describing the cracks as cosmetic.\n");
  ASSERT_EQ(q.size(), 6u);
  EXPECT_EQ(q[5].speaker, "Ines Duarte");  // a participle after the quote: the sentence's subject
  EXPECT_EQ(q[0].speaker, "Teodor Haas");
  EXPECT_EQ(q[1].speaker, "Ana Lutz");
  EXPECT_EQ(q[2].speaker, "one senior official on the panel");
  EXPECT_EQ(q[3].speaker, "Mara Voss");  // not "timing" or a name after a comma
  EXPECT_EQ(q[4].speaker, "Jonas Adler");
}

TEST(QuotesTest, ShortVersionsGroupBySpeakerAndCoreWords) {
  EXPECT_EQ(QuoteCoreStems("absolutely non-negotiable", "en"), QuoteCoreStems("never negotiable", "en"));
  EXPECT_NE(QuoteCoreStems("very good", "en"), QuoteCoreStems("a good start", "en"));
  EXPECT_TRUE(SameSpeaker("Teodor Haas", "Haas"));
  EXPECT_TRUE(SameSpeaker("Leyla Haddadine", "Hadadine"));
  EXPECT_FALSE(SameSpeaker("Teodor Haas", "Petra Lind"));
  EXPECT_FALSE(SameSpeaker("", "Petra Lind"));
}

TEST(QuotesTest, DiffMarksChangedWordsOnly) {
  EXPECT_EQ(QuoteDiff("absolutely non-negotiable", "never negotiable"),
            "[-absolutely non-negotiable-] {+never negotiable+}");
  EXPECT_EQ(QuoteDiff("we will rebuild the harbour by spring", "we shall rebuild the harbour by spring"),
            "we [-will-] {+shall+} rebuild the harbour by spring");
  EXPECT_EQ(QuoteDiff("We will rebuild the harbour.", "we will rebuild the harbour"), "");  // case and marks
  EXPECT_EQ(QuoteDiff("we will rebuild the harbour by spring", "rebuild the harbour"), "");  // a part
  EXPECT_EQ(QuoteDiff("a good start", "good start"), "");
  EXPECT_EQ(QuoteDiff("good start", "a good start"), "{+a+} good start");
}

TEST(QuotesTest, StoryGroupsShortVersionsAndShowsEachOutletsWords) {
  std::vector<testing::OwnedDocument> docs;
  docs.push_back(testing::DocumentOf(
      "Levy talks in Korvana end without a deal\n\n"
      "Teodor Haas told reporters on Monday that the grain levy was \u201cabsolutely non-negotiable\u201d for his district.\n\n"
      "Haas called the talks with the millers \u201cvery good\u201d all the same.\n", "a"));
  docs.push_back(testing::DocumentOf(
      "Korvana levy stays, says Haas\n\n"
      "Mayor Teodor Haas declared the grain levy \u201cnever negotiable\u201d after talks with the millers.\n\n"
      "Haas described the talks with the millers as \u201ca good start\u201d on Monday.\n", "b"));
  docs.push_back(testing::DocumentOf(
      "Korvana mayor defends grain levy\n\n"
      "\u201cThe grain levy is absolutely non-negotiable and it will stay,\u201d Teodor Haas said on Monday.\n", "c"));
  std::vector<const Document*> ptrs;
  ptrs.reserve(docs.size());
  for (const auto& d : docs) ptrs.push_back(&d.doc);
  report::Story story = AnalyzeStory(ptrs, "s1", AnalysisOptions{});
  auto group_of = [&](const std::string& text) -> const report::Quote* {
    for (const report::Quote& q : story.quotes) {
      for (const report::QuoteVersion& v : q.versions) {
        if (v.text == text) return &q;
      }
    }
    return nullptr;
  };
  const report::Quote* levy = group_of("absolutely non-negotiable");
  ASSERT_NE(levy, nullptr);
  EXPECT_EQ(levy, group_of("never negotiable"));
  for (const report::QuoteVersion& v : levy->versions) {
    if (v.text == "never negotiable") {
      EXPECT_EQ(v.diff, "[-absolutely non-negotiable-] {+never negotiable+}");
    }
  }
  EXPECT_EQ(levy, group_of("The grain levy is absolutely non-negotiable and it will stay"));
  ASSERT_NE(group_of("very good"), nullptr);
  EXPECT_NE(group_of("very good"), group_of("a good start"));  // two claims of one speaker
  const report::Conflict* conflict = nullptr;
  for (const report::Conflict& c : story.conflicts) {
    if (c.kind == "quote" && c.subject.find("non-negotiable") != std::string::npos) conflict = &c;
  }
  ASSERT_NE(conflict, nullptr);
  EXPECT_NE(conflict->subject.find("Haas"), std::string::npos);
  for (const report::Claim& claim : conflict->claims) {
    if (claim.value == "never negotiable") {
      EXPECT_EQ(claim.articles, std::vector<std::string>{"b"});
    }
  }
}

TEST(QuotesTest, ShortQuotesOfOneSpeakerWithOneHeadWordAreOneQuote) {
  std::vector<testing::OwnedDocument> docs;
  docs.push_back(testing::DocumentOf("Harbour levy\n\nMirela Stost called the harbour levy \u201cdeeply flawed\u201d.\n", "a"));
  docs.push_back(testing::DocumentOf("Harbour levy\n\nMirela Stost called the harbour levy \u201cbadly flawed\u201d.\n", "b"));
  docs.push_back(testing::DocumentOf("Harbour levy\n\nMirela Stost called the harbour levy \u201cdeeply flawed\u201d.\n", "c"));
  docs.push_back(testing::DocumentOf("Harbour levy\n\nMirela Stost called the ferry timetable \u201cdeeply confusing\u201d.\n", "d"));
  std::vector<const Document*> ptrs;
  ptrs.reserve(docs.size());
  for (const auto& d : docs) ptrs.push_back(&d.doc);
  report::Story story = AnalyzeStory(ptrs, "s1", AnalysisOptions{});
  auto group_of = [&](const std::string& text) -> const report::Quote* {
    for (const report::Quote& q : story.quotes) {
      for (const report::QuoteVersion& v : q.versions) {
        if (v.text == text) return &q;
      }
    }
    return nullptr;
  };
  ASSERT_NE(group_of("deeply flawed"), nullptr);
  EXPECT_EQ(group_of("deeply flawed"), group_of("badly flawed"));
  EXPECT_NE(group_of("deeply flawed"), group_of("deeply confusing"));  // another claim
  const report::Conflict* conflict = nullptr;
  for (const report::Conflict& c : story.conflicts) {
    if (c.kind == "quote") conflict = &c;
  }
  ASSERT_NE(conflict, nullptr);
  for (const report::Claim& claim : conflict->claims) {
    if (claim.value == "badly flawed") {
      EXPECT_EQ(claim.articles, std::vector<std::string>{"b"});
    }
  }
}

}  // namespace
}  // namespace rashomon

namespace rashomon {
namespace {

TEST(QuotesTest, QuoteMarksOfOtherLanguages) {
  // Invented English sentences in each language's marks: the span is found
  // and attributed the same way.
  const char* marks[][2] = {{"\u00ab", "\u00bb"}, {"\u00ab ", " \u00bb"}, {"\u201e", "\u201c"},
                            {"\u00bb", "\u00ab"}, {"\u2039", "\u203a"},  {"\u300c", "\u300d"},
                            {"\u300e", "\u300f"}, {"\u201a", "\u2018"}};
  for (const auto& m : marks) {
    auto q = Quotes(std::string(m[0]) + "The pier will reopen within a week" + m[1] +
                    ", Harbour Master Lena Okafor said.\n");
    ASSERT_EQ(q.size(), 1u) << m[0];
    EXPECT_EQ(q[0].text, "The pier will reopen within a week") << m[0];
    EXPECT_EQ(q[0].speaker, "Lena Okafor") << m[0];
  }
  // Speech verbs of other languages attribute the quote.
  const char* lines[] = {
      "\u00abReabriremos el muelle en una semana\u00bb, dijo la alcaldesa Lena Okafor.\n",
      "\u201cReabriremos o cais dentro de uma semana\u201d, disse Lena Okafor, a prefeita.\n",
      "\u00abRiapriremo il molo entro una settimana\u00bb, ha detto la sindaca Lena Okafor.\n",
      "\u201eWir \u00f6ffnen den Kai in einer Woche wieder\u201c, sagte Lena Okafor, die Hafenmeisterin.\n",
      // One Russian line in three pieces.
      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma)
      "\u00ab\u041c\u044b \u043e\u0442\u043a\u0440\u043e\u0435\u043c \u043f\u0440\u0438\u0447\u0430\u043b "
      "\u0447\u0435\u0440\u0435\u0437 \u043d\u0435\u0434\u0435\u043b\u044e\u00bb, \u2014 "
      "\u0441\u043a\u0430\u0437\u0430\u043b\u0430 \u043c\u044d\u0440 \u041b\u0435\u043d\u0430 "
      "\u041e\u043a\u0430\u0444\u043e\u0440.\n"};
  for (const char* line : lines) {
    auto q = Quotes(line);
    ASSERT_EQ(q.size(), 1u) << line;
    const bool latin = q[0].speaker == "Lena Okafor";
    const bool cyrillic = q[0].speaker == "\u041b\u0435\u043d\u0430 \u041e\u043a\u0430\u0444\u043e\u0440";
    EXPECT_TRUE(latin || cyrillic) << line << " -> " << q[0].speaker;
  }
  // A French closing guillemet alone opens nothing.
  EXPECT_TRUE(Quotes("The pier will reopen \u00bb within a week, Lena Okafor said.\n").empty());
}

}  // namespace
}  // namespace rashomon

namespace rashomon {
namespace {

// A line of one language and the speaker its quote must get.
struct SpeakerCase {
  const char* lang;
  const char* line;
  const char* speaker;
};

// Each line holds one quote, whose speaker is the case's.
template <size_t N>
void ExpectSpeakers(const SpeakerCase (&cases)[N]) {
  for (const SpeakerCase& c : cases) {
    Article a;
    a.id = "t";
    a.lang = c.lang;
    a.text = c.line;
    const std::vector<ExtractedQuote> q = ExtractQuotes(BuildDocument(a, nullptr));
    ASSERT_EQ(q.size(), 1u) << c.line;
    EXPECT_EQ(q[0].speaker, c.speaker) << c.line;
  }
}

// Speech verbs of each language, before and after the quote, simple and
// compound tenses, and "according to" in each: invented sentences, the
// speaker found as in English.
TEST(QuotesTest, SpeechVerbsOfEachLanguage) {
  const SpeakerCase cases[] = {
      // es
      {"es", "\u00abLa planta cerrar\u00e1 en marzo\u00bb, afirm\u00f3 el director Tom\u00e1s Ferrando.\n", "Tom\u00e1s Ferrando"},
      {"es", "El alcalde Tom\u00e1s Ferrando declar\u00f3: \u00abNo habr\u00e1 despidos este a\u00f1o\u00bb.\n", "Tom\u00e1s Ferrando"},
      {"es", "\u00abNo habr\u00e1 despidos este a\u00f1o\u00bb, advirti\u00f3 Tom\u00e1s Ferrando.\n", "Tom\u00e1s Ferrando"},
      {"es", "\u00abLa planta cerrar\u00e1 en marzo\u00bb, indic\u00f3 Tom\u00e1s Ferrando.\n", "Tom\u00e1s Ferrando"},
      {"es", "\u00abLa planta cerrar\u00e1 en marzo\u00bb, seg\u00fan Tom\u00e1s Ferrando.\n", "Tom\u00e1s Ferrando"},
      {"es", "\u00abLa planta cerrar\u00e1 en marzo\u00bb, ha dicho Tom\u00e1s Ferrando.\n", "Tom\u00e1s Ferrando"},
      // Function words after the verb are no speaker: "to his staff", "in
      // the United States", "at the Chamber of Commerce".
      {"es", "\u00abMe voy muy satisfecho\u00bb, dijo a sus empleados.\n", ""},
      {"es", "\u00abConstruimos donde vendemos\u00bb, dijo en Estados Unidos.\n", ""},
      {"it", "\u00abCostruiamo dove vendiamo\u00bb, ha detto alla Camera di Commercio.\n", ""},
      // pt
      {"pt", "\u201cA f\u00e1brica fecha em mar\u00e7o\u201d, garantiu a diretora Ana Quintela.\n", "Ana Quintela"},
      {"pt", "Ana Quintela afirmou: \u201cN\u00e3o haver\u00e1 demiss\u00f5es este ano\u201d.\n", "Ana Quintela"},
      {"pt", "\u201cA f\u00e1brica fecha em mar\u00e7o\u201d, segundo Ana Quintela.\n", "Ana Quintela"},
      {"pt", "\u201cA f\u00e1brica fecha em mar\u00e7o\u201d, sublinhou Ana Quintela.\n", "Ana Quintela"},
      // it
      {"it", "\u00abLo stabilimento chiude a marzo\u00bb, ha sottolineato il sindaco Marco Lentini.\n", "Marco Lentini"},
      {"it", "Marco Lentini ha dichiarato: \u00abNon ci saranno licenziamenti quest'anno\u00bb.\n", "Marco Lentini"},
      {"it", "\u00abLo stabilimento chiude a marzo\u00bb, secondo Marco Lentini.\n", "Marco Lentini"},
      {"it", "\u00abLo stabilimento chiude a marzo\u00bb, ha precisato Marco Lentini.\n", "Marco Lentini"},
      {"it", "\u00abLo stabilimento chiude a marzo\u00bb, dice Marco Lentini.\n", "Marco Lentini"},
      // fr
      {"fr", "\u00ab L'usine fermera en mars \u00bb, a d\u00e9clar\u00e9 le directeur Paul Brenot.\n", "Paul Brenot"},
      {"fr", "\u00ab L'usine fermera en mars \u00bb, a dit Paul Brenot.\n", "Paul Brenot"},
      {"fr", "Paul Brenot a pr\u00e9cis\u00e9 : \u00ab Il n'y aura pas de licenciements cette ann\u00e9e \u00bb.\n", "Paul Brenot"},
      {"fr", "\u00ab L'usine fermera en mars \u00bb, selon Paul Brenot.\n", "Paul Brenot"},
      {"fr", "\u00ab L'usine fermera en mars \u00bb, a indiqu\u00e9 Paul Brenot.\n", "Paul Brenot"},
      {"fr", "\u00ab L'usine fermera en mars \u00bb, d\u00e9clare Paul Brenot.\n", "Paul Brenot"},
      // de
      {"de", "\u201eDas Werk schlie\u00dft im M\u00e4rz\u201c, warnte Greta Malven, die Direktorin des Werks.\n", "Greta Malven"},
      {"de", "Greta Malven sagte: \u201eEs wird in diesem Jahr keine Entlassungen geben.\u201c\n", "Greta Malven"},
      {"de", "\u201eDas Werk schlie\u00dft im M\u00e4rz\u201c, sagt Greta Malven.\n", "Greta Malven"},
      {"de", "\u201eDas Werk schlie\u00dft im M\u00e4rz\u201c, so Greta Malven.\n", "Greta Malven"},
      {"de", "\u201eDas Werk schlie\u00dft im M\u00e4rz\u201c, meinte Greta Malven.\n", "Greta Malven"},
      // nl
      {"nl", "\u201eDe fabriek sluit in maart\u201d, benadrukte directeur Joost Verhelst.\n", "Joost Verhelst"},
      {"nl", "Joost Verhelst zei: \u201eEr komen dit jaar geen ontslagen.\u201d\n", "Joost Verhelst"},
      {"nl", "\u201eDe fabriek sluit in maart\u201d, volgens Joost Verhelst.\n", "Joost Verhelst"},
      {"nl", "\u201eDe fabriek sluit in maart\u201d, aldus Joost Verhelst.\n", "Joost Verhelst"},
      // ru
      {"ru", "\u00ab\u0417\u0430\u0432\u043e\u0434 \u0437\u0430\u043a\u0440\u043e\u0435\u0442\u0441\u044f \u0432 "
       "\u043c\u0430\u0440\u0442\u0435\u00bb, \u2014 \u043f\u043e\u0434\u0447\u0435\u0440\u043a\u043d\u0443\u043b "
       "\u0418\u0433\u043e\u0440\u044c \u0412\u0435\u0442\u043b\u0443\u0433\u0438\u043d.\n",
       "\u0418\u0433\u043e\u0440\u044c \u0412\u0435\u0442\u043b\u0443\u0433\u0438\u043d"},
      {"ru", "\u0418\u0433\u043e\u0440\u044c \u0412\u0435\u0442\u043b\u0443\u0433\u0438\u043d "
       "\u0437\u0430\u044f\u0432\u0438\u043b: \u00ab\u0423\u0432\u043e\u043b\u044c\u043d\u0435\u043d\u0438\u0439 "
       "\u0432 \u044d\u0442\u043e\u043c \u0433\u043e\u0434\u0443 \u043d\u0435 \u0431\u0443\u0434\u0435\u0442\u00bb.\n",
       "\u0418\u0433\u043e\u0440\u044c \u0412\u0435\u0442\u043b\u0443\u0433\u0438\u043d"},
      {"ru", "\u00ab\u0417\u0430\u0432\u043e\u0434 \u0437\u0430\u043a\u0440\u043e\u0435\u0442\u0441\u044f \u0432 "
       "\u043c\u0430\u0440\u0442\u0435\u00bb, \u2014 \u043f\u043e\u044f\u0441\u043d\u0438\u043b\u0430 "
       "\u0418\u0440\u0438\u043d\u0430 \u0412\u0435\u0442\u043b\u0443\u0433\u0438\u043d\u0430.\n",
       "\u0418\u0440\u0438\u043d\u0430 \u0412\u0435\u0442\u043b\u0443\u0433\u0438\u043d\u0430"},
  };
  ExpectSpeakers(cases);
}

// German capitalises a title like the name after it, Dutch writes it
// lower case: in both, the title is no part of the speaker's name.
TEST(QuotesTest, GermanAndDutchTitlesStayOutOfTheSpeakersName) {
  const SpeakerCase cases[] = {
      {"de", "\u201eDie Br\u00fccke bleibt gesperrt\u201c, sagte Direktorin Greta Malven.\n", "Greta Malven"},
      {"de", "B\u00fcrgermeisterin Greta Malven erkl\u00e4rte: \u201eDie Br\u00fccke bleibt bis Mai gesperrt.\u201c\n",
       "Greta Malven"},
      {"de", "\u201eDie Br\u00fccke bleibt gesperrt\u201c, warnte die Innenministerin Greta Malven.\n", "Greta Malven"},
      {"de", "Polizeisprecher Jonas Frehm sagte: \u201eNiemand wurde verletzt.\u201c\n", "Jonas Frehm"},
      {"de", "\u201eDie Br\u00fccke bleibt gesperrt\u201c, so Pr\u00e4sident Jonas Frehm.\n", "Jonas Frehm"},
      {"nl", "Burgemeester Joost Verhelst zei: \u201eDe brug blijft dicht tot mei.\u201d\n", "Joost Verhelst"},
      {"nl", "Partijvoorzitter Joost Verhelst zei: \u201eDe brug blijft dicht tot mei.\u201d\n", "Joost Verhelst"},
      {"nl", "\u201eDe brug blijft dicht\u201d, zei oud-premier Joost Verhelst.\n", "Joost Verhelst"},
      // In English the same capitalised word stays: it is no English title.
      {"en", "Direktorin Greta Malven said: \u201cThe bridge stays closed until May.\u201d\n", "Direktorin Greta Malven"},
  };
  ExpectSpeakers(cases);
}

}  // namespace
}  // namespace rashomon
