#include "analysis/cross_language.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/story.h"
#include "analysis/translation.h"
#include "base/hash.h"
#include "text/corpus.h"
#include "text/language.h"
#include "text/test_articles.h"
#include "text/tokenizer.h"
#include "text/translate.h"

namespace rashomon {
namespace {

using testing::MakeArticle;
using testing::Pointers;

// Invented: an English report of a flood, a Spanish translation of it, and
// a Spanish report of another event (a factory fire elsewhere).

std::vector<Article> Flood() {
  return {
      MakeArticle("english", "en",
                  "Floods closed the main bridge of Velmora on Tuesday after three days of heavy rain, the mayor Ilse "
                  "Marandt said.\n"
                  "Rescue teams evacuated 240 families from the old town near the river.\n"
                  "\"We will rebuild every house that the water destroyed,\" Marandt told reporters at the city hall.\n"
                  "The regional government promised 15 million euros for the repairs.\n"
                  "The schools of Velmora will remain closed until Monday.\n"),
      MakeArticle("spanish", "es",
                  "Las inundaciones cerraron el puente principal de Velmora el martes después de tres días de lluvias "
                  "intensas, dijo la alcaldesa Ilse Marandt.\n"
                  "Los equipos de rescate evacuaron a 240 familias de la ciudad vieja cerca del río.\n"
                  "«Reconstruiremos cada casa que el agua destruyó», dijo Marandt a los periodistas en el ayuntamiento.\n"
                  "El gobierno regional prometió 15 millones de euros para las reparaciones.\n"
                  "Las escuelas de Velmora permanecerán cerradas hasta el lunes.\n"),
      MakeArticle("unrelated", "es",
                  "Un incendio destruyó una fábrica de muebles en Carrosa el jueves, informó el jefe de bomberos Tomás "
                  "Ebrill.\n"
                  "Cuarenta bomberos trabajaron durante seis horas para apagar el fuego en la nave principal.\n"
                  "«No hubo heridos, pero la fábrica está perdida para siempre», dijo Ebrill a la radio local.\n"
                  "La empresa Muebles Ordal emplea a 85 personas en la ciudad.\n"),
  };
}

bool Has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(CrossLanguageTest, OneLanguageIsUntouched) {
  const std::vector<Document> docs = BuildDocuments({Flood()[1], Flood()[2]});
  const StoryPivot pivot({&docs[0], &docs[1]});
  EXPECT_FALSE(pivot.active());
  EXPECT_FALSE(pivot.Maps("es"));
  const Sentence& s = docs[0].sentences[0];
  EXPECT_EQ(pivot.Sketch(docs[0], s).stems, SketchSentence(docs[0], s).stems);
}

TEST(CrossLanguageTest, WordsReadAsTheEnglishArticleSaysThem) {
  if (PivotDictionaryFor("es") == nullptr) GTEST_SKIP() << "dict-freedict-spa-eng is not installed";
  const std::vector<Document> docs = BuildDocuments({Flood()[0], Flood()[1]});
  const StoryPivot pivot({&docs[0], &docs[1]});
  ASSERT_TRUE(pivot.active());
  EXPECT_TRUE(pivot.Maps("es"));
  EXPECT_FALSE(pivot.Maps("en"));
  auto english = [](std::string_view w) { return Hash64(Stem(WordKey(w), "en")); };
  // "gobierno" is listed as "administration" before "government": the
  // English article's word wins.
  const std::vector<uint64_t> stems = pivot.QuoteStems("el gobierno regional", "es");
  EXPECT_TRUE(std::binary_search(stems.begin(), stems.end(), english("government")));
  // A name the dictionary does not know reads as the English stem of its letters.
  const std::vector<uint64_t> name = pivot.QuoteStems("Marandt", "es");
  EXPECT_EQ(name, std::vector<uint64_t>{english("Marandt")});
  // English text keeps its own stems.
  EXPECT_EQ(pivot.QuoteStems("the regional government", "en"), QuoteStems("the regional government", "en"));
}

TEST(CrossLanguageTest, TranslatedQuoteIsAVersionMarkedTranslated) {
  if (PivotDictionaryFor("es") == nullptr) GTEST_SKIP() << "dict-freedict-spa-eng is not installed";
  const std::vector<Article> articles = Flood();
  const std::vector<Document> docs = BuildDocuments(articles);
  const report::Story story = AnalyzeStory(Pointers(docs), "s", AnalysisOptions{});
  const report::Quote* rebuild = nullptr;
  for (const report::Quote& q : story.quotes) {
    if (q.text.find("rebuild every house") != std::string::npos) rebuild = &q;
  }
  ASSERT_NE(rebuild, nullptr);
  ASSERT_EQ(rebuild->versions.size(), 2u);
  EXPECT_EQ(rebuild->versions[0].article, "english");
  EXPECT_TRUE(rebuild->versions[0].translated_from.empty());
  EXPECT_EQ(rebuild->versions[1].article, "spanish");
  EXPECT_EQ(rebuild->versions[1].translated_from, "en");
  EXPECT_TRUE(rebuild->versions[1].diff.empty());  // words of two languages are not a wording change
  // The fire's quote stays a quote of its own.
  for (const report::Quote& q : story.quotes) {
    for (const report::QuoteVersion& v : q.versions) {
      if (v.article == "unrelated") {
        EXPECT_EQ(q.versions.size(), 1u) << q.text;
      }
    }
  }
}

TEST(CrossLanguageTest, FactAndItsTranslationAreOneFactWithOneWitness) {
  if (PivotDictionaryFor("es") == nullptr) GTEST_SKIP() << "dict-freedict-spa-eng is not installed";
  const std::vector<Article> articles = Flood();
  const std::vector<Document> docs = BuildDocuments(articles);
  const report::Story story = AnalyzeStory(Pointers(docs), "s", AnalysisOptions{});
  int both = 0;
  for (const report::Fact& f : story.facts) {
    if (Has(f.articles, "english") && Has(f.articles, "spanish")) {
      ++both;
      EXPECT_EQ(f.independent_sources, 1) << f.text;  // a translation is no second witness
    }
    EXPECT_FALSE(Has(f.articles, "unrelated") && f.articles.size() > 1) << f.text;
  }
  EXPECT_GE(both, 4);  // of five statements
}

TEST(CrossLanguageTest, AnotherEventWithTheSameNamesSharesNoFact) {
  // The invented Spanish article against an English one that only shares
  // the names and numbers: no fact of both, whatever is installed.
  const std::vector<Article> articles = {
      MakeArticle("english", "en",
                  "The museum of Velmora reopened on Tuesday with 240 paintings lent by Ilse Marandt.\n"
                  "Visitors queued for three hours to see the collection of Marandt.\n"),
      Flood()[1]};
  const std::vector<Document> docs = BuildDocuments(articles);
  const report::Story story = AnalyzeStory(Pointers(docs), "s", AnalysisOptions{});
  for (const report::Fact& f : story.facts) EXPECT_EQ(f.articles.size(), 1u) << f.text;
}

// Invented sentences: Russian (eng-rus read backwards) and Arabic words
// meet the English words of one sentence.
TEST(CrossLanguageTest, RussianAndArabicWordsReadAsEnglish) {
  if (PivotDictionaryFor("ru") == nullptr || PivotDictionaryFor("ar") == nullptr) {
    GTEST_SKIP() << "dict-freedict-eng-rus or -ara-eng is not installed";
  }
  const std::vector<Document> docs = BuildDocuments({
      MakeArticle("en", "en", "The government of the city closed the port after the storm.\n"),
      MakeArticle("ru", "ru", "Правительство города закрыло порт после шторма.\n"),
      MakeArticle("ar", "ar", "أغلقت الحكومة الميناء في المدينة بعد العاصفة.\n"),
  });
  ASSERT_EQ(docs[1].lang, "ru");
  ASSERT_EQ(docs[2].lang, "ar");
  const StoryPivot pivot({&docs[0], &docs[1], &docs[2]});
  auto english = [](std::string_view w) { return Hash64(Stem(WordKey(w), "en")); };
  auto has = [](const std::vector<uint64_t>& stems, uint64_t x) { return std::binary_search(stems.begin(), stems.end(), x); };
  const std::vector<uint64_t> ru = pivot.QuoteStems(std::string(docs[1].text), "ru");
  EXPECT_TRUE(has(ru, english("government")));
  EXPECT_TRUE(has(ru, english("city")));  // "город" is "city" or "town": the English sentence says "city"
  const std::vector<uint64_t> ar = pivot.QuoteStems(std::string(docs[2].text), "ar");
  EXPECT_TRUE(has(ar, english("government")));
  EXPECT_TRUE(has(ar, english("port")));
  EXPECT_TRUE(has(ar, english("city")));
}

// Invented: an English report of a harbour reopening with two short quotes
// (two content words each; one without a speaker, one said by a fisherman),
// its Spanish translation, and an Italian article about a poet in another
// town that quotes a short phrase in the same words as the fisherman's.
std::vector<Article> Harbour() {
  return {
      MakeArticle("harbour-en", "en",
                  "The port of Quessant reopened on Monday after the storm, the port director Lenia "
                  "Fravotti said.\n"
                  "\"The sea is calm.\" The first boats left at six in the morning.\n"
                  "Fishermen from Quessant and Morvac returned to sea with 120 boats.\n"
                  "\"A sad winter,\" said the fisherman Aurel Kastani.\n"
                  "The storm damaged 35 houses in Morvac in 2025.\n"),
      MakeArticle("harbour-es", "es",
                  "El puerto de Quessant reabrió el lunes después de la tormenta, dijo la directora del puerto "
                  "Lenia Fravotti.\n"
                  "«El mar está tranquilo». Los primeros barcos salieron a las seis de la mañana.\n"
                  "Pescadores de Quessant y Morvac volvieron al mar con 120 barcos.\n"
                  "«Un invierno triste», dijo el pescador Aurel Kastani.\n"
                  "La tormenta dañó 35 casas en Morvac en 2025.\n"),
      MakeArticle("poet-it", "it",
                  "Il poeta Ovidio Marlen ha presentato il suo libro a Valdetrigo sabato davanti a 80 "
                  "lettori.\n"
                  "«Un inverno triste», ha scritto Marlen della sua infanzia in montagna.\n"
                  "Il libro ha 240 pagine e costa 18 euro.\n"),
  };
}

TEST(CrossLanguageTest, ShortQuoteOfATranslationPairIsAVersion) {
  if (PivotDictionaryFor("es") == nullptr) GTEST_SKIP() << "dict-freedict-spa-eng is not installed";
  const std::vector<Article> articles = Harbour();
  const std::vector<Document> docs = BuildDocuments(articles);
  ASSERT_EQ(FindTranslations(Pointers(docs)).size(), 1u);  // the harbour articles
  const report::Story story = AnalyzeStory(Pointers(docs), "s", AnalysisOptions{});
  auto quote = [&](const std::string& words) -> const report::Quote* {
    for (const report::Quote& q : story.quotes) {
      if (q.text.find(words) != std::string::npos) return &q;
    }
    return nullptr;
  };
  auto articles_of = [](const report::Quote& q) {
    std::vector<std::string> ids;
    for (const report::QuoteVersion& v : q.versions) ids.push_back(v.article);
    return ids;
  };
  const report::Quote* calm = quote("The sea is calm");
  ASSERT_NE(calm, nullptr);
  EXPECT_EQ(articles_of(*calm), (std::vector<std::string>{"harbour-en", "harbour-es"}));
  EXPECT_EQ(calm->versions.back().translated_from, "en");
  const report::Quote* winter = quote("A sad winter");
  ASSERT_NE(winter, nullptr);
  // The poet's words are the same, but his article is no translation of
  // the fisherman's and the speakers differ.
  EXPECT_EQ(articles_of(*winter), (std::vector<std::string>{"harbour-en", "harbour-es"}));
  // Without the translation pair the quote nobody is credited with stays
  // apart; the fisherman's words still meet through his name.
  AnalysisOptions off;
  off.provenance.translations = false;
  const report::Story plain = AnalyzeStory(Pointers(docs), "s", off);
  for (const report::Quote& q : plain.quotes) {
    const size_t versions = q.text.find("A sad winter") != std::string::npos ? 2u : 1u;
    EXPECT_EQ(q.versions.size(), versions) << q.text;
  }
}

}  // namespace
}  // namespace rashomon

