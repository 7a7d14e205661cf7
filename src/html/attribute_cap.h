// Internal to html/: keeps libxml2's HTML parser linear in the number of
// attributes. It checks each new attribute of a start tag against every
// earlier one (a duplicate check), so one element with k attributes costs
// k^2: 100,000 attributes take seconds, a million minutes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rashomon::internal {

struct AttributeCapStats {
  size_t tags_cut = 0;  // start tags whose attributes past the cap were cut off
  uint64_t work = 0;    // bytes stepped over by the scan (its cost, for tests)
  bool gave_up = false;  // the scan passed its work budget (see below)
};

// Reads every "<" followed by a letter as libxml2 2.9's HTML parser would
// read a start tag there (name, then attributes: quoted or unquoted values,
// bogus attributes skipped to the next blank) and, where one would have
// more than max_attributes named attributes, ends the tag before the next
// one by inserting ">" (the rest becomes text). Every "<letter" is read,
// inside comments and scripts too, so no tag the parser sees is missed;
// an insertion only ever ends a tag sooner. Returns true and fills *out
// when it changed something. The scan costs a few passes over the page;
// past 64 steps per byte it stops with gave_up set (no real page comes near).
bool LimitAttributes(std::string_view html, size_t max_attributes, std::string* out, AttributeCapStats* stats);

}  // namespace rashomon::internal
