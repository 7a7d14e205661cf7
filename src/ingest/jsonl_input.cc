// JSON Lines articles, parsed with simdjson's DOM parser (it validates the
// whole line, so a malformed record is reported rather than half-read).
#include <simdjson.h>

#include <string>

#include "base/stream.h"
#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"
#include "ingest/ingest.h"

namespace rashomon {
namespace {

enum class Field { kIgnored, kId, kSource, kUrl, kPublished, kTitle, kText, kLang, kByline };

Field FieldOf(std::string_view key) {
  if (key == "id") return Field::kId;
  if (key == "source" || key == "outlet" || key == "publisher" || key == "site" ||
      key == "site_name") {
    return Field::kSource;
  }
  if (key == "url" || key == "link") return Field::kUrl;
  if (key == "published" || key == "date" || key == "published_at" || key == "timestamp") {
    return Field::kPublished;
  }
  if (key == "title" || key == "headline") return Field::kTitle;
  if (key == "text" || key == "body" || key == "content") return Field::kText;
  if (key == "lang" || key == "language") return Field::kLang;
  if (key == "byline" || key == "author" || key == "authors") return Field::kByline;
  return Field::kIgnored;
}

std::string_view TypeName(simdjson::dom::element_type t) {
  using T = simdjson::dom::element_type;
  switch (t) {
    case T::ARRAY: return "an array";
    case T::OBJECT: return "an object";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE: return "a number";
    case T::STRING: return "a string";
    case T::BOOL: return "a boolean";
    case T::NULL_VALUE: return "null";
  }
  return "a value";
}

// Parses one record. Returns an error message, or "" on success.
std::string ParseRecord(simdjson::dom::element doc, std::string_view path, size_t line_no,
                        const IngestOptions& options, Diagnostics& diag, Article* a) {
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return std::string("expected a JSON object, found ") + std::string(TypeName(doc.type()));
  bool has_text = false;
  std::string text_holder;
  for (auto [key, value] : obj) {
    Field f = FieldOf(key);
    if (f == Field::kIgnored) continue;
    auto type = value.type();
    if (type == simdjson::dom::element_type::NULL_VALUE) continue;
    if (f == Field::kId && (type == simdjson::dom::element_type::INT64 ||
                            type == simdjson::dom::element_type::UINT64)) {
      a->id = simdjson::to_string(value);
      continue;
    }
    if (f == Field::kPublished && type != simdjson::dom::element_type::STRING) {
      if (type == simdjson::dom::element_type::INT64 || type == simdjson::dom::element_type::UINT64 ||
          type == simdjson::dom::element_type::DOUBLE) {
        a->published = ParseTimestamp(simdjson::to_string(value));
        continue;
      }
    }
    if (f == Field::kByline && type == simdjson::dom::element_type::ARRAY) {
      std::string names;
      for (auto item : value.get_array()) {
        std::string_view s;
        if (item.get_string().get(s)) continue;
        if (!names.empty()) names += ", ";
        names += s;
      }
      a->byline = names;
      continue;
    }
    std::string_view s;
    if (value.get_string().get(s)) {
      return "field \"" + std::string(key) + "\" should be a string, found " + std::string(TypeName(type));
    }
    switch (f) {
      case Field::kId: a->id = std::string(TruncateUtf8(s, 1024)); break;
      case Field::kSource: a->source = std::string(TruncateUtf8(s, 512)); break;
      case Field::kUrl: a->url = std::string(TruncateUtf8(s, 8192)); break;
      case Field::kPublished:
        a->published = ParseTimestamp(s);
        if (!a->published && !TrimAscii(s).empty()) {
          diag.Warning(std::string(path), "unrecognised published time \"" + Excerpt(s) + "\" ignored",
                       line_no);
        }
        break;
      case Field::kTitle: a->title = std::string(TruncateUtf8(s, 4096)); break;
      case Field::kText:
        has_text = true;
        // simdjson has validated the string's UTF-8 (lone surrogate escapes
        // are parse errors).
        a->text = SanitizeText(s, path, line_no, options, diag, /*known_valid_utf8=*/true);
        break;
      case Field::kLang: a->lang = AsciiLowercase(TruncateUtf8(s, 16)); break;
      case Field::kByline: a->byline = std::string(TruncateUtf8(s, 1024)); break;
      case Field::kIgnored: break;
    }
  }
  if (!has_text) return "record has no \"text\" field";
  if (TrimAscii(a->text).empty()) return "record has empty text";
  return "";
}

}  // namespace

void ReadJsonLines(std::string_view path, InputStream& in, const IngestOptions& options,
                   Diagnostics& diag, const ArticleSink& sink, IngestStats* stats) {
  simdjson::dom::parser parser;
  LineReader reader(&in, options.max_line_bytes);
  std::string padded;  // reused across lines
  std::string repaired;
  std::string stem = IdFromPath(path);
  size_t records = 0;
  size_t nonblank = 0;
  size_t line_errors = 0;  // per-line errors; only the first kMaxLineErrors are printed
  constexpr size_t kMaxLineErrors = 20;
  auto line_error = [&](std::string message, size_t line_no) {
    ++stats->failed_inputs;
    if (++line_errors <= kMaxLineErrors) diag.Error(std::string(path), std::move(message), line_no);
  };
  while (true) {
    std::string_view line;
    bool too_long = false;
    auto more = reader.Next(&line, &too_long);
    if (!more.ok()) {
      diag.Error(std::string(path), "read error after line " + std::to_string(reader.line_number()) +
                                        ": " + more.status().message());
      ++stats->failed_inputs;
      break;
    }
    if (!*more) break;
    size_t line_no = reader.line_number();
    if (too_long) {
      line_error("line longer than " + std::to_string(options.max_line_bytes >> 20) + " MiB skipped",
                 line_no);
      continue;
    }
    if (TrimAscii(line).empty()) continue;
    if (++nonblank == 1) {
      std::string binary = DescribeBinary(line);
      if (!binary.empty()) {
        diag.Error(std::string(path), binary);
        ++stats->failed_inputs;
        return;
      }
    }
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    // simdjson validates UTF-8 as it parses; only a line it rejects for
    // that is repaired (then parsed again).
    padded.assign(line);
    padded.resize(line.size() + simdjson::SIMDJSON_PADDING, '\0');
    simdjson::dom::element doc;
    auto error = parser.parse(padded.data(), line.size(), false).get(doc);
    if (error == simdjson::UTF8_ERROR) {
      size_t bad = RepairUtf8(line, &repaired);
      diag.Warning(std::string(path),
                   "invalid UTF-8 (" + std::to_string(bad) + " bytes) repaired as Windows-1252",
                   line_no);
      line = repaired;
      padded.assign(line);
      padded.resize(line.size() + simdjson::SIMDJSON_PADDING, '\0');
      error = parser.parse(padded.data(), line.size(), false).get(doc);
    }
    if (error) {
      line_error(std::string("malformed JSON: ") + simdjson::error_message(error), line_no);
      continue;
    }
    Article a;
    a.origin = std::string(path);
    a.origin_line = line_no;
    std::string problem = ParseRecord(doc, path, line_no, options, diag, &a);
    if (!problem.empty()) {
      line_error(std::move(problem), line_no);
      continue;
    }
    if (a.id.empty()) a.id = a.url.empty() ? stem + ":" + std::to_string(line_no) : a.url;
    ++records;
    ++stats->articles;
    sink(std::move(a));
  }
  if (line_errors > kMaxLineErrors) {
    diag.Error(std::string(path), std::to_string(line_errors - kMaxLineErrors) +
                                      " more bad lines not shown (" + std::to_string(records) +
                                      " records read)");
  }
  if (nonblank == 0) {
    diag.Error(std::string(path), reader.line_number() == 0 ? "empty file" : "empty file (only whitespace)");
    ++stats->failed_inputs;
  }
}

}  // namespace rashomon
