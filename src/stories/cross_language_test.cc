// Stories across languages on invented articles: a Spanish and an English
// report of one event join one story through the bilingual dictionary
// (text/translate.h); two events of one kind, each told in both languages,
// stay apart. Needs Debian's dict-freedict-spa-eng; skipped without it.
#include <gtest/gtest.h>

#include "stories/stories.h"
#include "text/corpus.h"
#include "text/test_articles.h"
#include "text/translate.h"

namespace rashomon {
namespace {

// The language of each article is identified from its text.
Article Make(std::string id, std::string title, std::string text) {
  return testing::MakeArticle(std::move(id), "", std::move(text), std::move(title));
}

// Two factory fires in two invented towns, a week apart, each reported in
// Spanish and in English. The towns and people are invented; only the
// common words need the dictionary.
std::vector<Article> FactoryFires() {
  return {
      Make("fire-a-es", "Un incendio destruye una fábrica de papel en Varnoque",
           "Un incendio destruyó el martes una fábrica de papel en la ciudad de Varnoque y dejó tres "
           "trabajadores heridos, según la policía.\n"
           "El fuego empezó en el almacén de la fábrica durante la noche y el humo cubrió el río.\n"
           "Los vecinos de Varnoque vieron las llamas desde el puente. La empresa dijo que la "
           "fábrica estará cerrada un mes.\n"
           "El alcalde Tadeo Quilmar pidió agua para las familias del barrio.\n"),
      Make("fire-a-en", "Fire destroys paper factory in Varnoque",
           "A fire destroyed a paper factory in the town of Varnoque on Tuesday, leaving three "
           "workers injured, police said.\n"
           "The fire started in the factory's warehouse during the night and smoke covered the "
           "river.\n"
           "Residents of Varnoque watched the flames from the bridge. The company said the factory "
           "will be closed for a month.\n"
           "Mayor Tadeo Quilmar asked for water for the families of the district.\n"),
      Make("fire-b-es", "Fuego en una fábrica de zapatos de Orbaleza",
           "Un fuego arrasó el domingo una fábrica de zapatos en Orbaleza, al norte del país, y "
           "obligó a cerrar la escuela vecina, informó el gobierno regional.\n"
           "No hubo muertos. Ocho bomberos trabajaron toda la mañana contra las llamas.\n"
           "La dueña, Lucinda Ferrabosco, dijo que la fábrica tenía doscientos empleados.\n"),
      Make("fire-b-en", "Blaze at Orbaleza shoe factory",
           "A blaze swept through a shoe factory in Orbaleza, in the north of the country, on "
           "Sunday and forced the school next door to close, the regional government said.\n"
           "Nobody died. Eight firefighters fought the flames all morning.\n"
           "The owner, Lucinda Ferrabosco, said the factory had two hundred employees.\n"),
  };
}

StoryAssignment Cluster(const std::vector<Document>& docs, float pivot_weight) {
  StoryOptions options;
  options.terms.pivot_weight = pivot_weight;
  return FindStories(testing::Pointers(docs), options);
}

TEST(CrossLanguageStoriesTest, OneEventInTwoLanguagesIsOneStoryAndTwoEventsStayApart) {
  if (PivotDictionaryFor("es") == nullptr) GTEST_SKIP() << "dict-freedict-spa-eng is not installed";
  const std::vector<Article> articles = FactoryFires();
  const std::vector<Document> docs = BuildDocuments(articles);
  const StoryAssignment a = Cluster(docs, StoryOptions().terms.pivot_weight);
  ASSERT_EQ(docs.size(), 4u);
  ASSERT_EQ(docs[0].lang, "es");
  ASSERT_EQ(docs[1].lang, "en");
  ASSERT_EQ(docs[2].lang, "es");
  EXPECT_EQ(a.story_of[0], a.story_of[1]);
  EXPECT_EQ(a.story_of[2], a.story_of[3]);
  EXPECT_NE(a.story_of[0], a.story_of[2]);
  EXPECT_NE(a.story_of[1], a.story_of[3]);
}

TEST(CrossLanguageStoriesTest, WithoutTheDictionaryTheLanguagesSplit) {
  // The names alone do not hold the pairs together: the translation does.
  if (PivotDictionaryFor("es") == nullptr) GTEST_SKIP() << "dict-freedict-spa-eng is not installed";
  const std::vector<Article> articles = FactoryFires();
  const StoryAssignment a = Cluster(BuildDocuments(articles), 0.0f);
  EXPECT_NE(a.story_of[0], a.story_of[1]);
  EXPECT_NE(a.story_of[2], a.story_of[3]);
}

}  // namespace
}  // namespace rashomon
