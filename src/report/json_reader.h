// Reading back what report/json_writer.cc writes: one story as the JSON
// object WriteStoryJson produces (the object inside a report's "stories").
// The store caches analysed stories in this form, so the report has one
// serializer; a field added to the writer is added here too, and the
// round-trip test (json_reader_test.cc) fails until it is.
// Stateless; safe to call from several threads.
#pragma once

#include <string_view>

#include "base/status.h"
#include "report/model.h"

namespace rashomon::report {

// The story `json` holds; Corruption when it is not a story object as
// WriteStoryJson writes it (a field missing or of the wrong type).
Result<Story> ReadStoryJson(std::string_view json);

}  // namespace rashomon::report
