// Version diff: what changed between two versions of one article (an
// outlet editing a published story), as a reader would name it: the
// headline, a number, a quote, a name, a paragraph added or removed, or
// else a paragraph's wording.
//
// Paragraphs (the lines of Article::text) are matched as a longest common
// subsequence of equal paragraphs (spacing ignored); an unmatched old
// paragraph and an unmatched new one between the same matched neighbours
// that share most of their words are one edited paragraph, the others are
// removed or added. Within an edited paragraph the numbers
// (analysis/numbers.h), quotes (analysis/quotes.h) and names
// (analysis/entities.h mentions) of the two sides are compared, each
// change one entry; an edit none of them explains is one "wording" entry
// with a word diff. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "ingest/article.h"

namespace rashomon {

enum class VersionChangeKind { kHeadline, kNumber, kQuote, kName, kParagraphAdded, kParagraphRemoved, kWording };
// "headline", "number", "quote", "name", "paragraph_added",
// "paragraph_removed", "wording".
const char* VersionChangeKindName(VersionChangeKind kind);

struct VersionChange {
  VersionChangeKind kind = VersionChangeKind::kWording;
  // The old and the new value (headline, number as written, quote, name or
  // paragraph); one is empty for a number, quote or name only one side has,
  // and for an added or removed paragraph. For kWording, `after` is the
  // word diff of the paragraph ("[-old-]{+new+}" runs, as QuoteDiff marks them).
  std::string before, after;
  // The new version's paragraph where the change sits (the old one for a
  // removal); empty for the headline.
  std::string context;
};

// The changes from `before` to `after`, in the new version's order
// (headline first). Empty when title and paragraphs are the same up to spacing.
std::vector<VersionChange> DiffVersions(const Article& before, const Article& after);

// True when one of the changes is a changed figure (kNumber with both sides).
bool ChangesAFigure(const std::vector<VersionChange>& changes);

}  // namespace rashomon
