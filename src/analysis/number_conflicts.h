// The numbers of a story: each quantity once over all articles (the same
// value and unit in other words is one number), and number conflicts within
// aligned statements.
//
// A number conflict is the same slot (same unit and, where known, the same
// normalised "what") with incompatible values (numbers.h ValuesCompatible)
// in two sentences of different articles that state the same claim: the
// sentences are compared by align.h similarity with every number expression
// masked out, so "killing 14 people" and "killing 12 people" align while
// unrelated sentences that merely share a unit do not. Values both sides give
// are paired off first, so a sentence with several numbers only conflicts
// on the ones that differ. Where the articles carry publication times and a
// count of people (deaths, injured, arrests, evacuated, displaced) only rises
// over time, the conflict is an update (Conflict::update, claims in time
// order with their times) instead of a contradiction.
//
// Cost: each sentence with a number is compared with at most a fixed number
// of candidates that share content stems, so the work is linear in the
// number of such sentences. Pure and thread-safe.
#pragma once

#include <vector>

#include "analysis/translation.h"
#include "report/model.h"
#include "text/document.h"

namespace rashomon {

struct StoryNumbers {
  std::vector<report::Number> numbers;      // most widely reported first
  std::vector<report::Conflict> conflicts;  // kind "number"
};

// `docs` are the story's articles (any order; claims of an update are put
// in time order by their articles' publication times). With `translations`
// (pairs of indices into docs, analysis/translation.h), a statement of a
// translation and the statement of its source it translates
// (AlignTranslatedStatements) give their numbers in the same order: where
// they give as many and all agree but one, that one is a figure the
// translation changed, a conflict like any other (unless the two are in
// different units of measure, time or money: "10 miles", "16 km").
StoryNumbers AnalyzeNumbers(const std::vector<const Document*>& docs,
                            const std::vector<TranslationPair>& translations = {});

}  // namespace rashomon
