#include "analysis/fact_conflicts.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "base/strings.h"
#include "text/language.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// Content words after a negator that it negates ("would not reopen before
// the spring": reopen, not spring), within this many tokens and before any
// punctuation.
constexpr int kNegationWords = 1;
constexpr uint32_t kNegationWindow = 4;

// A prefixed opposite needs a base at least this long: shorter bases make
// accidental pairs ("inform"/"form", "improve"/"prove").
constexpr size_t kMinOppositeBase = 6;
// Prefixes that make a word its opposite ("indirect", "non-binding").
constexpr std::array<std::string_view, 8> kOppositePrefixes = {"non-", "non", "un", "in", "im", "il", "ir", "dis"};

bool IsNegator(const std::string& w) {
  static const std::array<std::string_view, 8> kNegators = {
      "not", "never", "no", "cannot", "without", "nor", "neither", "nothing"};
  if (std::find(kNegators.begin(), kNegators.end(), w) != kNegators.end()) return true;
  return w.size() > 3 && (w.ends_with("n't") || w.ends_with("n\u2019t"));
}

// Stems with the past and present forms folded ("denied"/"denies" -> deni).
std::string StemOf(const std::string& word, const std::string& lang) {
  return Stem(word, lang.empty() ? "en" : lang);
}

// General English opposites, as stems of the English Snowball stemmer.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kOppositeStems = {{
    {"confirm", "deni"},
    {"admit", "deni"},
    {"accept", "reject"},
    {"approv", "reject"},
    {"agre", "refus"},
    {"agre", "reject"},
    {"allow", "ban"},
    {"increas", "decreas"},
    {"rose", "fell"},
    {"rais", "lower"},
    {"won", "lost"},
    {"guilti", "innoc"},
    {"acquit", "convict"},
    {"support", "oppos"},
}};

bool ListedOpposites(const std::string& a, const std::string& b) {
  for (const auto& [x, y] : kOppositeStems) {
    if ((a == x && b == y) || (a == y && b == x)) return true;
  }
  return false;
}

}  // namespace

DateMention FindDates(const Document& doc, const Sentence& s) {
  DateMention out;
  auto word = [&](uint32_t t) { return WordKey(doc.TokenText(doc.tokens[t])); };
  static const char* const kWeekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};
  static const char* const kMonths[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
  auto title_case = [](std::string w) {
    if (!w.empty()) w[0] = static_cast<char>(w[0] - 32);
    return w;
  };
  auto day_number = [&](uint32_t t) -> int {
    if (t >= s.token_end || doc.tokens[t].kind != TokenKind::kNumber) return 0;
    std::string w = word(t);
    if (w.size() > 2) return 0;
    int n = 0;
    if (std::from_chars(w.data(), w.data() + w.size(), n).ec != std::errc()) return 0;
    return n >= 1 && n <= 31 ? n : 0;
  };
  for (uint32_t t = s.first_token; t < s.token_end; ++t) {
    if (!doc.tokens[t].IsWord() || !doc.tokens[t].Is(token_flags::kCapitalized)) continue;
    std::string w = word(t);
    for (const char* wd : kWeekdays) {
      if (w != wd) continue;
      if (out.weekday.empty()) out.weekday = title_case(w);
      out.weekdays.push_back(title_case(w));
    }
    for (const char* mo : kMonths) {
      if (w != mo) continue;
      int n = day_number(t + 1);
      if (n == 0 && t > s.first_token) n = day_number(t - 1);  // "12 June"
      if (n == 0) continue;
      if (out.day.empty()) out.day = title_case(w) + " " + std::to_string(n);
      out.days.push_back(title_case(w) + " " + std::to_string(n));
    }
  }
  return out;
}

std::vector<PolarityWord> PolarityWords(const Document& doc, const Sentence& s) {
  std::vector<PolarityWord> out;
  int negate_left = 0;
  uint32_t negator_at = 0;
  for (uint32_t t = s.first_token; t < s.token_end; ++t) {
    const Token& tok = doc.tokens[t];
    if (tok.kind == TokenKind::kPunct) {
      negate_left = 0;
      continue;
    }
    std::string w = WordKey(doc.TokenText(tok));
    // "No." mid-sentence is a number sign ("No. 2"), not a negator.
    bool number_sign = w == "no" && tok.Is(token_flags::kCapitalized) && !tok.Is(token_flags::kSentenceStart);
    if (IsNegator(w) && !number_sign) {
      negate_left = kNegationWords;
      negator_at = t;
      continue;
    }
    if (negate_left > 0 && t - negator_at > kNegationWindow) negate_left = 0;
    if (!tok.IsWord() || tok.Is(token_flags::kStopword)) continue;
    PolarityWord pw;
    pw.form = w;
    const std::string_view text = doc.TokenText(tok);
    if (text.size() > 6 && AsciiLowercase(text.substr(0, 4)) == "non-") {
      const std::string raw = AsciiLowercase(text);
      pw.negated = true;
      pw.stem = StemOf(WordKey(std::string_view(raw).substr(4)), doc.lang);
      pw.phrase = raw;
    } else {
      pw.stem = StemOf(w, doc.lang);
      if (negate_left > 0) {
        pw.negated = true;
        const Token& neg = doc.tokens[negator_at];
        pw.phrase = AsciiLowercase(doc.text.substr(neg.begin, tok.end - neg.begin));
        --negate_left;
      } else {
        pw.phrase = w;
      }
    }
    out.push_back(std::move(pw));
  }
  return out;
}

