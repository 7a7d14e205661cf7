// Report writers: JSON (the contract), terminal text, Markdown, HTML.
// Each renders a whole Report to a string; callers write it where they like.
// All article-derived text is untrusted: the HTML writer escapes it, the
// text writer strips terminal control sequences from it.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "report/model.h"

namespace rashomon::report {

enum class Format { kText, kJson, kMarkdown, kHtml };

// "text", "json", "md"/"markdown", "html".
Result<Format> ParseFormat(std::string_view name);

struct TextStyle {
  bool color = false;  // ANSI colours and bold
  int width = 100;     // wrap column
  // Every item of every list. Otherwise long lists (facts, quotes, numbers,
  // evidence, ...) show their first few and say "... and N more".
  bool all = false;
};

std::string WriteJson(const Report& report, bool pretty = true);
// One story as the JSON object it is inside a report's "stories" (compact).
std::string WriteStoryJson(const Story& story);
std::string WriteText(const Report& report, const TextStyle& style = {});
// Uses only `style.all`.
std::string WriteMarkdown(const Report& report, const TextStyle& style = {});
std::string WriteHtml(const Report& report);

std::string Write(const Report& report, Format format, const TextStyle& style = {});

// Escapes text for HTML element content and attribute values.
std::string HtmlEscape(std::string_view s);

}  // namespace rashomon::report
