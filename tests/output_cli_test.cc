// `-o PATH` never destroys: a regular file is replaced atomically through a
// temporary of its own, anything else (a device, a FIFO, a stream) is
// written as it is, and no file the user did not name is touched.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <set>
#include <thread>

#include "cli_runner.h"

namespace rashomon::testing {
namespace {

namespace fs = std::filesystem;

std::set<std::string> Names(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

TEST(OutputCliTest, RegularFileIsReplacedAndNothingElseIsLeft) {
  TempDir dir;
  std::string out = dir.Write("report.md", "old contents\n");
  ASSERT_EQ(::chmod(out.c_str(), 0640), 0);
  CliResult r = RunCli("analyze --format md -o '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadWholeFile(out).rfind("# rashomon report", 0), 0u);
  struct stat st;
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u) << "the file keeps its mode";
  EXPECT_EQ(Names(dir.path()), (std::set<std::string>{"report.md"})) << "no temporary left behind";
}

TEST(OutputCliTest, ExistingTmpFileOfTheSameNameSurvives) {
  TempDir dir;
  std::string mine = dir.Write("out.json.tmp", "the user's own file\n");
  CliResult r = RunCli("analyze --format json -o '" + dir.File("out.json") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadWholeFile(mine), "the user's own file\n");
  EXPECT_EQ(ReadWholeFile(dir.File("out.json")).front(), '{');
  EXPECT_EQ(Names(dir.path()), (std::set<std::string>{"out.json", "out.json.tmp"}));
}

TEST(OutputCliTest, LinkToAFileStaysALink) {
  TempDir dir;
  std::string target = dir.Write("real.txt", "old\n");
  fs::create_symlink(target, dir.File("link.txt"));
  CliResult r = RunCli("analyze -o '" + dir.File("link.txt") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir.File("link.txt")));
  EXPECT_NE(ReadWholeFile(target).find("story"), std::string::npos);
}

TEST(OutputCliTest, CharacterDeviceStaysADevice) {
  if (::geteuid() != 0) GTEST_SKIP() << "mknod of a character device needs root";
  TempDir dir;
  std::string null = dir.File("null");
  if (::mknod(null.c_str(), S_IFCHR | 0666, ::makedev(1, 3)) != 0) {
    GTEST_SKIP() << "mknod refused here (no CAP_MKNOD): " << std::strerror(errno);
  }
  CliResult r = RunCli("analyze --format json -o '" + null + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st;
  ASSERT_EQ(::lstat(null.c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << "the device was replaced";
  EXPECT_EQ(st.st_rdev, ::makedev(1, 3));
  EXPECT_EQ(Names(dir.path()), (std::set<std::string>{"null"}));
}

TEST(OutputCliTest, FifoStaysAFifoAndGetsTheReport) {
  TempDir dir;
  std::string fifo = dir.File("pipe");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] {
    int fd = ::open(fifo.c_str(), O_RDONLY);
    if (fd < 0) return;
    char buf[65536];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) received.append(buf, static_cast<size_t>(n));
    ::close(fd);
  });
  CliResult r = RunCli("analyze --format json -o '" + fifo + "'");
  reader.join();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st;
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode)) << "the FIFO was replaced";
  EXPECT_NE(received.find("\"schema\""), std::string::npos) << received.substr(0, 200);
  EXPECT_EQ(Names(dir.path()), (std::set<std::string>{"pipe"}));
}

TEST(OutputCliTest, DevStdoutWritesToTheOpenStream) {
  // The runner sends stdout to a regular file: writing through
  // /dev/stdout must append to that stream, not replace the file.
  CliResult r = RunCli("analyze --format json -o /dev/stdout");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.front(), '{');
  EXPECT_NE(r.out.find("\"schema\""), std::string::npos);
}

TEST(OutputCliTest, FolderOrMissingFolderIsOneClearError) {
  TempDir dir;
  CliResult folder = RunCli("analyze -o '" + dir.path() + "'");
  EXPECT_EQ(folder.exit_code, 1);
  EXPECT_NE(folder.err.find("cannot write: Is a directory"), std::string::npos) << folder.err;
  CliResult missing = RunCli("analyze -o '" + dir.File("no/such/out.txt") + "'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("out.txt: cannot write"), std::string::npos) << missing.err;
  EXPECT_EQ(CountLines(missing.err), 1) << missing.err;
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

}  // namespace
}  // namespace rashomon::testing
