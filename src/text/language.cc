#include "text/language.h"

#include <libstemmer.h>

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <unordered_set>
#include <vector>

#include "base/strings.h"
#include "base/utf8.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

struct LanguageInfo {
  const char* code;
  const char* snowball;
  const char* stopwords;  // space-separated, folded forms
};

// Function words: the most frequent closed-class words of each language.
constexpr LanguageInfo kLanguages[] = {
    {"en", "english",
     "a about above after again against all also am an and any are aren't as at be because been "
     "before being below between both but by can can't cannot could couldn't did didn't do does "
     "doesn't doing don't down during each few for from further had hadn't has hasn't have "
     "haven't having he he'd he'll he's her here here's hers herself him himself his how how's i "
     "i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my "
     "myself no nor not of off on once only or other ought our ours ourselves out over own same "
     "shan't she she'd she'll she's should shouldn't so some such than that that's the their "
     "theirs them themselves then there there's these they they'd they'll they're they've this "
     "those through to too under until up very was wasn't we we'd we'll we're we've were weren't "
     "what what's when when's where where's which while who who's whom why why's will with won't "
     "would wouldn't you you'd you'll you're you've your yours yourself yourselves said says say "
     "also would could one two its s t just now new"},
    {"es", "spanish",
     "de la que el en y a los del se las por un para con no una su al lo como mas pero sus le ya "
     "o este si porque esta entre cuando muy sin sobre tambien me hasta hay donde quien desde todo "
     "nos durante todos uno les ni contra otros ese eso ante ellos e esto mi antes algunos que unos "
     "yo otro otras otra el tanto esa estos mucho quienes nada muchos cual poco ella estar estas "
     "algunas algo nosotros fue ha han era son dijo ser"},
    {"it", "italian",
     "di a da in con su per tra fra il lo la i gli le un uno una e ed o ma che non si come anche "
     "piu del della dei delle degli al alla ai alle nel nella nei nelle sul sulla questo questa "
     "quello quella sono era ha hanno essere stato stata gli ci ne se cui chi dove quando perche "
     "dopo prima ancora molto tutto tutti suo sua suoi loro nostro agli dagli dalle negli sugli sulle"},
    {"nl", "dutch",
     "de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om "
     "hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar "
     "naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al "
     "waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd "
     "altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest "
     "andere ten ter den des"},
    {"de", "german",
     "der die und in den von zu das mit sich des auf fur ist im dem nicht ein eine als auch es an "
     "werden aus er hat dass sie nach wird bei einer um am sind noch wie einem uber einen so zum "
     "war haben nur oder aber vor zur bis mehr durch man sein wurde sei vom beim ins ans aufs ums durchs furs "
     "eines keine kein unter gegen"},
    {"fr", "french",
     "de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se ce il sont "
     "ou avec son aux d l mais comme ont elle ses on cette fait ete etre sa leur y nous vous ils "
     "ces entre deux apres tout sans aussi lui dont avait je tu me te leurs nos vos sous chez vers lors "
     "auquel auxquels auxquelles duquel desquels desquelles"},
    {"ru", "russian",
     "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне "
     "было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него "
     "до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для "
     "мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того "
     "потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем "
     "всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего "
     "них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя "
     "такой им более всегда конечно всю между также заявил сказал который которые которая года"},
    {"ar", "arabic",
     "في من على إلى الى أن ان عن مع هذا هذه التي الذي الذين كان كانت قال وقال ما لا لم لن و أو ثم "
     "بين بعد قبل عند حتى إن كل هو هي هم ذلك تلك منذ خلال أي قد وفي ومن وعلى وأن فى يوم أيضا اليوم "
     "حول ضد لدى غير إلا التى لها له به بها فيها منها عليه عليها إنه أنه"},
    {"pt", "portuguese",
     "de a o que e do da em um para com nao uma os no se na por mais as dos como mas ao ele das a "
     "seu sua ou quando muito nos ja eu tambem so pelo pela ate isso ela entre depois sem mesmo "
     "aos seus quem nas me esse eles voce essa num nem suas meu minha numa pelos elas foi ha sao pelas dum "
     "duma neste nesta nesse nessa naquele naquela deste desta desse dessa daquele daquela"},
};

struct Tables {
  std::map<std::string, std::unordered_set<std::string>, std::less<>> stopwords;
  std::vector<std::string> codes;
  Tables() {
    for (const LanguageInfo& info : kLanguages) {
      auto& set = stopwords[info.code];
      // Folded as the tokenizer folds words (Cyrillic й -> и, Arabic
      // hamza forms -> bare alef); the Latin lists are folded already.
      for (std::string_view w : Split(info.stopwords, ' ')) {
        if (!w.empty()) set.insert(FoldForMatch(w));
      }
      codes.push_back(info.code);
    }
  }
};

const Tables& GetTables() {
  static const Tables* t = new Tables();
  return *t;
}

const char* SnowballName(std::string_view lang) {
  for (const LanguageInfo& info : kLanguages) {
    if (lang == info.code) return info.snowball;
  }
  return nullptr;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

}  // namespace

