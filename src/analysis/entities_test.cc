#include "analysis/entities.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/entity_merge.h"
#include "analysis/names.h"
#include "text/corpus.h"
#include "analysis/test_entities.h"

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

constexpr auto Find = &testing::EntityWithForm;

TEST(EntitiesTest, PhoneticKeysAbsorbTransliterationNoise) {
  EXPECT_EQ(PhoneticKey("Kuznetsov"), PhoneticKey("Kouznetsov"));
  EXPECT_EQ(PhoneticKey("Khalid"), PhoneticKey("Khaled"));
  EXPECT_EQ(PhoneticKey("Konitz"), PhoneticKey("Konic"));      // Slavic c = ts
  EXPECT_EQ(PhoneticKey("Djamal"), PhoneticKey("Jamal"));
  EXPECT_EQ(PhoneticKey("Dzhamal"), PhoneticKey("Jamal"));
  EXPECT_EQ(ConsonantSkeleton(PhoneticKey("Maylen")), ConsonantSkeleton(PhoneticKey("Majlen")));  // j/y
  EXPECT_NE(PhoneticKey("Carter"), PhoneticKey("Sarter"));   // hard c stays k
  EXPECT_GE(KeySimilarity(PhoneticKey("Yevgeny"), PhoneticKey("Evgeniy")), EntityOptions().variant_with_context);
  EXPECT_LT(KeySimilarity(PhoneticKey("Varna"), PhoneticKey("Kuznetsov")), EntityOptions().variant_with_context);
}

