// Lockstep rewordings for provenance (ProvenanceOptions::lockstep_*): the
// words of each statement kept once per article in a DocSketch, a bound on
// what a lockstep of two statements can keep, and the scan itself. Internal
// to the analysis library (facts.cc); FindLockstep in facts.h is the public
// form.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "analysis/facts.h"

namespace rashomon {

// Whether a token is an ordinary word for lockstep rewordings: a word, not
// capitalised mid-sentence (a name), not a number.
bool OrdinaryWord(const Token& tok);

// Appends the words of one statement to d's word arrays (DocSketch::word_*).
void AddStatementWords(const Document& doc, const Sentence& sent, DocSketch* d);

// The words of one side of a lockstep scan.
struct LockstepWords {
  const uint32_t* token;
  const uint64_t* key;
  const uint8_t* ordinary;
  const uint32_t* order;  // positions 0..n-1 sorted by key, then position
  int n;
};

// The words of statement k of d.
LockstepWords StatementWords(const DocSketch& d, size_t k);

// The most ordinary words a lockstep of statement sa of source onto
// statement sb of derived can keep.
int LockstepBound(const DocSketch& source, size_t sa, const DocSketch& derived, size_t sb);

// FindLockstep for two values of min_swaps in one pass: out[k] is the
// answer for min_swaps[k]. Reads the first kLockstepWords words of each side.
inline constexpr int kLockstepWords = 160;
void ScanLocksteps(const LockstepWords& a, const LockstepWords& b, const std::array<int, 2>& min_swaps,
                   std::array<Lockstep, 2>* out);

}  // namespace rashomon
