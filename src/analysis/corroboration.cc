// Who corroborates a fact: independent witnesses among its supporting
// articles, the explanation of the count, and contested values (facts.h).
#include <algorithm>

#include "analysis/facts.h"
#include "base/strings.h"
#include "text/normalize.h"

namespace rashomon {

Corroboration CountWitnesses(const std::vector<uint32_t>& support, const std::vector<std::vector<uint32_t>>& parents,
                             const std::vector<std::set<uint32_t>>& ancestors) {
  // Originals first; an article does not count when one already counted
  // is its ancestor, or shares an ancestor with it (two copies of one wire
  // story are one witness even if the wire story words this fact
  // differently).
  std::vector<uint32_t> order = support;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t x, uint32_t y) { return ancestors[x].size() < ancestors[y].size(); });
  Corroboration out;
  for (uint32_t x : order) {
    Corroboration::Dependence dep{x, 0, 0, false};
    bool counted_before = false;
    for (uint32_t c : out.independent) {
      if (ancestors[x].count(c)) {
        dep = {x, c, c, std::find(parents[x].begin(), parents[x].end(), c) != parents[x].end()};
        counted_before = true;
        break;
      }
      for (uint32_t a : ancestors[c]) {
        if (ancestors[x].count(a)) {
          dep = {x, c, a, false};
          counted_before = true;
          break;
        }
      }
      if (counted_before) break;
    }
    if (counted_before) {
      out.dependent.push_back(dep);
    } else {
      out.independent.push_back(x);
    }
  }
  return out;
}

bool StatesContestedValue(const report::Story& story, const std::string& article, const std::string& text) {
  const std::string folded = " " + FoldForMatch(text) + " ";
  for (const report::Conflict& c : story.conflicts) {
    for (const report::Claim& cl : c.claims) {
      if (std::find(cl.articles.begin(), cl.articles.end(), article) == cl.articles.end()) continue;
      std::string value = FoldForMatch(cl.value);
      if (value.size() < 2) continue;
      for (size_t at = folded.find(value); at != std::string::npos; at = folded.find(value, at + 1)) {
        auto word = [&](size_t i) { return IsAsciiAlpha(folded[i]) || IsAsciiDigit(folded[i]); };
        if (!word(at - 1) && !word(at + value.size())) return true;
      }
    }
  }
  return false;
}

std::string ExplainCorroboration(const Corroboration& c, const std::vector<std::string>& ids,
                                 const std::set<std::pair<uint32_t, uint32_t>>& translated) {
  const size_t total = c.independent.size() + c.dependent.size();
  std::string s = std::to_string(total) + (total == 1 ? " article" : " articles");
  if (total < 2) return s;
  s += ", " + std::to_string(c.independent.size()) + " independent";
  for (size_t i = 0; i < c.dependent.size(); ++i) {
    const Corroboration::Dependence& d = c.dependent[i];
    s += i == 0 ? ": " : "; ";
    if (d.via == d.counted) {
      const char* how = !d.direct                                     ? " derives from "
                        : translated.count({d.article, d.counted}) > 0 ? " translates "
                                                                        : " copies ";
      s += ids[d.article] + how + ids[d.counted];
    } else {
      s += ids[d.article] + " and " + ids[d.counted] + " both derive from " + ids[d.via];
    }
  }
  return s;
}

// Ancestors (transitive parents) of each article.
std::vector<std::set<uint32_t>> Ancestors(const std::vector<std::vector<uint32_t>>& parents) {
  std::vector<std::set<uint32_t>> ancestors(parents.size());
  for (uint32_t d = 0; d < parents.size(); ++d) {
    std::vector<uint32_t> stack = parents[d];
    while (!stack.empty()) {
      uint32_t x = stack.back();
      stack.pop_back();
      if (x == d || !ancestors[d].insert(x).second) continue;
      for (uint32_t y : parents[x]) stack.push_back(y);
    }
  }
  return ancestors;
}

}  // namespace rashomon
