#include "analysis/caseless_names.h"

#include <algorithm>
#include <set>
#include <utility>

#include "analysis/names.h"
#include "base/utf8.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/translate.h"
#include "text/transliterate.h"

namespace rashomon {

std::string AbjadSkeleton(std::string_view folded_latin) {
  std::string s;
  for (char c : folded_latin) {
    if (c >= 'a' && c <= 'z') s.push_back(c);
  }
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (next == 'h' && (c == 's' || c == 'c' || c == 'z' || c == 'k' || c == 'g' || c == 't' || c == 'd' ||
                        c == 'p')) {
      ++i;  // the digraph reads as its first letter's class (ph: f, sh/ch/zh: s)
      if (c == 'c') c = 's';
    } else if (c == 't' && (next == 's' || next == 'z')) {
      ++i;
      c = 's';
    }
    char m = c;
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w': case 'h': continue;
      case 'p': case 'f': case 'v': m = 'b'; break;
      case 'c': case 'q': m = 'k'; break;
      case 'j': m = 'g'; break;
      case 'z': case 'x': m = 's'; break;
      case 'l': m = 'r'; break;
      default: break;
    }
    if (!out.empty() && out.back() == m) continue;
    out.push_back(m);
  }
  return out;
}

namespace {

constexpr size_t kMaxWords = 4;

// Letters that join a caseless word in front of a name: Arabic wa, bi, li,
// ka, fa; Hebrew ve, ha, be, le, mi, she, ke.
bool PrefixLetter(char32_t c) {
  switch (c) {
    case U'\u0648': case U'\u0628': case U'\u0644': case U'\u0643': case U'\u0641':
    case U'\u05D5': case U'\u05D4': case U'\u05D1': case U'\u05DC': case U'\u05DE': case U'\u05E9': case U'\u05DB':
      return true;
    default:
      return false;
  }
}

struct Reading {
  std::string skeleton;
  size_t skip = 0;  // bytes of prefix left off
};

// The skeletons of a caseless word: as written, without one prefix letter,
// without the article, without both (`prefixes` false: the article only).
std::vector<Reading> Readings(std::string_view word, bool prefixes) {
  std::vector<Reading> out;
  auto add = [&](size_t skip) {
    if (skip >= word.size()) return;
    const std::string_view rest = word.substr(skip);
    if (CountCodePoints(rest) < 2) return;
    std::string k = AbjadSkeleton(FoldForMatch(ToLatin(rest)));
    if (!k.empty()) out.push_back({std::move(k), skip});
  };
  auto article_at = [&](size_t at) {
    static constexpr std::string_view kArticle = "\u0627\u0644";  // al-
    return word.substr(at).rfind(kArticle, 0) == 0 ? at + kArticle.size() : size_t{0};
  };
  add(0);
  if (size_t a = article_at(0)) add(a);
  if (!prefixes) return out;
  char32_t first;
  const size_t len = DecodeUtf8(word, 0, &first);
  if (!PrefixLetter(first)) return out;
  add(len);
  if (size_t a = article_at(len)) add(a);
  return out;
}

bool Spells(const std::vector<Reading>& readings, const std::string& skeleton, size_t* skip) {
  for (const Reading& r : readings) {
    if (r.skeleton == skeleton) {
      *skip = r.skip;
      return true;
    }
  }
  return false;
}

bool CaselessWord(const Document& doc, const Token& t) {
  return t.kind == TokenKind::kWord && !t.Is(token_flags::kStopword) &&
         static_cast<unsigned char>(doc.text[t.begin]) >= 0x80 && IsCaselessWord(doc.TokenText(t));
}

}  // namespace

bool HasCaselessWords(const Document& doc) {
  return std::any_of(doc.tokens.begin(), doc.tokens.end(), [&](const Token& t) { return CaselessWord(doc, t); });
}

