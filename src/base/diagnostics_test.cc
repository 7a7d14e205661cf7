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

TEST(DiagnosticsTest, FileNamesAreEscaped) {
  Diagnostic d{Severity::kError, "a\nrashomon: error: b.txt", 3, "rec\x1b[2J", "empty file"};
  EXPECT_EQ(FormatDiagnostic(d), "rashomon: error: a\\nrashomon: error: b.txt:3 [rec\\x1b[2J]: empty file");
}

}  // namespace
}  // namespace rashomon
