#include "text/document.h"

#include <algorithm>

#include "base/strings.h"
#include "base/utf8.h"
#include "text/language.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

bool EndsLikeSentence(std::string_view s) {
  s = TrimAscii(s);
  while (!s.empty()) {
    size_t b = s.size() - 1;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    char32_t cp;
    DecodeUtf8(s, b, &cp);
    if (IsClosingQuote(cp) || cp == '"' || cp == '\'' || cp == ')') {
      s = s.substr(0, b);
      continue;
    }
    return cp == '.' || cp == ';' || cp == ',' || cp == ':';
  }
  return false;
}

}  // namespace

std::vector<Token> TitleTokens(const Document& doc) {
  std::vector<Token> out;
  if (doc.title.empty()) return out;
  TokenizeOptions options;
  options.lang = doc.lang;
  options.keep_punct = false;
  Tokenize(doc.title, 0, static_cast<uint32_t>(doc.title.size()), options, &out);
  return out;
}

std::string InferTitle(std::string_view sentence, int max_words) {
  std::string s = CollapseWhitespace(sentence);
  // Drop the final period.
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  std::vector<size_t> word_starts;
  bool in_word = false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool space = s[i] == ' ';
    if (!space && !in_word) word_starts.push_back(i);
    in_word = !space;
  }
  if (static_cast<int>(word_starts.size()) <= max_words) return s;
  // Cut at the last clause boundary (", " "; " " — " " – ", also ",” ")
  // between word 6 and max_words.
  size_t limit = word_starts[static_cast<size_t>(max_words)];
  size_t best = std::string::npos;
  std::string closing;  // a closing quote to keep after the cut
  for (size_t i = word_starts[std::min<size_t>(6, word_starts.size() - 1)]; i < limit; ++i) {
    if ((s[i] == ',' || s[i] == ';') && i + 1 < s.size()) {
      if (s[i + 1] == ' ') {
        best = i;
        closing.clear();
      } else if (s.compare(i + 1, 4, "\u201d ") == 0 || s.compare(i + 1, 2, "\" ") == 0) {
        best = i;
        closing = s[i + 1] == '"' ? "\"" : "\u201d";
      }
    }
    if (s.compare(i, 5, " \u2014 ") == 0 || s.compare(i, 5, " \u2013 ") == 0) {
      best = i;
      closing.clear();
    }
  }
  if (best != std::string::npos) return s.substr(0, best) + closing;
  std::string cut = s.substr(0, limit);
  while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',')) cut.pop_back();
  return cut + "…";
}

