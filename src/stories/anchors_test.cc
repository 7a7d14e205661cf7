#include "stories/anchors.h"

#include <gtest/gtest.h>

#include "base/hash.h"
#include "stories/join_model.h"
#include "stories/stories.h"
#include "text/corpus.h"
#include "text/document.h"

namespace rashomon {
namespace {

// 2031-06-11 was a Wednesday.
constexpr int64_t kWednesday = 1938938400;  // 2031-06-11 10:00 UTC

Article Make(std::string id, std::string text, std::optional<int64_t> published = kWednesday) {
  Article a;
  a.id = std::move(id);
  a.text = std::move(text);
  a.published = published;
  return a;
}

EventAnchors AnchorsOf(const Article& a) {
  Document d = BuildDocument(a, nullptr);
  return ExtractAnchors(d);
}

TEST(AnchorsTest, CalendarArithmetic) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2031, 6, 11), static_cast<int32_t>(kWednesday / 86400));
  EXPECT_EQ(WeekdayOfDay(DaysFromCivil(2031, 6, 11)), 3);
  EXPECT_EQ(WeekdayOfDay(0), 4);  // a Thursday
  EXPECT_FALSE(PublicationDay(0).has_value());  // 1970: a placeholder clock
  EXPECT_FALSE(PublicationDay(std::nullopt).has_value());
  EXPECT_TRUE(PublicationDay(kWednesday).has_value());
}

TEST(AnchorsTest, RelativeDatesResolveAgainstThePublication) {
  const int32_t pub = DaysFromCivil(2031, 6, 11);
  EventAnchors a = AnchorsOf(Make("a", "Gunmen attacked a bakery in Veltrona yesterday, police said."));
  EXPECT_EQ(a.day, pub - 1);
  EXPECT_TRUE(a.day_from_text);
  EXPECT_FALSE(a.day_explicit);
  EventAnchors b = AnchorsOf(Make("b", "A bakery in Veltrona was attacked on Monday, police said."));
  EXPECT_EQ(b.day, pub - 2);
  EventAnchors c = AnchorsOf(Make("c", "Officials in Veltrona said on Wednesday the bakery would reopen."));
  EXPECT_EQ(c.day, pub);
  EventAnchors d = AnchorsOf(Make("d", "Police in Veltrona closed the case last week."));
  EXPECT_EQ(d.day, pub - 7);
  EventAnchors e = AnchorsOf(Make("e", "The bakery in Veltrona was attacked on June 9, police said."));
  EXPECT_EQ(e.day, DaysFromCivil(2031, 6, 9));
  // A month and day after the publication belong to the year before.
  EventAnchors f = AnchorsOf(Make("f", "The bakery in Veltrona was attacked on 20 December, police said."));
  EXPECT_EQ(f.day, DaysFromCivil(2030, 12, 20));
}

TEST(AnchorsTest, FullDatesNeedNoPublicationAndBadClocksAreIgnored) {
  EventAnchors a = AnchorsOf(Make("a", "Flooding hit Orvale on March 3, 2029, the mayor said.", std::nullopt));
  EXPECT_EQ(a.day, DaysFromCivil(2029, 3, 3));
  EXPECT_TRUE(a.day_explicit);
  // No publication time: a weekday says nothing.
  EventAnchors b = AnchorsOf(Make("b", "Flooding hit Orvale on Tuesday, the mayor said.", std::nullopt));
  EXPECT_FALSE(b.has_day());
  // A 1970 clock is no clock.
  EventAnchors c = AnchorsOf(Make("c", "Flooding hit Orvale on Tuesday, the mayor said.", 0));
  EXPECT_FALSE(c.has_day());
  // Nothing in the text: the publication day.
  EventAnchors d = AnchorsOf(Make("d", "Flooding hit Orvale, the mayor said."));
  EXPECT_EQ(d.day, DaysFromCivil(2031, 6, 11));
  EXPECT_FALSE(d.day_from_text);
}

