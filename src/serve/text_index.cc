#include "serve/text_index.h"

#include <algorithm>

#include "text/search_words.h"

namespace rashomon::serve {

void TextIndex::Add(uint32_t doc, std::string_view text) {
  ForEachSearchWord(text, [this, doc](std::string_view word) {
    auto it = postings_.find(word);
    if (it == postings_.end()) it = postings_.emplace(std::string(word), std::vector<uint32_t>()).first;
    std::vector<uint32_t>& docs = it->second;
    if (docs.empty() || docs.back() != doc) docs.push_back(doc);
  });
}

std::vector<uint32_t> TextIndex::Find(std::string_view query) const {
  std::vector<std::string> words = SearchWords(query);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::vector<const std::vector<uint32_t>*> lists;
  for (const std::string& w : words) {
    auto it = postings_.find(w);
    if (it == postings_.end()) return {};
    lists.push_back(&it->second);
  }
  if (lists.empty()) return {};
  // Shortest list first keeps every intersection small.
  std::sort(lists.begin(), lists.end(), [](const auto* a, const auto* b) { return a->size() < b->size(); });
  std::vector<uint32_t> hits = *lists.front();
  std::vector<uint32_t> next;
  for (size_t i = 1; i < lists.size() && !hits.empty(); ++i) {
    next.clear();
    std::set_intersection(hits.begin(), hits.end(), lists[i]->begin(), lists[i]->end(), std::back_inserter(next));
    hits.swap(next);
  }
  return hits;
}

}  // namespace rashomon::serve
