// Feed dates (RFC 822 and ISO 8601) and the ingest reader for feed files.
// See feed.h.
#include <array>
#include <string>

#include "base/strings.h"
#include "base/time.h"
#include "ingest/feed.h"

namespace rashomon {
namespace {

// Minutes east of UTC for a zone as RFC 822 names it; nullopt if unknown.
std::optional<int> ZoneOffset(std::string_view z) {
  if (z.empty()) return 0;
  if ((z[0] == '+' || z[0] == '-') && z.size() >= 3) {
    std::string digits;
    for (char c : z.substr(1)) {
      if (IsAsciiDigit(c)) digits += c;
    }
    if (digits.size() != 4 && digits.size() != 2) return std::nullopt;
    int hh = std::stoi(digits.substr(0, 2));
    int mm = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
    if (hh > 23 || mm > 59) return std::nullopt;
    return (z[0] == '-' ? -1 : 1) * (hh * 60 + mm);
  }
  static constexpr std::array<std::pair<std::string_view, int>, 13> kZones = {{
      {"gmt", 0}, {"ut", 0}, {"utc", 0}, {"z", 0}, {"est", -5 * 60}, {"edt", -4 * 60}, {"cst", -6 * 60},
      {"cdt", -5 * 60}, {"mst", -7 * 60}, {"mdt", -6 * 60}, {"pst", -8 * 60}, {"pdt", -7 * 60}, {"bst", 60},
  }};
  std::string lower = AsciiLowercase(z);
  for (const auto& [name, minutes] : kZones) {
    if (lower == name) return minutes;
  }
  return std::nullopt;
}

int MonthOf(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  std::string lower = AsciiLowercase(word.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

}  // namespace

std::optional<int64_t> ParseFeedDate(std::string_view s) {
  s = TrimAscii(s);
  if (s.empty() || s.size() > 64) return std::nullopt;
  if (IsAsciiDigit(s[0]) && s.size() >= 10 && s[4] == '-') return ParseTimestamp(s);
  // RFC 822: [Day,] DD Mon YYYY HH:MM[:SS] [zone]
  std::vector<std::string> words;
  std::string cur;
  for (char c : s) {
    if (IsAsciiSpace(c) || c == ',') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  size_t i = 0;
  if (i < words.size() && !AllDigits(words[i])) ++i;  // the weekday
  if (words.size() < i + 4) return std::nullopt;
  if (!AllDigits(words[i]) || words[i].size() > 2) return std::nullopt;
  const int day = std::stoi(words[i]);
  const int month = MonthOf(words[i + 1]);
  if (!AllDigits(words[i + 2]) || words[i + 2].size() > 4) return std::nullopt;
  int year = std::stoi(words[i + 2]);
  if (words[i + 2].size() == 2) year += year < 50 ? 2000 : 1900;
  std::vector<std::string_view> hms = Split(words[i + 3], ':');
  if (month == 0 || day < 1 || day > 31 || hms.size() < 2 || hms.size() > 3) return std::nullopt;
  int parts[3] = {0, 0, 0};
  for (size_t k = 0; k < hms.size(); ++k) {
    if (!AllDigits(hms[k]) || hms[k].size() > 2) return std::nullopt;
    parts[k] = std::stoi(std::string(hms[k]));
  }
  if (parts[0] > 23 || parts[1] > 59 || parts[2] > 60) return std::nullopt;
  std::optional<int> zone = ZoneOffset(words.size() > i + 4 ? std::string_view(words[i + 4]) : std::string_view());
  if (!zone) return std::nullopt;
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const int64_t seconds = int64_t{parts[0]} * 3600 + int64_t{parts[1]} * 60 + parts[2];
  return days * 86400 + seconds - static_cast<int64_t>(*zone) * 60;
}

void ReadFeedFile(std::string_view path, std::string_view bytes, const IngestOptions& options, Diagnostics& diag,
                  const ArticleSink& sink, IngestStats* stats) {
  const std::string file(path);
  auto feed = ParseFeed(bytes, {});
  if (!feed.ok()) {
    diag.Error(file, feed.status().message());
    ++stats->failed_inputs;
    return;
  }
  if (feed->reencoded) {
    diag.Warning(file, "not valid in its declared encoding; read as Windows-1252");
  }
  if (feed->kind == FeedKind::kOpml) {
    diag.Warning(file, "an OPML subscription list of " + std::to_string(feed->subscriptions.size()) +
                           " feeds, no articles; rashomon watch fetches them");
    return;
  }
  if (feed->duplicate_guids > 0) {
    diag.Warning(file, std::to_string(feed->duplicate_guids) + " items repeat the guid of an earlier item; skipped");
  }
  if (feed->items_cut > 0) {
    diag.Warning(file, std::to_string(feed->items_cut) + " items past the first " +
                           std::to_string(feed->items.size()) + " not read");
  }
  const std::string feed_id = IdFromPath(path);
  size_t empty = 0;
  for (const FeedItem& item : feed->items) {
    Article a = ArticleFromFeedItem(*feed, item, feed_id, path, options, diag);
    if (TrimAscii(a.text).empty()) {
      ++empty;
      continue;
    }
    ++stats->articles;
    sink(std::move(a));
  }
  if (empty > 0) {
    diag.Warning(file, std::to_string(empty) + (empty == 1 ? " item has" : " items have") +
                           " no summary or content; skipped");
  }
  if (feed->items.empty()) diag.Warning(file, "a feed with no items");
}

}  // namespace rashomon
