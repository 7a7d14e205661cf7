#include "eval/claims_eval.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "base/parallel.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

bool Names(const std::vector<std::string>& articles, const std::string& id) {
  return std::find(articles.begin(), articles.end(), id) != articles.end();
}

// Lowercased letters and digits only, so "8,500" and "8500", curly and
// straight quotes compare equal.
std::string Fold(const std::string& s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
  }
  return out;
}

bool FactIsVersion(const std::string& fact, const std::vector<std::string>& versions) {
  std::string f = Fold(fact);
  if (f.size() < 8) return false;
  return std::any_of(versions.begin(), versions.end(), [&](const std::string& v) {
    if (v.empty()) return false;
    std::string g = Fold(v);
    return g.find(f) != std::string::npos || f.find(g) != std::string::npos;
  });
}

void ScoreVersions(const ClaimCase& c, const report::Story& story, ClaimScores* s) {
  for (const auto& versions : c.versions) {
    std::vector<size_t> stating;
    for (size_t a = 0; a < versions.size(); ++a) {
      if (!versions[a].empty()) stating.push_back(a);
    }
    if (stating.size() < 2) continue;
    std::vector<const report::Fact*> facts;
    for (const auto& f : story.facts) {
      if (FactIsVersion(f.text, versions)) facts.push_back(&f);
    }
    for (size_t a : stating) {
      ++s->versions;
      const std::string& id = c.articles[a].id;
      // Listed as what this article adds, although another article states it.
      const auto added = std::find_if(story.unique.begin(), story.unique.end(),
                                      [&](const report::Unique& u) { return u.article == id; });
      if (added != story.unique.end()) {
        s->versions_added += std::any_of(added->facts.begin(), added->facts.end(), [&](const std::string& fid) {
          return std::any_of(facts.begin(), facts.end(), [&](const report::Fact* f) { return f->id == fid; });
        });
      }
      bool matched = std::any_of(facts.begin(), facts.end(), [&](const report::Fact* f) {
        if (!Names(f->articles, id)) return false;
        return std::any_of(stating.begin(), stating.end(),
                           [&](size_t b) { return b != a && Names(f->articles, c.articles[b].id); });
      });
      s->versions_matched += matched;
    }
  }
}

}  // namespace

std::vector<report::Story> AnalyzeClaimCases(const std::vector<ClaimCase>& cases, const AnalysisOptions& options,
                                             const TextOptions& text, int threads) {
  std::vector<report::Story> stories(cases.size());
  ParallelFor(
      cases.size(),
      [&](size_t i) {
        std::vector<Document> docs = BuildDocuments(cases[i].articles, text, nullptr, 1);
        std::vector<const Document*> ptrs;
        ptrs.reserve(docs.size());
        for (const Document& d : docs) ptrs.push_back(&d);
        stories[i] = AnalyzeStory(ptrs, cases[i].story, options);
      },
      threads);
  return stories;
}

bool DifferenceFound(const report::Story& story, const PlantedDifference& diff, bool* with_value) {
  *with_value = false;
  bool found = false;
  std::string changed = Fold(diff.changed);
  for (const auto& conflict : story.conflicts) {
    if (conflict.kind != ConflictKindFor(diff.kind)) continue;
    for (const auto& mine : conflict.claims) {
      if (!Names(mine.articles, diff.changed_article)) continue;
      bool covers_all = std::all_of(diff.other_articles.begin(), diff.other_articles.end(),
                                    [&](const std::string& o) { return Names(mine.articles, o); });
      if (covers_all) continue;
      bool other_side = std::any_of(conflict.claims.begin(), conflict.claims.end(), [&](const report::Claim& c) {
        return &c != &mine && std::any_of(diff.other_articles.begin(), diff.other_articles.end(),
                                          [&](const std::string& o) { return Names(c.articles, o); });
      });
      if (!other_side) continue;
      found = true;
      if (Fold(mine.value).find(changed) != std::string::npos) *with_value = true;
    }
  }
  return found;
}

ClaimScores ScoreClaims(const std::vector<ClaimCase>& cases, const std::vector<report::Story>& stories) {
  ClaimScores s;
  for (size_t i = 0; i < cases.size() && i < stories.size(); ++i) {
    const ClaimCase& c = cases[i];
    const report::Story& story = stories[i];
    ScoreVersions(c, story, &s);
    if (c.control) {
      ++s.controls;
      s.control_conflicts += story.conflicts.size();
      continue;
    }
    ++s.changed_stories;
    size_t found_here = 0;
    for (const auto& diff : c.differences) {
      auto& k = s.kinds[static_cast<size_t>(diff.kind)];
      ++k.planted;
      bool with_value = false;
      if (DifferenceFound(story, diff, &with_value)) {
        ++k.found;
        ++found_here;
        k.found_with_value += with_value;
      } else {
        s.misses.push_back(std::string(ClaimKindName(diff.kind)) + ": " + c.story + " " + diff.changed_article +
                           " \"" + diff.original + "\" -> \"" + diff.changed + "\"");
      }
    }
    s.extra_conflicts += story.conflicts.size() - std::min(story.conflicts.size(), found_here);
  }
  return s;
}

}  // namespace rashomon
