// HTML pages and WARC archives. Main-text extraction is not part of this
// build yet: such inputs are reported as unsupported, one line per file.
#include "base/stream.h"
#include "ingest/ingest.h"

namespace rashomon {

void ReadHtmlArticle(std::string_view path, std::string_view bytes, const IngestOptions& options,
                     Diagnostics& diag, const ArticleSink& sink, IngestStats* stats) {
  diag.Error(std::string(path), "HTML input is not supported by this build");
  ++stats->failed_inputs;
}

void ReadWarc(std::string_view path, InputStream& in, const IngestOptions& options,
              Diagnostics& diag, const ArticleSink& sink, IngestStats* stats) {
  diag.Error(std::string(path), "WARC input is not supported by this build");
  ++stats->failed_inputs;
}

}  // namespace rashomon
