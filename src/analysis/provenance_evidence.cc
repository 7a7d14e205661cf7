#include "analysis/provenance_evidence.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/strings.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

std::string Percent(float x) { return std::to_string(static_cast<int>(std::lround(100 * x))) + "%"; }

}  // namespace

// Unusual spellings: a variant of an entity with several variants that
// only a minority of the entity's articles use.
std::vector<std::pair<std::string, std::vector<std::string>>> OddSpellings(const report::Story& story) {
  std::vector<std::pair<std::string, std::vector<std::string>>> odd;
  for (const report::Entity& e : story.entities) {
    if (e.variants.size() < 2) continue;
    std::set<std::string> all;
    for (const report::Variant& v : e.variants) all.insert(v.articles.begin(), v.articles.end());
    for (const report::Variant& v : e.variants) {
      // Unusual: used by few of the entity's articles, and not a part of
      // its main name ("Haddadine" of "Leyla Haddadine" is just short).
      std::string main = " " + FoldForMatch(e.name) + " ";
      bool part_of_main = main.find(" " + FoldForMatch(v.form) + " ") != std::string::npos;
      if (v.articles.size() >= 2 && 2 * v.articles.size() < all.size() + 1 && !part_of_main) {
        odd.emplace_back(v.form, v.articles);
      }
    }
  }
  return odd;
}

// The evidence lines of a derivation, for readers.
std::vector<std::string> Evidence(const ReuseMeasure& m, int quote_cuts) {
  std::vector<std::string> ev;
  if (m.shared_sentences > 0) {
    ev.push_back(std::to_string(m.shared_sentences) + " of " + std::to_string(m.derived_sentences) +
                 " statements match the source's (" + Percent(m.sentence_share) + ")");
  }
  if (m.shingle_containment >= 0.05f) ev.push_back(Percent(m.shingle_containment) + " of its word 3-grams appear in the source");
  if (m.loose_shared >= 3) {
    ev.push_back(std::to_string(m.in_order) + " of its " + std::to_string(m.loose_shared) +
                 " statements with a counterpart in the source follow the source's order");
  }
  if (quote_cuts > 0) {
    ev.push_back(std::to_string(quote_cuts) + (quote_cuts == 1 ? " quote" : " quotes") +
                 " cut at the same words (not shared by most of the story's articles)");
  }
  if (m.reworded > 0) {
    ev.push_back(std::to_string(m.reworded) + (m.reworded == 1 ? " statement" : " statements") +
                 " reworded word for word in the source's word order: \"" + Excerpt(m.reworded_text, 120) +
                 "\" from \"" + Excerpt(m.reworded_source, 120) + "\"");
  }
  if (m.longest_run >= 8) {
    ev.push_back("shared run of " + std::to_string(m.longest_run) + " words: \"" + Excerpt(m.longest_run_text, 120) + "\"");
  }
  return ev;
}

}  // namespace rashomon
