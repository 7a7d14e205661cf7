// Shared vocabulary for reading names: title and role words that precede a
// name ("Foreign Minister", "Colonel", "coast guard commander") and the
// particles inside names ("bin", "al", "van"). Generic English newspaper
// vocabulary, not a list of any people. Folded forms (lower case).
#pragma once

#include <string_view>

namespace rashomon {

bool IsTitleWord(std::string_view folded);
// A title word of `lang` other than English, folded: German and Dutch
// titles before a name ("Direktorin", "Bürgermeister", "woordvoerder"),
// and German and Dutch compounds ending in one ("Innenministerin",
// "Regierungssprecher", "partijvoorzitter", "oud-premier"). German
// capitalises them like the name they precede. Spanish, Italian, French
// and Portuguese titles too ("ministra", "portavoce", "porte-parole").
// False for other languages.
bool IsTitleWordOf(std::string_view lang, std::string_view folded);
// Nouns for a person by what they do or what happened to them, written
// before a name in lower case ("passenger Ilse Brand", "harbour master Tom
// Ek", "the ferry's captain, Tom Ek,"): the role of the name that follows,
// which is a person's. Not titles (IsTitleWord): they are not part of a
// capitalised name, except when they open a sentence.
bool IsPersonNoun(std::string_view folded);
bool IsNameParticle(std::string_view folded);
// Weekdays and months: capitalised but never entities.
bool IsCalendarWord(std::string_view folded);
// General English words that open sentences in front of a name without
// being part of it: determiners, quantifiers, sentence adverbs and
// connectives ("several", "many", "meanwhile", "despite", "dozens").
bool IsCommonOpenerWord(std::string_view folded);
// Words that mark an organisation's name ("Ministry", "Lines", "Agency").
bool IsOrganisationWord(std::string_view folded);

}  // namespace rashomon

namespace rashomon {

// A small gazetteer of the world's countries, their common short forms,
// their capitals and their demonyms: general knowledge of the class, the
// same for every story (folded forms, tokens joined by one space, as
// entities.cc compares them). Nothing in it is chosen for any one story.
bool IsCountryOrCapital(std::string_view folded);
// The country a demonym or nationality adjective names ("iranian",
// "iranians", "brazilian" -> "brazil"), or "" when `folded` is none.
std::string_view CountryOfDemonym(std::string_view folded);

}  // namespace rashomon
