// Fact units: statements of a story's articles aligned as one claim
// (whole statements by the sentence matcher, then clauses, then pairs that
// share a claim only in part). Internal to facts.cc, apart for size.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/facts.h"
#include "analysis/sketch_classes.h"
#include "base/union_find.h"
#include "text/document.h"

namespace rashomon::internal {

// Statement pairs whose idf-weighted overlap is this low in both directions
// cannot reach a match score worth computing.
inline constexpr float kQuickReject = 0.15f;

// A statement of the story: its article and its index in that article's
// DocSketch::statements.
struct StatementRef {
  uint32_t doc, index;
};

// Statements aligned as one claim, across articles.
struct Unit {
  std::vector<uint32_t> members;  // StatementRef indices, in statement order
  std::vector<uint32_t> docs;     // sorted unique
  float position = 0;             // earliest relative position in an article
  // Joined only by the anchored counterpart pass (AlignStatements): the
  // articles state one claim in part, too differently worded to compare
  // slot by slot, so the unit counts sources but yields no conflicts.
  bool loose = false;
  // Of a loose unit: every statement joined as a translation of another
  // (facts.cc, JoinTranslatedStatements), not in part.
  bool translated = false;
  // Of a loose unit: the words both articles state (a statement, or one
  // clause of it, as a token range of that statement's article).
  uint32_t piece_doc = 0;
  uint32_t piece_first = 0, piece_end = 0;
  // Of a unit that is not loose: members joined to it as the translation
  // of a member (facts.cc, JoinTranslatedStatements). They count as
  // sources but are neither its words nor compared word by word.
  std::vector<uint32_t> translations;
};

// A statement joined by the anchored counterpart pass, with the piece the
// pair shares.
struct LooseLink {
  bool loose = false;
  uint32_t doc = 0;  // of the piece
  uint32_t first_token = 0, token_end = 0;
  bool translated = false;  // joined as a translation of the other statement
};

// Joins statements of different articles that state the same claim; fills
// `loose` (per statement) for pairs joined only in part.
UnionFind AlignStatements(const std::vector<DocSketch>& sketches, const std::vector<StatementRef>& refs,
                          const IdfTable& idf, const FactOptions& fo, ClassPairMemo* memo,
                          std::vector<LooseLink>* loose);

// Fact units from the aligned statements: most articles first, then the
// earliest in their articles.
std::vector<Unit> GroupUnits(const std::vector<DocSketch>& sketches, const std::vector<StatementRef>& refs,
                             UnionFind* dsu, const std::vector<LooseLink>& loose);

// The text of a loose unit's piece (tokens [first, end) of `d`): the whole
// sentence when the range is all of it or a few words, else the clause cut
// out with "\u2026"; empty when the range holds no sentence of `d`.
std::string PieceText(const Document& d, uint32_t first, uint32_t end);

}  // namespace rashomon::internal
