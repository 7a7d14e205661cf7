// Fuzzes the HTML extractor: any bytes must give a page or an error, never a
// crash, and the text must be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/utf8.h"
#include "html/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  rashomon::HtmlOptions options;
  options.max_html_bytes = 1u << 20;
  auto page = rashomon::ExtractHtml(bytes, "https://fuzz.test/2020/01/02/x", options);
  if (page.ok()) {
    if (!rashomon::IsValidUtf8(page->text) || !rashomon::IsValidUtf8(page->title)) std::abort();
  }
  (void)rashomon::HtmlToPlainText(bytes, options);
  return 0;
}
