// Entities: people, organisations, places and other named things in a
// story, with every surface form of one entity merged and the roles each
// article gives it.
//
// Mentions are runs of capitalised words inside sentences; title words in
// front ("Transport Minister", "Colonel") are stripped from the name and kept
// as roles, as are appositions (", commander of the coast guard").
// Mentions skip a common word opening the sentence ("Several | European"),
// keep a trailing number word ("Air Force One"), and capitals of a
// headline-case sentence make no entity on their own.
// Merging, with no list of names (steps in entity_merge.h):
//   - spellings that transliteration or machine translation produce
//     (l/r, gh/g, ch/sh/ss, j/y/dj/dz, ts/c, doubled letters, vowels) join
//     when their phonetic keys are close AND the context agrees: a shared
//     role word, a shared first name, the same quote, or aligned sentences
//     that differ only around the name;
//   - acronyms join the one name whose initials they spell ("WTO");
//   - a short form joins the one longer name it ends ("Araghchi",
//     "al-Shaidi", a ship's name without its prefix);
//   - a one-word respelling joins the one entity with its consonant
//     skeleton unless the two share a sentence or differ in first name.
//     Look-alike names with no supporting context stay apart.
// Each merge keeps a confidence; the entity's is its weakest merge.
// Types: "organization" (organisation words in the name, acronyms),
// "person" (titles, appositions, quoted speakers), "place" (countries and
// capitals of a general gazetteer, datelines, "X's government", mostly
// after "in/to/from"), "nationality" (demonyms: "Iranian", "Brazilians",
// or a story form that is another form plus a demonym suffix), "other".
#pragma once

#include <string>
#include <vector>

#include "report/model.h"
#include "text/document.h"

namespace rashomon {

struct EntityOptions {
  // Phonetic-key similarity (1 - edit distance / length) needed for a
  // spelling variant with supporting context, and without.
  float variant_with_context = 0.6f;
  // Without context only forms equal up to case, accents and hyphens merge:
  // look-alike names are not evidence of one person.
  float variant_alone = 1.01f;
  int max_entities = 60;  // in the report, most mentioned first
};

// A mention as found in one article.
struct Mention {
  std::string form;   // "Abbas Araghchi"
  std::string role;   // "Foreign Minister" (title words before it), may be empty
  std::string apposition;  // "a U.S. foreign policy expert at Kuwait University"
  uint32_t doc = 0;        // index into the story's documents
  uint32_t sentence = 0;
  bool after_preposition = false;  // "in Muscat", "from Tehran"
  bool opener = false;             // a one-word mention that opens its sentence
  // "X's foreign minister", "X's government": what has ministers and
  // governments is a country or an organisation, not a person.
  bool state_possessive = false;
  // "TEHRAN, Iran -", "OMAN:" at the top of a sentence: a dateline names a place.
  bool dateline = false;
  // "told Al Jazeera", "in an interview with Reuters": the one told or
  // interviewing, when it is never given a title, is a news organisation.
  bool told = false;
  // "X said he", "X told reporters she", "X, who": only a person takes
  // these ("Jordan said it would ..." is the country).
  bool personal = false;
  // In a headline-case sentence ("Job Cuts Loom At Plant"): capitals there
  // say nothing about names.
  bool headline = false;
};

std::vector<Mention> FindMentions(const Document& doc, uint32_t doc_index);

// Phonetic key used to compare spellings across transliterations.
std::string PhoneticKey(const std::string& name);
float KeySimilarity(const std::string& a, const std::string& b);

// A role as shown: case kept, leading article and trailing punctuation
// dropped ("the White House Chief of Staff," -> "White House Chief of Staff").
std::string RoleDisplay(const std::string& role);
// Key under which wordings of one role are one: folded, dots dropped
// ("U.S. president" = "US President").
std::string RoleKey(const std::string& role);

// Whether variant `v` of an entity (all its variants in `all`) spells
// the entity's name, rather than abbreviating it ("WTO" for "World Trade
// Organization") or being a piece of a longer variant ("Revolutionary
// Guards" of "Islamic Revolutionary Guards Corps"): only spellings can
// disagree (name conflicts) or be unusual (provenance evidence).
bool SpellsName(const report::Variant& v, const std::vector<report::Variant>& all);

// Entities of a story. `speakers` maps quote-group index to the speaker
// names its versions give (evidence that those names are one person).
std::vector<report::Entity> BuildEntities(const std::vector<const Document*>& docs,
                                          const std::vector<std::vector<std::string>>& speakers,
                                          const EntityOptions& options = {});

}  // namespace rashomon
