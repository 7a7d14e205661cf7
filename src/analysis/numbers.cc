#include "analysis/numbers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "analysis/number_words.h"
#include "base/hash.h"
#include "base/strings.h"
#include "text/language.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// A multiplier written after a number; `tight` ones ("m", "k", "b") only
// count when glued to the digits ("18m", not "18 m").
double ScaleOf(const std::string& w, bool glued) {
  static const std::unordered_map<std::string, double> kScales = {
      {"thousand", 1e3},  {"million", 1e6}, {"millions", 1e6}, {"mn", 1e6},
      {"mln", 1e6},       {"billion", 1e9}, {"billions", 1e9}, {"bn", 1e9},
      {"trillion", 1e12}, {"tn", 1e12},     {"hundred", 1e2},  {"dozen", 12},
      // Other languages' scale words that are no English words.
      {"mil", 1e3}, {"mille", 1e3}, {"tausend", 1e3}, {"duizend", 1e3}, {"millon", 1e6}, {"millones", 1e6},
      {"millionen", 1e6}, {"milione", 1e6}, {"milioni", 1e6}, {"miljoen", 1e6}, {"milhao", 1e6},
      {"milhoes", 1e6}, {"milliard", 1e9}, {"milliards", 1e9}, {"milliarde", 1e9}, {"milliarden", 1e9},
      {"miliardo", 1e9}, {"miliardi", 1e9}, {"miljard", 1e9}, {"bilhao", 1e9}, {"bilhoes", 1e9},
      {"тысяч", 1e3}, {"тысячи", 1e3}, {"миллион", 1e6}, {"миллиона", 1e6}, {"миллионов", 1e6},
      {"миллиард", 1e9}, {"миллиарда", 1e9}, {"миллиардов", 1e9},
      // A long-scale billion, a million millions (Dutch, Spanish): a trillion.
      {"biljoen", 1e12}, {"billon", 1e12}, {"billones", 1e12}};
  // Arabic: thousand(s), million(s), billion(s), folded as words are.
  static const auto* kArabic = [] {
    auto* m = new std::unordered_map<std::string, double>;
    for (const auto& [word, scale] : std::initializer_list<std::pair<const char*, double>>{
             {"ألف", 1e3}, {"آلاف", 1e3}, {"مليون", 1e6}, {"ملايين", 1e6}, {"مليار", 1e9}, {"مليارات", 1e9}}) {
      m->emplace(FoldForMatch(word), scale);
    }
    return m;
  }();
  if (auto ar = kArabic->find(w); ar != kArabic->end()) return ar->second;
  auto it = kScales.find(w);
  if (it != kScales.end()) return it->second;
  if (glued && w == "k") return 1e3;
  if (glued && w == "m") return 1e6;
  if (glued && w == "b") return 1e9;
  return 0;
}

std::string CurrencyOfWord(const std::string& w) {
  static const std::unordered_map<std::string, std::string> kWords = {
      {"dollars", "USD"},  {"dollar", "USD"},   {"usd", "USD"},     {"euros", "EUR"},
      {"euro", "EUR"},     {"eur", "EUR"},      {"pounds", "GBP"},  {"gbp", "GBP"},
      {"sterling", "GBP"}, {"yen", "JPY"},      {"jpy", "JPY"},     {"yuan", "CNY"},
      {"cny", "CNY"},      {"renminbi", "CNY"}, {"rupees", "INR"},  {"inr", "INR"},
      {"francs", "CHF"},   {"chf", "CHF"},      {"roubles", "RUB"}, {"rubles", "RUB"}};
  auto it = kWords.find(w);
  return it == kWords.end() ? "" : it->second;
}

std::string CurrencyOfSign(std::string_view s) {
  if (s == "$" || s == "US$") return "USD";
  if (s == "€") return "EUR";
  if (s == "£") return "GBP";
  if (s == "¥") return "JPY";
  return "";
}

const std::unordered_map<std::string, double>& NumberWords() {
  static const auto* m = new std::unordered_map<std::string, double>{
      {"two", 2},        {"three", 3},     {"four", 4},      {"five", 5},     {"six", 6},
      {"seven", 7},      {"eight", 8},     {"nine", 9},      {"ten", 10},     {"eleven", 11},
      {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},
      {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},  {"thirty", 30},
      {"forty", 40},     {"fifty", 50},    {"sixty", 60},    {"seventy", 70}, {"eighty", 80},
      {"ninety", 90},    {"hundred", 100}, {"dozen", 12}};
  return *m;
}

