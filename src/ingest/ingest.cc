#include "ingest/ingest.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/stream.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "html/encoding.h"
#include "ingest/feed.h"
#include "ingest/jsonl_chunk.h"

namespace rashomon {
namespace fs = std::filesystem;

namespace {

std::string_view StripCompressionSuffix(std::string_view name) {
  for (std::string_view ext : {".gz", ".zst", ".zstd"}) {
    if (EndsWithIgnoreCase(name, ext)) return name.substr(0, name.size() - ext.size());
  }
  return name;
}

std::string_view BaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

InputFormat SniffFormat(std::string_view head) {
  std::string_view t = TrimAscii(head.substr(0, 4096));
  if (t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
  if (t.substr(0, 5) == "WARC/") return InputFormat::kWarc;
  if (!t.empty() && t[0] == '{') return InputFormat::kJsonLines;
  if (!t.empty() && t[0] == '<') {
    if (LooksLikeFeed(t)) return InputFormat::kFeed;
    std::string lower = AsciiLowercase(t.substr(0, 1024));
    if (lower.find("<html") != std::string::npos || lower.find("<!doctype html") != std::string::npos ||
        lower.find("<body") != std::string::npos || lower.find("<p") != std::string::npos) {
      return InputFormat::kHtml;
    }
  }
  return InputFormat::kText;
}

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

}  // namespace

InputFormat FormatFromName(std::string_view path) {
  std::string_view name = StripCompressionSuffix(BaseName(path));
  for (std::string_view ext : {".txt", ".text", ".md", ".markdown"}) {
    if (EndsWithIgnoreCase(name, ext)) return InputFormat::kText;
  }
  for (std::string_view ext : {".jsonl", ".ndjson", ".json", ".jl"}) {
    if (EndsWithIgnoreCase(name, ext)) return InputFormat::kJsonLines;
  }
  for (std::string_view ext : {".html", ".htm", ".xhtml"}) {
    if (EndsWithIgnoreCase(name, ext)) return InputFormat::kHtml;
  }
  if (EndsWithIgnoreCase(name, ".warc")) return InputFormat::kWarc;
  for (std::string_view ext : {".rss", ".atom", ".rdf", ".opml"}) {
    if (EndsWithIgnoreCase(name, ext)) return InputFormat::kFeed;
  }
  return InputFormat::kUnknown;
}

std::string IdFromPath(std::string_view path) {
  std::string_view name = StripCompressionSuffix(BaseName(path));
  for (std::string_view ext : {".txt", ".text", ".md", ".markdown", ".jsonl", ".ndjson", ".json",
                               ".jl", ".html", ".htm", ".xhtml", ".warc", ".rss", ".atom", ".rdf",
                               ".opml"}) {
    if (EndsWithIgnoreCase(name, ext)) return std::string(name.substr(0, name.size() - ext.size()));
  }
  size_t dot = name.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0 && name.size() - dot <= 6) name = name.substr(0, dot);
  return std::string(name);
}

std::string DescribeBinary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 8192);
  size_t controls = 0;
  size_t nuls = 0;
  for (unsigned char c : head) {
    nuls += c == 0;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
  }
  // Binary formats (and UTF-16) are full of NULs; a few stray ones in text
  // (a broken scraper, a bad copy) are dropped by SanitizeText instead of
  // costing the whole file.
  if (nuls * 64 > std::max<size_t>(head.size(), 512)) {
    return "binary file (contains NUL bytes)";
  }
  if (!head.empty() && controls * 20 > head.size()) return "binary file (control characters)";
  // Mostly invalid UTF-8 that is not plausibly a legacy 8-bit text either.
  size_t high = 0, invalid = 0;
  for (size_t i = 0; i < head.size();) {
    unsigned char c = static_cast<unsigned char>(head[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    ++high;
    char32_t cp;
    size_t len = DecodeUtf8(head, i, &cp);
    if (cp == kReplacementChar && len == 1 && i + 4 < head.size()) ++invalid;
    i += len;
  }
  if (head.size() >= 64 && high * 2 > head.size() && invalid * 3 > high) {
    return "binary file (not text in any supported encoding)";
  }
  return "";
}

namespace {

// True if text holds a byte below 0x20 other than '\n' and '\t': 64 bytes
// at a time (SSE2) or eight, since almost every article has none. A block
// is first tested for any byte below 0x20 (one compare per 16 bytes); only
// a block that has one (usually a newline) is looked at again for the
// others.
bool HasControlBytes(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size(), i = 0;
#if defined(__SSE2__)
  const __m128i k1f = _mm_set1_epi8(0x1F), nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
  // Unsigned v <= 0x1F exactly when min(v, 0x1F) == v.
  auto low = [k1f](__m128i v) { return _mm_cmpeq_epi8(_mm_min_epu8(v, k1f), v); };
  auto disallowed = [&](__m128i v) {
    return _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, tab)), low(v));
  };
  for (; i + 64 <= n; i += 64) {
    __m128i v[4];
    for (size_t q = 0; q < 4; ++q) v[q] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 16 * q));
    const __m128i any = _mm_or_si128(_mm_or_si128(low(v[0]), low(v[1])), _mm_or_si128(low(v[2]), low(v[3])));
    if (_mm_movemask_epi8(any) == 0) continue;
    const __m128i bad = _mm_or_si128(_mm_or_si128(disallowed(v[0]), disallowed(v[1])),
                                     _mm_or_si128(disallowed(v[2]), disallowed(v[3])));
    if (_mm_movemask_epi8(bad) != 0) return true;
  }
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (_mm_movemask_epi8(disallowed(v)) != 0) return true;
  }
