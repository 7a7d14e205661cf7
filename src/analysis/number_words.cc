#include "analysis/number_words.h"

#include <array>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/hash.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

struct Words {
  std::unordered_map<std::string, double> value;  // folded word -> value
  std::unordered_set<uint64_t> keys;              // token keys of the words as written
};

// Each language's words as articles write them (accents and all); their
// folded forms and token keys are derived once.
const std::vector<std::pair<std::string, Words>>& AllWords() {
  static const auto* all = [] {
    using List = std::vector<std::pair<const char*, double>>;
    const std::vector<std::pair<const char*, List>> lists = {
        {"es",
         {{"dos", 2},        {"tres", 3},        {"cuatro", 4},     {"cinco", 5},      {"seis", 6},
          {"siete", 7},      {"ocho", 8},        {"nueve", 9},      {"diez", 10},      {"once", 11},
          {"doce", 12},      {"trece", 13},      {"catorce", 14},   {"quince", 15},    {"dieciséis", 16},
          {"diecisiete", 17}, {"dieciocho", 18}, {"diecinueve", 19}, {"veinte", 20},   {"treinta", 30},
          {"cuarenta", 40},  {"cincuenta", 50},  {"sesenta", 60},   {"setenta", 70},   {"ochenta", 80},
          {"noventa", 90},   {"cien", 100},      {"docena", 12}}},
        {"it",
         {{"due", 2},        {"tre", 3},         {"quattro", 4},    {"cinque", 5},     {"sei", 6},
          {"sette", 7},      {"otto", 8},        {"nove", 9},       {"dieci", 10},     {"undici", 11},
          {"dodici", 12},    {"tredici", 13},    {"quattordici", 14}, {"quindici", 15}, {"sedici", 16},
          {"diciassette", 17}, {"diciotto", 18}, {"diciannove", 19}, {"venti", 20},    {"trenta", 30},
          {"quaranta", 40},  {"cinquanta", 50},  {"sessanta", 60},  {"settanta", 70},  {"ottanta", 80},
          {"novanta", 90},   {"cento", 100},     {"dozzina", 12}}},
        {"pt",
         {{"dois", 2},       {"duas", 2},        {"três", 3},       {"quatro", 4},     {"cinco", 5},
          {"seis", 6},       {"sete", 7},        {"oito", 8},       {"nove", 9},       {"dez", 10},
          {"onze", 11},      {"doze", 12},       {"treze", 13},     {"catorze", 14},   {"quinze", 15},
          {"dezesseis", 16}, {"dezessete", 17},  {"dezoito", 18},   {"dezenove", 19},  {"vinte", 20},
          {"trinta", 30},    {"quarenta", 40},   {"cinquenta", 50}, {"sessenta", 60},  {"setenta", 70},
          {"oitenta", 80},   {"noventa", 90},    {"cem", 100},      {"dúzia", 12}}},
        {"fr",
         {{"deux", 2},       {"trois", 3},       {"quatre", 4},     {"cinq", 5},       {"six", 6},
          {"sept", 7},       {"huit", 8},        {"neuf", 9},       {"dix", 10},       {"onze", 11},
          {"douze", 12},     {"treize", 13},     {"quatorze", 14},  {"quinze", 15},    {"seize", 16},
          {"vingt", 20},     {"trente", 30},     {"quarante", 40},  {"cinquante", 50}, {"soixante", 60},
          {"cent", 100},     {"douzaine", 12}}},
        {"de",
         {{"zwei", 2},       {"drei", 3},        {"vier", 4},       {"fünf", 5},       {"sechs", 6},
          {"sieben", 7},     {"acht", 8},        {"neun", 9},       {"zehn", 10},      {"elf", 11},
          {"zwölf", 12},     {"dreizehn", 13},   {"vierzehn", 14},  {"fünfzehn", 15},  {"sechzehn", 16},
          {"siebzehn", 17},  {"achtzehn", 18},   {"neunzehn", 19},  {"zwanzig", 20},   {"dreißig", 30},
          {"vierzig", 40},   {"fünfzig", 50},    {"sechzig", 60},   {"siebzig", 70},   {"achtzig", 80},
          {"neunzig", 90},   {"hundert", 100},   {"dutzend", 12}}},
        {"nl",
         {{"twee", 2},       {"drie", 3},        {"vier", 4},       {"vijf", 5},       {"zes", 6},
          {"zeven", 7},      {"acht", 8},        {"negen", 9},      {"tien", 10},      {"elf", 11},
          {"twaalf", 12},    {"dertien", 13},    {"veertien", 14},  {"vijftien", 15},  {"zestien", 16},
          {"zeventien", 17}, {"achttien", 18},   {"negentien", 19}, {"twintig", 20},   {"dertig", 30},
          {"veertig", 40},   {"vijftig", 50},    {"zestig", 60},    {"zeventig", 70},  {"tachtig", 80},
          {"negentig", 90},  {"honderd", 100},   {"dozijn", 12}}},
        {"ru",
         {{"два", 2},        {"две", 2},         {"двух", 2},       {"три", 3},        {"трёх", 3},
          {"трех", 3},       {"четыре", 4},      {"четырёх", 4},    {"четырех", 4},    {"пять", 5},
          {"пяти", 5},       {"шесть", 6},       {"шести", 6},      {"семь", 7},       {"семи", 7},
          {"восемь", 8},     {"восьми", 8},      {"девять", 9},     {"девяти", 9},     {"десять", 10},
          {"десяти", 10},    {"одиннадцать", 11}, {"двенадцать", 12}, {"двенадцати", 12}, {"тринадцать", 13},
          {"четырнадцать", 14}, {"пятнадцать", 15}, {"шестнадцать", 16}, {"семнадцать", 17},
          {"восемнадцать", 18}, {"девятнадцать", 19}, {"двадцать", 20}, {"двадцати", 20},
          {"тридцать", 30},  {"тридцати", 30},   {"сорок", 40},     {"сорока", 40},    {"пятьдесят", 50},
          {"шестьдесят", 60}, {"семьдесят", 70}, {"восемьдесят", 80}, {"девяносто", 90}, {"сто", 100},
          {"двести", 200},   {"триста", 300},    {"дюжина", 12}}},
        // Arabic: masculine and feminine forms, the tens in the nominative
        // and the oblique case, the dual of a hundred. A unit before عشر
        // or before "and" and a ten is a compound (ArabicCompound).
        {"ar",
         {{"اثنان", 2},     {"اثنين", 2},      {"اثنتان", 2},     {"اثنتين", 2},     {"ثلاثة", 3},
          {"ثلاث", 3},      {"أربعة", 4},      {"أربع", 4},       {"خمسة", 5},       {"خمس", 5},
          {"ستة", 6},       {"سبعة", 7},       {"سبع", 7},        {"ثمانية", 8},     {"ثماني", 8},
          {"تسعة", 9},      {"تسع", 9},        {"عشرة", 10},      {"عشرون", 20},     {"عشرين", 20},
          {"ثلاثون", 30},   {"ثلاثين", 30},    {"أربعون", 40},    {"أربعين", 40},    {"خمسون", 50},
          {"خمسين", 50},    {"ستون", 60},      {"ستين", 60},      {"سبعون", 70},     {"سبعين", 70},
          {"ثمانون", 80},   {"ثمانين", 80},    {"تسعون", 90},     {"تسعين", 90},     {"مئة", 100},
          {"مائة", 100},    {"مئتا", 200},     {"مئتان", 200},    {"مئتين", 200},    {"مائتين", 200}}},
    };
    auto* out = new std::vector<std::pair<std::string, Words>>;
    for (const auto& [lang, list] : lists) {
      Words& w = out->emplace_back(lang, Words{}).second;
      for (const auto& [word, value] : list) {
        w.value.emplace(FoldForMatch(word), value);
        w.keys.insert(Hash64(WordKey(word)));
      }
    }
    return out;
  }();
  return *all;
}

