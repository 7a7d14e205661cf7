#include "analysis/entities.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analysis/align.h"
#include "analysis/entity_merge.h"
#include "analysis/names.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "text/language.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

bool Adjacent(const Document& doc, const Token& a, const Token& b) {
  for (uint32_t c = a.end; c < b.begin; ++c) {
    if (doc.text[c] != ' ') return false;
  }
  return true;
}

// A word token that can be part of a name.
bool TitleToken(const Document& doc, const Token& t) {
  const std::string key = WordKey(doc.TokenText(t));
  return IsTitleWord(key) || IsTitleWordOf(doc.lang, key);
}

// A noun for a person (IsPersonNoun) in an English document: the nouns are
// English ones (elsewhere "son" is "are").
bool PersonNounToken(const Document& doc, const Token& t) {
  return IsEnglish(doc.lang) && IsPersonNoun(WordKey(doc.TokenText(t)));
}

// A word a role before a name is made of: a title, or (lower case, or
// opening the sentence) a noun for a person ("passenger", "master").
bool RoleToken(const Document& doc, const Token& t) {
  return t.kind == TokenKind::kWord && (TitleToken(doc, t) || PersonNounToken(doc, t));
}

// A lower-case word that can say what kind of role follows: "harbour" in
// "harbour master" (not a function word, a verb of saying or a participle).
bool ModifierWord(const Document& doc, const Token& t);

// Lower-case role words from `t` on, then a name: "[Harbour] master Tom Ek".
bool RoleWordsThenName(const Document& doc, const Sentence& s, uint32_t t);

bool NameToken(const Document& doc, const Token& t) {
  if (t.kind != TokenKind::kWord) return false;
  std::string folded = FoldForMatch(doc.TokenText(t));
  if (IsCalendarWord(folded)) return false;
  // Hyphenated words are adjectives or compounds ("Oman-hosted",
  // "US-Iran"), except a particle joined to a name (below).
  size_t hyphen = folded.find('-');
  if (hyphen != std::string::npos && !IsNameParticle(folded.substr(0, hyphen))) return false;
  if (t.Is(token_flags::kCapitalized) || t.Is(token_flags::kAllCaps)) return !t.Is(token_flags::kStopword) || folded == "us";
  // "al-Shaidi": a lower-case particle joined to a capitalised name.
  size_t dash = folded.find('-');
  if (dash != std::string::npos && IsNameParticle(folded.substr(0, dash))) {
    std::string_view s = doc.TokenText(t);
    char32_t cp;
    if (dash + 1 < s.size()) {
      DecodeUtf8(s, dash + 1, &cp);
      return IsUpperCase(cp);
    }
  }
  return false;
}

bool ModifierWord(const Document& doc, const Token& t) {
  if (t.kind != TokenKind::kWord || t.Is(token_flags::kCapitalized) || t.Is(token_flags::kStopword)) return false;
  const std::string w = WordKey(doc.TokenText(t));
  static const std::unordered_set<std::string> kVerbs = {"said", "says", "say", "told", "tells", "added", "asked",
                                                         "quoted", "named", "called", "met", "thanked", "praised"};
  auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() + 2 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return w.size() >= 3 && !kVerbs.count(w) && !ends("ed") && !ends("ing") && !ends("ly") &&
         std::all_of(w.begin(), w.end(), IsAsciiLower);
}

bool RoleWordsThenName(const Document& doc, const Sentence& s, uint32_t t) {
  uint32_t k = t;
  while (k < s.token_end && k - t < 3 && !doc.tokens[k].Is(token_flags::kCapitalized) && RoleToken(doc, doc.tokens[k])) ++k;
  return k > t && k < s.token_end && NameToken(doc, doc.tokens[k]);
}

}  // namespace

