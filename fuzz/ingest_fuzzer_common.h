// One body for the ingest fuzzers: the bytes go through IngestBytes as a
// file of the given name, so the format is chosen as for a real file.
#pragma once

#include <string>
#include <string_view>

#include "base/utf8.h"
#include "fuzz_util.h"
#include "ingest/ingest.h"

namespace rashomon::fuzz {

inline void FuzzIngest(const std::string& name, std::string_view bytes) {
  Diagnostics diag(/*echo=*/false);
  IngestOptions options;
  options.max_file_bytes = 1u << 20;
  options.max_line_bytes = 1u << 18;
  options.max_text_bytes = 1u << 18;
  IngestStats stats;
  size_t seen = 0;
  IngestBytes(name, bytes, options, diag,
              [&](Article&& a) {
                ++seen;
                FUZZ_CHECK(IsValidUtf8(a.text));
                FUZZ_CHECK(IsValidUtf8(a.title));
                FUZZ_CHECK(IsValidUtf8(a.source));
                FUZZ_CHECK(!a.id.empty());
                FUZZ_CHECK(a.text.size() <= options.max_text_bytes);
              },
              &stats);
  FUZZ_CHECK(stats.articles == seen);
}

}  // namespace rashomon::fuzz
