// Conflicts: the same slot filled differently by different articles.
//
//   role   - one person given incompatible offices ("Transport Minister" vs
//            "Interior Minister", "senior adviser" vs "Chief of Staff");
//            ranks and compatible descriptions ("son-in-law" and "senior
//            adviser", "Foreign Minister" and "Iranian Foreign Minister")
//            are not conflicts;
//   name   - one entity spelled differently (variants that are not just
//            short and full forms);
//   quote  - one quote worded differently ("peace through force" vs
//            "peace through strength"), beyond case and punctuation;
// Input is the story's report sections; output goes to Story::conflicts.
// Number conflicts need the sentences they are stated in: see
// number_conflicts.h.
#pragma once

#include <vector>

#include "report/model.h"

namespace rashomon {

std::vector<report::Conflict> FindConflicts(const report::Story& story);

// True if two role descriptions cannot both be right.
bool RolesConflict(const std::string& a, const std::string& b);

}  // namespace rashomon
