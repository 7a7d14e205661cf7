#include "store/name_skeletons.h"

#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>

namespace rashomon::store {

Status SpellWithStoredNames(const Connection& c, std::vector<TermBag>* bags) {
  // The batch's (skeleton, name) pairs with the articles writing them.
  std::map<std::pair<uint64_t, uint64_t>, int64_t> batch;
  bool caseless = false;
  for (const TermBag& bag : *bags) {
    caseless |= !bag.caseless_bridges.empty();
    for (const auto& pair : bag.name_bridges) ++batch[pair];
  }
  if (!batch.empty()) {
    Stmt up(c.db,
            "INSERT INTO name_skeletons(skeleton, name, articles) VALUES(?1, ?2, ?3) "
            "ON CONFLICT(skeleton, name) DO UPDATE SET articles = articles + excluded.articles");
    for (const auto& [pair, articles] : batch) {
      up.Bind(1, static_cast<int64_t>(pair.first)).Bind(2, static_cast<int64_t>(pair.second)).Bind(3, articles);
      RETURN_IF_ERROR(c.Step(up, "recording name skeletons"));
    }
  }
  if (!caseless) {
    SpellCaselessNames([](uint64_t) { return uint64_t{0}; }, bags);
    return Status::Ok();
  }
  // The two names of each skeleton written by the most articles.
  Stmt get(c.db, "SELECT name, articles FROM name_skeletons WHERE skeleton = ?1 ORDER BY articles DESC LIMIT 2");
  if (get.prepare_rc() != SQLITE_OK) return c.Error(get.prepare_rc(), "reading name skeletons");
  std::unordered_map<uint64_t, uint64_t> spelled;
  for (const TermBag& bag : *bags) {
    for (const auto& [skeleton, weight] : bag.caseless_bridges) {
      auto [it, fresh] = spelled.try_emplace(skeleton, 0);
      if (!fresh) continue;
      get.Bind(1, static_cast<int64_t>(skeleton));
      std::vector<std::pair<uint64_t, int64_t>> names;
      int rc;
      while ((rc = get.Step()) == SQLITE_ROW) names.emplace_back(static_cast<uint64_t>(get.Int(0)), get.Int(1));
      get.Reset();
      if (rc != SQLITE_DONE) return c.Error(rc, "reading name skeletons");
      it->second = DominantName(names);
    }
  }
  SpellCaselessNames(
      [&](uint64_t skeleton) {
        auto it = spelled.find(skeleton);
        return it == spelled.end() ? uint64_t{0} : it->second;
      },
      bags);
  return Status::Ok();
}

}  // namespace rashomon::store
