#include "analysis/slot_conflicts.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <string_view>

#include "analysis/align.h"
#include "analysis/names.h"
#include "base/strings.h"
#include "text/language.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// Statements longer than this are not compared word by word (the
// alignment is quadratic in their length).
constexpr size_t kMaxWords = 160;
// Share of the shorter statement's words that must align in order.
constexpr float kMinAligned = 0.7f;
// A quote left open this many words at a paragraph break was a stray mark.
constexpr uint32_t kMaxOpenQuote = 400;

bool IsNegatorWord(const std::string& w) { return w == "not" || w == "never" || w == "no"; }

bool IsWeekday(const std::string& w) {
  static const char* const kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  return std::any_of(std::begin(kDays), std::end(kDays), [&](const char* d) { return w == d; });
}

// Value of a written quantity: the first number of `words` scaled by a
// suffix ("4bn") or a scale word after it ("4 billion"); false when none.
bool Quantity(const std::vector<std::string>& words, size_t from, size_t to, double* value) {
  for (size_t i = from; i < to; ++i) {
    const std::string& w = words[i];
    if (w.empty() || !IsAsciiDigit(w[0])) continue;
    size_t end = 0;
    while (end < w.size() && (IsAsciiDigit(w[end]) || w[end] == '.' || w[end] == ',')) ++end;
    std::string digits;
    for (size_t k = 0; k < end; ++k) {
      if (w[k] != ',') digits += w[k];
    }
    double v = 0;
    if (std::from_chars(digits.data(), digits.data() + digits.size(), v).ec != std::errc()) return false;
    std::string suffix = w.substr(end);
    if (suffix.empty() && i + 1 < words.size()) suffix = words[i + 1];
    static const std::map<std::string, double> kScale = {
        {"k", 1e3},  {"thousand", 1e3}, {"m", 1e6},  {"mn", 1e6},  {"million", 1e6},
        {"bn", 1e9}, {"b", 1e9},        {"billion", 1e9}, {"tn", 1e12}, {"trillion", 1e12}};
    auto it = kScale.find(suffix);
    if (it != kScale.end()) v *= it->second;
    *value = v;
    return true;
  }
  return false;
}

std::string SpanText(const Document& doc, const SlotWords& w, uint32_t first, uint32_t last) {
  uint32_t b = doc.tokens[w.token[first]].begin, e = doc.tokens[w.token[last]].end;
  return std::string(doc.text.substr(b, e - b));
}

bool Capitalized(const Document& doc, const SlotWords& w, uint32_t i) {
  const Token& t = doc.tokens[w.token[i]];
  return t.IsWord() && t.Is(token_flags::kCapitalized);
}

bool SentenceStart(const Document& doc, const SlotWords& w, uint32_t i) {
  return doc.tokens[w.token[i]].Is(token_flags::kSentenceStart);
}

// The quoted passage around word i, within the statement, as written.
std::string QuotedPassage(const Document& doc, const SlotWords& w, uint32_t i) {
  uint32_t first = i, last = i;
  while (first > 0 && w.quoted[first - 1]) --first;
  while (last + 1 < w.words.size() && w.quoted[last + 1]) ++last;
  return SpanText(doc, w, first, last);
}

struct Side {
  const Document* doc;
  const SlotWords* w;
  uint32_t begin, end;  // the differing words
};

// What kind of slot a difference fills, its subject and each side's value.
struct Classified {
  std::string kind, subject, a_value, b_value;
};

bool ClassifyDate(const Side& a, const Side& b, const SlotDiff& d, Classified* c) {
  const auto& wa = a.w->words;
  const auto& wb = b.w->words;
  if (a.end - a.begin == 1 && b.end - b.begin == 1 && IsWeekday(wa[a.begin]) && IsWeekday(wb[b.begin])) {
    c->kind = "date";
    c->a_value = SpanText(*a.doc, *a.w, a.begin, a.begin);
    c->b_value = SpanText(*b.doc, *b.w, b.begin, b.begin);
    return true;
  }
  // A day after a month ("Dec. 14" / "December 12").
  if (d.left && a.end - a.begin == 1 && b.end - b.begin == 1 && a.begin > 0 && IsCalendarWord(wa[a.begin - 1]) &&
      !IsWeekday(wa[a.begin - 1]) && IsAsciiDigit(wa[a.begin][0]) && IsAsciiDigit(wb[b.begin][0]) &&
      wa[a.begin].size() <= 2 && wb[b.begin].size() <= 2) {
    c->kind = "date";
    c->a_value = SpanText(*a.doc, *a.w, a.begin - 1, a.begin);
    c->b_value = SpanText(*b.doc, *b.w, b.begin - 1, b.begin);
    return true;
  }
  return false;
}

