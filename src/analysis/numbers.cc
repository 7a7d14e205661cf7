#include "analysis/numbers.h"

#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

#include "base/strings.h"
#include "text/language.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

double ScaleOf(const std::string& w) {
  static const std::unordered_map<std::string, double> kScales = {
      {"thousand", 1e3}, {"k", 1e3},  {"million", 1e6},  {"millions", 1e6}, {"m", 1e6},
      {"mn", 1e6},       {"mln", 1e6}, {"billion", 1e9}, {"billions", 1e9}, {"bn", 1e9},
      {"b", 1e9},        {"trillion", 1e12}, {"tn", 1e12}, {"hundred", 1e2}};
  auto it = kScales.find(w);
  return it == kScales.end() ? 0 : it->second;
}

std::string CurrencyOfWord(const std::string& w) {
  static const std::unordered_map<std::string, std::string> kWords = {
      {"dollars", "USD"}, {"dollar", "USD"}, {"usd", "USD"}, {"euros", "EUR"}, {"euro", "EUR"},
      {"eur", "EUR"},     {"pounds", "GBP"}, {"gbp", "GBP"}, {"yen", "JPY"},   {"jpy", "JPY"},
      {"yuan", "CNY"},    {"cny", "CNY"},    {"rupees", "INR"}, {"francs", "CHF"}};
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
      {"two", 2},     {"three", 3},    {"four", 4},      {"five", 5},     {"six", 6},
      {"seven", 7},   {"eight", 8},    {"nine", 9},      {"ten", 10},     {"eleven", 11},
      {"twelve", 12}, {"fifteen", 15}, {"twenty", 20},   {"thirty", 30},  {"forty", 40},
      {"fifty", 50},  {"hundred", 100}, {"dozen", 12},   {"dozens", 24}};
  return *m;
}

// Singular form for units ("days" -> "day") so "12-day" and "12 days" match.
std::string Singular(const std::string& w) {
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') return w.substr(0, w.size() - 1);
  return w;
}

