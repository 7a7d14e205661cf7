// HTML pages, through the main-text extractor in html/extract.h.
#include "base/stream.h"
#include "html/extract.h"
#include "ingest/ingest.h"

namespace rashomon {

void ReadHtmlArticle(std::string_view path, std::string_view bytes, const IngestOptions& options,
                     Diagnostics& diag, const ArticleSink& sink, IngestStats* stats) {
  HtmlOptions html_options;
  auto page = ExtractHtml(bytes, {}, html_options);
  if (!page.ok()) {
    diag.Error(std::string(path), page.status().message());
    ++stats->failed_inputs;
    return;
  }
  if (page->truncated) {
    diag.Warning(std::string(path), "page longer than " + std::to_string(html_options.max_html_bytes >> 20) +
                                        " MiB; only its start was read");
  }
  if (page->tags_cut > 0) {
    diag.Warning(std::string(path), std::to_string(page->tags_cut) + (page->tags_cut == 1 ? " element" : " elements") +
                                        " with more than " + std::to_string(html_options.max_attributes) +
                                        " attributes; the attributes past that were read as text");
  }
  Article a;
  a.id = IdFromPath(path);
  a.source = std::move(page->site_name);
  a.url = std::move(page->canonical_url);
  a.published = page->published;
  a.title = std::move(page->title);
  a.byline = std::move(page->byline);
  a.lang = std::move(page->lang);
  a.text = SanitizeText(page->text, path, 0, options, diag);
  a.origin = std::string(path);
  ++stats->articles;
  sink(std::move(a));
}

}  // namespace rashomon
