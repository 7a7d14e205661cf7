#include "analysis/names.h"

#include <string>
#include <unordered_set>

namespace rashomon {
namespace {

bool In(const std::unordered_set<std::string_view>& set, std::string_view w) { return set.count(w) > 0; }

}  // namespace

bool IsTitleWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kTitles = {
      "president", "vice", "prime", "minister", "foreign", "interior", "defence", "defense",
      "transport", "finance", "health", "justice", "deputy", "secretary", "general", "colonel",
      "col", "gen", "lt", "major", "maj", "captain", "capt", "commander", "admiral", "sergeant",
      "officer", "chief", "executive", "ceo", "chairman", "chairwoman", "chair", "director",
      "spokesman", "spokeswoman", "spokesperson", "envoy", "special", "ambassador", "governor",
      "mayor", "senator", "sen", "representative", "rep", "congressman", "congresswoman",
      "judge", "attorney", "prosecutor", "king", "queen", "prince", "princess", "sheikh", "sir",
      "dame", "mr", "mrs", "ms", "dr", "prof", "professor", "pope", "bishop", "rev", "father",
      "head", "leader", "coach", "manager", "adviser", "advisor", "senior", "analyst", "expert",
      "economist", "lawyer", "regional", "state", "national", "former", "acting", "interim",
      "supreme", "lieutenant", "police", "army", "navy", "coast", "guard", "us", "u.s", "white",
      "house", "staff", "of"};
  return In(kTitles, w);
}

bool IsNameParticle(std::string_view w) {
  static const std::unordered_set<std::string_view> kParticles = {
      "al", "bin", "ibn", "bint", "de", "da", "van", "von", "der", "la", "le", "del", "di", "el", "abu", "ben"};
  return In(kParticles, w);
}

bool IsCalendarWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kCalendar = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
      "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
      "oct", "nov", "dec"};
  return In(kCalendar, w);
}

bool IsOrganisationWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kOrg = {
      "ministry", "department", "agency", "authority", "council", "committee", "commission",
      "corps", "guard", "guards", "party", "company", "corporation", "inc", "ltd", "lines",
      "bank", "university", "institute", "forum", "organization", "organisation", "union",
      "association", "court", "parliament", "congress", "senate", "police", "army", "navy",
      "tv", "news", "times", "post", "courier", "herald", "press", "radio", "network", "group",
      "office", "administration", "service", "services", "federation", "foundation", "fund"};
  return In(kOrg, w);
}

}  // namespace rashomon