TEST(AnchorsTest, PlacesAndPeople) {
  EventAnchors a = AnchorsOf(Make("a", "A man was shot dead in Karvelo on Tuesday. Police named him as Tomas Ebrecht."));
  EventAnchors b = AnchorsOf(Make("b", "Tomas Ebrecht, 34, died after a shooting in Karvelo, police said."));
  EventAnchors c = AnchorsOf(Make("c", "A woman was shot dead in Lindomar on Tuesday. Police named her as Ana Quirell."));
  EXPECT_NE(a.place, 0u);
  EXPECT_EQ(a.place, b.place);
  EXPECT_NE(a.place, c.place);
  EXPECT_FALSE(a.who.empty());
  const uint64_t ebrecht = Hash64("ebrecht");
  (void)ebrecht;
  JoinFeatures same = PairJoinFeatures(0.3f, a, b);
  JoinFeatures other = PairJoinFeatures(0.3f, a, c);
  EXPECT_GT(same[kWhoShared], 0.0f);
  EXPECT_EQ(same[kWhoConflict], 0.0f);
  EXPECT_EQ(other[kWhoShared], 0.0f);
  EXPECT_EQ(other[kWhoConflict], 1.0f);
  EXPECT_EQ(other[kPlaceConflict], 1.0f);
  EXPECT_EQ(same[kPlaceSame], 1.0f);
}

TEST(AnchorsTest, PackRoundTripsAndRejectsGarbage) {
  EventAnchors a = AnchorsOf(Make("a", "A man was shot dead in Karvelo on Tuesday. Police named him as Tomas Ebrecht."));
  EventAnchors back;
  ASSERT_TRUE(UnpackAnchors(PackAnchors(a), &back));
  EXPECT_EQ(back, a);
  std::string packed = PackAnchors(a);
  EXPECT_FALSE(UnpackAnchors(packed.substr(0, packed.size() - 3), &back));
  EXPECT_EQ(back, EventAnchors());
  EXPECT_FALSE(UnpackAnchors("", &back));
  EXPECT_FALSE(UnpackAnchors(std::string(40, '\xff'), &back));
}

TEST(JoinModelTest, DatesNeverPullAPairTogether) {
  JoinFeatures f{};
  f[kTopic] = std::log(0.3f);
  const float plain = JoinScore(f);
  JoinFeatures far = f;
  far[kDaysPublished] = 3.0f;
  far[kDaysText] = 3.0f;
  EXPECT_LE(JoinScore(far), plain);
  JoinWeights rising = kDefaultJoinWeights;
  rising.w[kDaysText] = 2.0f;  // even a model that would reward a date gap
  rising.w[kDaysPublished] = 2.0f;
  EXPECT_LE(JoinScore(far, rising), JoinScore(f, rising));
  // With no anchors the score is the similarity itself.
  EXPECT_NEAR(plain, 0.3f, 1e-5);
}

std::vector<uint32_t> Stories(const std::vector<Article>& articles) {
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  return FindStories(ptrs).story_of;
}

constexpr int64_t kDay = 86400;

// Two events of one kind, close in vocabulary, kept apart by strong anchor
// disagreement (StrongAnchorConflict): another city and other named
// victims on the same day.
TEST(AnchorsStoriesTest, TwoShootingsOnOneDayInTwoCitiesStayApart) {
  std::vector<Article> a = {
      Make("k1", "A 34-year-old man, Tomas Ebrecht, was shot dead outside a bar in Karvelo late on Tuesday, "
                 "police said.\nOfficers in Karvelo are searching for a gunman who fled in a grey car.\n"
                 "Ebrecht's family said he had just finished a shift at the bar."),
      Make("k2", "Police in Karvelo are hunting a gunman after Tomas Ebrecht, 34, was killed outside a bar "
                 "on Tuesday night.\nThe gunman escaped in a grey car, Karvelo police said.\n"
                 "Relatives said Ebrecht had finished work at the bar minutes earlier.", kWednesday + 3600),
      Make("l1", "A 29-year-old woman, Ana Quirell, was shot dead outside a bar in Lindomar late on Tuesday, "
                 "police said.\nOfficers in Lindomar are searching for a gunman who fled on foot.\n"
                 "Quirell's family said she had just finished a shift at the bar."),
      Make("l2", "Police in Lindomar are hunting a gunman after Ana Quirell, 29, was killed outside a bar "
                 "on Tuesday night.\nThe gunman escaped on foot, Lindomar police said.\n"
                 "Relatives said Quirell had finished work at the bar minutes earlier.", kWednesday + 7200),
  };
  std::vector<uint32_t> s = Stories(a);
  EXPECT_EQ(s[0], s[1]);
  EXPECT_EQ(s[2], s[3]);
  EXPECT_NE(s[0], s[2]);
}

