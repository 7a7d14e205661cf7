#include "sketch/dedup.h"

#include <algorithm>
#include <cstdint>

#include "base/parallel.h"

namespace rashomon {
std::vector<Signature> SignAll(const std::vector<std::string_view>& texts,
                               const ShingleOptions& shingle, const MinHashOptions& minhash,
                               int threads) {
  std::vector<Signature> out(texts.size());
  const MinHasher hasher(minhash);
  constexpr size_t kChunk = 256;  // texts per task: one Shingler and buffer per chunk
  const size_t chunks = (texts.size() + kChunk - 1) / kChunk;
  ParallelFor(
      chunks,
      [&](size_t c) {
        Shingler shingler(shingle);
        std::vector<uint64_t> hashes;
        const size_t end = std::min(texts.size(), (c + 1) * kChunk);
        for (size_t i = c * kChunk; i < end; ++i) {
          shingler.ShingleHashes(texts[i], &hashes);
          hasher.Sign(hashes, &out[i]);
        }
      },
      threads);
  return out;
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

uint32_t DedupStream::Find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];  // path halving
    x = parent_[x];
  }
  return x;
}

// The smaller index stays root, so a group's root is its first member.
void DedupStream::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  if (a < b) {
    parent_[b] = a;
  } else {
    parent_[a] = b;
  }
}

void DedupStream::AddBatch(const std::vector<std::string_view>& texts) {
  signatures_ = SignAll(texts, options_.shingle, options_.minhash, options_.threads);
  for (const Signature& sig : signatures_) {
    const uint32_t id = static_cast<uint32_t>(index_.size());
    parent_.push_back(id);
    index_.Query(sig, &matches_);
    for (const LshIndex::Match& m : matches_) {
      Union(m.id, id);
      if (options_.keep_pairs) pairs_.emplace_back(m.id, id);
    }
    index_.Insert(sig);
  }
}

std::vector<DedupGroup> DedupStream::Groups() {
  const size_t n = parent_.size();
  // Count members per root, then lay groups out in root order.
  std::vector<uint32_t> count(n, 0);
  for (uint32_t i = 0; i < n; ++i) ++count[Find(i)];
  std::vector<DedupGroup> out;
  std::vector<uint32_t> slot(n, UINT32_MAX);
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t root = Find(i);
    if (count[root] < 2) continue;
    if (slot[root] == UINT32_MAX) {
      slot[root] = static_cast<uint32_t>(out.size());
      out.emplace_back();
      out.back().members.reserve(count[root]);
    }
    out[slot[root]].members.push_back({i, i == root ? 1.0 : index_.Similarity(root, i)});
  }
  return out;
}

size_t DedupStream::MemoryBytes() const {
  return index_.MemoryBytes() + parent_.capacity() * sizeof(uint32_t);
}

std::vector<DedupGroup> FindNearDuplicates(const std::vector<std::string_view>& texts,
                                           const DedupOptions& options) {
  DedupStream stream(options);
  stream.AddBatch(texts);
  return stream.Groups();
}

}  // namespace rashomon
