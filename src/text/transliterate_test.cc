#include "text/transliterate.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace rashomon
