// Fuzzes number extraction (separators, decimals, scales, currencies) on a
// Document built from arbitrary bytes: spans inside the text, values finite
// or reported as such, display formatting never crashes.
#include <cstddef>
#include <cstdint>

#include "analysis/numbers.h"
#include "analysis_fuzzer_common.h"
#include "base/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rashomon;
  if (size > (1u << 18)) return 0;
  auto fd = fuzz::MakeDocument(fuzz::AsView(data, size));
  const Document& doc = fd.doc;
  for (const auto& n : ExtractNumbers(doc)) {
    FUZZ_CHECK(n.begin <= n.end && n.end <= doc.text.size());
    FUZZ_CHECK(n.sentence < doc.sentences.size());
    FUZZ_CHECK(IsValidUtf8(n.text));
    FUZZ_CHECK(IsValidUtf8(FormatQuantity(n.value, n.unit)));
  }
  return 0;
}
