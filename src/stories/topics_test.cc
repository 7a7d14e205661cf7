#include "stories/topics.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <set>
#include <string>

#include "base/strings.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

Article Make(std::string id, std::string text) {
  Article a;
  a.id = std::move(id);
  a.text = std::move(text);
  return a;
}

// Four stories, two documents each: two earthquakes in different countries
// (same kind of event, no shared names or numbers), a council budget and a
// football match.
std::vector<Article> Articles() {
  return {
      Make("q1", "A magnitude 6.1 earthquake struck near Arequipa on Monday, killing nine people.\n"
                 "Rescuers searched collapsed homes for survivors after the tremor.\n"
                 "Aftershocks rattled the damaged villages overnight.\n"),
      Make("q2", "Nine people died when a 6.1 magnitude earthquake hit Arequipa.\n"
                 "Rescuers dug through collapsed homes as aftershocks continued.\n"
                 "The tremor damaged villages across the region.\n"),
      Make("q3", "A strong earthquake of magnitude 5.8 shook Malatya on Thursday, injuring twenty.\n"
                 "Rescuers searched collapsed buildings for survivors after the tremor.\n"
                 "Aftershocks kept residents of damaged villages outdoors.\n"),
      Make("q4", "Twenty people were hurt when a 5.8 magnitude earthquake hit Malatya.\n"
                 "Collapsed buildings were searched by rescuers, and aftershocks followed the tremor.\n"
                 "Damaged villages were evacuated.\n"),
      Make("b1", "The council of Bremen approved its budget after a long debate over school funding.\n"
                 "The budget raises spending on schools and cuts the road programme.\n"),
      Make("b2", "Bremen councillors passed the budget, with more money for schools.\n"
                 "Spending on roads falls under the approved budget, after a debate on funding.\n"),
      Make("f1", "The striker scored twice as the home side won the derby in front of a sellout crowd.\n"
                 "The goalkeeper saved a penalty late in the second half.\n"),
      Make("f2", "A second-half penalty save by the goalkeeper sealed the derby win.\n"
                 "The striker's two goals delighted the sellout crowd.\n"),
  };
}

struct Fixture {
  std::vector<Article> articles = Articles();
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  std::vector<uint32_t> story_of = {0, 0, 1, 1, 2, 2, 3, 3};
  Fixture() {
    for (const Document& d : docs) ptrs.push_back(&d);
  }
};

TEST(TopicsTest, TwoEventsOfOneKindShareATopic) {
  Fixture f;
  std::vector<uint32_t> topic = GroupTopics(f.ptrs, f.story_of);
  ASSERT_EQ(topic.size(), 8u);
  for (size_t i = 0; i < 8; i += 2) EXPECT_EQ(topic[i], topic[i + 1]);  // a story stays whole
  EXPECT_EQ(topic[0], topic[2]);                                       // both earthquakes
  EXPECT_NE(topic[0], topic[4]);
  EXPECT_NE(topic[0], topic[6]);
  EXPECT_NE(topic[4], topic[6]);
  EXPECT_EQ(topic[0], 0u);  // labels in order of first document
  EXPECT_EQ(topic[4], 1u);
  EXPECT_EQ(topic[6], 2u);
}

TEST(TopicsTest, PlainCosineFloorKeepsLoneStoriesApart) {
  // Two unrelated stories sharing one incidental word are each other's best
  // match, so their relative similarity is 1: only the floor on the plain
  // cosine keeps them apart.
  std::vector<Article> articles = {
      Make("b1", "The council approved its budget on Tuesday after a debate over school funding.\n"),
      Make("f1", "The striker scored twice on Tuesday as the home side won the derby.\n"),
  };
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs = {&docs[0], &docs[1]};
  TopicOptions o;
  std::vector<SparseVector> v = TopicVectors(ptrs, {0, 1}, o);
  const float cosine = v[0].Dot(v[1]);
  ASSERT_GT(cosine, 0.0f);
  o.min_cosine = 0.0f;
  std::vector<uint32_t> joined = GroupTopics(ptrs, {0, 1}, o);
  EXPECT_EQ(joined[0], joined[1]);
  o.min_cosine = cosine * 1.01f;
  std::vector<uint32_t> apart = GroupTopics(ptrs, {0, 1}, o);
  EXPECT_NE(apart[0], apart[1]);
}

TEST(TopicsTest, VectorsAreNormalisedAndKeepTheStrongestTerms) {
  Fixture f;
  TopicOptions o;
  o.top_terms = 3;
  std::vector<SparseVector> v = TopicVectors(f.ptrs, f.story_of, o);
  ASSERT_EQ(v.size(), 4u);
  for (const SparseVector& s : v) {
    EXPECT_EQ(s.size(), 3u);
    EXPECT_NEAR(s.Dot(s), 1.0f, 1e-5);
  }
  // The two earthquakes share their event words but no names or numbers.
  TopicOptions all;
  all.top_terms = 0;
  std::vector<SparseVector> w = TopicVectors(f.ptrs, f.story_of, all);
  EXPECT_GT(w[0].Dot(w[1]), 2 * w[0].Dot(w[2]));
  EXPECT_GT(w[0].Dot(w[1]), 2 * w[0].Dot(w[3]));
}

