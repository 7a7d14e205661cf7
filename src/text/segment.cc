#include "text/segment.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "base/strings.h"
#include "base/utf8.h"
#include "text/calendar.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

// Abbreviations that do not end a sentence (folded, without the period).
const std::unordered_set<std::string>& Abbreviations() {
  static const auto* set = new std::unordered_set<std::string>{
      "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
      "cpl", "pvt", "gov", "sen", "rep", "rev", "hon", "pres", "st", "mt", "ft", "jr", "sr",
      "inc", "corp", "ltd", "co", "bros", "vs", "al", "jan", "feb", "mar", "apr", "jun", "jul",
      "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept", "univ", "ave", "blvd", "rd",
      "insp", "supt", "det", "atty", "sec", "assn", "messrs", "mme", "mlle", "gens", "reps",
      "sens", "govs", "brig", "cdr", "msgr", "fr", "ret", "cf", "ca", "etc"};
  return *set;
}

// Abbreviations that end nothing only before a number ("No. 10", "Fig. 3").
const std::unordered_set<std::string>& NumberAbbreviations() {
  static const auto* set = new std::unordered_set<std::string>{"no", "nos", "fig", "vol", "pp", "p", "art", "ch"};
  return *set;
}

// Words that start a new sentence after an acronym ("... in the U.S. The ...").
const std::unordered_set<std::string>& SentenceStarters() {
  static const auto* set = new std::unordered_set<std::string>{
      "the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "and", "in", "on", "at",
      "this", "that", "these", "those", "there", "his", "her", "their", "its", "our", "as",
      "after", "when", "while", "if", "however", "meanwhile", "officials", "some", "many"};
  return *set;
}

bool IsTerminal(char32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }
bool IsCloser(char32_t cp) {
  return IsClosingQuote(cp) || cp == '"' || cp == '\'' || cp == ')' || cp == ']';
}
bool IsOpener(char32_t cp) {
  return IsOpeningQuote(cp) || cp == '"' || cp == '\'' || cp == '(' || cp == '[';
}

// The word (letters, digits and internal periods) ending right before `pos`.
std::string_view WordBefore(std::string_view s, size_t pos) {
  size_t b = pos;
  while (b > 0) {
    unsigned char c = static_cast<unsigned char>(s[b - 1]);
    if (c >= 0x80 || IsAsciiAlpha(static_cast<char>(c)) || IsAsciiDigit(static_cast<char>(c)) ||
        c == '.' || c == '-') {
      --b;
    } else {
      break;
    }
  }
  while (b < pos && (s[b] == '.' || s[b] == '-')) ++b;
  return s.substr(b, pos - b);
}

// The word starting at `pos` (letters only), folded.
std::string FoldedWordAt(std::string_view s, size_t pos) {
  std::string out;
  while (pos < s.size()) {
    char32_t cp;
    size_t len = DecodeUtf8(s, pos, &cp);
    if (!IsLetter(cp)) break;
    AppendFolded(cp, &out);
    pos += len;
  }
  return out;
}

bool IsDottedAcronym(std::string_view w) {
  // U.S / U.N / e.g (the final period is not part of w)
  if (w.size() < 3) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i % 2 == 1) {
      if (w[i] != '.') return false;
    } else if (!IsAsciiAlpha(w[i])) {
      return false;
    }
  }
  return true;
}

