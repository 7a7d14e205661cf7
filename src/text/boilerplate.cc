#include "text/boilerplate.h"

#include <unordered_set>

#include "base/hash.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "text/language.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

// Words of web page furniture: sharing, subscriptions, players, navigation,
// consent banners, widgets, credits. Ordinary words too, which is why the
// cue only counts in short lines and needs a high share of them.
const std::unordered_set<std::string>& UiWords() {
  static const auto* set = new std::unordered_set<std::string>{
      "advertisement", "advertising", "ad", "ads", "sponsored", "promoted", "share", "shares",
      "sharing", "shared", "tweet", "facebook", "twitter", "whatsapp", "telegram", "linkedin",
      "reddit", "pinterest", "instagram", "youtube", "email", "e-mail", "print", "copy", "link",
      "copied", "subscribe", "subscription", "subscribers", "newsletter", "newsletters", "sign",
      "signup", "login", "log", "register", "account", "listen", "audio", "video", "videos",
      "watch", "play", "podcast", "minutes", "minute", "min", "mins", "read", "reading",
      "recommended", "related", "stories", "story", "articles", "article", "popular", "trending",
      "latest", "headlines", "items", "item", "list", "end", "next", "previous", "prev", "back",
      "home", "menu", "navigation", "skip", "content", "main", "click", "tap", "here", "continue",
      "cookie", "cookies", "consent", "accept", "privacy", "policy", "terms", "rights",
      "reserved", "copyright", "follow", "comments", "comment", "reply", "replies", "photo",
      "photos", "image", "images", "gallery", "caption", "credit", "download", "app", "apps",
      "help", "feedback", "improve", "support", "donate", "loading", "tags", "topics",
      "category", "section", "more", "view", "show", "hide", "close", "save", "bookmark",
      "notifications", "alerts", "settings", "search", "information", "info", "contact",
      "update", "updated", "published", "premium", "free", "trial", "offer", "unlock", "access",
      "upgrade", "toggle", "expand", "collapse", "slideshow", "playlist", "live", "explore",
      "page", "social"};
  return *set;
}

bool IsUiWord(std::string_view w) { return UiWords().count(std::string(w)) > 0; }

// "article5" -> article + digits; "itemsend" -> items + end. True when the
// token is two UI/function words (or a UI word and a number) run together.
bool IsGluedUiToken(std::string_view w) {
  // Two short words run together are short too; the cut loop below costs
  // the square of the length, so a megabyte-long "word" must not reach it.
  constexpr size_t kMaxGluedLength = 48;
  if (w.size() < 5 || w.size() > kMaxGluedLength) return false;
  // letters then digits, or digits then letters
  size_t split = 0;
  while (split < w.size() && IsAsciiAlpha(w[split])) ++split;
  if (split > 0 && split < w.size()) {
    bool rest_digits = true;
    for (size_t i = split; i < w.size(); ++i) rest_digits &= IsAsciiDigit(w[i]);
    if (rest_digits && IsUiWord(w.substr(0, split))) return true;
  }
  size_t digits = 0;
  while (digits < w.size() && IsAsciiDigit(w[digits])) ++digits;
  if (digits > 0 && digits < w.size() && IsUiWord(w.substr(digits))) return true;
  if (IsUiWord(w) || IsStopword(w, "en")) return false;
  for (size_t cut = 2; cut + 2 <= w.size(); ++cut) {
    std::string_view a = w.substr(0, cut), b = w.substr(cut);
    bool ua = IsUiWord(a), ub = IsUiWord(b);
    if ((ua && (ub || IsStopword(b, "en"))) || (ub && IsStopword(a, "en"))) return true;
  }
  return false;
}

struct LineFeatures {
  int words = 0;          // word and number tokens
  int content_words = 0;  // words that are not stopwords or numbers
  int ui_words = 0;       // content words that are UI words (glued ones included)
  int glued = 0;
  bool terminal = false;  // ends like a sentence
  bool starts_lower = false;
  bool reader_address = false;
  bool only_url = false;
  bool no_letters = true;
};

