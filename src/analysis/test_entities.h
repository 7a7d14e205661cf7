// Helpers for tests only: looking up a story's entities. Not linked into
// the product.
#pragma once

#include <string>
#include <vector>

#include "report/model.h"

namespace rashomon::testing {

// The entity one of whose variants is written `form`; nullptr when none.
inline const report::Entity* EntityWithForm(const std::vector<report::Entity>& es, const std::string& form) {
  for (const auto& e : es) {
    for (const auto& v : e.variants) {
      if (v.form == form) return &e;
    }
  }
  return nullptr;
}

}  // namespace rashomon::testing
