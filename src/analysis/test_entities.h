// Helpers for tests only: looking up a story's entities and quote speakers. Not linked into
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

// The speaker of each version of the story's quotes worded `text` (in
// `article` only, when given), in report order.
inline std::vector<std::string> SpeakersOfVersions(const report::Story& story, const std::string& text,
                                                   const std::string& article = "") {
  std::vector<std::string> out;
  for (const auto& q : story.quotes) {
    for (const auto& v : q.versions) {
      if (v.text == text && (article.empty() || v.article == article)) out.push_back(v.speaker);
    }
  }
  return out;
}

}  // namespace rashomon::testing
