#include "pipeline/dedup_paths.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "ingest/parallel.h"
#include "pipeline/id_table.h"

namespace rashomon {
namespace {

// Signatures once indexed, handed back to be filled again: no allocation
// per article, and no fresh heap first touched for every batch.
// Thread-safe.
class SignaturePool {
 public:
  // A signature given back (its values to be overwritten), or a new one.
  Signature Take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) return {};
    Signature s = std::move(free_.back());
    free_.pop_back();
    return s;
  }
  // Takes the signatures of *used, which it leaves empty.
  void Give(std::vector<Signature>* used) {
    std::lock_guard<std::mutex> lock(mu_);
    for (Signature& s : *used) {
      if (s.capacity() != 0) free_.push_back(std::move(s));
    }
    used->clear();
  }

 private:
  std::mutex mu_;
  std::vector<Signature> free_;
};

// Signs the records of one unit of input as they are parsed, on a worker:
// the text is read where the parser left it, never copied.
class SignUnit : public RefUnitWork {
 public:
  SignUnit(const ShingleOptions& shingle, const MinHasher& hasher, SignaturePool& pool)
      : shingler_(shingle), hasher_(hasher), pool_(pool) {}
  void Record(size_t slot, const ArticleRef& a) override {
    if (signatures.size() <= slot) {
      signatures.resize(slot + 1);
      bytes.resize(slot + 1);
    }
    if (signatures[slot].capacity() == 0) signatures[slot] = pool_.Take();
    shingler_.Sign(a.text.empty() ? a.title : a.text, hasher_, &signatures[slot]);
    bytes[slot] = a.id.size() + a.title.size() + a.text.size();
  }
  std::vector<Signature> signatures;  // by slot
  std::vector<size_t> bytes;          // by slot: of the id, title and text

 private:
  Shingler shingler_;
  const MinHasher& hasher_;
  SignaturePool& pool_;
};

constexpr size_t kBatchArticles = 4096;

// Bytes of the input when every path is a regular file, else 0.
uint64_t InputBytes(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return 0;
    const uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) return 0;
    total += size;
  }
  return total;
}

// The articles a run will hold, from the input's size and the bytes per
// article of its first batch (with a JSON Lines record's keys and quotes),
// so that the index is sized once instead of grown by doubling; capped, as
// an estimate from a batch of short records can run high.
size_t EstimateArticles(uint64_t input_bytes, size_t articles, uint64_t article_bytes) {
  constexpr uint64_t kRecordOverhead = 48;
  constexpr uint64_t kMaxEstimate = uint64_t{1} << 26;
  if (input_bytes == 0 || articles == 0) return 0;
  const uint64_t per_article = article_bytes / articles + kRecordOverhead;
  return static_cast<size_t>(std::min(kMaxEstimate, input_bytes / per_article + articles));
}

}  // namespace

DedupPathsResult DedupPaths(const std::vector<std::string>& paths, const DedupOptions& options,
                            Diagnostics& diag) {
  DedupPathsResult result;
  DedupStream stream(options);
  const MinHasher hasher(options.minhash);
  SignaturePool signatures;
  IdTable content_of(result.ids);                      // id -> hash of title and text
  std::unordered_map<std::string, int> next_suffix;       // id -> the next n to try for "id#n"
  // Signatures are indexed, a batch at a time, on a thread of their own
  // while the next batch is read (unless options.threads == 1).
  std::vector<Signature> batch, in_flight;
  std::future<void> pending;
  const bool overlap = options.threads != 1;
  const uint64_t input_bytes = InputBytes(paths);
  uint64_t article_bytes = 0;  // of the first batch
  bool reserved = false;
  auto flush = [&] {
    if (pending.valid()) pending.get();
    if (!reserved && !batch.empty()) {
      const size_t estimate = EstimateArticles(input_bytes, batch.size(), article_bytes);
      stream.Reserve(estimate);
      // The id table and list sized once too (not rehashed, not copied as they grow).
      content_of.Reserve(estimate);
      result.ids.reserve(estimate);
      reserved = true;
    }
    std::swap(in_flight, batch);
    batch.clear();
    if (in_flight.empty()) return;
    if (overlap) {
      pending = std::async(std::launch::async, [&stream, &in_flight, &signatures] {
        stream.AddSignatures(in_flight);
        signatures.Give(&in_flight);
      });
    } else {
      stream.AddSignatures(in_flight);
      signatures.Give(&in_flight);
    }
  };
  auto accept = [&](RefUnitWork& work, const ParallelRecord& a) {
    // Same rules as ArticleCollector.
    auto [content, inserted] = content_of.Emplace(a.id, a.content);
    std::string id(a.id);
    if (!inserted) {
      const std::string origin(a.origin);
      if (*content == a.content) {
        diag.RepeatedWarning("articles already read", origin, "article '" + id + "' already read; skipped",
                             a.origin_line);
        return;
      }
      int& next = next_suffix[id];  // as ArticleCollector: no rescan from #2
      for (int n = std::max(next, 2);; ++n) {
        std::string renamed = id + "#" + std::to_string(n);
        if (content_of.Emplace(renamed, a.content).second) {
          next = n + 1;
          diag.RepeatedWarning("duplicate ids", origin,
                               "duplicate article id '" + id + "' renamed '" + renamed + "'", a.origin_line);
          id = std::move(renamed);
          break;
        }
      }
    }
    result.ids.push_back(std::move(id));
    auto& unit = static_cast<SignUnit&>(work);
    if (!reserved) article_bytes += unit.bytes[a.slot];
    batch.push_back(std::move(unit.signatures[a.slot]));
    if (batch.size() >= kBatchArticles) flush();
  };
  ParallelReadOptions parallel;
  parallel.threads = options.threads;
  parallel.chunk_bytes = options.read_chunk_bytes;
  IngestPathsParallel(
      paths, IngestOptions{}, parallel, diag,
      [&] { return std::make_unique<SignUnit>(options.shingle, hasher, signatures); }, accept);
  flush();
  if (pending.valid()) pending.get();
  result.groups = stream.Groups();
  return result;
}

}  // namespace rashomon