// A scan of eight languages, no string made: called for every token of
// an article not in English.
const Words* WordsOf(std::string_view lang) {
  for (const auto& [code, words] : AllWords()) {
    if (code == lang) return &words;
  }
  return nullptr;
}

}  // namespace

double ForeignNumberWord(std::string_view lang, const std::string& folded) {
  const Words* w = WordsOf(lang);
  if (w == nullptr) return 0;
  auto it = w->value.find(folded);
  return it == w->value.end() ? 0 : it->second;
}

double ArabicCompound(double unit, const std::string& next_folded) {
  if (unit < 1 || unit > 9 || next_folded.empty()) return 0;
  static const std::string kTeen[] = {FoldForMatch("عشر"), FoldForMatch("عشرة")};
  if (next_folded == kTeen[0] || next_folded == kTeen[1]) return unit + 10;
  // "wa" ("and") written onto the ten: خمسة وعشرون, five and twenty.
  static const std::string kAnd = FoldForMatch("و");
  if (next_folded.rfind(kAnd, 0) != 0) return 0;
  const double ten = ForeignNumberWord("ar", next_folded.substr(kAnd.size()));
  return ten >= 20 && ten <= 90 && static_cast<int>(ten) % 10 == 0 ? ten + unit : 0;
}

bool IsForeignNumberKey(std::string_view lang, uint64_t key) {
  const Words* w = WordsOf(lang);
  return w != nullptr && w->keys.count(key) > 0;
}

}  // namespace rashomon