bool ParseDigits(std::string_view s, double* out) {
  std::string clean;
  for (char c : s) {
    if (c == ',') continue;
    clean.push_back(c);
  }
  if (clean.empty()) return false;
  char* end = nullptr;
  double v = std::strtod(clean.c_str(), &end);
  if (end != clean.c_str() + clean.size()) return false;
  *out = v;
  return true;
}

}  // namespace

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
    const Sentence& s = doc.sentences[si];
    const uint32_t n = s.token_end;
    for (uint32_t t = s.first_token; t < n; ++t) {
      const Token& tok = doc.tokens[t];
      std::string_view surface = doc.TokenText(tok);
      double value = 0;
      bool digits = tok.kind == TokenKind::kNumber && ParseDigits(surface, &value);
      bool word_number = false;
      if (!digits && tok.kind == TokenKind::kWord) {
        auto it = NumberWords().find(FoldForMatch(surface));
        if (it != NumberWords().end()) {
          value = it->second;
          word_number = true;
        }
      }
      if (!digits && !word_number) continue;
      ExtractedNumber num;
      num.sentence = si;
      num.begin = tok.begin;
      num.end = tok.end;
      uint32_t next = t + 1;
      // Currency sign just before ("$18").
      if (t > s.first_token && doc.tokens[t - 1].kind == TokenKind::kPunct) {
        std::string cur = CurrencyOfSign(doc.TokenText(doc.tokens[t - 1]));
        if (!cur.empty() && doc.tokens[t - 1].end == tok.begin) {
          num.unit = cur;
          num.begin = doc.tokens[t - 1].begin;
        }
      }
      // Clock times (22:40) and years alone are not quantities.
      if (next < n && doc.TokenText(doc.tokens[next]) == ":" && next + 1 < n &&
          doc.tokens[next + 1].kind == TokenKind::kNumber) {
        ++t;
        continue;
      }
      bool year = digits && value >= 1900 && value <= 2100 && surface.size() == 4 && num.unit.empty();
      // Scale word ("18 billion", "18bn").
      if (next < n && doc.tokens[next].kind == TokenKind::kWord) {
        double scale = ScaleOf(FoldForMatch(doc.TokenText(doc.tokens[next])));
        if (scale > 0 && !(scale == 1e6 && doc.tokens[next].end - doc.tokens[next].begin == 1 &&
                            doc.tokens[next].begin != tok.end)) {
          value *= scale;
          num.end = doc.tokens[next].end;
          ++next;
          year = false;
        }
      }
      // Per cent.
      if (next < n) {
        std::string w = FoldForMatch(doc.TokenText(doc.tokens[next]));
        if (w == "%" || w == "percent") {
          num.unit = "%";
          num.end = doc.tokens[next].end;
          ++next;
        } else if (w == "per" && next + 1 < n && FoldForMatch(doc.TokenText(doc.tokens[next + 1])) == "cent") {
          num.unit = "%";
          num.end = doc.tokens[next + 1].end;
          next += 2;
        }
      }
      // Currency word after ("18 billion dollars").
      if (num.unit.empty() && next < n) {
        std::string cur = CurrencyOfWord(FoldForMatch(doc.TokenText(doc.tokens[next])));
        if (!cur.empty()) {
          num.unit = cur;
          num.end = doc.tokens[next].end;
          ++next;
        }
      }
      if (year && num.unit.empty()) continue;
      // Hyphenated measure ("12-day war"): the token itself holds "12-day"?
      // The tokenizer keeps "12-day" as one hyphenated token with digits.
      if (tok.Is(token_flags::kHyphenated) && tok.kind == TokenKind::kWord) continue;
      // Unit noun and what it counts.
      auto content_word = [&](uint32_t k) {
        return k < n && doc.tokens[k].kind == TokenKind::kWord && !doc.tokens[k].Is(token_flags::kStopword);
      };
      auto verb_like = [&](uint32_t k) {
        std::string w = FoldForMatch(doc.TokenText(doc.tokens[k]));
        return w.size() > 4 && (w.compare(w.size() - 2, 2, "ed") == 0 || w.compare(w.size() - 3, 3, "ing") == 0);
      };
      if (num.unit.empty() && content_word(next) && !doc.tokens[next].Is(token_flags::kCapitalized) &&
          !verb_like(next)) {
        num.unit = Singular(FoldForMatch(doc.TokenText(doc.tokens[next])));
        num.end = doc.tokens[next].end;
        ++next;
      }
      // What: the next lower-case content word, skipping "of/in/on" ("$18
      // billion in imports"), else the words just before ("death toll at 12",
      // "killing at least 14 people").
      static const std::unordered_set<std::string> kPrepositions = {"of", "in", "on", "for", "at", "from", "worth"};
      uint32_t k = next;
      while (k < n && k < next + 2 && kPrepositions.count(FoldForMatch(doc.TokenText(doc.tokens[k])))) ++k;
      if (content_word(k) && !doc.tokens[k].Is(token_flags::kCapitalized)) {
        num.what = FoldForMatch(doc.TokenText(doc.tokens[k]));
      } else if (num.unit.empty() || num.unit == "%") {
        static const std::unordered_set<std::string> kHedges = {"least", "about", "some", "nearly", "almost",
                                                                "around", "roughly", "than", "over", "under"};
        uint32_t b = num.begin == tok.begin ? t : t - 1;
        std::vector<std::string> words;
        for (uint32_t j = b; j > s.first_token && words.size() < 2 && b - j < 5; --j) {
          const Token& w = doc.tokens[j - 1];
          if (w.kind == TokenKind::kPunct) break;
          std::string f = FoldForMatch(doc.TokenText(w));
          if (w.Is(token_flags::kStopword) || kHedges.count(f)) {
            if (!words.empty()) break;
            continue;
          }
          if (w.Is(token_flags::kCapitalized) || w.kind != TokenKind::kWord) break;
          words.insert(words.begin(), f);
        }
        num.what = Join(words, " ");
      }
      if (num.unit.empty() && num.what.empty()) continue;  // a bare number says little
      if (word_number && num.unit.empty()) continue;
      num.value = value;
      num.text = std::string(text.substr(num.begin, num.end - num.begin));
      out.push_back(std::move(num));
      t = next > t + 1 ? next - 1 : t;
    }
    // Hyphenated measures: "12-day war", "1994-built".
    for (uint32_t t = s.first_token; t < n; ++t) {
      const Token& tok = doc.tokens[t];
      if (!tok.Is(token_flags::kHyphenated) || !tok.Is(token_flags::kHasDigit)) continue;
      std::string_view surface = doc.TokenText(tok);
      size_t dash = surface.find('-');
      if (dash == std::string_view::npos || dash == 0) continue;
      double value;
      if (!ParseDigits(surface.substr(0, dash), &value)) continue;
      std::string unit = FoldForMatch(surface.substr(dash + 1));
      if (unit.empty() || !IsAsciiAlpha(unit[0])) continue;
      ExtractedNumber num;
      num.sentence = si;
      num.begin = tok.begin;
      num.end = tok.end;
      num.value = value;
      num.unit = Singular(unit);
      if (t + 1 < n && doc.tokens[t + 1].kind == TokenKind::kWord && !doc.tokens[t + 1].Is(token_flags::kStopword)) {
        num.what = FoldForMatch(doc.TokenText(doc.tokens[t + 1]));
        num.end = doc.tokens[t + 1].end;
      }
      num.text = std::string(text.substr(num.begin, num.end - num.begin));
      out.push_back(std::move(num));
    }
  }
  return out;
}

}  // namespace rashomon
