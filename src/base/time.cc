#include "base/time.h"

#include <cstdio>

#include "base/strings.h"

namespace rashomon {
namespace {

// Reads exactly `n` digits at s[*i]; advances *i.
bool ReadDigits(std::string_view s, size_t* i, int n, int* out) {
  if (*i + n > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (!IsAsciiDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yy + (*m <= 2);
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<int64_t> ParseTimestamp(std::string_view s) {
  s = TrimAscii(s);
  if (s.empty()) return std::nullopt;
  // Plain epoch number.
  bool all_digits = true;
  for (char c : s) all_digits &= IsAsciiDigit(c);
  if (all_digits) {
    if (s.size() > 15 || s.size() < 9) return std::nullopt;
    int64_t v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    if (s.size() >= 13) v /= 1000;  // milliseconds
    return v;
  }
  size_t i = 0;
  int year = 0, month = 0, day = 0;
  if (!ReadDigits(s, &i, 4, &year)) return std::nullopt;
  if (i >= s.size() || s[i] != '-') return std::nullopt;
  ++i;
  if (!ReadDigits(s, &i, 2, &month)) return std::nullopt;
  if (i >= s.size() || s[i] != '-') return std::nullopt;
  ++i;
  if (!ReadDigits(s, &i, 2, &day)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  int64_t seconds = DaysFromCivil(year, month, day) * 86400;
  if (i == s.size()) return seconds;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  ++i;
  int hh, mm, ss = 0;
  if (!ReadDigits(s, &i, 2, &hh)) return std::nullopt;
  if (i >= s.size() || s[i] != ':') return std::nullopt;
  ++i;
  if (!ReadDigits(s, &i, 2, &mm)) return std::nullopt;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!ReadDigits(s, &i, 2, &ss)) return std::nullopt;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      while (i < s.size() && IsAsciiDigit(s[i])) ++i;
    }
  }
  if (hh > 24 || mm > 59 || ss > 60) return std::nullopt;
  seconds += hh * 3600 + mm * 60 + ss;
  if (i == s.size()) return seconds;
  if (s[i] == 'Z' || s[i] == 'z') return i + 1 == s.size() ? std::optional(seconds) : std::nullopt;
  if (s[i] == '+' || s[i] == '-') {
    int sign = s[i] == '+' ? 1 : -1;
    ++i;
    int oh, om = 0;
    if (!ReadDigits(s, &i, 2, &oh)) return std::nullopt;
    if (i < s.size() && s[i] == ':') ++i;
    if (i < s.size() && !ReadDigits(s, &i, 2, &om)) return std::nullopt;
    if (i != s.size()) return std::nullopt;
    return seconds - sign * (static_cast<int64_t>(oh) * 3600 + static_cast<int64_t>(om) * 60);
  }
  // " UTC", " GMT"
  std::string_view rest = TrimAscii(s.substr(i));
  if (EqualsIgnoreCase(rest, "UTC") || EqualsIgnoreCase(rest, "GMT")) return seconds;
  return std::nullopt;
}

std::string FormatIso8601(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  int64_t rem = t - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[96];
  (void)std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                m, d, static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                static_cast<long long>(rem % 60));
  return buf;
}

std::string FormatDate(int64_t t) { return FormatIso8601(t).substr(0, 10); }

}  // namespace rashomon
