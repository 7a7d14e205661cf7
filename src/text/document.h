// Document: an Article after cleaning and segmentation.
//
// `text` holds the kept lines (body paragraphs and headings), normalised,
// one per line; every span below indexes into it, and `to_raw` maps its
// offsets back to Article::text. Sentences come only from body paragraphs,
// never from headings, titles or boilerplate. A Document borrows its Article
// (which must outlive it) and is immutable once built; distinct Documents
// may be built on distinct threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/article.h"
#include "text/boilerplate.h"
#include "text/offset_map.h"
#include "text/segment.h"
#include "text/tokenizer.h"

namespace rashomon {

enum class TitleSource : uint8_t { kGiven, kFound, kInferred, kNone };

struct Paragraph {
  uint32_t begin = 0, end = 0;  // span in Document::text
  bool heading = false;
  uint32_t first_sentence = 0, sentence_end = 0;  // [first, end) in Document::sentences
};

struct Sentence {
  uint32_t begin = 0, end = 0;  // span in Document::text
  uint32_t paragraph = 0;
  uint32_t first_token = 0, token_end = 0;  // [first, end) in Document::tokens
};

// A raw input line and what cleaning made of it (kept for "show removed").
struct LineRecord {
  uint32_t raw_begin = 0, raw_end = 0;  // span in Article::text
  LineKind kind = LineKind::kBody;
  std::string reason;  // why it was removed, for boilerplate
};

struct TextOptions {
  BoilerplateOptions boilerplate;
  SegmentOptions segment;
  // Titles found in the text must have at most this many words.
  int max_title_words = 25;
  // Inferred titles are cut at a clause boundary near this many words.
  int inferred_title_words = 16;
};

struct Document {
  const Article* article = nullptr;
  std::string lang;
  std::string title;
  TitleSource title_source = TitleSource::kNone;
  std::string dateline;  // place named in a dateline ("TEHRAN, Iran"), if any
  std::string text;
  OffsetMap to_raw;
  std::vector<LineRecord> lines;
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;  // tokens of sentences, in order
  uint32_t word_count = 0;

  std::string_view SentenceText(const Sentence& s) const {
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
  std::string_view TokenText(const Token& t) const {
    return std::string_view(text).substr(t.begin, t.end - t.begin);
  }
};

// Cleans and segments one article. `stats` (may be null) supplies line
// recurrence across the corpus for boilerplate detection.
Document BuildDocument(const Article& article, const LineStats* stats,
                       const TextOptions& options = {});

// The word and number tokens of `doc.title` (offsets into the title), in
// the document's language; empty when it has no title.
std::vector<Token> TitleTokens(const Document& doc);

// Shortens a lede sentence into a headline-length title.
std::string InferTitle(std::string_view sentence, int max_words);

}  // namespace rashomon