std::string PhoneticKey(const std::string& name) {
  std::string f = FoldForMatch(name);
  std::string s;
  for (char c : f) {
    if (IsAsciiAlpha(c)) s.push_back(c);
  }
  // Digraphs that transliterations swap for one another.
  auto replace_all = [&](std::string_view from, std::string_view to) {
    size_t at = 0;
    while ((at = s.find(from, at)) != std::string::npos) {
      s.replace(at, from.size(), to);
      at += to.size();
    }
  };
  replace_all("dzh", "j");
  replace_all("dz", "j");
  replace_all("dj", "j");
  replace_all("tch", "s");
  replace_all("tz", "s");
  replace_all("ts", "s");
  replace_all("ck", "k");
  replace_all("ch", "s");
  replace_all("sh", "s");
  replace_all("zh", "s");
  replace_all("gh", "g");
  replace_all("kh", "k");
  replace_all("ph", "f");
  replace_all("th", "t");
  // A soft c ("Cecil", Slavic "c" for "ts") sounds s.
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == 'c' && (s[i + 1] == 'e' || s[i + 1] == 'i' || s[i + 1] == 'y')) s[i] = 's';
  }
  if (!s.empty() && s.back() == 'c') s.back() = 's';
  std::string out;
  for (char c : s) {
    char m = c;
    switch (c) {
      case 'l': m = 'r'; break;               // l/r swap in transliteration
      case 'z': case 'x': m = 's'; break;
      case 'c': case 'q': m = 'k'; break;
      case 'w': m = 'v'; break;
      case 'y': m = 'i'; break;
      case 'e': case 'i': case 'o': case 'u': m = 'a'; break;  // vowels drift
      default: break;
    }
    if (!out.empty() && out.back() == m) continue;  // doubled letters
    out.push_back(m);
  }
  return out;
}

float KeySimilarity(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return 0;
  size_t d = EditDistance(a, b);
  return 1.0f - static_cast<float>(d) / static_cast<float>(std::max(a.size(), b.size()));
}

namespace {

const std::unordered_set<std::string> kPrepositions = {"in", "at", "from", "to", "near", "into", "off", "across", "of"};

// "One" in "Air Force One", "Two" in "Channel Two": a capitalised number
// word inside a sentence ends the name it follows.
bool NameNumberWord(const Document& doc, const Token& t) {
  static const std::unordered_set<std::string> kNumbers = {"one", "two", "three", "four", "five", "six",
                                                            "seven", "eight", "nine", "ten", "ii", "iii", "iv"};
  return t.kind == TokenKind::kWord && !t.Is(token_flags::kSentenceStart) &&
         (t.Is(token_flags::kCapitalized) || t.Is(token_flags::kAllCaps)) &&
         kNumbers.count(FoldForMatch(doc.TokenText(t))) > 0;
}

// Headline case: the sentence capitalises the common words running text
// writes in lower case ("Job Cuts Loom As Plant Closes"). Common words are
// stop words and words the document also writes in lower case; names in a
// normal sentence do not count either way.
bool HeadlineCase(const Document& doc, const Sentence& s, const std::unordered_set<std::string>& lowercase) {
  int common = 0, capitalised = 0;
  for (uint32_t t = s.first_token + 1; t < s.token_end; ++t) {
    const Token& tok = doc.tokens[t];
    if (tok.kind != TokenKind::kWord) continue;
    if (!tok.Is(token_flags::kStopword) && !lowercase.count(FoldForMatch(doc.TokenText(tok)))) continue;
    ++common;
    capitalised += tok.Is(token_flags::kCapitalized) || tok.Is(token_flags::kAllCaps);
  }
  return capitalised >= 2 && capitalised * 2 >= common;
}

// End (exclusive) of the name that starts at token `t`: name words, and
// particles or "of" between name words ("bin", "al", "Ministry of Foreign
// Affairs"), then a number word ("Air Force One").
uint32_t NameEnd(const Document& doc, const Sentence& s, uint32_t t) {
  uint32_t e = t + 1;
  while (e < s.token_end) {
    const Token& x = doc.tokens[e];
    if (!Adjacent(doc, doc.tokens[e - 1], x)) break;
    if (NameToken(doc, x)) {
      ++e;
      continue;
    }
    std::string w = x.kind == TokenKind::kWord ? FoldForMatch(doc.TokenText(x)) : std::string();
    if ((IsNameParticle(w) || w == "of") && e + 1 < s.token_end && NameToken(doc, doc.tokens[e + 1]) &&
        Adjacent(doc, x, doc.tokens[e + 1])) {
      e += 2;
    } else if (NameNumberWord(doc, x)) {
      ++e;
      break;
    } else {
      break;
    }
  }
  return e;
}

// The common word that opens a sentence before a name ("Several European
// powers", "Many Iranians", "Asked Tuesday"): a general determiner,
// quantifier or sentence adverb; or a word the document also writes in
// lower case when it reads as an adverb or participle ("-ly", "-ing",
// "-ed") or what follows is a nationality or country. A lower-case twin
// alone is no proof: "Mark Carney" may open a sentence where "to mark"
// appears later.
bool CommonOpener(const Document& doc, uint32_t b, uint32_t e, const std::unordered_set<std::string>& lowercase) {
  const Token& t = doc.tokens[b];
  if (!t.Is(token_flags::kSentenceStart) || t.Is(token_flags::kAllCaps)) return false;
  std::string w = FoldForMatch(doc.TokenText(t));
  if (IsCommonOpenerWord(w)) return true;
  if (!lowercase.count(w)) return false;
  auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() + 2 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends("ly") || ends("ing") || ends("ed")) return true;
  std::string rest = FoldForMatch(std::string_view(doc.text).substr(doc.tokens[b + 1].begin,
                                                                     doc.tokens[e - 1].end - doc.tokens[b + 1].begin));
  return !CountryOfDemonym(rest).empty() || IsCountryOrCapital(rest);
}

