// Runs the rashomon binary for integration tests and captures its output.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "base/test_util.h"

namespace rashomon::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `rashomon <args>` through /bin/sh (args are not escaped: tests pass
// fixed, quoted strings).
inline CliResult RunCli(const std::string& args, const std::string& stdin_file = "") {
  static TempDir* scratch = new TempDir();
  static int counter = 0;
  std::string out = scratch->File("out" + std::to_string(counter));
  std::string err = scratch->File("err" + std::to_string(counter++));
  std::string cmd = "RASHOMON_NO_PROGRESS=1 " + std::string(RASHOMON_BINARY) + " " + args + " >" + out +
                    " 2>" + err + (stdin_file.empty() ? " </dev/null" : " <" + stdin_file);
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadWholeFile(out);
  r.err = ReadWholeFile(err);
  return r;
}

inline int CountLines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace rashomon::testing
