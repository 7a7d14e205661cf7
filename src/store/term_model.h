// The TF-IDF term model of an ingest process over the store's statistics,
// and term bags as the store keeps them on disk.
//
// TermModel gives each term met a dense id (in the order first met, as
// TfIdf numbers its vocabulary), keeps its document frequency (read once
// from the database through a callback, then kept up to date by the
// ingest) and its idf, so a stored article's term bag becomes a TF-IDF
// vector bit for bit as TfIdf::Transform makes it from the same
// statistics. Term ids depend on the order terms are first met, so callers
// that must reproduce a result reproduce that order.
//
// Thread safety: none; one ingest (under the store's writer lock) uses it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sketch/term_vector.h"

namespace rashomon::store {

// Term bags on disk: (u64 key, f32 weight) pairs, little-endian as in memory
// on every machine we build for.
std::string PackBag(const TermBag& bag);
// Calls f(key, weight) for each pair of a bag as PackBag stores it.
template <typename F>
void ForEachPackedTerm(std::string_view blob, F&& f) {
  for (size_t at = 0; at + 12 <= blob.size(); at += 12) {
    uint64_t key;
    float weight;
    std::memcpy(&key, blob.data() + at, 8);
    std::memcpy(&weight, blob.data() + at + 8, 4);
    f(key, weight);
  }
}

// A term bag in the ids of a TermModel: ids ascending, each with its
// sublinear term frequency (1 + ln tf, or tf itself below 1), so turning it
// into a TF-IDF vector needs neither a sort, a hash lookup nor a logarithm.
struct InternedBag {
  std::vector<uint32_t> ids;
  std::vector<float> tf;
};

// The TF-IDF model over the stored statistics; idfs are recomputed only
// when the document count or the term's frequency moved since.
class TermModel {
 public:
  explicit TermModel(float background_docs) : formula_(background_docs) {}

  // The term's id, or -1 when it has none yet.
  int64_t Find(uint64_t key) const {
    const uint32_t slot = ids_.empty() ? 0 : ids_[Slot(key)];
    return slot == 0 ? int64_t{-1} : static_cast<int64_t>(slot - 1);
  }
  // The term's id; a new term gets the next one with document frequency
  // `df_of(key)`.
  template <typename DfOf>
  uint32_t Id(uint64_t key, DfOf&& df_of) {
    if (ids_.empty()) Rehash(1024);
    size_t at = Slot(key);
    if (ids_[at] != 0) return ids_[at] - 1;
    const auto id = static_cast<uint32_t>(df_.size());
    keys_.push_back(key);
    df_.push_back(df_of(key));
    idf_.push_back(0);
    stamp_.push_back(0);
    ids_[at] = id + 1;
    if (2 * df_.size() > ids_.size()) Rehash(2 * ids_.size());
    return id;
  }
  void AddDocumentFrequency(uint32_t id, uint32_t count) {
    df_[id] += count;
    stamp_[id] = 0;
  }
  uint32_t DocumentFrequency(uint32_t id) const { return df_[id]; }
  void SetDocuments(uint32_t documents) {
    if (documents == formula_.documents()) return;
    formula_.SetDocuments(documents);
    ++epoch_;
  }
  float Idf(uint32_t id) {
    if (stamp_[id] != epoch_) {
      idf_[id] = formula_.Idf(df_[id]);
      stamp_[id] = epoch_;
    }
    return idf_[id];
  }
  template <typename DfOf>
  InternedBag Intern(const TermBag& bag, DfOf&& df_of) {
    entries_.clear();
    for (const auto& [key, tf] : bag.terms) Add(key, tf, df_of);
    return Sorted();
  }
  // The same for a bag as PackBag stores it, read in place.
  template <typename DfOf>
  InternedBag InternPacked(std::string_view blob, DfOf&& df_of) {
    entries_.clear();
    ForEachPackedTerm(blob, [&](uint64_t key, float tf) { Add(key, tf, df_of); });
    return Sorted();
  }
  // As TfIdf::Transform: tf times idf, L2-normalised.
  SparseVector Transform(const InternedBag& bag);

 private:
  template <typename DfOf>
  void Add(uint64_t key, float tf, DfOf&& df_of) {
    const uint32_t id = Id(key, df_of);
    if (tf > 0) entries_.emplace_back(id, SublinearTf(tf));
  }
  // entries_ as a bag in id order.
  InternedBag Sorted();

  // The slot of `key` in ids_: where it is, or the empty slot where it
  // goes. Linear probing from the key's Fibonacci hash (term keys are hashes
  // already; the multiply guards against keys that vary in their high bits
  // only).
  size_t Slot(uint64_t key) const {
    const size_t mask = ids_.size() - 1;
    size_t at = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
    while (ids_[at] != 0 && keys_[ids_[at] - 1] != key) at = (at + 1) & mask;
    return at;
  }
  void Rehash(size_t slots);

  TfIdf formula_;  // for its Idf() only; its vocabulary stays empty
  // An open-addressing table from term key to id: ids_ (a power of two
  // slots, at most half full) holds id + 1, 0 for an empty slot, and
  // keys_[id] the key of each id. One flat array instead of a node per
  // term: the lookups were a tenth of the ingest's CPU, most of it cache
  // misses.
  std::vector<uint32_t> ids_;
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> df_;
  std::vector<float> idf_;
  std::vector<uint32_t> stamp_;  // epoch_ of idf_; 0 = to recompute
  std::vector<std::pair<uint32_t, float>>
      entries_;  // Intern's buffer, kept to spare its allocation
  uint32_t epoch_ = 1;
};

}  // namespace rashomon::store
