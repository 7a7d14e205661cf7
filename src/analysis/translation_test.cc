#include "analysis/translation.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/story.h"
#include "text/corpus.h"
#include "text/test_articles.h"
#include "text/translate.h"

namespace rashomon {
namespace {

using testing::MakeArticle;
using testing::Pointers;

// Invented: an English report of a ferry accident, its Spanish translation
// (same names and numbers in the same order), and an independent Spanish
// report of the same accident naming the same people in another order and
// with other numbers.

std::vector<Article> Ferry() {
  return {
      MakeArticle("original", "en",
                  "The ferry Santa Irelda ran aground near Puerto Calvizo on Sunday with 412 passengers on board, the "
                  "harbour master Rodrigo Almenar said.\n"
                  "Coast guard boats from Calvizo and Tarrema took 37 injured people to hospital.\n"
                  "The operator, Navieras Ostrova, said the ship had been inspected in 2024.\n"
                  "Almenar said the captain, Ernesto Vidalbo, reported an engine failure at 6.40 in the morning.\n"
                  "Ostrova will pay for hotels in Tarrema for 150 passengers.\n"),
      MakeArticle("translated", "es",
                  "El transbordador Santa Irelda encalló cerca de Puerto Calvizo el domingo con 412 pasajeros a bordo, "
                  "dijo el capitán del puerto Rodrigo Almenar.\n"
                  "Barcos de la guardia costera de Calvizo y Tarrema llevaron a 37 heridos al hospital.\n"
                  "La naviera, Navieras Ostrova, dijo que el barco había sido inspeccionado en 2024.\n"
                  "Almenar dijo que el capitán, Ernesto Vidalbo, informó de una avería del motor a las 6.40 de la "
                  "mañana.\n"
                  "Ostrova pagará hoteles en Tarrema para 150 pasajeros.\n"),
      MakeArticle("independent", "es",
                  "Ernesto Vidalbo, capitán del Santa Irelda, habló por radio con Tarrema antes de que el barco "
                  "tocara fondo.\n"
                  "Según Navieras Ostrova, casi cuatrocientos viajeros iban a bordo y una treintena sufrió heridas.\n"
                  "Vecinos de Calvizo ayudaron a los pasajeros en la playa durante horas.\n"
                  "Rodrigo Almenar no quiso comentar las causas del accidente.\n"),
  };
}

TEST(TranslationTest, SignaturesMatchTranslationsNotIndependentReports) {
  const std::vector<Article> articles = Ferry();
  const std::vector<Document> docs = BuildDocuments(articles);
  const TranslationOptions o;
  const TranslationSignature en = SignatureOf(docs[0], o);
  const TranslationSignature es = SignatureOf(docs[1], o);
  const TranslationSignature other = SignatureOf(docs[2], o);
  const TranslationMatch m = MatchTranslation(en, es);
  EXPECT_TRUE(m.Translation(o)) << m.common << " of " << m.longer;
  EXPECT_GE(m.common, 12);
  const TranslationMatch n = MatchTranslation(en, other);
  EXPECT_FALSE(n.Translation(o)) << n.common << " of " << n.longer;
  // Local number formats read the same digits.
  const TranslationSignature a =
      SignatureOf(BuildDocuments({MakeArticle("a", "en", "It cost 1,234.5 euros in 2019.\n")})[0]);
  const TranslationSignature b =
      SignatureOf(BuildDocuments({MakeArticle("b", "es", "Costó 1.234,5 euros en 2019.\n")})[0]);
  EXPECT_EQ(a.anchors, b.anchors);
  EXPECT_EQ(MatchTranslation(a, TranslationSignature{}).common, 0);
}

TEST(TranslationTest, TranslationIsDerivedAndNotAnIndependentWitness) {
  const std::vector<Article> articles = Ferry();
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<const Document*> ptrs = Pointers(docs);
  const report::Story story = AnalyzeStory(ptrs, "s", AnalysisOptions{});
  auto edge = [&](const std::string& from, const std::string& to) {
    return std::find_if(story.provenance.begin(), story.provenance.end(), [&](const report::Provenance& p) {
      return p.from == from && p.to == to;
    });
  };
  const auto it = edge("original", "translated");
  ASSERT_NE(it, story.provenance.end());
  EXPECT_TRUE(std::any_of(it->evidence.begin(), it->evidence.end(),
                          [](const std::string& e) { return e.rfind("translation (es from en)", 0) == 0; }));
  for (const report::Provenance& p : story.provenance) {
    EXPECT_TRUE(p.from != "independent" && p.to != "independent") << p.from << " -> " << p.to;
  }
  // Turned off, the translation is a witness of its own.
  AnalysisOptions off;
  off.provenance.translations = false;
  const report::Story plain = AnalyzeStory(ptrs, "s", off);
  EXPECT_TRUE(std::none_of(plain.provenance.begin(), plain.provenance.end(),
                           [](const report::Provenance& p) { return p.to == "translated"; }));
}

// Invented: an English report of a mine collapse with five paragraphs of
// background; Spanish and Italian translations of its first six sentences
// only, so that under 0.4 of the longer signature's names and numbers are
// in both (16 of 44); and an independent Spanish report of the collapse.
std::vector<Article> Mine() {
  return {
      MakeArticle("mine-en", "en",
                  "The mining company Torvane Metals closed its Kesselbrook mine on Friday after a tunnel "
                  "collapse trapped 14 workers, the safety inspector Hanna Lorweg said.\n"
                  "Rescue teams from Kesselbrook and Ulmsted reached the workers after 36 hours.\n"
                  "Torvane Metals said three of the workers were taken to the hospital in Ulmsted.\n"
                  "Lorweg said the tunnel had failed an inspection in 2023.\n"
                  "The union leader Pavel Dostrich asked the government to keep the mine closed.\n"
                  "Torvane Metals employs 850 people in the region.\n"
                  "Torvane Metals bought the Kesselbrook mine from Ostrel Mining in 2011 for 240 million euros.\n"
                  "In 2017 a fire at the Brannock shaft of Ostrel Mining killed 11 miners near Ulmsted.\n"
                  "The chief executive of Torvane Metals, Miriam Sollenthal, visited Kesselbrook and Brannock "
                  "in 2019.\n"
                  "Dostrich led a strike of 1,200 miners in Ulmsted and Kesselbrook in 2020.\n"
                  "Analysts at Verhoff Capital expect Torvane Metals to report profits of 95 million euros.\n"),
      MakeArticle("mine-es", "es",
                  "La empresa minera Torvane Metals cerró su mina de Kesselbrook el viernes después de que el "
                  "derrumbe de un túnel atrapara a 14 trabajadores, dijo la inspectora de seguridad Hanna "
                  "Lorweg.\n"
                  "Equipos de rescate de Kesselbrook y Ulmsted llegaron a los trabajadores después de 36 "
                  "horas.\n"
                  "Torvane Metals dijo que tres de los trabajadores fueron llevados al hospital de Ulmsted.\n"
                  "Lorweg dijo que el túnel no había pasado una inspección en 2023.\n"
                  "El líder sindical Pavel Dostrich pidió al gobierno mantener la mina cerrada.\n"
                  "Torvane Metals emplea a 850 personas en la región.\n"),
      MakeArticle("mine-it", "it",
                  "La società mineraria Torvane Metals ha chiuso la sua miniera di Kesselbrook venerdì dopo che "
                  "il crollo di una galleria ha intrappolato 14 lavoratori, ha detto l'ispettrice della "
                  "sicurezza Hanna Lorweg.\n"
                  "Squadre di soccorso di Kesselbrook e Ulmsted hanno raggiunto i lavoratori dopo 36 ore.\n"
                  "Torvane Metals ha detto che tre dei lavoratori sono stati portati all'ospedale di "
                  "Ulmsted.\n"
                  "Lorweg ha detto che la galleria non aveva superato un'ispezione nel 2023.\n"
                  "Il leader sindacale Pavel Dostrich ha chiesto al governo di tenere chiusa la miniera.\n"
                  "Torvane Metals impiega 850 persone nella regione.\n"),
      MakeArticle("mine-other", "es",
                  "Los vecinos de Ulmsted esperaron noticias frente a la entrada de la mina durante toda la "
                  "noche.\n"
                  "Según el sindicalista Pavel Dostrich, la empresa Torvane Metals conocía los riesgos del "
                  "túnel.\n"
                  "La inspectora Hanna Lorweg visitará Kesselbrook la próxima semana.\n"),
  };
}

TEST(TranslationTest, AlignedFactsLowerTheBarForAPair) {
  const std::vector<Article> articles = Mine();
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<const Document*> en_es = {&docs[0], &docs[1]};
  const TranslationOptions o;
  const TranslationMatch m = MatchTranslation(SignatureOf(docs[0]), SignatureOf(docs[1]));
  ASSERT_FALSE(m.Translation(o)) << m.common << " of " << m.longer;  // under min_share
  ASSERT_GE(m.share, o.aligned_share);
  EXPECT_TRUE(FindTranslations(en_es, o).empty());
  // Three of the translation's six statements in facts with the source: a
  // pair.
  SharedFacts three({11, 6});
  for (int i = 0; i < 3; ++i) three.Add(1, 0);
  const std::vector<TranslationPair> found = FindTranslations(en_es, o, &three);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].from, 0u);  // the English article is the source
  EXPECT_EQ(found[0].aligned, 3);
  EXPECT_NE(found[0].evidence[0].find("3 of 6 statements"), std::string::npos) << found[0].evidence[0];
  // Two aligned statements are not enough, nor three of twenty.
  SharedFacts two({11, 6});
  for (int i = 0; i < 2; ++i) two.Add(1, 0);
  EXPECT_TRUE(FindTranslations(en_es, o, &two).empty());
  SharedFacts few({30, 20});
  for (int i = 0; i < 3; ++i) few.Add(1, 0);
  EXPECT_TRUE(FindTranslations(en_es, o, &few).empty());
  // An independent report stating the same facts names its people in
  // another order: however many facts align, no translation.
  const TranslationMatch n = MatchTranslation(SignatureOf(docs[0]), SignatureOf(docs[3]));
  ASSERT_LT(n.share, o.aligned_share) << n.common << " of " << n.longer;
  SharedFacts all({11, 3});
  for (int i = 0; i < 3; ++i) all.Add(1, 0);
  EXPECT_TRUE(FindTranslations({&docs[0], &docs[3]}, o, &all).empty());
}

