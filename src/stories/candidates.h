// Bounded candidate pairs for batch story clustering: the batch counterpart
// of the store's term index (store/indexed_neighbours.h).
//
// Each item is indexed under its index_terms strongest terms (largest
// TF-IDF weights). An item's candidates are the items sharing one of those
// terms, scored by the sum over the shared index terms of the product of the
// two weights (the part of their dot product those terms carry); the
// max_candidates best are kept. A term whose list holds more than
// postings_per_term items contributes only the postings_per_term items
// nearest to the item in the list's order (publication time, then input
// order: the store's "most recent"), so the work per item is at most
// index_terms * postings_per_term postings read plus max_candidates kept,
// whatever the corpus size. A term shared by very many items (wire
// boilerplate, stock phrases) is read only in that window and adds little
// to the score (its weight is low), so it cannot fill the candidate lists.
//
// Thread safety: FindCandidates is a pure function; it runs on `threads`
// threads.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sketch/term_vector.h"

namespace rashomon {

struct CandidateOptions {
  int index_terms = 96;         // strongest terms of an item in the index
  int postings_per_term = 128;  // items read per index term of an item
  int max_candidates = 64;      // candidates kept per item
  // Second hop: each of an item's second_hop best candidates adds its own
  // second_hop best (at most second_hop^2 more per item). 0: none.
  int second_hop = 8;
  int hop_rounds = 2;
  // A pair the hops reach becomes a candidate only at this dot product or
  // more (story members sit far above it; the many loose pairs a hop also
  // reaches would only cost similarity checks and graph edges).
  float hop_min_dot = 0.1f;
};

// Work done for one item (for tests of the bound and for benchmarks).
struct CandidateWork {
  uint64_t postings_read = 0;  // index entries visited
  uint64_t kept = 0;           // candidates kept
};

struct CandidateInput {
  const SparseVector* vector = nullptr;
  std::optional<int64_t> published;  // orders the term lists; undated items last
};

// Per item, its candidates (other items' indices), ascending. `work`, when
// given, receives the work per item; `dot_products`, when given, the dot
// product of the item's vector with each of its candidates' (aligned with
// the candidates), as SparseVector::Dot gives it.
std::vector<std::vector<uint32_t>> FindCandidates(const std::vector<CandidateInput>& items,
                                                  const CandidateOptions& options, int threads = 0,
                                                  std::vector<CandidateWork>* work = nullptr,
                                                  std::vector<std::vector<float>>* dot_products = nullptr);

}  // namespace rashomon
