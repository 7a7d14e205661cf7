// Fuzzes quote extraction (any quotation marks, nesting, speakers) on a
// Document built from arbitrary bytes: spans inside the text, quote text
// valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/quotes.h"
#include "analysis_fuzzer_common.h"
#include "base/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rashomon;
  if (size > (1u << 18)) return 0;
  auto fd = fuzz::MakeDocument(fuzz::AsView(data, size));
  const Document& doc = fd.doc;
  std::string previous;
  for (const auto& q : ExtractQuotes(doc)) {
    FUZZ_CHECK(q.begin <= q.end && q.end <= doc.text.size());
    FUZZ_CHECK(q.speaker_begin <= q.speaker_end && q.speaker_end <= doc.text.size());
    FUZZ_CHECK(q.sentence < doc.sentences.size());
    FUZZ_CHECK(IsValidUtf8(q.text));
    FUZZ_CHECK(IsValidUtf8(q.speaker));
    auto stems = QuoteStems(q.text, doc.lang);
    float c = StemContainment(stems, stems);
    FUZZ_CHECK(c >= 0.0f && c <= 1.0f);
    // Versions: the wording difference against the previous quote is valid
    // text and empty against itself.
    FUZZ_CHECK(IsValidUtf8(QuoteDiff(previous, q.text)));
    FUZZ_CHECK(QuoteDiff(q.text, q.text).empty());
    QuoteCoreStems(q.text, doc.lang);
    SameSpeaker(q.speaker, q.speaker);
    previous = q.text;
  }
  return 0;
}
