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

bool SkeletonsNear(std::string_view name, std::string_view run, size_t max_changes) {
  if (name.size() != run.size()) return false;
  auto confusable = [](char a, char b) {
    auto pair = [&](char x, char y) { return (a == x && b == y) || (a == y && b == x); };
    return pair('k', 'g') || pair('g', 's');
  };
  size_t changed = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == run[i]) continue;
    if (++changed > max_changes || !confusable(name[i], run[i])) return false;
  }
  return changed >= 1;
}

std::vector<std::string> WawAsVSkeletons(std::string latin) {
  std::vector<std::string> out;
  for (size_t i = 1; i < latin.size(); ++i) {
    if (latin[i] != 'w') continue;
    latin[i] = 'v';
    out.push_back(AbjadSkeleton(latin));
    latin[i] = 'w';
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
  size_t skip = 0;     // bytes of prefix left off
  bool near = false;   // a w read as v: spells a name only as a near match
};

// The skeletons of a caseless word: as written, without one prefix letter,
// without the article, without both (`prefixes` false: the article only).
// Each w is also read as v (WawAsVSkeletons), a near reading.
std::vector<Reading> Readings(std::string_view word, bool prefixes) {
  std::vector<Reading> out;
  auto add = [&](size_t skip) {
    if (skip >= word.size()) return;
    const std::string_view rest = word.substr(skip);
    if (CountCodePoints(rest) < 2) return;
    const std::string latin = FoldForMatch(ToLatin(rest));
    std::string k = AbjadSkeleton(latin);
    if (k.empty()) return;
    out.push_back({std::move(k), skip, false});
    for (std::string& v : WawAsVSkeletons(latin)) out.push_back({std::move(v), skip, true});
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
    if (!r.near && r.skeleton == skeleton) {
      *skip = r.skip;
      return true;
    }
  }
  return false;
}

// Spells `skeleton` but for one confusable consonant (or a w read as v),
// or two in a word of kTwoChangeClasses classes or more.
bool SpellsNear(const std::vector<Reading>& readings, const std::string& skeleton, size_t* skip) {
  const size_t changes = MaxNearChanges(skeleton);
  for (const Reading& r : readings) {
    if (r.near ? r.skeleton == skeleton : SkeletonsNear(skeleton, r.skeleton, changes)) {
      *skip = r.skip;
      return true;
    }
  }
  return false;
}

using Names = std::vector<CaselessNames::Name>;

// The names the run's first `len` words spell, exactly or (`near`) with
// one confusable consonant in some words; `known[k]`: word k is a
// dictionary word.
struct RunMatch {
  std::set<size_t> names;
  std::set<std::string> lasts;
  size_t skip = 0;
};

bool MatchesName(const CaselessNames::Name& name, const std::vector<std::vector<Reading>>& readings, size_t len,
                 bool has_dict, bool near, const std::vector<bool>& known, size_t* skip) {
  const std::vector<std::string>& sk = name.skeletons;
  if (sk.empty()) return false;
  if (len == 1) {
    if (!near) return (sk.back().size() >= 4 || (sk.back().size() == 3 && has_dict)) && Spells(readings[0], sk.back(), skip);
    return sk.back().size() >= 4 && !known[0] && SpellsNear(readings[0], sk.back(), skip);
  }
  if (sk.size() != len) return false;
  size_t classes = 0, changed = 0;
  for (size_t k = 0; k < len; ++k) {
    size_t at = 0;
    classes += sk[k].size();
    if (!Spells(readings[k], sk[k], &at)) {
      if (!near || sk[k].size() < 3 || known[k] || !SpellsNear(readings[k], sk[k], &at)) return false;
      ++changed;
    }
    if (k == 0) *skip = at;
  }
  return !near || (changed > 0 && classes >= 4);
}

RunMatch MatchRun(const Names& names, const std::vector<std::vector<Reading>>& readings, size_t len, bool has_dict,
                  bool near, const std::vector<bool>& known) {
  RunMatch m;
  for (size_t n = 0; n < names.size(); ++n) {
    size_t skip = 0;
    if (!MatchesName(names[n], readings, len, has_dict, near, known, &skip)) continue;
    m.names.insert(n);
    m.lasts.insert(names[n].last);
    m.skip = skip;
  }
  return m;
}

// Whether the word spells exactly the last word of a name other than `last`.
bool SpellsAnotherLast(const Names& names, const std::vector<Reading>& readings, const std::string& last) {
  size_t skip = 0;
  return std::any_of(names.begin(), names.end(), [&](const CaselessNames::Name& n) {
    return !n.skeletons.empty() && n.last != last && Spells(readings, n.skeletons.back(), &skip);
  });
}

// The one name `m` points to, or npos: one word must spell the last word
// of one name (with a one-word form of it), more words one name.
size_t OneName(const Names& names, const RunMatch& m, size_t len) {
  if (m.names.empty()) return std::string::npos;
  if (len >= 2) return m.names.size() == 1 ? *m.names.begin() : std::string::npos;
  if (m.lasts.size() != 1) return std::string::npos;
  std::vector<size_t> full;
  for (size_t n : m.names) {
    if (names[n].skeletons.size() >= 2) full.push_back(n);
  }
  if (full.size() > 1) return std::string::npos;
  return full.size() == 1 ? full[0] : *m.names.begin();
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
  const bool arabic = doc.lang == "ar";  // the confusions of SkeletonsNear are Arabic's
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
      std::vector<bool> known(run_end - t, false);
      if (dict != nullptr) {
        for (uint32_t k = t; k < run_end; ++k) known[k - t] = !dict->Lookup(doc.tokens[k].stem).empty();
      }
      bool found = false;
      for (size_t len = run_end - t; len >= 1 && !found; --len) {
        RunMatch match = MatchRun(names_, readings, len, dict != nullptr, false, known);
        size_t name = OneName(names_, match, len);
        // One word of three consonants (a root of common words): no word
        // the dictionary knows.
        if (name != std::string::npos && len == 1 && names_[name].skeletons.back().size() < 4 && known[0]) {
          name = std::string::npos;
        }
        if (match.names.empty() && arabic) {
          // Nothing spelled exactly: one confusable consonant per word.
          match = MatchRun(names_, readings, len, dict != nullptr, true, known);
          name = OneName(names_, match, len);
          if (name != std::string::npos && SpellsAnotherLast(names_, readings[len - 1], names_[name].last)) {
            name = std::string::npos;
          }
        }
        if (name == std::string::npos) continue;
        const size_t skip = match.skip;
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
