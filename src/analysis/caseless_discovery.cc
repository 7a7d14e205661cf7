#include "analysis/caseless_discovery.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "analysis/caseless_names.h"
#include "analysis/caseless_speakers.h"
#include "base/hash.h"
#include "base/utf8.h"
#include "text/language.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/translate.h"
#include "text/transliterate.h"

namespace rashomon {
namespace {

using WordSet = std::unordered_set<std::string>;

WordSet Folded(std::initializer_list<const char*> words) { return FoldedWords(words); }

// Titles and roles written before a name (their article or "and" taken
// off before the lookup: "والوزير" reads "وزير").
const WordSet& Titles() {
  static const auto* set = new WordSet(Folded({
      "وزير", "وزيرة", "رئيس", "رئيسة", "متحدث", "متحدثة", "ناطق", "ناطقة", "سفير", "سفيرة", "مدير", "مديرة",
      "أمين", "نائب", "نائبة", "قاضي", "قاضية", "جنرال", "لواء", "عقيد", "عميد", "شيخ", "سيد", "سيدة",
      "دكتور", "دكتورة", "مفتش", "مفتشة", "قائد", "محافظ", "محافظة", "عمدة", "مستشار", "مستشارة", "ملك",
      "أمير", "أميرة", "نقيب", "مقدم", "رائد", "الرئيس", "الوزير", "المتحدث", "الناطق", "السفير", "المدير",
      "الأمين", "النائب", "القاضي", "الجنرال", "اللواء", "العقيد", "العميد", "الشيخ", "السيد", "السيدة",
      "الدكتور", "المفتش", "القائد", "المحافظ", "العمدة", "المستشار", "الملك", "الأمير", "النقيب", "المقدم",
      "الرائد", "الوزيرة", "الرئيسة", "المتحدثة", "الناطقة", "المديرة",
      "שר", "שרת", "השר", "השרה", "נשיא", "נשיאת", "הנשיא", "הנשיאה", "ראש", "דובר", "דוברת", "הדובר",
      "הדוברת", "שופט", "שופטת", "השופט", "השופטת", "מפקח", "המפקח", "מפקחת", "מנהל", "מנהלת", "המנהל",
      "שגריר", "השגריר", "אלוף", "האלוף", "ניצב", "הניצב", "מר", "גברת", "הרב", "רב", "פרופסור", "דוקטור",
      "ראשת", "יועץ", "היועץ", "מושל", "המושל"}));
  return *set;
}

// Hebrew words that join no name (the tokenizer lists no Hebrew stopwords).
const WordSet& HebrewFunctionWords() {
  static const auto* set = new WordSet(Folded({
      "של", "את", "על", "כי", "לא", "הוא", "היא", "הם", "הן", "גם", "אבל", "עם", "אם", "זה", "זו", "זאת", "יש",
      "אין", "כל", "עוד", "רק", "כבר", "אחרי", "לפני", "בין", "מול", "אל", "עד", "או", "כמו", "אשר", "מה", "מי",
      "כך", "לו", "לה", "להם", "שם", "פה", "אתמול", "מחר", "היום", "ביום", "אני", "אנחנו", "אתה", "את", "הזה",
      "הזאת", "שלו", "שלה", "אך", "כן", "לכן", "מאוד", "כאשר", "אחר", "אחת", "אחד", "שני", "שתי", "כדי", "ש",
      "לדבריו", "לדבריה", "בבוקר", "בערב", "השבוע", "שלשום", "לכתבים", "לעיתונאים"}));
  return *set;
}

bool IsHebrewLetter(char32_t c) { return c >= U'\u05D0' && c <= U'\u05EA'; }

char32_t FirstLetter(std::string_view w) {
  char32_t c = 0;
  if (!w.empty()) DecodeUtf8(w, 0, &c);
  return c;
}

// "والوزير" -> "وزير": "and", then the article, taken off the front.
std::string Bare(std::string_view w) {
  static constexpr std::string_view kAnd = "\u0648", kArticle = "\u0627\u0644";
  if (w.starts_with(kAnd) && CountCodePoints(w) > 3) w.remove_prefix(kAnd.size());
  if (w.starts_with(kArticle) && CountCodePoints(w) > 3) w.remove_prefix(kArticle.size());
  return std::string(w);
}

// Arabic words between a role and its name, or after a verb, that join no
// name: "المتحدث باسم", "the spokesman for"; "yesterday"; "told the agency".
const WordSet& ArabicLinkWords() {
  static const auto* set = new WordSet(Folded({"باسم", "وباسم", "أمس", "بالأمس", "مساء", "صباح", "صباحا", "لوكالة",
                                               "لصحيفة", "لقناة", "لوسائل", "لإذاعة", "لتلفزيون", "لمدة"}));
  return *set;
}

// Whether the dictionary knows an Arabic verb in the future, read without
// its "sa-" (and an "and" or "so" before it) and the letter of its person:
// "ستبحر", "will sail", is looked up as "بحر". Other prefix letters are not
// taken off: too many names read as a preposition and a word that way
// ("فاستولي" as "so" and "he seized").
bool KnownFuture(std::string_view word, std::string_view lang, const PivotDictionary& dict) {
  if (FirstLetter(word) == U'\u0648' || FirstLetter(word) == U'\u0641') word.remove_prefix(2);
  if (FirstLetter(word) != U'\u0633') return false;  // sa-
  word.remove_prefix(2);
  static constexpr std::u32string_view kPerson = U"\u064A\u062A\u0646\u0623";  // ya, ta, na, a
  const char32_t person = FirstLetter(word);
  if (kPerson.find(person) == std::u32string_view::npos || CountCodePoints(word) < 3) return false;
  const std::string key = WordKey(word.substr(2));
  return !key.empty() && (!dict.Lookup(Hash64(Stem(key, lang))).empty() ||
                          !dict.Lookup(Hash64(Stem(WordKey(word), lang))).empty());
}

// Word t of `doc`, read for the discovery.
struct WordInfo {
  bool caseless = false;  // a caseless word that is no stopword
  bool title = false;
  bool verb = false;       // speech verb, "said"
  bool according = false;  // "according to"
  bool defined = false;    // with the article: "the police"
  bool known = false;      // a word of the dictionary
  bool function = false;   // a Hebrew function word
  bool link = false;       // an Arabic word of ArabicLinkWords
  bool Candidate() const {
    return caseless && !title && !verb && !according && !defined && !known && !function && !link;
  }
  // A word that may describe the speaker between the verb and the name.
  bool Description() const { return caseless && !verb && !according && !function && (title || defined || known || link); }
};

WordInfo Read(const Document& doc, const Token& t, const PivotDictionary* dict) {
  WordInfo w;
  if (t.kind != TokenKind::kWord || static_cast<unsigned char>(doc.text[t.begin]) < 0x80) return w;
  const std::string_view text = doc.TokenText(t);
  if (!IsCaselessWord(text)) return w;
  const std::string folded = FoldForMatch(text);
  w.verb = IsCaselessSpeechVerb(folded);
  w.according = IsCaselessAccordingTo(folded);
  w.title = Titles().count(folded) > 0 || Titles().count(FoldForMatch(Bare(text))) > 0;
  if (t.Is(token_flags::kStopword)) return w;
  w.caseless = true;
  const bool hebrew = IsHebrewLetter(FirstLetter(text));
  w.function = hebrew && HebrewFunctionWords().count(folded) > 0;
  if (hebrew) {
    w.defined = FirstLetter(text) == U'\u05D4';  // ha-, "the"
  } else {
    // The article, after "and" or "so" and "with", "to" or "as" ("بالأمس",
    // "للصحفيين"): a name so written is read as a word.
    std::string_view rest = text;
    if (FirstLetter(rest) == U'\u0648' || FirstLetter(rest) == U'\u0641') rest.remove_prefix(2);
    const char32_t p = FirstLetter(rest);
    if (p == U'\u0628' || p == U'\u0644' || p == U'\u0643') rest.remove_prefix(2);
    w.defined = rest.starts_with("\u0627\u0644") || (p == U'\u0644' && FirstLetter(rest) == U'\u0644');
  }
  w.known = dict != nullptr && (!dict->Lookup(t.stem).empty() || KnownFuture(text, doc.lang, *dict));
  w.link = !hebrew && ArabicLinkWords().count(folded) > 0;
  return w;
}

struct Candidate {
  std::vector<std::string> tokens;
  std::string form;
  std::vector<std::string> skeletons;
  size_t places = 0;
  bool has_dict = false;
};

class Collector {
 public:
  void Scan(const Document& doc) {
    if (!HasCaselessWords(doc)) return;
    const PivotDictionary* dict = PivotDictionaryFor(doc.lang);
    std::vector<WordInfo> info;
    info.reserve(doc.tokens.size());
    for (const Token& t : doc.tokens) info.push_back(Read(doc, t, dict));
    for (const Sentence& s : doc.sentences) {
      for (uint32_t t = s.first_token; t < s.token_end; ++t) {
        const WordInfo& w = info[t];
        if (!w.title && !w.verb && !w.according) continue;
        // After the cue: descriptions ("وزير الخارجية", "مفتش الميناء"), then the name.
        uint32_t k = t + 1;
        for (int skipped = 0; k < s.token_end && skipped < 3 && Adjacent(doc, k - 1, k) && info[k].Description();
             ++skipped) {
          ++k;
        }
        // Right after the verb, a word opening with "li-" is whom it was said
        // to ("قال لكالفاني"), not who said it.
        const bool to_whom = k == t + 1 && w.verb && k < s.token_end && FirstLetter(doc.TokenText(doc.tokens[k])) == U'\u0644';
        if (k < s.token_end && Adjacent(doc, k - 1, k) && !to_whom) AddRun(doc, info, k, s.token_end, dict != nullptr);
        // Before a speech verb: "קלבני אמר".
        if (w.verb && t > s.first_token && Adjacent(doc, t - 1, t)) {
          uint32_t b = t;
          while (b > s.first_token && t - b < 3 && info[b - 1].Candidate() && (b == t || Adjacent(doc, b - 1, b))) --b;
          if (b < t) AddRun(doc, info, b, t, dict != nullptr);
        }
      }
    }
  }

