// For tests only: a Document built from a string, owning the Article it
// borrows from.
#pragma once

#include <memory>
#include <string>

#include "text/document.h"

namespace rashomon::testing {

struct OwnedDocument {
  std::unique_ptr<Article> article;
  Document doc;
};

inline OwnedDocument DocumentOf(std::string text, std::string id = "t") {
  OwnedDocument out;
  out.article = std::make_unique<Article>();
  out.article->id = std::move(id);
  out.article->text = std::move(text);
  out.doc = BuildDocument(*out.article, nullptr);
  return out;
}

}  // namespace rashomon::testing
