// Quotes: direct quotations with their speaker and cue verb, per article,
// and grouping of the versions of one quote across articles.
//
// Direct quotes are spans inside quotation marks of any style (“…” "…" ‘…’
// «…» „…“). Spans of min_words words or more are quotes; shorter ones
// ("absolutely non-negotiable", "unhinged") only when a speech cue with a
// speaker governs them within short_cue_window words ("X called it “…”",
// "“…,” X said"). Scare quotes ("so-called “…”"), titles of works ("the
// film “…”", capitalised phrases) and nicknames (Name “…” Name) are told
// apart by context, at any length.
// The speaker is found around the quote in its sentence: "…," X said /
// said X / X said: "…" / X told Y "…" / "…," according to X / X called Y
// "…"; a line "X continued:" before a quote paragraph; a quote paragraph
// after one whose last sentence reports what X said. A pronoun speaker
// ("he said") resolves to the person named last in this or the previous
// sentence, or the last speech-verb subject; a described speaker ("the
// minister said") to the last person named with that title before it. A
// described non-person ("the report", "the statement") is a source, not a
// speaker: the quote gets none. Titles ("Transport Minister") are stripped
// from the speaker's name. Thread-safe (pure functions).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/document.h"

namespace rashomon {

struct QuoteOptions {
  int min_words = 3;          // shorter spans need a close speech cue (see above)
  int short_cue_window = 12;  // words between a short quote and its cue
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

// Stems of a quote's core words: "non-" prefixes split off, and negations
// and degree words ("never", "not", "absolutely", "very") dropped, so that
// reworded short quotes of one claim compare equal ("absolutely
// non-negotiable", "never negotiable").
std::vector<uint64_t> QuoteCoreStems(const std::string& text, const std::string& lang);

// Whether two speaker names (as written, titles stripped) name one person:
// the same last word, or spellings of it with a similar phonetic key
// ("Haddadine", "Hadadin"). Empty names are never the same speaker.
bool SameSpeaker(const std::string& a, const std::string& b);

// The words of `version` against `text`, word by word (case and
// punctuation ignored): runs only in `text` marked "[-…-]", runs only in
// `version` "{+…+}", shared words as written in `version`. Empty when the
// words are the same or `version` is a contiguous part of `text` (a shorter
// quotation, not a different wording). Quadratic in the words of the two,
// which max_words bounds.
std::string QuoteDiff(const std::string& text, const std::string& version);

// Share of a's stems found in b (a is usually the shorter).
float StemContainment(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

}  // namespace rashomon
