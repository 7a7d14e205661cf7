// Self-contained HTML report. Every piece of article-derived text goes
// through HtmlEscape; URLs are only linked when they are http(s).
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "report/writer.h"

namespace rashomon::report {
namespace {

std::string E(std::string_view s) { return HtmlEscape(s); }

bool SafeUrl(std::string_view url) {
  std::string lower = AsciiLowercase(url.substr(0, 8));
  return lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0;
}

std::string Source(const ArticleRef& a) { return a.source.empty() ? a.id : a.source; }

constexpr char kStyle[] = R"(
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f6f5f2;color:#1d1d1f}
main{max-width:980px;margin:0 auto;padding:24px 16px}
h1{font-size:1.4rem;margin:0 0 16px}
section.story{background:#fff;border-radius:10px;padding:20px 24px;margin:0 0 24px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
section.story h2{font-size:1.3rem;margin:0 0 4px;overflow-wrap:anywhere}
.meta{color:#666;font-size:.9rem;margin-bottom:12px}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eee;vertical-align:top;overflow-wrap:anywhere}
ul{padding-left:20px}
.inferred{color:#888;font-style:italic}
.topics{background:#fff;border-radius:10px;padding:14px 24px;margin:0 0 24px}
.topics h2{font-size:1.1rem;margin:0 0 6px}
.topics li,.topic{overflow-wrap:anywhere}
.topic{color:#444;font-size:.92rem;margin:0 0 10px}
)";

// Story id -> its number in the report (from 1) and headline.
struct StoryRef {
  size_t number;
  const Story* story;
};

// Links to `ids` as "<a href="#id">n. headline</a>", skipping `except`.
std::string StoryLinks(const std::vector<std::string>& ids, const std::map<std::string, StoryRef>& refs,
                       const std::string& except) {
  std::string out;
  for (const std::string& id : ids) {
    auto it = refs.find(id);
    if (id == except || it == refs.end()) continue;
    if (!out.empty()) out += "; ";
    out += "<a href=\"#" + E(id) + "\">" + std::to_string(it->second.number) + ". " + E(it->second.story->headline) +
           "</a>";
  }
  return out;
}

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string WriteHtml(const Report& report) {
  std::string out =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<title>rashomon report</title><style>";
  out += kStyle;
  out += "</style></head><body><main><h1>rashomon report</h1>\n";
  // Topics of several stories: an overview, and on each story a line
  // linking to the others of its kind.
  std::map<std::string, StoryRef> refs;
  for (size_t i = 0; i < report.stories.size(); ++i) refs.emplace(report.stories[i].id, StoryRef{i + 1, &report.stories[i]});
  std::map<std::string, const Topic*> topic_of;
  std::string overview;
  for (const Topic& t : report.topics) {
    size_t present = 0;
    for (const std::string& id : t.story_ids) present += refs.count(id);
    if (present < 2) continue;
    for (const std::string& id : t.story_ids) topic_of.emplace(id, &t);
    overview += "<li id=\"" + E(t.id) + "\"><strong>" + E(t.label) + "</strong>: " + StoryLinks(t.story_ids, refs, "") +
                "</li>";
  }
  if (!overview.empty()) {
    out += "<section class=\"topics\"><h2>Same kind of event</h2><ul>" + overview + "</ul></section>\n";
  }
  for (const Story& s : report.stories) {
    std::set<std::string> outlets;
    for (const auto& a : s.articles) outlets.insert(Source(a));
    out += "<section class=\"story\" id=\"" + E(s.id) + "\"><h2>" + E(s.headline) + "</h2>";
    out += "<div class=\"meta\">" + E(s.id) + " · " + std::to_string(s.articles.size()) + " articles · " +
           std::to_string(outlets.size()) + " sources</div>";
    auto topic = topic_of.find(s.id);
    if (topic != topic_of.end()) {
      out += "<p class=\"topic\">Same kind of event (<a href=\"#" + E(topic->second->id) + "\">" +
             E(topic->second->label) + "</a>): " + StoryLinks(topic->second->story_ids, refs, s.id) + "</p>";
    }
    if (!s.summary.empty()) {
      out += "<ul class=\"summary\">";
      for (const auto& sentence : s.summary) out += "<li>" + E(sentence) + "</li>";
      out += "</ul>";
    }
    out += "<table><thead><tr><th>Source</th><th>Published</th><th>Title</th><th>Words</th></tr></thead><tbody>";
    for (const ArticleRef& a : s.articles) {
      std::string title = E(a.title);
      if (SafeUrl(a.url)) title = "<a href=\"" + E(a.url) + "\" rel=\"noopener noreferrer\">" + title + "</a>";
      if (a.title_inferred) title = "<span class=\"inferred\">" + title + "</span>";
      // A title in another language carries it (and its own direction:
      // right-to-left titles inside a left-to-right page).
      const std::string title_cell =
          !MarksLanguage(a)        ? std::string("<td>")
          : a.language == "unknown" ? std::string("<td dir=\"auto\">")
                                    : "<td lang=\"" + E(a.language) + "\" dir=\"auto\">";
      out += "<tr><td>" + E(Source(a)) + "</td><td>" + (a.published ? FormatDate(*a.published) : "") +
             "</td>" + title_cell + title + "</td><td>" + std::to_string(a.words) + "</td></tr>";
    }
    out += "</tbody></table></section>\n";
  }
  out += "</main></body></html>\n";
  return out;
}

}  // namespace rashomon::report
