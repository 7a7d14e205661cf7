#include "text/language.h"

#include <gtest/gtest.h>

#include <utility>

namespace rashomon {
namespace {

TEST(LanguageTest, GuessesFromFunctionWords) {
  EXPECT_EQ(GuessLanguage("The minister said that the talks would resume soon, and that they were"
                          " a good start for both of the sides."),
            "en");
  EXPECT_EQ(GuessLanguage("El ministro dijo que las conversaciones se reanudarían pronto y que "
                          "eran un buen comienzo para los dos lados de la mesa."),
            "es");
  EXPECT_EQ(GuessLanguage("Il ministro ha detto che i colloqui sarebbero ripresi presto e che "
                          "sono stati un buon inizio per le due parti della trattativa."),
            "it");
  EXPECT_EQ(GuessLanguage("De minister zei dat de gesprekken snel zouden worden hervat en dat "
                          "het een goed begin was voor beide partijen van het overleg."),
            "nl");
  EXPECT_EQ(GuessLanguage("xyz"), "en");
}

TEST(LanguageTest, StemsPerLanguage) {
  EXPECT_EQ(Stem("negotiations", "en"), Stem("negotiation", "en"));
  EXPECT_EQ(Stem("ministros", "es"), Stem("ministro", "es"));
  EXPECT_EQ(Stem("unchanged", "xx"), "unchanged");
  EXPECT_TRUE(IsStopword("the", "en"));
  EXPECT_FALSE(IsStopword("missile", "en"));
}

}  // namespace
}  // namespace rashomon

namespace rashomon {
namespace {

TEST(LanguageTest, MoreLanguagesAndScripts) {
  EXPECT_EQ(GuessLanguage("Der Minister sagte, dass die Gespräche bald wieder aufgenommen werden und dass "
                          "sie ein guter Anfang für beide Seiten waren."),
            "de");
  EXPECT_EQ(GuessLanguage("Le ministre a dit que les discussions reprendraient bientôt et qu'elles étaient "
                          "un bon début pour les deux parties."),
            "fr");
  EXPECT_EQ(GuessLanguage("O ministro disse que as conversações seriam retomadas em breve e que foram um "
                          "bom começo para os dois lados."),
            "pt");
  EXPECT_EQ(GuessLanguage("Министр сказал, что переговоры скоро возобновятся и что они были хорошим началом "
                          "для обеих сторон, и это не конец."),
            "ru");
  EXPECT_EQ(GuessLanguage("وقال الوزير إن المحادثات ستستأنف قريبا وإنها كانت بداية جيدة للطرفين في هذا اليوم."),
            "ar");
  // Scripts without a supported language; Latin text in none of them keeps
  // the default, so a story's articles key their words alike.
  EXPECT_EQ(GuessLanguage("大臣は、協議はまもなく再開され、双方にとって良いスタートだったと述べた。"), "unknown");
  EXPECT_EQ(GuessLanguage("השר אמר כי השיחות יתחדשו בקרוב וכי הן היו התחלה טובה לשני הצדדים."), "unknown");
  EXPECT_EQ(GuessLanguage("Ministeri sanoi neuvottelujen jatkuvan pian. Kokous alkoi aamulla kello kymmenen. "
                          "Molemmat osapuolet pitivät tulosta hyvänä alkuna. Seuraava tapaaminen pidetään "
                          "ensi viikolla Helsingissä. Ministeri kiitti kaikkia osallistujia rakentavasta "
                          "keskustelusta. Lehdistötilaisuus järjestettiin heti kokouksen jälkeen salissa."),
            "en");
  // A short English-looking line keeps the default.
  EXPECT_EQ(GuessLanguage("Harbour reopens"), "en");
}

// The contractions of article and preposition are as common as the
// article itself ("negli", "dagli", "vom", "beim"): function words too.
TEST(LanguageTest, ContractedPrepositionsAreStopwords) {
  const std::pair<const char*, const char*> words[] = {
      {"it", "negli"}, {"it", "dagli"}, {"it", "sugli"}, {"it", "agli"}, {"it", "dalle"}, {"it", "sulle"},
      {"it", "degli"}, {"it", "della"}, {"it", "nei"},   {"it", "alle"},
      {"es", "del"},   {"es", "al"},    {"pt", "do"},    {"pt", "das"},   {"pt", "nas"},   {"pt", "pelas"},
      {"pt", "neste"}, {"pt", "desta"}, {"fr", "du"},    {"fr", "aux"},   {"fr", "auquel"}, {"de", "zum"},
      {"de", "im"},    {"de", "vom"},   {"de", "beim"},  {"de", "ins"},   {"nl", "het"},   {"nl", "een"},
      {"nl", "ten"},   {"nl", "ter"}};
  for (const auto& [lang, word] : words) EXPECT_TRUE(IsStopword(word, lang)) << lang << " " << word;
  // Content words and other languages' contractions are not.
  EXPECT_FALSE(IsStopword("negozio", "it"));
  EXPECT_FALSE(IsStopword("beim", "nl"));
  EXPECT_FALSE(IsStopword("negli", "es"));
}

TEST(LanguageTest, RussianAndArabicStemsAndStopwords) {
  EXPECT_EQ(Stem("переговоры", "ru"), Stem("переговоров", "ru"));
  EXPECT_TRUE(IsStopword("что", "ru"));
  EXPECT_TRUE(IsStopword("في", "ar"));
  EXPECT_EQ(Stem("plain", "unknown"), "plain");
}

}  // namespace
}  // namespace rashomon
