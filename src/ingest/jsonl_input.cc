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
#include "ingest/jsonl_chunk.h"

namespace rashomon {
namespace {

using internal::kMaxJsonLineErrors;
using internal::MoreBadLinesMessage;
using internal::TooLongMessage;

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

// "<stem>:<line>": the id of a record with neither id nor url.
std::string LineId(std::string_view stem, size_t line) { return std::string(stem) + ":" + std::to_string(line); }

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

// Parses single lines of one JSON Lines file: the part of reading that
// needs no other line, shared by the streaming reader and the chunks read
// in parallel (ReadJsonLinesChunk).
class LineParser {
 public:
  LineParser(std::string_view path, const IngestOptions& options, Diagnostics& diag)
      : path_(path), stem_(IdFromPath(path)), options_(options), diag_(diag) {}

  // Parses the nonblank `line` number `line_no` (kPadding bytes readable
  // after it). Returns "" and fills fields() (its id set: the id field, else
  // the url, else "<file stem>:<line>"), or the line's error.
  // A byte-order mark is dropped from the file's first line.
  std::string Parse(std::string_view line, size_t line_no, bool first_of_file) {
    if (first_of_file && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    // The line is parsed where the reader holds it (the reader keeps
    // padding readable after it). simdjson validates UTF-8 as it parses;
    // only a line it rejects for that is repaired (then parsed again).
    simdjson::dom::element doc;
    auto error = parser_.parse(line.data(), line.size(), false).get(doc);
    if (error == simdjson::UTF8_ERROR) {
      size_t bad = RepairUtf8(line, &repaired_);
      diag_.RepeatedWarning("repairs of invalid UTF-8", std::string(path_),
                            "invalid UTF-8 (" + std::to_string(bad) + " bytes) repaired as Windows-1252",
                            line_no);
      padded_.assign(repaired_);
      padded_.resize(repaired_.size() + simdjson::SIMDJSON_PADDING, '\0');
      error = parser_.parse(padded_.data(), repaired_.size(), false).get(doc);
    }
    if (error) return std::string("malformed JSON: ") + simdjson::error_message(error);
    fields_.Reset();
    std::string problem = ParseRecord(doc, path_, line_no, options_, diag_, &fields_);
    if (!problem.empty()) return problem;
    id_from_line_ = false;
    if (fields_.id.empty()) {
      if (fields_.url.empty()) {
        fields_.id_holder = IdOfLine(line_no);
        fields_.id = fields_.id_holder;
        id_from_line_ = true;
      } else {
        fields_.id = fields_.url;
      }
    }
    return "";
  }
  RecordFields& fields() { return fields_; }
  // Whether the last record parsed was named by its line (IdOfLine).
  bool id_from_line() const { return id_from_line_; }
  // The id of a record with neither id nor url: "<file stem>:<line>".
  std::string IdOfLine(size_t line_no) const { return LineId(stem_, line_no); }

 private:
  std::string_view path_;
  std::string stem_;
  const IngestOptions& options_;
  Diagnostics& diag_;
  simdjson::dom::parser parser_;
  std::string padded_;  // a line that had to be changed, padded; reused
  std::string repaired_;
  RecordFields fields_;
  bool id_from_line_ = false;
};

// Reads the records of a JSON Lines stream, reporting bad lines to diag,
// and calls deliver(fields, line_no) for each good one.
template <typename Deliver>
void ReadJsonLinesWith(std::string_view path, InputStream& in, const IngestOptions& options,
                       Diagnostics& diag, IngestStats* stats, Deliver&& deliver) {
  static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING);
  LineReader reader(&in, options.max_line_bytes);
  LineParser parser(path, options, diag);
  size_t records = 0;
  size_t nonblank = 0;
  size_t line_errors = 0;  // per-line errors; only the first kMaxJsonLineErrors are printed
  auto line_error = [&](std::string message, size_t line_no) {
    ++stats->failed_inputs;
    if (++line_errors <= kMaxJsonLineErrors) diag.Error(std::string(path), std::move(message), line_no);
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
      line_error(TooLongMessage(options), line_no);
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
    std::string problem = parser.Parse(line, line_no, line_no == 1);
    if (!problem.empty()) {
      line_error(std::move(problem), line_no);
      continue;
    }
    ++records;
    ++stats->articles;
    deliver(parser.fields(), line_no);
  }
  if (line_errors > kMaxJsonLineErrors) {
    diag.Error(std::string(path), MoreBadLinesMessage(line_errors - kMaxJsonLineErrors, records));
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

namespace internal {

std::string TooLongMessage(const IngestOptions& options) {
  return "line longer than " + std::to_string(options.max_line_bytes >> 20) + " MiB skipped";
}

std::string MoreBadLinesMessage(size_t hidden, size_t records) {
  return std::to_string(hidden) + " more bad lines not shown (" + std::to_string(records) + " records read)";
}

std::string IdOfLine(std::string_view path, size_t line) { return LineId(IdFromPath(path), line); }

JsonLinesChunkInfo ReadJsonLinesChunk(std::string_view path, std::string_view bytes, size_t first_line,
                                      const IngestOptions& options, Diagnostics& diag,
                                      const ArticleRefSink& sink) {
  static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING);
  JsonLinesChunkInfo info;
  LineParser parser(path, options, diag);
  const bool known = first_line != 0;
  size_t line_no = known ? first_line : 1;
  size_t records = 0;
  for (size_t at = 0; at < bytes.size(); ++line_no) {
    size_t nl = bytes.find('\n', at);
    if (nl == std::string_view::npos) nl = bytes.size();
    std::string_view line = bytes.substr(at, nl - at);
    at = nl + 1;
    ++info.lines;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > options.max_line_bytes) {
      diag.Error(std::string(path), TooLongMessage(options), line_no);
      continue;
    }
    if (TrimAscii(line).empty()) continue;
    if (info.first_nonblank_line == 0) {
      info.first_nonblank_line = line_no;
      info.binary = DescribeBinary(line);
    }
    std::string problem = parser.Parse(line, line_no, known && line_no == 1);
    if (!problem.empty()) {
      diag.Error(std::string(path), std::move(problem), line_no);
      continue;
    }
    const RecordFields& r = parser.fields();
    if (!known && parser.id_from_line()) info.ids_from_lines.push_back(records);
    ++records;
    sink(ArticleRef{.id = r.id, .title = r.title, .text = r.text, .origin = path, .origin_line = line_no});
  }
  return info;
}

}  // namespace internal

void ReadJsonLinesRefs(std::string_view path, InputStream& in, const IngestOptions& options,
                       Diagnostics& diag, const ArticleRefSink& sink, IngestStats* stats) {
  ReadJsonLinesWith(path, in, options, diag, stats, [&](const RecordFields& r, size_t line_no) {
    sink(ArticleRef{.id = r.id, .title = r.title, .text = r.text, .origin = path,
                    .origin_line = line_no});
  });
}

}  // namespace rashomon