// The signatures and matches of a story are computed once and read by both
// searches (quote grouping and provenance): given, they are used as they
// are, not computed again.
TEST(TranslationTest, MatchesComputedOnceAreShared) {
  const std::vector<Article> articles = Mine();
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<const Document*> story = {&docs[0], &docs[1], &docs[2], &docs[3]};
  const TranslationOptions o;
  const TranslationMatches matches(story, o);
  ASSERT_TRUE(matches.mixed());
  for (uint32_t a = 0; a < story.size(); ++a) {
    for (uint32_t b = a + 1; b < story.size(); ++b) {
      if (story[a]->lang == story[b]->lang) continue;
      const TranslationMatch m = MatchTranslation(SignatureOf(*story[a]), SignatureOf(*story[b]));
      EXPECT_EQ(matches.At(a, b).common, m.common) << a << " " << b;
      EXPECT_EQ(matches.At(a, b).longer, m.longer) << a << " " << b;
    }
  }
  const std::vector<TranslationPair> fresh = FindTranslations(story, o);
  const std::vector<TranslationPair> shared = FindTranslations(story, o, nullptr, &matches);
  ASSERT_FALSE(fresh.empty());
  ASSERT_EQ(shared.size(), fresh.size());
  for (size_t i = 0; i < fresh.size(); ++i) {
    EXPECT_EQ(shared[i].from, fresh[i].from);
    EXPECT_EQ(shared[i].to, fresh[i].to);
    EXPECT_EQ(shared[i].evidence, fresh[i].evidence);
  }
  // Matches of two-anchor signatures, given, are what the search reads.
  TranslationOptions two = o;
  two.max_anchors = 2;
  const TranslationMatches short_matches(story, two);
  EXPECT_TRUE(FindTranslations(story, o, nullptr, &short_matches).empty());
  // A story in one language has no matches.
  EXPECT_FALSE(TranslationMatches({&docs[1], &docs[3]}, o).mixed());
}

