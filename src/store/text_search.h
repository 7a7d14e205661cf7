// Full-text search over the stored articles' titles and texts: an SQLite
// FTS5 index kept in step with the `articles` table by triggers, and the
// query the story list uses to find stories with an article holding words.
//
// The index is an external-content FTS5 table (`article_search`, rowid =
// articles.seq) over title and text, tokenised by unicode61 with diacritics
// removed, so it stores no second copy of the text. Queries are split into
// words by text/search_words.h and each word is quoted, so no input can form
// FTS5 syntax. Stateless; thread safety is the caller's connection's.
#pragma once

#include <string>
#include <string_view>

namespace rashomon::store {

// Schema step 2 -> 3: creates the index over every article already stored,
// the triggers that keep it current on insert, update and delete, and an
// index from article to story for the hits.
extern const char kTextSearchSchemaStep[];

// The FTS5 MATCH expression requiring every word of `query` ("w1" "w2" ...),
// or "" when `query` has no word.
std::string TextSearchMatch(std::string_view query);

// An SQL condition, true for a story (aliased `s`) with an article whose title
// and text hold every word of the MATCH expression bound to parameter `param`.
std::string StoryHasTextCondition(int param);

}  // namespace rashomon::store