// One city, the event days a week apart and other streets named.
TEST(AnchorsStoriesTest, ThreeIncidentsInOneCityOnDifferentDaysStayApart) {
  auto fire = [](std::string id, const std::string& street, const std::string& day, int64_t published) {
    return Make(std::move(id),
                "Firefighters in Brastow put out a blaze at a warehouse on " + street + " on " + day +
                    ", the Brastow fire service said.\nNo one was hurt in the Brastow warehouse fire, "
                    "the fire service said.\nThe cause of the fire is under investigation.",
                published);
  };
  // Published on three days a week apart, each with a rewrite.
  std::vector<Article> a = {
      fire("f1", "Mill Street", "Monday", kWednesday - 2 * kDay),
      fire("f2", "Mill Street", "Monday", kWednesday - 2 * kDay + 5000),
      fire("g1", "Quay Road", "Monday", kWednesday + 5 * kDay),
      fire("g2", "Quay Road", "Monday", kWednesday + 5 * kDay + 5000),
      fire("h1", "Tanner Lane", "Monday", kWednesday + 12 * kDay),
      fire("h2", "Tanner Lane", "Monday", kWednesday + 12 * kDay + 5000),
  };
  std::vector<uint32_t> s = Stories(a);
  EXPECT_EQ(s[0], s[1]);
  EXPECT_EQ(s[2], s[3]);
  EXPECT_EQ(s[4], s[5]);
  EXPECT_NE(s[0], s[2]);
  EXPECT_NE(s[2], s[4]);
  EXPECT_NE(s[0], s[4]);
}

TEST(AnchorsStoriesTest, RewritesOfOneEventJoinAndBadDatesDoNotBreakIt) {
  std::vector<Article> a = {
      Make("r1", "The Orvale dam operator opened all six spillway gates on Sunday after days of rain, "
                 "flooding farmland along the Marra river.\nResidents of three villages were moved to "
                 "schools, the regional council said."),
      Make("r2", "Days of heavy rain forced the operator of the Orvale dam to open its six spillway gates "
                 "on Sunday.\nFarmland along the Marra river flooded and three villages were evacuated to "
                 "schools, according to the regional council.", std::nullopt),
      Make("r3", "Farmland along the Marra river was flooded after the Orvale dam opened six spillway gates, "
                 "the regional council said.\nThree villages were moved to schools.", 0),
      Make("r4", "Orvale dam opens six spillway gates after rain; Marra farmland flooded, villages evacuated",
           kWednesday + 400 * kDay),
      Make("x1", "A new tram line opened in Brastow on Sunday, linking the port with the university.\n"
                 "The city council said the line would carry twenty thousand riders a day."),
  };
  a[3].title = "Orvale dam opens six spillway gates after rain";
  std::vector<uint32_t> s = Stories(a);
  EXPECT_EQ(s[0], s[1]);
  EXPECT_EQ(s[0], s[2]);
  EXPECT_NE(s[0], s[4]);
  // A future publication date keeps a rewrite out at worst; it never
  // pulls the tram story in.
  EXPECT_NE(s[3], s[4]);
}

// The same two shootings told in other words (a paraphrase, not a copy of
// the test above), the cities in datelines, arriving interleaved.
TEST(AnchorsStoriesTest, ParaphrasedSameDayIncidentsInTwoTownsStayApart) {
  std::vector<Article> a = {
      Make("m1", "MERIDAL - Gunfire outside a pharmacy killed Oskar Venhaus, a 51-year-old night porter, "
                 "on Tuesday evening, the town's police said.\nDetectives in Meridal asked witnesses of the "
                 "pharmacy shooting to come forward.\nVenhaus had worked nights for twenty years."),
      Make("p1", "PORTHALE - Gunfire outside a pharmacy killed Lisa Dornbeck, a 45-year-old night nurse, "
                 "on Tuesday evening, the town's police said.\nDetectives in Porthale asked witnesses of the "
                 "pharmacy shooting to come forward.\nDornbeck had worked nights for twenty years.",
           kWednesday + 1800),
      Make("m2", "Oskar Venhaus, 51, a night porter, died in a shooting outside a pharmacy in Meridal on "
                 "Tuesday evening, police said.\nDetectives asked witnesses to come forward.\n"
                 "Venhaus had worked nights for twenty years.", kWednesday + 3600),
      Make("p2", "Lisa Dornbeck, 45, a night nurse, died in a shooting outside a pharmacy in Porthale on "
                 "Tuesday evening, police said.\nDetectives asked witnesses to come forward.\n"
                 "Dornbeck had worked nights for twenty years.", kWednesday + 5400),
  };
  std::vector<uint32_t> s = Stories(a);
  EXPECT_EQ(s[0], s[2]);
  EXPECT_EQ(s[1], s[3]);
  EXPECT_NE(s[0], s[1]);
}

