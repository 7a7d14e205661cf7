#include "analysis/names.h"

#include <initializer_list>
#include <string>
#include <unordered_set>
#include <vector>

#include "text/normalize.h"

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

namespace {

struct ForeignTitles {
  std::unordered_set<std::string> words;
  std::vector<std::string> endings;  // compounds: a longer word ending in one
};

ForeignTitles Titles(std::initializer_list<const char*> words, std::initializer_list<const char*> endings) {
  ForeignTitles t;
  for (const char* w : words) t.words.insert(FoldForMatch(w));
  for (const char* e : endings) t.endings.push_back(FoldForMatch(e));
  return t;
}

const ForeignTitles& GermanTitles() {
  static const auto* t = new ForeignTitles(Titles(
      {"Minister", "Ministerin", "Direktor", "Direktorin", "Präsident", "Präsidentin", "Kanzler", "Kanzlerin",
       "Sprecher", "Sprecherin", "Bürgermeister", "Bürgermeisterin", "Oberbürgermeister", "Oberbürgermeisterin",
       "Trainer", "Trainerin", "Professor", "Professorin", "Prof", "Dr", "Chef", "Chefin", "Leiter", "Leiterin",
       "Vorsitzende", "Vorsitzender", "Staatssekretär", "Staatssekretärin", "Botschafter", "Botschafterin",
       "Richter", "Richterin", "Staatsanwalt", "Staatsanwältin", "Senator", "Senatorin", "Abgeordnete",
       "Abgeordneter", "General", "Generalin", "Oberst", "Kapitän", "Kommissar", "Kommissarin", "Geschäftsführer",
       "Geschäftsführerin", "Landrat", "Landrätin", "Bischof", "Bischöfin", "Papst", "König", "Königin", "Prinz",
       "Prinzessin", "Herr", "Frau", "Polizeisprecher", "Polizeisprecherin", "Vize", "Ex"},
      {"minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin", "sprecher", "sprecherin",
       "direktor", "direktorin", "chef", "chefin", "leiterin", "trainer", "trainerin", "vorsitzende",
       "vorsitzender", "sekretär", "sekretärin", "bürgermeister", "bürgermeisterin", "kommissar", "kommissarin"}));
  return *t;
}

const ForeignTitles& DutchTitles() {
  static const auto* t = new ForeignTitles(Titles(
      {"minister", "premier", "directeur", "directrice", "woordvoerder", "woordvoerster", "burgemeester",
       "voorzitter", "voorzitster", "president", "staatssecretaris", "wethouder", "commissaris", "gouverneur",
       "hoogleraar", "professor", "prof", "dr", "trainer", "coach", "rechter", "officier", "generaal", "kolonel",
       "kapitein", "koning", "koningin", "prins", "prinses", "topman", "topvrouw", "baas", "ambassadeur",
       "secretaris-generaal", "ex", "heer", "mevrouw", "bondscoach", "minister-president"},
      {"minister", "premier", "directeur", "directrice", "woordvoerder", "woordvoerster", "burgemeester",
       "voorzitter", "voorzitster", "president", "secretaris", "commissaris", "trainer", "coach", "topman",
       "topvrouw"}));
  return *t;
}

// Titles of the Romance languages, masculine and feminine; a ministry's
// name after "de"/"di" is read in entities.cc.
const ForeignTitles& SpanishTitles() {
  static const auto* t = new ForeignTitles(Titles(
      {"ministro", "ministra", "presidente", "presidenta", "vicepresidente", "vicepresidenta", "portavoz",
       "alcalde", "alcaldesa", "director", "directora", "secretario", "secretaria", "general", "coronel",
       "capitán", "comandante", "jefe", "jefa", "juez", "jueza", "fiscal", "embajador", "embajadora",
       "gobernador", "gobernadora", "senador", "senadora", "diputado", "diputada", "consejero", "consejera",
       "rey", "reina", "príncipe", "princesa", "papa", "obispo", "profesor", "profesora", "doctor", "doctora",
       "señor", "señora", "don", "doña", "canciller", "delegado", "delegada"},
      {}));
  return *t;
}

const ForeignTitles& ItalianTitles() {
  static const auto* t = new ForeignTitles(Titles(
      {"ministro", "ministra", "presidente", "presidentessa", "vicepresidente", "portavoce", "sindaco",
       "direttore", "direttrice", "segretario", "segretaria", "generale", "colonnello", "capitano",
       "comandante", "capo", "giudice", "procuratore", "ambasciatore", "ambasciatrice", "governatore",
       "senatore", "senatrice", "deputato", "deputata", "re", "regina", "principe", "principessa", "papa",
       "vescovo", "professore", "professoressa", "dottore", "dottoressa", "signor", "signore", "signora",
       "premier", "amministratore", "cancelliere"},
      {}));
  return *t;
}

const ForeignTitles& FrenchTitles() {
  static const auto* t = new ForeignTitles(Titles(
      {"ministre", "président", "présidente", "vice-président", "porte-parole", "maire", "directeur",
       "directrice", "secrétaire", "général", "colonel", "capitaine", "commandant", "chef", "juge", "procureur",
       "ambassadeur", "ambassadrice", "gouverneur", "sénateur", "sénatrice", "député", "députée", "roi", "reine",
       "prince", "princesse", "pape", "évêque", "professeur", "docteur", "monsieur", "madame", "chancelier",
       "chancelière"},
      {}));
  return *t;
}

const ForeignTitles& PortugueseTitles() {
  static const auto* t = new ForeignTitles(Titles(
      {"ministro", "ministra", "presidente", "presidenta", "vice-presidente", "porta-voz", "prefeito",
       "prefeita", "diretor", "diretora", "secretário", "secretária", "general", "coronel", "capitão",
       "comandante", "chefe", "juiz", "juíza", "procurador", "procuradora", "embaixador", "embaixadora",
       "governador", "governadora", "senador", "senadora", "deputado", "deputada", "rei", "rainha", "príncipe",
       "princesa", "papa", "bispo", "professor", "professora", "doutor", "doutora", "senhor", "senhora",
       "chanceler"},
      {}));
  return *t;
}

bool IsTitleIn(const ForeignTitles& t, std::string_view w) {
  if (t.words.count(std::string(w)) > 0) return true;
  // "oud-premier", "Ex-Ministerin": the part after a hyphen.
  const size_t hyphen = w.rfind('-');
  if (hyphen != std::string_view::npos && hyphen + 1 < w.size() && IsTitleIn(t, w.substr(hyphen + 1))) return true;
  // "Innenministerin", "partijvoorzitter": a compound ending in a title,
  // with at least three letters in front.
  for (const std::string& e : t.endings) {
    if (w.size() >= e.size() + 3 && w.compare(w.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

}  // namespace

bool IsTitleWordOf(std::string_view lang, std::string_view folded) {
  if (lang == "de") return IsTitleIn(GermanTitles(), folded);
  if (lang == "nl") return IsTitleIn(DutchTitles(), folded);
  if (lang == "es") return IsTitleIn(SpanishTitles(), folded);
  if (lang == "it") return IsTitleIn(ItalianTitles(), folded);
  if (lang == "fr") return IsTitleIn(FrenchTitles(), folded);
  if (lang == "pt") return IsTitleIn(PortugueseTitles(), folded);
  return false;
}

bool IsPersonNoun(std::string_view w) {
  static const std::unordered_set<std::string_view> kNouns = {
      "passenger", "resident", "witness", "eyewitness", "survivor", "victim", "hostage", "bystander",
      "teacher", "headteacher", "headmaster", "headmistress", "lecturer", "student", "pupil", "researcher",
      "scientist", "historian", "scholar", "farmer", "fisherman", "driver", "pilot", "co-pilot", "nurse",
      "doctor", "surgeon", "paramedic", "firefighter", "engineer", "mechanic", "technician", "skipper",
      "master", "harbourmaster", "harbormaster", "sailor", "crewman", "boatman", "steward", "stewardess",
      "conductor", "dispatcher", "controller", "landlord", "tenant", "homeowner", "shopkeeper",
      "neighbour", "neighbor", "villager", "tourist", "traveller", "traveler", "visitor", "pilgrim", "migrant",
      "refugee", "activist", "campaigner", "protester", "organiser", "organizer", "volunteer", "worker",
      "employee", "miner", "docker", "dockworker", "journalist", "reporter", "correspondent",
      "photographer", "editor", "author", "writer", "novelist", "actor", "actress", "singer", "artist",
      "architect", "solicitor", "barrister", "accountant", "banker", "inspector",
      "investigator", "detective", "constable", "superintendent", "trooper", "soldier", "veteran", "warden",
      "ranger", "councillor", "councilor", "alderman", "lawmaker", "legislator", "candidate", "founder",
      "co-founder", "cofounder", "chef", "priest", "imam", "rabbi", "pastor", "vicar", "monk", "nun",
      "prisoner", "inmate", "suspect", "defendant", "plaintiff", "claimant", "physicist", "chemist",
      "biologist", "geologist", "meteorologist", "forecaster", "goalkeeper", "midfielder", "defender",
      "striker", "runner", "cyclist", "climber", "swimmer", "mother", "father", "son", "daughter",
      "wife", "husband", "widow", "brother", "sister", "grandmother", "grandfather"};
  return In(kNouns, w);
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

bool IsCommonOpenerWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kOpeners = {
      "several", "many", "most", "some", "few", "both", "each", "every", "other", "another", "such",
      "various", "numerous", "multiple", "certain", "any", "neither", "either", "much", "more", "less",
      "meanwhile", "however", "still", "later", "earlier", "instead", "yet", "also", "only", "even", "just",
      "then", "now", "today", "yesterday", "tomorrow", "this", "that", "these", "those", "unlike", "like",
      "despite", "amid", "following", "according", "after", "before", "during", "since", "while", "although",
      "though", "unless", "until", "when", "whether", "if", "as", "because", "asked", "speaking", "separately",
      "elsewhere", "overall", "together", "thousands", "hundreds", "dozens", "millions", "two", "three",
      "four", "five", "ten", "but", "and", "or", "so", "nor", "for", "with", "without", "under", "over",
      "among", "between", "against", "across", "about", "around", "within", "through", "by", "at", "in", "on",
      "from", "to", "of", "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "why", "how",
      "what", "where", "who", "which", "there", "here", "not", "never", "again", "once", "finally"};
  return In(kOpeners, w);
}

bool IsOrganisationWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kOrg = {
      "ministry", "department", "agency", "authority", "council", "committee", "commission",
      "corps", "guard", "guards", "party", "company", "corporation", "inc", "ltd", "lines",
      "bank", "university", "institute", "forum", "organization", "organisation", "union",
      "association", "court", "parliament", "congress", "senate", "police", "army", "navy",
      "tv", "news", "times", "post", "courier", "herald", "press", "radio", "network", "group",
      "office", "administration", "service", "services", "federation", "foundation", "fund", "nations"};
  return In(kOrg, w);
}

}  // namespace rashomon

namespace rashomon {
namespace {

struct CountryEntry {
  std::string_view country, demonym, capital;
};

// Countries with their adjective/demonym and capital. Plural demonyms are
// derived ("-s" added) when looked up.
constexpr CountryEntry kCountries[] = {
    {"afghanistan", "afghan", "kabul"}, {"albania", "albanian", "tirana"}, {"algeria", "algerian", "algiers"},
    {"angola", "angolan", "luanda"}, {"argentina", "argentine", "buenos aires"}, {"armenia", "armenian", "yerevan"},
    {"australia", "australian", "canberra"}, {"austria", "austrian", "vienna"}, {"azerbaijan", "azerbaijani", "baku"},
    {"bahrain", "bahraini", "manama"}, {"bangladesh", "bangladeshi", "dhaka"}, {"belarus", "belarusian", "minsk"},
    {"belgium", "belgian", "brussels"}, {"bolivia", "bolivian", "la paz"}, {"bosnia", "bosnian", "sarajevo"},
    {"brazil", "brazilian", "brasilia"}, {"bulgaria", "bulgarian", "sofia"}, {"cambodia", "cambodian", "phnom penh"},
    {"cameroon", "cameroonian", "yaounde"}, {"canada", "canadian", "ottawa"}, {"chad", "chadian", "n'djamena"},
    {"chile", "chilean", "santiago"}, {"china", "chinese", "beijing"}, {"colombia", "colombian", "bogota"},
    {"congo", "congolese", "kinshasa"}, {"croatia", "croatian", "zagreb"}, {"cuba", "cuban", "havana"},
    {"cyprus", "cypriot", "nicosia"}, {"czech republic", "czech", "prague"}, {"denmark", "danish", "copenhagen"},
    {"ecuador", "ecuadorian", "quito"}, {"egypt", "egyptian", "cairo"}, {"eritrea", "eritrean", "asmara"},
    {"estonia", "estonian", "tallinn"}, {"ethiopia", "ethiopian", "addis ababa"}, {"finland", "finnish", "helsinki"},
    {"france", "french", "paris"}, {"georgia", "georgian", "tbilisi"}, {"germany", "german", "berlin"},
    {"ghana", "ghanaian", "accra"}, {"greece", "greek", "athens"}, {"guatemala", "guatemalan", "guatemala city"},
    {"haiti", "haitian", "port-au-prince"}, {"honduras", "honduran", "tegucigalpa"}, {"hungary", "hungarian", "budapest"},
    {"iceland", "icelandic", "reykjavik"}, {"india", "indian", "new delhi"}, {"indonesia", "indonesian", "jakarta"},
    {"iran", "iranian", "tehran"}, {"iraq", "iraqi", "baghdad"}, {"ireland", "irish", "dublin"},
    {"israel", "israeli", "jerusalem"}, {"italy", "italian", "rome"}, {"jamaica", "jamaican", "kingston"},
    {"japan", "japanese", "tokyo"}, {"jordan", "jordanian", "amman"}, {"kazakhstan", "kazakh", "astana"},
    {"kenya", "kenyan", "nairobi"}, {"kuwait", "kuwaiti", "kuwait city"}, {"kyrgyzstan", "kyrgyz", "bishkek"},
    {"laos", "lao", "vientiane"}, {"latvia", "latvian", "riga"}, {"lebanon", "lebanese", "beirut"},
    {"libya", "libyan", "tripoli"}, {"lithuania", "lithuanian", "vilnius"}, {"malaysia", "malaysian", "kuala lumpur"},
    {"mali", "malian", "bamako"}, {"mexico", "mexican", "mexico city"}, {"moldova", "moldovan", "chisinau"},
    {"mongolia", "mongolian", "ulaanbaatar"}, {"morocco", "moroccan", "rabat"}, {"mozambique", "mozambican", "maputo"},
    {"myanmar", "burmese", "naypyitaw"}, {"nepal", "nepalese", "kathmandu"}, {"netherlands", "dutch", "amsterdam"},
    {"new zealand", "new zealander", "wellington"}, {"nicaragua", "nicaraguan", "managua"}, {"niger", "nigerien", "niamey"},
    {"nigeria", "nigerian", "abuja"}, {"north korea", "north korean", "pyongyang"}, {"norway", "norwegian", "oslo"},
    {"oman", "omani", "muscat"}, {"pakistan", "pakistani", "islamabad"}, {"palestine", "palestinian", "ramallah"},
    {"panama", "panamanian", "panama city"}, {"paraguay", "paraguayan", "asuncion"}, {"peru", "peruvian", "lima"},
    {"philippines", "filipino", "manila"}, {"poland", "polish", "warsaw"}, {"portugal", "portuguese", "lisbon"},
    {"qatar", "qatari", "doha"}, {"romania", "romanian", "bucharest"}, {"russia", "russian", "moscow"},
    {"rwanda", "rwandan", "kigali"}, {"saudi arabia", "saudi", "riyadh"}, {"senegal", "senegalese", "dakar"},
    {"serbia", "serbian", "belgrade"}, {"singapore", "singaporean", "singapore"}, {"slovakia", "slovak", "bratislava"},
    {"slovenia", "slovenian", "ljubljana"}, {"somalia", "somali", "mogadishu"}, {"south africa", "south african", "pretoria"},
    {"south korea", "south korean", "seoul"}, {"south sudan", "south sudanese", "juba"}, {"spain", "spanish", "madrid"},
    {"sri lanka", "sri lankan", "colombo"}, {"sudan", "sudanese", "khartoum"}, {"sweden", "swedish", "stockholm"},
    {"switzerland", "swiss", "bern"}, {"syria", "syrian", "damascus"}, {"taiwan", "taiwanese", "taipei"},
    {"tajikistan", "tajik", "dushanbe"}, {"tanzania", "tanzanian", "dodoma"}, {"thailand", "thai", "bangkok"},
    {"tunisia", "tunisian", "tunis"}, {"turkey", "turkish", "ankara"}, {"turkmenistan", "turkmen", "ashgabat"},
    {"uganda", "ugandan", "kampala"}, {"ukraine", "ukrainian", "kyiv"}, {"united arab emirates", "emirati", "abu dhabi"},
    {"united kingdom", "british", "london"}, {"united states", "american", "washington"}, {"uruguay", "uruguayan", "montevideo"},
    {"uzbekistan", "uzbek", "tashkent"}, {"venezuela", "venezuelan", "caracas"}, {"vietnam", "vietnamese", "hanoi"},
    {"yemen", "yemeni", "sanaa"}, {"zambia", "zambian", "lusaka"}, {"zimbabwe", "zimbabwean", "harare"},
};

// Short forms and other names of countries.
constexpr std::string_view kCountryAliases[] = {
    "us", "u.s", "u.s.", "usa", "u.s.a", "america", "uk", "u.k", "u.k.", "britain", "great britain", "england",
    "scotland", "wales", "uae", "ivory coast", "holland", "burma", "czechia", "turkiye", "gaza", "west bank", "kiev",
    "hong kong", "macau", "crimea", "kurdistan"};

}  // namespace

bool IsCountryOrCapital(std::string_view w) {
  for (const CountryEntry& c : kCountries) {
    if (w == c.country || w == c.capital) return true;
  }
  for (std::string_view a : kCountryAliases) {
    if (w == a) return true;
  }
  return false;
}

std::string_view CountryOfDemonym(std::string_view w) {
  for (const CountryEntry& c : kCountries) {
    if (w == c.demonym) return c.country;
    if (w.size() == c.demonym.size() + 1 && w.back() == 's' && w.substr(0, c.demonym.size()) == c.demonym) {
      return c.country;
    }
  }
  // Irregular plurals and other nationality words.
  if (w == "britons" || w == "briton" || w == "english" || w == "scottish" || w == "welsh") return "united kingdom";
  if (w == "americans") return "united states";
  if (w == "frenchmen" || w == "frenchman") return "france";
  if (w == "israelis") return "israel";
  // Continents and regions: the place a nationality-like adjective names.
  if (w == "european" || w == "europeans") return "europe";
  if (w == "african" || w == "africans") return "africa";
  if (w == "asian" || w == "asians") return "asia";
  if (w == "arab" || w == "arabs") return "arab world";
  return {};
}

}  // namespace rashomon
