#include "pipeline/dedup_paths.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
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
// Batches that may wait for the indexing thread (4 MiB of signatures each).
constexpr size_t kQueuedBatches = 8;

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

// Indexes batches of signatures, in the order given, on a thread of its
// own while the caller reads on. Up to max_queued batches wait: the
// indexing's slow moments (the first batch faults in the index's memory)
// do not hold up the reading, nor the reading's the indexing. Signatures
// indexed go back to the pool. Add and Finish are for one thread at a time.
class Indexer {
 public:
  Indexer(DedupStream& stream, SignaturePool& pool, size_t max_queued)
      : stream_(stream), pool_(pool), max_queued_(std::max<size_t>(max_queued, 1)),
        thread_([this] { Work(); }) {}
  ~Indexer() {
    Stop();
    thread_.join();
  }
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  // Queues *batch (which it leaves empty), the stream reserved for
  // `reserve` texts first when not 0. Rethrows what an earlier batch threw.
  void Add(std::vector<Signature>* batch, size_t reserve) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [this] { return queue_.size() < max_queued_ || error_; });
    if (error_) std::rethrow_exception(error_);
    queue_.push_back(Job{reserve, std::move(*batch)});
    batch->clear();
    lock.unlock();
    ready_.notify_one();
  }

  // Waits until every batch is indexed; rethrows what one threw.
  void Finish() {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [this] { return (queue_.empty() && !busy_) || error_; });
    if (error_) std::rethrow_exception(error_);
  }

 private:
  struct Job {
    size_t reserve = 0;
    std::vector<Signature> batch;
  };

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    ready_.notify_one();
  }

  void Work() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      ready_.wait(lock, [this] { return done_ || !queue_.empty(); });
      if (done_ || error_) return;  // done_ before Finish: the answer is not wanted
      Job job = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      lock.unlock();
      room_.notify_one();
      std::exception_ptr error;
      try {
        if (job.reserve != 0) stream_.Reserve(job.reserve);
        stream_.AddSignatures(job.batch);
        pool_.Give(&job.batch);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      busy_ = false;
      if (error) error_ = error;
      if (queue_.empty() || error_) room_.notify_one();
    }
  }

  DedupStream& stream_;
  SignaturePool& pool_;
  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable ready_;  // a job queued, or done_
  std::condition_variable room_;   // a job taken, all done, or an error
  std::deque<Job> queue_;
  bool busy_ = false;
  bool done_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: starts once the members above are set
};

}  // namespace

DedupPathsResult DedupPaths(const std::vector<std::string>& paths, const DedupOptions& options,
                            Diagnostics& diag) {
  DedupPathsResult result;
  DedupStream stream(options);
  const MinHasher hasher(options.minhash);
  SignaturePool signatures;
  IdTable content_of(result.ids);                      // id -> hash of title and text
  std::unordered_map<std::string, int> next_suffix;       // id -> the next n to try for "id#n"
  // Signatures are indexed, a batch at a time, on a thread of its own
  // while the next batches are read (unless options.threads == 1).
  std::vector<Signature> batch;
  const bool overlap = options.threads != 1;
  std::optional<Indexer> indexer;
  if (overlap) indexer.emplace(stream, signatures, kQueuedBatches);
  const uint64_t input_bytes = InputBytes(paths);
  uint64_t article_bytes = 0;  // of the first batch
  bool reserved = false;
  auto flush = [&] {
    size_t reserve = 0;
    if (!reserved && !batch.empty()) {
      reserve = EstimateArticles(input_bytes, batch.size(), article_bytes);
      // The id table and list sized once too (not rehashed, not copied as they grow).
      content_of.Reserve(reserve);
      result.ids.reserve(reserve);
      reserved = true;
    }
    if (batch.empty()) return;
    if (indexer) {
      indexer->Add(&batch, reserve);  // the index sized on its thread, before the batch
    } else {
      if (reserve != 0) stream.Reserve(reserve);
      stream.AddSignatures(batch);
      signatures.Give(&batch);
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
  if (indexer) indexer->Finish();
  result.groups = stream.Groups();
  return result;
}

}  // namespace rashomon
