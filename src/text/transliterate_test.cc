#include "text/transliterate.h"

#include <gtest/gtest.h>

#include "base/hash.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

TEST(TransliterateTest, OtherScriptsToLatin) {
  EXPECT_EQ(ToLatin("Велтрона"), "Veltrona");
  
  EXPECT_FALSE(ToLatin("قلمون").empty());
  EXPECT_FALSE(HasNonLatinLetter(ToLatin("ヴェルトロナ")));
  EXPECT_FALSE(HasNonLatinLetter(ToLatin("벨트로나")));
  EXPECT_FALSE(HasNonLatinLetter(ToLatin("ורטרונה")));
  // Latin text, accents included, is left as it is.
  EXPECT_EQ(ToLatin("Ordo Calvaní"), "Ordo Calvaní");
  EXPECT_FALSE(HasNonLatinLetter("Zoë 12"));
  EXPECT_TRUE(HasNonLatinLetter("Zoë Ζ"));
}

uint64_t Key(std::string_view word) { return Hash64(WordKey(word)); }

TEST(TransliterateTest, NameKeysAcrossScripts) {
  // A declined Russian surname: its own Latin spelling, and its stem's.
  const NameKeys dronova = NameKeysAcrossScripts("Дронова", Key("Дронова"), "ru");
  EXPECT_EQ(dronova.first, Key("Dronova"));
  EXPECT_EQ(dronova.second, Key("Dronov"));
  // The soft sign's mark is dropped: "Kel'var" is keyed as "Kelvar".
  EXPECT_EQ(NameKeysAcrossScripts("Кельвар", Key("Кельвар"), "ru").first, Key("Kelvar"));
  // Latin words and caseless scripts keep their own key.
  const NameKeys latin = NameKeysAcrossScripts("Dronov", Key("Dronov"), "en");
  EXPECT_EQ(latin.first, Key("Dronov"));
  EXPECT_EQ(latin.second, Key("Dronov"));
  const NameKeys arabic = NameKeysAcrossScripts("قلمون", Key("قلمون"), "ar");
  EXPECT_EQ(arabic.first, Key("قلمون"));
  EXPECT_EQ(arabic.second, Key("قلمون"));
}

}  // namespace
}  // namespace rashomon
