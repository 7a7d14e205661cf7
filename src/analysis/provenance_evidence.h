// Evidence lines of a provenance edge, for readers: quotes two articles
// cut at the same words, unusual spellings they share, and the wording of
// a derivation's evidence (facts.cc uses them). Internal to the analysis.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analysis/facts.h"
#include "base/strings.h"
#include "report/model.h"
#include "text/normalize.h"

namespace rashomon {

// Quote groups in which both articles quote the same words with the same
// start and end (after folding case and punctuation), when at most half of
// the story's articles quote it that way: a shared cut of a long statement
// is a copy's mark; a short phrase every outlet quotes is not. The cuts are
// folded once per story; a pair of articles then intersects two short lists.
class QuoteCuts {
 public:
  explicit QuoteCuts(const report::Story& story) {
    auto fold = [](const std::string& t) {
      std::string out;
      for (char c : FoldForMatch(t)) {
        if (IsAsciiAlpha(c) || IsAsciiDigit(c) || static_cast<unsigned char>(c) >= 0x80) {
          out.push_back(c);
        } else if (!out.empty() && out.back() != ' ') {
          out.push_back(' ');
        }
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out;
    };
    uint32_t next_cut = 0;
    for (uint32_t qi = 0; qi < story.quotes.size(); ++qi) {
      std::map<std::string, std::set<std::string>> by_cut;  // folded text -> articles
      for (const report::QuoteVersion& v : story.quotes[qi].versions) {
        if (v.direct) by_cut[fold(v.text)].insert(v.article);
      }
      for (const auto& [cut, arts] : by_cut) {
        if (std::count(cut.begin(), cut.end(), ' ') < 2) continue;  // three words at least
        if (2 * arts.size() > story.articles.size()) continue;
        for (const std::string& a : arts) cuts_of_[a].emplace_back(next_cut, qi);
        ++next_cut;
      }
    }
  }

  // Quote groups with a cut both a and b quote.
  int Shared(const std::string& a, const std::string& b) const {
    auto ia = cuts_of_.find(a), ib = cuts_of_.find(b);
    if (ia == cuts_of_.end() || ib == cuts_of_.end()) return 0;
    // Both lists are in ascending cut order, and cut ids ascend with the
    // quote group, so common cuts come grouped by quote.
    const auto& x = ia->second;
    const auto& y = ib->second;
    int n = 0;
    uint32_t last_quote = UINT32_MAX;
    for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
      if (x[i].first < y[j].first) {
        ++i;
      } else if (y[j].first < x[i].first) {
        ++j;
      } else {
        if (x[i].second != last_quote) ++n;
        last_quote = x[i].second;
        ++i;
        ++j;
      }
    }
    return n;
  }

 private:
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> cuts_of_;  // article -> (cut, quote)
};

// Unusual spellings: a variant of an entity with several variants that
// only a minority of the entity's articles use.
std::vector<std::pair<std::string, std::vector<std::string>>> OddSpellings(const report::Story& story);

// The evidence lines of a derivation, for readers.
std::vector<std::string> Evidence(const ReuseMeasure& m, int quote_cuts);

}  // namespace rashomon