TEST(TranslationTest, LooseTranslationWithAlignedFactsIsNoSecondWitness) {
  if (PivotDictionaryFor("es") == nullptr || PivotDictionaryFor("it") == nullptr) {
    GTEST_SKIP() << "dict-freedict-spa-eng or -ita-eng is not installed";
  }
  const std::vector<Article> articles = Mine();
  const std::vector<Document> docs = BuildDocuments(articles);
  // Witnesses of the facts the English article shares with another.
  auto witnesses = [&](const AnalysisOptions& options) {
    const report::Story story = AnalyzeStory(Pointers(docs), "s", options);
    std::vector<int> out;
    for (const report::Fact& f : story.facts) {
      const bool en = std::find(f.articles.begin(), f.articles.end(), "mine-en") != f.articles.end();
      const bool other = std::find(f.articles.begin(), f.articles.end(), "mine-other") != f.articles.end();
      if (en && f.articles.size() > 1 && !other) out.push_back(f.independent_sources);
    }
    return std::make_pair(story, out);
  };
  const auto [story, counts] = witnesses(AnalysisOptions{});
  ASSERT_GE(counts.size(), 3u);
  for (int c : counts) EXPECT_EQ(c, 1);
  const auto derived = [&](const report::Story& s, const std::string& from, const std::string& to) {
    return std::any_of(s.provenance.begin(), s.provenance.end(), [&](const report::Provenance& p) {
      return p.from == from && p.to == to &&
             std::any_of(p.evidence.begin(), p.evidence.end(),
                         [](const std::string& e) { return e.rfind("translation (", 0) == 0; });
    });
  };
  EXPECT_TRUE(derived(story, "mine-en", "mine-es"));
  for (const report::Provenance& p : story.provenance) {
    EXPECT_TRUE(p.from != "mine-other" && p.to != "mine-other") << p.from << " -> " << p.to;
  }
  // Without the lower bar the translations are further witnesses.
  AnalysisOptions strict;
  strict.provenance.translation.min_aligned = 1000;
  const auto [plain, plain_counts] = witnesses(strict);
  EXPECT_FALSE(derived(plain, "mine-en", "mine-es"));
  EXPECT_GT(*std::max_element(plain_counts.begin(), plain_counts.end()), 1);
}

