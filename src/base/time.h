// Publication times: parsing ISO 8601 and friends into UTC seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rashomon {

// Parses "2026-02-07", "2026-02-07T10:15:00Z", "2026-02-07 10:15:00+03:30",
// "2026-02-07T10:15:00.123-05:00", and plain Unix epoch seconds or
// milliseconds ("1394470370698"). Times without a zone are taken as UTC.
// Returns seconds since 1970-01-01T00:00:00Z, or nullopt if not a time.
std::optional<int64_t> ParseTimestamp(std::string_view s);

// "2026-02-07T10:15:00Z"
std::string FormatIso8601(int64_t epoch_seconds);
// "2026-02-07"
std::string FormatDate(int64_t epoch_seconds);

// Days since 1970-01-01 for a proleptic Gregorian date (no range checks).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

}  // namespace rashomon
