#include "analysis/version_diff.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "analysis/entities.h"
#include "analysis/numbers.h"
#include "analysis/quotes.h"
#include "base/strings.h"
#include "text/document.h"

namespace rashomon {
namespace {

// Share of the words two paragraphs have in common (of the larger word set)
// for an unmatched old and new paragraph to be one edited paragraph.
constexpr double kSameParagraph = 0.5;
// Longest paragraph (in words) given a word diff; longer edits are shown whole.
constexpr size_t kMaxDiffWords = 400;
// Largest table of paragraph pairs compared (the LCS and the pairing of a
// gap); past it the differing middle is all removed and added.
constexpr size_t kMaxCells = 1u << 20;

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string p = Collapse(std::string_view(text).substr(start, end - start));
    if (!p.empty()) out.push_back(std::move(p));
    start = end + 1;
  }
  return out;
}

std::set<std::string> WordSet(std::string_view s) {
  std::set<std::string> out;
  std::string cur;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (IsAsciiAlpha(c) || IsAsciiDigit(c) || u >= 0x80) {
      cur.push_back(AsciiToLower(c));
    } else if (!cur.empty()) {
      out.insert(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.insert(std::move(cur));
  return out;
}

double Overlap(const std::string& a, const std::string& b) {
  std::set<std::string> wa = WordSet(a), wb = WordSet(b);
  if (wa.empty() || wb.empty()) return 0;
  size_t shared = 0;
  for (const std::string& w : wa) shared += wb.count(w);
  return static_cast<double>(shared) / static_cast<double>(std::max(wa.size(), wb.size()));
}

// The paragraph without its quoted spans (between typographic or straight
// double quotation marks): the attribution around a quote.
std::string WithoutQuotes(const std::string& p) {
  std::string out;
  bool inside = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const bool open = p.compare(i, 3, "\u201c") == 0, close = p.compare(i, 3, "\u201d") == 0;
    if (open || close || p[i] == '"') {
      inside = open ? true : close ? false : !inside;
      out.push_back(' ');
      if (open || close) i += 2;
      continue;
    }
    if (!inside) out.push_back(p[i]);
  }
  return out;
}

bool HasQuote(const std::string& p) {
  return p.find("\u201c") != std::string::npos || p.find('"') != std::string::npos;
}

// An old and a new paragraph are one edited paragraph when they share most
// words, or when both quote someone and share most words outside the
// quotes (another quote under the same attribution).
double Similarity(const std::string& a, const std::string& b) {
  double s = Overlap(a, b);
  if (s < kSameParagraph && HasQuote(a) && HasQuote(b)) s = Overlap(WithoutQuotes(a), WithoutQuotes(b));
  return s;
}

Document ParagraphDocument(const std::string& paragraph, const std::string& lang) {
  Article a;
  a.text = paragraph;
  a.lang = lang;
  return BuildDocument(a, nullptr);
}

// The items of `a` and `b` left when equal ones are paired off (as
// multisets), each list in its order.
void Unshared(std::vector<std::string>& a, std::vector<std::string>& b) {
  std::vector<bool> used(b.size(), false);
  std::vector<std::string> rest_a;
  for (std::string& x : a) {
    bool found = false;
    for (size_t j = 0; j < b.size() && !found; ++j) {
      if (!used[j] && b[j] == x) found = used[j] = true;
    }
    if (!found) rest_a.push_back(std::move(x));
  }
  std::vector<std::string> rest_b;
  for (size_t j = 0; j < b.size(); ++j) {
    if (!used[j]) rest_b.push_back(std::move(b[j]));
  }
  a = std::move(rest_a);
  b = std::move(rest_b);
}

// One change per position of the two unshared lists (zipped in order).
void Pair(VersionChangeKind kind, std::vector<std::string> a, std::vector<std::string> b, const std::string& context,
          std::vector<VersionChange>& out) {
  Unshared(a, b);
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    VersionChange c;
    c.kind = kind;
    if (i < a.size()) c.before = a[i];
    if (i < b.size()) c.after = b[i];
    c.context = context;
    out.push_back(std::move(c));
  }
}

void DiffParagraph(const std::string& old_p, const std::string& new_p, const std::string& lang,
                   std::vector<VersionChange>& out) {
  const Document a = ParagraphDocument(old_p, lang), b = ParagraphDocument(new_p, lang);
  const size_t before = out.size();
  auto numbers = [](const Document& d) {
    std::vector<std::string> v;
    for (const ExtractedNumber& n : ExtractNumbers(d)) v.push_back(Collapse(n.text));
    return v;
  };
  auto quotes = [](const Document& d) {
    std::vector<std::string> v;
    for (const ExtractedQuote& q : ExtractQuotes(d)) v.push_back(Collapse(q.text));
    return v;
  };
  auto names = [](const Document& d) {
    std::vector<std::string> v;
    std::set<std::string> seen;
    for (const Mention& m : FindMentions(d, 0)) {
      if (m.form.find(' ') == std::string::npos && m.opener) continue;  // a capitalised first word
      if (seen.insert(m.form).second) v.push_back(m.form);
    }
    return v;
  };
  Pair(VersionChangeKind::kNumber, numbers(a), numbers(b), new_p, out);
  Pair(VersionChangeKind::kQuote, quotes(a), quotes(b), new_p, out);
  // A name is reported only when it is not part of a changed quote already.
  std::vector<VersionChange> name_changes;
  Pair(VersionChangeKind::kName, names(a), names(b), new_p, name_changes);
  for (VersionChange& c : name_changes) {
    bool in_quote = false;
    for (size_t i = before; i < out.size(); ++i) {
      if (out[i].kind != VersionChangeKind::kQuote) continue;
      if ((!c.before.empty() && out[i].before.find(c.before) != std::string::npos) ||
          (!c.after.empty() && out[i].after.find(c.after) != std::string::npos)) {
        in_quote = true;
      }
    }
    if (!in_quote) out.push_back(std::move(c));
  }
  if (out.size() > before) return;
  VersionChange c;
  c.kind = VersionChangeKind::kWording;
  c.before = old_p;
  size_t words = std::count(old_p.begin(), old_p.end(), ' ') + std::count(new_p.begin(), new_p.end(), ' ');
  c.after = words <= kMaxDiffWords ? QuoteDiff(old_p, new_p) : new_p;
  if (c.after.empty()) return;  // the same words: punctuation or case only
  c.context = new_p;
  out.push_back(std::move(c));
}

}  // namespace

