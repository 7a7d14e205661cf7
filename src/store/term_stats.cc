#include "store/term_stats.h"

#include <algorithm>

#include "store/term_model.h"

namespace rashomon::store {

Result<bool> TermStats::Sync(const Connection& c) {
  ASSIGN_OR_RETURN(int64_t documents,
                   c.QueryInt("SELECT value FROM meta WHERE key='documents'", "reading statistics"));
  ASSIGN_OR_RETURN(int64_t last_seq, c.QueryInt("SELECT ifnull(max(seq), 0) FROM articles", "reading statistics"));
  // -1 when the key is missing (sequence numbers start at 1).
  ASSIGN_OR_RETURN(int64_t stats_seq,
                   c.QueryInt("SELECT ifnull((SELECT value FROM meta WHERE key='stats_seq'), -1)",
                              "reading statistics"));
  if (stats_seq < 0) {
    // A store written before the tail was kept: every article is counted.
    stats_seq = last_seq;
    Stmt add(c.db, "INSERT INTO meta(key, value) VALUES('stats_seq', ?)");
    add.Bind(1, last_seq);
    RETURN_IF_ERROR(c.Step(add, "updating term statistics"));
  }
  if (valid_ && documents == table_documents_ && stats_seq == stats_seq_ && last_seq == last_seq_) return false;
  tail_.clear();
  tail_documents_ = 0;
  Stmt read(c.db, "SELECT terms FROM articles WHERE seq > ?");
  read.Bind(1, stats_seq);
  int rc;
  while ((rc = read.Step()) == SQLITE_ROW) {
    ForEachPackedTerm(read.Blob(0), [this](uint64_t key, float) { ++tail_[key]; });
    ++tail_documents_;
  }
  read.Reset();
  if (rc != SQLITE_DONE) return c.Error(rc, "reading statistics");
  table_documents_ = documents;
  stats_seq_ = stats_seq;
  last_seq_ = last_seq;
  valid_ = true;
  return true;
}

void TermStats::Add(const std::unordered_map<uint64_t, int64_t>& counts, size_t articles) {
  valid_ = false;  // until the batch commits
  for (const auto& [key, count] : counts) tail_[key] += static_cast<uint32_t>(count);
  tail_documents_ += static_cast<int64_t>(articles);
}

Status TermStats::Stored(const Connection& c, int64_t last_seq) {
  last_seq_ = std::max(last_seq_, last_seq);
  if (static_cast<size_t>(tail_documents_) < fold_articles_) return Status::Ok();
  return Fold(c);
}

Status TermStats::Fold(const Connection& c) {
  // In the table's key order (keys are stored as signed integers): each
  // upsert then lands on the page the previous one left in the cache.
  std::vector<std::pair<int64_t, int64_t>> ordered;
  ordered.reserve(tail_.size());
  for (const auto& [key, df] : tail_) ordered.emplace_back(static_cast<int64_t>(key), df);
  std::sort(ordered.begin(), ordered.end());
  Stmt df(c.db, "INSERT INTO terms(key, df) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET df = df + excluded.df");
  for (const auto& [key, count] : ordered) {
    df.Bind(1, key).Bind(2, count);
    RETURN_IF_ERROR(c.Step(df, "updating term statistics"));
  }
  Stmt docs(c.db, "UPDATE meta SET value = value + ? WHERE key='documents'");
  docs.Bind(1, tail_documents_);
  RETURN_IF_ERROR(c.Step(docs, "updating term statistics"));
  Stmt seq(c.db, "UPDATE meta SET value = ? WHERE key='stats_seq'");
  seq.Bind(1, last_seq_);
  RETURN_IF_ERROR(c.Step(seq, "updating term statistics"));
  table_documents_ += tail_documents_;
  stats_seq_ = last_seq_;
  tail_.clear();
  tail_documents_ = 0;
  return Status::Ok();
}

}  // namespace rashomon::store