// A later report of one event, published days after it and naming its
// date: the same people, so no veto.
TEST(AnchorsStoriesTest, FollowUpNamingTheSamePeopleStaysInTheStory) {
  std::vector<Article> a = {
      Make("e1", "Firefighters fought a blaze at the Halvern paper mill on Monday, and the owner Rudi Kastell "
                 "said the mill would close for a month.\nNo one was hurt in the fire at the mill in Halvern.",
           kWednesday - 2 * kDay),
      Make("e2", "The Halvern paper mill fire on Monday caused damage worth millions, owner Rudi Kastell said "
                 "on Friday.\nThe mill in Halvern will close for a month after the fire.",
           kWednesday + 9 * kDay),
  };
  std::vector<uint32_t> s = Stories(a);
  EXPECT_EQ(s[0], s[1]);
}

EventAnchors Anchors(const std::vector<std::string>& who, const std::vector<std::string>& where, const std::string& place,
                     int32_t day = EventAnchors::kNoDay, bool from_text = false, bool is_explicit = false) {
  EventAnchors a;
  for (const std::string& w : who) a.who.push_back(Hash64(w));
  for (const std::string& w : where) a.where.push_back(Hash64(w));
  std::sort(a.who.begin(), a.who.end());
  std::sort(a.where.begin(), a.where.end());
  if (!place.empty()) a.place = Hash64(place);
  a.day = day;
  a.day_from_text = from_text;
  a.day_explicit = is_explicit;
  return a;
}

TEST(JoinVetoTest, OtherPlaceAndOtherPeople) {
  const EventAnchors k = Anchors({"tomas", "ebrecht"}, {"karvelo"}, "karvelo");
  const EventAnchors l = Anchors({"ana", "quirell"}, {"lindomar"}, "lindomar");
  EXPECT_EQ(StrongAnchorConflict(k, l, 4, 0), AnchorVeto::kPlaceAndPeople);
  // A name word in common, as a person on one side and a place on the
  // other, is agreement enough.
  const EventAnchors l2 = Anchors({"ana", "karvelo"}, {"lindomar"}, "lindomar");
  EXPECT_EQ(StrongAnchorConflict(k, l2, 4, 0), AnchorVeto::kNone);
  // The same people in two places: a report may name where the victim
  // lived and where he died.
  const EventAnchors k2 = Anchors({"tomas", "ebrecht"}, {"lindomar"}, "lindomar");
  EXPECT_EQ(StrongAnchorConflict(k, k2, 4, 0), AnchorVeto::kNone);
  // One name word is too little to say who.
  const EventAnchors l3 = Anchors({"quirell"}, {"lindomar"}, "lindomar");
  EXPECT_EQ(StrongAnchorConflict(k, l3, 4, 0), AnchorVeto::kNone);
  // No place on one side.
  const EventAnchors l4 = Anchors({"ana", "quirell"}, {}, "");
  EXPECT_EQ(StrongAnchorConflict(k, l4, 4, 0), AnchorVeto::kNone);
  // Families masked out (ablations).
  EXPECT_EQ(StrongAnchorConflict(k, l, 4, 0, join_family::kWhere | join_family::kWhen), AnchorVeto::kNone);
}

