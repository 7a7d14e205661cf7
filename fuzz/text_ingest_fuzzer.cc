// Fuzzes the plain-text and Markdown reader (front matter, BOM, stray bytes):
// every article must hold valid UTF-8 within the text limit.
#include <cstddef>
#include <cstdint>

#include "ingest_fuzzer_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rashomon::fuzz::FuzzIngest("fuzz.md", rashomon::fuzz::AsView(data, size));
  return 0;
}
