#include "text/language.h"

#include <gtest/gtest.h>

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
