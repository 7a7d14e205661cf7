// Terminal report: readable at 80-120 columns, colour only on a terminal.
#include <algorithm>
#include <cstdint>
#include <cstdio>
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

// "Mon 10:00" (UTC) for an update's timeline.
std::string WeekdayTime(int64_t t) {
  static const char* const kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  return std::string(kDays[((days % 7) + 7) % 7]) + " " + FormatIso8601(t).substr(11, 5);
}

// "12 (Mon 10:00) -> 14 (Mon 18:00)".
std::string UpdateTimeline(const Conflict& c) {
  std::vector<std::string> steps;
  for (size_t i = 0; i < c.claims.size(); ++i) {
    steps.push_back(Clean(c.claims[i].value) + (i < c.published.size() ? " (" + WeekdayTime(c.published[i]) + ")" : ""));
  }
  return Join(steps, " -> ");
}

// The articles of each step, in the timeline's order.
std::string UpdateLabels(const Story& s, const Conflict& c) {
  std::vector<std::string> steps;
  for (const Claim& cl : c.claims) steps.push_back(Labels(s, cl.articles));
  return Join(steps, " -> ");
}

// What a story section writes with: the story, the style and the output.
struct Section {
  const Story& s;
  const TextStyle& style;
  const Palette& p;
  size_t width;
  std::string* out;

  // How many items of a list to show: `n`, or all of them under --all.
  size_t Limit(size_t n) const { return style.all ? SIZE_MAX : n; }
  // The line under a list cut short, so a reader sees what was left out.
  void More(size_t hidden, std::string_view indent) const {
    if (hidden == 0) return;
    *out += std::string(indent) + p.Dim("... and " + std::to_string(hidden) + " more (--all shows them)") + "\n";
  }
};

void WriteHeader(const Section& c, size_t index) {
  const Story& s = c.s;
  std::set<std::string> outlets;
  for (const ArticleRef& a : s.articles) outlets.insert(DisplaySource(a));
  std::string rule = "━━ " + std::to_string(index) + " ";
  *c.out += c.p.Accent(rule);
  *c.out += c.p.Bold(Clean(s.headline.empty() ? "(untitled story)" : s.headline)) + "\n";
  std::string meta = s.id + " · " + std::to_string(s.articles.size()) +
                     (s.articles.size() == 1 ? " article" : " articles") + " · " +
                     std::to_string(outlets.size()) + (outlets.size() == 1 ? " source" : " sources");
  std::string dates = DateSpan(s);
  if (!dates.empty()) meta += " · " + dates;
  if (!s.event_from.empty()) {
    meta += " · event " + s.event_from + (s.event_to != s.event_from ? " to " + s.event_to : "");
  }
  *c.out += "   " + c.p.Dim(meta) + "\n\n";
  if (!s.summary.empty()) {
    *c.out += "   " + c.p.Bold("In brief") + "\n";
    for (const std::string& sentence : s.summary) *c.out += Wrap(Clean(sentence), c.width, "   • ", "     ");
    *c.out += "\n";
  }
}

void WriteArticles(const Section& c) {
  const Story& s = c.s;
  *c.out += "   " + c.p.Bold("Articles") + "\n";
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
    if (MarksLanguage(a)) title = "[" + Clean(a.language) + "] " + title;
    if (a.versions > 1) title = "[" + std::to_string(a.versions) + " versions] " + title;
    line += Pad(title, c.width > used ? c.width - used : 10);
    *c.out += line + "  " + c.p.Dim(words) + "\n";
  }
  bool any_inferred = std::any_of(s.articles.begin(), s.articles.end(), [](const ArticleRef& a) { return a.title_inferred; });
  if (any_inferred) *c.out += "   " + c.p.Dim("~ title written from the lede (the article had none)") + "\n";
  *c.out += "\n";
}

