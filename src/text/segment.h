// Sentence splitting and datelines.
//
// Sentences end at . ! ? … (with any closing quotes or brackets after them)
// when followed by a space and something that can start a sentence. Not
// ends: abbreviations (Gen., Jan. 5, Mr.), initials (George W. Bush), dotted
// acronyms followed by a name (U.S. Navy), decimals, and a closing quote
// followed by a lower-case attribution ("Why now?" he asked). Pure and
// thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace rashomon {

struct SentenceSpan {
  uint32_t begin;  // byte offsets relative to the paragraph given
  uint32_t end;
};

struct SegmentOptions {
  // Sentences longer than this are cut at a space: bounds the cost of
  // per-sentence analysis on text with no punctuation.
  uint32_t max_sentence_bytes = 3000;
};

std::vector<SentenceSpan> SplitSentences(std::string_view paragraph,
                                         const SegmentOptions& options = {});

// Length of a dateline at the start of a lede ("TEHRAN, Iran – ", "SHARJAH — ",
// "OMAN: ", "LONDON (Reuters) - "), or 0 if none. *place receives the place.
size_t DatelineLength(std::string_view paragraph, std::string_view* place);

}  // namespace rashomon