TEST(EntitiesTest, MergesVariantsWithContextAndKeepsLookAlikesApart) {
  std::vector<Article> articles = Articles();
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  ptrs.reserve(docs.size());
  for (const Document& d : docs) ptrs.push_back(&d);
  auto entities = BuildEntities(ptrs, {});
  const report::Entity* minister = Find(entities, "Yevgeny Kuznetsov");
  ASSERT_NE(minister, nullptr);
  EXPECT_EQ(minister, Find(entities, "Evgeniy Kouznetsov"));  // aligned sentences, shared role
  EXPECT_EQ(minister, Find(entities, "Kuznetsov"));           // short form
  EXPECT_EQ(minister->type, "person");
  bool energy_minister = false;
  for (const auto& r : minister->roles) energy_minister |= RoleKey(r.role) == "energy minister";
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


// A German title before a name is the person's role, not part of the name.
TEST(EntitiesTest, GermanTitlesAreRoles) {
  std::vector<Article> articles;
  Article a;
  a.id = "de1";
  a.lang = "de";
  a.text = "Die Br\u00fccke bleibt gesperrt. Direktorin Greta Malven sagte am Montag, die Arbeiten dauerten bis Mai.\n"
           "Nach Angaben von Greta Malven wurde niemand verletzt.\n";
  articles.push_back(a);
  std::vector<Document> docs = BuildDocuments(articles);
  auto entities = BuildEntities({&docs[0]}, {});
  const report::Entity* director = Find(entities, "Greta Malven");
  ASSERT_NE(director, nullptr);
  EXPECT_EQ(Find(entities, "Direktorin Greta Malven"), nullptr);
  bool role = false;
  for (const auto& r : director->roles) role |= RoleKey(r.role) == "direktorin";
  EXPECT_TRUE(role);
  EXPECT_TRUE(IsTitleWordOf("de", "innenministerin"));
  EXPECT_TRUE(IsTitleWordOf("nl", "oud-premier"));
  EXPECT_FALSE(IsTitleWordOf("de", "malven"));
  EXPECT_FALSE(IsTitleWordOf("en", "direktorin"));
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
  ptrs.reserve(docs.size());
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


// Entities of a story of these article texts (ids a0, a1, ...).
std::vector<report::Entity> EntitiesOf(const std::vector<std::string>& texts) {
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
  return BuildEntities(ptrs, {});
}

bool HasForm(const std::vector<report::Entity>& es, const std::string& form) { return Find(es, form) != nullptr; }

TEST(EntitiesTest, OnlySpellingsSpellAName) {
  std::vector<report::Variant> vs = {{"Velmar Border Guards Corps", {"a"}}, {"VBGC", {"b"}},
                                     {"Border Guard", {"c"}}, {"Velmar Bordr Guards Corps", {"d"}}};
  EXPECT_TRUE(SpellsName(vs[0], vs));
  EXPECT_FALSE(SpellsName(vs[1], vs));  // acronym
  EXPECT_FALSE(SpellsName(vs[2], vs));  // a piece of the name
  EXPECT_TRUE(SpellsName(vs[3], vs));
}

TEST(EntitiesTest, AcronymHelpers) {
  EXPECT_EQ(AcronymLetters("WTO"), "WTO");
  EXPECT_EQ(AcronymLetters("U.N."), "UN");
  EXPECT_EQ(AcronymLetters("Wto"), "");
  EXPECT_EQ(AcronymLetters("A"), "");
  std::vector<std::string> initials = NameInitials({"bank", "of", "the", "northern", "isles"});
  ASSERT_EQ(initials.size(), 2u);
  EXPECT_EQ(initials[0], "BOTNI");
  EXPECT_EQ(initials[1], "BNI");
  EXPECT_EQ(ConsonantSkeleton(PhoneticKey("Vaziri")), ConsonantSkeleton(PhoneticKey("Wazeery")));
  EXPECT_NE(ConsonantSkeleton(PhoneticKey("Vaziri")), ConsonantSkeleton(PhoneticKey("Valdez")));
}

// Acronyms join the one spelled-out name of the story whose initials they
// spell (function words skipped, "Guards"/"Guard" alike), never a person's
// name and never when two names spell them.
TEST(EntitiesTest, AcronymsJoinTheirLongForms) {
  auto es = EntitiesOf({"The Coastal Fisheries Authority closed the northern banks on Monday.\n"
                        "Trawlers of the Velmar Border Guards Corps escorted the last boats home.\n",
                        "CFA inspectors said the banks would reopen in spring, and VBGC boats stayed at sea.\n"
                        "The Velmar Border Guard Corps denied that any boat had been seized.\n"});
  ASSERT_TRUE(HasForm(es, "CFA"));
  EXPECT_EQ(Find(es, "CFA"), Find(es, "Coastal Fisheries Authority"));
  EXPECT_EQ(Find(es, "VBGC"), Find(es, "Velmar Border Guards Corps"));
  EXPECT_EQ(Find(es, "Velmar Border Guard Corps"), Find(es, "Velmar Border Guards Corps"));
  EXPECT_EQ(Find(es, "CFA")->name, "Coastal Fisheries Authority");  // never the acronym as name
  // Two names spell "CFA": no merge; a person's initials are no acronym.
  auto two = EntitiesOf({"The Coastal Fisheries Authority and the Central Finance Agency met on Monday.\n",
                         "Officials of the CFA declined to comment.\n"});
  ASSERT_TRUE(HasForm(two, "CFA"));
  EXPECT_NE(Find(two, "CFA"), Find(two, "Coastal Fisheries Authority"));
  EXPECT_NE(Find(two, "CFA"), Find(two, "Central Finance Agency"));
  auto person = EntitiesOf({"Harbour Master Ilse Marten Kovac said the quay was closed.\n",
                            "On Tuesday the IMK crews repaired the quay.\n"});
  ASSERT_TRUE(HasForm(person, "IMK"));
  EXPECT_NE(Find(person, "IMK"), Find(person, "Ilse Marten Kovac"));
}

// Short forms: a surname, "al-X" or a ship's name without its prefix joins
// the one longer name it ends; two people of one surname keep it apart.
TEST(EntitiesTest, ShortFormsJoinTheOneLongerName) {
  auto es = EntitiesOf({"Karim al-Tavoosi, a lecturer at Orvan University, said the dock strike would spread.\n"
                        "The freighter MV Northern Gannet was held at the quay for a week.\n",
                        "Speaking at a rally, al-Tavoosi said the dockers would not back down.\n"
                        "Crews of the Northern Gannet were told to stay on board, Tavoosi said.\n"});
  ASSERT_TRUE(HasForm(es, "Karim al-Tavoosi"));
  EXPECT_EQ(Find(es, "al-Tavoosi"), Find(es, "Karim al-Tavoosi"));
  EXPECT_EQ(Find(es, "Tavoosi"), Find(es, "Karim al-Tavoosi"));
  EXPECT_EQ(Find(es, "Northern Gannet"), Find(es, "MV Northern Gannet"));
  EXPECT_EQ(Find(es, "Northern Gannet")->name, "MV Northern Gannet");  // the full form names it
  EXPECT_EQ(Find(es, "Karim al-Tavoosi")->name, "Karim al-Tavoosi");
  auto two = EntitiesOf({"Lena Ostrova and Pavel Ostrova ran the ferry company for a decade.\n",
                         "Ostrova said the ferries would sail again on Monday.\n"});
  ASSERT_TRUE(HasForm(two, "Ostrova"));
  EXPECT_NE(Find(two, "Ostrova"), Find(two, "Lena Ostrova"));
  EXPECT_NE(Find(two, "Ostrova"), Find(two, "Pavel Ostrova"));
}

// A machine translation's respellings of one surname (vowels, doubled
// letters, w/v, z/s) join the one entity of that consonant skeleton; not
// when two people offer it, not when their first names differ, not when the
// two spellings share a sentence.
TEST(EntitiesTest, TransliterationVariantsWithGuards) {
  auto es = EntitiesOf({"Trade Minister Dariush Vaziri said the tariffs would be lifted by June.\n"
                        "Vaziri spoke after a meeting with the dockers' union.\n",
                        "According to Wazeery, exports of grain would double within the year.\n"
                        "Dockers cheered when Vazirie arrived at the port of Keldor.\n"});
  ASSERT_TRUE(HasForm(es, "Dariush Vaziri"));
  EXPECT_EQ(Find(es, "Wazeery"), Find(es, "Dariush Vaziri"));
  EXPECT_EQ(Find(es, "Vazirie"), Find(es, "Dariush Vaziri"));
  EXPECT_LT(Find(es, "Wazeery")->confidence, 1.0);
  // Two people with that skeleton: the one-word spelling stays alone.
  auto two = EntitiesOf({"Ilya Morozan and Petra Marozin signed the harbour deal on Monday.\n",
                         "Officials said Morrazan had left the talks early.\n"});
  ASSERT_TRUE(HasForm(two, "Morrazan"));
  EXPECT_NE(Find(two, "Morrazan"), Find(two, "Ilya Morozan"));
  EXPECT_NE(Find(two, "Morrazan"), Find(two, "Petra Marozin"));
  // Different first names: two people, even with one surname skeleton each.
  auto firsts = EntitiesOf({"Ilya Morozan chaired the harbour board for a decade.\n",
                            "The new chair, Petra Marozin, said the board would meet in May.\n"});
  EXPECT_NE(Find(firsts, "Ilya Morozan"), Find(firsts, "Petra Marozin"));
  // Named side by side: two people.
  auto side = EntitiesOf({"Teodor Gravanis met Gravenis in the port office on Friday.\n"});
  ASSERT_TRUE(HasForm(side, "Gravenis"));
  EXPECT_NE(Find(side, "Gravenis"), Find(side, "Teodor Gravanis"));
}

// No entities from capitalised common words, headline case or a piece cut
// out of a longer name; roles keep their case.
TEST(EntitiesTest, NoJunkEntitiesAndRolesKeepCase) {
  auto es = EntitiesOf({"Harbour Strike Ends As Dockers Accept Final Offer\n"
                        "Several Velmarian ferries stayed in port on Monday.\n"
                        "Deputy Prime Minister Ilse Varga boarded Sky Fleet One to fly to Keldor.\n"
                        "Meanwhile Velmarian dockers voted to end the strike.\n",
                        "Varga said the harbour would reopen, and dockers returned to the Keldor quays.\n"});
  EXPECT_FALSE(HasForm(es, "Several Velmarian"));
  EXPECT_TRUE(HasForm(es, "Velmarian"));
  EXPECT_FALSE(HasForm(es, "Harbour Strike Ends"));
  EXPECT_FALSE(HasForm(es, "Harbour Strike"));
  EXPECT_FALSE(HasForm(es, "Dockers Accept Final Offer"));
  EXPECT_FALSE(HasForm(es, "Sky Fleet"));
  EXPECT_TRUE(HasForm(es, "Sky Fleet One"));
  EXPECT_FALSE(HasForm(es, "Meanwhile Velmarian"));
  const report::Entity* varga = Find(es, "Ilse Varga");
  ASSERT_NE(varga, nullptr);
  EXPECT_EQ(varga, Find(es, "Varga"));
  ASSERT_EQ(varga->roles.size(), 1u);
  EXPECT_EQ(varga->roles[0].role, "Deputy Prime Minister");
  EXPECT_EQ(RoleKey("the U.S. Deputy Prime Minister,"), RoleKey("US deputy prime minister"));
  // A first name that is also a common word keeps its place in the name.
  auto mark = EntitiesOf({"Mark Tellan said the quays would open at noon to mark the end of the strike.\n"});
  EXPECT_TRUE(HasForm(mark, "Mark Tellan"));
  EXPECT_FALSE(HasForm(mark, "Tellan"));
  EXPECT_EQ(RoleDisplay("the White House Chief of Staff,"), "White House Chief of Staff");
}

// A noun for a person before a name (a passenger, a harbour master, the
// ferry's captain in commas) is that person's role, whether the article
// writes it in lower case or opens a sentence with it; it is never part of
// the name. Invented people and places.
// The person named `form` in es, with `role` among its roles (compared
// as RoleKey does); nullptr after a test failure otherwise.
const report::Entity* PersonWithRole(const std::vector<report::Entity>& es, const std::string& form,
                                     const std::string& role) {
  const report::Entity* e = Find(es, form);
  EXPECT_NE(e, nullptr) << form;
  if (e == nullptr) return nullptr;
  EXPECT_EQ(e->type, "person") << form;
  EXPECT_TRUE(std::any_of(e->roles.begin(), e->roles.end(),
                          [&](const report::Role& r) { return RoleKey(r.role) == RoleKey(role); }))
      << form << " lacks the role " << role;
  return e;
}

TEST(EntitiesTest, NounsForPeopleBeforeANameAreRoles) {
  auto es = EntitiesOf({"Passenger Ilse Brandt said the deck tilted within seconds.\n"
                        "The crossing to Ostvik was cancelled, said harbour master Tobin Ekwall.\n"
                        "The ferry's captain, Jory Penhallow, was questioned on Friday.\n"
                        "Velmarian Foreign Minister Oskar Dell flew to Ostvik.\n",
                        "When the captain left, Mara Quell locked the harbour office.\n"
                        "Harbour master Tobin Ekwall counted the passengers again.\n"});
  EXPECT_FALSE(HasForm(es, "Passenger Ilse Brandt"));
  EXPECT_FALSE(HasForm(es, "Harbour"));
  const report::Entity* brandt = PersonWithRole(es, "Ilse Brandt", "passenger");
  ASSERT_NE(brandt, nullptr);
  EXPECT_EQ(brandt->roles[0].role, "passenger");  // not the sentence's capital
  const report::Entity* ekwall = PersonWithRole(es, "Tobin Ekwall", "harbour master");
  ASSERT_NE(ekwall, nullptr);
  EXPECT_EQ(ekwall->roles.size(), 1u);  // "harbour master" and "Harbour master" are one role
  PersonWithRole(es, "Jory Penhallow", "captain");
  // A role in commas needs the name closed by a comma too: here the
  // captain and Mara Quell are two people.
  const report::Entity* quell = Find(es, "Mara Quell");
  ASSERT_NE(quell, nullptr);
  EXPECT_TRUE(quell->roles.empty());
  // A capitalised word that is not common keeps its capital.
  const report::Entity* dell = PersonWithRole(es, "Oskar Dell", "Velmarian Foreign Minister");
  ASSERT_NE(dell, nullptr);
  EXPECT_EQ(dell->roles[0].role, "Velmarian Foreign Minister");
  // "the founder of Orvanti": what the founder belongs to is no person;
  // and the nouns are English ones (Spanish "son" is "are").
  auto other = EntitiesOf({"Investors in Dunmore praised the founder of Orvanti at the harbour fair on Friday.\n",
                           "Los dos barcos nuevos de la empresa son Kestrel Dawn y Orvik Star, dijo el puerto de "
                           "Dunmore el viernes por la tarde.\n"});
  const report::Entity* orvanti = Find(other, "Orvanti");
  ASSERT_NE(orvanti, nullptr);
  EXPECT_NE(orvanti->type, "person");
  EXPECT_TRUE(orvanti->roles.empty());
  const report::Entity* dawn = Find(other, "Kestrel Dawn");
  ASSERT_NE(dawn, nullptr);
  EXPECT_NE(dawn->type, "person");
  EXPECT_TRUE(dawn->roles.empty());
}

// Spanish and Italian titles are roles, and so is the body a title names
// after "de" ("ministra de Transportes"), unless the words are a body's
// own name ("Banco Central Europeo"). Invented people.
TEST(EntitiesTest, RomanceTitlesAndTheirMinistriesAreRoles) {
  auto es = EntitiesOf({"La ministra de Transportes Ilse Brandt dijo el martes que el puerto de Orvik abrirá "
                        "pronto, aunque el presidente del Banco Central Europeo pidió cautela.\n",
                        "Il portavoce di Kessel Tobin Ekwall ha detto che il porto di Orvik riaprirà presto.\n"});
  EXPECT_FALSE(HasForm(es, "Transportes Ilse Brandt"));
  PersonWithRole(es, "Ilse Brandt", "ministra de Transportes");
  EXPECT_FALSE(HasForm(es, "Kessel Tobin Ekwall"));
  PersonWithRole(es, "Tobin Ekwall", "portavoce di Kessel");
  const report::Entity* bank = Find(es, "Banco Central Europeo");
  ASSERT_NE(bank, nullptr);
  EXPECT_NE(bank->type, "person");
}

// A noun phrase in commas after a name describes it; a clause after
// "according to Name," does not, nor does a phrase that runs on unclosed.
TEST(EntitiesTest, AppositionsAreNounPhrasesNotClauses) {
  auto es = EntitiesOf({"Tomas Brell, a spokesman for the harbour board at Dunmore, said the channel was clear.\n"
                        "According to Brell, the harbour board was expecting forty trucks on the morning ferry.\n"
                        "Officials thanked Edda Moravec, the spokeswoman of the three old ferry companies on the "
                        "river and the quay beyond them.\n"});
  const report::Entity* brell = Find(es, "Tomas Brell");
  ASSERT_NE(brell, nullptr);
  ASSERT_EQ(brell->roles.size(), 1u);
  EXPECT_EQ(brell->roles[0].role, "spokesman for the harbour board at Dunmore");
  const report::Entity* moravec = Find(es, "Edda Moravec");
  ASSERT_NE(moravec, nullptr);
  EXPECT_TRUE(moravec->roles.empty());
}

}  // namespace
}  // namespace rashomon

