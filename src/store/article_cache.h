// ArticleCache: the stored articles an ingest process keeps in memory in
// the form the clustering reads (term ids and weights of its TermModel),
// so the recent members of a story touched again are not read and decoded
// again.
//
// Bounded by two generations: the older is dropped whole when the newer
// fills up, and a hit in the older moves to the newer. Entries are valid
// only with the TermModel whose ids they hold: clear the cache when the
// model is rebuilt. Thread safety: none (the ingest's writer lock).
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

#include "stories/anchors.h"
#include "store/term_model.h"

namespace rashomon::store {

// A stored article as the ingest clusters it, kept per process.
struct CachedArticle {
  InternedBag terms, names;
  std::optional<int64_t> published;
  EventAnchors anchors;
};

// A bounded cache of articles by seq: two generations, the older dropped
// whole when the newer fills up; a hit in the older moves to the newer.
class ArticleCache {
 public:
  void SetCapacity(size_t capacity) {
    Clear();
    half_ = capacity / 2;
  }
  const CachedArticle* Find(int64_t seq) {
    if (auto it = now_.find(seq); it != now_.end()) return &it->second;
    auto it = old_.find(seq);
    if (it == old_.end()) return nullptr;
    CachedArticle a = std::move(it->second);
    old_.erase(it);
    return Put(seq, std::move(a));
  }
  bool enabled() const { return half_ > 0; }
  // Only when enabled().
  const CachedArticle* Put(int64_t seq, CachedArticle a) {
    if (now_.size() >= half_) {
      old_ = std::move(now_);
      now_.clear();
    }
    return &(now_[seq] = std::move(a));
  }
  void Clear() {
    now_.clear();
    old_.clear();
  }

 private:
  size_t half_ = 0;
  std::unordered_map<int64_t, CachedArticle> now_, old_;
};

}  // namespace rashomon::store
