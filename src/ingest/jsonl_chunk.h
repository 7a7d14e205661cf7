// Internal to ingest/: JSON Lines read in chunks of whole lines, each parsed
// on its own (by ingest/parallel.cc, on worker threads), with the rules that
// span a whole file (the first nonblank line's binary check, the cap on
// errors shown) applied afterwards in file order.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "ingest/ingest.h"

namespace rashomon::internal {

// The files of `paths` in the order IngestPaths reads them (folders walked
// and sorted), each passed to fn; missing paths, unreadable folders and
// other problems go to diag (and stats) as IngestPaths reports them.
void ForEachInputFile(const std::vector<std::string>& paths, Diagnostics& diag, IngestStats* stats,
                      const std::function<void(const std::string& file)>& fn);

// "line longer than N MiB skipped".
std::string TooLongMessage(const IngestOptions& options);

// Errors of single lines shown per JSON Lines file; the rest are counted
// in one closing line (MoreBadLinesMessage).
inline constexpr size_t kMaxJsonLineErrors = 20;
std::string MoreBadLinesMessage(size_t hidden, size_t records);

struct JsonLinesChunkInfo {
  size_t lines = 0;                // lines in the chunk
  size_t first_nonblank_line = 0;  // 0: none
  std::string binary;              // DescribeBinary of that line
  // first_line 0: the records (0 the first given to sink, ...) named by
  // their line number within the chunk (records with neither id nor url).
  std::vector<size_t> ids_from_lines;
};

// "<file stem>:<line>", the id of a record with neither id nor url.
std::string IdOfLine(std::string_view path, size_t line);

// Parses the lines of `bytes` (whole lines, LineReader::kPadding readable
// bytes after them), the first numbered first_line; or, when first_line
// is 0 (a chunk whose place in the file is not known yet), numbered from 1
// within the chunk, which is then taken not to start the file (its first
// line keeps a byte-order mark) and whose records named by their line are
// listed in the info, for the caller to name once it knows the numbers.
// Each error of a line
// goes to diag as one Error with its line (uncapped: the caller caps them
// per file); warnings as the streaming reader gives them; each good record
// to sink, in order. The first nonblank line is parsed too: the caller
// drops what follows it when it is the file's first and binary.
JsonLinesChunkInfo ReadJsonLinesChunk(std::string_view path, std::string_view bytes, size_t first_line,
                                      const IngestOptions& options, Diagnostics& diag,
                                      const ArticleRefSink& sink);

}  // namespace rashomon::internal
