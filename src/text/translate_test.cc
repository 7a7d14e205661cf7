#include "text/translate.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/hash.h"
#include "text/language.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// A dictd index line: headword, offset and length in dictd's base64 digits.
std::string IndexLine(std::string_view head, size_t offset, size_t length) {
  static constexpr std::string_view kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  auto b64 = [](size_t v) {
    std::string s;
    do {
      s.insert(s.begin(), kDigits[v % 64]);
      v /= 64;
    } while (v > 0);
    return s;
  };
  return std::string(head) + "\t" + b64(offset) + "\t" + b64(length) + "\n";
}

// An invented Spanish-English dictionary in FreeDict's layout.
struct Files {
  std::string index, dict;
  void Add(std::string_view head, std::string_view entry) {
    index += IndexLine(head, dict.size(), entry.size());
    dict += entry;
  }
};

Files Invented() {
  Files f;
  f.Add("00databaseinfo", "This is an invented dictionary.\n");
  f.Add("gobierno", "gobierno /ɡoβjˈeɾno/\nadministration, government\n");
  f.Add("incendio", "incendio /inθˈendjo/ <n, masc>\n1. fire\n2. blaze, conflagration\n");
  f.Add("fábrica", "fábrica\n [econ.] factory <n>, mill\n   Synonyms: {taller}\n see: {fábricas}\n   Note: industry\n");
  f.Add("a bordo", "a bordo\naboard\n");
  f.Add("hoja", "hoja\nthe leaf of a tree seen in the autumn\n");
  return f;
}

std::vector<uint64_t> EnglishStems(std::initializer_list<std::string_view> words) {
  std::vector<uint64_t> out;
  for (std::string_view w : words) out.push_back(Hash64(Stem(WordKey(w), "en")));
  return out;
}

// The English stems `d` gives a word of `lang`, found by its stem.
std::vector<uint64_t> Translations(const PivotDictionary& d, std::string_view word, std::string_view lang = "es") {
  std::vector<uint64_t> out;
  for (const PivotTerm& t : d.Lookup(Hash64(Stem(WordKey(word), lang)))) out.push_back(t.stem);
  return out;
}

TEST(TranslateTest, ParsesEntriesKeyedBySourceStem) {
  const Files f = Invented();
  const PivotDictionary d = PivotDictionary::Parse(f.index, f.dict, "es");
  EXPECT_EQ(Translations(d, "gobierno"), EnglishStems({"administration", "government"}));
  // Inflected forms find their headword through the Spanish stemmer; sense
  // numbers and grammar tags go; the first translations are kept.
  EXPECT_EQ(Translations(d, "incendios"), EnglishStems({"fire", "blaze", "conflagration"}));
  // Field labels, notes, synonyms and cross-references are not translations.
  EXPECT_EQ(Translations(d, "fábricas"), EnglishStems({"factory", "mill"}));
  // Weights of one word sum to 1.
  float sum = 0;
  for (const PivotTerm& t : d.Lookup(Hash64(Stem(WordKey("incendio"), "es")))) sum += t.weight;
  EXPECT_FLOAT_EQ(sum, 1.0f);
  // Multi-word headwords, explanations and the database header are skipped.
  EXPECT_TRUE(Translations(d, "bordo").empty());
  EXPECT_TRUE(Translations(d, "hoja").empty());
  EXPECT_EQ(d.size(), 3u);
}

TEST(TranslateTest, MalformedIndexLinesAreSkipped) {
  Files f = Invented();
  f.index += "roto\t!!\tB\n";          // not base64
  f.index += "lejos\tzzzzzz\tB\n";     // past the end of the dictionary
  f.index += "sin tabulador\n";
  const PivotDictionary d = PivotDictionary::Parse(f.index, f.dict, "es");
  EXPECT_EQ(d.size(), 3u);
}