  std::vector<FoundCaselessName> Names() const;

 private:
  static bool Adjacent(const Document& doc, uint32_t a, uint32_t b) {
    for (uint32_t c = doc.tokens[a].end; c < doc.tokens[b].begin; ++c) {
      if (doc.text[c] != ' ') return false;
    }
    return true;
  }

  // The run of candidate words from `from` (up to three, before `end`).
  void AddRun(const Document& doc, const std::vector<WordInfo>& info, uint32_t from, uint32_t end, bool has_dict) {
    uint32_t to = from;
    while (to < end && to - from < 3 && info[to].Candidate() && (to == from || Adjacent(doc, to - 1, to))) ++to;
    if (to == from) return;
    Candidate c;
    size_t classes = 0;
    for (uint32_t k = from; k < to; ++k) {
      const std::string_view text = doc.TokenText(doc.tokens[k]);
      if (CountCodePoints(text) < 2) return;
      c.tokens.push_back(FoldForMatch(ToLatin(text)));
      c.skeletons.push_back(AbjadSkeleton(c.tokens.back()));
      if (c.skeletons.back().empty()) return;
      classes += c.skeletons.back().size();
    }
    if (classes < 3 || (to - from == 1 && !has_dict && classes < 4)) return;
    c.form = doc.text.substr(doc.tokens[from].begin, doc.tokens[to - 1].end - doc.tokens[from].begin);
    c.has_dict = has_dict;
    std::string key;
    for (const std::string& k : c.skeletons) key += k + " ";
    auto [it, inserted] = index_.try_emplace(key, candidates_.size());
    if (inserted) candidates_.push_back(std::move(c));
    ++candidates_[it->second].places;
  }

