#include "base/diagnostics.h"

#include "base/progress.h"

namespace rashomon {

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.severity == Severity::kError ? "rashomon: error: " : "rashomon: warning: ";
  if (!d.file.empty()) {
    out += d.file;
    if (d.line) out += ":" + std::to_string(d.line);
    if (!d.record.empty()) out += " [" + d.record + "]";
    out += ": ";
  }
  out += d.message;
  return out;
}

void Diagnostics::Add(Diagnostic d) {
  if (echo_) PrintStderrLine(FormatDiagnostic(d));
  std::lock_guard<std::mutex> lock(mu_);
  (d.severity == Severity::kError ? errors_ : warnings_)++;
  if (items_.size() < kMaxStored) items_.push_back(std::move(d));
}

void Diagnostics::Error(std::string file, std::string message, size_t line) {
  Add({Severity::kError, std::move(file), line, {}, std::move(message)});
}

void Diagnostics::Warning(std::string file, std::string message, size_t line) {
  Add({Severity::kWarning, std::move(file), line, {}, std::move(message)});
}

size_t Diagnostics::error_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return errors_;
}

size_t Diagnostics::warning_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return warnings_;
}

std::vector<Diagnostic> Diagnostics::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return items_;
}

}  // namespace rashomon