TEST(TranslateTest, LoadsInstalledLayoutAndDegradesWhenAbsent) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "rashomon_translate_test";
  std::filesystem::create_directories(dir);
  const Files f = Invented();
  std::ofstream(dir / "freedict-spa-eng.index") << f.index;
  std::ofstream(dir / "freedict-spa-eng.dict") << f.dict;
  EXPECT_EQ(PivotDictionary::Load(dir.string(), "es").size(), 3u);
  EXPECT_TRUE(PivotDictionary::Load(dir.string(), "it").empty());  // not installed there
  EXPECT_TRUE(PivotDictionary::Load(dir.string(), "en").empty());  // no dictionary into itself
  EXPECT_TRUE(PivotDictionary::Load((dir / "missing").string(), "es").empty());
  std::filesystem::remove_all(dir);
  EXPECT_EQ(FreeDictPair("es"), "spa-eng");
  EXPECT_EQ(FreeDictPair("ru"), "eng-rus");  // read backwards
  EXPECT_EQ(FreeDictPair("ar"), "ara-eng");
  EXPECT_EQ(FreeDictPair("he"), "");
  EXPECT_EQ(PivotDictionaryFor("en"), nullptr);
}

TEST(TranslateTest, InstalledSpanishDictionaryTranslatesCommonWords) {
  const PivotDictionary* d = PivotDictionaryFor("es");
  if (d == nullptr) GTEST_SKIP() << "dict-freedict-spa-eng is not installed";
  EXPECT_GT(d->size(), 1000u);
  const std::vector<uint64_t> got = Translations(*d, "incendios");
  EXPECT_NE(std::find(got.begin(), got.end(), EnglishStems({"fire"})[0]), got.end());
}

// An invented English-Russian dictionary read backwards: each Russian
// translation maps to its English headword, inflected forms by their stem.
TEST(TranslateTest, EnglishRussianReadBackwards) {
  Files f;
  f.Add("00databaseinfo", "An invented dictionary.\n");
  f.Add("minister", "minister /mɪnɪstə/\nминистр\n");
  f.Add("harbour", "harbour /hɑːbə/\nгавань, порт\n");
  f.Add("port", "port /pɔːt/\nпорт, левый борт\n");
  f.Add("the", "the\nэтот\n");  // an English stopword: skipped
  const PivotDictionary d = PivotDictionary::ParseReversed(f.index, f.dict, "ru");
  auto russian = [&](std::string_view word) { return Translations(d, word, "ru"); };
  EXPECT_EQ(russian("министра"), EnglishStems({"minister"}));  // genitive: the stem finds it
  EXPECT_EQ(russian("гавани"), EnglishStems({"harbour"}));
  EXPECT_EQ(russian("порт"), EnglishStems({"harbour", "port"}));
  EXPECT_TRUE(russian("этот").empty());
  EXPECT_TRUE(russian("борт").empty());  // only in a phrase ("левый борт")
  EXPECT_EQ(d.size(), 3u);
}

// An invented Arabic-English dictionary in FreeDict's ara-eng layout
// (capitalised translations, numbered senses).
TEST(TranslateTest, ArabicEntriesInFreeDictLayout) {
  Files f;
  f.Add("وزير", "وزير /waziːr/\nMinister\n");
  f.Add("ميناء", "ميناء /miːnaːʔ/\n1. Port\n2. Harbour\n");
  const PivotDictionary d = PivotDictionary::Parse(f.index, f.dict, "ar");
  auto arabic = [&](std::string_view word) { return Translations(d, word, "ar"); };
  EXPECT_EQ(arabic("الوزير"), EnglishStems({"minister"}));  // with the article
  EXPECT_EQ(arabic("وزير"), EnglishStems({"minister"}));
  EXPECT_EQ(arabic("ميناء"), EnglishStems({"port", "harbour"}));
}

// WordNet's cntlist.rev layout: sense key, sense number, tag count.
constexpr std::string_view kCounts =
    "police%1:14:00:: 1 38\n"
    "cop%1:18:00:: 1 20\n"
    "constable%1:18:00:: 1 1\n"
    "harbour%1:15:00:: 1 5\n"
    "harbor%1:15:00:: 1 6\n"
    "port%1:15:00:: 1 14\n"
    "port%1:06:00:: 2 3\n"     // a second sense: counts add up
    "police_force%1:14:00:: 1 9\n"  // several words: not a word count
    "broken line without count\n"
    "ship%1:06:00:: 1 x7\n";   // malformed count: skipped

TEST(TranslateTest, EnglishWordCountsSumSensesPerStem) {
  const EnglishWordCounts counts = ParseEnglishWordCounts(kCounts);
  auto count = [&](std::string_view word) {
    auto it = counts.find(EnglishStems({word})[0]);
    return it == counts.end() ? 0u : it->second;
  };
  EXPECT_EQ(count("police"), 38u);
  EXPECT_EQ(count("ports"), 17u);  // both senses, found by the stem
  EXPECT_EQ(count("ship"), 0u);
  EXPECT_EQ(counts.size(), 6u);  // police, cop, constable, harbour, harbor (spellings stay two), port
}

