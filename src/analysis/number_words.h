// Number words of the languages read other than English ("tres heridos",
// "zwölf Häuser", "двенадцать семей", "ستة ركاب"), for the numbers of their
// articles.
// Each language's words apply to its own articles only: "once" is eleven
// in Spanish and a word in English, "six" is French and English. Simple
// words only (two to twenty, the tens, a hundred, a dozen, and Russian's
// genitive forms); compounds written as one word ("veintitrés",
// "dreiundzwanzig") are not read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rashomon {

// The value of a folded word (FoldForMatch) in `lang`; 0 when it is no
// number word there (and for English, whose words numbers.cc reads).
double ForeignNumberWord(std::string_view lang, const std::string& folded);

// An Arabic compound: the value of a unit `unit` (1 to 9) and the folded
// word after it, a teen before عشر or عشرة ("ثلاثة عشر", 13), a ten
// after it with "and" written on ("خمسة وعشرون", 25); 0 when the next word
// makes no compound.
double ArabicCompound(double unit, const std::string& next_folded);

// Whether a token key (Hash64 of WordKey) is one of `lang`'s number words,
// so that other words are passed over without folding.
bool IsForeignNumberKey(std::string_view lang, uint64_t key);

}  // namespace rashomon
