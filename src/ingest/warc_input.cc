// WARC archives (ISO 28500, versions 1.0 and 1.1), plain or gzip-compressed
// with one member per record (the stream layer joins the members).
//
// Each response record whose HTTP status is 200 and whose Content-Type is
// HTML becomes one article through the HTML extractor: the target URI is its
// id and url, and the WARC-Date stands in when the page gives no publication
// time. Other records are skipped and counted. A malformed record header is
// reported with its record number and the reader resynchronises on the next
// "WARC/" line; a record cut short (a truncated file or gzip member) ends the
// archive with one error. Memory is bounded by max_file_bytes per record.
#include <algorithm>
#include <charconv>
#include <cstring>

#include "base/stream.h"
#include "base/strings.h"
#include "base/time.h"
#include "html/encoding.h"
#include "html/extract.h"
#include "ingest/ingest.h"

namespace rashomon {
namespace {

// Buffered reads of lines and counted blocks over an InputStream.
class RecordReader {
 public:
  explicit RecordReader(InputStream* in) : in_(in) {}

  // Next line without its "\r\n" or "\n"; false at the end of the stream.
  // Lines longer than max_bytes are cut (the rest is consumed).
  Result<bool> Line(std::string* line, size_t max_bytes = 1u << 16) {
    line->clear();
    while (true) {
      size_t nl = buf_.find('\n', pos_);
      if (nl != std::string::npos) {
        size_t n = std::min(nl - pos_, max_bytes);
        line->assign(buf_, pos_, n);
        pos_ = nl + 1;
        if (!line->empty() && line->back() == '\r') line->pop_back();
        return true;
      }
      if (buf_.size() - pos_ > max_bytes) {
        // Drop the middle of an overlong line, keep scanning for its end.
        if (line->empty()) line->assign(buf_, pos_, max_bytes);
        pos_ = buf_.size();
      }
      RETURN_IF_ERROR(Fill());
      if (eof_ && pos_ >= buf_.size()) return !line->empty();
      if (eof_ && buf_.find('\n', pos_) == std::string::npos) {
        line->append(buf_, pos_, std::min(buf_.size() - pos_, max_bytes));
        pos_ = buf_.size();
        return true;
      }
    }
  }

  // Reads exactly n bytes into *out (keeping at most keep bytes of them);
  // false when the stream ended first.
  Result<bool> Block(uint64_t n, size_t keep, std::string* out) {
    out->clear();
    while (n > 0) {
      if (pos_ >= buf_.size()) {
        RETURN_IF_ERROR(Fill());
        if (pos_ >= buf_.size()) return false;
      }
      size_t take = static_cast<size_t>(std::min<uint64_t>(n, buf_.size() - pos_));
      if (out->size() < keep) out->append(buf_, pos_, std::min(take, keep - out->size()));
      pos_ += take;
      n -= take;
    }
    return true;
  }

 private:
  Status Fill() {
    if (eof_) return Status::Ok();
    if (pos_ > 0 && pos_ >= buf_.size() / 2) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    size_t old = buf_.size();
    buf_.resize(old + (64u << 10));
    auto got = in_->Read(buf_.data() + old, 64u << 10);
    if (!got.ok()) {
      buf_.resize(old);
      eof_ = true;
      return got.status();
    }
    buf_.resize(old + *got);
    if (*got == 0) eof_ = true;
    return Status::Ok();
  }

