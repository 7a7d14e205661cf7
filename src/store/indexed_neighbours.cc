#include "store/indexed_neighbours.h"

#include <algorithm>

namespace rashomon::store {

IndexedNeighbours::IndexedNeighbours(const Connection& conn, TermModel& model, ArticleCache& cache,
                                     PostingsCache& postings, const std::vector<TermBag>& bags,
                                     int64_t first_seq, const TermIndexOptions& options,
                                     CandidateTally& tally)
    : conn_(conn),
      model_(model),
      cache_(cache),
      postings_(postings),
      bags_(bags),
      first_seq_(first_seq),
      options_(options),
      df_query_(conn.db, "SELECT df FROM terms WHERE key=?"),
      post_(conn.db, "SELECT seq FROM postings WHERE key=? ORDER BY seq DESC LIMIT ?"),
      story_of_(conn.db, "SELECT story FROM articles WHERE seq=?"),
      stored_bags_(conn.db, options.anchors ? "SELECT terms, names, published, anchors FROM articles WHERE seq=?"
                                            : "SELECT terms, names, published, NULL FROM articles WHERE seq=?"),
      members_(conn.db, "SELECT seq FROM articles WHERE story=? ORDER BY seq DESC LIMIT ?"),
      top_terms_(bags.size()),
      tally_(tally) {
  const auto stored = static_cast<size_t>(std::max<int64_t>(0, first_seq));
  if (tally_.score.size() < stored) {
    tally_.score.resize(stored, 0.0f);
    tally_.terms.resize(stored, 0);
  }
}

uint32_t IndexedNeighbours::StoredDf(uint64_t key) {
  uint32_t df = 0;
  df_query_.Bind(1, static_cast<int64_t>(key));
  if (df_query_.Step() == SQLITE_ROW) df = static_cast<uint32_t>(df_query_.Int(0));
  df_query_.Reset();
  if (options_.unfolded_df != nullptr) {
    if (auto it = options_.unfolded_df->find(key); it != options_.unfolded_df->end()) df += it->second;
  }
  return df;
}

CachedArticle IndexedNeighbours::Intern(const TermBag& terms, const TermBag& names,
                                        std::optional<int64_t> published) {
  auto df_of = [this](uint64_t key) { return StoredDf(key); };
  CachedArticle a;
  a.terms = model_.Intern(terms, df_of);
  a.names = model_.Intern(names, df_of);
  a.published = published;
  return a;
}

ClusterItem IndexedNeighbours::ItemOf(const CachedArticle& a) {
  return ClusterItem{model_.Transform(a.terms), model_.Transform(a.names), a.published, a.anchors};
}

Result<ClusterItem> IndexedNeighbours::Item(int64_t seq) {
  if (const CachedArticle* cached = cache_.Find(seq)) return ItemOf(*cached);
  auto df_of = [this](uint64_t key) { return StoredDf(key); };
  stored_bags_.Bind(1, seq);
  const int rc = stored_bags_.Step();
  CachedArticle a;
  if (rc == SQLITE_ROW) {
    // Terms first, then names: the order new terms get their ids in.
    a.terms = model_.InternPacked(stored_bags_.Blob(0), df_of);
    a.names = model_.InternPacked(stored_bags_.Blob(1), df_of);
    a.published = stored_bags_.OptInt(2);
    // NULL (stored before anchors were kept) or unreadable: no anchors.
    UnpackAnchors(stored_bags_.Blob(3), &a.anchors);
  }
  stored_bags_.Reset();
  if (rc != SQLITE_ROW) return conn_.Error(rc, "reading stored articles");
  if (!cache_.enabled()) return ItemOf(a);
  return ItemOf(*cache_.Put(seq, std::move(a)));
}

Result<const std::vector<int64_t>*> IndexedNeighbours::Postings(uint64_t key) {
  auto [it, inserted] = postings_.try_emplace(key);
  if (inserted) {
    post_.Bind(1, static_cast<int64_t>(key))
        .Bind(2, static_cast<int64_t>(options_.postings_per_term));
    int rc;
    while ((rc = post_.Step()) == SQLITE_ROW) it->second.push_back(post_.Int(0));
    post_.Reset();
    if (rc != SQLITE_DONE) return conn_.Error(rc, "reading the term index");
  }
  return &it->second;
}

Result<std::vector<int64_t>> IndexedNeighbours::Candidates(size_t index, size_t limit) {
  auto df_of = [this](uint64_t key) { return StoredDf(key); };
  std::vector<std::pair<float, uint64_t>> scored;
  for (const auto& [key, tf] : bags_[index].terms) {
    const uint32_t id = model_.Id(key, df_of);
    if (model_.DocumentFrequency(id) == 0 || tf <= 0) continue;
    scored.emplace_back(SublinearTf(tf) * model_.Idf(id), key);
  }
  const size_t k =
      std::min<size_t>(scored.size(), static_cast<size_t>(std::max(0, options_.index_terms)));
  std::partial_sort(scored.begin(), scored.begin() + static_cast<ptrdiff_t>(k), scored.end(),
                    [](const auto& a, const auto& b) {
                      return a.first > b.first || (a.first == b.first && a.second < b.second);
                    });
  std::vector<int64_t> cand_seqs;
  // Zero again whatever way this returns: the tally outlives the batch.
  struct Reset {
    CandidateTally& tally;
    const std::vector<int64_t>& seqs;
    ~Reset() {
      for (int64_t seq : seqs) {
        tally.terms[static_cast<size_t>(seq)] = 0;
        tally.score[static_cast<size_t>(seq)] = 0.0f;
      }
    }
  } reset{tally_, cand_seqs};
  for (size_t t = 0; t < k; ++t) {
    const uint64_t key = scored[t].second;
    top_terms_[index].push_back(key);
    ASSIGN_OR_RETURN(const std::vector<int64_t>* list, Postings(key));
    const float idf = model_.Idf(model_.Id(key, df_of));
    for (int64_t seq : *list) {
      // This batch's own articles are compared directly.
      if (seq >= first_seq_ || seq < 0) continue;
      const auto at = static_cast<size_t>(seq);
      if (tally_.terms[at]++ == 0) cand_seqs.push_back(seq);
      tally_.score[at] += idf;
    }
  }
  std::vector<std::pair<float, int64_t>> best;
  for (int64_t seq : cand_seqs) {
    const auto at = static_cast<size_t>(seq);
    if (tally_.terms[at] >= 2) best.emplace_back(tally_.score[at], seq);
  }
  const size_t keep = std::min(best.size(), limit);
  std::partial_sort(best.begin(), best.begin() + static_cast<ptrdiff_t>(keep), best.end(),
                    [](const auto& a, const auto& b) {
                      return a.first > b.first || (a.first == b.first && a.second > b.second);
                    });
  std::vector<int64_t> out;
  for (size_t j = 0; j < keep; ++j) out.push_back(best[j].second);
  return out;
}

Result<std::vector<NeighbourCandidate>> IndexedNeighbours::Neighbours(size_t index,
                                                                      const ClusterItem& /*item*/,
                                                                      size_t limit) {
  ASSIGN_OR_RETURN(std::vector<int64_t> seqs, Candidates(index, limit));
  std::vector<NeighbourCandidate> out;
  out.reserve(seqs.size());
  for (int64_t seq : seqs) {
    auto [it, inserted] = loaded_.try_emplace(seq);
    if (inserted) {
      it->second.article = seq;
      story_of_.Bind(1, seq);
      const int rc = story_of_.Step();
      if (rc == SQLITE_ROW) it->second.story = story_of_.Int(0);
      story_of_.Reset();
      if (rc != SQLITE_ROW) return conn_.Error(rc, "reading neighbours");
      ASSIGN_OR_RETURN(it->second.item, Item(seq));
    }
    out.push_back(it->second);
  }
  return out;
}

Result<std::vector<int64_t>> IndexedNeighbours::RecentMembers(int64_t story, size_t limit) {
  members_.Bind(1, story).Bind(2, static_cast<int64_t>(limit));
  std::vector<int64_t> rows;
  int rc;
  while ((rc = members_.Step()) == SQLITE_ROW) rows.push_back(members_.Int(0));
  members_.Reset();
  if (rc != SQLITE_DONE) return conn_.Error(rc, "reading stories");
  return rows;
}

Status AddToTermIndex(const Connection& conn, PostingsCache& postings,
                      const std::vector<int64_t>& seqs,
                      const std::vector<std::vector<uint64_t>>& top_terms, int postings_per_term) {
  // Inserted in the index's (key, seq) order, for the page cache's sake.
  std::vector<std::pair<int64_t, int64_t>> entries;
  for (size_t i = 0; i < seqs.size(); ++i) {
    for (uint64_t key : top_terms[i]) entries.emplace_back(static_cast<int64_t>(key), seqs[i]);
  }
  std::sort(entries.begin(), entries.end());
  Stmt post(conn.db, "INSERT OR IGNORE INTO postings(key, seq) VALUES(?, ?)");
  for (const auto& [key, seq] : entries) {
    post.Bind(1, key).Bind(2, seq);
    RETURN_IF_ERROR(conn.Step(post, "updating the term index"));
  }
  // The cached lists stay newest first: a batch's articles go in in seq
  // order, each to the front.
  const size_t cap = static_cast<size_t>(std::max(0, postings_per_term));
  for (size_t i = 0; i < seqs.size(); ++i) {
    for (uint64_t key : top_terms[i]) {
      if (auto it = postings.find(key); it != postings.end()) {
        auto& list = it->second;
        if (std::find(list.begin(), list.end(), seqs[i]) == list.end())
          list.insert(list.begin(), seqs[i]);
        if (list.size() > cap) list.resize(cap);
      }
    }
  }
  return Status::Ok();
}

}  // namespace rashomon::store
