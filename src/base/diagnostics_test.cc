#include "base/diagnostics.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

TEST(DiagnosticsTest, RepeatedWarningsShowTheFirstFewThenACount) {
  Diagnostics diag(/*echo=*/false);
  const size_t shown = Diagnostics::kShownPerGroup;
  for (size_t i = 0; i < shown + 2500; ++i) {
    diag.RepeatedWarning("duplicate ids", "in.jsonl", "duplicate article id 'x'", i + 1);
  }
  diag.RepeatedWarning("texts cut", "in.jsonl", "article text cut", 7);
  EXPECT_EQ(diag.warning_count(), shown + 2501);
  EXPECT_EQ(diag.Snapshot().size(), shown + 1);
  diag.Summarize();
  auto items = diag.Snapshot();
  ASSERT_EQ(items.size(), shown + 2);
  EXPECT_EQ(items.back().message, "... and 2,500 more duplicate ids");
  EXPECT_EQ(FormatDiagnostic(items.back()), "rashomon: warning: ... and 2,500 more duplicate ids");
  diag.Summarize();  // nothing new
  EXPECT_EQ(diag.Snapshot().size(), shown + 2);
  diag.RepeatedWarning("duplicate ids", "in.jsonl", "duplicate article id 'y'");
  diag.Summarize();
  EXPECT_EQ(diag.Snapshot().back().message, "... and 1 more duplicate ids");
}

TEST(DiagnosticsTest, ARecorderKeepsEveryCallForReplayInOrder) {
  Diagnostics recorder{Diagnostics::Recording{}};
  for (int i = 0; i < 30; ++i) recorder.RepeatedWarning("texts cut", "dunmore.jsonl", "text cut", i + 1);
  recorder.Error("dunmore.jsonl", "malformed JSON", 40);
  EXPECT_EQ(recorder.warning_count(), 30u);
  EXPECT_EQ(recorder.error_count(), 1u);
  EXPECT_TRUE(recorder.Snapshot().empty());  // kept for replay, not shown
  ASSERT_EQ(recorder.recorded().size(), 31u);  // not grouped: every call
  Diagnostics target(false);
  target.Warning("before.txt", "first");
  for (const RecordedDiagnostic& r : recorder.recorded()) target.Replay(r);
  target.Summarize();
  auto items = target.Snapshot();
  ASSERT_EQ(items.size(), 1 + Diagnostics::kShownPerGroup + 2);
  EXPECT_EQ(items[0].message, "first");
  EXPECT_EQ(items[1].line, 1u);
  EXPECT_EQ(items[Diagnostics::kShownPerGroup + 1].message, "malformed JSON");
  EXPECT_EQ(items[Diagnostics::kShownPerGroup + 1].line, 40u);
  EXPECT_EQ(items.back().message, "... and 10 more texts cut");
  EXPECT_EQ(target.error_count(), 1u);
  EXPECT_EQ(target.warning_count(), 31u);
}

TEST(DiagnosticsTest, FileNamesAreEscaped) {
  Diagnostic d{Severity::kError, "a\nrashomon: error: b.txt", 3, "rec\x1b[2J", "empty file"};
  EXPECT_EQ(FormatDiagnostic(d), "rashomon: error: a\\nrashomon: error: b.txt:3 [rec\\x1b[2J]: empty file");
}

}  // namespace
}  // namespace rashomon
