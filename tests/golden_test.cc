// Golden tests: the CLI's output on the bundled sample corpus, byte for
// byte. After an intended change, regenerate with
//   RASHOMON_UPDATE_GOLDEN=1 build/tests/golden_test
// and review the diff before committing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "cli_runner.h"

namespace rashomon::testing {
namespace {

std::string GoldenPath(const std::string& name) { return SourceDir() + "/tests/golden/" + name; }

void CheckGolden(const std::string& name, const std::string& actual) {
  if (std::getenv("RASHOMON_UPDATE_GOLDEN")) {
    std::ofstream(GoldenPath(name), std::ios::binary) << actual;
    GTEST_SKIP() << "updated " << name;
  }
  std::string expected = ReadWholeFile(GoldenPath(name));
  ASSERT_FALSE(expected.empty()) << "missing golden file " << GoldenPath(name);
  EXPECT_TRUE(actual == expected) << name << " differs from its golden file; rerun with "
                                  << "RASHOMON_UPDATE_GOLDEN=1 and review the diff.\n--- actual ---\n"
                                  << actual.substr(0, 4000);
}

TEST(GoldenTest, SampleTextReport) {
  CliResult r = RunCli("--threads 2 analyze");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CheckGolden("sample.txt", r.out);
}

TEST(GoldenTest, SampleJsonReport) {
  CliResult r = RunCli("--threads 2 analyze --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CheckGolden("sample.json", r.out);
}

TEST(GoldenTest, SampleMarkdownReport) {
  CliResult r = RunCli("--threads 2 analyze --format md");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CheckGolden("sample.md", r.out);
}

TEST(GoldenTest, OutputDoesNotDependOnThreads) {
  CliResult one = RunCli("--threads 1 analyze --format json");
  CliResult two = RunCli("--threads 2 analyze --format json");
  ASSERT_EQ(one.exit_code, 0);
  EXPECT_TRUE(one.out == two.out);
}

}  // namespace
}  // namespace rashomon::testing
