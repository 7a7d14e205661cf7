// Integration tests of `rashomon dedup`: output contract, threshold, bad input.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli_runner.h"

namespace rashomon::testing {
namespace {

const char kBase[] =
    "Engineers in the river town of Kessel finished repairing the old stone harbour wall on "
    "Monday, four "
    "days after a storm tore a twenty metre gap in it. The council said the work cost less than "
    "expected "
    "because volunteers moved the fallen stones by hand. Fishing boats that had sheltered upstream "
    "were "
    "expected back by the end of the week, and the harbour master said the market would reopen on "
    "Friday.";

// Writes the test inputs: a, b (a with one word changed), c.jsonl holding an
// exact copy of a (id "c1") and an unrelated record, d (unrelated), and an
// empty file.
void WriteInputs(const TempDir& dir) {
  std::string edited = kBase;
  edited.replace(edited.find("Monday"), 6, "Sunday");
  dir.Write("in/a.txt", kBase);
  dir.Write("in/b.txt", edited);
  nlohmann::json c1 = {{"id", "c1"}, {"text", kBase}};
  nlohmann::json c2 = {
      {"id", "c2"},
      {"text",
       "The central bank left its interest rate unchanged on Thursday and said it would "
       "look again at inflation figures in the spring before any further move."}};
  dir.Write("in/c.jsonl", c1.dump() + "\n" + c2.dump() + "\n");
  dir.Write("in/d.txt",
            "A new footbridge over the railway in Ostend opened to walkers and cyclists on "
            "Saturday after two years of delays caused by a dispute over its design.");
  dir.Write("in/empty.txt", "");
}

std::vector<nlohmann::json> ParseLines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(DedupCliTest, GroupsNearDuplicatesAndNamesBadInputs) {
  TempDir dir;
  WriteInputs(dir);
  CliResult r = RunCli("dedup '" + dir.File("in") + "' '" + dir.File("missing.txt") + "'");
  EXPECT_EQ(r.exit_code, 2);  // bad inputs, but the others were processed
  EXPECT_NE(r.err.find("empty.txt: empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.txt: no such file"), std::string::npos) << r.err;
  auto lines = ParseLines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_EQ(lines[0]["group"], 1);
  const auto& members = lines[0]["articles"];
  ASSERT_EQ(members.size(), 3u);
  std::map<std::string, double> sim;
  for (const auto& m : members) sim[m["id"]] = m["similarity"];
  EXPECT_EQ(sim.size(), 3u);
  ASSERT_TRUE(sim.count("a") && sim.count("b") && sim.count("c1")) << r.out;
  EXPECT_EQ(members[0]["similarity"], 1.0);  // the reference itself
  // a and c1 are identical; b differs in one word (5 of ~70 shingles).
  EXPECT_DOUBLE_EQ(sim["a"], 1.0);
  EXPECT_DOUBLE_EQ(sim["c1"], 1.0);
  EXPECT_GT(sim["b"], 0.8);
  EXPECT_LT(sim["b"], 1.0);
}

// --values sets the signature length: the classic 128 values (16-bit
// fingerprints in the index) and longer ones group the same copies.
TEST(DedupCliTest, SignatureLengthIsConfigurable) {
  TempDir dir;
  WriteInputs(dir);
  for (const char* values : {"128", "512", "256 --signature-bits 4", "256 --signature-bits 2 --bands 10 --rows 4"}) {
    CliResult r = RunCli(std::string("dedup --values ") + values + " '" + dir.File("in/a.txt") + "' '" +
                         dir.File("in/b.txt") + "' '" + dir.File("in/c.jsonl") + "' '" + dir.File("in/d.txt") + "'");
    EXPECT_EQ(r.exit_code, 0) << values << ": " << r.err;
    auto lines = ParseLines(r.out);
    ASSERT_EQ(lines.size(), 1u) << values << ": " << r.out;
    std::set<std::string> ids;
    for (const auto& m : lines[0]["articles"]) ids.insert(m["id"].get<std::string>());
    EXPECT_EQ(ids, (std::set<std::string>{"a", "b", "c1"})) << values;
  }
  CliResult bad = RunCli("dedup --values 8 '" + dir.File("in/a.txt") + "'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--values"), std::string::npos) << bad.err;
  for (const char* flags : {"--signature-bits 3", "--bands 10", "--bands 100 --rows 4"}) {
    CliResult wrong = RunCli(std::string("dedup ") + flags + " '" + dir.File("in/a.txt") + "'");
    EXPECT_EQ(wrong.exit_code, 2) << flags;
  }
}

TEST(DedupCliTest, ThresholdOneKeepsOnlyExactCopiesAndOutputFileWorks) {
  TempDir dir;
  WriteInputs(dir);
  std::remove(dir.File("in/empty.txt").c_str());
  CliResult r =
      RunCli("dedup --threshold 1 -o '" + dir.File("groups.jsonl") + "' '" + dir.File("in") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  auto lines = ParseLines(ReadWholeFile(dir.File("groups.jsonl")));
  ASSERT_EQ(lines.size(), 1u);
  std::set<std::string> ids;
  for (const auto& m : lines[0]["articles"]) ids.insert(m["id"].get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{"a", "c1"}));
}

TEST(DedupCliTest, NoDuplicatesIsEmptyOutputAndExitZero) {
  TempDir dir;
  WriteInputs(dir);
  std::remove(dir.File("in/empty.txt").c_str());
  CliResult r = RunCli("dedup '" + dir.File("in/a.txt") + "' '" + dir.File("in/d.txt") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(DedupCliTest, RepeatedIdsAreSkippedOrRenamedLikeOtherCommands) {
  TempDir dir;
  std::string edited = kBase;
  edited.replace(edited.find("Friday"), 6, "Saturday");
  nlohmann::json x1 = {{"id", "x"}, {"text", kBase}};
  nlohmann::json x2 = {{"id", "x"}, {"text", edited}};
  dir.Write("r.jsonl", x1.dump() + "\n" + x1.dump() + "\n" + x2.dump() + "\n");
  CliResult r = RunCli("dedup '" + dir.File("r.jsonl") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;  // warnings only
  EXPECT_NE(r.err.find("already read; skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("renamed 'x#2'"), std::string::npos) << r.err;
  auto lines = ParseLines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  ASSERT_EQ(lines[0]["articles"].size(), 2u);
  EXPECT_EQ(lines[0]["articles"][0]["id"], "x");
  EXPECT_EQ(lines[0]["articles"][1]["id"], "x#2");
}

TEST(DedupCliTest, UsageErrors) {
  TempDir dir;
  WriteInputs(dir);
  CliResult bad = RunCli("dedup --threshold 1.5 '" + dir.File("in/a.txt") + "'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--threshold"), std::string::npos) << bad.err;
  EXPECT_EQ(RunCli("dedup --threshold 0 '" + dir.File("in/a.txt") + "'").exit_code, 2);
  EXPECT_EQ(RunCli("dedup").exit_code, 2);  // needs a path
  CliResult none = RunCli("dedup '" + dir.File("in/empty.txt") + "'");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no articles could be read"), std::string::npos);
}

// generate -> dedup -> eval dedup on a small corpus from made-up sentences:
// every planted exact copy must land in its original's group.
TEST(DedupCliTest, GeneratedCorpusRoundTrip) {
  TempDir dir;
  std::string text;
  const char* who[] = {"The mayor", "A spokeswoman", "The ministry",
                       "Engineers", "Two witnesses", "The council"};
  for (int i = 0; i < 300; ++i) {
    text += std::string(who[i % 6]) + " said that section " + std::to_string(i) +
            " of the new sea wall would cost " + std::to_string(i * 13 + 7) + " thousand crowns" +
            (i % 5 == 0 ? ".\n" : ". ");
  }
  dir.Write("src/sentences.txt", text);
  CliResult g = RunCli("generate --from '" + dir.File("src") +
                       "' --articles 300 --bytes 1500 -o '" + dir.File("gen") + "'");
  ASSERT_EQ(g.exit_code, 0) << g.err;
  auto gold = ParseLines(ReadWholeFile(dir.File("gen/gold.jsonl")));
  ASSERT_EQ(gold.size(), 300u);
  CliResult d = RunCli("dedup '" + dir.File("gen/articles.jsonl") + "'");
  ASSERT_EQ(d.exit_code, 0) << d.err;
  std::map<std::string, int> group_of;
  for (const auto& line : ParseLines(d.out)) {
    for (const auto& m : line["articles"]) group_of[m["id"]] = line["group"];
  }
  int exact = 0;
  for (const auto& r : gold) {
    if (r["kind"] != "exact") continue;
    ++exact;
    ASSERT_TRUE(group_of.count(r["article"]) && group_of.count(r["of"])) << r.dump();
    EXPECT_EQ(group_of[r["article"]], group_of[r["of"]]);
  }
  EXPECT_GT(exact, 3);
  CliResult e = RunCli("eval dedup '" + dir.File("gen/articles.jsonl") + "' --gold '" +
                       dir.File("gen/gold.jsonl") + "'");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_NE(e.out.find("recall"), std::string::npos) << e.out;
}

// Input is parsed and signed on every thread: one thread and two give the
// same groups in the same order, byte for byte, and the same messages for
// bad input (each naming its file, the other inputs processed, exit 2).
TEST(DedupCliTest, OneThreadAndTwoGiveTheSameOutput) {
  TempDir dir;
  std::string text;
  const char* who[] = {"The harbour board", "A ferry captain", "Councillor Vane", "The Lusk weather office"};
  for (int i = 0; i < 400; ++i) {
    text += std::string(who[i % 4]) + " said pier " + std::to_string(i) + " at Marrowby would reopen on day " +
            std::to_string(i * 7 % 31 + 1) + (i % 4 == 0 ? ".\n" : ". ");
  }
  dir.Write("src/sentences.txt", text);
  // About 3.6 MB: several of the reader's 1 MiB chunks.
  CliResult g = RunCli("generate --from '" + dir.File("src") + "' --articles 3000 --bytes 1200 -o '" +
                       dir.File("gen") + "'");
  ASSERT_EQ(g.exit_code, 0) << g.err;
  dir.Write("in/bad.jsonl", "{\"id\": \"q1\", \"text\": \"Quay closed.\"}\n{oops\n");
  dir.Write("in/empty.txt", "");
  const std::string args = "dedup '" + dir.File("gen/articles.jsonl") + "' '" + dir.File("in") + "'";
  CliResult one = RunCli("--threads 1 " + args);
  CliResult two = RunCli("--threads 2 " + args);
  EXPECT_EQ(one.exit_code, 2);
  EXPECT_EQ(two.exit_code, 2);
  // Over 256 groups: the two-thread run formats its group lines on two threads.
  EXPECT_GT(ParseLines(one.out).size(), 256u);
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.err, two.err);
  EXPECT_NE(two.err.find("bad.jsonl:2: malformed JSON"), std::string::npos) << two.err;
  EXPECT_NE(two.err.find("empty.txt: empty file"), std::string::npos) << two.err;
}

}  // namespace
}  // namespace rashomon::testing