Document BuildDocument(const Article& article, const LineStats* stats, const TextOptions& options) {
  Document doc;
  doc.article = &article;
  const std::string& raw = article.text;
  std::vector<std::string_view> lines = SplitLines(raw);
  std::vector<LineVerdict> verdicts = ClassifyLines(lines, stats, options.boilerplate);

  // Title: given, or a title-like line among the first kept lines.
  std::string given_key = article.title.empty() ? "" : FoldForMatch(CollapseWhitespace(article.title));
  int kept_seen = 0;
  for (size_t i = 0; i < lines.size() && kept_seen < 3; ++i) {
    LineVerdict& v = verdicts[i];
    if (v.kind == LineKind::kBlank || v.kind == LineKind::kBoilerplate) continue;
    ++kept_seen;
    std::string_view t = TrimAscii(lines[i]);
    if (!given_key.empty()) {
      if (FoldForMatch(CollapseWhitespace(t)) == given_key) v.kind = LineKind::kTitle;
      continue;
    }
    if (doc.title_source != TitleSource::kNone) break;
    int words = static_cast<int>(CountAsciiWords(t));
    bool followed_by_body = false;
    for (size_t j = i + 1; j < lines.size(); ++j) {
      if (verdicts[j].kind == LineKind::kBody) {
        followed_by_body = true;
        break;
      }
    }
    if (words >= 2 && words <= options.max_title_words && !EndsLikeSentence(t) && followed_by_body) {
      v.kind = LineKind::kTitle;
      doc.title = NormalizeText(t);
      doc.title_source = TitleSource::kFound;
    }
  }
  if (!article.title.empty()) {
    doc.title = NormalizeText(article.title);
    doc.title_source = TitleSource::kGiven;
  }

  // Cleaned text: body paragraphs and headings, one per line.
  doc.lines.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    uint32_t raw_begin = static_cast<uint32_t>(lines[i].data() - raw.data());
    LineRecord rec;
    rec.raw_begin = raw_begin;
    rec.raw_end = raw_begin + static_cast<uint32_t>(lines[i].size());
    rec.kind = verdicts[i].kind;
    rec.reason = std::move(verdicts[i].reason);
    doc.lines.push_back(std::move(rec));
    if (verdicts[i].kind != LineKind::kBody && verdicts[i].kind != LineKind::kHeading) continue;
    if (!doc.text.empty()) doc.text.push_back('\n');
    Paragraph p;
    p.begin = static_cast<uint32_t>(doc.text.size());
    NormalizeLine(lines[i], raw_begin, &doc.text, &doc.to_raw);
    p.end = static_cast<uint32_t>(doc.text.size());
    p.heading = verdicts[i].kind == LineKind::kHeading;
    if (p.end > p.begin) {
      doc.paragraphs.push_back(p);
    } else if (!doc.text.empty() && doc.text.back() == '\n') {
      doc.text.pop_back();
    }
  }

  // A text made only of heading-shaped lines (a headline-only wire item, a
  // one-line note without a full stop) is its own body: read as headings it
  // would have no sentence, no words and no title.
  if (std::none_of(doc.paragraphs.begin(), doc.paragraphs.end(), [](const Paragraph& p) { return !p.heading; })) {
    for (Paragraph& p : doc.paragraphs) p.heading = false;
  }

  doc.lang = article.lang.empty() ? GuessLanguage(doc.text) : article.lang;
  TokenizeOptions tok;
  tok.lang = doc.lang;

  // Sentences and tokens.
  int body_seen = 0;
  for (uint32_t pi = 0; pi < doc.paragraphs.size(); ++pi) {
    Paragraph& p = doc.paragraphs[pi];
    p.first_sentence = static_cast<uint32_t>(doc.sentences.size());
    if (p.heading) {
      p.sentence_end = p.first_sentence;
      continue;
    }
    std::string_view para = std::string_view(doc.text).substr(p.begin, p.end - p.begin);
    uint32_t skip = 0;
    // A dateline opens the lede, which may follow a standfirst paragraph.
    if (body_seen++ < 2 && doc.dateline.empty()) {
      std::string_view place;
      size_t d = DatelineLength(para, &place);
      if (d > 0) {
        doc.dateline = std::string(place);
        skip = static_cast<uint32_t>(d);
      }
    }
    for (const SentenceSpan& span : SplitSentences(para.substr(skip), options.segment)) {
      Sentence s;
      s.begin = p.begin + skip + span.begin;
      s.end = p.begin + skip + span.end;
      s.paragraph = pi;
      s.first_token = static_cast<uint32_t>(doc.tokens.size());
      Tokenize(doc.text, s.begin, s.end, tok, &doc.tokens);
      s.token_end = static_cast<uint32_t>(doc.tokens.size());
      uint32_t index = static_cast<uint32_t>(doc.sentences.size());
      bool first_word = true;
      for (uint32_t t = s.first_token; t < s.token_end; ++t) {
        Token& token = doc.tokens[t];
        token.sentence = index;
        if (token.kind != TokenKind::kPunct) {
          ++doc.word_count;
          if (first_word) token.flags |= token_flags::kSentenceStart;
          first_word = false;
        }
      }
      doc.sentences.push_back(s);
    }
    p.sentence_end = static_cast<uint32_t>(doc.sentences.size());
  }

  if (doc.title_source == TitleSource::kNone && !doc.sentences.empty()) {
    doc.title = InferTitle(doc.SentenceText(doc.sentences[0]), options.inferred_title_words);
    doc.title_source = TitleSource::kInferred;
  }
  return doc;
}

}  // namespace rashomon