  InputStream* in_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
};

struct HttpResponse {
  int status = 0;
  std::string content_type;
  std::string transfer_encoding;
  std::string content_encoding;
  std::string_view body;
};

// Parses an HTTP/1.x response held in `block`; false if it is not one.
bool ParseHttp(std::string_view block, HttpResponse* r) {
  size_t end = block.find("\r\n\r\n");
  size_t sep = 4;
  if (end == std::string_view::npos) {
    end = block.find("\n\n");
    sep = 2;
  }
  if (end == std::string_view::npos || block.substr(0, 5) != "HTTP/") return false;
  std::string_view head = block.substr(0, end);
  r->body = block.substr(end + sep);
  bool first = true;
  for (std::string_view line : SplitLines(head)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first) {
      first = false;
      size_t sp = line.find(' ');
      if (sp == std::string_view::npos) return false;
      std::string_view code = line.substr(sp + 1, 3);
      int status = 0;  // stays 0 (not 200, so skipped) when not a number
      std::from_chars(code.data(), code.data() + code.size(), status);
      r->status = status;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = AsciiLowercase(TrimAscii(line.substr(0, colon)));
    std::string value(TrimAscii(line.substr(colon + 1)));
    if (name == "content-type") r->content_type = value;
    if (name == "transfer-encoding") r->transfer_encoding = AsciiLowercase(value);
    if (name == "content-encoding") r->content_encoding = AsciiLowercase(value);
  }
  return true;
}

// Undoes chunked transfer coding; stops quietly at the first malformed chunk.
std::string Dechunk(std::string_view body) {
  std::string out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) break;
    size_t size = 0;
    bool any = false;
    for (size_t i = pos; i < nl; ++i) {
      char c = body[i];
      int v = IsAsciiDigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (v < 0) break;
      if (size > (body.size() >> 4)) return out;
      size = size * 16 + static_cast<size_t>(v);
      any = true;
    }
    if (!any || size == 0) break;
    pos = nl + 1;
    out.append(body.substr(pos, std::min(size, body.size() - pos)));
    pos += size;
    while (pos < body.size() && (body[pos] == '\r' || body[pos] == '\n')) ++pos;
  }
  return out;
}

// "256 MiB" for whole mebibytes, else bytes.
std::string SizeText(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// The named fields of a WARC record header.
struct RecordHeader {
  std::string type;  // lowercased WARC-Type
  std::string uri, date;
  int64_t length = -1;  // Content-Length; -1 when missing or malformed
};

// Reads header lines up to the blank line that ends them. False when the
// archive ends (or cannot be read) first.
bool ReadRecordHeader(RecordReader& reader, std::string* line, RecordHeader* header) {
  while (true) {
    auto h = reader.Line(line);
    if (!h.ok() || !*h) return false;
    if (line->empty()) return true;
    size_t colon = line->find(':');
    if (colon == std::string::npos) continue;
    std::string name = AsciiLowercase(TrimAscii(std::string_view(*line).substr(0, colon)));
    std::string value(TrimAscii(std::string_view(*line).substr(colon + 1)));
    if (name == "warc-type") header->type = AsciiLowercase(value);
    if (name == "warc-target-uri") header->uri = value;
    if (name == "warc-date") header->date = value;
    if (name == "content-length") {
      char* endp = nullptr;
      long long v = std::strtoll(value.c_str(), &endp, 10);
      header->length = (endp != value.c_str() && *endp == '\0' && v >= 0) ? v : -1;
    }
  }
}

// The HTTP body with its transfer and content encodings undone (at most
// `max_bytes` decompressed; a body that does not decompress stays as sent).
std::string DecodedPayload(const HttpResponse& http, size_t max_bytes) {
  std::string payload(http.body);
  if (http.transfer_encoding.find("chunked") != std::string::npos) payload = Dechunk(payload);
  if (http.content_encoding == "gzip" || http.content_encoding == "x-gzip" || http.content_encoding == "zstd") {
    auto mem = NewMemoryStream(payload);
    auto dec = NewDecompressingStream(std::move(mem));
    if (dec.ok()) {
      auto all = ReadAll(**dec, max_bytes);
      if (all.ok()) payload = std::move(all).value();
    }
  }
  return payload;
}

}  // namespace