namespace rashomon {
namespace {

// Invented: a minister's name in an English report and in an Arabic one.
// The Arabic spelling reads as the English stem of the Latin name, with a
// prefix letter ("and Fastoli") as well; a word of another skeleton keeps

// Invented: a minister's quote in English and, shorter than a statement, in
// Arabic. The English statement that is mostly the quote is no claim the
// English article adds: the Arabic one makes it, in translation. The
// English statement no one else makes still is.
TEST(CrossLanguageTest, AStatementQuotingWhatATranslationQuotesIsNoAddition) {
  if (PivotDictionaryFor("ar") == nullptr) GTEST_SKIP() << "dict-freedict-ara-eng is not installed";
  const std::vector<Article> articles = {
      MakeArticle("en", "en",
                   "Ports minister Bernod Fastoli said on Tuesday that the new ferry would sail in May.\n\n"
                   "\"The port will open tomorrow,\" Fastoli said at the harbour.\n\n"
                   "The old wooden pier of the fishermen will be painted green next spring.\n"),
       MakeArticle("ar", "ar",
                   "قال وزير الموانئ بيرنود فاستولي يوم الثلاثاء إن العبارة الجديدة ستبحر في مايو.\n\n"
                   "«الميناء سيفتح غدا»، قال فاستولي.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);  // the articles outlive the documents
  const report::Story story = AnalyzeStory(Pointers(docs), "s", AnalysisOptions{});
  const report::Quote* port = nullptr;
  for (const report::Quote& q : story.quotes) {
    if (q.text.find("port will open") != std::string::npos || q.versions.size() == 2) port = &q;
  }
  ASSERT_NE(port, nullptr);
  ASSERT_EQ(port->versions.size(), 2u);  // the premise: one quote, two versions
  std::vector<std::string> added;
  for (const report::Unique& u : story.unique) {
    if (u.article != "en") continue;
    for (const std::string& id : u.facts) {
      for (const report::Fact& f : story.facts) {
        if (f.id == id) added.push_back(f.text);
      }
    }
  }
  for (const std::string& text : added) EXPECT_EQ(text.find("port will open"), std::string::npos) << text;
  EXPECT_TRUE(std::any_of(added.begin(), added.end(),
                          [](const std::string& t) { return t.find("wooden pier") != std::string::npos; }));
}

// its own stem, and an English story alone maps nothing.
TEST(CrossLanguageTest, ANameInArabicLettersReadsAsItsLatinForm) {
  const std::vector<Article> articles = {
      MakeArticle("en", "en", "The ports minister Bernod Fastoli said the new ferry would sail in May.\n"),
      MakeArticle("ar", "ar", "قال وزير الموانئ بيرنود فاستولي إن العبارة الجديدة ستبحر في مايو. والتقى وفاستولي الصيادين.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  const StoryPivot pivot(testing::Pointers(docs));
  ASSERT_TRUE(pivot.active());
  auto english_stem = [&](const char* word) {
    for (const Token& t : docs[0].tokens) {
      if (docs[0].TokenText(t) == word) return t.stem;
    }
    return uint64_t{0};
  };
  auto arabic_stem = [&](const char* word) {
    for (const Token& t : docs[1].tokens) {
      if (docs[1].TokenText(t) == word) return pivot.EnglishStem(docs[1].text, t, docs[1].lang);
    }
    return uint64_t{1};
  };
  EXPECT_EQ(arabic_stem("فاستولي"), english_stem("Fastoli"));
  EXPECT_EQ(arabic_stem("بيرنود"), english_stem("Bernod"));
  EXPECT_EQ(arabic_stem("وفاستولي"), english_stem("Fastoli"));
  EXPECT_NE(arabic_stem("الصيادين"), english_stem("Fastoli"));
  EXPECT_NE(arabic_stem("الصيادين"), english_stem("Bernod"));
  // The sentence and its translation now share the name's stems.
  const SentenceSketch ar = pivot.Sketch(docs[1], docs[1].sentences[0]);
  EXPECT_TRUE(std::binary_search(ar.stems.begin(), ar.stems.end(), english_stem("Fastoli")));
}

// Invented: an English report of a ferry collision and its Russian
// translation. The English-Russian dictionary knows few of the words, so
// the sentences line up by their names and numbers, in order.
std::vector<Article> FerryInRussian() {
  return {
      MakeArticle("english", "en",
                  "The ferry Merena collided with a tanker at the entrance to the port of Kalvoran on Tuesday, "
                  "injuring 16 passengers, harbour master Ivo Dranek said.\n"
                  "According to Dranek, the ferry was sailing from Saltera with 240 passengers on board.\n"
                  "The tanker, owned by Belmarin, was holed, but no fuel leaked.\n"
                  "\"Traffic in the port will resume on Wednesday,\" Dranek said.\n"),
      MakeArticle("russian", "ru",
                  "Паром «Мерена» во вторник столкнулся с танкером у входа в порт Калворан, пострадали 16 "
                  "пассажиров, сообщил капитан порта Иво Дранек.\n"
                  "По словам Дранека, паром шёл из Сальтеры с 240 пассажирами на борту.\n"
                  "Танкер компании «Белмарин» получил пробоину, но утечки топлива нет.\n"
                  "«Движение в порту возобновится в среду», — сказал Дранек.\n"),
  };
}

bool HasCyrillic(const std::string& s) { return s.find("\xd0") != std::string::npos || s.find("\xd1") != std::string::npos; }

TEST(CrossLanguageTest, ATranslationSharesItsFactsAndQuotesByItsNames) {
  const std::vector<Article> articles = FerryInRussian();
  const std::vector<Document> docs = BuildDocuments(articles);
  const report::Story story = AnalyzeStory(Pointers(docs), "s", AnalysisOptions{});
  int translated = 0;
  for (const report::Fact& f : story.facts) {
    if (!Has(f.articles, "english") || !Has(f.articles, "russian")) continue;
    EXPECT_EQ(f.independent_sources, 1) << f.text;  // a translation is no second witness
    EXPECT_FALSE(HasCyrillic(f.text)) << f.text;  // in the source's words
    translated += f.translated ? 1 : 0;
  }
  // Of four statements: those the counterpart pass did not already join in
  // part (by their numbers and names).
  EXPECT_GE(translated, 3);
  // The translation adds nothing of its own.
  for (const report::Unique& u : story.unique) EXPECT_NE(u.article, "russian") << u.facts.size();
  // The quote and its translation are one quote.
  bool quote = false;
  for (const report::Quote& q : story.quotes) {
    if (q.versions.size() == 2 && q.versions[0].article != q.versions[1].article) quote = true;
  }
  EXPECT_TRUE(quote);
  // The summary reads the source.
  ASSERT_FALSE(story.summary.empty());
  for (const std::string& line : story.summary) EXPECT_FALSE(HasCyrillic(line)) << line;
  EXPECT_FALSE(HasCyrillic(story.headline));
  // Conflicts are never read across the two languages.
  EXPECT_TRUE(story.conflicts.empty());
}

// A fact two English outlets state, and the Spanish translation of one of
// them: the translated statement joins that fact as one more source (no
// further witness), in English words, compared word by word with neither.
TEST(CrossLanguageTest, ATranslationJoinsTheFactsItsSourceSharesWithOthers) {
  std::vector<Article> articles = Flood();
  articles.pop_back();  // the unrelated fire
  articles.push_back(MakeArticle(
      "rewrite", "en",
      "The main bridge of Velmora was closed on Tuesday by floods after three days of heavy rain, mayor Ilse "
      "Marandt said.\n"
      "Rescue teams took 240 families out of the old town by the river.\n"
      "The regional government has promised 15 million euros to pay for the repairs.\n"
      "Velmora's schools stay shut until Monday, the mayor added.\n"));
  const std::vector<Document> docs = BuildDocuments(articles);
  const report::Story story = AnalyzeStory(Pointers(docs), "s", AnalysisOptions{});
  int joined = 0;
  for (const report::Fact& f : story.facts) {
    if (!Has(f.articles, "spanish")) continue;
    EXPECT_TRUE(Has(f.articles, "english")) << f.text;
    if (Has(f.articles, "rewrite")) ++joined;
    for (const char* spanish : {"puente", "familias", "gobierno", "escuelas", "inundaciones"}) {
      EXPECT_EQ(f.text.find(spanish), std::string::npos) << f.text;  // in English words
    }
  }
  EXPECT_GE(joined, 3);
  for (const report::Unique& u : story.unique) EXPECT_NE(u.article, "spanish") << u.facts.size();
  for (const report::Conflict& c : story.conflicts) {
    for (const report::Claim& cl : c.claims) EXPECT_FALSE(Has(cl.articles, "spanish")) << c.subject;
  }
}

TEST(CrossLanguageTest, AReportNamingTheSamePeopleIsNoTranslation) {
  // A Russian report of another day at the same port, with the same names
  // in another order and other numbers: no translated fact.
  const std::vector<Article> articles = {
      FerryInRussian()[0],
      MakeArticle("other", "ru",
                  "Иво Дранек в пятницу открыл новый причал в Калворане.\n"
                  "Компания «Белмарин» построила причал за 11 месяцев, паромы из Сальтеры будут приходить туда "
                  "с 30 числа.\n"
                  "Паром «Мерена» первым встанет к новому причалу.\n")};
  const std::vector<Document> docs = BuildDocuments(articles);
  const report::Story story = AnalyzeStory(Pointers(docs), "s", AnalysisOptions{});
  for (const report::Fact& f : story.facts) EXPECT_FALSE(f.translated) << f.text;
}

}  // namespace
}  // namespace rashomon
