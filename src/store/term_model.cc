#include "store/term_model.h"

#include <cmath>

namespace rashomon::store {

std::string PackBag(const TermBag& bag) {
  std::string out(bag.terms.size() * 12, '\0');
  char* p = out.data();
  for (const auto& [key, w] : bag.terms) {
    std::memcpy(p, &key, 8);
    std::memcpy(p + 8, &w, 4);
    p += 12;
  }
  return out;
}

SparseVector TermModel::Transform(const InternedBag& bag) {
  SparseVector v;
  v.ids = bag.ids;
  v.values.resize(bag.ids.size());
  float norm = 0;
  for (size_t j = 0; j < bag.ids.size(); ++j) {
    float w = bag.tf[j] * Idf(bag.ids[j]);
    v.values[j] = w;
    norm += w * w;
  }
  norm = std::sqrt(norm);
  for (float& w : v.values) w = norm > 0 ? w / norm : 0;
  return v;
}

InternedBag TermModel::Sorted() {
  std::sort(entries_.begin(), entries_.end());
  InternedBag out;
  out.ids.resize(entries_.size());
  out.tf.resize(entries_.size());
  for (size_t j = 0; j < entries_.size(); ++j) {
    out.ids[j] = entries_[j].first;
    out.tf[j] = entries_[j].second;
  }
  return out;
}

void TermModel::Rehash(size_t slots) {
  ids_.assign(slots, 0);
  for (uint32_t id = 0; id < keys_.size(); ++id) ids_[Slot(keys_[id])] = id + 1;
}

}  // namespace rashomon::store