// Statements line up with their translations in order: each pair shares
// at least half of the anchor words of the statement with more, and a
// statement sharing one name with a later one does not cross the order.
TEST(TranslationTest, TranslatedStatementsLineUpInOrder) {
  using Anchors = SentenceAnchorList;
  // Keys stand for names and numbers; a statement's words counted apart.
  const Anchors from = {{{1, 2, 3}, 3}, {{4}, 1}, {{5, 6}, 2}, {{7, 8, 9, 10}, 4}};
  const Anchors to = {{{1, 2, 3}, 3}, {{11}, 1}, {{5, 6}, 2}, {{4}, 1}, {{7, 12, 13, 14}, 4}};
  const auto pairs = AlignTranslatedStatements(from, to);
  // (1, 3) would cross (2, 2); (3, 4) shares one word of four.
  const std::vector<std::pair<uint32_t, uint32_t>> want = {{0, 0}, {2, 2}};
  EXPECT_EQ(pairs, want);
  EXPECT_TRUE(AlignTranslatedStatements({}, to).empty());
}

// Invented: an English report of a ferry collision and its Arabic
// translation, which writes every name in Arabic letters (no capitals, so
// no name is read from them) and every number in words: its sentences line
// up with the English ones by the names their consonants spell.
TEST(TranslationTest, AnArabicTranslationLinesUpByTheNamesItSpells) {
  const std::vector<Article> articles = {
      MakeArticle("en", "en",
                  "The ferry Merena collided with a tanker at the entrance to the port of Kalvoran on Tuesday, "
                  "harbour master Ivo Dranek said.\n"
                  "According to Dranek, the ferry was sailing from Saltera with two hundred passengers on board.\n"
                  "The injured were taken to the Kalvoran hospital. The tanker, owned by Belmarin, was holed.\n"),
      MakeArticle("ar", "ar",
                  "اصطدمت العبارة ميرينا يوم الثلاثاء بناقلة نفط عند مدخل ميناء كالفوران، بحسب ما قال مدير الميناء "
                  "إيفو درانيك.\n"
                  "وقال درانيك إن العبارة كانت قادمة من سالتيرا وعلى متنها مئتا راكب.\n"
                  "ونقل المصابون إلى مستشفى كالفوران. وأصيبت الناقلة التابعة لشركة بلمارين.\n"),
  };
  const std::vector<Document> docs = BuildDocuments(articles);
  const std::vector<const Document*> ptrs = Pointers(docs);
  const std::vector<TranslationPair> found = FindTranslations(ptrs);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].from, 0u);
  EXPECT_EQ(found[0].to, 1u);
  const report::Story story = AnalyzeStory(ptrs, "s", AnalysisOptions{});
  size_t translated = 0;
  for (const report::Fact& f : story.facts) translated += f.translated ? 1 : 0;
  EXPECT_GE(translated, 2u);
  // Without the story's English names, the Arabic words anchor nothing.
  EXPECT_TRUE(SignatureOf(docs[1]).anchors.empty());
}

