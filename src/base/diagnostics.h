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
#include <string_view>
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
  // A warning that may come once per record (a duplicate id, a repaired
  // line): the first kShownPerGroup of a `group` are shown, the others
  // only counted, and Summarize() then says "... and 2,097,140 more
  // <group>". `group` is a plural noun phrase ("duplicate ids").
  void RepeatedWarning(std::string_view group, std::string file, std::string message, size_t line = 0);
  // Prints (and stores) one line per group that had warnings not shown;
  // a second call prints nothing new. The destructor calls it.
  void Summarize();
  ~Diagnostics();

  size_t error_count() const;
  size_t warning_count() const;
  // Stored diagnostics (the first kMaxStored; counts keep going past it).
  std::vector<Diagnostic> Snapshot() const;

  static constexpr size_t kMaxStored = 10000;
  static constexpr size_t kShownPerGroup = 20;

 private:
  bool echo_;
  mutable std::mutex mu_;
  std::vector<Diagnostic> items_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
  struct Group {
    std::string name;
    size_t count = 0;    // warnings of the group so far
    size_t summarized = 0;  // of which Summarize() has accounted for
  };
  std::vector<Group> groups_;  // few: a linear search
};

}  // namespace rashomon
