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

namespace {

constexpr size_t kMaxWords = 4;

bool Spells(const std::vector<AbjadReading>& readings, const std::string& skeleton, size_t* skip) {
  for (const AbjadReading& r : readings) {
    if (!r.near && r.skeleton == skeleton) {
      *skip = r.skip;
      return true;
    }
  }
  return false;
}

// Spells `skeleton` but for one confusable consonant (or a w read as v),
// or two in a word of kTwoChangeClasses classes or more.
bool SpellsNear(const std::vector<AbjadReading>& readings, const std::string& skeleton, size_t* skip) {
  const size_t changes = MaxNearChanges(skeleton);
  for (const AbjadReading& r : readings) {
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

bool MatchesName(const CaselessNames::Name& name, const std::vector<std::vector<AbjadReading>>& readings, size_t len,
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

RunMatch MatchRun(const Names& names, const std::vector<std::vector<AbjadReading>>& readings, size_t len, bool has_dict,
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
bool SpellsAnotherLast(const Names& names, const std::vector<AbjadReading>& readings, const std::string& last) {
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
      std::vector<std::vector<AbjadReading>> readings;
      for (uint32_t k = t; k < run_end; ++k) readings.push_back(AbjadReadings(doc.TokenText(doc.tokens[k]), k == t));
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
