// Fuzzes the JSON Lines reader: malformed lines, wrong field types and
// invalid UTF-8 must be reported, never crash; articles hold valid UTF-8.
#include <cstddef>
#include <cstdint>

#include "ingest_fuzzer_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rashomon::fuzz::FuzzIngest("fuzz.jsonl", rashomon::fuzz::AsView(data, size));
  return 0;
}
