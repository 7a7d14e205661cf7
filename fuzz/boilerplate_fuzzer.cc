// Fuzzes the boilerplate cleaner: line statistics and classification of
// every line of arbitrary bytes; one verdict per line.
#include <cstddef>
#include <cstdint>

#include "base/strings.h"
#include "fuzz_util.h"
#include "text/boilerplate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rashomon;
  std::string_view text = fuzz::AsView(data, size);
  LineStats stats;
  stats.AddArticle(text);
  stats.AddArticle(text.substr(0, text.size() / 2));
  auto lines = SplitLines(text);
  auto verdicts = ClassifyLines(lines, &stats);
  FUZZ_CHECK(verdicts.size() == lines.size());
  auto plain = ClassifyLines(lines, nullptr);
  FUZZ_CHECK(plain.size() == lines.size());
  return 0;
}
