// JSON Lines articles, parsed with simdjson's DOM parser (it validates the
// whole line, so a malformed record is reported rather than half-read).
#include <simdjson.h>

#include <optional>
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

// The fields of one record as borrowed views: into the parser's string
// buffer (valid until its next parse) or into the holders here.
struct RecordFields {
  std::string_view id, source, url, title, text, lang, byline;
  std::optional<int64_t> published;
  bool has_text = false;
  std::string id_holder, byline_holder, text_holder;

  // Clears the fields for the next record; the holders keep their memory.
  void Reset() {
    id = source = url = title = text = lang = byline = std::string_view();
    published.reset();
    has_text = false;
  }
};

// Parses one record. Returns an error message, or "" on success.
std::string ParseRecord(simdjson::dom::element doc, std::string_view path, size_t line_no,
                        const IngestOptions& options, Diagnostics& diag, RecordFields* r) {
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return std::string("expected a JSON object, found ") + std::string(TypeName(doc.type()));
  for (auto [key, value] : obj) {
    Field f = FieldOf(key);
    if (f == Field::kIgnored) continue;
    auto type = value.type();
    if (type == simdjson::dom::element_type::NULL_VALUE) continue;
    if (f == Field::kId && (type == simdjson::dom::element_type::INT64 ||
                            type == simdjson::dom::element_type::UINT64)) {
      r->id_holder = simdjson::to_string(value);
      r->id = r->id_holder;
      continue;
    }
    if (f == Field::kPublished && type != simdjson::dom::element_type::STRING) {
      if (type == simdjson::dom::element_type::INT64 || type == simdjson::dom::element_type::UINT64 ||
          type == simdjson::dom::element_type::DOUBLE) {
        r->published = ParseTimestamp(simdjson::to_string(value));
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
      r->byline_holder = std::move(names);
      r->byline = r->byline_holder;
      continue;
    }
    std::string_view s;
    if (value.get_string().get(s)) {
      return "field \"" + std::string(key) + "\" should be a string, found " + std::string(TypeName(type));
    }
    switch (f) {
      case Field::kId: r->id = TruncateUtf8(s, 1024); break;
      case Field::kSource: r->source = TruncateUtf8(s, 512); break;
      case Field::kUrl: r->url = TruncateUtf8(s, 8192); break;
      case Field::kPublished:
        r->published = ParseTimestamp(s);
        if (!r->published && !TrimAscii(s).empty()) {
          diag.RepeatedWarning("unrecognised published times", std::string(path),
                               "unrecognised published time \"" + Excerpt(s) + "\" ignored", line_no);
        }
        break;
      case Field::kTitle: r->title = TruncateUtf8(s, 4096); break;
      case Field::kText:
        r->has_text = true;
        // simdjson has validated the string's UTF-8 (lone surrogate escapes
        // are parse errors).
        r->text = SanitizeValidText(s, path, line_no, options, diag, &r->text_holder);
        break;
      case Field::kLang: r->lang = TruncateUtf8(s, 16); break;
      case Field::kByline: r->byline = TruncateUtf8(s, 1024); break;
      case Field::kIgnored: break;
    }
  }
  if (!r->has_text) return "record has no \"text\" field";
  if (TrimAscii(r->text).empty()) return "record has empty text";
  return "";
}

// Reads the records of a JSON Lines stream, reporting bad lines to diag,
// and calls deliver(fields, line_no) for each good one; fields->id is set
// (the id field, else the url, else "<file stem>:<line>").
template <typename Deliver>
void ReadJsonLinesWith(std::string_view path, InputStream& in, const IngestOptions& options,
                       Diagnostics& diag, IngestStats* stats, Deliver&& deliver) {
  static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING);
  simdjson::dom::parser parser;
  LineReader reader(&in, options.max_line_bytes);
  std::string padded;  // a line that had to be changed, padded; reused
  std::string repaired;
  std::string stem = IdFromPath(path);
  RecordFields fields;
  size_t records = 0;
  size_t nonblank = 0;
  size_t line_errors = 0;  // per-line errors; only the first kMaxLineErrors are printed
  constexpr size_t kMaxLineErrors = 20;
  auto line_error = [&](std::string message, size_t line_no) {
    ++stats->failed_inputs;
    if (++line_errors <= kMaxLineErrors) diag.Error(std::string(path), std::move(message), line_no);
  };
  auto parse_copy = [&](std::string_view text, simdjson::dom::element* doc) {
    padded.assign(text);
    padded.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
    return parser.parse(padded.data(), text.size(), false).get(*doc);
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
    // The line is parsed where the reader holds it (the reader keeps
    // padding readable after it). simdjson validates UTF-8 as it parses;
    // only a line it rejects for that is repaired (then parsed again).
    simdjson::dom::element doc;
    auto error = parser.parse(line.data(), line.size(), false).get(doc);
    if (error == simdjson::UTF8_ERROR) {
      size_t bad = RepairUtf8(line, &repaired);
      diag.RepeatedWarning("repairs of invalid UTF-8", std::string(path),
                           "invalid UTF-8 (" + std::to_string(bad) + " bytes) repaired as Windows-1252",
                           line_no);
      error = parse_copy(repaired, &doc);
    }
    if (error) {
      line_error(std::string("malformed JSON: ") + simdjson::error_message(error), line_no);
      continue;
    }
    fields.Reset();
    std::string problem = ParseRecord(doc, path, line_no, options, diag, &fields);
    if (!problem.empty()) {
      line_error(std::move(problem), line_no);
      continue;
    }
    if (fields.id.empty()) {
      if (fields.url.empty()) {
        fields.id_holder = stem + ":" + std::to_string(line_no);
        fields.id = fields.id_holder;
      } else {
        fields.id = fields.url;
      }
    }
    ++records;
    ++stats->articles;
    deliver(fields, line_no);
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

}  // namespace

void ReadJsonLines(std::string_view path, InputStream& in, const IngestOptions& options,
                   Diagnostics& diag, const ArticleSink& sink, IngestStats* stats) {
  ReadJsonLinesWith(path, in, options, diag, stats, [&](RecordFields& r, size_t line_no) {
    Article a;
    a.id = std::string(r.id);
    a.source = std::string(r.source);
    a.url = std::string(r.url);
    a.published = r.published;
    a.title = std::string(r.title);
    a.byline = std::string(r.byline);
    const bool held = !r.text_holder.empty() && r.text.data() == r.text_holder.data();
    a.text = held ? std::move(r.text_holder) : std::string(r.text);
    a.lang = AsciiLowercase(r.lang);
    a.origin = std::string(path);
    a.origin_line = line_no;
    sink(std::move(a));
  });
}

void ReadJsonLinesRefs(std::string_view path, InputStream& in, const IngestOptions& options,
                       Diagnostics& diag, const ArticleRefSink& sink, IngestStats* stats) {
  ReadJsonLinesWith(path, in, options, diag, stats, [&](const RecordFields& r, size_t line_no) {
    sink(ArticleRef{.id = r.id, .title = r.title, .text = r.text, .origin = path,
                    .origin_line = line_no});
  });
}

}  // namespace rashomon
