#include "pipeline/dedup_paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/test_util.h"
#include "ingest/ingest.h"

namespace rashomon {
namespace {

using testing::TempDir;

// An invented report: sentences from word lists, so that different n give
// texts sharing few 5-word shingles.
std::string Report(int n) {
  static const char* kTowns[] = {"Ostrava Vale", "Kettering Moor", "Lindqvist Bay", "Arrowfield", "Pell Harbour"};
  static const char* kWhat[] = {"a ferry", "the tram line", "a grain silo", "the town hall", "a footbridge"};
  static const char* kWho[] = {"Mayor Ines Talbot", "engineer Rufus Kade", "councillor Mira Osei",
                               "inspector Hal Brandt"};
  std::string text;
  for (int s = 0; s < 12; ++s) {
    const int k = n * 7 + s * 3;
    text += std::string(kWho[k % 4]) + " said " + kWhat[(k / 4) % 5] + " in " + kTowns[(k / 3) % 5] +
            " would cost " + std::to_string(n * 1000 + s * 37) + " crowns by week " + std::to_string(s + n % 9) +
            ". ";
  }
  return text;
}

// Near copy: one word of the report changed.
std::string Edited(int n) {
  std::string t = Report(n);
  t.replace(t.find("crowns"), 6, "florins");
  return t;
}

std::string Line(const std::string& id, const std::string& text) {
  return "{\"id\": \"" + id + "\", \"text\": \"" + text + "\"}\n";
}

// The same groups, member by member, similarities included.
void ExpectSameGroups(const std::vector<DedupGroup>& got, const std::vector<DedupGroup>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t g = 0; g < want.size(); ++g) {
    ASSERT_EQ(got[g].members.size(), want[g].members.size());
    for (size_t m = 0; m < want[g].members.size(); ++m) {
      EXPECT_EQ(got[g].members[m].index, want[g].members[m].index);
      EXPECT_EQ(got[g].members[m].similarity, want[g].members[m].similarity);
    }
  }
}

TEST(DedupPathsTest, SameGroupsWhateverTheThreadsAndChunks) {
  TempDir dir;
  std::string one, two;
  for (int n = 0; n < 120; ++n) {
    one += Line("r" + std::to_string(n), Report(n));
    if (n % 3 == 0) two += Line("e" + std::to_string(n), Edited(n));
    if (n % 10 == 0) two += Line("x" + std::to_string(n), Report(n));
    if (n == 50) two += "{broken\n";
  }
  two += Line("r7", Report(7));   // read before: skipped
  two += Line("r8", Edited(9));   // another text under a known id: renamed r8#2
  dir.Write("in/one.jsonl", one);
  dir.Write("in/two.jsonl", two);
  dir.Write("in/three.txt", Edited(4));
  dir.Write("in/empty.jsonl", "");
  // The reference: every article read into memory, then grouped at once.
  Diagnostics read_diag(false);
  ArticleCollector collector(&read_diag);
  IngestPaths({dir.File("in")}, IngestOptions{}, read_diag, collector.AsSink());
  std::vector<std::string> ids;
  std::vector<std::string_view> texts;
  for (const Article& a : collector.articles()) {
    ids.push_back(a.id);
    texts.emplace_back(a.text);
  }
  DedupOptions options;
  const std::vector<DedupGroup> want = FindNearDuplicates(texts, options);
  ASSERT_GT(want.size(), 30u);
  for (int threads : {1, 2, 4}) {
    for (size_t chunk : {size_t{1000}, size_t{1} << 20}) {
      SCOPED_TRACE("threads " + std::to_string(threads) + ", chunk " + std::to_string(chunk));
      options.threads = threads;
      options.read_chunk_bytes = chunk;
      Diagnostics diag(false);
      const DedupPathsResult got = DedupPaths({dir.File("in")}, options, diag);
      EXPECT_EQ(got.ids, ids);
      ExpectSameGroups(got.groups, want);
      EXPECT_EQ(diag.error_count(), 2u);  // the broken line, the empty file
      std::vector<std::string> messages;
      for (const Diagnostic& d : diag.Snapshot()) messages.push_back(FormatDiagnostic(d));
      std::vector<std::string> expected;
      for (const Diagnostic& d : read_diag.Snapshot()) {
        // ArticleCollector names where the first copy came from; dedup does not.
        if (d.message.find("already read") != std::string::npos) continue;
        expected.push_back(FormatDiagnostic(d));
      }
      for (const std::string& e : expected) {
        EXPECT_NE(std::find(messages.begin(), messages.end(), e), messages.end()) << e;
      }
    }
  }
}

// A short invented note; different n share few 5-word shingles.
std::string Note(int n) {
  return "Harbourmaster Edda Voss logged " + std::to_string(n) + " boats at quay " + std::to_string(n % 37) +
         " on tide " + std::to_string(n * 13 % 101) + " while pilot Joram Lisk counted " +
         std::to_string(n * 7 + 3) + " crates of salt bound for " + std::to_string(n % 11) + " mills. " +
         "The ferry Orla " + std::to_string(n % 23) + " left berth " + std::to_string(n * 3 % 41) +
         " with " + std::to_string(n * 11 + 1) + " passengers and " + std::to_string(n % 19) +
         " carts after the bell of hour " + std::to_string(n % 24) + " rang twice over the water.";
}

TEST(DedupPathsTest, ManyBatchesGiveTheGroupsOfOneReading) {
  // More articles than several batches of signatures, so that signatures
  // indexed are handed back and filled again by later articles; some texts
  // hold no word (no signature), some repeat with one word changed.
  TempDir dir;
  std::string lines;
  std::vector<std::string> texts_held;
  for (int n = 0; n < 10000; ++n) {
    std::string text = n % 5 == 1 ? Note(n - 1) : Note(n);  // a copy of the one before
    if (n % 10 == 1) text.replace(text.find("boats"), 5, "barges");
    if (n % 97 == 0) text = "-- ! --";  // no word: no signature
    lines += Line("q" + std::to_string(n), text);
    texts_held.push_back(std::move(text));
  }
  const std::string path = dir.Write("quay.jsonl", lines);
  std::vector<std::string_view> texts(texts_held.begin(), texts_held.end());
  DedupOptions options;
  const std::vector<DedupGroup> want = FindNearDuplicates(texts, options);
  ASSERT_GT(want.size(), 1000u);
  for (int threads : {1, 2}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    options.threads = threads;
    options.read_chunk_bytes = 4000;
    Diagnostics diag(false);
    const DedupPathsResult got = DedupPaths({path}, options, diag);
    ASSERT_EQ(got.ids.size(), texts.size());
    ExpectSameGroups(got.groups, want);
  }
}

}  // namespace
}  // namespace rashomon