// Token keys (tokenizer.h: Hash64 of the folded word) of the words that
// can start a number, so most words are passed over without folding.
bool MayStartNumber(const Token& tok, std::string_view foreign_lang) {
  static const auto* keys = [] {
    auto* k = new std::unordered_set<uint64_t>;
    for (const auto& [w, v] : NumberWords()) k->insert(Hash64(WordKey(w)));
    for (const char* w : {"dozens", "hundreds", "thousands", "millions"})
      k->insert(Hash64(WordKey(w)));
    return k;
  }();
  return tok.kind == TokenKind::kNumber || tok.Is(token_flags::kHyphenated) ||
         keys->count(tok.key) > 0 || (!foreign_lang.empty() && IsForeignNumberKey(foreign_lang, tok.key));
}

// "dozens of", "hundreds of", "thousands of": a lower bound.
double VagueNumber(const std::string& w) {
  if (w == "dozens") return 24;
  if (w == "hundreds") return 200;
  if (w == "thousands") return 2000;
  if (w == "millions") return 2e6;
  return 0;
}

// Singular form for units ("days" -> "day", "casualties" -> "casualty") so
// "12-day" and "12 days" match.
std::string Singular(const std::string& w) {
  if (w == "people" || w == "persons") return "people";
  if (w.size() > 4 && w.compare(w.size() - 3, 3, "ies") == 0)
    return w.substr(0, w.size() - 3) + "y";
  for (std::string_view end : {"ches", "shes", "xes", "sses", "zes"}) {
    if (w.size() > end.size() + 1 && w.compare(w.size() - end.size(), end.size(), end) == 0) {
      return w.substr(0, w.size() - 2);
    }
  }
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's' && w[w.size() - 2] != 'u') {
    return w.substr(0, w.size() - 1);
  }
  return w;
}

// Languages that write a decimal comma and group thousands with points or
// spaces (1.234,5; 12 000).
bool DecimalComma(std::string_view lang) {
  return lang == "es" || lang == "de" || lang == "it" || lang == "nl" || lang == "fr" || lang == "pt" ||
         lang == "ru";
}

// "1.234,5" in a decimal-comma language as "1234.5": the last of a point
// and a comma is the decimal mark; a lone comma is one; lone points group
// thousands when every group after the first has three digits ("40.000"),
// else the point is an (English-style) decimal mark ("3.5").
std::string DecimalCommaToPoint(std::string_view s) {
  const size_t comma = s.rfind(',');
  const size_t point = s.rfind('.');
  std::string out;
  if (comma != std::string_view::npos && (point == std::string_view::npos || comma > point)) {
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '.') continue;
      out.push_back(i == comma ? '.' : s[i]);
    }
    return out;
  }
  if (point == std::string_view::npos) return std::string(s);
  if (comma != std::string_view::npos) return std::string(s);  // "1,234.5": English
  bool grouped = true;
  size_t group = 0;
  bool first = true;
  for (char c : s) {
    if (c == '.') {
      if (!first && group != 3) grouped = false;
      first = false;
      group = 0;
    } else {
      ++group;
    }
  }
  if (group != 3) grouped = false;
  if (!grouped) return std::string(s);
  for (char c : s) {
    if (c != '.') out.push_back(c);
  }
  return out;
}

bool ParseDigits(std::string_view s, double* out, double* precision, bool decimal_comma = false) {
  std::string clean;
  const std::string local = decimal_comma ? DecimalCommaToPoint(s) : std::string();
  if (decimal_comma) s = local;
  for (char c : s) {
    if (c == ',') continue;
    clean.push_back(c);
  }
  if (clean.empty()) return false;
  char* end = nullptr;
  double v = std::strtod(clean.c_str(), &end);
  if (end != clean.c_str() + clean.size() || !std::isfinite(v)) return false;
  *out = v;
  size_t dot = clean.find('.');
  *precision = 1;
  if (dot != std::string::npos) {
    *precision = std::pow(10.0, -static_cast<double>(clean.size() - dot - 1));
  } else if (v != 0) {
    for (size_t i = clean.size(); i > 1 && clean[i - 1] == '0'; --i) *precision *= 10;
  }
  *out = v;
  return true;
}

