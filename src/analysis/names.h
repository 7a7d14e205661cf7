// Shared vocabulary for reading names: title and role words that precede a
// name ("Foreign Minister", "Colonel", "coast guard commander") and the
// particles inside names ("bin", "al", "van"). Generic English newspaper
// vocabulary, not a list of any people. Folded forms (lower case).
#pragma once

#include <string_view>

namespace rashomon {

bool IsTitleWord(std::string_view folded);
bool IsNameParticle(std::string_view folded);
// Weekdays and months: capitalised but never entities.
bool IsCalendarWord(std::string_view folded);
// Words that mark an organisation's name ("Ministry", "Lines", "Agency").
bool IsOrganisationWord(std::string_view folded);

}  // namespace rashomon
