// Stories across languages on invented articles: a Spanish and an English
// report of one event join one story through the bilingual dictionary
// (text/translate.h); two events of one kind, each told in both languages,
// stay apart (needs Debian's dict-freedict-spa-eng; skipped without it).
// Russian and English reports meet through their names in Latin letters,
// Arabic and Hebrew ones through the consonants of their names.
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

// Two invented events, each reported in Russian and in English: a ferry
// collision in a port and a flooded mine. Russian declines names
// ("Дранека", "Торвеском"), and the English-Russian dictionary is small, so
// what holds each pair together is its names, read in Latin letters.
std::vector<Article> FerryAndMine() {
  return {
      Make("ferry-ru", "Паром столкнулся с танкером в порту Калворан",
           "Паром «Мерена» во вторник столкнулся с танкером у входа в порт Калворан, пострадали "
           "шесть пассажиров, сообщил капитан порта Иво Дранек.\n"
           "По словам Дранека, паром шёл из Сальтеры с двумястами пассажирами на борту.\n"
           "Пострадавших доставили в больницу Калворана. Танкер компании «Белмарин» получил "
           "пробоину, но утечки топлива нет.\n"
           "Дранек сказал, что движение в порту возобновится в среду.\n"),
      Make("ferry-en", "Ferry collides with tanker at Kalvoran port",
           "The ferry Merena collided with a tanker at the entrance to the port of Kalvoran on "
           "Tuesday, injuring six passengers, harbour master Ivo Dranek said.\n"
           "According to Dranek, the ferry was sailing from Saltera with two hundred passengers on "
           "board.\n"
           "The injured were taken to the Kalvoran hospital. The tanker, owned by Belmarin, was "
           "holed, but no fuel leaked.\n"
           "Dranek said traffic in the port would resume on Wednesday.\n"),
      Make("mine-ru", "Шахта под Торвеском затоплена, горняки спасены",
           "Подземные воды затопили в воскресенье угольную шахту компании «Белстон» под Торвеском, "
           "все сорок горняков подняты на поверхность, сообщила главный инженер Марта Горбан.\n"
           "Горбан сказала, что насосы работают круглые сутки.\n"
           "Губернатор Олег Вастрин приехал на шахту в понедельник.\n"),
      Make("mine-en", "Flooded Torvesk mine: all miners rescued",
           "Groundwater flooded a Belston coal mine near Torvesk on Sunday, and all forty miners "
           "were brought to the surface, chief engineer Marta Gorban said.\n"
           "Gorban said the pumps were running around the clock.\n"
           "Governor Oleg Vastrin visited the mine on Monday.\n"),
  };
}

TEST(CrossLanguageStoriesTest, NamesInCyrillicMeetTheirLatinForms) {
  const std::vector<Article> articles = FerryAndMine();
  const std::vector<Document> docs = BuildDocuments(articles);
  ASSERT_EQ(docs[0].lang, "ru");
  ASSERT_EQ(docs[1].lang, "en");
  ASSERT_EQ(docs[2].lang, "ru");
  // With the dictionary's help and without it: the names alone join each
  // event's two reports and keep the events apart.
  for (const float pivot : {StoryOptions().terms.pivot_weight, 0.0f}) {
    const StoryAssignment a = Cluster(docs, pivot);
    EXPECT_EQ(a.story_of[0], a.story_of[1]) << "pivot weight " << pivot;
    EXPECT_EQ(a.story_of[2], a.story_of[3]) << "pivot weight " << pivot;
    EXPECT_NE(a.story_of[0], a.story_of[2]) << "pivot weight " << pivot;
  }
}