LineFeatures Analyze(std::string_view line) {
  LineFeatures f;
  std::string word;
  bool word_has_letter = false;
  auto flush = [&] {
    if (word.empty()) return;
    ++f.words;
    if (word_has_letter) {
      if (f.words == 1 && IsAsciiLower(word[0])) f.starts_lower = true;
      std::string lower = AsciiLowercase(word);
      if (lower == "you" || lower == "your" || lower == "us") f.reader_address = true;
      if (!IsStopword(lower, "en")) {
        ++f.content_words;
        if (IsUiWord(lower)) {
          ++f.ui_words;
        } else if (IsGluedUiToken(lower)) {
          ++f.ui_words;
          ++f.glued;
        }
      }
    }
    word.clear();
    word_has_letter = false;
  };
  size_t i = 0;
  while (i < line.size()) {
    char32_t cp;
    size_t len = DecodeUtf8(line, i, &cp);
    if (cp < 0x80 && (IsAsciiAlpha(static_cast<char>(cp)) || IsAsciiDigit(static_cast<char>(cp)))) {
      word.push_back(static_cast<char>(cp));
      if (IsAsciiAlpha(static_cast<char>(cp))) word_has_letter = true;
      f.no_letters &= !IsAsciiAlpha(static_cast<char>(cp));
    } else if (IsLetter(cp)) {
      // Non-ASCII letter: part of a word; UI cues are English, so only count it.
      if (word.empty() && f.words == 0 && IsLowerCase(cp)) f.starts_lower = true;
      word.append(line.substr(i, len));
      word_has_letter = true;
      f.no_letters = false;
    } else if ((cp == '\'' || cp == 0x2019) && !word.empty()) {
      // apostrophe inside a word: keep going
    } else {
      flush();
    }
    i += len;
  }
  flush();
  // Ends like a sentence: . ! ? … before any closing quotes/brackets.
  std::string_view t = TrimAscii(line);
  size_t e = t.size();
  while (e > 0) {
    size_t b = e - 1;
    while (b > 0 && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) --b;
    char32_t cp;
    DecodeUtf8(t, b, &cp);
    if (IsClosingQuote(cp) || cp == '"' || cp == '\'' || cp == ')' || cp == ']') {
      e = b;
      continue;
    }
    f.terminal = cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
    break;
  }
  std::string lower = AsciiLowercase(t);
  f.only_url = t.find(' ') == std::string_view::npos &&
               (lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0 ||
                lower.rfind("www.", 0) == 0 || lower.find('@') != std::string::npos);
  return f;
}

}  // namespace

std::string_view LineKindName(LineKind kind) {
  switch (kind) {
    case LineKind::kBlank: return "blank";
    case LineKind::kBody: return "body";
    case LineKind::kHeading: return "heading";
    case LineKind::kTitle: return "title";
    case LineKind::kBoilerplate: return "boilerplate";
  }
  return "body";
}

uint64_t RecurrenceKey(std::string_view line) {
  std::string key;
  key.reserve(line.size());
  for (char c : line) {
    if (IsAsciiAlpha(c)) {
      key.push_back(AsciiToLower(c));
    } else if (IsAsciiDigit(c)) {
      if (key.empty() || key.back() != '0') key.push_back('0');
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      key.push_back(c);
    }
  }
  return Hash64(key);
}

void LineStats::AddArticle(std::string_view text, const BoilerplateOptions& options) {
  std::unordered_set<uint64_t> seen;
  for (std::string_view line : SplitLines(text)) {
    std::string_view t = TrimAscii(line);
    if (t.empty() || t.size() > 200) continue;
    // Word count bound without full analysis: count spaces.
    int spaces = 0;
    for (char c : t) spaces += c == ' ';
    if (spaces + 1 > options.max_words) continue;
    seen.insert(RecurrenceKey(t));
  }
  std::lock_guard<std::mutex> lock(mu_);
  ++articles_;
  for (uint64_t k : seen) ++counts_[k];
}

