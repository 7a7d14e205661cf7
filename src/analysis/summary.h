// Headline and extractive summary of a story.
//
// Sentences are scored by how much of the story's other articles they are
// supported by (sum of their best similarity to each other article), with a
// small bonus for the lede, which news writing front-loads. The summary takes
// the best sentences that do not repeat one another; the headline is the
// title most similar to the story as a whole, preferring titles the outlets
// wrote over ones inferred from a lede.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/model.h"
#include "text/document.h"

namespace rashomon {

struct SummaryOptions {
  int sentences = 3;
  // Two summary sentences more similar than this say the same thing.
  float redundancy = 0.45f;
  // Sentences shorter or longer than these (in words) make poor summaries.
  int min_words = 8;
  int max_words = 60;
  // The most widely quoted words (of a named speaker, quoted by half the
  // articles or more) the summary states, adding a sentence for each it
  // does not state yet.
  int central_quotes = 2;
};

struct Summary {
  std::string headline;
  std::vector<std::string> sentences;
};

Summary SummarizeStory(const std::vector<const Document*>& docs, const SummaryOptions& options = {});

// Replaces story->summary with the best-supported fact units, skipping any
// that repeat a sentence already picked. A fact's rank: its independent
// sources, plus half a point per further article, plus up to 1.5 when an
// article states it at its top, most for the lede (`positions`, parallel to
// story->facts, as
// AnalyzeFactsAndProvenance gives them; may be empty), minus one when it
// opens with a quotation (a quote is a voice, not the story's news). Facts
// that do not StandsAlone() are skipped. Leaves
// the summary alone when no fact has two supporting articles (a one-article
// story keeps its lede summary).
// Whether a sentence can be read alone: it does not open with a pronoun or
// demonstrative pointing back to an earlier sentence ("He added that ...",
// "This came after ..."). The fact summary skips those that cannot.
bool StandsAlone(std::string_view sentence);

void ApplyFactSummary(report::Story* story, const std::vector<float>& positions,
                      const SummaryOptions& options = {});

}  // namespace rashomon
