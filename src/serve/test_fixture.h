// Test only: a hand-built corpus and report with every section of a story
// filled (facts, provenance, unique facts, conflicts, quotes, entities,
// numbers), for the server, article-view and browser tests, independent of
// what the analysis stages produce today. Hostile strings (markup, script
// URLs, attribute-breaking quotes) sit in every displayed field.
#pragma once

#include <string>
#include <vector>

#include "ingest/article.h"
#include "report/model.h"

namespace rashomon::serve::testing {

struct Fixture {
  std::vector<Article> articles;
  report::Report report;
};

inline constexpr char kHostile[] = "<img src=x onerror=alert(1)>\"'><script>alert(2)</script>";

// Story "s-harbor": 4 articles (wire original, a copy, an independent
// report, a rewrite of the copy). Story "s-big": `big` articles from
// `big / 4` outlets, to stress layout. Story "s-quiet": one article, no
// analysis sections at all.
inline Fixture MakeFixture(int big = 200) {
  Fixture f;
  auto article = [&f](std::string id, std::string source, std::string title, int64_t published,
                      std::string text, std::string url = "") {
    Article a;
    a.id = std::move(id);
    a.source = std::move(source);
    a.title = std::move(title);
    a.published = published;
    a.text = std::move(text);
    a.url = std::move(url);
    f.articles.push_back(a);
    report::ArticleRef r;
    r.id = a.id;
    r.source = a.source;
    r.title = a.title;
    r.url = a.url;
    r.published = a.published;
    r.words = static_cast<uint32_t>(a.text.size() / 6);
    return r;
  };
  const int64_t t0 = 1714550400;  // 2024-05-01T08:00:00Z
  report::Story s;
  s.id = "s-harbor";
  s.headline = "Harbor crane collapse injures 12 workers";
  s.summary = {"A crane collapsed at the north harbor on Wednesday, injuring 12 workers.",
               "The port authority suspended operations pending an inspection."};
  s.articles.push_back(
      article("wire-1", "Coastal Wire", "Crane collapse at north harbor injures 12", t0,
              "A crane collapsed at the north harbor on Wednesday, injuring 12 workers.\n"
              "The port authority suspended operations pending an inspection.\n"
              "Harbor master Ilse Brandvold said: \"We will find out what failed.\"\n"
              "Listen to this article 5 minutes\n",
              "https://coastal.example/crane"));
  s.articles.push_back(
      article("copy-1", "Daily Ledger", "Crane collapse injures 12 at harbor", t0 + 3600,
              "A crane collapsed at the north harbor on Wednesday, injuring 12 workers.\n"
              "The port authority suspended operations pending an inspection.\n"
              "Harbour master Ilse Brandvolt said: \"We will find out what went wrong.\"\n",
              "javascript:alert(3)"));
  s.articles.push_back(article(
      "indep-1",
      std::string("The Extraordinarily Long Named Metropolitan Evening Chronicle And Gazette ") +
          kHostile,
      std::string("Workers hurt as crane falls ") + kHostile, t0 + 7200,
      "Fifteen workers were hurt when a crane fell at the north harbor, witnesses said.\n"
      "The port authority suspended operations pending an inspection.\n"
      "Union leader Marek Tosh said the crane had failed a safety check in March.\n"));
  s.articles.push_back(
      article("rewrite-1", "Port Blog", "Harbor crane: what we know", t0 + 10800,
              "A crane collapsed at the north harbor on Wednesday, injuring 12 workers.\n"
              "Harbor master Ilse Brandvold said: \"We will find out what failed.\"\n"));
  s.facts = {
      {"f1",
       "A crane collapsed at the north harbor on Wednesday, injuring 12 workers.",
       {"wire-1", "copy-1", "rewrite-1"},
       1,
       "3 articles, 1 independent: copy-1 copies wire-1; rewrite-1 derives from wire-1",
       false,
       {"wire-1"}},
      {"f2",
       "The port authority suspended operations pending an inspection.",
       {"wire-1", "copy-1", "indep-1"},
       2,
       "3 articles, 2 independent: copy-1 copies wire-1",
       false,
       {"wire-1", "indep-1"}},
      {"f3",
       std::string("Union leader Marek Tosh said the crane had failed a safety check in March. ") +
           kHostile,
       {"indep-1"},
       1,
       "",
       false,
       {"indep-1"}},
  };
  s.unique = {{"indep-1", {"f3"}}};
  s.conflicts = {
      {"number",
       "workers injured",
       {{"12", {"wire-1", "copy-1", "rewrite-1"}}, {"Fifteen", {"indep-1"}}},
       false,
       {}},
      {"name",
       std::string("spelling of Brandvold ") + kHostile,
       {{"Brandvold", {"wire-1", "rewrite-1"}}, {"Brandvolt", {"copy-1"}}},
       false,
       {}},
  };
  report::Quote q;
  q.id = "q1";
  q.speaker = "e1";
  q.speaker_name = "Ilse Brandvold";
  q.text = "We will find out what failed.";
  q.versions = {{"wire-1", "We will find out what failed.", "said", true, "Ilse Brandvold", "", ""},
                {"copy-1", "We will find out what went wrong.", "said", true, "Ilse Brandvolt", "", ""},
                {"rewrite-1", std::string("We will find out what failed. ") + kHostile, "said",
                 true, "Ilse Brandvold", "", ""}};
  // A quote only one article carries: shown without a list of versions.
  report::Quote lone;
  lone.id = "q2";
  lone.speaker_name = "Port spokesperson";
  lone.text = "The crane had passed its last inspection.";
  lone.versions = {{"indep-1", "The crane had passed its last inspection.", "said", true, "Port spokesperson", "", ""}};
  s.quotes = {q, lone};
  report::Entity e;
  e.id = "e1";
  e.name = "Ilse Brandvold";
  e.type = "person";
  e.variants = {{"Ilse Brandvold", {"wire-1", "rewrite-1"}},
                {"Ilse Brandvolt", {"copy-1"}},
                {kHostile, {"copy-1"}}};
  e.roles = {{"harbor master", {"wire-1", "copy-1", "rewrite-1"}}};
  s.entities = {e};
  s.numbers = {{12, "people", "injured", "12 workers", {"wire-1", "copy-1", "rewrite-1"}, "injured", "", 12},
               {15, "people", "hurt", "Fifteen workers", {"indep-1"}, "injured", "", 15}};
  s.provenance = {{"wire-1",
                   "copy-1",
                   0.93,
                   {"shared span: \"suspended operations pending an inspection\"", kHostile}},
                  {"copy-1", "rewrite-1", 0.71, {"same misspelling \"Harbour\""}}};
  f.report.stories.push_back(std::move(s));

  report::Story b;
  b.id = "s-big";
  b.headline =
      "Summit talks stretch into a third day as delegations argue over the final communique "
      "wording";
  for (int i = 0; i < big; ++i) {
    std::string id = "big-" + std::to_string(i);
    b.articles.push_back(
        article(id, "Outlet number " + std::to_string(i / 4) + " with a rather long name",
                "Summit talks, report " + std::to_string(i), t0 - 86400 + int64_t{i} * 60,
                "Summit talks went on for a third day.\nDelegations argued over the wording.\n"));
  }
  for (int k = 0; k < 6; ++k) {
    report::Fact fact{"bf" + std::to_string(k), "Summit fact " + std::to_string(k), {}, 0, "", false, {}};
    for (int i = k; i < big; i += 3) fact.articles.push_back("big-" + std::to_string(i));
    fact.independent_sources = static_cast<int>(fact.articles.size() / 4);
    b.facts.push_back(fact);
  }
  for (int i = 1; i < big && i < 40; ++i) {
    b.provenance.push_back(
        {"big-" + std::to_string((i - 1) / 3), "big-" + std::to_string(i), 0.5, {"shared spans"}});
  }
  f.report.stories.push_back(std::move(b));

  report::Story quiet;
  quiet.id = "s-quiet";
  quiet.headline = "Library extends opening hours";
  quiet.articles.push_back(article("quiet-1", "Town Notes", "Library extends opening hours",
                                   t0 - int64_t{5} * 86400,
                                   "The town library will open until nine on weekdays.\n"));
  f.report.stories.push_back(std::move(quiet));
  // Topics: the harbor and the big story are of one kind (with a hostile
  // label); the quiet story is alone in its own.
  f.report.topics.push_back({"t-harborbig", {"s-harbor", "s-big"},
                             std::string("Collapse, workers: Harbor ") + kHostile, {"collapse", "workers"}});
  f.report.topics.push_back({"t-quiet", {"s-quiet"}, "Library extends opening hours", {}});
  return f;
}

}  // namespace rashomon::serve::testing