// Decides whether a '.' at `dot` (with the word `word` before it) ends the
// sentence, given the code point that starts the next sentence candidate.
bool PeriodEnds(std::string_view para, std::string_view word, size_t next_pos, char32_t next) {
  if (word.empty()) return true;
  std::string folded = FoldForMatch(word);
  // Strip internal periods for the abbreviation lookup ("U.S" -> "us").
  std::string bare;
  for (char c : folded) {
    if (c != '.') bare.push_back(c);
  }
  bool next_digit = IsDigitChar(next);
  if (NumberAbbreviations().count(bare)) return !next_digit;
  if (Abbreviations().count(bare)) {
    // "Jan. 5", "Gen. Smith", "Mr. Li": never an end before a number or a
    // capitalised name; "etc." may end a sentence before a starter word.
    if (bare == "etc" && SentenceStarters().count(FoldedWordAt(para, next_pos))) return true;
    return false;
  }
  // German ordinal days: "am 3. März" goes on.
  if (word.size() <= 2 && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      LocalMonth(FoldedWordAt(para, next_pos), "de") != 0) {
    return false;
  }
  // Initials: a single upper-case letter ("George W. Bush"), or a single
  // letter of a script without case (Arabic "د." for doctor).
  if (word.size() == 1 && IsAsciiUpper(word[0])) return false;
  char32_t first = 0;
  if (DecodeUtf8(word, 0, &first) == word.size() && IsLetter(first) && !IsUpperCase(first) && !IsLowerCase(first)) {
    return false;
  }
  if (IsDottedAcronym(word)) {
    return SentenceStarters().count(FoldedWordAt(para, next_pos)) > 0;
  }
  return true;
}

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view para, const SegmentOptions& options) {
  std::vector<SentenceSpan> out;
  size_t n = para.size();
  size_t sent_begin = 0;
  auto emit = [&](size_t end) {
    // Trim spaces; cut over-long sentences at spaces.
    size_t b = sent_begin;
    while (b < end && IsAsciiSpace(para[b])) ++b;
    size_t e = end;
    while (e > b && IsAsciiSpace(para[e - 1])) --e;
    while (e > b && e - b > options.max_sentence_bytes) {
      size_t cut = b + options.max_sentence_bytes;
      size_t space = para.rfind(' ', cut);
      if (space == std::string_view::npos || space <= b) space = TruncateUtf8(para.substr(b), options.max_sentence_bytes).size() + b;
      if (space <= b) break;
      out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(space)});
      b = space;
      while (b < e && IsAsciiSpace(para[b])) ++b;
    }
    if (e > b) out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    sent_begin = end;
  };
  size_t i = 0;
  while (i < n) {
    char32_t cp;
    size_t len = DecodeUtf8(para, i, &cp);
    if (!IsTerminal(cp)) {
      i += len;
      continue;
    }
    size_t term = i;
    size_t j = i + len;
    // Runs of terminals ("?!", "...") and closers after them.
    while (j < n) {
      char32_t c2;
      size_t l2 = DecodeUtf8(para, j, &c2);
      if (IsTerminal(c2) || IsCloser(c2)) {
        j += l2;
      } else {
        break;
      }
    }
    size_t end = j;
    // Must be followed by whitespace, then a sentence start.
    if (j >= n) {
      i = j;
      continue;
    }
    char32_t after;
    size_t al = DecodeUtf8(para, j, &after);
    if (!IsSpaceChar(after)) {
      i = j > i + len ? j : i + len;
      continue;
    }
    (void)al;
    size_t k = j;
    while (k < n && IsAsciiSpace(para[k])) ++k;
    if (k >= n) {
      i = k;
      continue;
    }
    char32_t next;
    DecodeUtf8(para, k, &next);
    size_t next_word = k;
    // Skip an opening quote or bracket to look at the word itself.
    if (IsOpener(next) || IsDash(next)) {
      char32_t c3;
      size_t l3 = DecodeUtf8(para, k, &c3);
      next_word = k + l3;
      if (next_word < n) DecodeUtf8(para, next_word, &next);
    }
    // Anything but a lower-case letter may open a sentence: a capital, a
    // digit, an opening quote, a letter of a script without case (Arabic,
    // Hebrew).
    bool starts = !IsLowerCase(next);
    if (starts && cp == '.' && term + len == j) {
      // Plain period (no closer): check abbreviations.
      starts = PeriodEnds(para, WordBefore(para, term), next_word, next);
    } else if (starts && cp == '.') {
      // Period then closing quote: ends unless the word is an abbreviation.
      std::string_view w = WordBefore(para, term);
      std::string bare = FoldForMatch(w);
      if (Abbreviations().count(bare)) starts = false;
    }
    if (starts) emit(end);
    i = k;
  }
  if (sent_begin < n) emit(n);
  return out;
}

size_t DatelineLength(std::string_view p, std::string_view* place) {
  // PLACE[, Region] (Agency)? SEP  where PLACE is upper case, SEP one of
  // " – ", " — ", " - ", ": ".
  size_t i = 0;
  size_t upper_letters = 0;
  while (i < p.size() && i < 60) {
    char c = p[i];
    if (IsAsciiUpper(c)) {
      ++upper_letters;
      ++i;
    } else if (c == ' ' || c == '.' || c == '\'' || c == '-') {
      ++i;
    } else {
      break;
    }
  }
  // Back off a trailing " -" that belongs to the separator.
  while (i > 0 && (p[i - 1] == ' ' || p[i - 1] == '-')) --i;
  if (upper_letters < 3) return 0;
  size_t place_end = i;
  // Optional ", Region" (capitalised words) and "(Agency)".
  size_t j = i;
  if (j < p.size() && p[j] == ',') {
    ++j;
    while (j < p.size() && p[j] == ' ') ++j;
    if (j >= p.size() || !IsAsciiUpper(p[j])) return 0;
    while (j < p.size() && j < 100 && (IsAsciiAlpha(p[j]) || p[j] == ' ' || p[j] == '.')) ++j;
    while (j > 0 && p[j - 1] == ' ') --j;
  }
  size_t k = j;
  while (k < p.size() && p[k] == ' ') ++k;
  if (k < p.size() && p[k] == '(') {
    size_t close = p.find(')', k);
    if (close == std::string_view::npos || close - k > 40) return 0;
    k = close + 1;
    while (k < p.size() && p[k] == ' ') ++k;
  }
  std::string_view rest = p.substr(k);
  size_t sep = 0;
  for (std::string_view s : {"\u2013", "\u2014", "--", "-", ":"}) {
    if (rest.substr(0, s.size()) == s) {
      sep = s.size();
      break;
    }
  }
  if (sep == 0) return 0;
  // A colon needs the place directly before it ("OMAN: ...").
  if (rest[0] == ':' && k != place_end) return 0;
  size_t end = k + sep;
  while (end < p.size() && p[end] == ' ') ++end;
  if (end >= p.size()) return 0;
  if (place) *place = p.substr(0, j);
  return end;
}

}  // namespace rashomon
