// Numbers: values with their unit and what they count, normalised so that
// "$18bn", "$18 billion" and "18 billion dollars" compare equal.
//
// Handles digits with separators and decimals (3,117; 14.5; 3.67%), scale
// words (thousand, million, billion, trillion; k, m, bn, tn), currency
// signs and codes, per cent, and hyphenated measures ("12-day war"). Years
// standing alone, clock times and list numbers are not reported. Pure and
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/document.h"

namespace rashomon {

struct ExtractedNumber {
  uint32_t sentence = 0;
  uint32_t begin = 0, end = 0;  // span of the expression in Document::text
  double value = 0;             // scaled: "$18bn" -> 18e9
  std::string unit;             // "USD", "EUR", "%", "people", "day", "" when bare
  std::string what;             // the word(s) it counts: "killed", "imports", "war"
  std::string text;             // as written ("$18 billion")
};

std::vector<ExtractedNumber> ExtractNumbers(const Document& doc);

// Canonical display of a value with its unit: "18 billion USD", "3.67 %", "14 people".
std::string FormatQuantity(double value, const std::string& unit);

}  // namespace rashomon
