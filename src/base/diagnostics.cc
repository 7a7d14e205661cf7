#include "base/diagnostics.h"

#include <algorithm>

#include "base/progress.h"
#include "base/strings.h"

namespace rashomon {

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.severity == Severity::kError ? "rashomon: error: " : "rashomon: warning: ";
  if (!d.file.empty()) {
    out += EscapeForMessage(d.file);
    if (d.line) out += ":" + std::to_string(d.line);
    if (!d.record.empty()) out += " [" + EscapeForMessage(d.record) + "]";
    out += ": ";
  }
  out += d.message;
  return out;
}

void Diagnostics::Add(Diagnostic d) {
  if (recording_) {
    std::lock_guard<std::mutex> lock(mu_);
    (d.severity == Severity::kError ? errors_ : warnings_)++;
    recorded_.push_back({std::move(d), {}});
    return;
  }
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

void Diagnostics::RepeatedWarning(std::string_view group, std::string file, std::string message,
                                  size_t line) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (recording_) {
      ++warnings_;
      recorded_.push_back({{Severity::kWarning, std::move(file), line, {}, std::move(message)}, std::string(group)});
      return;
    }
    auto it = std::find_if(groups_.begin(), groups_.end(), [&](const Group& g) { return g.name == group; });
    if (it == groups_.end()) it = groups_.insert(groups_.end(), Group{std::string(group), 0, 0});
    if (++it->count > kShownPerGroup) {
      ++warnings_;
      return;
    }
  }
  Warning(std::move(file), std::move(message), line);
}

void Diagnostics::Replay(const RecordedDiagnostic& r) {
  if (r.group.empty()) {
    Add(r.diagnostic);
    return;
  }
  RepeatedWarning(r.group, r.diagnostic.file, r.diagnostic.message, r.diagnostic.line);
}

void Diagnostics::Summarize() {
  std::vector<Diagnostic> lines;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (Group& g : groups_) {
      size_t hidden = g.count > kShownPerGroup ? g.count - kShownPerGroup : 0;
      if (hidden <= g.summarized) continue;
      lines.push_back({Severity::kWarning, {}, 0, {},
                       "... and " + WithThousands(static_cast<long long>(hidden - g.summarized)) + " more " +
                           g.name});
      g.summarized = hidden;
    }
  }
  // A summary line is not one of the counted warnings.
  for (Diagnostic& d : lines) {
    if (echo_) PrintStderrLine(FormatDiagnostic(d));
    std::lock_guard<std::mutex> lock(mu_);
    if (items_.size() < kMaxStored) items_.push_back(std::move(d));
  }
}

Diagnostics::~Diagnostics() { Summarize(); }

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
