// Scores the claim-level analysis against planted differences
// (claims_gen.h): per-kind conflict recall, false conflicts in control
// stories, and the share of sentence versions matched to their counterparts
// in other articles by the story's fact units.
//
// A planted difference is found when the story has a conflict of the
// matching kind with one claim that names the changed article and another
// claim that names an article stating the original, and the changed
// article's claim does not also name every article stating the original.
// Any conflict in a control story is false (its articles differ only in
// wording). A sentence version is matched when a fact unit names its article
// and another article that states the same source sentence, and the fact's
// text is one of that sentence's versions (or a clause of one).
//
// Thread-compatible; pure functions of their inputs.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "analysis/story.h"
#include "eval/claims_gen.h"
#include "report/model.h"
#include "text/document.h"

namespace rashomon {

struct ClaimKindScore {
  size_t planted = 0;
  size_t found = 0;
  size_t found_with_value = 0;  // the changed claim's value carries the planted wording
};

struct ClaimScores {
  std::array<ClaimKindScore, kClaimKinds> kinds{};
  size_t controls = 0;
  size_t control_conflicts = 0;  // conflicts reported in control stories
  size_t changed_stories = 0;
  size_t extra_conflicts = 0;  // conflicts in changed stories beyond the planted one
  size_t versions = 0;         // sentence versions stated by at least two articles
  size_t versions_matched = 0;
  // Versions the story lists as what their article adds (a fact that is
  // one of the sentence's versions, under the article's unique facts).
  size_t versions_added = 0;
  // Misses for people to read: "kind: story changed-article original -> changed".
  std::vector<std::string> misses;
};

// Each case's articles cleaned and analysed as one story (the gold
// grouping, so clustering does not enter the claim figures), on up to
// `threads` threads (0: the default). Element i belongs to cases[i].
std::vector<report::Story> AnalyzeClaimCases(const std::vector<ClaimCase>& cases, const AnalysisOptions& options,
                                             const TextOptions& text, int threads = 0);

// `stories[i]` is the analysis of `cases[i]`'s articles as one story.
// REQUIRES: stories.size() == cases.size().
ClaimScores ScoreClaims(const std::vector<ClaimCase>& cases, const std::vector<report::Story>& stories);

// Whether `story` reports `diff` as the issue defines it (see above);
// `with_value` is set when the changed claim also carries the changed wording.
bool DifferenceFound(const report::Story& story, const PlantedDifference& diff, bool* with_value);

}  // namespace rashomon
