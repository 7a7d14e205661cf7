#include "analysis/translation.h"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "analysis/cross_language.h"
#include "analysis/names.h"
#include "base/hash.h"
#include "base/sorted.h"
#include "text/transliterate.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace rashomon {

namespace {

// The anchor key of a token: a number of two digits or more by its digits,
// a name (capitalised inside a sentence, or all capitals; opening one when
// `names` holds its key) by its key, other
// scripts by their Latin transliteration's, a word of a script without
// capitals by the English name it spells (with `pivot`); 0 for any other
// token.
uint64_t AnchorKey(const Document& doc, const Token& t, const StoryPivot* pivot, bool calendar,
                   const std::unordered_set<uint64_t>* names = nullptr) {
  if (t.kind == TokenKind::kNumber) {
    std::string digits;
    for (char c : doc.TokenText(t)) {
      if (c >= '0' && c <= '9') digits.push_back(c);
    }
    return digits.size() >= 2 ? Hash64(digits) ^ 0x9e3779b97f4a7c15ULL : 0;
  }
  if (t.kind != TokenKind::kWord || t.Is(token_flags::kStopword)) return 0;
  const bool name = t.Is(token_flags::kAllCaps) ||
                    (t.Is(token_flags::kCapitalized) &&
                     (!t.Is(token_flags::kSentenceStart) || (names != nullptr && names->count(t.key) > 0)));
  const std::string_view text = doc.TokenText(t);
  if (!name) return pivot != nullptr ? pivot->NameKey(text) : 0;
  // English capitalises weekdays and months, most languages do not: a
  // sentence's own anchors leave them out (an article's keep them).
  if (!calendar && IsCalendarWord(FoldForMatch(text))) return 0;
  return HasNonLatinLetter(text) ? Hash64(WordKey(ToLatin(text))) : t.key;
}

}  // namespace

TranslationSignature SignatureOf(const Document& doc, const TranslationOptions& options, const StoryPivot* pivot) {
  TranslationSignature out;
  for (const Token& t : doc.tokens) {
    if (out.anchors.size() >= static_cast<size_t>(options.max_anchors)) break;
    if (const uint64_t key = AnchorKey(doc, t, pivot, true); key != 0) out.anchors.push_back(key);
  }
  return out;
}

