// Names across ingests for articles in Arabic or Hebrew script: each batch
// records the consonant skeletons of its names in a cased script
// (TermBag::name_bridges, sketch/term_vector.h) in the name_skeletons table
// (schema 7), and the batch's Arabic and Hebrew words take the names their
// skeletons spell among all stored names, those of earlier batches
// included, as BridgeCaselessNames does over one corpus. Internal to the
// store.
#pragma once

#include <vector>

#include "base/status.h"
#include "sketch/term_vector.h"
#include "store/sqlite.h"

namespace rashomon::store {

// Records the bags' name skeletons with the articles writing each name,
// then spells the caseless words of the bags (a skeleton several names
// share spells the dominant one, DominantName) and clears every bag's
// bridges.
Status SpellWithStoredNames(const Connection& c, std::vector<TermBag>* bags);

}  // namespace rashomon::store