// The story as it unfolded (stories read from a database).
void WriteTimeline(const Section& c) {
  const Story& s = c.s;
  if (s.timeline.empty()) return;
  *c.out += "   " + c.p.Bold("Timeline") + "\n";
  size_t shown = 0;
  for (const TimelineEvent& e : s.timeline) {
    if (shown++ >= c.Limit(12)) break;
    std::string what = e.kind == "first_report" ? "first report" : e.kind == "update" ? "updated" : "new article";
    std::string line = FormatIso8601(e.time).substr(0, 16) + "  " + what + ": " +
                       (e.source.empty() ? Clean(e.article) : Clean(e.source)) + " - " + Clean(e.title);
    if (!e.figures.empty()) {
      std::vector<std::string> figures;
      for (const std::string& f : e.figures) figures.push_back(Clean(f));
      line += " (" + Join(figures, "; ") + ")";
    }
    *c.out += Wrap(line, c.width, "   ", "     ");
  }
  c.More(s.timeline.size() > c.Limit(12) ? s.timeline.size() - c.Limit(12) : 0, "   ");
  *c.out += "\n";
}

void WriteFacts(const Section& c) {
  const Story& s = c.s;
  size_t shared = std::count_if(s.facts.begin(), s.facts.end(), [](const Fact& f) { return f.articles.size() > 1; });
  if (shared == 0) return;
  *c.out += "   " + c.p.Bold("Best-supported facts") + "  " + c.p.Dim("[independent sources / articles]") + "\n";
  size_t shown = 0;
  for (const Fact& f : s.facts) {
    if (f.articles.size() < 2) continue;
    if (shown >= c.Limit(6)) break;
    ++shown;
    std::string tag = "[" + std::to_string(f.independent_sources) + "/" + std::to_string(f.articles.size()) + "] ";
    *c.out += Wrap(Clean(f.text) + "  " + c.p.Dim("— " + Labels(s, f.articles)), c.width, "   • " + tag, "     ");
    if (f.independent_sources < static_cast<int>(f.articles.size()) && !f.corroboration.empty()) {
      *c.out += Wrap(c.p.Dim(Clean(f.corroboration)), c.width, "     ", "     ");
    }
    if (f.partial) *c.out += Wrap(c.p.Dim("stated in part: the articles word it differently and say more around it"), c.width, "     ", "     ");
    if (f.translated) *c.out += Wrap(c.p.Dim("stated in translation: the articles say it in different languages"), c.width, "     ", "     ");
  }
  c.More(shared - shown, "     ");
  *c.out += "\n";
}

void WriteConflicts(const Section& c) {
  const Story& s = c.s;
  if (s.conflicts.empty()) return;
  *c.out += "   " + c.p.Bold(c.p.Warn("Conflicts")) + "\n";
  for (const Conflict& k : s.conflicts) {
    if (k.update) {
      *c.out += Wrap(Clean(k.subject) + " " + c.p.Dim("(a figure that moved over time, not a contradiction)"), c.width,
                     "   ~ update: ", "     ");
      *c.out += Wrap("updated: " + UpdateTimeline(k) + "  " + c.p.Dim("— " + UpdateLabels(s, k)), c.width,
                     "       · ", "         ");
      continue;
    }
    *c.out += Wrap(Clean(k.subject), c.width, "   ! " + k.kind + ": ", "     ");
    for (const Claim& cl : k.claims) {
      std::string value = k.kind == "quote" ? "“" + Clean(cl.value) + "”" : Clean(cl.value);
      *c.out += Wrap(value + "  " + c.p.Dim("— " + Labels(s, cl.articles)), c.width, "       · ", "         ");
    }
  }
  *c.out += "\n";
}

void WriteEntities(const Section& c) {
  const Story& s = c.s;
  if (s.entities.empty()) return;
  *c.out += "   " + c.p.Bold("Who and what") + "\n";
  size_t shown = std::min(s.entities.size(), c.Limit(12));
  for (size_t i = 0; i < shown; ++i) {
    const Entity& e = s.entities[i];
    std::string line = Clean(e.name) + " (" + e.type + ")";
    std::vector<std::string> forms;
    for (const Variant& v : e.variants) {
      if (v.form != e.name) forms.push_back(Clean(v.form));
    }
    if (!forms.empty()) line += " — also " + Join(forms, " / ");
    std::vector<std::string> roles;
    for (const Role& r : e.roles) {
      if (roles.size() < c.Limit(3)) roles.push_back(Clean(r.role));
    }
    if (roles.size() < e.roles.size()) roles.push_back("and " + std::to_string(e.roles.size() - roles.size()) + " more");
    if (!roles.empty()) line += " — " + Join(roles, "; ");
    *c.out += Wrap(line, c.width, "   • ", "     ");
  }
  c.More(s.entities.size() - shown, "     ");
  *c.out += "\n";
}