// Cues from the words around the mention [b, e) (see Mention).
void MarkContext(const Document& doc, const Sentence& s, uint32_t b, uint32_t e, Mention* m) {
  auto word = [&](uint32_t i) { return FoldForMatch(doc.TokenText(doc.tokens[i])); };
  if (b > s.first_token) {
    std::string prev = word(b - 1);
    m->after_preposition = kPrepositions.count(prev) > 0;
    m->told = prev == "told" || (prev == "with" && b >= s.first_token + 2 && word(b - 2) == "interview");
  }
  // Dateline: the sentence opens with the mention in capitals, then a
  // comma, dash or colon ("TEHRAN, Iran -", "OMAN:").
  if (b == s.first_token && e < s.token_end && doc.tokens[b].Is(token_flags::kAllCaps)) {
    std::string_view next = doc.TokenText(doc.tokens[e]);
    m->dateline = next == "," || next == ":" || next == "\u2014" || next == "\u2013" || next == "-";
  }
  // A personal pronoun right after a speech verb, or ", who" (not after a
  // preposition or a capitalised word, with or without a comma between: "a
  // senator from Ohio, who", "Tom Udall of New Mexico, who").
  bool after_capital = b > s.first_token && doc.tokens[b - 1].Is(token_flags::kCapitalized);
  if (b >= s.first_token + 2 && doc.TokenText(doc.tokens[b - 1]) == ",") {
    // "On Tuesday, Georgia said she" is still the person.
    after_capital = doc.tokens[b - 2].Is(token_flags::kCapitalized) && !IsCalendarWord(word(b - 2));
  }
  if (e + 1 < s.token_end && !m->after_preposition && !after_capital) {
    static const std::unordered_set<std::string> kSpeech = {"said",     "says",   "told",  "added", "explained",
                                                            "insisted", "argued", "wrote", "noted", "stressed"};
    static const std::unordered_set<std::string> kPersonal = {"he", "she", "his", "her", "him"};
    std::string next = word(e), after = word(e + 1);
    m->personal = (next == "," && after == "who") || (kSpeech.count(next) && kPersonal.count(after));
    // "X told reporters she ...": one word (the one told) in between.
    if (!m->personal && next == "told" && e + 2 < s.token_end) m->personal = kPersonal.count(word(e + 2)) > 0;
  }
  // "X's foreign minister", "X's government".
  std::string_view rest = std::string_view(doc.text).substr(doc.tokens[e - 1].end);
  size_t skip = rest.rfind("'s ", 0) == 0 ? 3 : rest.rfind("\u2019s ", 0) == 0 ? 5 : 0;
  if (skip > 0) {
    static const std::unordered_set<std::string> kStateWords = {
        "government", "foreign", "prime",    "president", "ministry", "capital", "parliament", "military",
        "army",       "embassy", "economy",  "supreme",   "defence",  "defense", "interior",   "cabinet",
        "navy",       "citizens", "allies",  "nuclear",   "territory", "border", "borders"};
    size_t end = rest.find_first_of(" ,.;:", skip);
    std::string next = FoldForMatch(rest.substr(skip, end == std::string_view::npos ? end : end - skip));
    m->state_possessive = kStateWords.count(next) > 0;
  }
}

