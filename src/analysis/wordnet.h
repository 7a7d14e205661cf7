// English synonyms from WordNet 3.0 (Debian's `wordnet-base`), for the
// sentence matcher: two content words are synonyms when one of the most
// common senses of each is the same synset ("buy"/"purchase",
// "said"/"stated"). Words are keyed by the hash of their Snowball stem, as
// tokens are (Token::stem), so a sketch looks its stems up directly.
//
// The database is read once, on first use, from $RASHOMON_WORDNET or
// /usr/share/wordnet (the index.noun/verb/adj/adv files; no network). When
// it is absent every lookup is empty and Note() says so: matching then
// falls back to exact stems.
//
// Synonyms::Get() is thread-safe (a function-local static); the table is
// read-only afterwards.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace rashomon {

class Synonyms {
 public:
  // Senses per word and part of speech taken into account: rarer senses
  // make unrelated words synonyms ("bank"/"depository"/"slope").
  static constexpr int kSenses = 2;

  // The process-wide table, loaded on first call.
  static const Synonyms& Get();

  // Loads the index files of `dir`; empty when they are missing.
  static Synonyms Load(const std::string& dir);

  bool available() const { return !synsets_.empty(); }
  // "WordNet 3.0 from DIR: N words" or why there is none.
  const std::string& Note() const { return note_; }

  // Sorted synset ids of an English stem hash (nullptr when none).
  const std::vector<uint32_t>* SynsetsOf(uint64_t stem) const {
    auto it = synsets_.find(stem);
    return it == synsets_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<uint64_t, std::vector<uint32_t>> synsets_;
  std::string note_;
};

}  // namespace rashomon