#endif
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    // A byte below 0x20 has its high bit set after subtracting 0x20 and was
    // not already >= 0x80 (the classic "has less than" test).
    if (((w - kOnes * 0x20) & ~w & kHigh) == 0) continue;
    for (size_t k = i; k < i + 8; ++k) {
      if (p[k] < 0x20 && p[k] != '\n' && p[k] != '\t') return true;
    }
  }
  for (; i < n; ++i) {
    if (p[i] < 0x20 && p[i] != '\n' && p[i] != '\t') return true;
  }
  return false;
}

}  // namespace

std::string SanitizeText(std::string_view text, std::string_view path, size_t line,
                         const IngestOptions& options, Diagnostics& diag, bool known_valid_utf8) {
  // Almost all input is valid UTF-8 without control bytes: one copy then.
  std::string repaired;
  std::string_view r = text;
  if (!known_valid_utf8 && !IsValidUtf8(text)) {
    size_t bad = RepairUtf8(text, &repaired);
    diag.RepeatedWarning("repairs of invalid UTF-8", std::string(path),
                         "invalid UTF-8 (" + std::to_string(bad) + " bytes) repaired as Windows-1252", line);
    r = repaired;
  }
  if (r.substr(0, 3) == "\xEF\xBB\xBF") r.remove_prefix(3);
  std::string out;
  if (!HasControlBytes(r)) {
    out.assign(r);
  } else {
    out.reserve(r.size());
    for (char c : r) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 && c != '\n' && c != '\t') {
        if (c == '\r' || c == '\f' || c == '\v') out.push_back('\n');
        continue;  // NUL and other controls carry no text
      }
      out.push_back(c);
    }
  }
  if (out.size() > options.max_text_bytes) {
    out.resize(TruncateUtf8(out, options.max_text_bytes).size());
    diag.RepeatedWarning("texts cut", std::string(path),
                         "article text cut to " + std::to_string(options.max_text_bytes >> 20) + " MiB", line);
  }
  return out;
}

std::string_view SanitizeValidText(std::string_view text, std::string_view path, size_t line,
                                   const IngestOptions& options, Diagnostics& diag,
                                   std::string* holder) {
  if (text.size() <= options.max_text_bytes && text.substr(0, 3) != "\xEF\xBB\xBF" &&
      !HasControlBytes(text)) {
    return text;
  }
  *holder = SanitizeText(text, path, line, options, diag, /*known_valid_utf8=*/true);
  return *holder;
}

namespace {

// Where IngestFile hands its articles: to `article`, or, when `ref` is set,
// to `ref` (JSON Lines records without building Articles).
struct Sinks {
  const ArticleSink* article = nullptr;
  const ArticleRefSink* ref = nullptr;
};

void IngestFileTo(const std::string& path, const IngestOptions& options, Diagnostics& diag,
                  const Sinks& sinks, IngestStats* stats);

}  // namespace

void IngestFile(const std::string& path, const IngestOptions& options, Diagnostics& diag,
                const ArticleSink& sink, IngestStats* stats) {
  IngestFileTo(path, options, diag, Sinks{.article = &sink, .ref = nullptr}, stats);
}

namespace {

// Reads until n bytes or the end: the number read.
Result<size_t> ReadFully(InputStream& in, char* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ASSIGN_OR_RETURN(size_t r, in.Read(buf + got, n - got));
    if (r == 0) break;
    got += r;
  }
  return got;
}

// Bytes already read from a stream, then the rest of it.
class PrefixedStream : public InputStream {
 public:
  PrefixedStream(std::string head, InputStream* rest) : head_(std::move(head)), rest_(rest) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (at_ < head_.size()) {
      size_t k = std::min(n, head_.size() - at_);
      std::memcpy(buf, head_.data() + at_, k);
      at_ += k;
      return k;
    }
    return rest_->Read(buf, n);
  }

 private:
  std::string head_;
  size_t at_ = 0;
  InputStream* rest_;
};