// Apposition after the name ending at `e`: ", a U.S. foreign policy expert
// at Kuwait University,".
std::string Apposition(const Document& doc, const Sentence& s, uint32_t e) {
  if (e + 1 >= s.token_end || doc.TokenText(doc.tokens[e]) != ",") return "";
  uint32_t c = e + 1;
  std::string first = FoldForMatch(doc.TokenText(doc.tokens[c]));
  bool starts = first == "a" || first == "an" || first == "the" ||
                (!doc.tokens[c].Is(token_flags::kCapitalized) && IsTitleWord(first));
  if (!starts) return "";
  // A noun phrase, closed within 12 tokens: "According to Velmar, the
  // convoy was travelling from Orsk with forty trucks on board" is a
  // clause after the name, not a description of it (a verb of being,
  // having or saying inside, or no close before the budget runs out).
  static const std::unordered_set<std::string> kClauseVerbs = {
      "is", "was", "were", "are", "be", "been", "has", "have", "had", "will", "would", "can", "could",
      "said", "says", "did", "does"};
  uint32_t d = c;
  bool closed = false;
  while (d < s.token_end && d - c < 12) {
    std::string w = FoldForMatch(doc.TokenText(doc.tokens[d]));
    if (w == "," || w == "." || w == "who" || w == "which" || w == "that" || w == ";") {
      closed = true;
      break;
    }
    if (kClauseVerbs.count(w) > 0) return "";
    ++d;
  }
  if (!closed || d <= c + 1 || d >= s.token_end || FoldForMatch(doc.TokenText(doc.tokens[d])) == "that") return "";
  return std::string(std::string_view(doc.text).substr(doc.tokens[c].begin, doc.tokens[d - 1].end - doc.tokens[c].begin));
}

std::string Span(const Document& doc, uint32_t b, uint32_t e) {
  return std::string(std::string_view(doc.text).substr(doc.tokens[b].begin, doc.tokens[e - 1].end - doc.tokens[b].begin));
}

}  // namespace

