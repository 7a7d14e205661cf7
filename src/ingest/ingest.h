// Ingest: turns paths (files or folders, any supported format, optionally
// gzip- or zstd-compressed) into Articles.
//
// Formats are recognised by extension after stripping ".gz"/".zst", then by
// content: plain text (.txt, .md), JSON Lines (.jsonl, .ndjson, .json), HTML
// (.html, .htm), WARC (.warc) and feeds (.rss, .atom, .rdf, .opml, or a
// named file whose root element is one; ingest/feed.h). Folders are walked recursively in sorted
// order; hidden entries and files of other types are skipped. Bad inputs are
// reported to Diagnostics (one line naming the file) and never stop the
// others. Articles are handed to the sink in a deterministic order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostics.h"
#include "base/status.h"
#include "ingest/article.h"

namespace rashomon {

enum class InputFormat { kUnknown, kText, kJsonLines, kHtml, kWarc, kFeed };

struct IngestOptions {
  // A file (after decompression) larger than this is rejected whole. Bounds
  // memory for single-document formats; JSON Lines and WARC stream instead.
  size_t max_file_bytes = 256u << 20;
  // A JSON Lines line longer than this is skipped with an error naming it.
  size_t max_line_bytes = 64u << 20;
  // Article text longer than this is cut (with a warning). 4 MiB is far past
  // any real article and keeps per-article analysis bounded.
  size_t max_text_bytes = 4u << 20;
};

using ArticleSink = std::function<void(Article&&)>;

struct IngestStats {
  size_t files = 0;     // files opened
  size_t articles = 0;  // articles handed to the sink
  size_t failed_inputs = 0;  // files or records rejected with an error
  size_t skipped_records = 0;  // WARC records passed over: not HTML responses, not 200, no text
};

// Reads every path. Missing paths and unreadable files are errors in `diag`.
IngestStats IngestPaths(const std::vector<std::string>& paths, const IngestOptions& options,
                        Diagnostics& diag, const ArticleSink& sink);

// The fields of one article that near-duplicate detection reads, borrowed
// from the reader: the views are valid only during the sink call.
struct ArticleRef {
  std::string_view id;
  std::string_view title;
  std::string_view text;    // sanitized as Article::text is
  std::string_view origin;  // the file
  uint64_t origin_line = 0;
};
using ArticleRefSink = std::function<void(const ArticleRef&)>;

// IngestPaths for callers that need only ids, titles and texts and keep
// none of them (dedup): records of JSON Lines files reach the sink without
// an Article being built (no copy of their fields); other formats are read
// into Articles and passed by reference. The same articles, checks, errors
// and warnings as IngestPaths.
IngestStats IngestPathsRefs(const std::vector<std::string>& paths, const IngestOptions& options,
                            Diagnostics& diag, const ArticleRefSink& sink);

// Reads one file of any supported format.
void IngestFile(const std::string& path, const IngestOptions& options, Diagnostics& diag,
                const ArticleSink& sink, IngestStats* stats);

// Reads one file's contents already in memory (plain, not compressed);
// `path` names it in messages and gives its id.
void IngestBytes(const std::string& path, std::string_view bytes, const IngestOptions& options,
                 Diagnostics& diag, const ArticleSink& sink, IngestStats* stats);

// Format by name: "a.jsonl.gz" -> kJsonLines. kUnknown when not recognised.
InputFormat FormatFromName(std::string_view path);

// The article id a file yields: its name without directory and extensions.
std::string IdFromPath(std::string_view path);

// --- Format readers; each reports its own problems to diag. -------------

// Plain text or Markdown held in `bytes`. Optional front matter between
// "---" lines sets fields (title, source, url, published, lang, id, author).
void ReadTextArticle(std::string_view path, std::string_view bytes, const IngestOptions& options,
                     Diagnostics& diag, const ArticleSink& sink, IngestStats* stats);

// JSON Lines: one object per line with id, source, url, published, title,
// text (also accepted: outlet/publisher/site, link, date, headline, body/content).
class InputStream;
void ReadJsonLines(std::string_view path, InputStream& in, const IngestOptions& options,
                   Diagnostics& diag, const ArticleSink& sink, IngestStats* stats);
// The same records, borrowed (see IngestPathsRefs).
void ReadJsonLinesRefs(std::string_view path, InputStream& in, const IngestOptions& options,
                       Diagnostics& diag, const ArticleRefSink& sink, IngestStats* stats);

// HTML page reader (ingest/html_input.cc) and WARC archive reader
// (ingest/warc_input.cc: response records, HTML, status 200; the target URI
// is the id and url, WARC-Date the fallback publication time).
void ReadHtmlArticle(std::string_view path, std::string_view bytes, const IngestOptions& options,
                     Diagnostics& diag, const ArticleSink& sink, IngestStats* stats);
void ReadWarc(std::string_view path, InputStream& in, const IngestOptions& options,
              Diagnostics& diag, const ArticleSink& sink, IngestStats* stats);

// Shared checks: returns an error message if `bytes` look binary, else "".
std::string DescribeBinary(std::string_view bytes);

// Makes `text` valid UTF-8 (repairing stray bytes as Windows-1252, with a
// warning), drops a BOM, NULs and other C0 controls except tab and newline,
// and cuts it to max_text_bytes (with a warning). known_valid_utf8 skips
// the UTF-8 check when the caller has validated the bytes (a JSON parser).
std::string SanitizeText(std::string_view text, std::string_view path, size_t line,
                         const IngestOptions& options, Diagnostics& diag,
                         bool known_valid_utf8 = false);
// SanitizeText for text known to be valid UTF-8 that returns `text` itself
// when it needs no change (the common case: no copy), else the sanitized
// text, which it stores in *holder.
std::string_view SanitizeValidText(std::string_view text, std::string_view path, size_t line,
                                   const IngestOptions& options, Diagnostics& diag,
                                   std::string* holder);

// Collects articles into a vector, making ids unique: a later article with
// an id already seen is dropped if its text is identical (a re-read file) and
// renamed "id#2", "id#3"... otherwise, each with a warning.
class ArticleCollector {
 public:
  explicit ArticleCollector(Diagnostics* diag) : diag_(diag) {}
  void Add(Article&& a);
  std::vector<Article>& articles() { return articles_; }
  ArticleSink AsSink() {
    return [this](Article&& a) { Add(std::move(a)); };
  }

 private:
  Diagnostics* diag_;
  std::vector<Article> articles_;
  std::unordered_map<std::string, size_t> index_;
  std::unordered_map<std::string, int> next_suffix_;  // id -> the next n to try for "id#n"
};

}  // namespace rashomon
