// TermStats: the document frequency of every term over the stored
// articles, as the store's TF-IDF model reads it.
//
// The table `terms` (with meta 'documents') counts the articles up to meta
// 'stats_seq'; the articles stored after it (the tail, at most about
// `fold_articles` of them) are counted in memory, from their own term bags,
// and folded into the table once they are that many. An ingest batch of 25
// articles updates a few thousand terms, scattered over a table that holds
// every term ever seen: written per batch, nearly every page of the table
// went through the write-ahead log and back at each commit, so the cost per
// article grew with the vocabulary (at 155,000 generated articles, 1.1
// million terms on 4,700 pages, about 750 KB written per article). Folded
// every few thousand articles, each page is written once for all of them.
//
// The tail is derived from the stored articles alone, so a process that
// stops between folds loses nothing (the next one reads the tail back), and
// two processes ingesting into one store in turn both see every article:
// Sync re-reads the stored state whenever another connection changed it.
//
// Thread safety: none (used under the store's writer lock, inside the
// ingest transaction).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "store/sqlite.h"

namespace rashomon::store {

class TermStats {
 public:
  void set_fold_articles(size_t n) { fold_articles_ = n; }

  // Reads where the stored statistics stand; when anything changed since
  // this object last saw it (first call, another writer, a batch that did
  // not commit), re-reads the tail from the stored articles and returns
  // true: the caller's model, built on the old counts, must be dropped.
  Result<bool> Sync(const Connection& c);
  // Counts a batch's term keys (each key once per article that has it).
  void Add(const std::unordered_map<uint64_t, int64_t>& counts, size_t articles);
  // After the batch's articles are stored (seqs up to `last_seq`): folds
  // the tail into the table when it holds fold_articles articles or more.
  Status Stored(const Connection& c, int64_t last_seq);
  // The batch committed: the state in memory is the stored one.
  void Committed() { valid_ = true; }

  // Articles counted, folded or not.
  int64_t documents() const { return table_documents_ + tail_documents_; }
  // The tail's document frequencies, added to the table's by the readers.
  const std::unordered_map<uint64_t, uint32_t>& tail() const { return tail_; }

 private:
  Status Fold(const Connection& c);

  size_t fold_articles_ = 4096;
  bool valid_ = false;
  int64_t table_documents_ = 0;  // meta 'documents'
  int64_t stats_seq_ = 0;        // meta 'stats_seq'
  int64_t last_seq_ = 0;         // the highest stored seq, as last seen or stored
  int64_t tail_documents_ = 0;
  std::unordered_map<uint64_t, uint32_t> tail_;
};

}  // namespace rashomon::store