uint32_t LineStats::Recurrence(std::string_view line) const {
  uint64_t k = RecurrenceKey(TrimAscii(line));
  std::lock_guard<std::mutex> lock(mu_);
  auto it = counts_.find(k);
  return it == counts_.end() ? 0 : it->second;
}

uint32_t LineStats::articles() const {
  std::lock_guard<std::mutex> lock(mu_);
  return articles_;
}

std::vector<std::pair<uint64_t, uint32_t>> LineStats::Counts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return {counts_.begin(), counts_.end()};
}

void LineStats::AddCounts(const std::vector<std::pair<uint64_t, uint32_t>>& counts, uint32_t articles) {
  std::lock_guard<std::mutex> lock(mu_);
  articles_ += articles;
  for (const auto& [key, n] : counts) counts_[key] += n;
}

std::vector<LineVerdict> ClassifyLines(const std::vector<std::string_view>& lines,
                                       const LineStats* stats, const BoilerplateOptions& options) {
  std::vector<LineVerdict> out(lines.size());
  std::vector<size_t> nonblank;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (TrimAscii(lines[i]).empty()) {
      out[i].kind = LineKind::kBlank;
    } else {
      nonblank.push_back(i);
    }
  }
  bool seen_body = false;
  for (size_t rank = 0; rank < nonblank.size(); ++rank) {
    size_t i = nonblank[rank];
    std::string_view line = TrimAscii(lines[i]);
    LineFeatures f = Analyze(line);
    LineVerdict& v = out[i];
    std::string reasons;
    auto cue = [&](int points, const std::string& why) {
      v.score += points;
      if (!reasons.empty()) reasons += "; ";
      reasons += why;
    };
    bool short_line = f.words <= options.max_words;
    if (f.only_url) cue(2, "bare link");
    // "Read more: ...", "Related: ...", "WATCH: ...": a link lead-in of UI words.
    size_t colon = line.find(':');
    if (colon != std::string_view::npos && colon > 0 && colon <= 24) {
      LineFeatures lead = Analyze(line.substr(0, colon));
      if (lead.words >= 1 && lead.words <= 3 && lead.content_words > 0 && lead.ui_words == lead.content_words) {
        cue(2, "link lead-in");
      }
    }
    if (f.no_letters && f.words <= 3) cue(2, "no words");
    if (short_line && f.content_words > 0 && f.ui_words * 10 >= f.content_words * 6) {
      // A full sentence made of such words is weaker evidence than a label.
      cue(f.terminal && f.words >= 5 ? 1 : 2, "web UI words");
    }
    if (f.glued > 0 && short_line) cue(1, "words run together");
    if (stats && short_line) {
      uint32_t rec = stats->Recurrence(line);
      if (rec >= 2 && !f.terminal) {
        cue(2, "recurs in " + std::to_string(rec) + " articles");
      } else if (rec >= 2 && f.words <= 6) {
        cue(1, "recurs in " + std::to_string(rec) + " articles");
      }
    }
    // Speaking to the reader ("Tell us what you think") outside a quotation.
    bool quoted = false;
    for (size_t k = 0; k < line.size();) {
      char32_t cp;
      k += DecodeUtf8(line, k, &cp);
      if (IsQuoteMark(cp) && cp != '\'' && cp != 0x2019) quoted = true;
    }
    bool address = f.reader_address && !quoted && f.words <= 8;
    bool edge = rank < 2 || rank + 2 >= nonblank.size();
    if (edge && nonblank.size() > 3 && (f.words <= 4 || address)) cue(1, "short line at the edge");
    if (!seen_body && f.words <= 3 && !f.terminal && f.starts_lower) cue(1, "lower-case label");
    if (address) cue(1, "addresses the reader");

    if (v.score >= options.threshold) {
      v.kind = LineKind::kBoilerplate;
      v.reason = std::move(reasons);
      continue;
    }
    v.score = 0;
    if (!f.terminal && f.words <= 15) {
      v.kind = LineKind::kHeading;
    } else {
      v.kind = LineKind::kBody;
      seen_body = true;
    }
  }
  return out;
}

}  // namespace rashomon
