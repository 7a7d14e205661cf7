// Event anchors: who, where, when and what of the event an article reports,
// read from its title, dateline and lede.
//
// Two reports of one event name the same people, the same place and the
// same day; two events of the same kind (two shootings, two earthquakes)
// share their vocabulary but differ in these. The anchors are small sets of
// hashed keys and one resolved day, cheap to compare and to store:
// - who: the words of capitalised names in the lede that are not places;
// - where: the words of places (a capitalised name after "in", "at",
//   "near"..., or the dateline), and the most specific one (the dateline's
//   first part, else the first place named);
// - when: the event's day, from an explicit date ("March 3, 2014",
//   "3 March") or a relative one ("yesterday", "on Tuesday", "last week")
//   resolved against the publication time, else the publication day itself
//   (or a date in the URL); publication times before 1990 count as unknown;
// - what: the title's content stems and the counts in title and lede.
// No list of names or places: capitalisation, prepositions and the calendar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rashomon {

struct Document;

struct EventAnchors {
  static constexpr int32_t kNoDay = INT32_MIN;
  std::vector<uint64_t> who;      // sorted, unique
  std::vector<uint64_t> where;    // sorted, unique
  uint64_t place = 0;             // the most specific place; 0 = none
  int32_t day = kNoDay;           // days since 1970-01-01 (UTC)
  bool day_from_text = false;     // the day was read in the text, not the publication time
  bool day_explicit = false;      // ... as a full date with its year (needs no publication time)
  std::vector<uint64_t> what;     // sorted, unique
  std::vector<uint64_t> numbers;  // sorted, unique

  bool has_day() const { return day != kNoDay; }
  bool operator==(const EventAnchors&) const = default;
};

EventAnchors ExtractAnchors(const Document& doc);

// Calendar helpers (proleptic Gregorian, UTC).
int32_t DaysFromCivil(int year, int month, int day);
// 0 = Sunday ... 6 = Saturday.
int WeekdayOfDay(int32_t day);
// The publication day, or nothing for a time before 1990 (an unset clock
// or a placeholder) or after 2200.
std::optional<int32_t> PublicationDay(std::optional<int64_t> published);

// A compact byte form for storage; UnpackAnchors returns false (and leaves
// empty anchors) on malformed input.
std::string PackAnchors(const EventAnchors& anchors);
bool UnpackAnchors(std::string_view bytes, EventAnchors* anchors);

}  // namespace rashomon
