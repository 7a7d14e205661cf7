// Quotes: direct quotations with their speaker and cue verb, per article,
// and grouping of the versions of one quote across articles.
//
// Direct quotes are spans inside quotation marks of any style (“…” "…" ‘…’
// «…» „…“) of at least min_words words. The speaker is found around the
// quote in its sentence: "…," X said / said X / X said: "…" / X told Y "…" /
// "…," according to X; a pronoun speaker ("he said") resolves to the last
// person named as a speaker or subject before it in the article. Titles
// ("Transport Minister") are stripped from the speaker's name. Thread-safe
// (pure functions).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/document.h"

namespace rashomon {

struct QuoteOptions {
  int min_words = 3;       // shorter quoted spans are scare quotes or titles
  int max_words = 200;     // longer spans are a mismatched quotation mark
  // Two versions are the same quote when this share of the shorter one's
  // content stems occurs in the longer (translation and paraphrase change
  // some words, keep most).
  float same_quote = 0.5f;
};

struct ExtractedQuote {
  uint32_t sentence = 0;          // index in Document::sentences
  uint32_t begin = 0, end = 0;    // span of the quoted words in Document::text
  std::string text;               // the quoted words, without the marks
  std::string speaker;            // as written, titles stripped ("Leyla Haddadine"); empty if unknown
  std::string cue;                // "said", "told", "according to"
  bool pronoun = false;           // speaker resolved from "he"/"she"
  // Where the speaker is written in this quote's context (the pronoun when
  // resolved from one), in Document::text; begin == end when not found.
  uint32_t speaker_begin = 0, speaker_end = 0;
};

// Quotes of one article, in text order.
std::vector<ExtractedQuote> ExtractQuotes(const Document& doc, const QuoteOptions& options = {});

// Stems of a quote's content words (for matching versions).
std::vector<uint64_t> QuoteStems(const std::string& text, const std::string& lang);

// Share of a's stems found in b (a is usually the shorter).
float StemContainment(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

}  // namespace rashomon
