// Output files that never destroy: see WriteOutput in cli/common.h.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "base/strings.h"
#include "cli/common.h"

namespace rashomon::cli {
namespace {

Status WriteError(const std::string& path, int err) {
  return Status::IoError(EscapeForMessage(path) + ": cannot write: " + std::strerror(err));
}

// Writes all of `content` to `fd`; false with errno set on failure.
bool WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    content.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The descriptor a path names when it is one of the process's own streams
// (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N), else -1. Those
// are written through the descriptor already open, so that `>>` appends.
int OpenStreamOf(const std::string& path) {
  if (path == "/dev/stdout") return STDOUT_FILENO;
  if (path == "/dev/stderr") return STDERR_FILENO;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0) {
      std::string digits = path.substr(prefix.size());
      if (digits.size() > 4 || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
      int fd = static_cast<int>(std::strtol(digits.c_str(), nullptr, 10));  // at most 4 digits, checked above
      return ::fcntl(fd, F_GETFD) == -1 ? -1 : fd;
    }
  }
  return -1;
}

// Anything that is not a regular file: opened as it is (no create, no
// truncation, which devices and FIFOs ignore anyway) and written.
Status WriteInPlace(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return WriteError(path, errno);
  bool ok = WriteAll(fd, content);
  int saved = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  return ok ? Status::Ok() : WriteError(path, saved);
}

// A regular file, or a new one: written to a temporary created with
// mkstemp beside it, flushed, given the mode the file had (or the one a
// new file gets under the umask) and renamed over it.
Status WriteAtomically(const std::string& shown, const std::string& target, std::string_view content,
                       const struct stat* existing) {
  size_t slash = target.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : target.substr(0, slash));
  std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
  if (base.size() > 200) base.resize(200);
  std::string tmp = (dir == "/" ? "" : dir) + "/." + base + ".XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return WriteError(shown, errno);
  mode_t mode;
  if (existing != nullptr) {
    mode = existing->st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  bool ok = WriteAll(fd, content) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
  int saved = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok && std::rename(tmp.c_str(), target.c_str()) != 0) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    (void)::unlink(tmp.c_str());  // ours alone (mkstemp made it); best effort
    return WriteError(shown, saved);
  }
  return Status::Ok();
}

}  // namespace

Status WriteOutput(const std::string& path, const std::string& content) {
  int stream = path.empty() || path == "-" ? STDOUT_FILENO : OpenStreamOf(path);
  if (stream >= 0) {
    if (stream == STDOUT_FILENO) (void)std::fflush(stdout);  // a failure shows in the write below
    if (!WriteAll(stream, content)) {
      return Status::IoError(path.empty() || path == "-"
                                 ? std::string("cannot write to standard output: ") + std::strerror(errno)
                                 : EscapeForMessage(path) + ": cannot write: " + std::strerror(errno));
    }
    return Status::Ok();
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return WriteError(path, errno);
    struct stat link;
    if (::lstat(path.c_str(), &link) == 0) {
      // A link to nothing: writing creates its target (what the shell's
      // `>` would do), in place.
      int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, 0666);
      if (fd < 0) return WriteError(path, errno);
      ::close(fd);
      return WriteInPlace(path, content);
    }
    return WriteAtomically(path, path, content, nullptr);
  }
  if (S_ISDIR(st.st_mode)) return WriteError(path, EISDIR);
  if (!S_ISREG(st.st_mode)) return WriteInPlace(path, content);
  // A regular file, perhaps through links: the file itself is replaced and
  // the links stay.
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) return WriteError(path, errno);
  return WriteAtomically(path, resolved, content, &st);
}

}  // namespace rashomon::cli
