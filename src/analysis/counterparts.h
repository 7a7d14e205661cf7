// Counterparts: does another article state this claim at all, even in part
// or inside a sentence about something else? A looser question than
// alignment (align.h, clause_align.h), asked of statements no other article
// matches: for "what each outlet adds" (a claim another outlet states in
// part is no addition) and for facts shared in part (report::Fact::partial).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/align.h"
#include "analysis/clause_align.h"
#include "text/document.h"

namespace rashomon {

// A statement has a counterpart when most of it (`whole`, idf-weighted,
// synonyms counting) or most of one of its clauses (`clause`) is found in
// one statement of another article, at least `shared` stems in common (not
// counting the frame of a report: "said", "officials", weekdays). A
// claim another outlet states in part, or inside a longer sentence, is not
// an addition even when the two are too far apart to be one fact.
struct CounterpartOptions {
  float whole = 0.35f;
  float clause = 0.5f;
  size_t shared = 3;
  size_t min_stems = 4;  // pieces with fewer stems are not tested
  // Find every counterpart (false: stop at the first piece that has one).
  bool every = false;
  // Stop at the first counterpart found: the caller only asks whether an
  // item has one (its list then holds at most one, not the best).
  bool first = false;
  // Only items with `split` set are candidates.
  bool split_only = false;
  // When above 0 and the whole statement is not held: it has a counterpart
  // only when the clauses held carry at least this share of its clauses'
  // idf weight. A sentence that frames a new claim with a shared one ("The
  // ferry that capsized on Tuesday, killing 16, was sailing with an expired
  // certificate") still adds its new claim. 0: any clause held is enough.
  float cover = 0;
};

// For each item with `split` set, its counterparts among the statements of
// other articles, best first: the item and how much of the statement or
// clause it holds. Candidates come from an inverted index over each
// piece's rarest stems, so the work stays linear in the statements.
struct Counterpart {
  uint32_t item = 0;
  float held = 0;
  // The piece of the asking item held: its whole statement or one clause,
  // as a token range of its document.
  uint32_t first_token = 0, token_end = 0;
};
// The cover "what each outlet adds" asks for: a statement whose held
// clauses carry less than half of it still adds the rest.
inline constexpr float kAddedCover = 0.5f;

std::vector<std::vector<Counterpart>> FindCounterparts(const std::vector<ClauseItem>& items, const IdfTable& idf,
                                                       const CounterpartOptions& options = {});

// Pairs (a < b) of items, both with `split` set, of which one holds the
// other or one of its clauses at the options' bars, with how much it holds
// and the piece held: a token range of item `part`'s document (`part` is
// a or b), the words both state.
struct AnchoredPair {
  uint32_t a = 0, b = 0;
  float held = 0;
  uint32_t part = 0;
  uint32_t first_token = 0, token_end = 0;
};
std::vector<AnchoredPair> AnchoredPairs(const std::vector<ClauseItem>& items, const IdfTable& idf,
                                        CounterpartOptions options);

// Hashes of the pairs of adjacent quoted words of a sentence ("very good"),
// case and accents folded, sorted and unique; `quoted` flags the document's
// tokens inside quotation marks (slot_conflicts.h, QuotedTokens). Two
// articles quoting the same words report the same thing said, however each
// frames it.
std::vector<uint64_t> QuotedPairs(const Document& doc, const Sentence& s, const std::vector<uint8_t>& quoted);

}  // namespace rashomon
