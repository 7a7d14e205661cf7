// Boilerplate: scraper leftovers ("listen to this article 5 minutes",
// "Recommended stories", "Help us improve.") told apart from article text.
//
// No list of known lines: each line is scored on cues that generalise across
// sites and are combined, since none is enough alone:
//   - vocabulary: share of its content words that are web-UI words (share,
//     subscribe, listen, recommended, items...), including glued ones that a
//     scraper ran together ("article5", "itemsend");
//   - recurrence: the same short line (digits ignored) in other articles of
//     the corpus, which article sentences rarely do unless copied in full;
//   - shape: short, no sentence punctuation, lower-case label, a bare URL;
//   - position: first and last lines of the article;
//   - address: speaks to the reader ("you", "us") in a short line.
// A line scoring kBoilerplateScore or more is boilerplate. Short lines that
// are not boilerplate and are not sentences are headings.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rashomon {

enum class LineKind : uint8_t { kBlank, kBody, kHeading, kTitle, kBoilerplate };
std::string_view LineKindName(LineKind kind);

struct BoilerplateOptions {
  // Lines with more words than this are never boilerplate by recurrence or
  // vocabulary alone: real UI strings are short, article sentences long.
  int max_words = 14;
  // Score at which a line is boilerplate (each cue adds 1 or 2).
  int threshold = 2;
};

// Corpus-wide counts of short lines, for the recurrence cue. Thread-safe.
class LineStats {
 public:
  // Counts each distinct short line of `text` once.
  void AddArticle(std::string_view text, const BoilerplateOptions& options = {});
  // Number of articles added that contain `line` (digits ignored).
  uint32_t Recurrence(std::string_view line) const;
  uint32_t articles() const;

  // The counts as (line key, articles) pairs, in no order: for adding the
  // counts of one part of a corpus to another's (distributed cleaning).
  std::vector<std::pair<uint64_t, uint32_t>> Counts() const;
  // Adds counts as Counts() gives them, and `articles` to the article count.
  void AddCounts(const std::vector<std::pair<uint64_t, uint32_t>>& counts, uint32_t articles);

 private:
  mutable std::mutex mu_;
  std::unordered_map<uint64_t, uint32_t> counts_;
  uint32_t articles_ = 0;
};

// Key under which lines recur: letters lower-cased, digits as '0', the rest
// dropped ("list of 4 items" and "List of 3 items" share it).
uint64_t RecurrenceKey(std::string_view line);

struct LineVerdict {
  LineKind kind = LineKind::kBody;
  int score = 0;
  std::string reason;  // the cues that fired, for people ("UI words; recurs in 2 articles")
};

// Classifies every line of `text` (as split by SplitLines). `stats` may be
// null (no recurrence cue).
std::vector<LineVerdict> ClassifyLines(const std::vector<std::string_view>& lines,
                                       const LineStats* stats, const BoilerplateOptions& options = {});

}  // namespace rashomon