void IngestFileTo(const std::string& path, const IngestOptions& options, Diagnostics& diag,
                  const Sinks& sinks, IngestStats* stats) {
  ArticleSink adapter;
  if (sinks.ref != nullptr) {
    adapter = [ref = sinks.ref](Article&& a) {
      (*ref)(ArticleRef{.id = a.id, .title = a.title, .text = a.text, .origin = a.origin,
                        .origin_line = a.origin_line});
    };
  }
  const ArticleSink& sink = sinks.ref != nullptr ? adapter : *sinks.article;
  Compression compression = Compression::kNone;
  auto in = OpenInput(path, &compression);
  if (!in.ok()) {
    diag.Error(path, "cannot read: " + in.status().message());
    ++stats->failed_inputs;
    return;
  }
  ++stats->files;
  InputFormat format = FormatFromName(path);
  // Streamed formats: hand over the stream (sniffing needs no full read).
  if (format == InputFormat::kJsonLines) {
    // UTF-16 (by its byte-order mark or its zero bytes) is read whole and
    // converted, as IngestBytes does; anything else streams.
    std::string head(4096, '\0');
    auto got = ReadFully(**in, head.data(), head.size());
    if (!got.ok()) {
      diag.Error(path, "cannot read: " + got.status().message());
      ++stats->failed_inputs;
      return;
    }
    head.resize(*got);
    if (!SniffUtf16(head).empty()) {
      auto rest = ReadAll(**in, options.max_file_bytes - std::min(options.max_file_bytes, head.size()));
      if (!rest.ok()) {
        diag.Error(path, "cannot read: " + rest.status().message());
        ++stats->failed_inputs;
        return;
      }
      IngestBytes(path, head + *rest, options, diag, sink, stats);
      return;
    }
    PrefixedStream prefixed(std::move(head), in->get());
    if (sinks.ref != nullptr) {
      ReadJsonLinesRefs(path, prefixed, options, diag, *sinks.ref, stats);
    } else {
      ReadJsonLines(path, prefixed, options, diag, sink, stats);
    }
    return;
  }
  if (format == InputFormat::kWarc) {
    ReadWarc(path, **in, options, diag, sink, stats);
    return;
  }
  auto bytes = ReadAll(**in, options.max_file_bytes);
  if (!bytes.ok()) {
    diag.Error(path, "cannot read: " + bytes.status().message());
    ++stats->failed_inputs;
    return;
  }
  IngestBytes(path, *bytes, options, diag, sink, stats);
}

}  // namespace

void IngestBytes(const std::string& path, std::string_view bytes, const IngestOptions& options,
                 Diagnostics& diag, const ArticleSink& sink, IngestStats* stats) {
  if (TrimAscii(bytes).empty()) {
    diag.Error(path, bytes.empty() ? "empty file" : "empty file (only whitespace)");
    ++stats->failed_inputs;
    return;
  }
  InputFormat format = FormatFromName(path);
  // libxml2 reads a feed's encoding itself (UTF-16 included) and reports
  // bytes that are not XML.
  if (format == InputFormat::kFeed) {
    ReadFeedFile(path, bytes, options, diag, sink, stats);
    return;
  }
  // UTF-16 text is full of zero bytes: convert it before the binary check.
  std::string converted;
  if (std::string utf16 = SniffUtf16(bytes); format != InputFormat::kWarc && !utf16.empty()) {
    converted = DecodeHtmlToUtf8(bytes, utf16).text;
    bytes = converted;
  }
  if (format != InputFormat::kWarc) {
    std::string binary = DescribeBinary(bytes);
    if (!binary.empty()) {
      diag.Error(path, binary);
      ++stats->failed_inputs;
      return;
    }
  }
  if (format == InputFormat::kUnknown) format = SniffFormat(bytes);
  switch (format) {
    case InputFormat::kJsonLines: {
      auto mem = NewMemoryStream(bytes);
      ReadJsonLines(path, *mem, options, diag, sink, stats);
      return;
    }
    case InputFormat::kWarc: {
      auto mem = NewMemoryStream(bytes);
      ReadWarc(path, *mem, options, diag, sink, stats);
      return;
    }
    case InputFormat::kFeed: ReadFeedFile(path, bytes, options, diag, sink, stats); return;
    case InputFormat::kHtml: ReadHtmlArticle(path, bytes, options, diag, sink, stats); return;
    case InputFormat::kText:
    case InputFormat::kUnknown: ReadTextArticle(path, bytes, options, diag, sink, stats); return;
  }
}

