#include "stories/stories.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/diagnostics.h"
#include "base/test_util.h"
#include "ingest/ingest.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

// Hand-written articles: two earthquakes in two countries and an unrelated
// budget story. Same-kind events must not share a story.
std::vector<Article> Articles() {
  auto make = [](std::string id, std::string text) {
    Article a;
    a.id = std::move(id);
    a.text = std::move(text);
    return a;
  };
  return {
      make("q1", "A magnitude 6.1 earthquake struck near the Peruvian city of Arequipa on Monday, "
                 "killing at least nine people, Peru's civil defence institute said.\n"
                 "Rescuers in Arequipa searched collapsed adobe homes in the Colca valley.\n"
                 "President Dina Boluarte said the army would send tents and water to Arequipa.\n"),
      make("q2", "At least nine people died when a 6.1 magnitude quake hit southern Peru near "
                 "Arequipa, the country's civil defence institute reported on Monday.\n"
                 "Houses made of adobe collapsed in the Colca valley, rescuers in Arequipa said.\n"
                 "Boluarte promised tents and water for families in the Arequipa region.\n"),
      make("q3", "A strong earthquake of magnitude 5.8 shook the Turkish province of Malatya on "
                 "Thursday, injuring twenty people, Turkey's disaster agency AFAD said.\n"
                 "Buildings in Malatya already weakened by earlier quakes were evacuated.\n"
                 "AFAD teams searched the damaged buildings in Malatya overnight.\n"),
      make("q4", "Twenty people were hurt when a magnitude 5.8 quake hit Malatya in eastern "
                 "Turkey on Thursday, according to the disaster agency AFAD.\n"
                 "Residents of Malatya spent the night outside after the tremor.\n"
                 "AFAD said teams were checking weakened buildings across Malatya.\n"),
      make("b1", "The city council of Bremen approved its budget for next year on Tuesday after a "
                 "long debate over school funding.\n"
                 "The Bremen budget raises spending on schools and cuts the road programme.\n"),
  };
}

TEST(StoriesTest, SameKindOfEventInTwoPlacesAreTwoStories) {
  std::vector<Article> articles = Articles();
  std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  StoryAssignment a = FindStories(ptrs);
  EXPECT_EQ(a.story_of[0], a.story_of[1]);
  EXPECT_EQ(a.story_of[2], a.story_of[3]);
  EXPECT_NE(a.story_of[0], a.story_of[2]);
  EXPECT_NE(a.story_of[4], a.story_of[0]);
  EXPECT_NE(a.story_of[4], a.story_of[2]);
  ASSERT_EQ(a.stories.size(), 3u);
  EXPECT_EQ(a.stories[2].size(), 1u);  // biggest stories first
  // Ids are stable: derived from the smallest member id.
  EXPECT_EQ(a.ids[a.story_of[0]], StoryId({"q2", "q1"}));
}

TEST(StoriesTest, SeedArticlesFormOneStory) {
  std::string seeds = testing::SharedDir() + "/corpus/seeds";
  if (!std::filesystem::exists(seeds)) GTEST_SKIP() << "no ../shared/corpus/seeds";
  Diagnostics diag(false);
  ArticleCollector collector(&diag);
  IngestPaths({seeds}, {}, diag, collector.AsSink());
  std::vector<Document> docs = BuildDocuments(collector.articles());
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  StoryAssignment a = FindStories(ptrs);
  EXPECT_EQ(a.stories.size(), 1u);
}

}  // namespace
}  // namespace rashomon