void ReadWarc(std::string_view path, InputStream& in, const IngestOptions& options, Diagnostics& diag,
              const ArticleSink& sink, IngestStats* stats) {
  std::string file(path);
  RecordReader reader(&in);
  HtmlOptions html_options;
  std::string line, block;
  size_t record = 0;
  size_t skipped_type = 0, skipped_status = 0, skipped_content = 0, skipped_empty = 0;
  auto error = [&](const std::string& where, const std::string& message) {
    Diagnostic d;
    d.severity = Severity::kError;
    d.file = file;
    d.record = where;
    d.message = message;
    diag.Add(std::move(d));
    ++stats->failed_inputs;
  };
  bool resync = false;
  while (true) {
    auto got = reader.Line(&line);
    if (!got.ok()) {
      error("record " + std::to_string(record + 1), "cannot read: " + got.status().message());
      break;
    }
    if (!*got) break;
    if (TrimAscii(line).empty()) continue;
    if (line.rfind("WARC/", 0) != 0) {
      if (!resync) {
        error("record " + std::to_string(record + 1), "malformed WARC header: expected a WARC/ version line");
        resync = true;
      }
      continue;
    }
    resync = false;
    ++record;
    RecordHeader header;
    bool ended = !ReadRecordHeader(reader, &line, &header);
    std::string type = std::move(header.type), uri = std::move(header.uri), date = std::move(header.date);
    int64_t length = header.length;
    if (!uri.empty() && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
    std::string where = "record " + std::to_string(record) + (uri.empty() ? "" : " " + uri);
    if (ended) {
      error(where, "archive ends inside a record header");
      break;
    }
    if (length < 0) {
      error(where, "malformed WARC header: missing or bad Content-Length");
      resync = true;
      continue;
    }
    bool wanted = type == "response" && static_cast<uint64_t>(length) <= options.max_file_bytes;
    auto body = reader.Block(static_cast<uint64_t>(length), wanted ? static_cast<size_t>(length) : 0, &block);
    if (!body.ok() || !*body) {
      error(where, body.ok() ? "record cut short: archive ends before its Content-Length"
                             : "cannot read: " + body.status().message());
      break;
    }
    if (type != "response") {
      ++skipped_type;
      continue;
    }
    if (!wanted) {
      // Its block was read past without being kept, so memory stays bounded.
      error(where, "record of " + std::to_string(length) + " bytes is over the " + SizeText(options.max_file_bytes) +
                       " limit; skipped");
      continue;
    }
    HttpResponse http;
    if (!ParseHttp(block, &http)) {
      error(where, "response record without an HTTP header");
      continue;
    }
    if (http.status != 200) {
      ++skipped_status;
      continue;
    }
    std::string ct = AsciiLowercase(http.content_type);
    if (ct.find("html") == std::string::npos) {
      ++skipped_content;
      continue;
    }
    std::string payload = DecodedPayload(http, options.max_file_bytes);
    // Servers label images and archives text/html too. UTF-16 pages are
    // full of zero bytes but are text.
    if (SniffUtf16(payload).empty() && !DescribeBinary(payload).empty()) {
      ++skipped_content;
      continue;
    }
    auto page = ExtractHtml(payload, uri, html_options, CharsetFromContentType(http.content_type));
    if (!page.ok()) {
      ++skipped_empty;
      continue;
    }
    if (page->truncated) {
      Diagnostic d;
      d.severity = Severity::kWarning;
      d.file = file;
      d.record = where;
      d.message = "page longer than " + SizeText(html_options.max_html_bytes) + "; only its start was read";
      diag.Add(std::move(d));
    }
    Article a;
    a.id = uri.empty() ? IdFromPath(path) + "#" + std::to_string(record) : uri;
    a.url = uri.empty() ? page->canonical_url : uri;
    a.source = std::move(page->site_name);
    a.published = page->published ? page->published : ParseTimestamp(date);
    a.title = std::move(page->title);
    a.byline = std::move(page->byline);
    a.lang = std::move(page->lang);
    a.text = SanitizeText(page->text, path, 0, options, diag);
    a.origin = file;
    a.origin_line = record;
    ++stats->articles;
    sink(std::move(a));
  }
  size_t skipped = skipped_type + skipped_status + skipped_content + skipped_empty;
  stats->skipped_records += skipped;
  if (skipped_status + skipped_content + skipped_empty > 0) {
    diag.Warning(file, "skipped " + std::to_string(skipped_status) + " non-200, " + std::to_string(skipped_content) +
                           " non-HTML and " + std::to_string(skipped_empty) + " textless response records (and " +
                           std::to_string(skipped_type) + " other records)");
  }
}

}  // namespace rashomon