bool ClassifyNumber(const Side& a, const Side& b, Classified* c) {
  double va = 0, vb = 0;
  if (!Quantity(a.w->words, a.begin, a.end, &va) || !Quantity(b.w->words, b.begin, b.end, &vb)) return false;
  if (va == vb) return true;  // the same value written differently: no conflict, and no other kind
  c->kind = "number";
  // The value with the word after it, which usually says what it counts.
  auto value = [](const Side& s) {
    uint32_t last = s.end - 1;
    if (s.end < s.w->words.size() && !IsAsciiDigit(s.w->words[s.end][0])) last = s.end;
    return SpanText(*s.doc, *s.w, s.begin, last);
  };
  c->a_value = value(a);
  c->b_value = value(b);
  return true;
}

bool ClassifyPolarity(const Side& a, const Side& b, const SlotDiff& d, Classified* c) {
  const auto& wa = a.w->words;
  const auto& wb = b.w->words;
  auto only_negators = [](const std::vector<std::string>& w, uint32_t from, uint32_t to) {
    if (from == to) return false;
    for (uint32_t i = from; i < to; ++i) {
      if (!IsNegatorWord(w[i])) return false;
    }
    return true;
  };
  bool a_neg = only_negators(wa, a.begin, a.end) && b.begin == b.end;
  bool b_neg = only_negators(wb, b.begin, b.end) && a.begin == a.end;
  if ((a_neg || b_neg) && d.left && d.right) {
    // Each side with the shared words around the slot: "was not acting" / "was acting".
    auto phrase = [](const Side& s) { return SpanText(*s.doc, *s.w, s.begin - 1, s.end); };
    c->kind = "polarity";
    c->a_value = phrase(a);
    c->b_value = phrase(b);
    return true;
  }
  if (a.end - a.begin == 1 && b.end - b.begin == 1 && OppositeWords(wa[a.begin], wb[b.begin])) {
    c->kind = "polarity";
    c->a_value = SpanText(*a.doc, *a.w, a.begin, a.begin);
    c->b_value = SpanText(*b.doc, *b.w, b.begin, b.begin);
    return true;
  }
  return false;
}

// Title words before a name both sides give: the slot's words are
// capitalised, one is a title word, and a capitalised word follows.
bool ClassifyRole(const Side& a, const Side& b, const SlotDiff& d, Classified* c) {
  if (!d.right || a.begin == a.end || b.begin == b.end) return false;
  bool title = false;
  for (const Side* s : {&a, &b}) {
    for (uint32_t i = s->begin; i < s->end; ++i) {
      if (!Capitalized(*s->doc, *s->w, i) || s->w->quoted[i]) return false;
      title |= IsTitleWord(s->w->words[i]);
    }
    if (!Capitalized(*s->doc, *s->w, s->end)) return false;
  }
  if (!title) return false;
  // The name: the capitalised words after the slot (in a's wording).
  uint32_t last = a.end;
  while (last + 1 < a.w->words.size() && Capitalized(*a.doc, *a.w, last + 1) && last < a.end + 3) ++last;
  // The title: shared capitalised title words before the slot belong to it.
  auto value = [](const Side& s) {
    uint32_t first = s.begin;
    while (first > 0 && Capitalized(*s.doc, *s.w, first - 1) && IsTitleWord(s.w->words[first - 1])) --first;
    return SpanText(*s.doc, *s.w, first, s.end - 1);
  };
  c->kind = "role";
  c->subject = "role of " + SpanText(*a.doc, *a.w, a.end, last);
  c->a_value = value(a);
  c->b_value = value(b);
  return true;
}

bool ClassifyName(const Side& a, const Side& b, const SlotDiff& d, Classified* c) {
  if (a.end - a.begin != 1 || b.end - b.begin != 1 || !(d.left || d.right)) return false;
  const std::string& x = a.w->words[a.begin];
  const std::string& y = b.w->words[b.begin];
  if (x.size() < 4 || y.size() < 4 || !Capitalized(*a.doc, *a.w, a.begin) || !Capitalized(*b.doc, *b.w, b.begin))
    return false;
  if (SentenceStart(*a.doc, *a.w, a.begin) || IsTitleWord(x) || IsTitleWord(y) || IsCalendarWord(x)) return false;
  if (x[0] != y[0] || !EditDistanceAtMost(x, y, 2)) return false;
  c->kind = "name";
  c->a_value = SpanText(*a.doc, *a.w, a.begin, a.begin);
  c->b_value = SpanText(*b.doc, *b.w, b.begin, b.begin);
  c->subject = "spelling of " + c->a_value;
  return true;
}