std::vector<Mention> FindMentions(const Document& doc, uint32_t doc_index) {
  std::unordered_set<std::string> lowercase;
  for (const Token& t : doc.tokens) {
    if (t.kind == TokenKind::kWord && !t.Is(token_flags::kCapitalized)) lowercase.insert(FoldForMatch(doc.TokenText(t)));
  }
  std::vector<Mention> out;
  for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    const bool headline = HeadlineCase(doc, s, lowercase);
    uint32_t t = s.first_token;
    while (t < s.token_end) {
      if (!NameToken(doc, doc.tokens[t])) {
        ++t;
        continue;
      }
      uint32_t b = t, e = NameEnd(doc, s, t);
      t = e;
      // "Harbour | master Tom Ek": the sentence's capital on the first word
      // of a role, not a name.
      if (e - b == 1 && b == s.first_token && RoleWordsThenName(doc, s, e)) continue;
      if (e - b >= 2 && CommonOpener(doc, b, e, lowercase)) ++b;  // "Several | European"
      // Everything up to the last title word becomes the role: "Israeli
      // Prime Minister | Benjamin Netanyahu", "White House Chief of Staff |
      // Jared Kushner"; not inside an organisation's name.
      uint32_t name_b = b;
      bool organisation = false;
      for (uint32_t k = b; k < e; ++k) organisation |= IsOrganisationWord(WordKey(doc.TokenText(doc.tokens[k])));
      for (uint32_t k = b; k + 1 < e && !organisation; ++k) {
        if (TitleToken(doc, doc.tokens[k]) && !TitleToken(doc, doc.tokens[k + 1])) name_b = k + 1;
      }
      // "Passenger Ilse Brand said": a noun for a person, capitalised only
      // because it opens the sentence.
      if (name_b == b && e - b >= 2 && !organisation && b == s.first_token && PersonNounToken(doc, doc.tokens[b])) {
        name_b = b + 1;
      }
      // "ministra de | Transportes | Petra Lusk", "ministro degli | Esteri |
      // Ilse Brand": after a title and "de", the first capitalised word of
      // three or more names the ministry, a part of the role.
      static const std::unordered_set<std::string> kOf = {"de", "del", "di", "della", "delle", "dello", "degli",
                                                          "dei", "du", "des", "da", "do", "dos", "das"};
      // Bodies named so, which are no person's name: "presidente del Banco
      // Central Europeo".
      static const std::unordered_set<std::string> kBodies = {
          "banco", "banca", "banque", "ministerio", "ministero", "ministère", "comisión", "commissione",
          "commission", "consejo", "consiglio", "conseil", "gobierno", "governo", "gouvernement", "tribunal",
          "tribunale", "partido", "partito", "parti", "universidad", "università", "université", "agencia",
          "agenzia", "agence", "instituto", "istituto", "institut", "fundación", "fondazione", "fondation",
          "compañía", "compagnia", "compagnie", "sociedad", "società", "société", "unión", "unione", "union",
          "industria", "empresa", "grupo", "gruppo", "groupe", "federación", "federazione", "asociación",
          "associazione", "association", "congreso", "congresso", "senado", "senato", "sénat", "parlamento",
          "parlement", "corte", "cour", "ejército", "esercito", "armée", "policía", "polizia", "police"};
      auto names_a_body = [&] {
        for (uint32_t k = b; k < e; ++k) {
          if (kBodies.count(FoldForMatch(doc.TokenText(doc.tokens[k]))) > 0) return true;
        }
        return false;
      };
      const bool ministry = name_b == b && !organisation && e - b >= 3 && b >= s.first_token + 2 &&
                            kOf.count(FoldForMatch(doc.TokenText(doc.tokens[b - 1]))) > 0 &&
                            !doc.tokens[b - 2].Is(token_flags::kCapitalized) && TitleToken(doc, doc.tokens[b - 2]) &&
                            !names_a_body();
      if (ministry) name_b = b + 1;
      // Lower-case role words just before ("coast guard commander",
      // "harbour master"), and the sentence's first word before them
      // ("Transport minister", "Harbour master").
      uint32_t role_b = ministry ? b - 2 : b;
      while (role_b > s.first_token && !doc.tokens[role_b - 1].Is(token_flags::kCapitalized) &&
             RoleToken(doc, doc.tokens[role_b - 1]) && b - role_b < 4) {
        // "founder of | Lumora": a noun for a person before "of" names
        // what the person belongs to, not the person.
        if (role_b < b && !TitleToken(doc, doc.tokens[role_b - 1]) &&
            WordKey(doc.TokenText(doc.tokens[role_b])) == "of") {
          role_b = b;
          break;
        }
        --role_b;
      }
      // One lower-case word before a noun for a person says what kind:
      // "harbour master", "ferry captain", "fellow passenger" (not "said
      // passenger", "injured passenger").
      if (role_b < b && role_b > s.first_token && PersonNounToken(doc, doc.tokens[role_b]) &&
          ModifierWord(doc, doc.tokens[role_b - 1])) {
        --role_b;
      }
      if (IsEnglish(doc.lang) && role_b < b && role_b == s.first_token + 1 &&
          doc.tokens[s.first_token].kind == TokenKind::kWord &&
          doc.tokens[s.first_token].Is(token_flags::kCapitalized) &&
          !IsCommonOpenerWord(FoldForMatch(doc.TokenText(doc.tokens[s.first_token])))) {
        role_b = s.first_token;
      }
      // A role in commas before the name: "the ferry's captain, Tom Ek,".
      uint32_t comma_role_b = b;
      if (role_b == b && b >= s.first_token + 2 && doc.TokenText(doc.tokens[b - 1]) == "," && e < s.token_end &&
          doc.TokenText(doc.tokens[e]) == ",") {
        uint32_t r = b - 1;
        while (r > s.first_token && !doc.tokens[r - 1].Is(token_flags::kCapitalized) &&
               RoleToken(doc, doc.tokens[r - 1]) && b - 1 - r < 3) {
          --r;
        }
        comma_role_b = r;
      }
      if (name_b + 1 == e && TitleToken(doc, doc.tokens[name_b])) continue;  // titles only
      Mention m;
      m.doc = doc_index;
      m.sentence = si;
      // A one-word mention opening its sentence is a name only if the story
      // also writes it capitalised elsewhere (checked by the caller).
      m.opener = name_b + 1 == e && doc.tokens[name_b].Is(token_flags::kSentenceStart);
      m.headline = headline;
      m.form = Span(doc, name_b, e);
      if (role_b < name_b) {
        m.role = Span(doc, role_b, name_b);
        // The sentence's capital is not the role's: "Passenger" and "Chief
        // executive" (the article writes "chief" elsewhere) are a passenger
        // and a chief executive; "Transport Minister", "Captain" and
        // "Iranian foreign minister" keep theirs.
        const std::string first = FoldForMatch(doc.TokenText(doc.tokens[role_b]));
        const bool lower_after = role_b + 1 < name_b && !doc.tokens[role_b + 1].Is(token_flags::kCapitalized);
        const bool common = PersonNounToken(doc, doc.tokens[role_b]) || (lower_after && lowercase.count(first) > 0 &&
                                                    CountryOfDemonym(first).empty() && !IsCountryOrCapital(first));
        if (role_b == s.first_token && common && !m.role.empty() && IsAsciiUpper(m.role[0]) &&
            !doc.tokens[role_b].Is(token_flags::kAllCaps)) {
          m.role[0] = AsciiToLower(m.role[0]);
        }
      } else if (comma_role_b < b) {
        m.role = Span(doc, comma_role_b, b - 1);
      }
      MarkContext(doc, s, b, e, &m);
      m.apposition = Apposition(doc, s, e);
      out.push_back(std::move(m));
    }
  }
  return out;
}

