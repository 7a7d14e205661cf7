// Shared by the libFuzzer targets: a failed invariant aborts with a message so
// libFuzzer saves the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(cond)                                                       \
  do {                                                                         \
    if (!(cond)) ::rashomon::fuzz::InvariantFailed(__FILE__, __LINE__, #cond); \
  } while (0)

namespace rashomon::fuzz {

// Reports the failed invariant and aborts, so libFuzzer keeps the input. The
// message is best effort: the abort is what libFuzzer acts on, so a failed
// write to stderr changes nothing (hence the explicit (void)).
[[noreturn]] inline void InvariantFailed(const char* file, int line, const char* cond) {
  (void)std::fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, cond);
  std::abort();
}

inline std::string_view AsView(const unsigned char* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace rashomon::fuzz