namespace {

// The keys of `doc`'s words capitalised inside a sentence: such a word
// opening a sentence is a name there too ("Dranek said ...").
std::unordered_set<uint64_t> NamesInside(const Document& doc) {
  std::unordered_set<uint64_t> out;
  for (const Token& t : doc.tokens) {
    if (t.kind == TokenKind::kWord && t.Is(token_flags::kCapitalized) && !t.Is(token_flags::kSentenceStart) &&
        !t.Is(token_flags::kStopword)) {
      out.insert(t.key);
    }
  }
  return out;
}

// The anchors of tokens [first_token, token_end) of `doc`, `names` those
// of NamesInside.
std::vector<uint64_t> SentenceAnchors(const Document& doc, uint32_t first_token, uint32_t token_end, int* words,
                                      const StoryPivot* pivot, const std::unordered_set<uint64_t>& names) {
  std::vector<uint64_t> out;
  *words = 0;
  token_end = std::min<uint32_t>(token_end, static_cast<uint32_t>(doc.tokens.size()));
  for (uint32_t k = first_token; k < token_end; ++k) {
    const Token& t = doc.tokens[k];
    const uint64_t key = AnchorKey(doc, t, pivot, false, &names);
    if (key == 0) continue;
    ++*words;
    out.push_back(key);
    const std::string_view text = doc.TokenText(t);
    if (t.kind == TokenKind::kWord && HasNonLatinLetter(text)) {
      const NameKeys keys = NameKeysAcrossScripts(text, t.key, doc.lang);
      out.push_back(keys.first);
      out.push_back(keys.second);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

SentenceAnchorList AnchorsOfSentences(const Document& doc, const std::vector<uint32_t>* sentences,
                                      const StoryPivot* pivot) {
  const std::unordered_set<uint64_t> names = NamesInside(doc);
  SentenceAnchorList out;
  auto add = [&](const Sentence& s) {
    int words = 0;
    std::vector<uint64_t> anchors = SentenceAnchors(doc, s.first_token, s.token_end, &words, pivot, names);
    out.emplace_back(std::move(anchors), words);
  };
  if (sentences == nullptr) {
    for (const Sentence& s : doc.sentences) add(s);
  } else {
    for (uint32_t si : *sentences) add(doc.sentences[si]);
  }
  return out;
}

std::vector<std::pair<uint32_t, uint32_t>> AlignTranslatedStatements(const SentenceAnchorList& from_anchors,
                                                                     const SentenceAnchorList& to_anchors) {
  const size_t n = from_anchors.size(), m = to_anchors.size();
  // The anchors statement i of `from` shares with statement j of `to`,
  // 0 when the pair cannot be a translation.
  auto shared = [&](size_t i, size_t j) {
    const auto& [x, xw] = from_anchors[i];
    const auto& [y, yw] = to_anchors[j];
    int common = static_cast<int>(SortedIntersectionSize(x, y));
    // Keys of one word (a declined name's spellings) may both match: the
    // words shared are at most the fewer words.
    common = std::min({common, xw, yw});
    return common >= 1 && 2 * common >= std::max(xw, yw) ? common : 0;
  };
  // Weighted longest common subsequence over statements.
  std::vector<std::vector<int>> best(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const int s = shared(i - 1, j - 1);
      best[i][j] = std::max({best[i - 1][j], best[i][j - 1], s > 0 ? best[i - 1][j - 1] + s : 0});
    }
  }
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (size_t i = n, j = m; i > 0 && j > 0;) {
    const int s = shared(i - 1, j - 1);
    if (s > 0 && best[i][j] == best[i - 1][j - 1] + s) {
      out.emplace_back(static_cast<uint32_t>(i - 1), static_cast<uint32_t>(j - 1));
      --i;
      --j;
    } else if (best[i][j] == best[i - 1][j]) {
      --i;
    } else {
      --j;
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

TranslationMatch MatchTranslation(const TranslationSignature& a, const TranslationSignature& b) {
  const std::vector<uint64_t>& x = a.anchors;
  const std::vector<uint64_t>& y = b.anchors;
  TranslationMatch m;
  m.shorter = static_cast<int>(std::min(x.size(), y.size()));
  m.longer = static_cast<int>(std::max(x.size(), y.size()));
  if (m.shorter == 0) return m;
  // Longest common subsequence, one row at a time.
  std::vector<int> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j) {
      cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  m.common = prev[y.size()];
  m.share = static_cast<float>(m.common) / static_cast<float>(m.longer);
  return m;
}

namespace {

// Statements of the shorter of articles a and b (by statements) in a fact
// with the other, and its statements.
std::pair<int, int> AlignedOfShorter(const SharedFacts& facts, uint32_t a, uint32_t b) {
  const uint32_t s = facts.Statements(a) <= facts.Statements(b) ? a : b;
  return {facts.Aligned(s, s == a ? b : a), facts.Statements(s)};
}

}  // namespace

TranslationMatches::TranslationMatches(const std::vector<const Document*>& docs, const TranslationOptions& options) {
  const size_t n = docs.size();
  bool mixed = false;
  for (size_t i = 1; i < n && !mixed; ++i) mixed = docs[i]->lang != docs[0]->lang;
  if (!mixed) return;
  const StoryPivot pivot(docs);
  std::vector<TranslationSignature> signatures;
  signatures.reserve(n);
  for (const Document* d : docs) signatures.push_back(SignatureOf(*d, options, &pivot));
  n_ = n;
  matches_.resize(n * n);
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b < n; ++b) {
      if (docs[a]->lang != docs[b]->lang) matches_[a * n + b] = MatchTranslation(signatures[a], signatures[b]);
    }
  }
}

std::vector<TranslationPair> FindTranslations(const std::vector<const Document*>& docs,
                                              const TranslationOptions& options, const SharedFacts* facts,
                                              const TranslationMatches* matches) {
  std::vector<TranslationPair> out;
  const size_t n = docs.size();
  std::optional<TranslationMatches> own;
  if (matches == nullptr) matches = &own.emplace(docs, options);
  if (!matches->mixed()) return out;
  for (uint32_t a = 0; a < n; ++a) {
    for (uint32_t b = a + 1; b < n; ++b) {
      const Document& da = *docs[a];
      const Document& db = *docs[b];
      if (da.lang == db.lang) continue;
      TranslationPair t;
      t.match = matches->At(a, b);
      if (facts != nullptr) std::tie(t.aligned, t.statements) = AlignedOfShorter(*facts, a, b);
      const bool by_facts = t.aligned >= options.min_aligned &&
                            static_cast<float>(t.aligned) >= options.aligned_facts * static_cast<float>(t.statements) &&
                            t.match.common >= options.min_common && t.match.share >= options.aligned_share;
      if (!t.match.Translation(options) && !by_facts) continue;
      const auto& ta = da.article->published;
      const auto& tb = db.article->published;
      bool b_from_a = true;
      std::string why = "no publication order: the first article taken as the source";
      if (ta && tb && *ta != *tb) {
        b_from_a = *ta < *tb;
        why = "published later than its source";
      } else if (da.lang == "en" || db.lang == "en") {
        // Most wires translate out of English.
        b_from_a = da.lang == "en";
        why = "no publication order: the English article taken as the source";
      }
      t.from = b_from_a ? a : b;
      t.to = b_from_a ? b : a;
      t.evidence.push_back("translation (" + docs[t.to]->lang + " from " + docs[t.from]->lang + "): " +
                           std::to_string(t.match.common) + " of " + std::to_string(t.match.longer) +
                           " names and numbers in the same order" +
                           (!t.match.Translation(options) ? ", " + std::to_string(t.aligned) + " of " + std::to_string(t.statements) +
                                                " statements of the shorter aligned with the other"
                                          : std::string()));
      t.evidence.push_back(std::move(why));
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace rashomon