namespace {

// What the forms of one entity say about its type.
struct TypeCues {
  bool person = false, org = false, gazetteer_place = false, demonym = true, personal_name = false;
  int prepositional = 0, place_cues = 0, told = 0, personal = 0;
  size_t mentions = 0;
};

// "Tamsin Jordan", "Georgia Markel": a country's name next to another name
// word is a personal name ("Kingdom of Jordan", "South Georgia" and "Jordan
// Valley" are not: the other word is a particle, a compass or place word).
bool CountryWordInPersonalName(const std::vector<std::string>& tokens) {
  if (tokens.size() != 2 || IsCountryOrCapital(Join(tokens, " "))) return false;
  static const std::unordered_set<std::string> kNotAName = {
      "of", "new", "north", "south", "east", "west", "upper", "lower", "central", "greater", "northern",
      "southern", "eastern", "western", "city", "state", "republic", "kingdom", "capital", "government",
      "people", "sea", "gulf", "river", "lake", "valley", "mountains", "coast", "border", "province"};
  for (int k = 0; k < 2; ++k) {
    const std::string& other = tokens[1 - k];
    if (IsCountryOrCapital(tokens[k]) && !IsCountryOrCapital(other) && CountryOfDemonym(other).empty() &&
        !IsNameParticle(other) && !IsTitleWord(other) && !IsOrganisationWord(other) && !IsCalendarWord(other) &&
        !kNotAName.count(other)) {
      return true;
    }
  }
  return false;
}

void AddTypeCues(const EntityFormTable& table, const EntityForm& f, TypeCues* c) {
  c->mentions += f.mentions.size();
  c->person |= f.speaker || !f.role_words.empty();
  c->prepositional += f.prepositional;
  c->place_cues += f.place_cues;
  c->told += f.told;
  c->personal += f.personal;
  std::string joined = Join(f.tokens, " ");
  c->gazetteer_place |= IsCountryOrCapital(joined) || IsCountryOrCapital(FoldForMatch(f.display));
  c->personal_name |= CountryWordInPersonalName(f.tokens);
  bool is_demonym = !CountryOfDemonym(joined).empty();
  // "Omani" next to "Oman" in the same story: a demonym even if the
  // gazetteer lacks it.
  if (!is_demonym && f.tokens.size() == 1) {
    const std::string& w = f.tokens[0];
    for (size_t cut = 3; cut < w.size() && !is_demonym; ++cut) {
      auto other = table.index.find(w.substr(0, cut));
      is_demonym = other != table.index.end() && DemonymSuffixPair(other->first, w);
    }
  }
  c->demonym &= is_demonym;
  for (const std::string& t : f.tokens) c->org |= IsOrganisationWord(t);
  // "Arabian Sea", "Gulf of Aden", "Rift Valley": a geographic head word.
  static const std::unordered_set<std::string> kGeographic = {
      "sea", "gulf", "ocean", "river", "lake", "bay", "strait", "straits", "island", "islands", "mountains",
      "valley", "peninsula", "province", "county", "region", "desert", "coast", "east", "west", "canal"};
  if (f.tokens.size() >= 2 && (kGeographic.count(f.tokens.back()) || kGeographic.count(f.tokens.front()))) {
    c->gazetteer_place = true;
  }
  if (f.tokens.size() == 1 && !AcronymLetters(f.display).empty()) c->org = true;
}

// First rule that holds wins.
const char* TypeOf(TypeCues c) {
  if (c.personal_name) c.person = true;
  // A bare "Jordan" or "Georgia" that says things as "he" or "she" is a
  // person, unless the story also gives it a country's marks (a dateline,
  // "Jordan's government").
  if (c.personal > 0 && c.place_cues == 0) c.person = true;
  if (c.org) return "organization";
  if (c.demonym) return "nationality";
  if (c.gazetteer_place && !c.person) return "place";
  if (c.person) return "person";
  if (c.told * 2 >= static_cast<int>(c.mentions)) return "organization";
  if (c.place_cues > 0 || c.prepositional * 2 >= static_cast<int>(c.mentions)) return "place";
  return "other";
}

// Roles as the articles write them, case kept ("White House Chief of
// Staff"); wordings equal up to case, dots and a leading article are one
// role, shown in its most frequent wording.
std::vector<report::Role> CollectRoles(const std::vector<const Document*>& docs, const EntityFormTable& table,
                                       const std::vector<size_t>& members) {
  struct Wording {
    std::map<std::string, int> forms;
    std::set<std::string> articles;
  };
  std::map<std::string, Wording> by_key;
  for (size_t fi : members) {
    for (size_t mi : table.forms[fi].mentions) {
      const Mention& m = table.mentions[mi];
      for (const std::string& r : {m.role, m.apposition}) {
        std::string shown = RoleDisplay(r);
        if (shown.empty()) continue;
        Wording& w = by_key[RoleKey(shown)];
        ++w.forms[shown];
        w.articles.insert(docs[m.doc]->article->id);
      }
    }
  }
  std::vector<report::Role> out;
  for (const auto& [key, w] : by_key) {
    auto best = std::max_element(w.forms.begin(), w.forms.end(),
                                 [](const auto& x, const auto& y) { return x.second < y.second; });
    out.push_back({best->first, std::vector<std::string>(w.articles.begin(), w.articles.end())});
  }
  return out;
}

// Whether `inner`'s tokens are a contiguous run of `outer`'s, shorter.
bool TokenRunOf(const std::vector<std::string>& inner, const std::vector<std::string>& outer) {
  return inner.size() < outer.size() && std::search(outer.begin(), outer.end(), inner.begin(), inner.end()) != outer.end();
}

// The form that names the entity: a multi-word form ("al-Shaidi" is one
// name word), the most mentioned; never an acronym when a spelled-out form
// exists; and the full form that holds it ("MV Selka Star" over "Selka
// Star", "Islamic Revolutionary Guards Corps" over "Revolutionary Guards").
size_t EntityNameForm(const EntityFormTable& table, const std::vector<size_t>& members) {
  auto name_words = [&](size_t fi) {
    const auto& t = table.forms[fi].tokens;
    return std::count_if(t.begin(), t.end(), [](const std::string& w) { return !IsNameParticle(w); });
  };
  size_t best = members.front();
  for (size_t fi : members) {
    bool multi = name_words(fi) > 1, best_multi = name_words(best) > 1;
    if ((multi && !best_multi) ||
        (multi == best_multi && table.forms[fi].mentions.size() > table.forms[best].mentions.size())) {
      best = fi;
    }
  }
  size_t holder = best;
  for (size_t fi : members) {
    if (!TokenRunOf(table.forms[best].tokens, table.forms[fi].tokens)) continue;
    if (holder == best || table.forms[fi].mentions.size() > table.forms[holder].mentions.size()) holder = fi;
  }
  return holder;
}

struct BuiltEntity {
  report::Entity e;
  size_t mentions = 0;
};

BuiltEntity AssembleEntity(const std::vector<const Document*>& docs, const EntityFormTable& table,
                           const std::vector<size_t>& members) {
  BuiltEntity b;
  float conf = 1.0f;
  TypeCues cues;
  b.e.name = table.forms[EntityNameForm(table, members)].display;
  for (size_t fi : members) {
    const EntityForm& f = table.forms[fi];
    conf = std::min(conf, table.confidence[fi]);
    if (f.other_scripts.empty()) {
      report::Variant v;
      v.form = f.display;
      for (uint32_t d : f.docs) v.articles.push_back(docs[d]->article->id);
      b.e.variants.push_back(std::move(v));
    } else {
      // One name written in several scripts: each spelling with its articles.
      if (!f.latin_docs.empty()) {
        report::Variant v;
        v.form = f.display;
        for (uint32_t d : f.latin_docs) v.articles.push_back(docs[d]->article->id);
        b.e.variants.push_back(std::move(v));
      }
      for (const auto& [form, ds] : f.other_scripts) {
        report::Variant v;
        v.form = form;
        for (uint32_t d : ds) v.articles.push_back(docs[d]->article->id);
        b.e.variants.push_back(std::move(v));
      }
    }
    AddTypeCues(table, f, &cues);
  }
  b.mentions = cues.mentions;
  b.e.type = TypeOf(cues);
  if (b.e.type == "person") b.e.roles = CollectRoles(docs, table, members);
  b.e.confidence = conf;
  std::stable_sort(b.e.variants.begin(), b.e.variants.end(), [](const report::Variant& x, const report::Variant& y) {
    return x.articles.size() > y.articles.size();
  });
  return b;
}

}  // namespace