const char* VersionChangeKindName(VersionChangeKind kind) {
  switch (kind) {
    case VersionChangeKind::kHeadline:
      return "headline";
    case VersionChangeKind::kNumber:
      return "number";
    case VersionChangeKind::kQuote:
      return "quote";
    case VersionChangeKind::kName:
      return "name";
    case VersionChangeKind::kParagraphAdded:
      return "paragraph_added";
    case VersionChangeKind::kParagraphRemoved:
      return "paragraph_removed";
    case VersionChangeKind::kWording:
      return "wording";
  }
  return "wording";
}

std::vector<VersionChange> DiffVersions(const Article& before, const Article& after) {
  std::vector<VersionChange> out;
  const std::string old_title = Collapse(before.title), new_title = Collapse(after.title);
  if (old_title != new_title) {
    out.push_back({VersionChangeKind::kHeadline, old_title, new_title, ""});
  }
  // A line that repeats its version's headline (a page's heading kept in
  // its text) is the headline change, not a paragraph of its own.
  std::vector<std::string> a = Paragraphs(before.text), b = Paragraphs(after.text);
  if (old_title != new_title) {
    a.erase(std::remove(a.begin(), a.end(), old_title), a.end());
    b.erase(std::remove(b.begin(), b.end(), new_title), b.end());
  }
  // Common head and tail, then a longest common subsequence of equal
  // paragraphs over the middle.
  const size_t n = a.size(), m = b.size();
  size_t head = 0, tail = 0;
  while (head < n && head < m && a[head] == b[head]) ++head;
  while (tail < n - head && tail < m - head && a[n - 1 - tail] == b[m - 1 - tail]) ++tail;
  const size_t mn = n - head - tail, mm = m - head - tail;
  const std::string& lang = after.lang.empty() ? before.lang : after.lang;
  // A gap between matched paragraphs: similar old and new paragraphs are
  // one edit, the others removed or added.
  auto gap = [&](size_t i0, size_t i1, size_t j0, size_t j1) {
    std::vector<size_t> partner(i1 - i0, SIZE_MAX);
    std::vector<bool> taken(j1 - j0, false);
    if ((i1 - i0) * (j1 - j0) <= kMaxCells) {
      for (size_t i = i0; i < i1; ++i) {
        double best = kSameParagraph;
        for (size_t j = j0; j < j1; ++j) {
          if (taken[j - j0]) continue;
          double s = Similarity(a[i], b[j]);
          if (s >= best) {
            best = s;
            partner[i - i0] = j;
          }
        }
        if (partner[i - i0] != SIZE_MAX) taken[partner[i - i0] - j0] = true;
      }
    }
    // Removed paragraphs first, then the new side in its order.
    for (size_t i = i0; i < i1; ++i) {
      if (partner[i - i0] == SIZE_MAX) out.push_back({VersionChangeKind::kParagraphRemoved, a[i], "", a[i]});
    }
    for (size_t j = j0; j < j1; ++j) {
      if (!taken[j - j0]) {
        out.push_back({VersionChangeKind::kParagraphAdded, "", b[j], b[j]});
        continue;
      }
      for (size_t i = i0; i < i1; ++i) {
        if (partner[i - i0] == j) DiffParagraph(a[i], b[j], lang, out);
      }
    }
  };
  if (mn * mm > kMaxCells) {
    gap(head, n - tail, head, m - tail);
    return out;
  }
  std::vector<std::vector<uint32_t>> lcs(mn + 1, std::vector<uint32_t>(mm + 1, 0));
  for (size_t i = mn; i-- > 0;) {
    for (size_t j = mm; j-- > 0;) {
      lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  size_t i = 0, j = 0, gi = 0, gj = 0;
  while (i < mn && j < mm) {
    if (a[head + i] == b[head + j]) {
      gap(head + gi, head + i, head + gj, head + j);
      gi = ++i;
      gj = ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  gap(head + gi, head + mn, head + gj, head + mm);
  return out;
}

bool ChangesAFigure(const std::vector<VersionChange>& changes) {
  return std::any_of(changes.begin(), changes.end(), [](const VersionChange& c) {
    return c.kind == VersionChangeKind::kNumber && !c.before.empty() && !c.after.empty();
  });
}

}  // namespace rashomon
