#include "analysis/conflicts.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>
#include <string>
#include <vector>

namespace rashomon {
namespace {

TEST(ConflictsTest, RolesThatCannotBothBeRight) {
  EXPECT_TRUE(RolesConflict("transport minister", "interior minister"));
  EXPECT_TRUE(RolesConflict("senior adviser", "white house chief of staff"));
  EXPECT_TRUE(RolesConflict("governor", "mayor"));
  EXPECT_FALSE(RolesConflict("foreign minister", "iranian foreign minister"));
  EXPECT_FALSE(RolesConflict("son-in-law", "senior adviser"));  // a relation, not an office
  EXPECT_FALSE(RolesConflict("colonel", "coast guard commander"));  // a rank
  EXPECT_FALSE(RolesConflict("coast guard chief", "commander of the coast guard"));  // synonyms
}

report::Story StoryWith() {
  report::Story s;
  report::Entity e;
  e.id = "e1";
  e.name = "Mara Lind";
  e.type = "person";
  e.variants = {{"Mara Lind", {"a", "b"}}, {"Lind", {"a"}}, {"Mara Lindt", {"c"}}};
  e.roles = {{"health minister", {"a", "b"}}, {"finance minister", {"c"}}, {"doctor", {"b"}}};
  s.entities.push_back(e);
  report::Quote q;
  q.text = "we will rebuild the hospital by spring";
  q.speaker_name = "Mara Lind";
  q.versions = {{"a", "we will rebuild the hospital by spring", "said", true, "Mara Lind", "", ""},
                {"b", "rebuild the hospital", "said", true, "Lind", "", ""},
                {"c", "we shall rebuild the clinic by spring", "said", true, "Mara Lindt", "", ""}};
  s.quotes.push_back(q);
  s.numbers = {{12, "people", "injured", "12 people", {"a", "b"}, "", "", 12},
               {15, "people", "wounded", "15 people", {"c"}, "", "", 15},
               {3, "", "days", "three days", {"a"}, "", "", 3}};
  return s;
}

TEST(ConflictsTest, FindsEachKind) {
  std::vector<report::Conflict> cs = FindConflicts(StoryWith());
  std::map<std::string, const report::Conflict*> by_kind;
  for (const auto& c : cs) by_kind[c.kind] = &c;
  ASSERT_TRUE(by_kind.count("role"));
  EXPECT_EQ(by_kind["role"]->claims.size(), 2u);
  ASSERT_TRUE(by_kind.count("name"));
  EXPECT_EQ(by_kind["name"]->claims.size(), 2u);  // "Lind" is a short form, not a spelling
  ASSERT_TRUE(by_kind.count("quote"));
  // Each outlet's own words: the partial quotation is its own claim, never
  // credited with the longer wording.
  ASSERT_EQ(by_kind["quote"]->claims.size(), 3u);
  for (const report::Claim& claim : by_kind["quote"]->claims) {
    if (claim.value == "rebuild the hospital") {
      EXPECT_EQ(claim.articles, std::vector<std::string>{"b"});
    }
    if (claim.value == "we will rebuild the hospital by spring") {
      EXPECT_EQ(claim.articles, std::vector<std::string>{"a"});
    }
  }
}

// Acronyms and pieces of a longer name are not other spellings of it; a
// real respelling still is. Role claims keep the articles' case.
TEST(ConflictsTest, NameSpellingsIgnoreAcronymsAndPiecesRolesKeepCase) {
  report::Story s;
  report::Entity body;
  body.name = "Velmar Border Guards Corps";
  body.type = "organization";
  body.variants = {{"Velmar Border Guards Corps", {"a"}}, {"VBGC", {"b"}}, {"Border Guard", {"c"}}};
  s.entities.push_back(body);
  report::Entity person;
  person.name = "Ilse Varga";
  person.type = "person";
  person.variants = {{"Ilse Varga", {"a"}}, {"Varga", {"b"}}, {"Ilse Warga", {"c"}}};
  person.roles = {{"Health Minister", {"a"}}, {"finance minister", {"c"}}};
  s.entities.push_back(person);
  std::vector<report::Conflict> cs = FindConflicts(s);
  int names = 0, roles = 0;
  for (const auto& c : cs) {
    if (c.kind == "name") {
      ++names;
      EXPECT_EQ(c.subject, "spelling of Ilse Varga");
      EXPECT_EQ(c.claims.size(), 2u);
    }
    if (c.kind == "role") {
      ++roles;
      ASSERT_EQ(c.claims.size(), 2u);
      EXPECT_TRUE(c.claims[0].value == "Health Minister" || c.claims[1].value == "Health Minister");
    }
  }
  EXPECT_EQ(names, 1);
  EXPECT_EQ(roles, 1);
  EXPECT_TRUE(RolesConflict("Transport Minister", "interior minister"));
}

TEST(ConflictsTest, AShorterQuotationAloneIsNoConflict) {
  report::Story s;
  report::Quote q;
  q.text = "the levy is absolutely non-negotiable";
  q.speaker_name = "Teodor Haas";
  q.versions = {{"a", "the levy is absolutely non-negotiable", "said", true, "Teodor Haas", "", ""},
                {"b", "absolutely non-negotiable", "called", true, "Haas", "", ""}};
  s.quotes.push_back(q);
  EXPECT_TRUE(FindConflicts(s).empty());
  s.quotes[0].versions.push_back({"c", "never negotiable", "declared", true, "Haas", "", ""});
  std::vector<report::Conflict> cs = FindConflicts(s);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].kind, "quote");
  EXPECT_NE(cs[0].subject.find("Teodor Haas"), std::string::npos);
  EXPECT_EQ(cs[0].claims.size(), 3u);
}

