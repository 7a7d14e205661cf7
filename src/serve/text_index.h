// TextIndex: an inverted index from search words (text/search_words.h) to the
// documents holding them, for the in-memory backend's story search over
// article text (the store uses SQLite FTS5 instead, store/text_search.h).
//
// Documents are numbered densely by the caller and added in increasing order;
// each posting list is sorted and holds a document once. Build it on one
// thread, then read it from any number (Find is const and touches no state).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rashomon::serve {

class TextIndex {
 public:
  // Indexes the words of `text` under `doc`. May be called several times for
  // one document (title, then body). REQUIRES: doc >= every doc added before.
  void Add(uint32_t doc, std::string_view text);

  // The documents holding every word of `query`, ascending. Empty when the
  // query has no word.
  std::vector<uint32_t> Find(std::string_view query) const;

  size_t words() const { return postings_.size(); }

 private:
  // Looked up by string_view without a copy of each word.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::vector<uint32_t>, Hash, std::equal_to<>> postings_;
};

}  // namespace rashomon::serve
