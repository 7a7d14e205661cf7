// Integration tests of the command line: contracts, exit codes, bad input.
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <filesystem>

#include "cli_runner.h"

namespace rashomon::testing {
namespace {

std::string Seeds() { return SharedDir() + "/corpus/seeds"; }

TEST(CliTest, AnalyzeWithoutPathsUsesTheSampleCorpus) {
  CliResult r = RunCli("analyze --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema"], "rashomon.report/1");
  EXPECT_GE(j["stories"].size(), 3u);
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(CliTest, SeedsAreOneStoryInJsonAndStories) {
  if (!std::filesystem::exists(Seeds())) GTEST_SKIP();
  CliResult r = RunCli("analyze --format json '" + Seeds() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["stories"].size(), 1u);
  EXPECT_EQ(j["stories"][0]["articles"].size(), 5u);
  CliResult s = RunCli("stories '" + Seeds() + "'");
  ASSERT_EQ(s.exit_code, 0);
  EXPECT_EQ(CountLines(s.out), 5);
  std::string story;
  std::istringstream lines(s.out);
  for (std::string line; std::getline(lines, line);) {
    auto o = nlohmann::json::parse(line);
    if (story.empty()) story = o["story"];
    EXPECT_EQ(o["story"], story);
  }
}

TEST(CliTest, TextReportIsReadable) {
  if (!std::filesystem::exists(Seeds())) GTEST_SKIP();
  CliResult r = RunCli("analyze '" + Seeds() + "'");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("1 story from 5 articles"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("In brief"), std::string::npos);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);  // no colour when not a terminal
}

TEST(CliTest, OutputFileAndFormats) {
  TempDir dir;
  CliResult r = RunCli("analyze --format md -o '" + dir.File("r.md") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(ReadWholeFile(dir.File("r.md")).rfind("# rashomon report", 0), 0u);
  CliResult bad = RunCli("analyze --format pdf");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown format"), std::string::npos);
}

TEST(CliTest, AllShowsEveryItemTheTextReportCutsShort) {
  CliResult cut = RunCli("analyze");
  CliResult all = RunCli("analyze --all");
  ASSERT_EQ(cut.exit_code, 0) << cut.err;
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(cut.out.find("more (--all shows them)"), std::string::npos) << cut.out;
  EXPECT_EQ(all.out.find("more (--all shows them)"), std::string::npos);
  EXPECT_EQ(all.out.find("; and "), std::string::npos);
  // Every entity, quote and number of the JSON report is in the --all text.
  auto j = nlohmann::json::parse(RunCli("analyze --format json").out);
  size_t checked = 0;
  for (const auto& story : j["stories"]) {
    for (const auto& e : story["entities"]) {
      EXPECT_NE(all.out.find(e["name"].get<std::string>() + " ("), std::string::npos) << e["name"];
      ++checked;
    }
    for (const auto& n : story["numbers"]) {
      EXPECT_NE(all.out.find(n["text"].get<std::string>()), std::string::npos) << n["text"];
      ++checked;
    }
  }
  EXPECT_GT(checked, 20u);
  CliResult md = RunCli("analyze --format md");
  CliResult md_all = RunCli("analyze --format md --all");
  EXPECT_NE(md.out.find("more (--all shows them)"), std::string::npos);
  EXPECT_EQ(md_all.out.find("more (--all shows them)"), std::string::npos);
  EXPECT_GT(md_all.out.size(), md.out.size());
}

TEST(CliTest, BadInputsAreNamedAndGoodOnesStillReported) {
  TempDir dir;
  dir.Write("good.txt", "The harbour wall in Kessel was repaired on Monday after the storm.\n"
                        "Engineers said the work took four days.\n");
  dir.Write("empty.txt", "");
  dir.Write("binary.txt", std::string("\x7f" "ELF\0\0\0\0\x01\x02", 10));
  dir.Write("bad.jsonl", "{\"id\":\"ok\",\"text\":\"A fine record about the harbour wall.\"}\n{broken\n");
  CliResult r = RunCli("analyze --format json '" + dir.path() + "' '" + dir.File("missing.txt") + "'");
  EXPECT_EQ(r.exit_code, 2);
  auto j = nlohmann::json::parse(r.out);
  size_t articles = 0;
  for (const auto& s : j["stories"]) articles += s["articles"].size();
  EXPECT_EQ(articles, 2u);  // good.txt and the good JSON line
  EXPECT_NE(r.err.find("empty.txt: empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("binary.txt: binary file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.jsonl:2: malformed JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.txt: no such file"), std::string::npos) << r.err;
  EXPECT_EQ(CountLines(r.err), 4) << r.err;
}

TEST(CliTest, NothingReadableIsExitTwo) {
  TempDir dir;
  dir.Write("empty.txt", "");
  CliResult r = RunCli("analyze '" + dir.File("empty.txt") + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no articles could be read"), std::string::npos);
}

TEST(CliTest, InvalidUtf8IsRepairedWithAWarningAndExitZero) {
  TempDir dir;
  dir.Write("latin.txt", "The caf\xE9 in Kessel reopened on Monday after the flood, its owner said.\n");
  CliResult r = RunCli("analyze --format json '" + dir.File("latin.txt") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning"), std::string::npos);
  EXPECT_NE(r.out.find("café"), std::string::npos);
}

TEST(CliTest, UsageErrorsAreExitTwo) {
  EXPECT_EQ(RunCli("").exit_code, 2);
  EXPECT_EQ(RunCli("frobnicate").exit_code, 2);
  EXPECT_EQ(RunCli("stories").exit_code, 2);  // needs a path
  EXPECT_EQ(RunCli("--help").exit_code, 0);
}

TEST(CliTest, EvalClustersOnAssignments) {
  TempDir dir;
  dir.Write("gold.jsonl", "{\"article\":\"a\",\"story\":\"x\"}\n{\"article\":\"b\",\"story\":\"x\"}\n"
                          "{\"article\":\"c\",\"story\":\"y\"}\n");
  dir.Write("pred.jsonl", "{\"article\":\"a\",\"story\":\"1\"}\n{\"article\":\"b\",\"story\":\"1\"}\n"
                          "{\"article\":\"c\",\"story\":\"2\"}\n");
  CliResult r = RunCli("eval clusters --pred '" + dir.File("pred.jsonl") + "' --gold '" + dir.File("gold.jsonl") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1.000  1.000  1.000  1.000"), std::string::npos) << r.out;
}

// A gold line of another shape is one error naming the file and line, the
// same for every command that reads story assignments.
TEST(CliTest, MalformedAssignmentNamesFileAndLine) {
  TempDir dir;
  dir.Write("gold.jsonl", "{\"article\":\"a\",\"story\":\"x\"}\n{\"article\":\"b\"}\n");
  dir.Write("pred.jsonl", "{\"article\":\"a\",\"story\":\"1\"}\n{\"article\":\"b\",\"story\":\"1\"}\n");
  dir.Write("articles.jsonl", "{\"id\":\"a\",\"title\":\"Quay fire\",\"text\":\"A fire broke out at the quay.\"}\n");
  for (const std::string& command :
       {"eval clusters --pred '" + dir.File("pred.jsonl") + "' --gold '" + dir.File("gold.jsonl") + "'",
        "eval translations --data '" + dir.File("articles.jsonl") + "' --gold '" + dir.File("gold.jsonl") + "'"}) {
    CliResult r = RunCli(command);
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_NE(r.err.find("gold.jsonl:2: expected {\"article\""), std::string::npos) << command << "\n" << r.err;
  }
}

}  // namespace
}  // namespace rashomon::testing
