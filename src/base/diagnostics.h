// Warnings and errors about inputs, collected while a run goes on.
//
// Each diagnostic names the file (and line or record when known) and says
// what is wrong in one line. A run that met any error still processes the
// other inputs; the CLI then exits with code 2. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

namespace rashomon {

enum class Severity { kWarning, kError };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;    // path as the user gave it
  size_t line = 0;     // 1-based line, 0 if not applicable
  std::string record;  // record id inside an archive, if any
  std::string message;
};

// "rashomon: error: data/x.jsonl:7: malformed JSON: ..."
std::string FormatDiagnostic(const Diagnostic& d);

class Diagnostics {
 public:
  // When `echo` is true each diagnostic is printed to stderr as it arrives.
  explicit Diagnostics(bool echo = true) : echo_(echo) {}

  void Add(Diagnostic d);
  void Error(std::string file, std::string message, size_t line = 0);
  void Warning(std::string file, std::string message, size_t line = 0);

  size_t error_count() const;
  size_t warning_count() const;
  // Stored diagnostics (the first kMaxStored; counts keep going past it).
  std::vector<Diagnostic> Snapshot() const;

  static constexpr size_t kMaxStored = 10000;

 private:
  bool echo_;
  mutable std::mutex mu_;
  std::vector<Diagnostic> items_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
};

}  // namespace rashomon
