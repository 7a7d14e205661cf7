// Helpers for tests only: invented articles and the documents a story
// analysis borrows. Not linked into the product.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ingest/article.h"
#include "text/document.h"

namespace rashomon::testing {

// An invented article, its own source; `lang` empty lets the language be
// identified from the text.
inline Article MakeArticle(std::string id, std::string lang, std::string text, std::string title = {}) {
  Article a;
  a.id = std::move(id);
  a.source = a.id;
  a.lang = std::move(lang);
  a.title = std::move(title);
  a.text = std::move(text);
  return a;
}

// The documents as a story's article list (AnalyzeStory, FindStories,
// FindTranslations borrow them).
inline std::vector<const Document*> Pointers(const std::vector<Document>& docs) {
  std::vector<const Document*> out;
  out.reserve(docs.size());
  for (const Document& d : docs) out.push_back(&d);
  return out;
}

}  // namespace rashomon::testing
