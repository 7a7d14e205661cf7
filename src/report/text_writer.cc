// Terminal report: readable at 80-120 columns, colour only on a terminal.
#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"
#include "report/writer.h"

namespace rashomon::report {
namespace {

// Removes control characters (and so any escape sequence) from untrusted text.
std::string Clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    size_t len = DecodeUtf8(s, i, &cp);
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      if (cp == '\n' || cp == '\t') out.push_back(' ');
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

size_t Width(std::string_view s) { return CountCodePoints(s); }

// Cuts to `width` columns, ending with "…" when cut.
std::string Fit(std::string_view s, size_t width) {
  if (Width(s) <= width) return std::string(s);
  if (width == 0) return "";
  std::string out;
  size_t cols = 0, i = 0;
  while (i < s.size() && cols + 1 < width) {
    char32_t cp;
    size_t len = DecodeUtf8(s, i, &cp);
    out.append(s.substr(i, len));
    i += len;
    ++cols;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

std::string Pad(std::string_view s, size_t width) {
  std::string out = Fit(s, width);
  size_t w = Width(out);
  if (w < width) out.append(width - w, ' ');
  return out;
}

// Word-wraps `text` to `width` columns; continuation lines get `indent`.
std::string Wrap(std::string_view text, size_t width, std::string_view first, std::string_view indent) {
  std::string out(first);
  size_t col = Width(first);
  size_t start_col = col;
  for (std::string_view word : Split(text, ' ')) {
    if (word.empty()) continue;
    size_t w = Width(word);
    if (col > start_col && col + 1 + w > width) {
      out += "\n";
      out += indent;
      col = Width(indent);
      start_col = col;
    } else if (col > start_col) {
      out += ' ';
      ++col;
    }
    out += word;
    col += w;
  }
  return out + "\n";
}

struct Palette {
  bool on;
  std::string Bold(std::string_view s) const { return on ? "\033[1m" + std::string(s) + "\033[0m" : std::string(s); }
  std::string Dim(std::string_view s) const { return on ? "\033[2m" + std::string(s) + "\033[0m" : std::string(s); }
  std::string Accent(std::string_view s) const { return on ? "\033[36m" + std::string(s) + "\033[0m" : std::string(s); }
  std::string Warn(std::string_view s) const { return on ? "\033[33m" + std::string(s) + "\033[0m" : std::string(s); }
};

std::string DisplaySource(const ArticleRef& a) { return a.source.empty() ? a.id : Clean(a.source); }

std::string DateSpan(const Story& s) {
  std::optional<int64_t> lo, hi;
  for (const ArticleRef& a : s.articles) {
    if (!a.published) continue;
    lo = lo ? std::min(*lo, *a.published) : *a.published;
    hi = hi ? std::max(*hi, *a.published) : *a.published;
  }
  if (!lo) return "";
  std::string a = FormatDate(*lo), b = FormatDate(*hi);
  return a == b ? a : a + " – " + b;
}

std::string ArticleLabel(const Story& s, const std::string& id) {
  for (const ArticleRef& a : s.articles) {
    if (a.id == id) return DisplaySource(a);
  }
  return id;
}

std::string Labels(const Story& s, const std::vector<std::string>& ids) {
  std::vector<std::string> parts;
  parts.reserve(ids.size());
  for (const auto& id : ids) parts.push_back(ArticleLabel(s, id));
  return Join(parts, ", ");
}

void WriteStory(const Story& s, size_t index, const TextStyle& style, const Palette& p, std::string* out) {
  const size_t width = static_cast<size_t>(std::max(60, style.width));
  std::set<std::string> outlets;
  for (const ArticleRef& a : s.articles) outlets.insert(DisplaySource(a));
  std::string rule = "━━ " + std::to_string(index) + " ";
  *out += p.Accent(rule);
  *out += p.Bold(Clean(s.headline.empty() ? "(untitled story)" : s.headline)) + "\n";
  std::string meta = s.id + " · " + std::to_string(s.articles.size()) +
                     (s.articles.size() == 1 ? " article" : " articles") + " · " +
                     std::to_string(outlets.size()) + (outlets.size() == 1 ? " source" : " sources");
  std::string dates = DateSpan(s);
  if (!dates.empty()) meta += " · " + dates;
  *out += "   " + p.Dim(meta) + "\n\n";

  if (!s.summary.empty()) {
    *out += "   " + p.Bold("In brief") + "\n";
    for (const std::string& sentence : s.summary) *out += Wrap(Clean(sentence), width, "   • ", "     ");
    *out += "\n";
  }

  *out += "   " + p.Bold("Articles") + "\n";
  size_t src_w = 0;
  for (const ArticleRef& a : s.articles) src_w = std::max(src_w, Width(DisplaySource(a)));
  src_w = std::min<size_t>(std::max<size_t>(src_w, 6), 24);
  for (const ArticleRef& a : s.articles) {
    std::string line = "   " + Pad(DisplaySource(a), src_w) + "  ";
    line += a.published ? FormatDate(*a.published) : std::string("          ");
    line += "  ";
    std::string words = std::to_string(a.words) + " w";
    size_t used = Width(line) + Width(words) + 2;
    std::string title = Clean(a.title);
    if (a.title_inferred) title = "~ " + title;
    line += Pad(title, width > used ? width - used : 10);
    *out += line + "  " + p.Dim(words) + "\n";
  }
  bool any_inferred = std::any_of(s.articles.begin(), s.articles.end(), [](const ArticleRef& a) { return a.title_inferred; });
  if (any_inferred) *out += "   " + p.Dim("~ title written from the lede (the article had none)") + "\n";
  *out += "\n";

  bool any_shared = std::any_of(s.facts.begin(), s.facts.end(), [](const Fact& f) { return f.articles.size() > 1; });
  if (any_shared) {
    *out += "   " + p.Bold("Best-supported facts") + "  " + p.Dim("[independent sources / articles]") + "\n";
    size_t shown = 0;
    for (const Fact& f : s.facts) {
      if (f.articles.size() < 2) continue;
      if (shown++ >= 6) break;
      std::string tag = "[" + std::to_string(f.independent_sources) + "/" + std::to_string(f.articles.size()) + "] ";
      *out += Wrap(Clean(f.text) + "  " + p.Dim("— " + Labels(s, f.articles)), width, "   • " + tag, "     ");
      if (f.independent_sources < static_cast<int>(f.articles.size()) && !f.corroboration.empty()) {
        *out += Wrap(p.Dim(Clean(f.corroboration)), width, "     ", "     ");
      }
    }
    *out += "\n";
  }
  if (!s.conflicts.empty()) {
    *out += "   " + p.Bold(p.Warn("Conflicts")) + "\n";
    for (const Conflict& c : s.conflicts) {
      *out += Wrap(Clean(c.subject), width, "   ! " + c.kind + ": ", "     ");
      for (const Claim& cl : c.claims) {
        std::string value = c.kind == "quote" ? "“" + Clean(cl.value) + "”" : Clean(cl.value);
        *out += Wrap(value + "  " + p.Dim("— " + Labels(s, cl.articles)), width, "       · ", "         ");
      }
    }
    *out += "\n";
  }
  if (!s.entities.empty()) {
    *out += "   " + p.Bold("Who and what") + "\n";
    size_t shown = 0;
    for (const Entity& e : s.entities) {
      if (shown++ >= 12) break;
      std::string line = Clean(e.name) + " (" + e.type + ")";
      std::vector<std::string> forms;
      for (const Variant& v : e.variants) {
        if (v.form != e.name) forms.push_back(Clean(v.form));
      }
      if (!forms.empty()) line += " — also " + Join(forms, " / ");
      std::vector<std::string> roles;
      for (const Role& r : e.roles) {
        if (roles.size() < 3) roles.push_back(Clean(r.role));
      }
      if (!roles.empty()) line += " — " + Join(roles, "; ");
      *out += Wrap(line, width, "   • ", "     ");
    }
    *out += "\n";
  }
  if (!s.quotes.empty()) {
    *out += "   " + p.Bold("Quotes") + "\n";
    size_t shown = 0;
    for (const Quote& q : s.quotes) {
      if (shown++ >= 8) break;
      std::string who = q.speaker_name.empty() ? "unattributed" : Clean(q.speaker_name);
      *out += Wrap("“" + Clean(q.text) + "” — " + who + " (" + std::to_string(q.versions.size()) +
                       (q.versions.size() == 1 ? " version)" : " versions)"),
                   width, "   • ", "     ");
    }
    *out += "\n";
  }
  if (!s.numbers.empty()) {
    *out += "   " + p.Bold("Numbers") + "\n";
    size_t shown = 0;
    for (const Number& n : s.numbers) {
      if (shown++ >= 8) break;
      std::string line = Clean(n.text);
      if (!n.what.empty() && line.find(n.what) == std::string::npos) line += " (" + Clean(n.what) + ")";
      *out += Wrap(line + "  " + p.Dim("— " + Labels(s, n.articles)), width, "   • ", "     ");
    }
    *out += "\n";
  }
  if (!s.provenance.empty()) {
    *out += "   " + p.Bold("Who copied whom") + "\n";
    for (const Provenance& pv : s.provenance) {
      char score[16];
      (void)std::snprintf(score, sizeof score, "%.2f", pv.score);  // always fits
      *out += Wrap(ArticleLabel(s, pv.to) + " ← " + ArticleLabel(s, pv.from) + "  " + p.Dim(std::string("score ") + score), width, "   • ", "     ");
      size_t shown = 0;
      for (const std::string& e : pv.evidence) {
        if (shown++ >= 7) break;
        *out += Wrap(p.Dim(Clean(e)), width, "       · ", "         ");
      }
    }
    *out += "\n";
  }
  if (!s.unique.empty()) {
    *out += "   " + p.Bold("What each source adds") + "\n";
    for (const Unique& u : s.unique) {
      *out += "   " + ArticleLabel(s, u.article) + p.Dim(" — " + std::to_string(u.facts.size()) +
                                                       (u.facts.size() == 1 ? " statement" : " statements") +
                                                       " no other article has") + "\n";
      size_t shown = 0;
      for (const std::string& id : u.facts) {
        auto it = std::find_if(s.facts.begin(), s.facts.end(), [&](const Fact& f) { return f.id == id; });
        if (it == s.facts.end()) continue;
        if (shown++ >= 2) break;
        *out += Wrap(Clean(it->text), width, "     + ", "       ");
      }
    }
    *out += "\n";
  }
}

}  // namespace

std::string WriteText(const Report& report, const TextStyle& style) {
  Palette p{style.color};
  std::string out;
  size_t articles = 0;
  for (const Story& s : report.stories) articles += s.articles.size();
  out += p.Bold("rashomon") + " · " + std::to_string(report.stories.size()) +
         (report.stories.size() == 1 ? " story" : " stories") + " from " + std::to_string(articles) +
         (articles == 1 ? " article" : " articles");
  if (report.inputs_failed) out += p.Warn(" · " + std::to_string(report.inputs_failed) + " inputs failed (see above)");
  out += "\n";
  // Topics holding several stories: one line each, by story number.
  std::map<std::string, size_t> number;
  for (size_t i = 0; i < report.stories.size(); ++i) number.emplace(report.stories[i].id, i + 1);
  for (const Topic& t : report.topics) {
    if (t.story_ids.size() < 2) continue;
    std::vector<std::string> numbers;
    for (const std::string& id : t.story_ids) {
      auto it = number.find(id);
      if (it != number.end()) numbers.push_back(std::to_string(it->second));
    }
    if (numbers.size() < 2) continue;
    out += p.Dim("same kind of event: stories " + Join(numbers, ", ") + " (" + Clean(t.label) + ")") + "\n";
  }
  out += "\n";
  size_t index = 0;
  for (const Story& s : report.stories) WriteStory(s, ++index, style, p, &out);
  return out;
}

Result<Format> ParseFormat(std::string_view name) {
  if (name == "text" || name == "txt") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "md" || name == "markdown") return Format::kMarkdown;
  if (name == "html") return Format::kHtml;
  return Status::InvalidArgument("unknown format '" + std::string(name) + "' (use text, json, md or html)");
}

std::string Write(const Report& report, Format format, const TextStyle& style) {
  switch (format) {
    case Format::kText: return WriteText(report, style);
    case Format::kJson: return WriteJson(report);
    case Format::kMarkdown: return WriteMarkdown(report);
    case Format::kHtml: return WriteHtml(report);
  }
  return WriteText(report, style);
}

}  // namespace rashomon::report