namespace rashomon {
namespace {

// Invented people: one minister named in Latin and in Cyrillic letters, and
// a footballer whose name looks like his in both scripts.
TEST(EntitiesTest, NamesMeetAcrossScriptsAndLookAlikesStayApart) {
  auto make = [](std::string id, std::string text, std::string lang) {
    Article a;
    a.id = std::move(id);
    a.text = std::move(text);
    a.lang = std::move(lang);
    return a;
  };
  std::vector<Article> articles = {
      make("en", "Energy Minister Ordo Kalvani said on Monday that gas exports would resume next week.\n"
                 "Kalvani told reporters in Varna that the pipeline had been repaired.\n",
           "en"),
      make("ru", "Министр энергетики Ордо Калвани заявил в понедельник, что экспорт газа возобновится.\n"
                 "По словам Калвани, трубопровод уже отремонтирован.\n",
           "ru"),
      make("sport", "В воскресенье нападающий Орда Калвини забил два гола за городской клуб.\n"
                    "The striker Orda Kalvini scored twice for the city club on Sunday.\n",
           "ru"),
  };
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  ptrs.reserve(docs.size());
  for (const Document& d : docs) ptrs.push_back(&d);
  std::vector<report::Entity> es = BuildEntities(ptrs, {});
  const report::Entity* latin = Find(es, "Ordo Kalvani");
  const report::Entity* cyrillic = Find(es, "Ордо Калвани");
  ASSERT_NE(latin, nullptr);
  ASSERT_NE(cyrillic, nullptr);
  EXPECT_EQ(latin, cyrillic);
  const report::Entity* striker = Find(es, "Orda Kalvini");
  ASSERT_NE(striker, nullptr);
  EXPECT_NE(striker, latin);
  EXPECT_EQ(Find(es, "Орда Калвини"), striker);
}

}  // namespace
}  // namespace rashomon
