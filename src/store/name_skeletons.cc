#include "store/name_skeletons.h"

#include <cstdint>
#include <unordered_map>

namespace rashomon::store {

Status SpellWithStoredNames(const Connection& c, std::vector<TermBag>* bags) {
  // The batch's own names first: a skeleton two of them share spells neither.
  std::unordered_map<uint64_t, uint64_t> batch;
  bool caseless = false;
  for (const TermBag& bag : *bags) {
    caseless |= !bag.caseless_bridges.empty();
    for (const auto& [skeleton, name] : bag.name_bridges) {
      auto [it, fresh] = batch.try_emplace(skeleton, name);
      if (!fresh && it->second != name) it->second = 0;
    }
  }
  if (!batch.empty()) {
    Stmt up(c.db,
            "INSERT INTO name_skeletons(skeleton, name) VALUES(?1, ?2) "
            "ON CONFLICT(skeleton) DO UPDATE SET name = 0 WHERE name != excluded.name");
    if (up.prepare_rc() != SQLITE_OK) return c.Error(up.prepare_rc(), "recording name skeletons");
    for (const auto& [skeleton, name] : batch) {
      up.Bind(1, static_cast<int64_t>(skeleton)).Bind(2, static_cast<int64_t>(name));
      RETURN_IF_ERROR(c.Step(up, "recording name skeletons"));
    }
  }
  if (!caseless) {
    SpellCaselessNames([](uint64_t) { return uint64_t{0}; }, bags);
    return Status::Ok();
  }
  Stmt get(c.db, "SELECT name FROM name_skeletons WHERE skeleton = ?1");
  if (get.prepare_rc() != SQLITE_OK) return c.Error(get.prepare_rc(), "reading name skeletons");
  std::unordered_map<uint64_t, uint64_t> stored;
  Status status = Status::Ok();
  for (const TermBag& bag : *bags) {
    for (const auto& [skeleton, weight] : bag.caseless_bridges) {
      auto [it, fresh] = stored.try_emplace(skeleton, 0);
      if (!fresh) continue;
      get.Bind(1, static_cast<int64_t>(skeleton));
      const int rc = get.Step();
      if (rc == SQLITE_ROW) {
        it->second = static_cast<uint64_t>(get.Int(0));
      } else if (rc != SQLITE_DONE) {
        status = c.Error(rc, "reading name skeletons");
      }
      get.Reset();
      if (!status.ok()) return status;
    }
  }
  SpellCaselessNames(
      [&](uint64_t skeleton) {
        auto it = stored.find(skeleton);
        return it == stored.end() ? uint64_t{0} : it->second;
      },
      bags);
  return Status::Ok();
}

}  // namespace rashomon::store
