// The store's cache format for one analysed story: every field of
// report::Story (including those the public JSON report leaves out), as a
// JSON object. Internal to the store; a cache entry that fails to parse is
// recomputed, so the format may change with kSchemaVersion.
#pragma once

#include <string>

#include "base/status.h"
#include "report/model.h"

namespace rashomon::store {

std::string StoryToJson(const report::Story& story);
Result<report::Story> StoryFromJson(const std::string& json);

}  // namespace rashomon::store
