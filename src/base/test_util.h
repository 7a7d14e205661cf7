// Helpers for tests only: a temporary folder removed on destruction, and
// file writing. Not linked into the product.
#pragma once

#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace rashomon::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "rashomon-test-XXXXXX").string();
    char* made = ::mkdtemp(tmpl.data());
    path_ = made ? made : tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

  // Writes `content` to path()/name (creating folders) and returns the path.
  std::string Write(const std::string& name, const std::string& content) const {
    std::string p = File(name);
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    return p;
  }

 private:
  std::string path_;
};

// One gzip member holding `s` (concatenate several for a multi-member file).
inline std::string Gzip(const std::string& s) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(s.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// `utf8` (valid, Basic Multilingual Plane only) as UTF-16 without a BOM.
inline std::string Utf16(const std::string& utf8, bool little_endian) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    unsigned c = static_cast<unsigned char>(utf8[i]);
    unsigned cp = c, n = 1;
    if (c >= 0xE0) {
      cp = ((c & 0x0Fu) << 12) | ((utf8[i + 1] & 0x3Fu) << 6) | (utf8[i + 2] & 0x3Fu);
      n = 3;
    } else if (c >= 0xC0) {
      cp = ((c & 0x1Fu) << 6) | (utf8[i + 1] & 0x3Fu);
      n = 2;
    }
    char hi = static_cast<char>(cp >> 8), lo = static_cast<char>(cp & 0xFF);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
    i += n;
  }
  return out;
}

// The shared development data folder beside the checkout (../shared).
inline std::string SharedDir() {
#ifdef RASHOMON_SHARED_DIR
  return RASHOMON_SHARED_DIR;
#else
  return "../shared";
#endif
}

inline std::string SourceDir() {
#ifdef RASHOMON_SOURCE_DIR
  return RASHOMON_SOURCE_DIR;
#else
  return ".";
#endif
}

}  // namespace rashomon::testing