// What a count is about, normalised; "" when the word is not a known count.
const std::unordered_map<std::string, std::string>& CountWords() {
  static const auto* m = new std::unordered_map<std::string, std::string>{
      {"died", "deaths"},         {"die", "deaths"},         {"dies", "deaths"},
      {"dead", "deaths"},         {"death", "deaths"},       {"deaths", "deaths"},
      {"killed", "deaths"},       {"killing", "deaths"},     {"kill", "deaths"},
      {"kills", "deaths"},        {"fatalities", "deaths"},  {"fatality", "deaths"},
      {"toll", "deaths"},         {"lives", "deaths"},       {"perished", "deaths"},
      {"slain", "deaths"},        {"injured", "injured"},    {"injuring", "injured"},
      {"injuries", "injured"},    {"injury", "injured"},     {"wounded", "injured"},
      {"wounding", "injured"},    {"hurt", "injured"},       {"arrested", "arrests"},
      {"arrests", "arrests"},     {"arrest", "arrests"},     {"arresting", "arrests"},
      {"detained", "arrests"},    {"detaining", "arrests"},  {"detentions", "arrests"},
      {"detainees", "arrests"},   {"missing", "missing"},    {"unaccounted", "missing"},
      {"evacuated", "evacuated"}, {"evacuees", "evacuated"}, {"evacuating", "evacuated"},
      {"displaced", "displaced"}, {"job", "jobs"},           {"jobs", "jobs"},
      {"layoffs", "jobs"},        {"layoff", "jobs"},        {"redundancies", "jobs"},
      {"redundancy", "jobs"}};
  return *m;
}

// Counts of people, whatever noun the article uses.
bool IsPeopleCount(const std::string& counts) {
  return counts == "deaths" || counts == "injured" || counts == "arrests" || counts == "missing" ||
         counts == "evacuated" || counts == "displaced";
}

bool IsPersonUnit(const std::string& unit) {
  return unit == "people" || unit == "person" || unit == "individual" || unit == "resident";
}

// Words that follow a number but are not what it counts.
bool IsNotUnit(const std::string& w) {
  static const std::unordered_set<std::string> kWords = {
      "since",      "ago",     "later",      "earlier",   "before",   "after",   "apiece",
      "each",       "again",   "too",        "also",      "yet",      "alone",   "away",
      "back",       "more",    "less",       "per",       "percent",  "against", "versus",
      "vs",         "aboard",  "abroad",     "ashore",    "offshore", "onshore", "overseas",
      "inside",     "outside", "nationwide", "worldwide", "high",     "higher",  "long",
      "longer",     "wide",    "deep",       "tall",      "old",      "apart",   "total",
      "altogether", "ahead",   "behind"};
  return kWords.count(w) > 0 || (w.size() > 4 && w.compare(w.size() - 2, 2, "ly") == 0);
}

bool IsAdverb(const std::string& w) {
  static const std::unordered_set<std::string> kWords = {
      "even", "only",  "just", "still", "already", "now",
      "then", "again", "ever", "yet",   "further", "reportedly"};
  return kWords.count(w) > 0 || (w.size() > 4 && w.compare(w.size() - 2, 2, "ly") == 0);
}

// The approximation written before the number, normalised.
std::string ApproxBefore(const std::string& w2, const std::string& w1) {
  static const std::unordered_map<std::string, std::string> kTwo = {
      {"more than", "more than"},  {"greater than", "more than"}, {"upwards of", "more than"},
      {"at least", "at least"},    {"no fewer than", "at least"}, {"up to", "up to"},
      {"as many as", "up to"},     {"as much as", "up to"},       {"less than", "less than"},
      {"fewer than", "less than"}, {"an estimated", "about"},     {"close to", "about"},
      {"just under", "nearly"},    {"just over", "more than"}};
  static const std::unordered_map<std::string, std::string> kOne = {
      {"over", "more than"},  {"above", "more than"},     {"exceeding", "more than"},
      {"about", "about"},     {"around", "about"},        {"some", "about"},
      {"roughly", "about"},   {"approximately", "about"}, {"estimated", "about"},
      {"circa", "about"},     {"nearly", "nearly"},       {"almost", "nearly"},
      {"under", "less than"}, {"below", "less than"}};
  auto it = kTwo.find(w2 + " " + w1);
  if (!w2.empty() && it != kTwo.end()) return it->second;
  auto jt = kOne.find(w1);
  return jt == kOne.end() ? "" : jt->second;
}

struct Parsed {
  double value = 0;
  double precision = 1;
  double scale = 1;    // of the last multiplier word
  uint32_t next = 0;   // first token after the number and its multipliers
  bool word = false;   // written as a word
  std::string approx;  // of vague plurals ("dozens of")
};

class SentenceReader {
 public:
  SentenceReader(const Document& doc, const Sentence& s)
      : doc_(doc), first_(s.first_token), end_(s.token_end), decimal_comma_(DecimalComma(doc.lang)),
        foreign_lang_(doc.lang == "en" ? std::string_view() : std::string_view(doc.lang)),
        nouns_capitalised_(doc.lang == "de") {}

