#include "sketch/dedup.h"

#include <algorithm>
#include <numeric>

#include "base/parallel.h"

namespace rashomon {
namespace {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  // The smaller index stays root, so a group's root is its first member.
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (a < b) parent_[b] = a; else parent_[a] = b;
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace

std::vector<Signature> SignAll(const std::vector<std::string_view>& texts, const ShingleOptions& shingle,
                               const MinHashOptions& minhash, int threads) {
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

std::vector<DedupGroup> FindNearDuplicates(const std::vector<std::string_view>& texts,
                                           const DedupOptions& options) {
  MinHashOptions minhash = options.minhash;
  LshOptions lsh = options.lsh;
  lsh.num_values = minhash.num_values;
  std::vector<Signature> signatures = SignAll(texts, options.shingle, minhash, options.threads);

  LshIndex index(lsh);
  index.Reserve(texts.size());
  UnionFind groups(texts.size());
  std::vector<LshIndex::Match> matches;
  for (size_t i = 0; i < signatures.size(); ++i) {
    index.Query(signatures[i], &matches);
    for (const LshIndex::Match& m : matches) groups.Union(m.id, static_cast<uint32_t>(i));
    index.Insert(signatures[i]);
  }

  std::vector<std::vector<uint32_t>> members(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) members[groups.Find(static_cast<uint32_t>(i))].push_back(static_cast<uint32_t>(i));
  std::vector<DedupGroup> out;
  for (size_t root = 0; root < members.size(); ++root) {
    if (members[root].size() < 2) continue;
    DedupGroup g;
    for (uint32_t m : members[root]) {
      // Full 32-bit signatures are at hand here, so report the exact MinHash estimate.
      g.members.push_back({m, m == root ? 1.0 : EstimateJaccard(signatures[root], signatures[m])});
    }
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace rashomon
