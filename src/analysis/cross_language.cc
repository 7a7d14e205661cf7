#include "analysis/cross_language.h"

#include <algorithm>

#include "analysis/quotes.h"
#include "base/hash.h"
#include "text/language.h"
#include "text/tokenizer.h"
#include "text/translate.h"

namespace rashomon {
namespace {

bool IsEnglish(const std::string& lang) { return lang.empty() || lang == "en"; }

}  // namespace

StoryPivot::StoryPivot(const std::vector<const Document*>& docs) {
  for (const Document* d : docs) {
    if (d->lang != docs.front()->lang) active_ = true;
  }
  if (!active_) return;
  for (const Document* d : docs) {
    if (!IsEnglish(d->lang)) continue;
    for (const Token& t : d->tokens) {
      if (t.IsWord() && !t.Is(token_flags::kStopword)) english_.insert(t.stem);
    }
  }
}

bool StoryPivot::Maps(const std::string& lang) const { return active_ && !IsEnglish(lang); }

uint64_t StoryPivot::EnglishStem(std::string_view text, const Token& token, const std::string& lang) const {
  if (!Maps(lang) || !token.IsWord() || token.Is(token_flags::kStopword)) return token.stem;
  if (const PivotDictionary* dict = PivotDictionaryFor(lang)) {
    const std::span<const PivotTerm> terms = dict->Lookup(token.stem);
    if (!terms.empty()) {
      for (const PivotTerm& term : terms) {
        if (english_.count(term.stem) > 0) return term.stem;
      }
      return terms.front().stem;
    }
  }
  return Hash64(Stem(TokenKeyString(text, token), "en"));
}

SentenceSketch StoryPivot::Sketch(const Document& doc, const Sentence& sentence) const {
  if (!Maps(doc.lang)) return SketchSentence(doc, sentence);
  std::vector<Token> tokens(doc.tokens.begin() + sentence.first_token, doc.tokens.begin() + sentence.token_end);
  for (Token& t : tokens) t.stem = EnglishStem(doc.text, t, doc.lang);
  return SketchTokenSpan(doc.text, tokens.data(), tokens.data() + tokens.size(), true);
}

std::vector<uint64_t> StoryPivot::QuoteStems(const std::string& text, const std::string& lang) const {
  if (!Maps(lang)) return rashomon::QuoteStems(text, lang);
  std::vector<Token> tokens;
  TokenizeOptions options;
  options.lang = lang;
  options.keep_punct = false;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), options, &tokens);
  std::vector<uint64_t> out;
  for (const Token& t : tokens) {
    if (t.IsContent()) out.push_back(EnglishStem(text, t, lang));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace rashomon
