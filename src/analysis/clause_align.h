// Clause-level alignment: outlets that reword a claim often keep one clause
// of a sentence and wrap it in another ("Despite calling the meeting
// 'very good', X signed..." / "X said the talks were 'very good', but...").
// Statements no other article matches as a whole are cut at clause
// boundaries (semicolons, colons, dashes, and commas before a conjunction,
// relative or subordinating word, or after a fronted subordinate phrase),
// and each clause is matched with the sentence matcher against the
// statements and clauses of other articles. Candidates come from an
// inverted index over each clause's rarest stems, so the work stays linear
// in the number of statements. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/align.h"
#include "text/document.h"

namespace rashomon {

// Token ranges [first, end) of the clauses of `s` with at least
// `min_words` words; empty when the sentence is one clause.
std::vector<std::pair<uint32_t, uint32_t>> SplitClauses(const Document& doc, const Sentence& s, int min_words = 5);

struct ClauseItem {
  const Document* doc = nullptr;
  uint32_t article = 0;           // index of the article in the story
  const Sentence* sentence = nullptr;
  const SentenceSketch* sketch = nullptr;  // of the whole statement, weighed
  bool split = false;             // cut this statement into clauses
};

struct ClausePair {
  float score = 0;
  uint32_t a = 0, b = 0;  // indices into the items
};

// Items of different articles of which a clause of one (split) states what
// the other or one of its clauses states: best score per pair of items.
std::vector<ClausePair> AlignClauses(const std::vector<ClauseItem>& items, const IdfTable& idf, float threshold);

}  // namespace rashomon