TEST(JoinVetoTest, EventDaysApart) {
  const int32_t day = DaysFromCivil(2031, 6, 9);
  // Days read against publications a week apart, other streets named.
  const EventAnchors f = Anchors({"mill", "street"}, {"brastow"}, "brastow", day, true);
  const EventAnchors g = Anchors({"quay", "road"}, {"brastow"}, "brastow", day + 7, true);
  EXPECT_EQ(StrongAnchorConflict(f, g, 4, 7), AnchorVeto::kEventDays);
  EXPECT_EQ(StrongAnchorConflict(f, g, 8, 7), AnchorVeto::kNone);  // within max_days
  // Publications a day apart: a weekday resolved a week apart is a reading
  // error, not two events.
  EXPECT_EQ(StrongAnchorConflict(f, g, 4, 1), AnchorVeto::kNone);
  EXPECT_EQ(StrongAnchorConflict(f, g, 4, -1), AnchorVeto::kNone);  // publications unknown
  // Full dates need no publication time.
  const EventAnchors fe = Anchors({"mill", "street"}, {"brastow"}, "brastow", day, true, true);
  const EventAnchors ge = Anchors({"quay", "road"}, {"brastow"}, "brastow", day + 7, true, true);
  EXPECT_EQ(StrongAnchorConflict(fe, ge, 4, -1), AnchorVeto::kEventDays);
  // A full date against a relative one: two clocks, not compared.
  EXPECT_EQ(StrongAnchorConflict(fe, g, 4, 7), AnchorVeto::kNone);
  // The same people: a follow-up of one event.
  const EventAnchors f2 = Anchors({"mill", "street"}, {"brastow"}, "brastow", day + 7, true);
  EXPECT_EQ(StrongAnchorConflict(f, f2, 4, 7), AnchorVeto::kNone);
  // Publication days only (nothing dated in the text) never veto.
  const EventAnchors gp = Anchors({"quay", "road"}, {"brastow"}, "brastow", day + 7, false);
  EXPECT_EQ(StrongAnchorConflict(f, gp, 4, 7), AnchorVeto::kNone);
  EXPECT_EQ(StrongAnchorConflict(f, g, 4, 7, join_family::kWho | join_family::kWhere), AnchorVeto::kNone);
}

TEST(JoinVetoTest, PublishedDaysApartIgnoresBadClocks) {
  EXPECT_EQ(PublishedDaysApart(kWednesday, kWednesday + 7 * kDay + 5), 7);
  EXPECT_EQ(PublishedDaysApart(kWednesday, std::nullopt), -1);
  EXPECT_EQ(PublishedDaysApart(kWednesday, 0), -1);  // 1970: no clock
}

}  // namespace
}  // namespace rashomon

namespace rashomon {
namespace {

EventAnchors AnchorsIn(std::string text, std::string lang, std::optional<int64_t> published = kWednesday) {
  Article a = Make("x", std::move(text), published);
  a.lang = std::move(lang);
  return AnchorsOf(a);
}

TEST(AnchorsTest, DatesInOtherLanguages) {
  const int32_t pub = DaysFromCivil(2031, 6, 11);  // a Wednesday
  EXPECT_EQ(AnchorsIn("Una panadería de Veltrona fue asaltada el 1 de marzo de 2029, dijo la policía.", "es",
                      std::nullopt)
                .day,
            DaysFromCivil(2029, 3, 1));
  EXPECT_EQ(AnchorsIn("Eine Bäckerei in Veltrona wurde am 3. März 2029 überfallen, sagte die Polizei.", "de",
                      std::nullopt)
                .day,
            DaysFromCivil(2029, 3, 3));
  EXPECT_EQ(AnchorsIn("Une boulangerie de Veltrona a été attaquée le 9 juin, selon la police.", "fr").day,
            DaysFromCivil(2031, 6, 9));
  EXPECT_EQ(AnchorsIn("Een bakkerij in Veltrona werd maandag overvallen, zei de politie.", "nl").day, pub - 2);
  EXPECT_EQ(AnchorsIn("Una panetteria di Veltrona è stata assaltata ieri, ha detto la polizia.", "it").day,
            pub - 1);
  EXPECT_EQ(AnchorsIn("Uma padaria em Veltrona foi assaltada na segunda-feira, disse a polícia.", "pt").day,
            pub - 2);
  EXPECT_EQ(AnchorsIn("Пекарню в Велтроне ограбили 9 июня, сообщила полиция.", "ru").day,
            DaysFromCivil(2031, 6, 9));
  // The same words in an English article are no dates ("Domingo" is a name).
  EventAnchors en = AnchorsIn("Placido Domingo sang in Veltrona, police said.", "en");
  EXPECT_FALSE(en.day_from_text);
}

}  // namespace
}  // namespace rashomon
