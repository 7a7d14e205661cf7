// IndexedNeighbours: the NeighbourSource (stories/incremental.h) of one
// ingest batch over the store's tables, and the store's term index.
//
// The term index (table postings) lists, per term, the articles that count
// it among their index_terms strongest (TF-IDF) terms. A new article's
// candidates are the earlier articles sharing at least two of its strongest
// terms, scored by the idf of the terms they share (best first, ties: the
// more recent); each term contributes its postings_per_term most recent
// articles only, so the work per new article is bounded. Items are built
// with the process's TermModel and ArticleCache, and each stored article is
// read at most once per batch.
//
// Ownership: borrows the connection, model, cache and postings cache, which
// must outlive it; lives for one batch, inside its transaction, after the
// batch's articles are stored. Thread safety: none (the writer lock).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sketch/term_vector.h"
#include "store/article_cache.h"
#include "store/sqlite.h"
#include "store/term_model.h"
#include "stories/incremental.h"

namespace rashomon::store {

// Cached term index lists, newest first, by term key.
using PostingsCache = std::unordered_map<uint64_t, std::vector<int64_t>>;

// Per stored article, the score and number of index terms it shares with
// the new article being looked up: zero between lookups, so one tally,
// grown with the store, serves every batch (allocating it per batch cost a
// page fault for every few hundred stored articles the lookups touched).
struct CandidateTally {
  std::vector<float> score;
  std::vector<int> terms;
};

struct TermIndexOptions {
  int index_terms = 24;         // strongest terms of an article in the index
  int postings_per_term = 512;  // most recent articles read per index term
  bool anchors = true;          // the articles table has the anchors column (schema 4)
  // Document frequencies not yet in the terms table (TermStats::tail).
  const std::unordered_map<uint64_t, uint32_t>* unfolded_df = nullptr;
};

class IndexedNeighbours : public NeighbourSource {
 public:
  // `bags` are the batch's term bags; the batch's articles are stored from
  // `first_seq` on (never proposed as neighbours). `tally` is kept by the
  // caller across batches (its arrays grow with the store, so they are
  // allocated once).
  IndexedNeighbours(const Connection& conn, TermModel& model, ArticleCache& cache,
                    PostingsCache& postings, const std::vector<TermBag>& bags, int64_t first_seq,
                    const TermIndexOptions& options, CandidateTally& tally);

  // A new article in the model's ids, its document frequencies read from
  // the database for terms new to the model.
  CachedArticle Intern(const TermBag& terms, const TermBag& names,
                       std::optional<int64_t> published);
  // The cluster item of an article in the model's ids.
  ClusterItem ItemOf(const CachedArticle& a);

  Result<std::vector<NeighbourCandidate>> Neighbours(size_t index, const ClusterItem& item,
                                                     size_t limit) override;
  Result<std::vector<int64_t>> RecentMembers(int64_t story, size_t limit) override;
  Result<ClusterItem> Item(int64_t seq) override;

  // The index terms of each new article, as Neighbours found them.
  const std::vector<std::vector<uint64_t>>& top_terms() const { return top_terms_; }

 private:
  uint32_t StoredDf(uint64_t key);
  // The candidate seqs of new article `index`, best first, at most `limit`.
  Result<std::vector<int64_t>> Candidates(size_t index, size_t limit);
  Result<const std::vector<int64_t>*> Postings(uint64_t key);

  const Connection& conn_;
  TermModel& model_;
  ArticleCache& cache_;
  PostingsCache& postings_;
  const std::vector<TermBag>& bags_;
  const int64_t first_seq_;
  const TermIndexOptions options_;
  Stmt df_query_, post_, story_of_, stored_bags_, members_;
  std::vector<std::vector<uint64_t>> top_terms_;
  // Score and shared terms of each stored article by seq (all stored seqs
  // are below the batch's first), reset after each new article.
  CandidateTally& tally_;
  // Neighbours already read in this batch.
  std::unordered_map<int64_t, NeighbourCandidate> loaded_;
};

// Adds the new articles (`seqs`, with the index terms `top_terms`
// Neighbours found) to the term index and to the cached lists.
Status AddToTermIndex(const Connection& conn, PostingsCache& postings,
                      const std::vector<int64_t>& seqs,
                      const std::vector<std::vector<uint64_t>>& top_terms, int postings_per_term);

}  // namespace rashomon::store
