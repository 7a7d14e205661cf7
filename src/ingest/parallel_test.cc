#include "ingest/parallel.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/test_util.h"

namespace rashomon {
namespace {

using testing::TempDir;

// What a reader gave: the records (id, origin, line, title, text) and the
// diagnostics, each as one line, in order.
struct Reading {
  std::vector<std::string> records;
  std::vector<std::string> diagnostics;
  size_t articles = 0;
};

std::string Describe(std::string_view id, std::string_view origin, uint64_t line, std::string_view title,
                     std::string_view text) {
  return std::string(id) + " | " + std::string(origin) + ":" + std::to_string(line) + " | " +
         std::string(title) + " | " + std::string(text);
}

std::vector<std::string> Lines(const Diagnostics& diag) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diag.Snapshot()) out.push_back(FormatDiagnostic(d));
  return out;
}

Reading Streamed(const std::vector<std::string>& paths, const IngestOptions& options) {
  Reading r;
  Diagnostics diag(false);
  IngestStats stats = IngestPathsRefs(paths, options, diag, [&](const ArticleRef& a) {
    r.records.push_back(Describe(a.id, a.origin, a.origin_line, a.title, a.text));
  });
  diag.Summarize();
  r.diagnostics = Lines(diag);
  r.articles = stats.articles;
  return r;
}

// Keeps what the worker saw of each record, by slot.
class Keep : public RefUnitWork {
 public:
  void Record(size_t slot, const ArticleRef& a) override {
    if (seen.size() <= slot) seen.resize(slot + 1);
    seen[slot] = {std::string(a.title), std::string(a.text)};
  }
  std::vector<std::pair<std::string, std::string>> seen;
};

Reading Parallel(const std::vector<std::string>& paths, const IngestOptions& options, int threads,
                 size_t chunk_bytes) {
  Reading r;
  Diagnostics diag(false);
  ParallelReadOptions parallel;
  parallel.threads = threads;
  parallel.chunk_bytes = chunk_bytes;
  IngestStats stats = IngestPathsParallel(
      paths, options, parallel, diag, [] { return std::make_unique<Keep>(); },
      [&](RefUnitWork& work, const ParallelRecord& a) {
        const auto& [title, text] = static_cast<Keep&>(work).seen.at(a.slot);
        r.records.push_back(Describe(a.id, a.origin, a.origin_line, title, text));
      });
  diag.Summarize();
  r.diagnostics = Lines(diag);
  r.articles = stats.articles;
  return r;
}

void ExpectSameAsStreamed(const std::vector<std::string>& paths, const IngestOptions& options = {}) {
  const Reading want = Streamed(paths, options);
  for (int threads : {1, 2, 3}) {
    for (size_t chunk : {size_t{1}, size_t{97}, size_t{1000}, size_t{1} << 20}) {
      SCOPED_TRACE("threads " + std::to_string(threads) + ", chunk " + std::to_string(chunk));
      const Reading got = Parallel(paths, options, threads, chunk);
      EXPECT_EQ(got.records, want.records);
      EXPECT_EQ(got.diagnostics, want.diagnostics);
      EXPECT_EQ(got.articles, want.articles);
    }
  }
}

std::string Record(const std::string& id, const std::string& text) {
  return "{\"id\": \"" + id + "\", \"title\": \"On " + id + "\", \"text\": \"" + text + "\"}";
}

TEST(IngestParallelTest, GoodRecordsInOrderWhateverTheChunksAndThreads) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 60; ++i) {
    lines += Record("brook-" + std::to_string(i), "The ferry to Wendmark ran " + std::to_string(i) +
                                                  " times.\\nIts pilot, Aldo Fenn, counted them.") +
             "\n";
  }
  const std::string path = dir.Write("ferries.jsonl", lines);
  ExpectSameAsStreamed({path});
  const Reading r = Parallel({path}, {}, 2, 50);
  ASSERT_EQ(r.records.size(), 60u);
  EXPECT_EQ(r.records[59],
            "brook-59 | " + path + ":60 | On brook-59 | The ferry to Wendmark ran 59 times.\nIts pilot, Aldo Fenn, counted them.");
}