  std::vector<Candidate> candidates_;
  std::unordered_map<std::string, size_t> index_;  // skeletons -> candidate
};

std::vector<FoundCaselessName> Collector::Names() const {
  std::vector<const Candidate*> kept;
  for (const Candidate& c : candidates_) {
    if (c.has_dict || c.places >= 2) kept.push_back(&c);
  }
  // A longer name first: one word that is its last word, or a word with a
  // prefix letter that spells a kept one ("وكالفاني"), joins it.
  std::stable_sort(kept.begin(), kept.end(),
                   [](const Candidate* a, const Candidate* b) { return a->tokens.size() > b->tokens.size(); });
  std::vector<FoundCaselessName> out;
  std::vector<const Candidate*> taken;
  for (const Candidate* c : kept) {
    bool covered = false;
    if (c->tokens.size() == 1) {
      const std::string& sk = c->skeletons[0];
      const std::string unprefixed = c->tokens[0].size() > 1 ? AbjadSkeleton(c->tokens[0].substr(1)) : std::string();
      for (const Candidate* t : taken) {
        const std::string& last = t->skeletons.back();
        covered |= last == sk || last == unprefixed;
      }
    }
    if (covered) continue;
    taken.push_back(c);
  }
  // In the order first seen (candidates_ holds them so).
  std::sort(taken.begin(), taken.end());
  out.reserve(taken.size());
  for (const Candidate* c : taken) out.push_back({c->tokens, c->form});
  return out;
}

// Whether most of `doc`'s words are caseless; nullopt when it has no words.
std::optional<bool> MostlyCaseless(const Document& doc) {
  size_t words = 0, caseless = 0;
  for (const Token& t : doc.tokens) {
    if (t.kind != TokenKind::kWord) continue;
    ++words;
    caseless += static_cast<unsigned char>(doc.text[t.begin]) >= 0x80 && IsCaselessWord(doc.TokenText(t));
  }
  if (words == 0) return std::nullopt;
  return caseless * 2 > words;
}

bool Overlap(const CaselessMention& a, const CaselessMention& b) {
  return a.mention.doc == b.mention.doc && a.begin < b.end && b.begin < a.end;
}

}  // namespace

std::string CaselessTitleKey(std::string_view word) {
  if (!IsCaselessWord(word)) return {};
  std::string folded = FoldForMatch(Bare(word));
  if (Titles().count(folded) > 0) {
    // Hebrew "the" (ה) or "and" (ו) before a title listed bare.
    std::string_view w = word;
    const char32_t first = FirstLetter(w);
    if ((first == U'\u05D4' || first == U'\u05D5') && CountCodePoints(w) > 2) {
      std::string rest = FoldForMatch(w.substr(2));  // both letters take two bytes
      if (Titles().count(rest) > 0) return rest;
    }
    return folded;
  }
  // A title that Bare() cuts short ("وزير" read as "and" + "زير").
  std::string whole = FoldForMatch(word);
  return Titles().count(whole) > 0 ? whole : std::string();
}

bool StoryIsCaseless(const std::vector<const Document*>& docs) {
  bool any = false;
  for (const Document* d : docs) {
    const std::optional<bool> mostly = MostlyCaseless(*d);
    if (!mostly) continue;
    if (!*mostly) return false;
    any = true;
  }
  return any;
}

std::vector<FoundCaselessName> DiscoverCaselessNames(const std::vector<const Document*>& docs) {
  Collector collector;
  for (const Document* d : docs) collector.Scan(*d);
  return collector.Names();
}

std::vector<FoundCaselessName> CaselessNamesBeyond(const std::vector<const Document*>& docs,
                                                   const std::vector<std::vector<std::string>>& known) {
  if (StoryIsCaseless(docs)) return DiscoverCaselessNames(docs);
  std::vector<const Document*> caseless_docs;
  std::vector<uint32_t> index;  // in docs
  for (uint32_t d = 0; d < docs.size(); ++d) {
    if (MostlyCaseless(*docs[d]).value_or(false)) {
      caseless_docs.push_back(docs[d]);
      index.push_back(d);
    }
  }
  if (caseless_docs.empty()) return {};
  std::vector<FoundCaselessName> found = DiscoverCaselessNames(caseless_docs);
  if (found.empty()) return found;
  std::vector<std::vector<std::string>> found_tokens;
  found_tokens.reserve(found.size());
  for (const FoundCaselessName& n : found) found_tokens.push_back(n.tokens);
  const CaselessNames known_names(known), found_names(found_tokens);
  // A found name stays out when one of its mentions is a known name's, or
  // one of its words spells a known name's word or is near one (SkeletonsNear):
  // the caseless spelling of a cased name, or one too close to a cased name
  // to tell which person it is (caseless_names.h refuses such a form).
  std::vector<bool> out_of_it(found.size(), false);
  for (size_t k = 0; k < caseless_docs.size(); ++k) {
    const std::vector<CaselessMention> taken = known_names.Find(*caseless_docs[k], index[k]);
    for (const CaselessMention& m : found_names.Find(*caseless_docs[k], index[k])) {
      out_of_it[m.name] = out_of_it[m.name] || std::any_of(taken.begin(), taken.end(), [&](const CaselessMention& t) {
                            return Overlap(m, t);
                          });
    }
  }
  std::vector<std::string> known_words;
  for (const std::vector<std::string>& name : known) {
    for (const std::string& w : name) {
      std::string sk = AbjadSkeleton(w);
      if (sk.size() >= 3) known_words.push_back(std::move(sk));
    }
  }
  auto near_known = [&](const std::string& word) {
    const std::string sk = AbjadSkeleton(word);
    return std::any_of(known_words.begin(), known_words.end(), [&](const std::string& k) {
      return k == sk || SkeletonsNear(k, sk, MaxNearChanges(k));
    });
  };
  std::vector<FoundCaselessName> out;
  for (size_t i = 0; i < found.size(); ++i) {
    if (out_of_it[i] || std::any_of(found[i].tokens.begin(), found[i].tokens.end(), near_known)) continue;
    out.push_back(std::move(found[i]));
  }
  return out;
}

}  // namespace rashomon