// The same two events reported in Arabic and in Hebrew, names written with
// the consonants an abjad keeps (كالفوران, קלבורן; درانيك, דרנק). Their
// words are not read as names from capitals: a word's consonant skeleton
// spells a name of the English reports (TermOptions::abjad_name_weight).
std::vector<Article> FerryAndMineInAbjads() {
  std::vector<Article> articles = FerryAndMine();
  articles[0] = Make("ferry-ar", "عبارة تصطدم بناقلة نفط في ميناء كالفوران",
                     "اصطدمت العبارة ميرينا يوم الثلاثاء بناقلة نفط عند مدخل ميناء كالفوران، وأصيب ستة ركاب، "
                     "بحسب ما قال مدير الميناء إيفو درانيك.\n"
                     "وقال درانيك إن العبارة كانت قادمة من سالتيرا وعلى متنها مئتا راكب.\n"
                     "ونقل المصابون إلى مستشفى كالفوران. وأصيبت الناقلة التابعة لشركة بلمارين بثقب، لكن لم "
                     "يتسرب أي وقود.\n"
                     "وقال درانيك إن الحركة في الميناء ستستأنف يوم الأربعاء.\n");
  articles[2] = Make("mine-he", "מכרה ליד טורבסק הוצף, כל הכורים חולצו",
                     "מי תהום הציפו ביום ראשון מכרה פחם של חברת בלסטון ליד טורבסק, וכל ארבעים הכורים הועלו "
                     "אל פני השטח, אמרה המהנדסת הראשית מרתה גורבן.\n"
                     "גורבן אמרה שהמשאבות פועלות מסביב לשעון.\n"
                     "המושל אולג וסטרין ביקר במכרה ביום שני.\n");
  return articles;
}

TEST(CrossLanguageStoriesTest, NamesInArabicAndHebrewMeetTheirLatinForms) {
  const std::vector<Article> articles = FerryAndMineInAbjads();
  const std::vector<Document> docs = BuildDocuments(articles);
  for (const float pivot : {StoryOptions().terms.pivot_weight, 0.0f}) {
    const StoryAssignment a = Cluster(docs, pivot);
    EXPECT_EQ(a.story_of[0], a.story_of[1]) << "pivot weight " << pivot;
    EXPECT_EQ(a.story_of[2], a.story_of[3]) << "pivot weight " << pivot;
    EXPECT_NE(a.story_of[0], a.story_of[2]) << "pivot weight " << pivot;
    EXPECT_NE(a.story_of[1], a.story_of[3]) << "pivot weight " << pivot;
  }
  // An Arabic report of the mine besides: the Hebrew one, which no
  // dictionary reads, still joins by its names alone.
  std::vector<Article> five = articles;
  five.push_back(Make("mine-ar", "غرق منجم قرب تورفيسك وإنقاذ جميع العمال",
                      "غمرت المياه الجوفية يوم الأحد منجم فحم تابعا لشركة بلستون قرب تورفيسك، وتم إخراج أربعين "
                      "عاملا إلى السطح، بحسب ما قالت كبيرة المهندسين مارتا غوربان.\n"
                      "وقالت غوربان إن المضخات تعمل على مدار الساعة.\n"
                      "وزار المحافظ أوليغ فاسترين المنجم يوم الاثنين.\n"));
  const std::vector<Document> five_docs = BuildDocuments(five);
  const StoryAssignment all = FindStories(testing::Pointers(five_docs), StoryOptions());
  EXPECT_EQ(all.story_of[2], all.story_of[3]);
  EXPECT_EQ(all.story_of[4], all.story_of[3]);
  EXPECT_EQ(all.story_of[0], all.story_of[1]);
  EXPECT_NE(all.story_of[0], all.story_of[3]);
  // Without the skeletons (and the dictionary), nothing holds them together.
  StoryOptions off;
  off.terms.pivot_weight = 0;
  off.terms.abjad_name_weight = 0;
  const StoryAssignment split = FindStories(testing::Pointers(docs), off);
  EXPECT_NE(split.story_of[0], split.story_of[1]);
  EXPECT_NE(split.story_of[2], split.story_of[3]);
}

}  // namespace
}  // namespace rashomon
