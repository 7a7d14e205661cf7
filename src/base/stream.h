// Byte streams: plain files, gzip and zstd, and memory; plus a line reader.
//
// An InputStream is owned by one thread at a time. Compressed input is
// recognised by its magic number, not its file name, so "foo.txt" that is
// really gzip still reads, and "foo.gz" that is plain text reads too.
// Concatenated gzip members (as WARC files use) read as one stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rashomon {

enum class Compression { kNone, kGzip, kZstd };

class InputStream {
 public:
  virtual ~InputStream() = default;
  // Reads up to n bytes into buf. Returns 0 only at the end of the stream.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// Opens a file for reading, raw. Errors name no path: callers prefix it.
Result<std::unique_ptr<InputStream>> OpenFileStream(const std::string& path);

// A stream over bytes the caller keeps alive for the stream's lifetime.
std::unique_ptr<InputStream> NewMemoryStream(std::string_view bytes);

// Wraps `source`, decompressing it if it starts with a gzip or zstd magic
// number. *detected (if given) receives what was found.
Result<std::unique_ptr<InputStream>> NewDecompressingStream(std::unique_ptr<InputStream> source,
                                                            Compression* detected = nullptr);

// OpenFileStream + NewDecompressingStream.
Result<std::unique_ptr<InputStream>> OpenInput(const std::string& path,
                                               Compression* detected = nullptr);

// A regular file read at given offsets, by any number of threads at once
// (pread), for readers that cut a file into parts read on worker threads.
class PositionalFile {
 public:
  // Fails (the error naming no path) unless `path` is a regular file.
  static Result<std::unique_ptr<PositionalFile>> Open(const std::string& path);
  ~PositionalFile();
  PositionalFile(const PositionalFile&) = delete;
  PositionalFile& operator=(const PositionalFile&) = delete;

  // The size when opened.
  uint64_t size() const { return size_; }
  // Reads up to n bytes at `offset`: fewer only where the file ends.
  Result<size_t> ReadAt(uint64_t offset, char* buf, size_t n) const;

 private:
  PositionalFile(int fd, uint64_t size) : fd_(fd), size_(size) {}
  int fd_;
  uint64_t size_;
};

// Reads the rest of the stream. Fails with kInvalidInput if it holds more
// than max_bytes (the stream is then left part-read).
Result<std::string> ReadAll(InputStream& in, size_t max_bytes);

// Reads '\n'-terminated lines (a trailing '\r' is removed). Lines longer than
// max_line_bytes are skipped whole and reported through *too_long, so memory
// stays bounded by max_line_bytes plus one buffer.
class LineReader {
 public:
  explicit LineReader(InputStream* in, size_t max_line_bytes = 64u << 20);

  // Stores the next line in *line (valid until the next call) and returns
  // true; returns false at the end. *too_long is set when the line was longer
  // than the limit (then *line is empty).
  Result<bool> Next(std::string_view* line, bool* too_long);

  // The kPadding bytes after the end of a returned line are readable (their
  // contents are unspecified), so a parser that reads past the end of its
  // input, such as simdjson, can work on the line where it lies.
  static constexpr size_t kPadding = 64;

  // 1-based number of the line last returned.
  size_t line_number() const { return line_number_; }

 private:
  Status Fill();

  InputStream* in_;
  size_t max_line_;
  std::string buf_;
  size_t begin_ = 0;  // start of unread data in buf_
  size_t end_ = 0;    // end of the data read into buf_ (buf_ may be longer)
  bool eof_ = false;
  size_t line_number_ = 0;
};

}  // namespace rashomon
