#include "pipeline/dedup_paths.h"

#include <algorithm>
#include <future>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "ingest/parallel.h"

namespace rashomon {
namespace {

// Signs the records of one unit of input as they are parsed, on a worker:
// the text is read where the parser left it, never copied.
class SignUnit : public RefUnitWork {
 public:
  SignUnit(const ShingleOptions& shingle, const MinHasher& hasher) : shingler_(shingle), hasher_(hasher) {}
  void Record(size_t slot, const ArticleRef& a) override {
    if (signatures.size() <= slot) signatures.resize(slot + 1);
    shingler_.Sign(a.text.empty() ? a.title : a.text, hasher_, &signatures[slot]);
  }
  std::vector<Signature> signatures;  // by slot

 private:
  Shingler shingler_;
  const MinHasher& hasher_;
};

constexpr size_t kBatchArticles = 4096;

}  // namespace

DedupPathsResult DedupPaths(const std::vector<std::string>& paths, const DedupOptions& options,
                            Diagnostics& diag) {
  DedupPathsResult result;
  DedupStream stream(options);
  const MinHasher hasher(options.minhash);
  std::unordered_map<std::string, uint64_t> content_of;  // id -> hash of title and text
  std::unordered_map<std::string, int> next_suffix;       // id -> the next n to try for "id#n"
  // Signatures are indexed, a batch at a time, on a thread of their own
  // while the next batch is read (unless options.threads == 1).
  std::vector<Signature> batch, in_flight;
  std::future<void> pending;
  const bool overlap = options.threads != 1;
  auto flush = [&] {
    if (pending.valid()) pending.get();
    std::swap(in_flight, batch);
    batch.clear();
    if (in_flight.empty()) return;
    if (overlap) {
      pending = std::async(std::launch::async, [&stream, &in_flight] { stream.AddSignatures(in_flight); });
    } else {
      stream.AddSignatures(in_flight);
    }
  };
  auto accept = [&](RefUnitWork& work, const ParallelRecord& a) {
    // Same rules as ArticleCollector.
    auto [it, inserted] = content_of.emplace(a.id, a.content);
    std::string id(a.id);
    if (!inserted) {
      const std::string origin(a.origin);
      if (it->second == a.content) {
        diag.RepeatedWarning("articles already read", origin, "article '" + id + "' already read; skipped",
                             a.origin_line);
        return;
      }
      int& next = next_suffix[id];  // as ArticleCollector: no rescan from #2
      for (int n = std::max(next, 2);; ++n) {
        std::string renamed = id + "#" + std::to_string(n);
        if (content_of.emplace(renamed, a.content).second) {
          next = n + 1;
          diag.RepeatedWarning("duplicate ids", origin,
                               "duplicate article id '" + id + "' renamed '" + renamed + "'", a.origin_line);
          id = std::move(renamed);
          break;
        }
      }
    }
    result.ids.push_back(std::move(id));
    batch.push_back(std::move(static_cast<SignUnit&>(work).signatures[a.slot]));
    if (batch.size() >= kBatchArticles) flush();
  };
  ParallelReadOptions parallel;
  parallel.threads = options.threads;
  parallel.chunk_bytes = options.read_chunk_bytes;
  IngestPathsParallel(
      paths, IngestOptions{}, parallel, diag,
      [&] { return std::make_unique<SignUnit>(options.shingle, hasher); }, accept);
  flush();
  if (pending.valid()) pending.get();
  result.groups = stream.Groups();
  return result;
}

}  // namespace rashomon
