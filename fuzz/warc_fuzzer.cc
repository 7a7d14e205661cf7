// Fuzzes the WARC reader (through IngestBytes, as a ".warc" file): any bytes
// must be read or reported, never crash, and articles must hold valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/utf8.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  rashomon::Diagnostics diag(/*echo=*/false);
  rashomon::IngestOptions options;
  options.max_file_bytes = 1u << 20;
  rashomon::IngestStats stats;
  rashomon::IngestBytes("fuzz.warc", bytes, options, diag,
                        [](rashomon::Article&& a) {
                          if (!rashomon::IsValidUtf8(a.text) || a.id.empty()) std::abort();
                        },
                        &stats);
  return 0;
}
