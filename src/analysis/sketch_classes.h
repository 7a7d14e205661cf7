// Statements whose sentence sketches are equal (a sentence copied word for
// word by another outlet, or repeated inside one article) and a story's
// memo of matcher results by pair of such sketch classes: a copied sentence
// is compared with a third article's once, whichever copy asks. The memo
// returns exactly what Containment and PairScore return (both are pure
// functions of the two sketches and the idf table). Internal to the
// analysis (facts.cc uses it).
//
// Not thread-safe: one memo per story, used by one thread.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/align.h"

namespace rashomon::internal {

// Whether a and b are equal in every field of SentenceSketch (so every
// comparison of either with a third sketch gives the same result).
bool SameSketch(const SentenceSketch& a, const SentenceSketch& b);

// A class id per sketch, numbered 0, 1, ... in order of first appearance:
// equal ids exactly for equal sketches (SameSketch).
std::vector<uint32_t> SketchClasses(const std::vector<const SentenceSketch*>& sketches);

// Containments and match scores of pairs of sketch classes, each computed
// once per story. The score is kept for the pair in one orientation: every
// feature of the matcher is symmetric, so PairScore(x, y, ab, ba) equals
// PairScore(y, x, ba, ab).
class ClassPairMemo {
 public:
  explicit ClassPairMemo(const IdfTable& idf) : idf_(&idf) {}

  // {Containment(x, y), Containment(y, x)} for x of class cx and y of class cy.
  std::pair<float, float> Inside(uint32_t cx, const SentenceSketch& x, uint32_t cy, const SentenceSketch& y);
  // PairScore(x, y, idf, ab, ba), where {ab, ba} = Inside(cx, x, cy, y).
  float Score(uint32_t cx, const SentenceSketch& x, uint32_t cy, const SentenceSketch& y, float ab, float ba);

  size_t size() const { return used_; }

 private:
  struct Cell {
    uint64_t key = 0;  // (lower class + 1) << 32 | (higher class + 1); 0 when empty
    float lo_hi = 0;   // Containment(lower's sketch, higher's)
    float hi_lo = 0;
    float score = 0;
    bool has_score = false;
  };
  // The cell of the pair, inserted (containments computed) if new.
  Cell& Find(uint32_t cx, const SentenceSketch& x, uint32_t cy, const SentenceSketch& y);
  void Grow();
  // A key's first cell: the top bits of its Fibonacci hash, which depend on
  // every bit of the key (both classes).
  size_t Home(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_); }

  const IdfTable* idf_;
  std::vector<Cell> cells_;
  int shift_ = 64;
  size_t used_ = 0;
};

}  // namespace rashomon::internal
