// Status and Result<T>: expected failures as values.
//
// A Status is either OK or carries a code and a one-line message meant for a
// person ("cannot open file", "line 7: expected an object"). Library code
// returns Status / Result<T>; only the CLI and the server turn them into exit
// codes and HTTP codes. Both types are cheap to move and thread-compatible
// (distinct objects may be used from distinct threads).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace rashomon {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad usage: an option out of range, a malformed request
  kInvalidInput,     // unreadable or malformed input data: empty, binary, bad JSON
  kNotFound,         // a path or record that does not exist
  kIoError,          // the OS refused: permissions, full disk, read error
  kUnsupported,      // a format or version we do not handle
  kCorruption,       // stored data that fails its own checks
  kBusy,             // a resource is locked by another process
  kInternal,         // a bug: an invariant did not hold
};

// Returns "invalid input", "not found", ... for messages and logs.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status Busy(std::string m) { return {StatusCode::kBusy, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid input: line 7: expected an object"; "ok" when ok().
  std::string ToString() const;

  // Returns a copy whose message is "prefix: message" (used to add a file name).
  Status WithPrefix(std::string_view prefix) const;

  // Marks a status as deliberately not inspected.
  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace rashomon

#define RASHOMON_CONCAT_INNER_(a, b) a##b
#define RASHOMON_CONCAT_(a, b) RASHOMON_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function if `expr` is not OK.
#define RETURN_IF_ERROR(expr)                         \
  do {                                                \
    ::rashomon::Status rashomon_status_ = (expr);     \
    if (!rashomon_status_.ok()) return rashomon_status_; \
  } while (0)

// ASSIGN_OR_RETURN(auto x, MakeX()); declares x from a Result or returns its Status.
// `lhs` is a declaration ("auto x") and `tmp` a name, so neither can be
// parenthesised; `expr` is.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(RASHOMON_CONCAT_(rashomon_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
