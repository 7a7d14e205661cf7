// HTML main-text extraction on the public data sets in ../shared/data (ctest
// label "eval"). Prints the figures; the floors are those of issue 5.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "base/test_util.h"
#include "eval/extraction.h"

namespace rashomon {
namespace {

TEST(ExtractEvalTest, TrafilaturaSnippets) {
  std::string dir = testing::SharedDir() + "/data/trafilatura-eval";
  if (!std::filesystem::exists(dir + "/evaldata.json")) GTEST_SKIP() << "no trafilatura-eval data";
  auto s = EvalTrafilatura(dir);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::printf("trafilatura-eval: %zu pages, TP %zu FN %zu FP %zu TN %zu, P %.3f R %.3f F1 %.3f acc %.3f\n",
              s->pages, s->tp, s->fn, s->fp, s->tn, s->precision(), s->recall(), s->f1(), s->accuracy());
  EXPECT_GE(s->pages, 900u);
  // trafilatura 2.2 scores 0.924, jusText 0.862, readability-lxml 0.826.
  EXPECT_GE(s->f1(), 0.90);
}

TEST(ExtractEvalTest, ReadabilityPagesTextAndMetadata) {
  std::string dir = testing::SharedDir() + "/data/mozilla-readability-test-pages";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no readability test pages";
  auto r = EvalReadabilityPages(dir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  double title = 1.0 * r->title_right / std::max<size_t>(1, r->title_total);
  double byline = 1.0 * r->byline_right / std::max<size_t>(1, r->byline_total);
  double date = 1.0 * r->date_right / std::max<size_t>(1, r->date_total);
  std::printf("readability pages: %zu, shingle P %.3f R %.3f F1 %.3f; title %.3f (%zu), byline %.3f (%zu), "
              "published %.3f (%zu)\n",
              r->pages, r->precision, r->recall, r->f1(), title, r->title_total, byline, r->byline_total, date,
              r->date_total);
  EXPECT_GE(r->pages, 100u);
  EXPECT_GE(r->f1(), 0.90);
  EXPECT_GE(title, 0.90);
  EXPECT_GE(byline, 0.75);
  EXPECT_GE(date, 0.75);
}

}  // namespace
}  // namespace rashomon