bool OppositeWords(const std::string& a, const std::string& b) {
  if (a == b) return false;
  for (const auto& [x, y] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    if (y->size() < kMinOppositeBase) continue;
    for (std::string_view p : kOppositePrefixes) {
      if (x->size() == p.size() + y->size() && x->starts_with(p) && x->ends_with(*y)) return true;
    }
  }
  return ListedOpposites(StemOf(a, "en"), StemOf(b, "en"));
}

namespace {

// What one article's statements in the unit say about each stem: negated,
// plain, or both (then it takes no side).
struct ArticlePolarity {
  std::string id;
  std::map<std::string, int> state;           // stem -> 1 plain, 2 negated, 3 both
  std::map<std::string, std::string> phrase;  // stem -> how it says so
  std::set<std::string> forms;                // every content word it uses, not negated
  bool negates = false;                       // some word is negated
};

void AddClaim(report::Conflict* c, const std::string& value, const std::string& article) {
  for (report::Claim& cl : c->claims) {
    if (cl.value != value) continue;
    if (std::find(cl.articles.begin(), cl.articles.end(), article) == cl.articles.end())
      cl.articles.push_back(article);
    return;
  }
  c->claims.push_back({value, {article}});
}

// The polarity words of m's sentence: from `words` when it holds m's
// document, else computed into *scratch.
const std::vector<PolarityWord>& PolarityOf(const UnitStatement& m, const DocumentWordsMap* words,
                                            std::vector<PolarityWord>* scratch) {
  if (words) {
    auto w = words->docs.find(m.doc);
    const std::vector<Sentence>& sentences = m.doc->sentences;
    if (w != words->docs.end() && !sentences.empty() && m.sentence >= sentences.data() &&
        m.sentence < sentences.data() + sentences.size()) {
      const auto k = static_cast<size_t>(m.sentence - sentences.data());
      if (k < w->second.polarity.size()) return w->second.polarity[k];
    }
  }
  *scratch = PolarityWords(*m.doc, *m.sentence);
  return *scratch;
}

std::vector<ArticlePolarity> PolarityByArticle(const std::vector<UnitStatement>& members,
                                               const DocumentWordsMap* words) {
  std::vector<ArticlePolarity> arts;
  std::vector<PolarityWord> scratch;
  for (const UnitStatement& m : members) {
    const std::string& id = m.doc->article->id;
    auto it = std::find_if(arts.begin(), arts.end(),
                           [&](const ArticlePolarity& a) { return a.id == id; });
    if (it == arts.end()) {
      arts.push_back({id, {}, {}, {}});
      it = arts.end() - 1;
    }
    for (const PolarityWord& pw : PolarityOf(m, words, &scratch)) {
      it->state[pw.stem] |= pw.negated ? 2 : 1;
      it->negates |= pw.negated;
      it->phrase.emplace(pw.stem, pw.negated ? pw.phrase : pw.form);
      // A negated word takes no part in opposites: "not indirect" is
      // neither side of direct/indirect.
      if (!pw.negated) it->forms.insert(pw.form);
    }
  }
  return arts;
}

// Negated in some articles, asserted in others. An article asserts a word
// only when it negates nothing in the statement: negation scope is guessed
// (the next content word), so "not willing to back down" must not read as
// asserting "back" against "will not back down".
int Side(const ArticlePolarity& a, int state) {
  if (state == 2) return 2;
  return state == 1 && !a.negates ? 1 : 0;
}

void NegationConflicts(const std::vector<ArticlePolarity>& arts, const std::string& subject,
                       std::vector<report::Conflict>* out) {
  std::map<std::string, std::pair<int, int>> sides;  // stem -> (plain, negated) article counts
  for (const ArticlePolarity& a : arts) {
    for (const auto& [stem, st] : a.state) {
      int side = Side(a, st);
      if (side == 1) ++sides[stem].first;
      if (side == 2) ++sides[stem].second;
    }
  }
  for (const auto& [stem, count] : sides) {
    if (count.first == 0 || count.second == 0) continue;
    report::Conflict c;
    c.kind = "polarity";
    c.subject = subject;
    for (const ArticlePolarity& a : arts) {
      auto st = a.state.find(stem);
      if (st != a.state.end() && Side(a, st->second) != 0) AddClaim(&c, a.phrase.at(stem), a.id);
    }
    out->push_back(std::move(c));
  }
}

// Pairs of opposite words among `forms`: prefixed forms looked up by their
// base, listed opposites by stem (linear in the number of forms).
std::set<std::pair<std::string, std::string>> OppositePairs(const std::set<std::string>& forms) {
  std::set<std::pair<std::string, std::string>> pairs;
  std::map<std::string, std::vector<std::string>> by_stem;
  for (const std::string& x : forms) {
    by_stem[StemOf(x, "en")].push_back(x);
    for (std::string_view p : kOppositePrefixes) {
      if (x.size() < p.size() + kMinOppositeBase || !x.starts_with(p)) continue;
      std::string base = x.substr(p.size());
      if (forms.count(base)) pairs.insert({std::min(x, base), std::max(x, base)});
    }
  }
  for (const auto& [sx, sy] : kOppositeStems) {
    auto ix = by_stem.find(std::string(sx)), iy = by_stem.find(std::string(sy));
    if (ix == by_stem.end() || iy == by_stem.end()) continue;
    for (const std::string& x : ix->second) {
      for (const std::string& y : iy->second) pairs.insert({std::min(x, y), std::max(x, y)});
    }
  }
  return pairs;
}

// One article's word, its opposite in another's, neither side using both.
void OppositeConflicts(const std::vector<ArticlePolarity>& arts, const std::string& subject,
                       std::vector<report::Conflict>* out) {
  std::set<std::string> all;
  for (const ArticlePolarity& a : arts) all.insert(a.forms.begin(), a.forms.end());
  for (const auto& [x, y] : OppositePairs(all)) {
    report::Conflict c;
    c.kind = "polarity";
    c.subject = subject;
    for (const ArticlePolarity& a : arts) {
      bool has_x = a.forms.count(x) > 0, has_y = a.forms.count(y) > 0;
      if (has_x != has_y) AddClaim(&c, has_x ? x : y, a.id);
    }
    if (c.claims.size() == 2) out->push_back(std::move(c));
  }
}

// Each article's weekdays and month-days in the unit; a conflict needs two
// articles each naming one the other does not (a statement that leaves a
// date out, or names a second one, contradicts nothing).
void DateConflicts(const std::vector<UnitStatement>& members, const std::string& subject,
                   std::vector<report::Conflict>* out) {
  std::map<std::string, std::set<std::string>> weekdays, days;  // article -> values
  for (const UnitStatement& m : members) {
    DateMention dm = FindDates(*m.doc, *m.sentence);
    weekdays[m.doc->article->id].insert(dm.weekdays.begin(), dm.weekdays.end());
    days[m.doc->article->id].insert(dm.days.begin(), dm.days.end());
  }
  for (auto* by_article : {&weekdays, &days}) {
    std::map<std::string, std::vector<std::string>> claims;  // value -> articles
    for (const auto& [id, values] : *by_article) {
      for (const auto& [other, other_values] : *by_article) {
        if (other == id || values.empty() || other_values.empty()) continue;
        bool mine_only = false, theirs_only = false;
        for (const std::string& v : values) mine_only |= other_values.count(v) == 0;
        for (const std::string& v : other_values) theirs_only |= values.count(v) == 0;
        if (!mine_only || !theirs_only) continue;
        for (const std::string& v : values) {
          auto& ids = claims[v];
          if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
      }
    }
    if (claims.size() < 2) continue;
    report::Conflict c;
    c.kind = "date";
    c.subject = subject;
    for (const auto& [v, ids] : claims) c.claims.push_back({v, ids});
    out->push_back(std::move(c));
  }
}

// The prefixed opposites a word may have: "indirect" for "direct",
// "direct" for "indirect" (bases of kMinOppositeBase letters or more).
std::vector<std::string> PrefixedOpposites(const std::string& x) {
  std::vector<std::string> out;
  for (std::string_view p : kOppositePrefixes) {
    if (x.size() >= kMinOppositeBase) out.push_back(std::string(p) + x);
    if (x.size() >= p.size() + kMinOppositeBase && x.starts_with(p)) out.push_back(x.substr(p.size()));
  }
  return out;
}

// One article calls the fact's subject by a word ("the first direct
// contact") whose prefixed opposite another article of the unit uses in a
// sentence of its own about the same thing ("indirect talks": the sentence
// shares a content word with that article's statement in the unit), the
// second article never using the first word at all: outlets telling the
// same fact describe it opposite ways.
void DocumentOpposites(const std::vector<UnitStatement>& members, const std::vector<ArticlePolarity>& arts,
                       const std::string& subject, const DocumentWordsMap& words,
                       std::vector<report::Conflict>* out) {
  std::map<std::string, const UnitStatement*> statement_of;
  for (const UnitStatement& m : members) statement_of.emplace(m.doc->article->id, &m);
  // Whether article b uses `y` in a sentence sharing a content word with its statement.
  auto uses_near = [&](const ArticlePolarity& b, const std::string& y) {
    const UnitStatement& m = *statement_of.at(b.id);
    auto w = words.docs.find(m.doc);
    if (w == words.docs.end()) return false;
    auto it = w->second.sentences_of.find(y);
    if (it == w->second.sentences_of.end()) return false;
    for (uint32_t k : it->second) {
      for (const PolarityWord& pw : w->second.polarity[k]) {
        if (pw.form != y && !pw.negated && b.state.count(pw.stem)) return true;
      }
    }
    return false;
  };
  auto anywhere = [&](const ArticlePolarity& b, const std::string& x) {
    auto w = words.docs.find(statement_of.at(b.id)->doc);
    return w != words.docs.end() && w->second.sentences_of.count(x) > 0;
  };
  for (const ArticlePolarity& a : arts) {
    for (const std::string& x : a.forms) {
      if (!words.paired.count(x)) continue;
      for (const std::string& y : PrefixedOpposites(x)) {
        if (a.forms.count(y) || !words.paired.count(y)) continue;
        std::vector<const ArticlePolarity*> sides;
        for (const ArticlePolarity& b : arts) {
          if (b.forms.count(x) || b.forms.count(y) || anywhere(b, x) || !uses_near(b, y)) continue;
          sides.push_back(&b);
        }
        if (sides.empty()) continue;
        report::Conflict c;
        c.kind = "polarity";
        c.subject = subject;
        for (const ArticlePolarity& o : arts) {
          if (o.forms.count(x)) AddClaim(&c, x, o.id);
        }
        for (const ArticlePolarity* b : sides) AddClaim(&c, y, b->id);
        if (c.claims.size() == 2) out->push_back(std::move(c));
      }
    }
  }
}

}  // namespace

DocumentWords WordsOfDocument(const Document& doc) {
  DocumentWords out;
  out.polarity.reserve(doc.sentences.size());
  for (uint32_t k = 0; k < doc.sentences.size(); ++k) {
    out.polarity.push_back(PolarityWords(doc, doc.sentences[k]));
    for (const PolarityWord& pw : out.polarity.back()) {
      if (pw.negated) continue;
      std::vector<uint32_t>& list = out.sentences_of[pw.form];
      if (list.empty() || list.back() != k) list.push_back(k);
    }
  }
  return out;
}

DocumentWordsMap WordsOfDocuments(const std::vector<const Document*>& docs) {
  DocumentWordsMap out;
  std::unordered_set<std::string> all;
  for (const Document* d : docs) {
    DocumentWords& w = out.docs[d] = WordsOfDocument(*d);
    for (const auto& [form, sentences] : w.sentences_of) all.insert(form);
  }
  for (const std::string& x : all) {
    for (const std::string& y : PrefixedOpposites(x)) {
      if (!all.count(y)) continue;
      out.paired.insert(x);
      out.paired.insert(y);
    }
  }
  return out;
}

void AddUnitConflicts(const std::vector<UnitStatement>& members, const std::string& subject,
                      std::vector<report::Conflict>* out, const DocumentWordsMap* words) {
  // Statements all worded alike take no sides: every test below compares
  // what one says with what another does not.
  const std::string_view first = members.empty() ? std::string_view() : members[0].doc->SentenceText(*members[0].sentence);
  if (std::all_of(members.begin(), members.end(),
                  [&](const UnitStatement& m) { return m.doc->SentenceText(*m.sentence) == first; })) {
    return;
  }
  DateConflicts(members, subject, out);
  std::vector<ArticlePolarity> arts = PolarityByArticle(members, words);
  if (arts.size() < 2) return;
  NegationConflicts(arts, subject, out);
  const size_t before = out->size();
  OppositeConflicts(arts, subject, out);
  if (out->size() == before && words) DocumentOpposites(members, arts, subject, *words, out);
}

}  // namespace rashomon
