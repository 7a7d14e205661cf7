// Words of a text as full-text search sees them, for the story search of the
// web UI and API.
//
// A word is a maximal run of letters, digits and combining marks; it is kept
// folded as FoldForMatch folds (lowercase, no diacritics), so "Café", "CAFE"
// and "cafe" are one word. The in-memory index (serve/text_index.h) uses
// exactly this; the store's FTS5 index (unicode61, remove_diacritics 2)
// splits and folds text the same way for letters and digits, and receives
// queries already split by it. Stateless and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rashomon {

// Calls fn(word) for each folded word of `text`, in order (repeats included).
// `word` is valid only during the call.
template <typename Fn>
void ForEachSearchWord(std::string_view text, Fn&& fn);

// The folded words of `text`, in order, repeats included.
std::vector<std::string> SearchWords(std::string_view text);

namespace internal {
// Reads the word starting at or after `pos` into *word (folded) and returns
// the position after it, or text.size() with *word empty when none is left.
size_t NextSearchWord(std::string_view text, size_t pos, std::string* word);
}  // namespace internal

template <typename Fn>
void ForEachSearchWord(std::string_view text, Fn&& fn) {
  std::string word;
  size_t pos = 0;
  while (pos < text.size()) {
    pos = internal::NextSearchWord(text, pos, &word);
    if (!word.empty()) fn(std::string_view(word));
  }
}

}  // namespace rashomon
