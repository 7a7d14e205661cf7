// The bundled sample corpus (corpus/sample), compiled into the binary so
// `rashomon analyze` with no path works from any directory.
#pragma once

#include <string_view>
#include <vector>

namespace rashomon {

struct EmbeddedFile {
  const char* path;       // relative to corpus/sample, e.g. "text/gulf-courier.txt"
  std::string_view data;  // file contents
};

const std::vector<EmbeddedFile>& SampleCorpus();

}  // namespace rashomon
