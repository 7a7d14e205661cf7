// Fuzzes the tokenizer (English and another language, with and without
// stemming) on arbitrary bytes: spans ordered and inside the text, keys
// recomputable from spans.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_util.h"
#include "text/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rashomon;
  std::string_view text = fuzz::AsView(data, size);
  if (size > (1u << 20)) return 0;
  for (const char* lang : {"en", "de"}) {
    TokenizeOptions options;
    options.lang = lang;
    options.stem = lang[0] == 'e';
    std::vector<Token> tokens;
    uint32_t half = static_cast<uint32_t>(size / 2);
    Tokenize(text, half, static_cast<uint32_t>(size), options, &tokens);
    uint32_t prev_end = half;
    for (const auto& t : tokens) {
      FUZZ_CHECK(t.begin < t.end);
      FUZZ_CHECK(t.end <= size);
      FUZZ_CHECK(t.begin >= prev_end);
      prev_end = t.end;
      (void)TokenKeyString(text, t);
    }
  }
  (void)WordKey(text.substr(0, 64));
  return 0;
}