namespace {

// Collects the readable files under `dir` (recursively, hidden entries
// skipped, symbolic links to folders not followed so no link can loop).
// A folder that cannot be listed, and a link to a file of a readable format
// that leads nowhere (dangling or looping), is an error naming it; the walk
// goes on with the rest.
void WalkFolder(const fs::path& dir, Diagnostics& diag, IngestStats* stats,
                std::vector<std::string>* files) {
  std::vector<fs::path> pending = {dir};
  while (!pending.empty()) {
    fs::path current = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(current, ec);
    if (ec) {
      diag.Error(current.string(), "cannot read folder: " + ec.message());
      ++stats->failed_inputs;
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      const fs::directory_entry& entry = *it;
      if (IsHidden(entry.path())) continue;
      std::error_code type_ec;
      fs::file_status link = entry.symlink_status(type_ec);
      if (fs::is_directory(link)) {
        pending.push_back(entry.path());
        continue;
      }
      std::string p = entry.path().string();
      if (FormatFromName(p) == InputFormat::kUnknown) continue;
      fs::file_status target = entry.status(type_ec);
      if (fs::is_symlink(link) && (type_ec || !fs::exists(target))) {
        diag.Error(p, "broken symbolic link: " +
                          (type_ec ? type_ec.message() : std::string("target does not exist")));
        ++stats->failed_inputs;
        continue;
      }
      if (fs::is_regular_file(target)) files->push_back(std::move(p));
    }
    if (ec) {
      diag.Error(current.string(), "error while walking folder: " + ec.message());
      ++stats->failed_inputs;
    }
  }
}

}  // namespace

namespace {

std::string KindOf(const fs::file_status& st) {
  switch (st.type()) {
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    default: return "not a file";
  }
}

}  // namespace

namespace internal {

void ForEachInputFile(const std::vector<std::string>& paths, Diagnostics& diag, IngestStats* stats,
                      const std::function<void(const std::string& file)>& fn) {
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      bool missing = !ec || ec == std::errc::no_such_file_or_directory;
      diag.Error(path, missing ? std::string("no such file or directory") : "cannot read: " + ec.message());
      ++stats->failed_inputs;
      continue;
    }
    if (fs::is_regular_file(st)) {
      fn(path);
      continue;
    }
    if (!fs::is_directory(st)) {
      // Opening a FIFO blocks until someone writes to it, and a device
      // may never end: neither is read.
      diag.Error(path, "not a regular file or folder (" + KindOf(st) + "); not read");
      ++stats->failed_inputs;
      continue;
    }
    // Walk the folder; collect then sort so the order is the same everywhere.
    std::vector<std::string> files;
    WalkFolder(path, diag, stats, &files);
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) fn(f);
  }
}

}  // namespace internal

namespace {

IngestStats IngestPathsTo(const std::vector<std::string>& paths, const IngestOptions& options,
                          Diagnostics& diag, const Sinks& sinks) {
  IngestStats stats;
  internal::ForEachInputFile(paths, diag, &stats,
                             [&](const std::string& f) { IngestFileTo(f, options, diag, sinks, &stats); });
  return stats;
}

}  // namespace

IngestStats IngestPaths(const std::vector<std::string>& paths, const IngestOptions& options,
                        Diagnostics& diag, const ArticleSink& sink) {
  return IngestPathsTo(paths, options, diag, Sinks{.article = &sink, .ref = nullptr});
}

IngestStats IngestPathsRefs(const std::vector<std::string>& paths, const IngestOptions& options,
                            Diagnostics& diag, const ArticleRefSink& sink) {
  return IngestPathsTo(paths, options, diag, Sinks{.article = nullptr, .ref = &sink});
}

void ArticleCollector::Add(Article&& a) {
  auto [it, inserted] = index_.emplace(a.id, articles_.size());
  if (inserted) {
    articles_.push_back(std::move(a));
    return;
  }
  const Article& first = articles_[it->second];
  if (first.text == a.text && first.title == a.title) {
    diag_->RepeatedWarning("articles already read", a.origin,
                           "article '" + a.id + "' already read from " + first.origin + "; skipped",
                           a.origin_line);
    return;
  }
  // Numbering goes on from the last suffix given to this id, so many
  // copies of one id cost one lookup each, not one per earlier copy.
  int& next = next_suffix_[a.id];
  for (int n = std::max(next, 2);; ++n) {
    std::string renamed = a.id + "#" + std::to_string(n);
    if (index_.emplace(renamed, articles_.size()).second) {
      next = n + 1;
      diag_->RepeatedWarning("duplicate ids", a.origin,
                             "duplicate article id '" + a.id + "' renamed '" + renamed + "'", a.origin_line);
      a.id = std::move(renamed);
      articles_.push_back(std::move(a));
      return;
    }
  }
}

}  // namespace rashomon