bool ClassifyQuote(const Side& a, const Side& b, Classified* c) {
  if (a.begin == a.end || b.begin == b.end) return false;
  for (const Side* s : {&a, &b}) {
    for (uint32_t i = s->begin; i < s->end; ++i) {
      if (!s->w->quoted[i]) return false;
    }
  }
  c->kind = "quote";
  c->a_value = QuotedPassage(*a.doc, *a.w, a.begin);
  c->b_value = QuotedPassage(*b.doc, *b.w, b.begin);
  c->subject = "wording of a quote \u201c" + Excerpt(c->a_value, 100) + "\u201d";
  return true;
}

bool Classify(const Side& a, const Side& b, const SlotDiff& d, Classified* c) {
  if (ClassifyDate(a, b, d, c)) return true;
  if (a.begin < a.end && b.begin < b.end && ClassifyNumber(a, b, c)) return !c->kind.empty();
  if (ClassifyPolarity(a, b, d, c)) return true;
  if (ClassifyRole(a, b, d, c)) return true;
  if (ClassifyName(a, b, d, c)) return true;
  return ClassifyQuote(a, b, c);
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Whether an existing conflict of `kind` already sets x against y.
bool AlreadySet(const std::vector<report::Conflict>& out, const std::string& kind, const std::string& x,
                const std::string& y) {
  for (const report::Conflict& c : out) {
    if (c.kind != kind) continue;
    for (const report::Claim& p : c.claims) {
      for (const report::Claim& q : c.claims) {
        if (&p != &q && Contains(p.articles, x) && Contains(q.articles, y)) return true;
      }
    }
  }
  return false;
}

void AddArticle(report::Claim* claim, const std::string& id) {
  if (!Contains(claim->articles, id)) claim->articles.push_back(id);
}

// One slot of the pivot statement and what each compared statement puts there.
struct Slot {
  Classified first;  // as found against the first statement that differs
  uint32_t a_begin = 0, a_end = 0;
  // A negation slot: the word negated on one side, and whether the pivot negates it.
  std::string negated_word;
  bool pivot_negated = false;
  std::vector<std::pair<std::string, std::string>> others;  // (article, value)
};

// Statements of the unit too reworded to compare word by word still take a
// side on a negation: the word negated, or asserted with no negation near.
void AddByPolarity(const std::vector<UnitStatement>& members, const Slot& slot, report::Conflict* c) {
  auto on_claim = [&](const std::string& id) {
    return std::any_of(c->claims.begin(), c->claims.end(),
                       [&](const report::Claim& cl) { return Contains(cl.articles, id); });
  };
  for (const UnitStatement& m : members) {
    const std::string& id = m.doc->article->id;
    if (on_claim(id)) continue;
    const std::string stem = Stem(slot.negated_word, m.doc->lang.empty() ? "en" : m.doc->lang);
    std::vector<PolarityWord> words = PolarityWords(*m.doc, *m.sentence);
    bool negates = std::any_of(words.begin(), words.end(), [](const PolarityWord& w) { return w.negated; });
    for (const PolarityWord& w : words) {
      if (w.stem != stem) continue;
      if (!w.negated && negates) break;  // negation scope is a guess: no side
      AddArticle(&c->claims[w.negated == slot.pivot_negated ? 0 : 1], id);
      break;
    }
  }
}

}  // namespace

std::vector<uint8_t> QuotedTokens(const Document& doc) {
  std::vector<uint8_t> out(doc.tokens.size(), 0);
  bool open = false;
  uint32_t open_words = 0;
  uint32_t paragraph = UINT32_MAX;
  for (const Sentence& s : doc.sentences) {
    if (s.paragraph != paragraph) {
      if (open && open_words > kMaxOpenQuote) open = false;
      paragraph = s.paragraph;
    }
    for (uint32_t t = s.first_token; t < s.token_end && t < doc.tokens.size(); ++t) {
      const Token& tok = doc.tokens[t];
      if (tok.kind != TokenKind::kPunct) {
        out[t] = open ? 1 : 0;
        open_words += open;
        continue;
      }
      std::string_view m = doc.TokenText(tok);
      bool opens = m == "\u201C" || m == "\u00AB" || m == "\u201E" || (m == "\"" && !open);
      bool closes = m == "\u201D" || m == "\u00BB" || (m == "\"" && open);
      if (opens) {
        open = true;
        open_words = 0;
      } else if (closes) {
        open = false;
      }
    }
  }
  return out;
}

