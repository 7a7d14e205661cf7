// The self-contained HTML report (`rashomon analyze --format html`): the
// web UI's story views in one file, with its style, script and data inline.
//
// Data is embedded as JSON in a <script type="application/json"> element
// with '<', '>', '&' and U+2028/2029 escaped, so article text can never close
// the element; the script renders it with DOM text nodes only. A
// Content-Security-Policy meta tag forbids any network access.
#pragma once

#include <string>
#include <vector>

#include "ingest/article.h"
#include "report/model.h"

namespace rashomon::serve {

// `articles` are those the report was built from; each gets its marked
// article view in the file (articles absent from the report are left out).
std::string WriteAppHtml(const report::Report& report, const std::vector<Article>& articles);

// `json` made safe to place inside a <script> element.
std::string EscapeJsonForScript(std::string_view json);

}  // namespace rashomon::serve