void WriteQuotes(const Section& c) {
  const Story& s = c.s;
  if (s.quotes.empty()) return;
  *c.out += "   " + c.p.Bold("Quotes") + "\n";
  size_t shown = std::min(s.quotes.size(), c.Limit(8));
  for (size_t i = 0; i < shown; ++i) {
    const Quote& q = s.quotes[i];
    std::string who = q.speaker_name.empty() ? "unattributed" : Clean(q.speaker_name);
    size_t translated = 0;
    for (const QuoteVersion& v : q.versions) translated += !v.translated_from.empty();
    *c.out += Wrap("“" + Clean(q.text) + "” — " + who + " (" + std::to_string(q.versions.size()) +
                       (q.versions.size() == 1 ? " version" : " versions") +
                       (translated > 0 ? ", " + std::to_string(translated) + " translated)" : ")"),
                   c.width, "   • ", "     ");
  }
  c.More(s.quotes.size() - shown, "     ");
  *c.out += "\n";
}

void WriteNumbers(const Section& c) {
  const Story& s = c.s;
  if (s.numbers.empty()) return;
  *c.out += "   " + c.p.Bold("Numbers") + "\n";
  size_t shown = std::min(s.numbers.size(), c.Limit(8));
  for (size_t i = 0; i < shown; ++i) {
    const Number& n = s.numbers[i];
    std::string line = (n.approx.empty() ? "" : n.approx + " ") + Clean(n.text);
    if (!n.what.empty() && line.find(n.what) == std::string::npos) line += " (" + Clean(n.what) + ")";
    *c.out += Wrap(line + "  " + c.p.Dim("— " + Labels(s, n.articles)), c.width, "   • ", "     ");
  }
  c.More(s.numbers.size() - shown, "     ");
  *c.out += "\n";
}

void WriteProvenance(const Section& c) {
  const Story& s = c.s;
  if (s.provenance.empty()) return;
  *c.out += "   " + c.p.Bold("Who copied whom") + "\n";
  for (const Provenance& pv : s.provenance) {
    char score[16];
    (void)std::snprintf(score, sizeof score, "%.2f", pv.score);  // always fits
    *c.out += Wrap(ArticleLabel(s, pv.to) + " ← " + ArticleLabel(s, pv.from) + "  " + c.p.Dim(std::string("score ") + score),
                   c.width, "   • ", "     ");
    size_t shown = std::min(pv.evidence.size(), c.Limit(7));
    for (size_t i = 0; i < shown; ++i) *c.out += Wrap(c.p.Dim(Clean(pv.evidence[i])), c.width, "       · ", "         ");
    c.More(pv.evidence.size() - shown, "         ");
  }
  *c.out += "\n";
}

void WriteUnique(const Section& c) {
  const Story& s = c.s;
  if (s.unique.empty()) return;
  *c.out += "   " + c.p.Bold("What each source adds") + "\n";
  for (const Unique& u : s.unique) {
    *c.out += "   " + ArticleLabel(s, u.article) +
              c.p.Dim(" — " + std::to_string(u.facts.size()) + (u.facts.size() == 1 ? " statement" : " statements") +
                      " no other article has") +
              "\n";
    std::vector<const Fact*> facts;
    for (const std::string& id : u.facts) {
      auto it = std::find_if(s.facts.begin(), s.facts.end(), [&](const Fact& f) { return f.id == id; });
      if (it != s.facts.end()) facts.push_back(&*it);
    }
    size_t shown = std::min(facts.size(), c.Limit(2));
    for (size_t i = 0; i < shown; ++i) *c.out += Wrap(Clean(facts[i]->text), c.width, "     + ", "       ");
    c.More(facts.size() - shown, "       ");
  }
  *c.out += "\n";
}

void WriteStory(const Story& s, size_t index, const TextStyle& style, const Palette& p, std::string* out) {
  const Section c{s, style, p, static_cast<size_t>(std::max(60, style.width)), out};
  WriteHeader(c, index);
  WriteArticles(c);
  WriteTimeline(c);
  WriteFacts(c);
  WriteConflicts(c);
  WriteEntities(c);
  WriteQuotes(c);
  WriteNumbers(c);
  WriteProvenance(c);
  WriteUnique(c);
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
    case Format::kMarkdown: return WriteMarkdown(report, style);
    case Format::kHtml: return WriteHtml(report);
  }
  return WriteText(report, style);
}

}  // namespace rashomon::report