  uint32_t first() const { return first_; }
  bool decimal_comma() const { return decimal_comma_; }
  uint32_t end() const { return end_; }
  const Token& tok(uint32_t k) const { return doc_.tokens[k]; }
  std::string_view Text(uint32_t k) const { return doc_.TokenText(doc_.tokens[k]); }
  std::string Word(uint32_t k) const {
    return k >= first_ && k < end_ ? FoldForMatch(Text(k)) : std::string();
  }
  bool IsWord(uint32_t k) const { return k < end_ && tok(k).kind == TokenKind::kWord; }
  bool Content(uint32_t k) const { return IsWord(k) && !tok(k).Is(token_flags::kStopword); }
  // A common word: not capitalised, except in German, which capitalises
  // every noun ("zwölf Häuser").
  bool Lower(uint32_t k) const {
    return Content(k) && (!tok(k).Is(token_flags::kCapitalized) || (nouns_capitalised_ && !tok(k).Is(token_flags::kAllCaps)));
  }

  // The number starting at token t, with the multiplier words after it.
  bool Parse(uint32_t t, Parsed* p) const {
    const Token& tk = tok(t);
    if (!MayStartNumber(tk, foreign_lang_)) return false;
    std::string w = Word(t);
    p->next = t + 1;
    if (tk.kind == TokenKind::kNumber) {
      if (!ParseDigits(Text(t), &p->value, &p->precision, decimal_comma_)) return false;
      if (decimal_comma_) JoinSpaceGroups(t, p);
    } else if (tk.kind == TokenKind::kWord && tk.Is(token_flags::kHyphenated)) {
      // "forty-one": tens and units.
      std::string_view raw = Text(t);
      size_t dash = raw.find('-');
      if (dash == std::string_view::npos) return false;
      auto tens = NumberWords().find(FoldForMatch(raw.substr(0, dash)));
      std::string unit_word = FoldForMatch(raw.substr(dash + 1));
      auto units = NumberWords().find(unit_word);
      double unit_value = unit_word == "one" ? 1 : units == NumberWords().end() ? 0 : units->second;
      if (tens == NumberWords().end() || tens->second < 20 || tens->second > 90 ||
          unit_value <= 0 || unit_value >= 10) {
        return false;
      }
      p->value = tens->second + unit_value;
      p->word = true;
    } else if (tk.kind == TokenKind::kWord) {
      auto it = NumberWords().find(w);
      double vague = VagueNumber(w);
      if (vague > 0 && Word(t + 1) == "of") {
        *p = Parsed{vague, vague, 1, t + 1, true, "more than"};
        return true;
      }
      if (it == NumberWords().end()) {
        // The article's own language: "tres heridos", "двенадцать семей".
        const double foreign = foreign_lang_.empty() ? 0 : ForeignNumberWord(foreign_lang_, w);
        if (foreign <= 0) return false;
        p->value = foreign;
        p->word = true;
        p->next = t + 1;
        if (foreign_lang_ == "ar") {
          if (const double compound = ArabicCompound(foreign, Word(t + 1)); compound > 0) {
            p->value = compound;
            p->next = t + 2;
          }
        }
      } else {
        p->value = it->second;
        p->word = true;
      }
      // "forty-one" split by the tokenizer.
      std::string unit_word = Word(t + 2);
      auto units = NumberWords().find(unit_word);
      double unit_value = unit_word == "one" ? 1 : units == NumberWords().end() ? 0 : units->second;
      if (p->value >= 20 && p->value <= 90 && Word(t + 1) == "-" && unit_value > 0 &&
          unit_value < 10 && tok(t + 1).begin == tk.end && tok(t + 2).begin == tok(t + 1).end) {
        p->value += unit_value;
        p->next = t + 3;
      }
    } else {
      return false;
    }
    for (int i = 0; i < 2 && p->next < end_ && tok(p->next).kind == TokenKind::kWord; ++i) {
      double scale = ScaleOf(Word(p->next), tok(p->next).begin == tok(p->next - 1).end);
      if (scale <= 0) break;
      p->value *= scale;
      p->precision *= scale;
      p->scale = scale;
      ++p->next;
    }
    return true;
  }

