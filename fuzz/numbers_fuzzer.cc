// Fuzzes number extraction (separators, decimals, scales, currencies,
// ranges, approximations, number words) on a Document built from arbitrary
// bytes: spans inside the text, values finite, a range's high end not below
// its low end, every number compatible with itself, display formatting never
// crashes; and the story-level grouping and number conflicts on the same
// document told by two articles (each conflict has two claims or more, each
// claim and number an article).
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "analysis/number_conflicts.h"
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
    FUZZ_CHECK(std::isfinite(n.value) && std::isfinite(n.high));
    FUZZ_CHECK(n.high >= n.value);
    FUZZ_CHECK(ValuesCompatible(n, n));
    FUZZ_CHECK(IsValidUtf8(FormatQuantity(n.value, n.unit)));
  }
  StoryNumbers story = AnalyzeNumbers({&doc, &doc});
  for (const auto& n : story.numbers) FUZZ_CHECK(!n.articles.empty());
  for (const auto& c : story.conflicts) {
    FUZZ_CHECK(c.claims.size() >= 2);
    for (const auto& claim : c.claims) FUZZ_CHECK(!claim.articles.empty());
    FUZZ_CHECK(c.published.empty() || c.published.size() == c.claims.size());
  }
  return 0;
}
