#include "stories/anchors.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "base/hash.h"
#include "text/calendar.h"
#include "text/document.h"
#include "text/tokenizer.h"
#include "text/transliterate.h"

namespace rashomon {
namespace {

// Sentences of the lede read for names, places and the date.
constexpr uint32_t kLedeSentences = 5;
// A date this many days after the publication is read as last year's.
constexpr int32_t kFutureSlackDays = 7;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// 1..12 for a month name or its usual abbreviation, else 0.
int MonthOf(std::string_view folded) {
  static constexpr std::array<const char*, 12> kFull = {"january", "february", "march",     "april",
                                                        "may",     "june",     "july",      "august",
                                                        "september", "october", "november", "december"};
  static constexpr std::array<const char*, 12> kShort = {"jan", "feb", "mar", "apr", "may", "jun",
                                                         "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int m = 0; m < 12; ++m) {
    if (folded == kFull[m] || folded == kShort[m]) return m + 1;
  }
  if (folded == "sept") return 9;
  return 0;
}

// 0..6 (Sunday first) for a weekday name, else -1.
int WeekdayOf(std::string_view folded) {
  static constexpr std::array<const char*, 7> kDays = {"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};
  for (int d = 0; d < 7; ++d) {
    if (folded == kDays[d]) return d;
  }
  return -1;
}

// The value of a day-of-month token ("3", "03", "3rd"), else 0.
int DayOfMonth(std::string_view s) {
  int v = 0;
  size_t i = 0;
  for (; i < s.size() && i < 2 && s[i] >= '0' && s[i] <= '9'; ++i) v = v * 10 + (s[i] - '0');
  if (i == 0) return 0;
  std::string_view rest = s.substr(i);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  return v >= 1 && v <= 31 ? v : 0;
}

// A four-digit year between 1900 and 2199, else 0.
int YearOf(std::string_view s) {
  if (s.size() != 4) return 0;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v >= 1900 && v < 2200 ? v : 0;
}

// Words that open a capitalised run without naming anyone in particular.
bool IsGenericCapital(std::string_view folded) {
  static constexpr std::array<const char*, 22> kWords = {
      "the", "a", "an", "mr", "mrs", "ms", "dr", "he", "she", "it", "they", "we", "i",
      "but", "and", "in", "on", "at", "after", "when", "this", "that"};
  for (const char* w : kWords) {
    if (folded == w) return true;
  }
  return MonthOf(folded) != 0 || WeekdayOf(folded) >= 0;
}

bool IsPlacePreposition(std::string_view folded) {
  return folded == "in" || folded == "at" || folded == "near" || folded == "outside" || folded == "across" ||
         folded == "into" || folded == "to";
}

// The date a token run starting at t names, resolved against `pub` (the
// publication day, if known), with the number of tokens it spans.
struct DateHit {
  int32_t day = EventAnchors::kNoDay;
  size_t length = 0;
  bool explicit_year = false;
};

class DateReader {
 public:
  DateReader(const std::vector<std::string>& words, std::optional<int32_t> pub, std::string_view lang)
      : w_(words), pub_(pub), lang_(lang == "en" ? std::string_view() : lang) {}

  DateHit At(size_t i) const {
    const std::string& x = w_[i];
    if (int m = Month(x); m != 0) return MonthFirst(i, m);
    if (int d = DayOfMonth(x); d != 0 && i + 1 < w_.size()) {
      // "3 March 2014"; "1 de marzo de 2008", "3. März 2014" in their languages.
      size_t j = i + 1;
      if (!lang_.empty() && j + 1 < w_.size() && (w_[j] == "." || DateFiller(w_[j], lang_))) ++j;
      if (int m = Month(w_[j]); m != 0) {
        size_t k = j + 1;
        if (!lang_.empty() && k + 1 < w_.size() && DateFiller(w_[k], lang_)) ++k;
        int year = k < w_.size() ? YearOf(w_[k]) : 0;
        return {Resolve(year, m, d), year ? k - i + 1 : j - i + 1, year != 0};
      }
    }
    if (!pub_) return {};
    if (!lang_.empty()) {
      if (int ago = LocalDaysAgo(x, lang_); ago >= 0) return {*pub_ - ago, 1};
      if (int wd = LocalWeekday(x, lang_); wd >= 0) return {Before(wd, false), 1};
    }
    if (x == "yesterday") return {*pub_ - 1, 1};
    if (x == "today" || x == "tonight") return {*pub_, 1};
    const bool last = x == "last" && i + 1 < w_.size();
    if (last && w_[i + 1] == "week") return {*pub_ - 7, 2};
    if (last && w_[i + 1] == "night") return {*pub_ - 1, 2};
    if (last && w_[i + 1] == "month") return {*pub_ - 30, 2};
    if (last && WeekdayOf(w_[i + 1]) >= 0) return {Before(WeekdayOf(w_[i + 1]), true), 2};
    if (int wd = WeekdayOf(x); wd >= 0) return {Before(wd, false), 1};
    return {};
  }

 private:
  int Month(const std::string& w) const {
    const int m = MonthOf(w);
    return m != 0 || lang_.empty() ? m : LocalMonth(w, lang_);
  }

  // "March 3", "March 3, 2014", "March 3rd".
  DateHit MonthFirst(size_t i, int m) const {
    if (i + 1 >= w_.size()) return {};
    int d = DayOfMonth(w_[i + 1]);
    if (d == 0) return {};
    size_t j = i + 2;
    if (j < w_.size() && w_[j] == ",") ++j;
    int year = j < w_.size() ? YearOf(w_[j]) : 0;
    return {Resolve(year, m, d), year ? j - i + 1 : 2, year != 0};
  }

  int32_t Resolve(int year, int m, int d) const {
    if (year != 0) return DaysFromCivil(year, m, d);
    if (!pub_) return EventAnchors::kNoDay;
    // The publication's year, or the one before for a date well after it.
    int32_t z = *pub_ + 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    int pub_year = static_cast<int>(yoe + era * 400 + (mp >= 10 ? 1 : 0));
    int32_t day = DaysFromCivil(pub_year, m, d);
    if (day > *pub_ + kFutureSlackDays) day = DaysFromCivil(pub_year - 1, m, d);
    return day;
  }

  // The latest `weekday` on or before the publication day (strictly before
  // for "last Tuesday").
  int32_t Before(int weekday, bool strictly) const {
    int32_t back = (WeekdayOfDay(*pub_) - weekday + 7) % 7;
    if (back == 0 && strictly) back = 7;
    return *pub_ - back;
  }

  const std::vector<std::string>& w_;
  std::optional<int32_t> pub_;
  std::string_view lang_;  // empty for English
};

// A date in a URL path: /2013/05/03/, /2013/may/03/, or 20130504.
std::optional<int32_t> UrlDay(std::string_view url) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : url) {
    if (c == '/' || c == '-' || c == '_' || c == '.') {
      if (!cur.empty()) parts.push_back(Lower(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) parts.push_back(Lower(cur));
  for (size_t i = 0; i + 2 < parts.size(); ++i) {
    int year = YearOf(parts[i]);
    if (year == 0) continue;
    int m = MonthOf(parts[i + 1]);
    if (m == 0 && parts[i + 1].size() <= 2 && !parts[i + 1].empty() &&
        std::all_of(parts[i + 1].begin(), parts[i + 1].end(), [](char c) { return c >= '0' && c <= '9'; })) {
      m = std::stoi(parts[i + 1]);
    }
    int d = DayOfMonth(parts[i + 2]);
    if (m >= 1 && m <= 12 && d != 0) return DaysFromCivil(year, m, d);
  }
  for (const std::string& p : parts) {
    if (p.size() != 8 || !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    int year = YearOf(p.substr(0, 4));
    int m = std::stoi(p.substr(4, 2)), d = std::stoi(p.substr(6, 2));
    if (year != 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) return DaysFromCivil(year, m, d);
  }
  return std::nullopt;
}

void SortUnique(std::vector<uint64_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Names and places of one token sequence (a sentence or the title).
struct Run {
  std::vector<uint64_t> keys;
  std::vector<uint64_t> stem_keys;  // Cyrillic or Greek words declined: their stems' Latin keys
  bool place = false;
  bool followed_by_comma_run = false;
};

void ReadNames(const Document& doc, std::string_view text, const std::vector<Token>& tokens, size_t begin,
               size_t end, std::vector<Run>* runs) {
  bool after_place_word = false;
  for (size_t i = begin; i < end;) {
    const Token& t = tokens[i];
    const std::string folded = Lower(text.substr(t.begin, t.end - t.begin));
    const bool capital = t.IsWord() && (t.Is(token_flags::kCapitalized) || t.Is(token_flags::kAllCaps));
    if (!capital || IsGenericCapital(folded)) {
      after_place_word = t.IsWord() && IsPlacePreposition(folded);
      ++i;
      continue;
    }
    Run run;
    run.place = after_place_word;
    size_t j = i;
    for (; j < end; ++j) {
      const Token& u = tokens[j];
      if (!u.IsWord() || !(u.Is(token_flags::kCapitalized) || u.Is(token_flags::kAllCaps))) break;
      const std::string f = Lower(text.substr(u.begin, u.end - u.begin));
      if (j > i && IsGenericCapital(f)) break;
      // Cyrillic and Greek names under their Latin spelling's key, as in the
      // term bags (sketch/term_vector.h).
      const NameKeys keys = NameKeysAcrossScripts(text.substr(u.begin, u.end - u.begin), u.key, doc.lang);
      run.keys.push_back(keys.first);
      if (keys.second != keys.first) run.stem_keys.push_back(keys.second);
    }
    // A lone sentence opener ("Police said"; the title's first word too) is no name.
    const bool opener_only = (i == begin || t.Is(token_flags::kSentenceStart)) && j == i + 1;
    if (!opener_only) {
      run.followed_by_comma_run = j + 1 < end && text.substr(tokens[j].begin, 1) == "," &&
                                  tokens[j + 1].Is(token_flags::kCapitalized);
      runs->push_back(std::move(run));
    }
    after_place_word = false;
    i = j;
  }
}

uint64_t RunKey(const std::vector<uint64_t>& keys) {
  uint64_t h = kDefaultHashSeed;
  for (uint64_t k : keys) h = HashCombine(h, k);
  return h;
}

// Whether most words of the title are capitalised (headline case), which
// says nothing about names.
bool HeadlineCase(const std::vector<Token>& tokens) {
  size_t words = 0, capital = 0;
  for (const Token& t : tokens) {
    if (!t.IsWord() || t.Is(token_flags::kStopword)) continue;
    ++words;
    capital += t.Is(token_flags::kCapitalized) || t.Is(token_flags::kAllCaps);
  }
  return words > 0 && capital * 3 > words * 2;
}

}  // namespace

int32_t DaysFromCivil(int year, int month, int day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int yoe = year - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int WeekdayOfDay(int32_t day) { return static_cast<int>(((day % 7) + 7 + 4) % 7); }

std::optional<int32_t> PublicationDay(std::optional<int64_t> published) {
  if (!published) return std::nullopt;
  static const int64_t kMin = static_cast<int64_t>(DaysFromCivil(1990, 1, 1)) * 86400;
  static const int64_t kMax = static_cast<int64_t>(DaysFromCivil(2200, 1, 1)) * 86400;
  if (*published < kMin || *published >= kMax) return std::nullopt;
  return static_cast<int32_t>(*published / 86400);
}

EventAnchors ExtractAnchors(const Document& doc) {
  EventAnchors out;
  std::optional<int32_t> pub = doc.article ? PublicationDay(doc.article->published) : std::nullopt;
  if (!pub && doc.article) pub = UrlDay(doc.article->url);
  const std::vector<Token> title = TitleTokens(doc);
  const uint32_t lede_end = std::min<uint32_t>(kLedeSentences, static_cast<uint32_t>(doc.sentences.size()));
  const size_t token_end = doc.sentences.empty() ? 0 : doc.sentences[lede_end - 1].token_end;

  // what: the title's content stems (the lede's first sentence without a title).
  for (const Token& t : title) {
    if (t.IsContent() && t.IsWord()) out.what.push_back(t.stem);
  }
  if (title.empty() && !doc.sentences.empty()) {
    for (uint32_t k = doc.sentences[0].first_token; k < doc.sentences[0].token_end; ++k) {
      if (doc.tokens[k].IsContent() && doc.tokens[k].IsWord()) out.what.push_back(doc.tokens[k].stem);
    }
  }
  // Counts (numbers that are not years) of the title and lede.
  auto add_number = [&](std::string_view text, const Token& t) {
    if (t.kind == TokenKind::kNumber && YearOf(text.substr(t.begin, t.end - t.begin)) == 0) out.numbers.push_back(t.key);
  };
  for (const Token& t : title) add_number(doc.title, t);
  for (size_t k = 0; k < token_end; ++k) add_number(doc.text, doc.tokens[k]);

  // who and where.
  std::vector<Run> runs;
  if (!HeadlineCase(title)) ReadNames(doc, doc.title, title, 0, title.size(), &runs);
  for (uint32_t s = 0; s < lede_end; ++s) {
    ReadNames(doc, doc.text, doc.tokens, doc.sentences[s].first_token, doc.sentences[s].token_end, &runs);
  }
  if (!doc.dateline.empty()) {
    std::vector<Token> dl;
    TokenizeOptions topt;
    topt.keep_punct = true;
    topt.stem = false;
    Tokenize(doc.dateline, 0, static_cast<uint32_t>(doc.dateline.size()), topt, &dl);
    std::vector<uint64_t> first;
    for (const Token& t : dl) {
      if (!t.IsWord()) {
        if (!first.empty()) break;
        continue;
      }
      first.push_back(NameKeysAcrossScripts(doc.dateline.substr(t.begin, t.end - t.begin), t.key, doc.lang).first);
    }
    for (const Token& t : dl) {
      if (t.IsWord()) out.where.push_back(NameKeysAcrossScripts(doc.dateline.substr(t.begin, t.end - t.begin), t.key, doc.lang).first);
    }
    if (!first.empty()) out.place = RunKey(first);
  }
  for (const Run& r : runs) {
    auto& into = r.place ? out.where : out.who;
    into.insert(into.end(), r.keys.begin(), r.keys.end());
    into.insert(into.end(), r.stem_keys.begin(), r.stem_keys.end());
    if (r.place && out.place == 0) out.place = RunKey(r.keys);
  }

  // when: the first date in the title, then the lede.
  auto first_date = [&](std::string_view text, const std::vector<Token>& tokens, size_t begin, size_t end) {
    std::vector<std::string> words;
    for (size_t k = begin; k < end; ++k) words.push_back(Lower(text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin)));
    DateReader reader(words, pub, doc.lang);
    for (size_t k = 0; k < words.size(); ++k) {
      DateHit hit = reader.At(k);
      if (hit.day != EventAnchors::kNoDay) return hit;
    }
    return DateHit{};
  };
  DateHit hit = first_date(doc.title, title, 0, title.size());
  for (uint32_t s = 0; s < lede_end && hit.day == EventAnchors::kNoDay; ++s) {
    hit = first_date(doc.text, doc.tokens, doc.sentences[s].first_token, doc.sentences[s].token_end);
  }
  if (hit.day != EventAnchors::kNoDay) {
    out.day = hit.day;
    out.day_from_text = true;
    out.day_explicit = hit.explicit_year;
  } else if (pub) {
    out.day = *pub;
  }
  SortUnique(out.who);
  SortUnique(out.where);
  SortUnique(out.what);
  SortUnique(out.numbers);
  // A word both in a place and in a name counts as a place only.
  std::vector<uint64_t> who;
  std::set_difference(out.who.begin(), out.who.end(), out.where.begin(), out.where.end(), std::back_inserter(who));
  out.who = std::move(who);
  return out;
}

namespace {

void PutU64(std::string& out, uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}

bool GetByte(std::string_view& in, uint8_t* v) {
  if (in.empty()) return false;
  *v = static_cast<uint8_t>(in.front());
  in.remove_prefix(1);
  return true;
}

bool GetU64(std::string_view& in, uint64_t* v) {
  if (in.size() < 8) return false;
  std::memcpy(v, in.data(), 8);
  in.remove_prefix(8);
  return true;
}

void PutList(std::string& out, const std::vector<uint64_t>& v) {
  PutU64(out, v.size());
  for (uint64_t x : v) PutU64(out, x);
}

bool GetList(std::string_view& in, std::vector<uint64_t>* v) {
  uint64_t n = 0;
  if (!GetU64(in, &n) || n > in.size() / 8) return false;
  v->resize(n);
  for (uint64_t& x : *v) GetU64(in, &x);
  return true;
}

}  // namespace

std::string PackAnchors(const EventAnchors& a) {
  std::string out;
  out.push_back(1);  // format version
  PutU64(out, a.place);
  PutU64(out, static_cast<uint64_t>(static_cast<int64_t>(a.day)));
  out.push_back(static_cast<char>((a.day_from_text ? 1 : 0) | (a.day_explicit ? 2 : 0)));
  PutList(out, a.who);
  PutList(out, a.where);
  PutList(out, a.what);
  PutList(out, a.numbers);
  return out;
}

bool UnpackAnchors(std::string_view in, EventAnchors* a) {
  *a = EventAnchors();
  EventAnchors r;
  uint64_t day = 0;
  if (in.empty() || in.front() != 1) return false;
  in.remove_prefix(1);
  uint8_t flags = 0;
  if (!GetU64(in, &r.place) || !GetU64(in, &day) || !GetByte(in, &flags)) return false;
  r.day = static_cast<int32_t>(static_cast<int64_t>(day));
  r.day_from_text = (flags & 1U) != 0;
  r.day_explicit = (flags & 2U) != 0;
  if (!GetList(in, &r.who) || !GetList(in, &r.where) || !GetList(in, &r.what) || !GetList(in, &r.numbers)) return false;
  if (!in.empty()) return false;
  *a = std::move(r);
  return true;
}

}  // namespace rashomon
