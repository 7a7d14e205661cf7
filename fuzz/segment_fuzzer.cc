// Fuzzes the sentence splitter and dateline finder on arbitrary bytes:
// spans must be ordered, non-overlapping, inside the paragraph and no longer
// than the limit allows.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "text/segment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rashomon;
  std::string_view text = fuzz::AsView(data, size);
  SegmentOptions options;
  options.max_sentence_bytes = 300;
  auto spans = SplitSentences(text, options);
  uint32_t prev_end = 0;
  for (const auto& s : spans) {
    FUZZ_CHECK(s.begin <= s.end);
    FUZZ_CHECK(s.end <= text.size());
    FUZZ_CHECK(s.begin >= prev_end);
    prev_end = s.end;
  }
  std::string_view place;
  size_t dateline = DatelineLength(text, &place);
  FUZZ_CHECK(dateline <= text.size());
  return 0;
}
