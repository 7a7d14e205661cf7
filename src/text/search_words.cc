#include "text/search_words.h"

#include "base/utf8.h"
#include "text/normalize.h"

namespace rashomon {
namespace internal {

size_t NextSearchWord(std::string_view text, size_t pos, std::string* word) {
  word->clear();
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      const bool alnum = (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
      if (!alnum) {
        ++pos;
        if (!word->empty()) return pos;
        continue;
      }
      word->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++pos;
      continue;
    }
    char32_t cp = 0;
    const size_t len = DecodeUtf8(text, pos, &cp);
    // A combining mark continues a word but does not start one.
    const bool in_word = IsLetter(cp) || IsDigitChar(cp) || (!word->empty() && IsWordContinuation(cp));
    if (!in_word) {
      pos += len;
      if (!word->empty()) return pos;
      continue;
    }
    AppendFolded(cp, word);
    pos += len;
  }
  return pos;
}

}  // namespace internal

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> out;
  ForEachSearchWord(text, [&out](std::string_view w) { out.emplace_back(w); });
  return out;
}

}  // namespace rashomon
