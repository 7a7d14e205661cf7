#include "analysis/cross_language.h"

#include <algorithm>

#include "analysis/quotes.h"
#include "base/hash.h"
#include "text/abjad.h"
#include "text/language.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/translate.h"
#include "text/transliterate.h"

namespace rashomon {
namespace {

// Consonant classes a name's skeleton needs to stand for it: fewer match
// too many words by chance.
constexpr size_t kMinNameClasses = 3;

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
    // Names: capitalised words inside a sentence (its first word may be any
    // word).
    for (const Sentence& s : d->sentences) {
      for (uint32_t k = s.first_token + 1; k < s.token_end; ++k) {
        const Token& t = d->tokens[k];
        if (!t.IsWord() || t.Is(token_flags::kStopword)) continue;
        const std::string_view text = d->TokenText(t);
        if (text.empty() || text[0] < 'A' || text[0] > 'Z') continue;
        const std::string skeleton = AbjadSkeleton(FoldForMatch(text));
        if (skeleton.size() < kMinNameClasses) continue;
        auto [it, inserted] = name_skeletons_.try_emplace(skeleton, SkeletonName{t.stem, t.key});
        if (!inserted && it->second.stem != t.stem) it->second.stem = 0;
      }
    }
  }
}

const StoryPivot::SkeletonName* StoryPivot::NameOf(std::string_view word) const {
  if (name_skeletons_.empty() || !HasNonLatinLetter(word)) return nullptr;
  // As written, then without the article or a prefix letter ("and",
  // "with", "to", "like") written onto the name.
  for (const AbjadReading& r : AbjadReadings(word, true)) {
    if (r.near || r.skeleton.size() < kMinNameClasses) continue;
    auto it = name_skeletons_.find(r.skeleton);
    if (it != name_skeletons_.end() && it->second.stem != 0) return &it->second;
  }
  return nullptr;
}

uint64_t StoryPivot::NameStem(std::string_view word) const {
  const SkeletonName* name = NameOf(word);
  return name == nullptr ? 0 : name->stem;
}

uint64_t StoryPivot::NameKey(std::string_view word) const {
  if (!active_ || !IsCaselessWord(word)) return 0;
  const SkeletonName* name = NameOf(word);
  return name == nullptr ? 0 : name->key;
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
  const std::string_view word = text.substr(token.begin, token.end - token.begin);
  if (const uint64_t name = NameStem(word)) return name;
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
