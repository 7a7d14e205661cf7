// Numbers: quantities of any kind with their unit and what they count,
// normalised so that "€14bn", "14 billion euros" and "EUR 14 billion"
// compare equal, and "3,117 deaths" and "3,117 people were killed" count
// the same thing.
//
// Handles digits with separators and decimals (3,117; 14.5; 3.67%), number
// words ("fourteen", "two dozen"), scale words (thousand, million, billion,
// trillion; k, m, bn, tn), currency signs and codes, per cent, counts of any
// noun, hyphenated measures ("12-day war"), ranges ("between 10 and 12",
// "10 to 12"), approximations ("more than", "about", "at least", "up to")
// and parts of a total ("including 3 children"). What a number counts is
// normalised with small general-English lists (died/killed/dead/deaths ->
// "deaths"; layoffs/job cuts -> "jobs"). Years standing alone, clock times
// and bare numbers are not reported. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/document.h"

namespace rashomon {

struct ExtractedNumber {
  uint32_t sentence = 0;
  uint32_t begin = 0, end = 0;  // span of the expression in Document::text
  double value = 0;             // scaled: "$18bn" -> 18e9; the low end of a range
  double high = 0;              // the high end of a range; == value otherwise
  std::string unit;             // "USD", "EUR", "%", "people", "day", "" when bare
  std::string what;             // the word(s) it counts as written: "killed", "imports"
  std::string counts;           // what, normalised: "deaths", "jobs", "imports"
  std::string approx;    // "", "about", "more than", "at least", "up to", "less than", "nearly"
  double precision = 1;  // of the written value: 1000 for "3,000", 1e8 for "14.5bn"
  bool part = false;     // a part of a total the sentence gives ("including 3 children")
  std::string text;      // as written ("$18 billion")
};

std::vector<ExtractedNumber> ExtractNumbers(const Document& doc);

// What a word or phrase counts, normalised: "killed", "death toll", "dead",
// "fatalities" -> "deaths"; "wounded" -> "injured"; "layoffs", "job cuts"
// -> "jobs"; other words are returned folded and singular ("imports" ->
// "import"). Empty for empty input.
std::string NormalizeWhat(const std::string& what);

// True if both can be right about one quantity: equal, one a rounding of
// the other ("about 3,000" / "3,000" vs "3,117"), or within a bound or a
// range ("more than 50,000" vs "50,000"). Units and what are not compared.
bool ValuesCompatible(const ExtractedNumber& a, const ExtractedNumber& b);
// The lowest and highest true value the written number allows (infinite for
// open bounds): ValuesCompatible(a, b) is LowerEnd(a) <= UpperEnd(b) and
// LowerEnd(b) <= UpperEnd(a).
double LowerEnd(const ExtractedNumber& n);
double UpperEnd(const ExtractedNumber& n);

// Canonical display of a value with its unit: "18 billion USD", "3.67 %", "14 people".
std::string FormatQuantity(double value, const std::string& unit);

}  // namespace rashomon
