// Month and weekday names in the languages of text/language.h, for dates
// written in words ("1 de marzo de 2008", "am 3. März", "mardi 4 mars").
// English names are always known; a language adds its own. Words are
// matched lowercased with accents stripped (FoldForMatch).
#pragma once

#include <string_view>

namespace rashomon {

// 1..12 for a month name of `lang` (or English), else 0. Month names that
// are common words or names elsewhere are only taken in their language.
int LocalMonth(std::string_view word, std::string_view lang);

// 0..6 (Sunday first) for a weekday name of `lang`, else -1.
int LocalWeekday(std::string_view word, std::string_view lang);

// Days before the publication day a relative word of `lang` names
// ("ayer" 1, "heute" 0), else -1.
int LocalDaysAgo(std::string_view word, std::string_view lang);

// True for a word that sits between a day, its month and its year in
// `lang` ("de" in Spanish and Portuguese, "del" in Spanish).
bool DateFiller(std::string_view word, std::string_view lang);

}  // namespace rashomon
