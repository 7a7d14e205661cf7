#include "base/stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>

namespace rashomon {
namespace {

constexpr size_t kChunk = 1 << 16;

class FileStream final : public InputStream {
 public:
  explicit FileStream(int fd) : fd_(fd) {}
  ~FileStream() override { ::close(fd_); }
  Result<size_t> Read(char* buf, size_t n) override {
    while (true) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) return static_cast<size_t>(r);
      if (errno == EINTR) continue;
      return Status::IoError(std::strerror(errno));
    }
  }

 private:
  int fd_;
};

class MemoryStream final : public InputStream {
 public:
  explicit MemoryStream(std::string_view bytes) : bytes_(bytes) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

// Replays `prefix` before the rest of `source`.
class PrefixedStream final : public InputStream {
 public:
  PrefixedStream(std::string prefix, std::unique_ptr<InputStream> source)
      : prefix_(std::move(prefix)), source_(std::move(source)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return source_->Read(buf, n);
  }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<InputStream> source_;
};

class GzipStream final : public InputStream {
 public:
  explicit GzipStream(std::unique_ptr<InputStream> source) : source_(std::move(source)) {
    std::memset(&z_, 0, sizeof z_);
    ok_ = inflateInit2(&z_, 15 + 32) == Z_OK;  // 32: accept gzip and zlib headers
    in_.resize(kChunk);
  }
  ~GzipStream() override { inflateEnd(&z_); }

  Result<size_t> Read(char* buf, size_t n) override {
    if (!ok_) return Status::Internal("cannot initialise zlib");
    if (!pending_.ok()) {
      Status st = pending_;
      pending_ = Status::Ok();
      done_ = true;
      return st;
    }
    if (done_ || n == 0) return size_t{0};
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    while (z_.avail_out > 0) {
      if (z_.avail_in == 0 && !source_eof_) {
        auto r = source_->Read(in_.data(), in_.size());
        if (!r.ok()) return Defer(r.status(), n);
        if (*r == 0) {
          source_eof_ = true;
        } else {
          z_.next_in = reinterpret_cast<Bytef*>(in_.data());
          z_.avail_in = static_cast<uInt>(*r);
        }
      }
      if (z_.avail_in == 0 && source_eof_) {
        if (in_member_) return Defer(Status::InvalidInput("truncated gzip stream"), n);
        done_ = true;
        break;
      }
      in_member_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&z_);  // another member may follow
      } else if (rc == Z_BUF_ERROR) {
        continue;  // needs more input
      } else if (rc != Z_OK) {
        return Defer(Status::InvalidInput(std::string("corrupt gzip data: ") + (z_.msg ? z_.msg : "inflate failed")),
                     n);
      }
    }
    return n - z_.avail_out;
  }

  // An error after some bytes were produced in this call: hand over those
  // bytes now and the error on the next call, so readers keep every record
  // before the damage.
  Result<size_t> Defer(Status error, size_t n) {
    size_t produced = n - z_.avail_out;
    if (produced == 0) {
      done_ = true;
      return error;
    }
    pending_ = std::move(error);
    return produced;
  }

 private:
  std::unique_ptr<InputStream> source_;
  z_stream z_;
  bool ok_ = false;
  std::string in_;
  bool source_eof_ = false;
  bool in_member_ = false;
  bool done_ = false;
  Status pending_;  // error to report on the next Read (see Defer)
};

class ZstdStream final : public InputStream {
 public:
  explicit ZstdStream(std::unique_ptr<InputStream> source)
      : source_(std::move(source)), ctx_(ZSTD_createDStream()) {
    in_.resize(ZSTD_DStreamInSize());
    ZSTD_initDStream(ctx_);
  }
  ~ZstdStream() override { ZSTD_freeDStream(ctx_); }

  Result<size_t> Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos < out.size) {
      if (in_pos_ == in_size_ && !source_eof_) {
        auto r = source_->Read(in_.data(), in_.size());
        if (!r.ok()) return r.status();
        if (*r == 0) source_eof_ = true;
        in_size_ = *r;
        in_pos_ = 0;
      }
      ZSTD_inBuffer input{in_.data(), in_size_, in_pos_};
      size_t before_out = out.pos;
      size_t before_in = in_pos_;
      size_t rc = ZSTD_decompressStream(ctx_, &out, &input);
      in_pos_ = input.pos;
      if (ZSTD_isError(rc)) {
        return Status::InvalidInput(std::string("corrupt zstd data: ") + ZSTD_getErrorName(rc));
      }
      // rc == 0: a frame just ended. With no input left, zstd returns a
      // non-zero size hint for a next frame, which does not mean one is open.
      if (rc == 0) {
        frame_open_ = false;
      } else if (input.pos > before_in || out.pos > before_out) {
        frame_open_ = true;
      }
      if (source_eof_ && in_pos_ == in_size_ && out.pos == before_out) {
        if (frame_open_) return Status::InvalidInput("truncated zstd stream");
        break;
      }
    }
    return out.pos;
  }

 private:
  std::unique_ptr<InputStream> source_;
  ZSTD_DStream* ctx_;
  std::string in_;
  size_t in_size_ = 0, in_pos_ = 0;
  bool source_eof_ = false;
  bool frame_open_ = false;
};

}  // namespace

