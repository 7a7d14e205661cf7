// Incremental story assignment: puts a batch of new articles into the
// stories of the articles assigned before them, without clustering
// everything again.
//
// Each new article asks a NeighbourSource for a bounded number of earlier
// articles that may tell the same story; the stories of its few most
// similar neighbours (at least min_neighbour_similarity) are touched. New
// articles are grouped with the stories they touch and with the new
// articles they resemble (union-find), and each group is clustered again
// with the batch code (ClusterAverageLink), a touched story taking part
// with its story_members most recent members only. The resulting clusters
// take over the ids of the stories they overlap most, so stories grow,
// merge and split while keeping their ids; the rest become new stories.
// Stories no new article touches stay as they are, so the work per batch
// follows what the batch touches, not what was assigned before.
//
// The source owns the articles and stories (the SQLite store, or
// MemoryStories below); AssignBatch only reads it and returns the changes
// as a BatchAssignment for the caller to apply. Thread safety: AssignBatch
// calls the source from the calling thread only, in an order fixed by its
// input (sources whose answers depend on the order of calls, such as the
// store's term ids, stay deterministic); groups are clustered in parallel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "base/status.h"
#include "stories/cluster.h"

namespace rashomon {

struct IncrementalOptions {
  // Earlier articles asked of the source per new article (its bound).
  int neighbours = 8;
  // A neighbour's story is touched only when the neighbour is at least this
  // similar (ItemSimilarity) to the new article: shared common words alone
  // must not pull every story into every batch.
  // (The store's default, StoreOptions::min_neighbour_similarity.)
  float min_neighbour_similarity = 0.1f;
  // Of those, each new article touches the stories of at most this many of
  // its most similar neighbours.
  int stories_per_article = 3;
  // A touched story takes part with at most this many of its most recent
  // members; the others stay in it (or follow it when it merges away).
  int story_members = 32;
  // The clustering (each group runs single-threaded).
  ClusterOptions cluster;
  // Groups clustered at once; 0: DefaultThreadCount().
  int threads = 0;
};

// An earlier article proposed as a neighbour of a new one.
struct NeighbourCandidate {
  int64_t article = 0;  // the source's key
  int64_t story = 0;    // its story; 0 = none (never touched)
  ClusterItem item;
};

// What the assignment reads of the articles assigned before a batch.
// Article keys and story ids are the source's; story ids are > 0.
class NeighbourSource {
 public:
  virtual ~NeighbourSource() = default;
  // At most `limit` earlier articles (never the batch's own) that may tell
  // the same story as new article `index` of the batch, whose item is
  // `item`, best first.
  virtual Result<std::vector<NeighbourCandidate>> Neighbours(size_t index, const ClusterItem& item,
                                                             size_t limit) = 0;
  // The keys of the at most `limit` most recent members of `story`, newest
  // first.
  virtual Result<std::vector<int64_t>> RecentMembers(int64_t story, size_t limit) = 0;
  // The item of an earlier article.
  virtual Result<ClusterItem> Item(int64_t article) = 0;
};

// A batch's changes. Stories to create are referred to by the negative ids
// -1, -2, ... -new_stories; create them in that order (Resolve swaps in
// their real ids).
struct BatchAssignment {
  int64_t new_stories = 0;
  std::vector<int64_t> story_of_new;  // per new article
  // Earlier articles that change story: (article, story), in no set order.
  std::vector<std::pair<int64_t, int64_t>> moves;
  // Stories that end, with their members that took no part in the
  // clustering: (story, story those members join). Apply after the moves.
  std::vector<std::pair<int64_t, int64_t>> follows;
  // Stories whose members changed, sorted; `ended` lists those left
  // without members (to delete).
  std::vector<int64_t> changed;
  std::vector<int64_t> ended;

  // Replaces the ids -1 .. -new_stories by ids[0 .. new_stories - 1].
  void Resolve(const std::vector<int64_t>& ids);
};

// Assigns the new articles `items` (in arrival order) against `source`.
Result<BatchAssignment> AssignBatch(std::vector<ClusterItem> items, NeighbourSource& source,
                                    const IncrementalOptions& options);

// The assignment of articles kept in memory: a NeighbourSource that finds
// neighbours by brute force (every earlier article, most similar first)
// and applies each batch's changes. The reference for the store's indexed
// source, and the incremental assignment of any caller without a database.
// Article keys are indices in arrival order; story ids count from 1.
class MemoryStories : public NeighbourSource {
 public:
  explicit MemoryStories(const IncrementalOptions& options = {}) : options_(options) {}

  // Assigns a batch and applies it; returns the story of each new article.
  Result<std::vector<int64_t>> Add(std::vector<ClusterItem> batch);
  // The story of every article, in arrival order.
  const std::vector<int64_t>& stories() const { return story_; }

  Result<std::vector<NeighbourCandidate>> Neighbours(size_t index, const ClusterItem& item,
                                                     size_t limit) override;
  Result<std::vector<int64_t>> RecentMembers(int64_t story, size_t limit) override;
  Result<ClusterItem> Item(int64_t article) override;

 private:
  IncrementalOptions options_;
  std::vector<ClusterItem> items_;
  std::vector<int64_t> story_;
  size_t assigned_ = 0;  // articles before the batch being assigned
  int64_t next_story_ = 1;
};

}  // namespace rashomon