CaselessNames::CaselessNames(const std::vector<std::vector<std::string>>& names) {
  names_.reserve(names.size());
  for (const std::vector<std::string>& tokens : names) {
    Name n;
    size_t letters = 0;
    for (const std::string& t : tokens) {
      if (IsNameParticle(t)) continue;
      n.skeletons.push_back(AbjadSkeleton(t));
      letters += n.skeletons.back().size();
      if (n.skeletons.back().empty()) letters = 0;  // a word an abjad may not write at all
    }
    if (n.skeletons.empty() || n.skeletons.size() > kMaxWords || letters == 0) n.skeletons.clear();
    if (!tokens.empty()) n.last = tokens.back();
    max_words_ = std::max(max_words_, n.skeletons.size());
    names_.push_back(std::move(n));
  }
}

std::vector<CaselessMention> CaselessNames::Find(const Document& doc, uint32_t doc_index) const {
  std::vector<CaselessMention> out;
  if (max_words_ == 0 || !HasCaselessWords(doc)) return out;
  const PivotDictionary* dict = PivotDictionaryFor(doc.lang);
  auto caseless = [&](const Token& t) { return CaselessWord(doc, t); };
  for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    uint32_t t = s.first_token;
    while (t < s.token_end) {
      if (!caseless(doc.tokens[t])) {
        ++t;
        continue;
      }
      // The run of caseless words from t, separated by spaces only.
      uint32_t run_end = t + 1;
      while (run_end < s.token_end && run_end - t < max_words_ && caseless(doc.tokens[run_end])) {
        const Token& prev = doc.tokens[run_end - 1];
        const std::string_view gap(doc.text.data() + prev.end, doc.tokens[run_end].begin - prev.end);
        if (gap.find_first_not_of(' ') != std::string_view::npos) break;
        ++run_end;
      }
      std::vector<std::vector<Reading>> readings;
      for (uint32_t k = t; k < run_end; ++k) readings.push_back(Readings(doc.TokenText(doc.tokens[k]), k == t));
      bool found = false;
      for (size_t len = run_end - t; len >= 1 && !found; --len) {
        std::set<size_t> match;
        std::set<std::string> lasts;
        size_t skip = 0;
        for (size_t n = 0; n < names_.size(); ++n) {
          const std::vector<std::string>& sk = names_[n].skeletons;
          if (sk.empty()) continue;
          bool ok = true;
          size_t first_skip = 0;
          if (len >= 2) {
            ok = sk.size() == len;
            for (size_t k = 0; k < len && ok; ++k) {
              size_t at = 0;
              ok = Spells(readings[k], sk[k], &at);
              if (k == 0) first_skip = at;
            }
          } else {
            ok = (sk.back().size() >= 4 || (sk.back().size() == 3 && dict != nullptr)) &&
                 Spells(readings[0], sk.back(), &first_skip);
          }
          if (!ok) continue;
          match.insert(n);
          lasts.insert(names_[n].last);
          skip = first_skip;
        }
        if (match.empty()) continue;
        size_t name = *match.begin();
        if (len == 1) {
          // One word: the last word of exactly one name (a one-word form of
          // it may be there too); with three consonants (a root of common
          // words), no word the dictionary knows.
          if (lasts.size() != 1) continue;
          const Token& word = doc.tokens[t];
          if (names_[*match.begin()].skeletons.back().size() < 4 && !dict->Lookup(word.stem).empty()) continue;
          std::vector<size_t> full;
          for (size_t n : match) {
            if (names_[n].skeletons.size() >= 2) full.push_back(n);
          }
          if (full.size() > 1) continue;
          if (full.size() == 1) name = full[0];
        } else if (match.size() != 1) {
          continue;  // spells two names: no telling which
        }
        const Token& first = doc.tokens[t];
        const Token& last = doc.tokens[t + len - 1];
        CaselessMention m;
        m.name = name;
        m.mention.doc = doc_index;
        m.mention.sentence = si;
        m.mention.form = doc.text.substr(first.begin + skip, last.end - first.begin - skip);
        m.begin = first.begin + static_cast<uint32_t>(skip);
        m.end = last.end;
        out.push_back(std::move(m));
        t += static_cast<uint32_t>(len);
        found = true;
      }
      if (!found) ++t;
    }
  }
  return out;
}

}  // namespace rashomon
