// Lockstep rewordings (see lockstep.h and FindLockstep in facts.h).
#include "analysis/lockstep.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "analysis/align.h"

namespace rashomon {

// Whether a token is an ordinary word for lockstep rewordings: a word, not
// capitalised mid-sentence (a name), not a number.
bool OrdinaryWord(const Token& tok) {
  return tok.kind == TokenKind::kWord && !(tok.Is(token_flags::kCapitalized) && !tok.Is(token_flags::kSentenceStart));
}

// Appends the words of one statement to d's word arrays (DocSketch::word_*).
void AddStatementWords(const Document& doc, const Sentence& sent, DocSketch* d) {
  const size_t first = d->word_token.size();
  for (uint32_t t = sent.first_token; t < sent.token_end; ++t) {
    const Token& tok = doc.tokens[t];
    if (tok.kind == TokenKind::kPunct) continue;
    d->word_token.push_back(t);
    d->word_key.push_back(tok.key);
    d->word_ordinary.push_back(OrdinaryWord(tok));
  }
  const size_t n = d->word_token.size() - first;
  for (uint32_t i = 0; i < n; ++i) d->word_order.push_back(i);
  const uint64_t* key = d->word_key.data() + first;
  std::sort(d->word_order.end() - static_cast<std::ptrdiff_t>(n), d->word_order.end(),
            [key](uint32_t x, uint32_t y) { return key[x] != key[y] ? key[x] < key[y] : x < y; });
  d->word_start.push_back(static_cast<uint32_t>(d->word_token.size()));
}


// The stretches do not depend on min_swaps, only which of them count. Each
// offset of b against a is one diagonal; only the words
// equal on it matter, so the scan visits the equal pairs (found by a merge
// of both sides' sorted keys), diagonal by diagonal in ascending order,
// exactly as a walk over every cell would meet them.
//
// Only the first kLockstepWords words of each side take part: a longer
// "statement" is a segmentation accident (a page without full stops), and
// the equal pairs of two such would grow with the square of their length.

void ScanLocksteps(const LockstepWords& a, const LockstepWords& b, const std::array<int, 2>& min_swaps,
                   std::array<Lockstep, 2>* out) {
  std::array<Lockstep, 2>& best = *out;
  best = {};
  // Equal pairs as offset << 32 | i with offset = j - i + a_words, for one sort.
  thread_local std::vector<uint64_t> hits;
  hits.clear();
  const uint32_t* ka = a.order;
  const uint32_t* kb = b.order;
  const size_t na = static_cast<size_t>(a.n), nb = static_cast<size_t>(b.n);
  const auto a_words = static_cast<uint32_t>(std::min(a.n, kLockstepWords));
  const auto b_words = static_cast<uint32_t>(std::min(b.n, kLockstepWords));
  for (size_t x = 0, y = 0; x < na && y < nb;) {
    uint64_t kx = a.key[ka[x]], ky = b.key[kb[y]];
    if (kx < ky) {
      ++x;
    } else if (ky < kx) {
      ++y;
    } else {
      size_t x_end = x, y_end = y;
      while (x_end < na && a.key[ka[x_end]] == kx) ++x_end;
      while (y_end < nb && b.key[kb[y_end]] == kx) ++y_end;
      // Positions ascend inside a run of one key.
      for (size_t p = x; p < x_end && ka[p] < a_words; ++p) {
        for (size_t q = y; q < y_end && kb[q] < b_words; ++q) {
          const int64_t i = ka[p], j = kb[q];
          // Offsets run from 1 - a_words to b_words - 1: shift them to be non-negative.
          const auto off = static_cast<uint64_t>(j - i + a_words);
          hits.push_back(off << 32 | static_cast<uint64_t>(i));
        }
      }
      x = x_end;
      y = y_end;
    }
  }
  ThreadMatchWork().lockstep_pairs += hits.size();
  std::sort(hits.begin(), hits.end());
  int start = -1, last = -1, kept = 0, swaps = 0, off = 0;
  auto close = [&] {
    for (size_t k = 0; k < 2; ++k) {
      if (start >= 0 && swaps >= min_swaps[k] && kept > best[k].kept) {
        best[k].kept = kept;
        best[k].swaps = swaps;
        best[k].a_first = a.token[start];
        best[k].a_last = a.token[last];
        best[k].b_first = b.token[start + off];
        best[k].b_last = b.token[last + off];
      }
    }
    start = -1;
  };
  for (uint64_t h : hits) {
    const int o = static_cast<int>(h >> 32) - static_cast<int>(a_words);
    const int i = static_cast<int>(h & 0xffffffffu);
    if (start >= 0 && o != off) close();  // the diagonal ended
    off = o;
    if (start < 0) {
      start = i;
      kept = 0;
      swaps = 0;
    } else if (i - last > 3) {
      // Three unequal words in a row end the stretch.
      close();
      start = i;
      kept = 0;
      swaps = 0;
    } else if (i - last > 1) {
      ++swaps;
    }
    last = i;
    kept += a.ordinary[i];
  }
  close();
}

// The most ordinary words a lockstep of source statement sa onto derived
// statement sb can keep: each ordinary word of sa equal to some word of sb,
// counted no more often than sb has it.
int LockstepBound(const DocSketch& source, size_t sa, const DocSketch& derived, size_t sb) {
  const uint32_t fa = source.word_start[sa], fb = derived.word_start[sb];
  const uint32_t na = source.word_start[sa + 1] - fa, nb = derived.word_start[sb + 1] - fb;
  const uint32_t* xa = source.word_order.data() + fa;
  const uint32_t* xb = derived.word_order.data() + fb;
  const uint64_t* ka = source.word_key.data() + fa;
  const uint64_t* kb = derived.word_key.data() + fb;
  const uint8_t* oa = source.word_ordinary.data() + fa;
  int bound = 0;
  for (uint32_t x = 0, y = 0; x < na && y < nb;) {
    if (ka[xa[x]] < kb[xb[y]]) {
      ++x;
    } else if (kb[xb[y]] < ka[xa[x]]) {
      ++y;
    } else {
      bound += oa[xa[x]];
      ++x;
      ++y;
    }
  }
  return bound;
}

// The words of statement k of d, for ScanLocksteps.
LockstepWords StatementWords(const DocSketch& d, size_t k) {
  const uint32_t first = d.word_start[k];
  return {d.word_token.data() + first, d.word_key.data() + first, d.word_ordinary.data() + first,
          d.word_order.data() + first, static_cast<int>(d.word_start[k + 1] - first)};
}

namespace {

// FindLockstep for two values of min_swaps.
void FindLocksteps(const Document& a, const Sentence& sa, const Document& b, const Sentence& sb,
                   const std::array<int, 2>& min_swaps, std::array<Lockstep, 2>* out) {
  DocSketch da, db;
  da.word_start.push_back(0);
  db.word_start.push_back(0);
  AddStatementWords(a, sa, &da);
  AddStatementWords(b, sb, &db);
  ScanLocksteps(StatementWords(da, 0), StatementWords(db, 0), min_swaps, out);
}


}  // namespace

Lockstep FindLockstep(const Document& a, const Sentence& sa, const Document& b, const Sentence& sb, int min_swaps) {
  std::array<Lockstep, 2> out;
  FindLocksteps(a, sa, b, sb, {min_swaps, min_swaps}, &out);
  return out[0];
}


}  // namespace rashomon
