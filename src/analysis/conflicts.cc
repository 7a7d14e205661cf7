#include "analysis/conflicts.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/entities.h"
#include "base/strings.h"
#include "text/normalize.h"
#include "text/transliterate.h"

namespace rashomon {
namespace {

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : FoldForMatch(s)) {
    if (IsAsciiAlpha(c) || c == '-' || static_cast<unsigned char>(c) >= 0x80) {
      w.push_back(c);
    } else if (!w.empty()) {
      out.push_back(w);
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

// The office a role names, with synonyms mapped together; empty for ranks,
// relations and descriptions.
std::string OfficeOf(const std::string& word) {
  static const std::map<std::string, std::string> kOffice = {
      {"minister", "minister"},     {"secretary", "secretary"},   {"chief", "chief"},
      {"commander", "chief"},       {"head", "chief"},            {"leader", "chief"},
      {"director", "director"},     {"spokesman", "spokesperson"}, {"spokeswoman", "spokesperson"},
      {"spokesperson", "spokesperson"}, {"governor", "governor"},  {"mayor", "mayor"},
      {"president", "president"},   {"adviser", "adviser"},       {"advisor", "adviser"},
      {"envoy", "envoy"},           {"negotiator", "envoy"},      {"ambassador", "ambassador"},
      {"executive", "executive"},   {"ceo", "executive"},         {"chairman", "chair"},
      {"chairwoman", "chair"},      {"chair", "chair"},           {"judge", "judge"},
      {"prosecutor", "prosecutor"}, {"senator", "senator"},       {"mp", "legislator"}};
  auto it = kOffice.find(word);
  return it == kOffice.end() ? "" : it->second;
}

bool IsPortfolio(const std::string& w) {
  static const std::set<std::string> kPortfolios = {
      "foreign", "interior", "transport", "defence", "defense", "finance", "health", "justice",
      "education", "energy", "trade", "economy", "labour", "labor", "agriculture", "environment",
      "home", "culture", "tourism", "housing", "industry"};
  return kPortfolios.count(w) > 0;
}

std::string Normal(const std::string& text) {
  return Join(Words(text), " ");
}

// Quote wordings: versions in one language whose words differ, neither
// holding the other (a version that is part of another is a shorter
// quotation). A translation is a version of the quote in other words, not a
// different wording: versions conflict only with versions in their own
// language. Each claim quotes its outlets' own words.
void AddQuoteWordingConflicts(const report::Story& story, std::vector<report::Conflict>* out) {
  std::map<std::string, std::string> language;  // article id -> language
  for (const report::ArticleRef& a : story.articles) language[a.id] = a.language;
  for (const report::Quote& q : story.quotes) {
    std::map<std::string, std::map<std::string, report::Claim>> by_language;
    for (const report::QuoteVersion& v : q.versions) {
      auto it = language.find(v.article);
      report::Claim& claim = by_language[it == language.end() ? std::string() : it->second][Normal(v.text)];
      if (claim.value.empty()) claim.value = v.text;
      if (std::find(claim.articles.begin(), claim.articles.end(), v.article) == claim.articles.end()) {
        claim.articles.push_back(v.article);
      }
    }
    for (auto& [lang, wordings] : by_language) {
      if (wordings.size() < 2) continue;
      bool differ = false;
      for (const auto& x : wordings) {
        for (const auto& y : wordings) {
          differ |= x.first.find(y.first) == std::string::npos && y.first.find(x.first) == std::string::npos;
        }
      }
      if (!differ) continue;
      report::Conflict c;
      c.kind = "quote";
      c.subject = "wording of " + (q.speaker_name.empty() ? std::string("a quote") : q.speaker_name + "'s quote") +
                  " \u201c" + q.text + "\u201d";
      for (auto& [k, claim] : wordings) c.claims.push_back(std::move(claim));
      std::stable_sort(c.claims.begin(), c.claims.end(), [](const report::Claim& a, const report::Claim& b) {
        return a.articles.size() > b.articles.size();
      });
      out->push_back(std::move(c));
    }
  }
}

}  // namespace

bool RolesConflict(const std::string& a, const std::string& b) {
  std::vector<std::string> wa = Words(a), wb = Words(b);
  std::set<std::string> oa, ob, pa, pb;
  for (const auto& w : wa) {
    if (!OfficeOf(w).empty()) oa.insert(OfficeOf(w));
    if (IsPortfolio(w)) pa.insert(w);
  }
  for (const auto& w : wb) {
    if (!OfficeOf(w).empty()) ob.insert(OfficeOf(w));
    if (IsPortfolio(w)) pb.insert(w);
  }
  if (oa.empty() || ob.empty()) return false;  // a rank or a description
  bool shared_office = false;
  for (const auto& o : oa) shared_office |= ob.count(o) > 0;
  if (!shared_office) return true;  // "senior adviser" vs "chief of staff"
  // Same office, different portfolios: "Transport Minister" vs "Interior Minister".
  if (!pa.empty() && !pb.empty()) {
    for (const auto& p : pa) {
      if (pb.count(p)) return false;
    }
    return true;
  }
  return false;
}

std::vector<report::Conflict> FindConflicts(const report::Story& story) {
  std::vector<report::Conflict> out;
  // Roles.
  for (const report::Entity& e : story.entities) {
    if (e.type != "person" || e.roles.size() < 2) continue;
    // Group roles into compatible clusters; a conflict needs two clusters
    // reported by different articles.
    std::vector<std::vector<const report::Role*>> clusters;
    for (const report::Role& r : e.roles) {
      bool placed = false;
      for (auto& c : clusters) {
        bool fits = std::none_of(c.begin(), c.end(), [&](const report::Role* x) { return RolesConflict(x->role, r.role); });
        if (fits) {
          c.push_back(&r);
          placed = true;
          break;
        }
      }
      if (!placed) clusters.push_back({&r});
    }
    if (clusters.size() < 2) continue;
    report::Conflict c;
    c.kind = "role";
    c.subject = "role of " + e.name;
    for (const auto& cl : clusters) {
      report::Claim claim;
      // The most widely reported wording names the cluster.
      // Prefer a wording that names an office over a rank ("colonel").
      auto has_office = [](const report::Role* r) {
        for (const auto& w : Words(r->role)) {
          if (!OfficeOf(w).empty()) return true;
        }
        return false;
      };
      const report::Role* best = cl.front();
      std::set<std::string> ids;
      for (const report::Role* r : cl) {
        bool better = has_office(r) != has_office(best) ? has_office(r) : r->articles.size() > best->articles.size();
        if (better) best = r;
        ids.insert(r->articles.begin(), r->articles.end());
      }
      claim.value = best->role;
      claim.articles.assign(ids.begin(), ids.end());
      c.claims.push_back(std::move(claim));
    }
    out.push_back(std::move(c));
  }
  // Names: one claim per spelling of the surname (the last word), named by
  // the longest form written that way. Spellings conflict within a script:
  // a name in Latin letters and in Arabic or Cyrillic ones is one name
  // written twice (the entity lists both), not two spellings.
  for (const report::Entity& e : story.entities) {
    if (e.variants.size() < 2) continue;
    std::map<int, std::map<std::string, report::Claim>> by_script;
    for (const report::Variant& v : e.variants) {
      std::vector<std::string> w = Words(v.form);
      if (w.empty() || !SpellsName(v, e.variants)) continue;
      report::Claim& claim = by_script[FirstLetterScript(w.back())][w.back()];
      if (v.form.size() > claim.value.size()) claim.value = v.form;
      for (const std::string& id : v.articles) {
        if (std::find(claim.articles.begin(), claim.articles.end(), id) == claim.articles.end()) claim.articles.push_back(id);
      }
    }
    for (auto& [script, spellings] : by_script) {
      if (spellings.size() < 2) continue;
      report::Conflict c;
      c.kind = "name";
      c.subject = "spelling of " + e.name;
      for (auto& [k, claim] : spellings) c.claims.push_back(std::move(claim));
      std::stable_sort(c.claims.begin(), c.claims.end(), [](const report::Claim& a, const report::Claim& b) {
        return a.articles.size() > b.articles.size();
      });
      out.push_back(std::move(c));
    }
  }
  AddQuoteWordingConflicts(story, &out);
  return out;
}

}  // namespace rashomon
