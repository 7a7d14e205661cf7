// The steps that turn a story's mentions into merged entities, each one a
// function that can be tested on its own: forms (mentions with one folded
// text), then merges over a union-find of forms. BuildEntities
// (entities.cc) runs them in order:
//   1. MergeSpellings      equal-length forms whose phonetic keys are close
//                          and whose context agrees (role, quote, aligned
//                          sentences, shared first name);
//   2. MergePlurals        organisation names equal up to a plural "s"
//                          ("Revolutionary Guard"/"Revolutionary Guards");
//   3. MergeAcronyms       "WTO" with the one name whose initials it spells;
//   4. MergeShortForms     a form that ends (or, for organisations, sits
//                          inside) exactly one longer entity's name:
//                          "Trump", "al-Shaidi", "Abraham Lincoln";
//   5. MergeOneWordVariants  one-word spellings with context, or with the
//                          same consonant skeleton when exactly one entity
//                          offers it and nothing says they are two people.
// The table owns its forms and merge state; nothing here is shared between
// threads (one table per story analysis).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analysis/entities.h"
#include "base/union_find.h"
#include "text/document.h"

namespace rashomon {

// One folded text with every mention written that way.
struct EntityForm {
  std::string display;
  std::vector<std::string> tokens;  // folded, hyphens split ("al-x" -> "al", "x")
  std::vector<std::string> keys;    // PhoneticKey of each token
  std::vector<size_t> mentions;
  std::set<uint32_t> docs;
  std::set<std::string> role_words;
  int prepositional = 0;
  int place_cues = 0;  // datelines and "X's government"
  int told = 0;
  int personal = 0;  // "X said she", "X, who"
  bool speaker = false;
  bool tentative = false;  // only ever seen opening a sentence or in a headline
  // Spellings in another script (compared in their Latin transliteration)
  // and the documents of each; the documents writing it in Latin letters.
  std::map<std::string, std::set<uint32_t>> other_scripts;
  std::set<uint32_t> latin_docs;
};

struct EntityFormTable {
  std::vector<Mention> mentions;
  std::vector<EntityForm> forms;
  std::unordered_map<std::string, size_t> index;  // joined tokens -> form
  UnionFind merged{0};                            // over forms; Union keeps b's root
  std::vector<float> confidence;                  // weakest merge per form

  size_t Find(size_t x);
  void Union(size_t a, size_t b, float confidence);
};

// Folded tokens of a name, hyphens split.
std::vector<std::string> NameTokens(const std::string& form);

// Mentions of all documents grouped into forms (capitalised common words
// dropped), datelines and speakers marked, union-find initialised.
EntityFormTable CollectForms(const std::vector<const Document*>& docs,
                             const std::vector<std::vector<std::string>>& speakers);

// "Iran"/"Iranian", "Israel"/"Israeli": a name and the adjective or
// demonym made from it (folded) are different things; "Idris"/"Idriss" are not.
bool DemonymSuffixPair(const std::string& x, const std::string& y);

// The initials an acronym of this name would spell, upper case: all words,
// and (second) the words other than function words and particles.
// {"Islamic","Revolutionary","Guards","Corps"} -> "IRGC".
std::vector<std::string> NameInitials(const std::vector<std::string>& tokens);
// "WTO", "U.N." -> "WTO", "UN"; "" when `display` is no acronym.
std::string AcronymLetters(const std::string& display);
// The consonants of a phonetic key, doubles collapsed: what stays when
// vowels and y drift ("Araghchi", "Araguchi" -> "rgs").
std::string ConsonantSkeleton(const std::string& key);

// Context that two forms name one entity: they never share a sentence,
// a quote group's versions name both, or sentences naming one align with
// sentences naming the other. Work per form is bounded (a story of
// thousands of look-alike names stays linear).
class MergeEvidence {
 public:
  MergeEvidence(const std::vector<const Document*>& docs, const std::vector<std::vector<std::string>>& speakers,
                const EntityFormTable& table);
  bool SameSentence(size_t a, size_t b) const;
  bool SameQuote(size_t a, size_t b) const;
  bool Aligned(size_t a, size_t b);

 private:
  void StemsWithout(uint32_t d, uint32_t s, const std::vector<std::string>& name, std::vector<uint64_t>* out);
  bool HasSentence(size_t f, std::pair<uint32_t, uint32_t> s) const;
  // The content stems, the form's own name aside, of its first sentences
  // (at most `limit`), built once per form.
  const std::vector<std::vector<uint64_t>>& Reduced(size_t f, size_t limit);
  // Each stem of Reduced(f, limit) with the set of those sentences holding
  // it (bit q: sentence q), sorted by stem; built once per form.
  const std::vector<std::pair<uint64_t, uint32_t>>& StemMasks(size_t f, size_t limit);

  const std::vector<const Document*>& docs_;
  const EntityFormTable& table_;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> form_sentences_;
  std::vector<std::vector<size_t>> form_quotes_;
  std::vector<int> context_checks_;
  std::vector<std::vector<std::vector<uint64_t>>> reduced_;
  std::vector<bool> has_reduced_;
  std::vector<std::vector<std::pair<uint64_t, uint32_t>>> stem_masks_;
  std::vector<bool> has_masks_;
  std::unordered_map<uint64_t, std::vector<std::pair<uint64_t, std::string>>> sentence_words_;
};

void MergeSpellings(const EntityOptions& options, MergeEvidence* evidence, EntityFormTable* table);
void MergePlurals(EntityFormTable* table);
void MergeAcronyms(EntityFormTable* table);
void MergeShortForms(const MergeEvidence& evidence, EntityFormTable* table);
void MergeOneWordVariants(const EntityOptions& options, MergeEvidence* evidence, EntityFormTable* table);

}  // namespace rashomon