 private:
  // "12 000", "1 250 000": groups of three digits after one space continue
  // a number of one to three digits (languages that group with spaces).
  void JoinSpaceGroups(uint32_t t, Parsed* p) const {
    auto digits = [](std::string_view s, size_t max) {
      return !s.empty() && s.size() <= max &&
             std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(Text(t), 3)) return;
    uint32_t k = t + 1;
    while (k < end_ && tok(k).kind == TokenKind::kNumber && tok(k).begin == tok(k - 1).end + 1 &&
           Text(k).size() == 3 && digits(Text(k), 3)) {
      p->value = p->value * 1000 + std::strtod(std::string(Text(k)).c_str(), nullptr);
      p->precision = 1;
      ++k;
    }
    if (k == t + 1) return;
    for (uint32_t i = k; i > t + 1 && Text(i - 1) == "000"; --i) p->precision *= 1000;
    p->next = k;
  }

  const Document& doc_;
  uint32_t first_, end_;
  bool decimal_comma_;
  std::string_view foreign_lang_;  // the article's language when not English (number_words.h)
  bool nouns_capitalised_;
};

// Range after the first number ("10 to 12", "between 10 and 12 million").
void ReadRange(const SentenceReader& r, uint32_t t, Parsed* p, double* high) {
  *high = p->value;
  uint32_t k = p->next;
  std::string link = r.Word(k);
  bool between = r.Word(t - 1) == "between" && t > r.first();
  if (!(link == "to" || link == "-" || (link == "and" && between))) return;
  Parsed second;
  if (k + 1 >= r.end() || !r.Parse(k + 1, &second) || second.word != p->word) return;
  if (p->scale == 1 && second.scale > 1) {
    p->value *= second.scale;
    p->precision *= second.scale;
  }
  if (second.value < p->value) return;  // "3 to 1": a score, not a range
  *high = second.value;
  p->next = second.next;
}

// Unit and what after the number: per cent, currency words, the counted
// noun, and what that noun did ("people were killed") or is of ("in imports").
void ReadUnitAndWhat(const SentenceReader& r, ExtractedNumber* num, uint32_t* next) {
  uint32_t k = *next;
  std::string w = r.Word(k);
  if (w == "%" || w == "percent" || w == "pct") {
    num->unit = "%";
    num->end = r.tok(k++).end;
  } else if (w == "per" && r.Word(k + 1) == "cent") {
    num->unit = "%";
    num->end = r.tok(k + 1).end;
    k += 2;
  }
  if (num->unit.empty() && k < r.end()) {
    std::string cur = CurrencyOfWord(r.Word(k));
    if (!cur.empty()) {
      num->unit = cur;
      num->end = r.tok(k++).end;
    }
  }
  auto verb_like = [&](const std::string& x) {
    return x.size() > 4 &&
           (x.compare(x.size() - 2, 2, "ed") == 0 || x.compare(x.size() - 3, 3, "ing") == 0);
  };
  auto noun = [&](uint32_t x) {
    return r.Lower(x) && !verb_like(r.Word(x)) && !IsNotUnit(r.Word(x)) &&
           !CountWords().count(r.Word(x));
  };
  if (num->unit.empty() && r.Lower(k) && !verb_like(r.Word(k)) && !IsNotUnit(r.Word(k))) {
    num->unit = Singular(r.Word(k));
    num->end = r.tok(k++).end;
    // "four patrol boats", "nine crew members": the last noun is the head.
    std::string first = r.Word(k - 1), second = r.Word(k);
    bool plural_head = second.size() > 3 && second.back() == 's' && Singular(second) != second &&
                       Singular(first) == first;
    if (noun(k) && plural_head && r.tok(k).begin == r.tok(k - 1).end + 1) {
      num->what = r.Word(k - 1);
      num->unit = Singular(r.Word(k));
      num->end = r.tok(k++).end;
    }
  }
  if (num->unit.empty() && r.Lower(k) && CountWords().count(r.Word(k))) {
    // "left 40 injured", "12 dead".
    num->what = r.Word(k);
    num->end = r.tok(k).end;
    *next = k + 1;
    return;
  }
  *next = k;
  // "people were killed", "people died", "people have been arrested".
  uint32_t j = k;
  while (j < r.end() && j < k + 2 && r.IsWord(j) && r.tok(j).Is(token_flags::kStopword)) ++j;
  if (!num->unit.empty() && num->what.empty() && r.Lower(j) &&
      (CountWords().count(r.Word(j)) || verb_like(r.Word(j)))) {
    num->what = r.Word(j);
    return;
  }
  static const std::unordered_set<std::string> kPrepositions = {"of",  "in",   "on",
                                                                "for", "from", "worth"};
  j = k;
  while (j < r.end() && j < k + 2 && kPrepositions.count(r.Word(j))) ++j;
  if (j > k && r.Lower(j)) num->what = r.Word(j);
}