// A name written in Latin and in Arabic letters is one name written twice,
// not two spellings; two Latin spellings still conflict, and only they are
// the conflict's claims.
TEST(ConflictsTest, NameSpellingsConflictWithinOneScript) {
  report::Story s;
  report::Entity e;
  e.id = "e1";
  e.name = "Bernod Fastoli";
  e.type = "person";
  e.variants = {{"Bernod Fastoli", {"en1"}}, {"\u0628\u064a\u0631\u0646\u0648\u062f \u0641\u0627\u0633\u062a\u0648\u0644\u064a", {"ar1"}}};
  s.entities.push_back(e);
  EXPECT_TRUE(FindConflicts(s).empty());
  s.entities[0].variants.push_back({"Bernod Fastolli", {"en2"}});
  const std::vector<report::Conflict> cs = FindConflicts(s);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].kind, "name");
  ASSERT_EQ(cs[0].claims.size(), 2u);
  for (const report::Claim& c : cs[0].claims) EXPECT_EQ(c.value.rfind("Bernod Fastol", 0), 0u) << c.value;
}

// A translated version of a quote is the quote in other words, not a
// different wording: versions conflict only with versions in their own
// article's language.
TEST(ConflictsTest, ATranslatedQuoteIsNoWordingConflict) {
  report::Story s;
  for (const auto& [id, lang] : {std::pair<const char*, const char*>{"en1", "en"}, {"ar1", "ar"}, {"ar2", "ar"}}) {
    report::ArticleRef a;
    a.id = id;
    a.language = lang;
    s.articles.push_back(a);
  }
  report::Quote q;
  q.text = "the port will open tomorrow";
  q.speaker_name = "Bernod Fastoli";
  const std::string arabic = "\u0627\u0644\u0645\u064a\u0646\u0627\u0621 \u0633\u064a\u0641\u062a\u062d \u063a\u062f\u0627";
  q.versions = {{"en1", "the port will open tomorrow", "said", true, "Bernod Fastoli", "", ""},
                {"ar1", arabic, "said", true, "Bernod Fastoli", "", "en"}};
  s.quotes.push_back(q);
  EXPECT_TRUE(FindConflicts(s).empty());
  // Two Arabic outlets word it differently: that is a conflict, of theirs.
  const std::string other = "\u0627\u0644\u0645\u064a\u0646\u0627\u0621 \u0645\u063a\u0644\u0642";
  s.quotes[0].versions.push_back({"ar2", other, "said", true, "Bernod Fastoli", "", "en"});
  const std::vector<report::Conflict> cs = FindConflicts(s);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].kind, "quote");
  ASSERT_EQ(cs[0].claims.size(), 2u);
  for (const report::Claim& c : cs[0].claims) EXPECT_NE(c.articles.front().rfind("ar", 0), std::string::npos);
}

}  // namespace
}  // namespace rashomon
