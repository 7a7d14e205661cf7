// Quality of HTML main-text extraction on the public data sets in
// ../shared/data: trafilatura's snippet metric and the shingle F1 of the Zyte
// article-extraction benchmark, plus metadata accuracy against Readability's
// expected metadata. Used by `rashomon eval extract` and the eval tests.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "html/extract.h"

namespace rashomon {

// trafilatura-eval: a must-include snippet found in our text is a true
// positive, missing a false negative; a must-exclude snippet found is a
// false positive, absent a true negative. Whitespace is collapsed on both
// sides before the substring test.
struct SnippetScores {
  size_t pages = 0, missing_files = 0, failed_pages = 0;
  size_t tp = 0, fp = 0, tn = 0, fn = 0;
  double precision() const;
  double recall() const;
  double f1() const;
  double accuracy() const;
  // "FN file: snippet" / "FP file: snippet" lines, for --details.
  std::vector<std::string> errors;
};
Result<SnippetScores> EvalTrafilatura(const std::string& dir, const HtmlOptions& options = HtmlOptions());

// mozilla-readability-test-pages: per-page shingle precision and recall of our
// text against the expected article's text, averaged; F1 of the means. Title
// right = same \w+ tokens (case-folded); byline right = same tokens after a
// leading "by", or one contains the other (at least two tokens); published
// right = the same instant within a minute (the same day when the expected
// value is a bare date). Byline and date count only pages that have one.
struct ReadabilityScores {
  size_t pages = 0, failed_pages = 0;
  double precision = 0, recall = 0;
  double f1() const;
  size_t title_right = 0, title_total = 0;
  size_t byline_right = 0, byline_total = 0;
  size_t date_right = 0, date_total = 0;
  // Per page: name, precision, recall (for --details).
  struct Page {
    std::string name;
    double precision, recall;
    bool title_ok, byline_ok, date_ok;
  };
  std::vector<Page> details;
};
Result<ReadabilityScores> EvalReadabilityPages(const std::string& dir, const HtmlOptions& options = HtmlOptions());

// \w+ tokens (letters, digits, marks and '_' in any script).
std::vector<std::string> WordTokens(std::string_view text);

// Shingle (word 4-gram multiset) precision and recall of `predicted` against
// `expected`. Texts shorter than four tokens are one shingle. Both empty
// scores 1/1; one empty scores 0/0.
void ShinglePrecisionRecall(std::string_view predicted, std::string_view expected, double* precision,
                            double* recall);

}  // namespace rashomon