TEST(TopicsTest, DropsNumbersAndOptionallyNames) {
  // Two stories that share only a name and a number.
  std::vector<Article> articles = {
      Make("a", "Officials in Arequipa counted 61 votes for the new library.\n"),
      Make("b", "Fans in Arequipa watched 61 minutes of a dull match in the rain.\n"),
  };
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs = {&docs[0], &docs[1]};
  TopicOptions keep;
  keep.top_terms = 0;
  std::vector<SparseVector> with_names = TopicVectors(ptrs, {0, 1}, keep);
  EXPECT_GT(with_names[0].Dot(with_names[1]), 0.0f);  // the shared name
  TopicOptions drop = keep;
  drop.keep_names = false;
  std::vector<SparseVector> without = TopicVectors(ptrs, {0, 1}, drop);
  EXPECT_EQ(without[0].Dot(without[1]), 0.0f);  // the number never counted
}

// The words of one document as the tokenizer splits them, lower-cased.
std::set<std::string> LowerWords(const Document& d) {
  std::set<std::string> out;
  for (const Token& t : d.tokens) {
    if (t.IsWord()) out.insert(AsciiLowercase(d.TokenText(t)));
  }
  return out;
}

TEST(TopicsTest, DescriptionNamesTheKindOfEventAndTellsTheEventsApart) {
  // Every article also carries a sentence all four stories share: its words
  // say nothing about the kind of event and must not be picked.
  std::vector<Article> articles = Articles();
  for (Article& a : articles) a.text += "Officials gave the figures to reporters at a briefing.\n";
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  const std::vector<uint32_t> story_of = {0, 0, 1, 1, 2, 2, 3, 3};
  std::vector<TopicDescription> descriptions;
  std::vector<uint32_t> topic = GroupTopics(ptrs, story_of, {}, &descriptions);
  EXPECT_EQ(topic, GroupTopics(ptrs, story_of));  // describing does not change the grouping
  ASSERT_EQ(descriptions.size(), 3u);
  const TopicDescription& quakes = descriptions[topic[0]];
  // Words used by both earthquakes, none of the briefing's.
  ASSERT_EQ(quakes.terms.size(), 3u);
  std::set<std::string> first, second;
  for (int i : {0, 1}) first.merge(LowerWords(docs[i]));
  for (int i : {2, 3}) second.merge(LowerWords(docs[i]));
  for (const std::string& term : quakes.terms) {
    EXPECT_TRUE(first.count(term) && second.count(term)) << term;
    for (const char* briefing : {"officials", "figures", "reporters", "briefing", "gave"}) EXPECT_NE(term, briefing);
  }
  // The name of each event, in story order.
  EXPECT_EQ(quakes.names, (std::vector<std::string>{"Arequipa", "Malatya"}));
  std::string expected = quakes.terms[0] + ", " + quakes.terms[1] + ", " + quakes.terms[2] + ": Arequipa, Malatya";
  expected[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(expected[0])));
  EXPECT_EQ(TopicLabel(quakes), expected);
  // Topics of one story are not described.
  EXPECT_TRUE(descriptions[topic[4]].terms.empty());
  EXPECT_TRUE(descriptions[topic[6]].names.empty());
}

TEST(TopicsTest, DescriptionDoesNotDependOnInputOrder) {
  std::vector<Article> articles = Articles();
  std::vector<Article> reversed(articles.rbegin(), articles.rend());
  auto describe = [](const std::vector<Article>& in, const std::vector<uint32_t>& story_of) {
    std::vector<Document> docs = BuildDocuments(in);
    std::vector<const Document*> ptrs;
    for (const Document& d : docs) ptrs.push_back(&d);
    std::vector<TopicDescription> descriptions;
    std::vector<uint32_t> topic = GroupTopics(ptrs, story_of, {}, &descriptions);
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i].id == "q1") return descriptions[topic[i]];
    }
    return TopicDescription{};
  };
  TopicDescription forward = describe(articles, {0, 0, 1, 1, 2, 2, 3, 3});
  TopicDescription backward = describe(reversed, {0, 0, 1, 1, 2, 2, 3, 3});
  EXPECT_FALSE(forward.terms.empty());
  EXPECT_EQ(forward.terms, backward.terms);
  // Names follow story order, which the reversal flips.
  EXPECT_EQ(backward.names, (std::vector<std::string>{"Malatya", "Arequipa"}));
}

TEST(TopicsTest, LabelJoinsTermsAndNames) {
  EXPECT_EQ(TopicLabel({}), "");
  EXPECT_EQ(TopicLabel({{"flood", "river"}, {}}), "Flood, river");
  EXPECT_EQ(TopicLabel({{"flood"}, {"Gdansk", "", "Porto"}}), "Flood: Gdansk, Porto");
  EXPECT_EQ(TopicLabel({{}, {"Gdansk", "Porto"}}), "Gdansk, Porto");
  EXPECT_EQ(TopicLabel({{"Ryanair", "strike"}, {"A", "B", "C"}}, 2), "Ryanair, strike: A, B and 1 more");
}

TEST(TopicsTest, EmptyInput) {
  EXPECT_TRUE(GroupTopics({}, {}).empty());
}

}  // namespace
}  // namespace rashomon
