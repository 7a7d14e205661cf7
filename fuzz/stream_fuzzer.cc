// Fuzzes the byte-stream layer: gzip and zstd detection and decompression,
// bounded ReadAll and the line reader. Corrupt streams must fail with an
// error; limits must hold.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/stream.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rashomon;
  std::string_view bytes = fuzz::AsView(data, size);
  constexpr size_t kMaxAll = 1u << 20;
  {
    auto in = NewDecompressingStream(NewMemoryStream(bytes));
    if (in.ok()) {
      auto all = ReadAll(**in, kMaxAll);
      if (all.ok()) FUZZ_CHECK(all->size() <= kMaxAll);
    }
  }
  {
    auto in = NewDecompressingStream(NewMemoryStream(bytes));
    if (in.ok()) {
      constexpr size_t kMaxLine = 4096;
      LineReader lines(in->get(), kMaxLine);
      std::string_view line;
      bool too_long = false;
      size_t total = 0;
      for (;;) {
        auto more = lines.Next(&line, &too_long);
        if (!more.ok() || !*more) break;
        FUZZ_CHECK(line.size() <= kMaxLine);
        FUZZ_CHECK(!too_long || line.empty());
        total += line.size();
        // Decompression bombs: stop after a bounded amount, as ReadAll does.
        if (total > kMaxAll) break;
      }
    }
  }
  return 0;
}