// What from the words just before ("death toll at 12", "killing at least
// 14", "a net loss of 14 billion").
std::string WhatBefore(const SentenceReader& r, uint32_t b) {
  static const std::unordered_set<std::string> kHedges = {"least",  "about",  "some",      "nearly",
                                                          "almost", "around", "roughly",   "than",
                                                          "over",   "under",  "estimated", "up"};
  std::vector<std::string> words;
  bool skipped_verb = false;
  std::string first_verb;  // "recalling 240,000": the verb when nothing else says what
  for (uint32_t j = b; j > r.first() && words.size() < 2 && b - j < 5; --j) {
    const Token& w = r.tok(j - 1);
    if (w.kind == TokenKind::kPunct) break;
    std::string f = r.Word(j - 1);
    if (w.Is(token_flags::kStopword) || kHedges.count(f)) {
      if (!words.empty()) break;
      continue;
    }
    // A sentence's first word is taken unless a verb was skipped: then it
    // is the subject, as likely a name as a noun.
    bool opener = w.Is(token_flags::kSentenceStart) && !skipped_verb;
    if ((w.Is(token_flags::kCapitalized) && !opener) || w.kind != TokenKind::kWord) break;
    // "reached 72", "even at 3.67%": verbs and adverbs say nothing of what
    // is counted, unless a count word ("killing 14").
    bool verb = f.size() > 4 &&
                (f.compare(f.size() - 2, 2, "ed") == 0 || f.compare(f.size() - 3, 3, "ing") == 0);
    if (words.empty() && IsAdverb(f)) continue;
    if (words.empty() && verb && !CountWords().count(f)) {
      if (!skipped_verb) first_verb = f;
      skipped_verb = true;
      continue;
    }
    words.insert(words.begin(), f);
  }
  return words.empty() ? first_verb : Join(words, " ");
}

// A part of a total the sentence gives: "including 3 children", "among
// them 2 police officers", "3 of them children".
bool IsPart(const SentenceReader& r, uint32_t b, uint32_t next) {
  for (uint32_t j = b; j > r.first() && b - j < 3; --j) {
    std::string w = r.Word(j - 1);
    if (w == "including" || w == "among" || w == "incl") return true;
  }
  std::string after = r.Word(next + 1);
  if (r.Word(next) == "of" && (after == "them" || after == "whom" || after == "which")) return true;
  // A breakdown: "two women and one man", "a man and two women".
  auto starts_number = [&](uint32_t k) {
    Parsed other;
    return k >= r.first() && k < r.end() &&
           (r.Word(k) == "one" || r.Word(k) == "a" || r.Word(k) == "an" || r.Parse(k, &other));
  };
  if (r.Word(next) == "and" && starts_number(next + 1)) return true;
  return b >= r.first() + 3 && r.Word(b - 1) == "and" && r.Lower(b - 2) && starts_number(b - 3);
}

// "the two sides", "these three": a reference to things already named, not a count.
bool IsReference(const SentenceReader& r, uint32_t b) {
  if (b <= r.first()) return false;
  std::string w = r.Word(b - 1);
  return w == "the" || w == "these" || w == "those";
}

