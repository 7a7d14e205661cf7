// ArticleView: one article's cleaned text, sentence by sentence, marked with
// what its story's analysis says about each sentence.
//
// The report model lists facts and conflicts per story with the articles
// that carry them, but not where in each article they sit. This finds the
// sentences: a fact is placed on the sentence of the article whose words it
// shares most (see kFactOverlap), a conflict on the sentences that contain
// one of the article's claimed values. Works from an Article and a Story
// alone, so any Backend can serve it. Plain values; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "ingest/article.h"
#include "report/model.h"
#include "text/document.h"

namespace rashomon::serve {

enum class SentenceMark {
  kPlain,         // no fact of the story found here
  kCorroborated,  // carries a fact other articles report too
  kUnique,        // carries a fact only this article reports
  kConflicting,   // states a value other articles contradict
};
const char* SentenceMarkName(SentenceMark mark);  // "plain", "corroborated", ...

struct MarkedSentence {
  std::string text;
  SentenceMark mark = SentenceMark::kPlain;
  std::vector<std::string> facts;      // fact ids placed here
  std::vector<std::string> conflicts;  // conflict subjects whose value is stated here
  std::vector<std::string> also_in;    // other articles carrying one of those facts
};

struct ViewParagraph {
  bool heading = false;
  std::string text;  // headings only; body text is in `sentences`
  std::vector<MarkedSentence> sentences;
};

struct RemovedLine {
  std::string text;
  std::string reason;
};

struct ArticleView {
  std::string title;
  std::vector<ViewParagraph> paragraphs;
  std::vector<RemovedLine> removed;  // boilerplate cleaning dropped
};

// Share of a fact's distinct words that a sentence must contain for the
// fact to be placed on it. Facts are sentences aligned across articles, so
// their own sentence scores near 1; a paraphrase in a derived article scores
// lower, and 0.6 still catches the usual rewrites without placing a fact on a
// sentence that merely names the same people.
inline constexpr double kFactOverlap = 0.6;

// `story` may be null (article in no story): every sentence is plain.
ArticleView BuildArticleView(const Article& article, const report::Story* story,
                             const TextOptions& options = {});

}  // namespace rashomon::serve
