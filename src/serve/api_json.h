// JSON bodies of the API (serve/server.h) and of the self-contained HTML
// report, built from Backend values. Compact, valid UTF-8 (invalid bytes
// replaced), keys stable: fields may be added, never renamed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "serve/article_view.h"
#include "serve/backend.h"

namespace rashomon::serve {

// {"total", "offset", "stories": [{id, headline, articles, outlets, first, last, updated, conflicts, topic}]}
// ("updated": the later of "last" and when an article last changed a figure)
// ("topic": the id of its topic of several stories, or null)
std::string StoryPageJson(const StoryPage& page, size_t offset);

// {"id", "source", "url", "title", "published", "byline", "lang", "story",
//  "paragraphs": [{"heading", "text", "sentences": [{text, mark, facts, conflicts, also_in}]}],
//  "removed": [{text, reason}],
//  "versions": [{"version", "seen", "title", "figure_changed",
//                "changes": [{kind, before, after, context}]}]}
// ("versions": empty when the article never changed; each version's
// changes are against the one before, analysis/version_diff.h)
std::string ArticleJson(const StoredArticle& stored, const ArticleView& view);

// {"computed", "topics": [{"id", "label", "terms", "stories": [{"id", "headline"}]}]}
std::string TopicsJson(const TopicList& topics);

// {"articles": [{"id", "story", "new"}], "errors": ["file:line: message", ...]}
std::string IngestJson(const std::vector<IngestResult>& results,
                       const std::vector<std::string>& errors);

// `s` as a JSON string literal, quotes included.
std::string JsonString(std::string_view s);

// {"error": message}
std::string ErrorJson(const std::string& message);

}  // namespace rashomon::serve
