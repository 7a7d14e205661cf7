#include "analysis/entities.h"

#include <gtest/gtest.h>

#include "text/corpus.h"

namespace rashomon {
namespace {

// Hand-written articles (no data set, no seed names): one minister whose
// name a machine translation respells, and two different people whose names
// look alike but share no context.
std::vector<Article> Articles() {
  auto make = [](std::string id, std::string text) {
    Article a;
    a.id = std::move(id);
    a.text = std::move(text);
    return a;
  };
  return {
      make("orig",
           "Energy Minister Yevgeny Kuznetsov said on Monday that gas exports to the region would resume next week.\n"
           "Kuznetsov told reporters in Varna that the pipeline had been repaired after the explosion.\n"
           "The striker Danielle Okafur scored twice for the city club on Sunday.\n"),
      make("mt",
           "The energy minister Evgeniy Kouznetsov said Monday that the exports of gas to the region will resume next week.\n"
           "Kouznetsov said to journalists in Varna that the pipeline was repaired after the explosion.\n"
           "The mayor Daniel Okafor opened a new library in the old harbour district.\n"),
      make("third",
           "Khalid al-Mansouri, a spokesman for the port authority, said ships were waiting outside Varna.\n"),
      make("fourth",
           "Port authority spokesman Khaled Al Mansuri said ships were waiting outside Varna harbour.\n"),
  };
}

const report::Entity* Find(const std::vector<report::Entity>& es, const std::string& form) {
  for (const auto& e : es) {
    for (const auto& v : e.variants) {
      if (v.form == form) return &e;
    }
  }
  return nullptr;
}

TEST(EntitiesTest, PhoneticKeysAbsorbTransliterationNoise) {
  EXPECT_EQ(PhoneticKey("Kuznetsov"), PhoneticKey("Kouznetsov"));
  EXPECT_EQ(PhoneticKey("Khalid"), PhoneticKey("Khaled"));
  EXPECT_GE(KeySimilarity(PhoneticKey("Yevgeny"), PhoneticKey("Evgeniy")), EntityOptions().variant_with_context);
  EXPECT_LT(KeySimilarity(PhoneticKey("Varna"), PhoneticKey("Kuznetsov")), EntityOptions().variant_with_context);
}

TEST(EntitiesTest, MergesVariantsWithContextAndKeepsLookAlikesApart) {
  std::vector<Article> articles = Articles();
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  auto entities = BuildEntities(ptrs, {});
  const report::Entity* minister = Find(entities, "Yevgeny Kuznetsov");
  ASSERT_NE(minister, nullptr);
  EXPECT_EQ(minister, Find(entities, "Evgeniy Kouznetsov"));  // aligned sentences, shared role
  EXPECT_EQ(minister, Find(entities, "Kuznetsov"));           // short form
  EXPECT_EQ(minister->type, "person");
  bool energy_minister = false;
  for (const auto& r : minister->roles) energy_minister |= r.role == "energy minister";
  EXPECT_TRUE(energy_minister);
  EXPECT_LT(minister->confidence, 1.0);
  // Same spelling pattern, different people: no shared context, no merge.
  const report::Entity* striker = Find(entities, "Danielle Okafur");
  const report::Entity* mayor = Find(entities, "Daniel Okafor");
  ASSERT_NE(striker, nullptr);
  ASSERT_NE(mayor, nullptr);
  EXPECT_NE(striker, mayor);
  // Particles and hyphens: "al-Mansouri" and "Al Mansuri".
  const report::Entity* spokesman = Find(entities, "Khalid al-Mansouri");
  ASSERT_NE(spokesman, nullptr);
  EXPECT_EQ(spokesman, Find(entities, "Khaled Al Mansuri"));
}


// Types from context cues, on invented places (no gazetteer can know them)
// and on real countries of the world (the gazetteer's class).
TEST(EntitiesTest, TypesPlacesNationalitiesAndPeopleFromCues) {
  auto make = [](std::string id, std::string text) {
    Article a;
    a.id = std::move(id);
    a.text = std::move(text);
    return a;
  };
  std::vector<Article> articles = {
      make("one",
           "KORVALDA, Velmaria \u2014 Velmaria's foreign minister Olek Brandstrom said the ferry would sail again.\n"
           "Velmarian officials met Brazilian envoys and Chile sent a tug.\n"
           "The ferry sank in the Tarsa Sea during a storm, Brandstrom said.\n"
           "A deckhand told Radio Keldor that the lifeboats were chained.\n"),
      make("two",
           "Velmaria's government confirmed that Velmarian divers had reached the wreck in the Tarsa Sea.\n"
           "Brazilians and Velmarians joined the search, according to Brandstrom.\n"
           "One diver told Keldor Sentinel that the hull had split.\n"),
  };
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  auto entities = BuildEntities(ptrs, {});
  auto type_of = [&](const std::string& form) {
    const report::Entity* e = Find(entities, form);
    return e ? e->type : std::string("(missing)");
  };
  EXPECT_EQ(type_of("Velmaria"), "place");      // "Velmaria's government", dateline
  EXPECT_EQ(type_of("Velmarian"), "nationality");  // Velmaria + demonym suffix
  EXPECT_EQ(type_of("Velmarians"), "nationality");
  EXPECT_EQ(type_of("Brazilian"), "nationality");
  EXPECT_EQ(type_of("Chile"), "place");
  EXPECT_EQ(type_of("Tarsa Sea"), "place");
  EXPECT_EQ(type_of("Olek Brandstrom"), "person");
  EXPECT_EQ(type_of("Radio Keldor"), "organization");  // organisation word
  EXPECT_EQ(type_of("Keldor Sentinel"), "organization");  // "told X", never titled
  // Nationality adjectives come after the named things.
  bool seen_nationality = false;
  for (const report::Entity& e : entities) {
    if (e.type == "nationality") seen_nationality = true;
    else EXPECT_FALSE(seen_nationality) << e.name << " listed after a nationality";
  }
}

// The type of the entity with variant `form` among the entities of a story
// of these article texts.
std::string TypeIn(const std::vector<std::string>& texts, const std::string& form) {
  std::vector<Article> articles;
  for (size_t i = 0; i < texts.size(); ++i) {
    Article a;
    a.id = "a" + std::to_string(i);
    a.text = texts[i];
    articles.push_back(std::move(a));
  }
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  ptrs.reserve(docs.size());
  for (const Document& d : docs) ptrs.push_back(&d);
  auto entities = BuildEntities(ptrs, {});
  const report::Entity* e = Find(entities, form);
  return e ? e->type : std::string("(missing)");
}

// A country's name as a person's first name or surname (untitled, never
// quoted) is a person; the same word alone is still the country.
TEST(EntitiesTest, CountryNamedPersonIsAPerson) {
  EXPECT_EQ(TypeIn({"Tamsin Jordan scored twice in the second half at Drevnik Park.\n"
                     "Jordan, who joined from a rival club in spring, now has nine goals this season.\n",
                     "A late goal by Jordan settled the match in front of a full stand.\n"},
                    "Jordan"),
            "person");
  EXPECT_EQ(TypeIn({"Georgia Markel finished third in the sprint final at Lake Orvan.\n",
                     "Third place went to Georgia Markel after a photo finish.\n"},
                    "Georgia Markel"),
            "person");
  EXPECT_EQ(TypeIn({"Trucks waited for two days at the border crossing into Jordan.\n",
                     "Jordan reopened the crossing on Monday after talks in Amman.\n"},
                    "Jordan"),
            "place");
  EXPECT_EQ(TypeIn({"Trucks waited at the crossing into the Kingdom of Jordan on Monday.\n"}, "Jordan"), "place");
}

// A bare country name that speaks as "he" or "she", or takes ", who", is a
// person; "it", a preposition before it, or a country's marks elsewhere in
// the story keep it a place.
TEST(EntitiesTest, BareCountryNameWithPersonalCuesIsAPerson) {
  EXPECT_EQ(TypeIn({"The harbour committee of Brenmore met late on Tuesday.\n"
                    "On Tuesday, Georgia said she would table a new motion on the dredging budget.\n",
                    "The dredging motion comes back next week, the committee clerk confirmed.\n"},
                   "Georgia"),
            "person");
  EXPECT_EQ(TypeIn({"The vote went against the dredging plan after Jordan, who chairs the committee, spoke.\n"},
                   "Jordan"),
            "person");
  EXPECT_EQ(TypeIn({"Speaking late, Jordan told reporters he had not seen the final figures.\n"}, "Jordan"),
            "person");
  EXPECT_EQ(TypeIn({"On Monday, Jordan said it would close the northern crossing.\n"}, "Jordan"), "place");
  EXPECT_EQ(TypeIn({"A voter from Georgia said she would back the dredging motion.\n"}, "Georgia"), "place");
  EXPECT_EQ(TypeIn({"The talks stalled when Jordan's government closed the northern crossing.\n",
                    "On Monday, Jordan said he would send envoys to the talks in Velmar.\n"},
                   "Jordan"),
            "place");
}

}  // namespace
}  // namespace rashomon