const std::vector<std::string>& SupportedLanguages() { return GetTables().codes; }

bool IsStopword(std::string_view folded, std::string_view lang) {
  const auto& tables = GetTables();
  auto it = tables.stopwords.find(lang);
  if (it == tables.stopwords.end()) return false;
  return it->second.count(std::string(folded)) > 0;
}

namespace {

enum class Script { kLatin, kCyrillic, kArabic, kOther };

Script ScriptOf(char32_t cp) {
  if (cp < 0x250 || (cp >= 0x1E00 && cp < 0x1F00)) return Script::kLatin;
  if (cp >= 0x400 && cp < 0x530) return Script::kCyrillic;
  if ((cp >= 0x600 && cp < 0x700) || (cp >= 0x750 && cp < 0x780) || (cp >= 0xFB50 && cp < 0xFE00) ||
      (cp >= 0xFE70 && cp < 0xFF00)) {
    return Script::kArabic;
  }
  return Script::kOther;
}

// The language of a text whose letters are mostly of one non-Latin script:
// `code` when its function words are there (or the text is too short to
// tell), "unknown" otherwise (Ukrainian, Persian, Urdu share the scripts).
std::string ScriptLanguage(const std::map<std::string, int, std::less<>>& hits, int words, const char* code) {
  auto it = hits.find(code);
  const int n = it == hits.end() ? 0 : it->second;
  if (words < 12 || n * 20 >= words) return code;
  return kUnknownLanguage;
}

}  // namespace

std::string GuessLanguage(std::string_view text) {
  const auto& tables = GetTables();
  std::map<std::string, int, std::less<>> hits;
  std::array<int, 4> letters{};  // per Script
  // Count function-word hits over the first ~400 words.
  int words = 0;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    ++words;
    for (const auto& [code, set] : tables.stopwords) {
      if (set.count(word)) ++hits[code];
    }
    word.clear();
  };
  size_t i = 0;
  while (i < text.size() && words < 400) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (IsAsciiAlpha(static_cast<char>(c)) || c == '\'') {
        word.push_back(AsciiToLower(static_cast<char>(c)));
        if (c != '\'') ++letters[0];
      } else {
        flush();
      }
      ++i;
      continue;
    }
    // Non-ASCII letters: fold into the word (accents stripped).
    char32_t cp;
    i += DecodeUtf8(text, i, &cp);
    if (IsLetter(cp)) {
      AppendFolded(cp, &word);
      ++letters[static_cast<size_t>(ScriptOf(cp))];
    } else if (cp == 0x2019) {
      word.push_back('\'');
    } else if (!IsWordContinuation(cp)) {
      flush();
    }
  }
  flush();
  // A script other than Latin decides first: most letters of it.
  const int total = letters[0] + letters[1] + letters[2] + letters[3];
  if (total > 0 && letters[0] * 2 < total) {
    if (letters[1] * 2 > total) return ScriptLanguage(hits, words, "ru");
    if (letters[2] * 2 > total) return ScriptLanguage(hits, words, "ar");
    return kUnknownLanguage;
  }
  std::string best = "en";
  int best_hits = 0;
  for (const auto& [code, n] : hits) {
    if (n > best_hits) {
      best = code;
      best_hits = n;
    }
  }
  // Too little evidence: Latin-script text keeps the default, long or short
  // (headlines, lists of names, a language we have no lists for), so that
  // its words are keyed as the same words in the story's other articles.
  if (best_hits < 3 || best_hits * 10 < words) return "en";
  return best;
}

std::string Stem(std::string_view folded, std::string_view lang) {
  const char* name = SnowballName(lang);
  if (!name) return std::string(folded);
  // Per language: the stemmer and a direct-mapped cache of the stems it
  // gave (a text repeats its words; a look-up costs a fraction of a
  // Snowball run). A word's slot is fixed by its hash and a new word takes
  // the slot over, so the cache never grows or empties in bulk.
  constexpr size_t kSlots = 4096;
  struct Slot {
    std::string word, stem;
    bool used = false;
  };
  struct Stemmer {
    std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer;
    std::vector<Slot> slots;
  };
  thread_local std::map<std::string, Stemmer, std::less<>> cache;
  auto it = cache.find(lang);
  if (it == cache.end()) {
    it = cache.emplace(std::string(lang), Stemmer{std::unique_ptr<sb_stemmer, StemmerDeleter>(sb_stemmer_new(name, "UTF_8")),
                                                  std::vector<Slot>(kSlots)})
             .first;
  }
  sb_stemmer* stemmer = it->second.stemmer.get();
  if (!stemmer) return std::string(folded);
  Slot& slot = it->second.slots[std::hash<std::string_view>{}(folded) % kSlots];
  if (slot.used && slot.word == folded) return slot.stem;
  const sb_symbol* out = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(folded.data()),
                                         static_cast<int>(folded.size()));
  slot.word.assign(folded);
  if (out) {
    slot.stem.assign(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(stemmer)));
  } else {
    slot.stem.assign(folded);
  }
  slot.used = true;
  return slot.stem;
}

}  // namespace rashomon
