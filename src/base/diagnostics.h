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

// One call kept by a recording Diagnostics: a diagnostic and, for a
// RepeatedWarning, its group (empty otherwise).
struct RecordedDiagnostic {
  Diagnostic diagnostic;
  std::string group;
};

class Diagnostics {
 public:
  // When `echo` is true each diagnostic is printed to stderr as it arrives.
  explicit Diagnostics(bool echo = true) : echo_(echo) {}
  // A recorder: keeps every call in order, unprinted and ungrouped, for
  // Replay into another Diagnostics later (work done on another thread
  // whose messages must come out in input order). Its counts still count.
  struct Recording {};
  explicit Diagnostics(Recording) : echo_(false), recording_(true) {}

  // The calls a recorder kept so far (empty for other instances).
  const std::vector<RecordedDiagnostic>& recorded() const { return recorded_; }
  // Makes the call `r` recorded: the same Add or RepeatedWarning.
  void Replay(const RecordedDiagnostic& r);

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
  bool recording_ = false;
  std::vector<RecordedDiagnostic> recorded_;  // guarded by mu_ while recording
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