// A sentence's anchors: a name opening it counts when the article writes it
// inside a sentence too; weekdays and months, capitalised in English only,
// do not.
TEST(TranslationTest, SentenceAnchorsTakeOpeningNamesAndLeaveOutTheCalendar) {
  const std::vector<Article> articles = {MakeArticle(
      "en", "en", "The port reopened, harbour master Ivo Dranek said.\nDranek said traffic would resume on Wednesday.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  const SentenceAnchorList anchors = AnchorsOfSentences(docs[0]);
  ASSERT_EQ(anchors.size(), 2u);
  EXPECT_EQ(anchors[0].second, 2);  // Ivo, Dranek
  EXPECT_EQ(anchors[1].second, 1);  // Dranek, not Wednesday
  EXPECT_EQ(anchors[1].first.size(), 1u);
  // The article's signature keeps the weekday (and, as before, no name
  // opening a sentence): Ivo, Dranek, Wednesday.
  EXPECT_EQ(SignatureOf(docs[0]).anchors.size(), 3u);
}

// In a story of several languages a number's unit is compared by its
// English translations: "doce días" is the "12 days" of the English
// report, one number given by both. Invented: a dock strike in Varnoque.
TEST(TranslationTest, ANumberAndItsTranslationAreOneNumber) {
  if (PivotDictionaryFor("es") == nullptr) GTEST_SKIP() << "dict-freedict-spa-eng is not installed";
  const std::vector<Article> articles = {
      MakeArticle("en", "en", "The dock strike in Varnoque lasted 12 days, the union leader Tadeo Quilmar said.\n"),
      MakeArticle("es", "es", "La huelga del puerto de Varnoque duró 12 días, dijo el líder sindical Tadeo Quilmar.\n"),
  };
  const std::vector<Document> docs = BuildDocuments(articles);
  const report::Story story = AnalyzeStory(Pointers(docs), "s", AnalysisOptions{});
  std::vector<std::vector<std::string>> twelve;
  for (const report::Number& n : story.numbers) {
    if (n.value == 12) twelve.push_back(n.articles);
  }
  ASSERT_EQ(twelve.size(), 1u);
  EXPECT_EQ(twelve[0], (std::vector<std::string>{"en", "es"}));
}

}  // namespace
}  // namespace rashomon