namespace {

// Opens path read-only; *st (if given) receives its fstat, zeroed when
// that fails.
Result<int> OpenReadOnly(const std::string& path, struct stat* st) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT) return Status::NotFound("no such file or directory");
    return Status::IoError(std::strerror(e));
  }
  if (::fstat(fd, st) != 0) *st = {};
  return fd;
}

}  // namespace

Result<std::unique_ptr<InputStream>> OpenFileStream(const std::string& path) {
  struct stat st;
  ASSIGN_OR_RETURN(int fd, OpenReadOnly(path, &st));
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::InvalidInput("is a directory");
  }
  return std::unique_ptr<InputStream>(std::make_unique<FileStream>(fd));
}

Result<std::unique_ptr<PositionalFile>> PositionalFile::Open(const std::string& path) {
  struct stat st;
  ASSIGN_OR_RETURN(int fd, OpenReadOnly(path, &st));
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidInput("not a regular file");
  }
  return std::unique_ptr<PositionalFile>(new PositionalFile(fd, static_cast<uint64_t>(st.st_size)));
}

PositionalFile::~PositionalFile() { ::close(fd_); }

Result<size_t> PositionalFile::ReadAt(uint64_t offset, char* buf, size_t n) const {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::pread(fd_, buf + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(std::strerror(errno));
    }
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  return got;
}

std::unique_ptr<InputStream> NewMemoryStream(std::string_view bytes) {
  return std::make_unique<MemoryStream>(bytes);
}

Result<std::unique_ptr<InputStream>> NewDecompressingStream(std::unique_ptr<InputStream> source,
                                                            Compression* detected) {
  // Peek at up to four bytes.
  std::string magic(4, '\0');
  size_t got = 0;
  while (got < magic.size()) {
    auto r = source->Read(magic.data() + got, magic.size() - got);
    if (!r.ok()) return r.status();
    if (*r == 0) break;
    got += *r;
  }
  magic.resize(got);
  Compression kind = Compression::kNone;
  if (got >= 2 && static_cast<unsigned char>(magic[0]) == 0x1F &&
      static_cast<unsigned char>(magic[1]) == 0x8B) {
    kind = Compression::kGzip;
  } else if (got >= 4 && magic == std::string("\x28\xB5\x2F\xFD", 4)) {
    kind = Compression::kZstd;
  }
  if (detected) *detected = kind;
  auto replay = std::make_unique<PrefixedStream>(std::move(magic), std::move(source));
  switch (kind) {
    case Compression::kGzip:
      return std::unique_ptr<InputStream>(std::make_unique<GzipStream>(std::move(replay)));
    case Compression::kZstd:
      return std::unique_ptr<InputStream>(std::make_unique<ZstdStream>(std::move(replay)));
    case Compression::kNone: break;
  }
  return std::unique_ptr<InputStream>(std::move(replay));
}

Result<std::unique_ptr<InputStream>> OpenInput(const std::string& path, Compression* detected) {
  ASSIGN_OR_RETURN(auto raw, OpenFileStream(path));
  return NewDecompressingStream(std::move(raw), detected);
}

Result<std::string> ReadAll(InputStream& in, size_t max_bytes) {
  std::string out;
  while (true) {
    size_t old = out.size();
    size_t want = std::min<size_t>(kChunk, max_bytes + 1 - old);
    out.resize(old + want);  // std::string grows geometrically
    auto r = in.Read(out.data() + old, want);
    if (!r.ok()) return r.status();
    out.resize(old + *r);
    if (*r == 0) break;
    if (out.size() > max_bytes) {
      return Status::InvalidInput("larger than the limit of " + std::to_string(max_bytes >> 20) +
                                  " MiB");
    }
  }
  return out;
}

LineReader::LineReader(InputStream* in, size_t max_line_bytes)
    : in_(in), max_line_(max_line_bytes) {}

Status LineReader::Fill() {
  // Compact, then read one chunk. buf_ only grows, so resizing it does not
  // zero-fill the same bytes again on every chunk; end_ marks the data.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() < end_ + kChunk + kPadding) buf_.resize(end_ + kChunk + kPadding);
  auto r = in_->Read(buf_.data() + end_, kChunk);
  if (!r.ok()) return r.status();
  end_ += *r;
  if (*r == 0) eof_ = true;
  return Status::Ok();
}

Result<bool> LineReader::Next(std::string_view* line, bool* too_long) {
  *too_long = false;
  size_t scan_from = begin_;
  bool skipping = false;
  while (true) {
    size_t nl = std::string_view(buf_.data(), end_).find('\n', scan_from);
    if (nl != std::string::npos || eof_) {
      // At the end, a line being skipped is still reported, once.
      if (nl == std::string::npos && begin_ >= end_ && !skipping) return false;
      const size_t line_end = nl != std::string::npos ? nl : end_;
      ++line_number_;
      std::string_view l(buf_.data() + begin_, line_end - begin_);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      begin_ = nl != std::string::npos ? nl + 1 : end_;
      // A line may arrive whole in one read and still be over the limit.
      if (skipping || l.size() > max_line_) {
        *too_long = true;
        *line = std::string_view();
        return true;
      }
      *line = l;
      return true;
    }
    if (end_ - begin_ > max_line_) {
      // Drop what we have of this over-long line and keep scanning for its end.
      skipping = true;
      end_ = 0;
      begin_ = 0;
    }
    size_t scanned = end_ - begin_;
    RETURN_IF_ERROR(Fill());
    scan_from = begin_ + scanned;
  }
}

}  // namespace rashomon
