#include "sketch/dedup.h"

#include <algorithm>
#include <cstdint>

#include "base/memory.h"
#include "base/parallel.h"

namespace rashomon {
std::vector<Signature> SignAll(const std::vector<std::string_view>& texts,
                               const ShingleOptions& shingle, const MinHashOptions& minhash,
                               int threads) {
  std::vector<Signature> out;
  SignAllInto(texts, shingle, minhash, threads, &out);
  return out;
}

void SignAllInto(const std::vector<std::string_view>& texts, const ShingleOptions& shingle,
                 const MinHashOptions& minhash, int threads, std::vector<Signature>* out) {
  // Resizing keeps the signatures already there, and Shingler::Sign refills
  // each in place: a stream of batches allocates no signature after the first.
  out->resize(texts.size());
  Signature* const sigs = out->data();
  const MinHasher hasher(minhash);
  constexpr size_t kChunk = 256;  // texts per task: one Shingler per chunk
  const size_t chunks = (texts.size() + kChunk - 1) / kChunk;
  ParallelFor(
      chunks,
      [&](size_t c) {
        Shingler shingler(shingle);
        const size_t end = std::min(texts.size(), (c + 1) * kChunk);
        for (size_t i = c * kChunk; i < end; ++i) shingler.Sign(texts[i], hasher, &sigs[i]);
      },
      threads);
}

namespace {

LshOptions IndexOptions(const DedupOptions& o) {
  LshOptions lsh = o.lsh;
  lsh.num_values = o.minhash.num_values;
  return lsh;
}

}  // namespace

DedupStream::DedupStream(const DedupOptions& options)
    : options_(options), index_(IndexOptions(options)) {}

namespace {
constexpr uint32_t kNone = UINT32_MAX;
}  // namespace

double DedupStream::MeanSimilarity(uint32_t id, uint32_t first) const {
  double total = 0;
  size_t checked = 0;
  for (uint32_t m = first; m != kNone && checked < kMaxMembersChecked; m = next_[m], ++checked) {
    total += index_.Similarity(id, m);
  }
  return checked ? total / static_cast<double>(checked) : 0.0;
}

void DedupStream::Reserve(size_t count) {
  index_.Reserve(count);
  ReserveAdvised(first_, count);
  ReserveAdvised(next_, count);
}

void DedupStream::AddBatch(const std::vector<std::string_view>& texts) {
  SignAllInto(texts, options_.shingle, options_.minhash, options_.threads, &signatures_);
  AddSignatures(signatures_);
}

void DedupStream::AddSignatures(const std::vector<Signature>& signatures) {
  // The same hair of slack as LshIndex::Query: an estimate of exactly the
  // threshold is not lost to the fingerprint bias correction.
  const double threshold = options_.lsh.threshold - 1e-4;
  for (const Signature& sig : signatures) {
    // The text is in the index from here on (its own id is never among
    // its matches), so similarities to it come from stored fingerprints.
    const uint32_t id = index_.QueryInsert(sig, &matches_);
    first_.push_back(id);
    next_.push_back(kNone);
    candidates_.clear();
    for (const LshIndex::Match& m : matches_) {
      if (options_.keep_pairs) pairs_.emplace_back(m.id, id);
      const uint32_t f = first_[m.id];
      candidates_.emplace_back(f == m.id ? m.similarity : index_.Similarity(id, f), f);
    }
    std::sort(candidates_.begin(), candidates_.end(),
              [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    uint32_t tried = kNone;
    for (const auto& [similarity, f] : candidates_) {
      if (similarity < threshold) break;
      if (f == tried) continue;
      tried = f;
      if (MeanSimilarity(id, f) >= threshold - options_.member_slack) {
        first_[id] = f;
        next_[id] = next_[f];  // right after the first member: the newest are checked first
        next_[f] = id;
        break;
      }
    }
  }
}

std::vector<DedupGroup> DedupStream::Groups() {
  std::vector<DedupGroup> out;
  const size_t n = first_.size();
  for (uint32_t i = 0; i < n; ++i) {
    if (first_[i] != i || next_[i] == kNone) continue;  // not a first member, or alone
    DedupGroup g;
    for (uint32_t m = i; m != kNone; m = next_[m]) {
      g.members.push_back({m, m == i ? 1.0 : index_.Similarity(i, m)});
    }
    std::sort(g.members.begin(), g.members.end(),
              [](const DedupMember& a, const DedupMember& b) { return a.index < b.index; });
    out.push_back(std::move(g));
  }
  return out;
}

size_t DedupStream::MemoryBytes() const {
  return index_.MemoryBytes() + (first_.capacity() + next_.capacity()) * sizeof(uint32_t);
}

std::vector<DedupGroup> FindNearDuplicates(const std::vector<std::string_view>& texts,
                                           const DedupOptions& options) {
  DedupStream stream(options);
  stream.AddBatch(texts);
  return stream.Groups();
}

}  // namespace rashomon
