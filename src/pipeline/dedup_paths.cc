#include "pipeline/dedup_paths.h"

#include <algorithm>
#include <future>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "base/hash.h"
#include "ingest/ingest.h"

namespace rashomon {
namespace {

// A batch's texts copied end to end into one buffer, reused from batch to
// batch, so reading allocates nothing per article.
struct Batch {
  std::string bytes;
  std::vector<std::pair<size_t, size_t>> spans;  // (offset, size) in bytes
  void Clear() {
    bytes.clear();
    spans.clear();
  }
};

constexpr size_t kBatchArticles = 4096;

}  // namespace

DedupPathsResult DedupPaths(const std::vector<std::string>& paths, const DedupOptions& options,
                            Diagnostics& diag) {
  DedupPathsResult result;
  DedupStream stream(options);
  std::unordered_map<std::string, uint64_t> content_of;  // id -> hash of title and text
  std::unordered_map<std::string, int> next_suffix;       // id -> the next n to try for "id#n"
  Batch batch, in_flight;
  std::future<void> pending;
  const bool overlap = options.threads != 1;
  auto flush = [&] {
    if (pending.valid()) pending.get();
    std::swap(in_flight, batch);
    batch.Clear();
    if (in_flight.spans.empty()) return;
    auto add = [&stream, &in_flight] {
      std::vector<std::string_view> views;
      views.reserve(in_flight.spans.size());
      for (const auto& [offset, size] : in_flight.spans) {
        views.emplace_back(in_flight.bytes.data() + offset, size);
      }
      stream.AddBatch(views);
    };
    if (overlap) {
      pending = std::async(std::launch::async, add);
    } else {
      add();
    }
  };
  ArticleRefSink sink = [&](const ArticleRef& a) {
    // Same rules as ArticleCollector.
    uint64_t content = HashCombine(Hash64(a.title), Hash64(a.text));
    auto [it, inserted] = content_of.emplace(a.id, content);
    std::string id(a.id);
    if (!inserted) {
      const std::string origin(a.origin);
      if (it->second == content) {
        diag.RepeatedWarning("articles already read", origin, "article '" + id + "' already read; skipped",
                             a.origin_line);
        return;
      }
      int& next = next_suffix[id];  // as ArticleCollector: no rescan from #2
      for (int n = std::max(next, 2);; ++n) {
        std::string renamed = id + "#" + std::to_string(n);
        if (content_of.emplace(renamed, content).second) {
          next = n + 1;
          diag.RepeatedWarning("duplicate ids", origin,
                               "duplicate article id '" + id + "' renamed '" + renamed + "'", a.origin_line);
          id = std::move(renamed);
          break;
        }
      }
    }
    result.ids.push_back(std::move(id));
    const std::string_view text = a.text.empty() ? a.title : a.text;
    batch.spans.emplace_back(batch.bytes.size(), text.size());
    batch.bytes.append(text);
    if (batch.spans.size() >= kBatchArticles) flush();
  };
  IngestPathsRefs(paths, IngestOptions{}, diag, sink);
  flush();
  if (pending.valid()) pending.get();
  result.groups = stream.Groups();
  return result;
}

}  // namespace rashomon