// The number at token t, or false when t starts none worth reporting.
bool ReadNumber(const SentenceReader& r, const std::string_view text, uint32_t t,
                ExtractedNumber* num, uint32_t* resume) {
  Parsed p;
  if (!r.Parse(t, &p)) return false;
  const Token& tok = r.tok(t);
  // Clock times (22:40) are not quantities.
  if (r.Word(t + 1) == ":" && t + 2 < r.end() && r.tok(t + 2).kind == TokenKind::kNumber) {
    *resume = t + 2;
    return false;
  }
  num->begin = tok.begin;
  uint32_t b = t;
  if (t > r.first() && r.tok(t - 1).kind == TokenKind::kPunct && r.tok(t - 1).end == tok.begin) {
    std::string cur = CurrencyOfSign(r.Text(t - 1));
    if (!cur.empty()) {
      num->unit = cur;
      num->begin = r.tok(t - 1).begin;
      b = t - 1;
    }
  } else if (t > r.first() && r.tok(t - 1).Is(token_flags::kAllCaps)) {
    std::string cur = CurrencyOfWord(r.Word(t - 1));
    if (!cur.empty()) {
      num->unit = cur;
      num->begin = r.tok(t - 1).begin;
      b = t - 1;
    }
  }
  double high = p.value;
  ReadRange(r, t, &p, &high);
  num->end = r.tok(p.next - 1).end;
  bool year = !p.word && p.value >= 1900 && p.value <= 2100 && r.Text(t).size() == 4 &&
              p.scale == 1 && num->unit.empty() && high == p.value;
  uint32_t next = p.next;
  ReadUnitAndWhat(r, num, &next);
  // A year before a word ("the 2015 nuclear deal") is a date; only a
  // plural noun makes it a count ("2015 votes").
  if (year && (num->unit.empty() || num->unit == r.Word(p.next))) return false;
  // "the two sides", "the three nations": parties already named, not a
  // count; "the nine crew members" is a count.
  if (p.word && p.value <= 3 && IsReference(r, b)) return false;
  num->approx = p.approx;
  if (num->approx.empty())
    num->approx = ApproxBefore(b >= r.first() + 2 ? r.Word(b - 2) : "", r.Word(b - 1));
  num->part = IsPart(r, b, next);
  if (num->what.empty()) {
    // A counted noun says what it counts ("196 people", "11 kilometres");
    // the words before only add a known count ("killing 14 people").
    std::string before = WhatBefore(r, b);
    bool noun_unit =
        !num->unit.empty() && num->unit != "%" && CurrencyOfWord(FoldForMatch(num->unit)).empty();
    if (!noun_unit || IsPeopleCount(NormalizeWhat(before)) || NormalizeWhat(before) == "jobs")
      num->what = before;
  }
  num->counts = NormalizeWhat(num->what);
  std::string unit_counts = NormalizeWhat(num->unit);
  if (IsPeopleCount(unit_counts) || unit_counts == "jobs") {
    // "3,117 deaths", "8,500 layoffs": the noun says what is counted.
    num->counts = unit_counts;
    num->what = r.Word(p.next);
    num->unit = unit_counts == "jobs" ? "job" : "people";
  }
  if (IsPersonUnit(num->unit)) num->unit = "people";
  if (num->unit.empty() && IsPeopleCount(num->counts)) num->unit = "people";  // "killing 12"
  if (num->unit.empty() && (num->what.empty() || p.word))
    return false;  // a bare number says little
  num->value = p.value;
  num->high = high;
  num->precision = p.precision;
  num->text = std::string(text.substr(num->begin, num->end - num->begin));
  *resume = next > t + 1 ? next - 1 : t;
  return true;
}

// Hyphenated measures: "12-day war", "a 30-year-old", "10-12 people".
bool ReadHyphenated(const SentenceReader& r, const std::string_view text, uint32_t t,
                    ExtractedNumber* num) {
  const Token& tok = r.tok(t);
  if (!tok.Is(token_flags::kHyphenated) || !tok.Is(token_flags::kHasDigit)) return false;
  std::string_view surface = r.Text(t);
  size_t dash = surface.find('-');
  if (dash == std::string_view::npos || dash == 0) return false;
  double value, precision;
  if (!ParseDigits(surface.substr(0, dash), &value, &precision, r.decimal_comma())) return false;
  std::string rest = FoldForMatch(surface.substr(dash + 1));
  num->begin = tok.begin;
  num->end = tok.end;
  num->value = num->high = value;
  num->precision = precision;
  double high, high_precision;
  if (ParseDigits(rest, &high, &high_precision, r.decimal_comma())) {
    if (high < value || !r.Lower(t + 1)) return false;  // a score ("3-1"), not a range
    num->high = high;
    num->unit = Singular(r.Word(t + 1));
    num->end = r.tok(t + 1).end;
  } else {
    if (rest.empty() || !IsAsciiAlpha(rest[0])) return false;
    size_t dash2 = rest.find('-');
    num->unit = Singular(rest.substr(0, dash2));  // "30-year-old" -> year
    if (r.Content(t + 1)) {
      num->what = r.Word(t + 1);
      num->end = r.tok(t + 1).end;
    }
  }
  if (IsPersonUnit(num->unit)) num->unit = "people";
  num->counts = NormalizeWhat(num->what);
  num->text = std::string(text.substr(num->begin, num->end - num->begin));
  return true;
}

}  // namespace

std::string NormalizeWhat(const std::string& what) {
  if (what.empty()) return "";
  std::vector<std::string> words;
  std::string w;
  for (char c : FoldForMatch(what)) {
    if (c == ' ') {
      if (!w.empty()) words.push_back(w);
      w.clear();
    } else {
      w.push_back(c);
    }
  }
  if (!w.empty()) words.push_back(w);
  for (size_t i = words.size(); i > 0; --i) {
    auto it = CountWords().find(words[i - 1]);
    if (it != CountWords().end()) return it->second;
  }
  for (std::string& x : words) x = Singular(x);
  return Join(words, " ");
}