std::string RoleDisplay(const std::string& role) {
  std::string shown = CollapseWhitespace(role);
  for (std::string_view a : {"a ", "an ", "the ", "A ", "An ", "The "}) {
    if (shown.rfind(a, 0) == 0) shown = shown.substr(a.size());
  }
  while (!shown.empty() && (shown.back() == ',' || shown.back() == '.' || shown.back() == ' ')) shown.pop_back();
  return shown;
}

std::string RoleKey(const std::string& role) {
  std::string key;
  for (char c : FoldForMatch(RoleDisplay(role))) {
    if (c != '.') key.push_back(c);
  }
  size_t at = key.find("advisor");
  if (at != std::string::npos) key.replace(at, 7, "adviser");
  return key;
}

std::vector<report::Entity> BuildEntities(const std::vector<const Document*>& docs,
                                          const std::vector<std::vector<std::string>>& speakers,
                                          const EntityOptions& options) {
  EntityFormTable table = CollectForms(docs, speakers);
  {
    MergeEvidence evidence(docs, speakers, table);
    MergeSpellings(options, &evidence, &table);
    MergePlurals(&table);
    MergeAcronyms(&table);
    MergeShortForms(evidence, &table);
    MergeOneWordVariants(options, &evidence, &table);
  }
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < table.forms.size(); ++i) groups[table.Find(i)].push_back(i);
  std::vector<BuiltEntity> built;
  for (const auto& [root, members] : groups) {
    // Forms only ever seen opening a sentence or in a headline are kept
    // only when they joined an entity seen elsewhere.
    if (std::all_of(members.begin(), members.end(), [&](size_t fi) { return table.forms[fi].tentative; })) continue;
    built.push_back(AssembleEntity(docs, table, members));
  }
  // Named things first; nationality adjectives describe, they are not actors.
  std::stable_sort(built.begin(), built.end(), [](const BuiltEntity& a, const BuiltEntity& b) {
    bool na = a.e.type == "nationality", nb = b.e.type == "nationality";
    if (na != nb) return nb;
    return a.mentions > b.mentions;
  });
  std::vector<report::Entity> out;
  for (BuiltEntity& b : built) {
    if (static_cast<int>(out.size()) >= options.max_entities) break;
    b.e.id = "e" + std::to_string(out.size() + 1);
    out.push_back(std::move(b.e));
  }
  return out;
}

}  // namespace rashomon