SlotWords WordsForSlots(const Document& doc, const Sentence& s, const std::vector<uint8_t>& quoted) {
  SlotWords out;
  auto add = [&](std::string w, uint32_t t) {
    out.words.push_back(std::move(w));
    out.token.push_back(t);
    out.quoted.push_back(t < quoted.size() ? quoted[t] : 0);
  };
  for (uint32_t t = s.first_token; t < s.token_end; ++t) {
    const Token& tok = doc.tokens[t];
    if (tok.kind == TokenKind::kPunct) continue;
    std::string w = AsciiLowercase(doc.TokenText(tok));
    for (std::string_view apo : {"n't", "n\u2019t"}) {
      if (w.size() > apo.size() + 1 && w.ends_with(apo)) {
        std::string base = w.substr(0, w.size() - apo.size());
        if (base == "wo") base = "will";
        if (base == "ca") base = "can";
        if (base == "sha") base = "shall";
        add(base, t);
        w = "not";
        break;
      }
    }
    if (w == "cannot") {
      add("can", t);
      w = "not";
    }
    add(std::move(w), t);
  }
  return out;
}

std::vector<SlotDiff> DiffWords(const SlotWords& a, const SlotWords& b, float min_share, int* aligned) {
  const size_t n = a.words.size(), m = b.words.size();
  if (aligned) *aligned = 0;
  if (n == 0 || m == 0 || n > kMaxWords || m > kMaxWords) return {};
  // Longest common subsequence, table of suffix lengths.
  std::vector<uint16_t> L((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint16_t& { return L[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = a.words[i] == b.words[j] ? static_cast<uint16_t>(at(i + 1, j + 1) + 1)
                                           : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  const int common = at(0, 0);
  if (aligned) *aligned = common;
  if (static_cast<float>(common) < min_share * static_cast<float>(std::min(n, m))) return {};
  std::vector<SlotDiff> out;
  size_t i = 0, j = 0;
  bool matched_before = false;
  while (i < n || j < m) {
    if (i < n && j < m && a.words[i] == b.words[j] && at(i, j) == at(i + 1, j + 1) + 1) {
      ++i;
      ++j;
      matched_before = true;
      continue;
    }
    SlotDiff d;
    d.a_begin = static_cast<uint32_t>(i);
    d.b_begin = static_cast<uint32_t>(j);
    d.left = matched_before;
    while (i < n || j < m) {
      if (i < n && j < m && a.words[i] == b.words[j] && at(i, j) == at(i + 1, j + 1) + 1) break;
      if (j >= m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
        ++i;
      } else {
        ++j;
      }
    }
    d.a_end = static_cast<uint32_t>(i);
    d.b_end = static_cast<uint32_t>(j);
    d.right = i < n && j < m;
    out.push_back(d);
  }
  return out;
}

void AddSlotConflicts(const std::vector<UnitStatement>& members, const std::string& subject,
                      const std::unordered_map<const Document*, std::vector<uint8_t>>& quoted,
                      std::vector<report::Conflict>* out) {
  if (members.size() < 2) return;
  static const std::vector<uint8_t> kNone;
  auto words_of = [&](const UnitStatement& m) {
    auto it = quoted.find(m.doc);
    return WordsForSlots(*m.doc, *m.sentence, it == quoted.end() ? kNone : it->second);
  };
  const UnitStatement& pivot = members.front();
  const SlotWords pw = words_of(pivot);
  const std::string& pivot_id = pivot.doc->article->id;
  std::map<std::pair<std::string, uint32_t>, Slot> slots;  // (kind, pivot word) -> slot
  // Per compared statement: its article and which pivot words it aligns.
  std::vector<std::pair<std::string, std::vector<uint8_t>>> covers;
  std::set<std::string> seen = {pivot_id};
  for (size_t k = 1; k < members.size(); ++k) {
    const UnitStatement& m = members[k];
    const std::string& id = m.doc->article->id;
    if (!seen.insert(id).second) continue;
    if (m.doc->lang == pivot.doc->lang && m.doc->SentenceText(*m.sentence) == pivot.doc->SentenceText(*pivot.sentence)) {
      // Worded as the pivot: the same words, no difference anywhere (what
      // DiffWords would find, without aligning them).
      if (pw.words.size() > kMaxWords) continue;
      covers.emplace_back(id, std::vector<uint8_t>(pw.words.size() + 1, 1));
      continue;
    }
    const SlotWords mw = words_of(m);
    int aligned = 0;
    std::vector<SlotDiff> diffs = DiffWords(pw, mw, kMinAligned, &aligned);
    if (static_cast<float>(aligned) < kMinAligned * static_cast<float>(std::min(pw.words.size(), mw.words.size())))
      continue;  // not confidently the same statement
    std::vector<uint8_t> cover(pw.words.size() + 1, 1);
    for (const SlotDiff& d : diffs) {
      for (uint32_t i = d.a_begin; i < d.a_end; ++i) cover[i] = 0;
      if (d.a_begin == d.a_end) cover[d.a_begin] = 2;  // something inserted before this word
      Classified c;
      Side sa{pivot.doc, &pw, d.a_begin, d.a_end}, sb{m.doc, &mw, d.b_begin, d.b_end};
      if (!Classify(sa, sb, d, &c)) continue;
      Slot& slot = slots[{c.kind, d.a_begin}];
      if (slot.first.kind.empty()) {
        slot.first = c;
        slot.a_begin = d.a_begin;
        slot.a_end = d.a_end;
        bool negation = c.kind == "polarity" && d.right && (d.a_begin == d.a_end || d.b_begin == d.b_end);
        if (negation) {
          slot.negated_word = pw.words[d.a_end];
          slot.pivot_negated = d.a_begin != d.a_end;
        }
      }
      slot.others.emplace_back(id, c.b_value);
    }
    covers.emplace_back(id, std::move(cover));
  }
  for (auto& [key, slot] : slots) {
    report::Conflict c;
    c.kind = slot.first.kind;
    c.subject = slot.first.subject.empty() ? subject : slot.first.subject;
    c.claims.push_back({slot.first.a_value, {pivot_id}});
    // Statements with no difference at the slot state the pivot's value.
    for (const auto& [id, cover] : covers) {
      const auto& article = id;  // a lambda cannot capture a structured binding before C++20 in clang 14
      bool differs =
          std::any_of(slot.others.begin(), slot.others.end(), [&](const auto& o) { return o.first == article; });
      if (differs) continue;
      bool agrees = true;
      for (uint32_t i = slot.a_begin; i < slot.a_end; ++i) agrees &= cover[i] == 1;
      if (slot.a_begin == slot.a_end) agrees = cover[slot.a_begin] == 1;
      if (agrees) AddArticle(&c.claims[0], id);
    }
    for (const auto& [id, value] : slot.others) {
      // Polarity has two sides whatever the wording; other kinds one claim per value.
      const auto& claimed = value;  // as above: captured by name, not as a binding
      auto it = std::find_if(c.claims.begin() + 1, c.claims.end(), [&](const report::Claim& x) {
        return c.kind == "polarity" || x.value == claimed;
      });
      if (it == c.claims.end()) {
        c.claims.push_back({value, {id}});
      } else {
        AddArticle(&*it, id);
      }
    }
    if (!slot.negated_word.empty() && c.claims.size() == 2) AddByPolarity(members, slot, &c);
    if (c.claims.size() < 2) continue;
    if (AlreadySet(*out, c.kind, c.claims[0].articles[0], c.claims[1].articles[0])) continue;
    std::stable_sort(c.claims.begin(), c.claims.end(), [](const report::Claim& x, const report::Claim& y) {
      return x.articles.size() > y.articles.size();
    });
    out->push_back(std::move(c));
  }
}

void AppendNewConflicts(std::vector<report::Conflict> more, std::vector<report::Conflict>* out) {
  for (report::Conflict& c : more) {
    bool known = false;
    for (size_t i = 0; i < c.claims.size() && !known; ++i) {
      for (size_t j = 0; j < c.claims.size() && !known; ++j) {
        if (i == j) continue;
        for (const std::string& x : c.claims[i].articles) {
          for (const std::string& y : c.claims[j].articles) known |= AlreadySet(*out, c.kind, x, y);
        }
      }
    }
    if (!known) out->push_back(std::move(c));
  }
}

void KeepDisagreements(std::vector<report::Conflict>* conflicts) {
  auto disagree = [](const report::Conflict& c) {
    std::map<std::string, int> claims_of;
    for (const report::Claim& cl : c.claims) {
      std::set<std::string> ids(cl.articles.begin(), cl.articles.end());
      for (const std::string& id : ids) ++claims_of[id];
    }
    int with_own = 0;
    for (const report::Claim& cl : c.claims) {
      with_own += std::any_of(cl.articles.begin(), cl.articles.end(), [&](const std::string& id) {
        return claims_of[id] == 1;
      });
    }
    return with_own >= 2;
  };
  conflicts->erase(std::remove_if(conflicts->begin(), conflicts->end(),
                                  [&](const report::Conflict& c) { return !disagree(c); }),
                   conflicts->end());
}

}  // namespace rashomon
