// Versions of one quote across articles: core words for comparing short
// quotes, speaker identity by surname, and the word-level wording
// difference shown per version (declared in quotes.h). Thread-safe (pure
// functions).
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/entities.h"
#include "analysis/quotes.h"
#include "base/strings.h"
#include "text/normalize.h"

namespace rashomon {

std::vector<uint64_t> QuoteCoreStems(const std::string& text, const std::string& lang) {
  static const std::unordered_set<std::string> kDegree = {
      "absolutely", "completely", "totally", "entirely", "really", "very", "quite", "truly", "extremely",
      "highly", "never", "not", "no", "non", "ever", "always", "utterly", "simply", "so", "too"};
  // "non-negotiable" -> "negotiable": the prefix is a negation, dropped like "never".
  std::string words;
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t space = rest.find(' ');
    std::string_view w = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    std::string folded = FoldForMatch(w);
    if (folded.rfind("non-", 0) == 0) folded.erase(0, 4);
    std::string bare = folded;
    while (!bare.empty() && !IsAsciiAlpha(bare.back()) && static_cast<unsigned char>(bare.back()) < 0x80) bare.pop_back();
    if (kDegree.count(bare) > 0) continue;
    words += folded;
    words += ' ';
  }
  return QuoteStems(words, lang);
}

namespace {

// Words of a quote as written (split at spaces) with their folded forms,
// punctuation stripped from the folded form.
struct DiffWord {
  std::string written, folded;
};

std::vector<DiffWord> DiffWords(const std::string& text) {
  std::vector<DiffWord> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) {
      std::string written = text.substr(i, j - i);
      std::string folded;
      for (char c : FoldForMatch(written)) {
        if (IsAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '-' || static_cast<unsigned char>(c) >= 0x80) {
          folded.push_back(c);
        }
      }
      out.push_back({std::move(written), std::move(folded)});
    }
    i = j;
  }
  return out;
}

}  // namespace

std::string QuoteDiff(const std::string& text, const std::string& version) {
  std::vector<DiffWord> a = DiffWords(text), b = DiffWords(version);
  // Longest common subsequence of folded words.
  std::vector<std::vector<uint16_t>> lcs(a.size() + 1, std::vector<uint16_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i].folded == b[j].folded ? static_cast<uint16_t>(lcs[i + 1][j + 1] + 1)
                                             : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  if (lcs[0][0] == b.size()) {
    // Every word of the version is in the text, in order: the same words or
    // a part of them when contiguous.
    if (a.size() == b.size()) return "";
    for (size_t start = 0; start + b.size() <= a.size(); ++start) {
      bool contiguous = true;
      for (size_t k = 0; k < b.size() && contiguous; ++k) contiguous = a[start + k].folded == b[k].folded;
      if (contiguous) return "";
    }
  }
  std::string out, removed, added;
  auto flush = [&] {
    if (!removed.empty()) out += (out.empty() ? "" : " ") + std::string("[-") + removed + "-]";
    if (!added.empty()) out += (out.empty() ? "" : " ") + std::string("{+") + added + "+}";
    removed.clear();
    added.clear();
  };
  auto append = [](std::string* s, const std::string& w) { *s += (s->empty() ? "" : " ") + w; };
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i].folded == b[j].folded) {
      flush();
      append(&out, b[j].written);
      ++i;
      ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      append(&added, b[j++].written);
    } else {
      append(&removed, a[i++].written);
    }
  }
  flush();
  return out;
}

bool SameSpeaker(const std::string& a, const std::string& b) {
  // Each name's folded last word and that word's phonetic key, kept per
  // thread (a story compares the same few speakers many times); emptied
  // when it reaches kMaxNames names.
  struct Last {
    std::string word, key;
  };
  constexpr size_t kMaxNames = 4096;
  thread_local std::unordered_map<std::string, Last> memo;
  if (memo.size() + 2 > kMaxNames) memo.clear();
  auto last = [&](const std::string& name) -> const Last& {
    auto [it, fresh] = memo.try_emplace(name);
    if (fresh) {
      std::string folded = FoldForMatch(name);
      size_t space = folded.rfind(' ');
      it->second.word = space == std::string::npos ? folded : folded.substr(space + 1);
      it->second.key = PhoneticKey(it->second.word);
    }
    return it->second;
  };
  const Last& la = last(a);
  const Last& lb = last(b);
  if (la.word.empty() || lb.word.empty()) return false;
  if (la.word == lb.word) return true;
  if (std::min(la.word.size(), lb.word.size()) < 5) return false;
  return KeySimilarity(la.key, lb.key) >= 0.6f;
}

}  // namespace rashomon