TEST(IngestParallelTest, BadLinesAndWarningsComeOutAsTheStreamingReaderGivesThem) {
  TempDir dir;
  std::string lines = "\xEF\xBB\xBF" + Record("first", "Quillon mill reopened.") + "\r\n\n   \n";
  for (int i = 0; i < 30; ++i) {
    lines += (i % 3 == 0 ? std::string("{not json") : i % 3 == 1 ? std::string("[1, 2]") : std::string("{\"id\": \"x\"}")) + "\n";
    lines += Record("ok-" + std::to_string(i), "Harlow bakers sold " + std::to_string(i) + " loaves.") + "\n";
  }
  lines += "{\"id\": \"latin\", \"text\": \"caf\xE9 on the quay\", \"published\": \"not a date\"}\n";
  lines += "{\"text\": \"No id, no url: named by line.\"}\n";
  lines += "{\"text\": \"Only a url.\", \"url\": \"https://example.org/tarn\"}\n";
  lines += "{\"id\": 7, \"text\": \"A number for an id.\"}\n";
  // A byte-order mark is dropped from the file's first line only, not from
  // the first line of a later chunk or range.
  lines += "\xEF\xBB\xBF" + Record("mark-later", "A mark mid-file.") + "\n";
  lines += "{\"text\": \"Named by its line too, far from the first.\"}\n";
  lines += Record("last", "No newline after the last line.");
  ExpectSameAsStreamed({dir.Write("mixed.jsonl", lines)});
}

TEST(IngestParallelTest, FileRulesSpanChunks) {
  TempDir dir;
  // The first nonblank line binary, after blank lines: the file stops there.
  std::string binary = "\n\n\n";
  binary += std::string("\x01\x02\x03\x00\x04\x05", 6) + std::string(300, '\x07') + "\n";
  binary += Record("after-binary", "Never read.") + "\n";
  // A later binary line is just a malformed line.
  std::string later = Record("before", "Cobbler Tam Verrow retired.") + "\n" + std::string("\x01\x02\x03\x00\x05", 5) +
                      "\n" + Record("after", "His shop in Lusk closed.") + "\n";
  std::vector<std::string> paths = {
      dir.Write("a-binary.jsonl", binary), dir.Write("b-later.jsonl", later), dir.Write("c-empty.jsonl", ""),
      dir.Write("d-blank.jsonl", "\n  \n\t\n"), dir.File("e-missing.jsonl"),
      dir.Write("f.jsonl.gz", testing::Gzip(Record("zipped", "The Orrin ferry is back.") + "\n" +
                                            Record("zipped-2", "Its timetable is new.") + "\n"))};
  ExpectSameAsStreamed(paths);
}

TEST(IngestParallelTest, OverlongLinesAreSkippedWithOneError) {
  TempDir dir;
  IngestOptions options;
  options.max_line_bytes = 150;
  std::string lines = Record("short", "Sella pier.") + "\n" + Record("long", std::string(400, 'w')) + "\n" +
                      Record("tail", "Pier reopened.") + "\n" + Record("long-last", std::string(300, 'v'));
  ExpectSameAsStreamed({dir.Write("long.jsonl", lines)}, options);
}

TEST(IngestParallelTest, ReusedChunkBuffersKeepNoBytesOfEarlierChunks) {
  // Lines longer than a chunk between short ones, CRLF line ends, and a
  // last line without its end: each chunk is cut at a line end whatever the
  // bytes its (reused) buffer held before.
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 40; ++i) {
    const std::string text = i % 4 == 0 ? "Weir keeper Ostra Vell logged " + std::string(2500 + 37 * i, 'r') + "."
                                        : "Short note " + std::to_string(i) + " from the Pellam weir.";
    lines += Record("weir-" + std::to_string(i), text) + (i % 3 == 0 ? "\r\n" : "\n");
  }
  lines += Record("weir-end", "The log closes here.");
  const std::string path = dir.Write("weir.jsonl", lines);
  ExpectSameAsStreamed({path});
  const Reading r = Parallel({path}, {}, 2, 700);
  ASSERT_EQ(r.records.size(), 41u);
  EXPECT_EQ(r.records[40], "weir-end | " + path + ":41 | On weir-end | The log closes here.");
  EXPECT_EQ(r.records[3], "weir-3 | " + path + ":4 | On weir-3 | Short note 3 from the Pellam weir.");
}

TEST(IngestParallelTest, FoldersOfMixedFormatsInSortedOrder) {
  TempDir dir;
  dir.Write("in/b.txt", "Tide tables for Marrow Bay were corrected on Tuesday.");
  dir.Write("in/a.jsonl", Record("a1", "The Corve bridge toll ends.") + "\n" + Record("a1", "Same id, other text.") +
                              "\n" + Record("a1", "The Corve bridge toll ends.") + "\n");
  dir.Write("in/sub/c.html", "<html><head><title>Quarry vote</title></head><body><p>Voters in Ebbing "
                             "rejected the quarry plan by a wide margin on Sunday.</p></body></html>");
  dir.Write("in/d.txt", "");
  dir.Write("in/e.jsonl", testing::Utf16(Record("wide", "Sixteen bits a letter.") + "\n", true));
  dir.Write("in/.hidden.txt", "never read");
  ExpectSameAsStreamed({dir.File("in"), dir.File("none")});
}

}  // namespace
}  // namespace rashomon