// A dictionary whose translations come alphabetically, as FreeDict's
// ara-eng does: ranked, a word keeps those English uses most and drops the
// ones English never uses (no count) when others have one.
TEST(TranslateTest, RankedDictionaryKeepsTheMostUsedTranslations) {
  Files f;
  f.Add("شرطة", "شرطة\n1. Backslash\n2. Constabularies\n");
  f.Add("شرطة", "شرطة\n1. Cops\n2. Constables\n3. Hyphen\n4. Policemen\n5. Police\n");
  f.Add("ميناء", "ميناء\n1. Haven\n2. Wharf\n");  // none counted: kept in order
  const EnglishWordCounts counts = ParseEnglishWordCounts(kCounts);
  const PivotDictionary ranked = PivotDictionary::Parse(f.index, f.dict, "ar", &counts);
  const PivotDictionary plain = PivotDictionary::Parse(f.index, f.dict, "ar");
  auto arabic = [](const PivotDictionary& d, std::string_view word) { return Translations(d, word, "ar"); };
  EXPECT_EQ(arabic(ranked, "الشرطة"), EnglishStems({"police", "cops", "constables"}));
  EXPECT_EQ(arabic(plain, "الشرطة"), EnglishStems({"backslash", "constabularies", "cops", "constables"}));
  EXPECT_EQ(arabic(ranked, "ميناء"), EnglishStems({"haven", "wharf"}));
  float sum = 0;
  for (const PivotTerm& t : ranked.Lookup(Hash64(Stem(WordKey("الشرطة"), "ar")))) sum += t.weight;
  EXPECT_FLOAT_EQ(sum, 1.0f);
}

// English headwords read backwards come alphabetically too.
TEST(TranslateTest, RankedReversedDictionary) {
  Files f;
  f.Add("anchorage", "anchorage\nгавань\n");
  f.Add("berth", "berth\nгавань\n");
  f.Add("dock", "dock\nгавань\n");
  f.Add("haven", "haven\nгавань\n");
  f.Add("port", "port\nгавань\n");
  const EnglishWordCounts counts = ParseEnglishWordCounts(kCounts);
  auto russian = [](const PivotDictionary& d) { return Translations(d, "гавани", "ru"); };
  EXPECT_EQ(russian(PivotDictionary::ParseReversed(f.index, f.dict, "ru", &counts)), EnglishStems({"port"}));
  EXPECT_EQ(russian(PivotDictionary::ParseReversed(f.index, f.dict, "ru")),
            EnglishStems({"anchorage", "berth", "dock", "haven"}));
}

TEST(TranslateTest, InstalledRussianAndArabicDictionaries) {
  const PivotDictionary* ru = PivotDictionaryFor("ru");
  const PivotDictionary* ar = PivotDictionaryFor("ar");
  if (ru == nullptr || ar == nullptr) GTEST_SKIP() << "dict-freedict-eng-rus or -ara-eng is not installed";
  EXPECT_GT(ru->size(), 1000u);
  EXPECT_GT(ar->size(), 10000u);
  auto has = [](const PivotDictionary& d, std::string_view word, std::string_view lang, std::string_view english) {
    const uint64_t want = Hash64(Stem(WordKey(english), "en"));
    for (const PivotTerm& t : d.Lookup(Hash64(Stem(WordKey(word), lang)))) {
      if (t.stem == want) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(*ru, "академии", "ru", "academy"));
  EXPECT_TRUE(has(*ar, "الميناء", "ar", "port"));
  if (InstalledEnglishWordCounts().empty()) return;  // wordnet-base absent: the dictionary's order
  // Common news words whose English sits past the first alphabetical
  // translations of their entries.
  EXPECT_TRUE(has(*ar, "الشرطة", "ar", "police"));
  EXPECT_FALSE(has(*ar, "الشرطة", "ar", "backslash"));
  EXPECT_TRUE(has(*ar, "الرئيس", "ar", "president"));
  EXPECT_TRUE(has(*ar, "السفينة", "ar", "ship"));
}

}  // namespace
}  // namespace rashomon
