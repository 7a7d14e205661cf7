// Plain text and Markdown articles.
#include <string>

#include "base/strings.h"
#include "base/time.h"
#include "ingest/ingest.h"

namespace rashomon {
namespace {

// Applies one "key: value" metadata line. Returns false for unknown keys.
bool ApplyField(std::string_view key, std::string_view value, Article* a) {
  std::string k = AsciiLowercase(TrimAscii(key));
  std::string v(TrimAscii(value));
  if (v.size() >= 2 && ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\''))) {
    v = v.substr(1, v.size() - 2);
  }
  if (k == "title" || k == "headline") {
    a->title = v;
  } else if (k == "source" || k == "outlet" || k == "publisher" || k == "site") {
    a->source = v;
  } else if (k == "url" || k == "link") {
    a->url = v;
  } else if (k == "published" || k == "date" || k == "time") {
    a->published = ParseTimestamp(v);
  } else if (k == "lang" || k == "language") {
    a->lang = AsciiLowercase(v);
  } else if (k == "id") {
    a->id = v;
  } else if (k == "author" || k == "byline" || k == "authors") {
    a->byline = v;
  } else {
    return false;
  }
  return true;
}

}  // namespace

void ReadTextArticle(std::string_view path, std::string_view bytes, const IngestOptions& options,
                     Diagnostics& diag, const ArticleSink& sink, IngestStats* stats) {
  Article a;
  a.id = IdFromPath(path);
  a.origin = std::string(path);
  std::string text = SanitizeText(bytes, path, 0, options, diag);
  std::string_view body = text;

  // Front matter: "---\nkey: value\n...\n---\n".
  size_t first = body.find_first_not_of(" \t\n");
  std::string_view trimmed_start = first == std::string_view::npos ? body : body.substr(first);
  if (trimmed_start.substr(0, 4) == "---\n") {
    size_t end = trimmed_start.find("\n---", 3);
    if (end != std::string_view::npos) {
      std::string_view block = trimmed_start.substr(4, end - 4 + 1);
      bool looks_like_metadata = true;
      Article meta = a;
      for (std::string_view line : SplitLines(block)) {
        if (TrimAscii(line).empty()) continue;
        size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
          looks_like_metadata = false;
          break;
        }
        ApplyField(line.substr(0, colon), line.substr(colon + 1), &meta);
      }
      if (looks_like_metadata) {
        a = std::move(meta);
        size_t after = end + 4;
        size_t nl = trimmed_start.find('\n', after);
        body = nl == std::string_view::npos ? std::string_view() : trimmed_start.substr(nl + 1);
      }
    }
  }

  // Markdown "# Title" as the first non-empty line.
  if (a.title.empty()) {
    size_t start = body.find_first_not_of(" \t\n");
    if (start != std::string_view::npos && body[start] == '#') {
      size_t nl = body.find('\n', start);
      std::string_view line = body.substr(start, nl == std::string_view::npos ? body.size() - start
                                                                             : nl - start);
      size_t hashes = line.find_first_not_of('#');
      if (hashes != std::string_view::npos && hashes <= 2 && line[hashes] == ' ') {
        a.title = std::string(TrimAscii(line.substr(hashes)));
        body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
      }
    }
  }

  a.text = std::string(body);
  if (TrimAscii(a.text).empty()) {
    diag.Error(std::string(path), "no article text");
    ++stats->failed_inputs;
    return;
  }
  ++stats->articles;
  sink(std::move(a));
}

}  // namespace rashomon