namespace {

// The parts of a number its bounds depend on, so that one end of a range,
// or the figure without its approximation, is looked at without copying
// the number's strings.
struct Bounds {
  double value, high, precision;
  bool percent;
  std::string_view approx;
};

Bounds BoundsOf(const ExtractedNumber& n) { return {n.value, n.high, n.precision, n.unit == "%", n.approx}; }

// A round figure ("3,000", "14 billion") may be a rounding of a precise one
// (3,117; 14.2 billion): strictly under half a unit of its written precision
// and within 5% ("$100 million" is no rounding of "$131 million"); "70" and
// "72 percent" are not taken as roundings of each other.
double Tolerance(const Bounds& n) {
  if (n.precision < 100 || n.percent) return 0;
  return std::min(n.precision * 0.49, std::fabs(n.value) * 0.05);
}

double Lower(const Bounds& n) {
  double lo = n.value - Tolerance(n);
  if (n.approx == "about") return std::min(lo, n.value * 0.9);
  if (n.approx == "more than" || n.approx == "at least") return n.value;
  if (n.approx == "up to" || n.approx == "less than")
    return -std::numeric_limits<double>::infinity();
  if (n.approx == "nearly") return n.value * 0.85;
  return lo;
}

double Upper(const Bounds& n) {
  double hi = std::max(n.high, n.value) + Tolerance(n);
  if (n.approx == "about") return std::max(hi, std::max(n.high, n.value) * 1.1);
  if (n.approx == "more than" || n.approx == "at least")
    return std::numeric_limits<double>::infinity();
  return hi;
}

bool Compatible(const Bounds& a, const Bounds& b) {
  double eps = 1e-9 * std::max(1.0, std::max(std::fabs(a.value), std::fabs(b.value)));
  if (a.high > a.value && b.high > b.value) {
    // Two ranges state both ends: "between 30 and 40" vs "between 30 and 53".
    Bounds lo_a = a, lo_b = b, hi_a = a, hi_b = b;
    lo_a.high = lo_a.value;
    lo_b.high = lo_b.value;
    hi_a.value = hi_a.high;
    hi_b.value = hi_b.high;
    lo_a.approx = lo_b.approx = hi_a.approx = hi_b.approx = "";
    return Compatible(lo_a, lo_b) && Compatible(hi_a, hi_b);
  }
  if (a.approx == b.approx && a.approx != "about") {
    // The same bound worded alike states its figure: "more than 30 hours" and
    // "more than 40 hours" disagree on the figure.
    Bounds x = a, y = b;
    x.approx = y.approx = "";
    return Lower(x) <= Upper(y) + eps && Lower(y) <= Upper(x) + eps;
  }
  return Lower(a) <= Upper(b) + eps && Lower(b) <= Upper(a) + eps;
}

}  // namespace

double LowerEnd(const ExtractedNumber& n) { return Lower(BoundsOf(n)); }

double UpperEnd(const ExtractedNumber& n) { return Upper(BoundsOf(n)); }

bool ValuesCompatible(const ExtractedNumber& a, const ExtractedNumber& b) {
  return Compatible(BoundsOf(a), BoundsOf(b));
}

std::string FormatQuantity(double value, const std::string& unit) {
  char buf[64];
  double scaled = value;
  const char* scale = "";
  if (std::fabs(value) >= 1e12) {
    scaled = value / 1e12;
    scale = " trillion";
  } else if (std::fabs(value) >= 1e9) {
    scaled = value / 1e9;
    scale = " billion";
  } else if (std::fabs(value) >= 1e6) {
    scaled = value / 1e6;
    scale = " million";
  }
  if (std::fabs(scaled - std::round(scaled)) < 1e-9) {
    (void)std::snprintf(buf, sizeof buf, "%.0f%s", scaled, scale);
  } else {
    (void)std::snprintf(buf, sizeof buf, "%.4g%s", scaled, scale);
  }
  std::string out = buf;
  if (!unit.empty()) out += (unit == "%" ? "" : " ") + unit;
  return out;
}

std::vector<ExtractedNumber> ExtractNumbers(const Document& doc) {
  std::vector<ExtractedNumber> out;
  std::string_view text = doc.text;
  for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
    SentenceReader r(doc, doc.sentences[si]);
    for (uint32_t t = r.first(); t < r.end(); ++t) {
      ExtractedNumber num, hyphenated;
      num.sentence = hyphenated.sentence = si;
      uint32_t resume = t;
      if (ReadNumber(r, text, t, &num, &resume)) {
        out.push_back(std::move(num));
      } else if (ReadHyphenated(r, text, t, &hyphenated)) {
        out.push_back(std::move(hyphenated));
      }
      t = std::max(t, resume);
    }
  }
  return out;
}

}  // namespace rashomon
