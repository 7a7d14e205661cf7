// Builds a Document from fuzz bytes the way the pipeline does: the text is
// first made valid UTF-8 by the ingest sanitiser (as every reader does).
#pragma once

#include <memory>
#include <string>

#include "base/diagnostics.h"
#include "fuzz_util.h"
#include "ingest/ingest.h"
#include "text/document.h"

namespace rashomon::fuzz {

struct FuzzDocument {
  std::unique_ptr<Article> article;
  Document doc;
};

inline FuzzDocument MakeDocument(std::string_view bytes) {
  Diagnostics diag(/*echo=*/false);
  IngestOptions options;
  FuzzDocument out;
  out.article = std::make_unique<Article>();
  out.article->id = "fuzz";
  out.article->text = SanitizeText(bytes, "fuzz", 0, options, diag);
  out.doc = BuildDocument(*out.article, nullptr);
  for (const auto& s : out.doc.sentences) {
    FUZZ_CHECK(s.begin <= s.end && s.end <= out.doc.text.size());
  }
  for (const auto& t : out.doc.tokens) {
    FUZZ_CHECK(t.begin <= t.end && t.end <= out.doc.text.size());
  }
  return out;
}

}  // namespace rashomon::fuzz
