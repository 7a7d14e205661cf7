#include "analysis/translation.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/story.h"
#include "text/corpus.h"

namespace rashomon {
namespace {

// Invented: an English report of a ferry accident, its Spanish translation
// (same names and numbers in the same order), and an independent Spanish
// report of the same accident naming the same people in another order and
// with other numbers.
Article Make(std::string id, std::string lang, std::string text) {
  Article a;
  a.id = std::move(id);
  a.source = a.id;
  a.lang = std::move(lang);
  a.text = std::move(text);
  return a;
}

std::vector<Article> Ferry() {
  return {
      Make("original", "en",
           "The ferry Santa Irelda ran aground near Puerto Calvizo on Sunday with 412 passengers on board, the "
           "harbour master Rodrigo Almenar said.\n"
           "Coast guard boats from Calvizo and Tarrema took 37 injured people to hospital.\n"
           "The operator, Navieras Ostrova, said the ship had been inspected in 2024.\n"
           "Almenar said the captain, Ernesto Vidalbo, reported an engine failure at 6.40 in the morning.\n"
           "Ostrova will pay for hotels in Tarrema for 150 passengers.\n"),
      Make("translated", "es",
           "El transbordador Santa Irelda encalló cerca de Puerto Calvizo el domingo con 412 pasajeros a bordo, "
           "dijo el capitán del puerto Rodrigo Almenar.\n"
           "Barcos de la guardia costera de Calvizo y Tarrema llevaron a 37 heridos al hospital.\n"
           "La naviera, Navieras Ostrova, dijo que el barco había sido inspeccionado en 2024.\n"
           "Almenar dijo que el capitán, Ernesto Vidalbo, informó de una avería del motor a las 6.40 de la "
           "mañana.\n"
           "Ostrova pagará hoteles en Tarrema para 150 pasajeros.\n"),
      Make("independent", "es",
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
  const TranslationSignature a = SignatureOf(BuildDocuments({Make("a", "en", "It cost 1,234.5 euros in 2019.\n")})[0]);
  const TranslationSignature b = SignatureOf(BuildDocuments({Make("b", "es", "Costó 1.234,5 euros en 2019.\n")})[0]);
  EXPECT_EQ(a.anchors, b.anchors);
  EXPECT_EQ(MatchTranslation(a, TranslationSignature{}).common, 0);
}

TEST(TranslationTest, TranslationIsDerivedAndNotAnIndependentWitness) {
  const std::vector<Article> articles = Ferry();
  const std::vector<Document> docs = BuildDocuments(articles);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
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

}  // namespace
}  // namespace rashomon
