// Slot conflicts: two statements of one fact unit laid word against word.
//
// Outlets that reword a claim keep most of its words in order; where the
// two statements still differ between words both share (the alignment's
// anchors), the difference fills one slot of the claim in two ways. A slot
// difference is a conflict when it is one of:
//   number   - values that differ once written forms are normalised
//              ("14" vs "12"; not "$4bn" vs "$4 billion");
//   date     - one weekday for another, or another day after a month;
//   polarity - a negator on one side only, between shared words ("was not
//              acting" vs "was acting"), or a word against its opposite;
//   role     - capitalised title words before the same name ("Attorney
//              General Jane Roe" vs "Attorney Mayor Jane Roe");
//   name     - one capitalised word respelt ("Okonjo" vs "Okonju");
//   quote    - different words inside quotation marks on both sides; each
//              claim quotes that outlet's own passage exactly.
// Other differences (synonyms outside quotes, reordered or dropped
// phrases) are paraphrase. Statements are compared only when most of the
// shorter one's words align in order (confidence before any conflict), and
// a slot needs shared words next to it. Contractions compare as their full
// forms ("didn't" = "did not").
//
// Owned by the facts stage (facts.cc calls it per fact unit). Pure
// functions over borrowed Documents; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/fact_conflicts.h"
#include "report/model.h"
#include "text/document.h"

namespace rashomon {

// 1 for each token of `doc` inside quotation marks (a quote may run over
// several sentences and paragraphs), parallel to doc.tokens.
std::vector<uint8_t> QuotedTokens(const Document& doc);

// One statement as a word sequence for slot comparison.
struct SlotWords {
  std::vector<std::string> words;  // folded; contractions split ("did", "not")
  std::vector<uint32_t> token;     // doc token of each word
  std::vector<uint8_t> quoted;     // inside quotation marks
};
SlotWords WordsForSlots(const Document& doc, const Sentence& s, const std::vector<uint8_t>& quoted);

// A stretch where two word sequences differ between aligned words:
// a[a_begin, a_end) against b[b_begin, b_end) (either may be empty).
struct SlotDiff {
  uint32_t a_begin = 0, a_end = 0, b_begin = 0, b_end = 0;
  bool left = false, right = false;  // an aligned word on that side of it
};
// The differences of b against a, and how many words align; empty when
// fewer than `min_share` of the shorter sequence's words align.
std::vector<SlotDiff> DiffWords(const SlotWords& a, const SlotWords& b, float min_share, int* aligned = nullptr);

// Slot conflicts among the statements of one fact unit, appended to *out
// unless an earlier conflict of the kind already sets the same articles
// against each other. `quoted` maps each document to its QuotedTokens.
// `subject` names the unit for kinds that have no subject of their own.
void AddSlotConflicts(const std::vector<UnitStatement>& members, const std::string& subject,
                      const std::unordered_map<const Document*, std::vector<uint8_t>>& quoted,
                      std::vector<report::Conflict>* out);

// Appends each of `more` unless a conflict of its kind in *out already sets
// two of its articles against each other (the same difference found twice).
void AppendNewConflicts(std::vector<report::Conflict> more, std::vector<report::Conflict>* out);

// Keeps the conflicts in which outlets disagree: after setting aside the
// articles that state more than one of a conflict's values (they hold both
// compatible), at least two values must keep an article.
void KeepDisagreements(std::vector<report::Conflict>* conflicts);

}  // namespace rashomon
