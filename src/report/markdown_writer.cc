// Markdown report. Article text is untrusted: characters that Markdown or
// embedded HTML would interpret are escaped.
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "report/writer.h"

namespace rashomon::report {
namespace {

std::string Md(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '|': out += "\\|"; break;
      case '*': case '_': case '`': case '[': case ']': case '#': case '\\':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '\n': case '\r': out.push_back(' '); break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string Source(const ArticleRef& a) { return a.source.empty() ? a.id : a.source; }

std::string Label(const Story& s, const std::string& id) {
  for (const ArticleRef& a : s.articles) {
    if (a.id == id) return Source(a);
  }
  return id;
}

std::string Labels(const Story& s, const std::vector<std::string>& ids) {
  std::vector<std::string> parts;
  parts.reserve(ids.size());
  for (const auto& id : ids) parts.push_back(Md(Label(s, id)));
  return Join(parts, ", ");
}

}  // namespace

std::string WriteMarkdown(const Report& report, const TextStyle& style) {
  std::string out = "# rashomon report\n\n";
  // Topics holding several stories: one line each, by story number, as in
  // the terminal report.
  std::map<std::string, size_t> number;
  for (size_t i = 0; i < report.stories.size(); ++i) number.emplace(report.stories[i].id, i + 1);
  bool any_topic = false;
  for (const Topic& t : report.topics) {
    std::vector<std::string> numbers;
    for (const std::string& id : t.story_ids) {
      auto it = number.find(id);
      if (it != number.end()) numbers.push_back(std::to_string(it->second));
    }
    if (numbers.size() < 2) continue;
    out += "*Same kind of event: stories " + Join(numbers, ", ") + " (" + Md(t.label) + ")*\n";
    any_topic = true;
  }
  if (any_topic) out += "\n";
  size_t index = 0;
  for (const Story& s : report.stories) {
    out += "## " + std::to_string(++index) + ". " + Md(s.headline) + "\n\n";
    std::set<std::string> outlets;
    for (const auto& a : s.articles) outlets.insert(Source(a));
    out += "*" + s.id + " · " + std::to_string(s.articles.size()) + " articles · " +
           std::to_string(outlets.size()) + " sources*\n\n";
    if (!s.summary.empty()) {
      out += "**In brief**\n\n";
      for (const auto& sentence : s.summary) out += "- " + Md(sentence) + "\n";
      out += "\n";
    }
    out += "| Source | Published | Title | Words |\n|---|---|---|---:|\n";
    for (const ArticleRef& a : s.articles) {
      out += "| " + Md(Source(a)) + " | " + (a.published ? FormatDate(*a.published) : "") + " | " +
             (MarksLanguage(a) ? "[" + Md(a.language) + "] " : std::string()) +
             (a.versions > 1 ? "[" + std::to_string(a.versions) + " versions] " : std::string()) + Md(a.title) +
             (a.title_inferred ? " *(from lede)*" : "") + " | " + std::to_string(a.words) + " |\n";
    }
    out += "\n";
    if (!s.timeline.empty()) {
      out += "### Timeline\n\n";
      for (const TimelineEvent& e : s.timeline) {
        const char* what = e.kind == "first_report" ? "first report" : e.kind == "update" ? "updated" : "new article";
        out += "- " + FormatIso8601(e.time).substr(0, 16) + " " + what + ": " + Md(e.source.empty() ? e.article : e.source) +
               " - " + Md(e.title);
        if (!e.figures.empty()) {
          std::vector<std::string> figures;
          for (const std::string& f : e.figures) figures.push_back(Md(f));
          out += " (" + Join(figures, "; ") + ")";
        }
        out += "\n";
      }
      out += "\n";
    }
    bool any_shared = false;
    for (const Fact& f : s.facts) any_shared |= f.articles.size() > 1;
    if (any_shared) {
      out += "### Facts\n\n| Fact | Articles | Independent | Sources |\n|---|---:|---:|---|\n";
      for (const Fact& f : s.facts) {
        if (f.articles.size() < 2) continue;
        out += "| " + Md(f.text) + (f.partial ? " *(in part)*" : "") + (f.translated ? " *(in translation)*" : "") + " | " + std::to_string(f.articles.size()) + " | " +
               std::to_string(f.independent_sources) + " | " + Labels(s, f.articles) + " |\n";
      }
      out += "\n";
    }
    if (!s.conflicts.empty()) {
      out += "### Conflicts\n\n";
      for (const Conflict& c : s.conflicts) {
        out += "- **" + Md(c.update ? "update" : c.kind) + "** — " + Md(c.subject) + "\n";
        for (const Claim& cl : c.claims) out += "  - “" + Md(cl.value) + "” — " + Labels(s, cl.articles) + "\n";
      }
      out += "\n";
    }
    if (!s.entities.empty()) {
      out += "### Entities\n\n";
      for (const Entity& e : s.entities) {
        std::vector<std::string> forms;
        for (const Variant& v : e.variants) forms.push_back(Md(v.form));
        std::vector<std::string> roles;
        for (const Role& r : e.roles) roles.push_back(Md(r.role));
        out += "- **" + Md(e.name) + "** (" + e.type + ")";
        if (forms.size() > 1) out += " — variants: " + Join(forms, " / ");
        if (!roles.empty()) out += " — roles: " + Join(roles, "; ");
        out += "\n";
      }
      out += "\n";
    }
    if (!s.quotes.empty()) {
      out += "### Quotes\n\n";
      for (const Quote& q : s.quotes) {
        out += "- “" + Md(q.text) + "” — " + (q.speaker_name.empty() ? "unattributed" : Md(q.speaker_name)) + "\n";
        for (const QuoteVersion& v : q.versions) {
          out += "  - " + Md(Label(s, v.article)) + ": “" + Md(v.text) + "”" +
                 (v.translated_from.empty() ? "" : " (translated from " + Md(v.translated_from) + ")") + "\n";
        }
      }
      out += "\n";
    }
    if (!s.numbers.empty()) {
      out += "### Numbers\n\n";
      for (const Number& n : s.numbers) {
        out += "- " + Md(n.text) + (n.what.empty() ? "" : " (" + Md(n.what) + ")") + " — " + Labels(s, n.articles) + "\n";
      }
      out += "\n";
    }
    if (!s.provenance.empty()) {
      out += "### Who copied whom\n\n";
      for (const Provenance& p : s.provenance) {
        char score[16];
        (void)std::snprintf(score, sizeof score, "%.2f", p.score);  // always fits
        out += "- " + Md(Label(s, p.to)) + " derives from " + Md(Label(s, p.from)) + " (score " + score + ")";
        if (!p.evidence.empty()) out += ": " + Md(Join(p.evidence, "; "));
        out += "\n";
      }
      out += "\n";
    }
    if (!s.unique.empty()) {
      out += "### What each source adds\n\n";
      for (const Unique& u : s.unique) {
        out += "- " + Md(Label(s, u.article)) + ": " + std::to_string(u.facts.size()) + " facts no one else has\n";
        size_t found = 0;
        const size_t limit = style.all ? SIZE_MAX : 5;
        for (const std::string& id : u.facts) {
          for (const Fact& f : s.facts) {
            if (f.id != id) continue;
            if (found++ < limit) out += "  - " + Md(f.text) + "\n";
          }
        }
        if (found > limit) out += "  - *... and " + std::to_string(found - limit) + " more (--all shows them)*\n";
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace rashomon::report
