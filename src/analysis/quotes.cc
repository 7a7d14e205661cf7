#include "analysis/quotes.h"

#include <algorithm>
#include <unordered_set>

#include "base/hash.h"
#include "base/sorted.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "analysis/names.h"
#include "analysis/speech_verbs.h"
#include "text/language.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// Verbs and phrases that attribute speech. Folded forms.
const std::unordered_set<std::string>& CueWords() {
  static const auto* set = new std::unordered_set<std::string>{
      "said", "says", "say", "told", "tells", "added", "adds", "stated", "warned",
      "warns", "insisted", "insists", "stressed", "stresses", "explained", "explains", "noted",
      "recalled", "asked", "asks", "declared", "declares", "announced", "announces",
      "wrote", "writes", "tweeted", "posted", "argued", "argues", "claimed",
      "confirmed", "confirms", "promised", "replied", "replies", "continued",
      "acknowledged", "admitted", "urged", "urges", "emphasised", "emphasized", "reiterated",
      "described", "called", "praised", "vowed", "vows", "cautioned", "conceded", "predicted",
      "remarked", "observed", "shouted", "screamed", "whispered", "responded", "expressed",
      "criticized", "criticised", "warning", "saying", "adding", "telling", "commented", "joked",
      "quipped", "recounted", "countered", "retorted", "testified", "exclaimed", "concluded", "concludes",
      // The commonest speech verbs of the other languages read (folded;
      // none of them an English word).
      "dijo", "afirmo", "declaro", "anadio", "explico", "aseguro", "senalo",          // es
      "disse", "afirmou", "declarou", "acrescentou", "explicou",                      // pt
      "detto", "dichiarato", "affermato", "aggiunto", "spiegato",                     // it
      "affirme", "ajoute", "explique", "souligne",                                    // fr
      "sagte", "erklarte", "betonte", "zei", "zegt", "verklaarde", "aldus",           // de, nl
      "сказал", "сказала", "заявил", "заявила", "отметил", "отметила", "добавил",  // ru
      "добавила", "сообщил", "сообщила"};
  return *set;
}

// Forward declaration: Word is defined below.
struct Word;
bool IsCue(const Word& w);

bool IsTitle(const std::string& w) { return IsTitleWord(w) || IsTitleWordOf(SpeechLanguage::Current(), w); }

bool IsPronoun(std::string_view w) {
  // With a clitic: "he's claiming", "they're saying".
  return w == "he" || w == "she" || w == "they" || w == "i" || w == "we" || w == "he's" || w == "she's" ||
         w == "they're" || w == "we're" || w == "i'm";
}

struct Word {
  uint32_t begin, end;  // in the paragraph's document text
  std::string folded;
  bool capitalized;
};

// The article's own speech verbs are cues too (speech_verbs.h).
bool IsCue(const Word& w) {
  return !w.capitalized && (CueWords().count(w.folded) > 0 || IsSpeechVerbOf(SpeechLanguage::Current(), w.folded));
}

// A name ending at words[end-1] going left (or starting at words[begin] going
// right): capitalised words, allowing lower-case particles inside.
bool IsParticle(const std::string& w) { return IsNameParticle(w); }

// Words (letters, digits, internal hyphens/apostrophes/periods) of text[b, e).
std::vector<Word> WordsOf(std::string_view text, uint32_t b, uint32_t e) {
  std::vector<Word> out;
  uint32_t i = b;
  while (i < e) {
    char32_t cp;
    size_t len = DecodeUtf8(text, i, &cp);
    if (!IsLetter(cp) && !IsDigitChar(cp)) {
      i += static_cast<uint32_t>(len);
      continue;
    }
    uint32_t start = i;
    bool cap = IsUpperCase(cp);
    while (i < e) {
      size_t l2 = DecodeUtf8(text, i, &cp);
      bool inner = (IsHyphen(cp) || IsApostrophe(cp) || cp == '.') && i + l2 < e;
      if (inner) {
        char32_t next;
        DecodeUtf8(text, i + l2, &next);
        inner = IsLetter(next);
      }
      if (IsLetter(cp) || IsDigitChar(cp) || IsWordContinuation(cp) || inner) {
        i += static_cast<uint32_t>(l2);
      } else {
        break;
      }
    }
    std::string folded = FoldForMatch(text.substr(start, i - start));
    // "al-Shaidi", "bin-Salman": a lower-case particle joined to a name.
    if (!cap) {
      size_t join = folded.find_first_of("-'");
      if (join != std::string::npos && IsParticle(folded.substr(0, join))) {
        char32_t after_join;
        size_t pos = start + join + 1;
        if (pos < i) {
          DecodeUtf8(text, pos, &after_join);
          cap = IsUpperCase(after_join);
        }
      }
    }
    out.push_back({start, i, std::move(folded), cap});
  }
  return out;
}

std::string StripTitles(std::string_view text, const std::vector<Word>& words, size_t b, size_t e) {
  // Drop a possessive owner ("Oman's Foreign Minister ...") and title words
  // from the front while a name remains.
  for (size_t k = b; k + 1 < e; ++k) {
    const std::string& f = words[k].folded;
    if (f.size() > 2 && f.compare(f.size() - 2, 2, "'s") == 0) b = k + 1;
  }
  bool organisation = false;
  for (size_t k = b; k < e; ++k) organisation |= words[k].folded == "of";
  if (organisation) return std::string(text.substr(words[b].begin, words[e - 1].end - words[b].begin));
  while (b + 1 < e && IsTitle(words[b].folded)) ++b;
  // A long capitalised run without particles is a title we do not know
  // ("Harbour Master Lena Okafor"): personal names are its last two words.
  bool particles = false;
  for (size_t k = b; k < e; ++k) particles |= IsParticle(words[k].folded);
  if (e - b > 3 && !particles) b = e - 2;
  if (b >= e) return "";
  return std::string(text.substr(words[b].begin, words[e - 1].end - words[b].begin));
}

// True if words[k-1] and words[k] are separated by spaces only.
bool Joined(std::string_view text, const std::vector<Word>& words, size_t k) {
  for (uint32_t c = words[k - 1].end; c < words[k].begin; ++c) {
    if (text[c] != ' ') return false;
  }
  return true;
}

// Words that may stand between a speaker and the verb ("Trump has also said").
bool IsSpeechFiller(const std::string& w) {
  static const std::unordered_set<std::string> kFiller = {
      "also", "himself", "herself", "themselves", "later", "then", "again", "further", "previously",
      "repeatedly", "earlier", "reportedly", "has", "had", "have", "was", "is", "once", "already",
      "publicly", "separately", "quickly"};
  return kFiller.count(w) > 0 || IsSpeechAuxiliaryOf(SpeechLanguage::Current(), w);
}

// Capitalised at a sentence's start, never a name ("Despite calling …",
// "Since …", "Saturday …").
bool IsFunctionWord(const std::string& w) {
  static const std::unordered_set<std::string> kFunction = {
      "despite", "since", "after", "before", "while", "although", "though", "when", "if", "as", "but",
      "and", "however", "meanwhile", "yet", "still", "also", "then", "thus", "because", "during", "amid",
      "following", "according", "in", "on", "at", "instead", "earlier", "later", "today", "yesterday",
      "tomorrow", "asked", "speaking", "writing", "separately", "previously"};
  return kFunction.count(w) > 0 || IsCalendarWord(w) || IsStopword(w, "en") || IsForeignStopword(w);
}

// Speaker written right before a cue at words[cue]: "X Y said".
std::string NameBefore(std::string_view text, const std::vector<Word>& words, size_t cue) {
  size_t e = cue;
  while (e > 0 && IsSpeechFiller(words[e - 1].folded) && Joined(text, words, e)) --e;
  bool parenthesis = false;
  // A parenthesis between the name and the verb: "Lena Okafor (D-Ore.) said".
  if (e > 1 && e < words.size() && text.substr(words[e - 1].end, words[e].begin - words[e - 1].end).find(')') !=
                                       std::string_view::npos) {
    size_t k = e - 1;
    while (k > 0 && text.substr(words[k - 1].end, words[k].begin - words[k - 1].end).find('(') ==
                        std::string_view::npos && e - k < 5) {
      --k;
    }
    if (k > 0 && e - k < 5) {
      e = k;
      parenthesis = true;
    }
  }
  // Coordinated verbs: "Haddad smiled and said".
  if (!parenthesis && e >= 3 && e < words.size() && (words[e - 1].folded == "and" || words[e - 1].folded == "but") &&
      !words[e - 2].capitalized && !IsStopword(words[e - 2].folded, "en") && Joined(text, words, e) &&
      Joined(text, words, e - 1) && Joined(text, words, e - 2)) {
    e -= 2;
  }
  // An appositive between the name and the verb: "Soroush, who lives in
  // Tehran, told", or a name in commas: "another resident, Mariam, said".
  bool appositive = parenthesis;
  bool comma_name = false;  // "another resident, Mariam, said"
  if (!parenthesis && e > 0 && e < words.size() && !Joined(text, words, e) && text.substr(words[e - 1].end, 1) == ",") {
    appositive = comma_name = words[e - 1].capitalized;
    for (size_t k = e - 1; k > 0 && k + 14 > e; --k) {
      if ((words[k].folded == "who" || words[k].folded == "which") && words[k - 1].capitalized &&
          text.substr(words[k - 1].end, 1) == ",") {
        e = k;
        appositive = true;
        comma_name = false;
        break;
      }
    }
    // "Leyla Haddad, at a later briefing, said": a name, then a phrase in commas.
    for (size_t k = e - 1; !appositive && k > 1 && k + 10 > e; --k) {
      if (IsCue(words[k])) break;
      if (words[k - 1].capitalized && !Joined(text, words, k) && text.substr(words[k - 1].end, 1) == "," &&
          !IsFunctionWord(words[k - 1].folded)) {
        e = k;
        appositive = true;
      }
    }
  }
  size_t b = e;
  while (b > 0) {
    const Word& w = words[b - 1];
    bool connects = b < e && (IsParticle(w.folded) || (w.folded == "of" && words[b].capitalized));
    bool adjacent = b == e ? (appositive || e >= words.size() || Joined(text, words, e)) : Joined(text, words, b);
    bool function_word = !connects && (IsStopword(w.folded, "en") || IsForeignStopword(w.folded));  // "But Trump said"
    if ((w.capitalized || connects) && adjacent && !function_word) {
      --b;
    } else {
      break;
    }
  }
  while (b < e && (IsParticle(words[b].folded) || words[b].folded == "of") && !words[b].capitalized) ++b;
  if (b == e) {
    // "the woman said", "one resident told": a short descriptive subject.
    // "the New York businessman said": an article, up to four words, a noun.
    auto article = [](const std::string& w) {
      return (w == "the" || w == "a" || w == "one" || w == "another") && !IsForeignStopword(w);  // es "a": "to"
    };
    if (e >= 2 && e <= words.size() && !words[e - 1].capitalized) {
      size_t d = e - 1;
      while (d > 0 && e - d < 5 && !article(words[d - 1].folded) && !IsStopword(words[d - 1].folded, "en") &&
             Joined(text, words, d)) {
        --d;
      }
      if (d > 0 && article(words[d - 1].folded) && Joined(text, words, d)) {
        return std::string(text.substr(words[d - 1].begin, words[e - 1].end - words[d - 1].begin));
      }
    }
    if (e >= 1 && IsPronoun(words[e - 1].folded)) return std::string(words[e - 1].folded);
    // "Iran's foreign minister said": an owner, then lower-case title words.
    size_t d = e;
    while (d > 0 && e - d < 4 && !words[d - 1].capitalized && !IsStopword(words[d - 1].folded, "en") &&
           Joined(text, words, d)) {
      --d;
    }
    if (d < e && d > 0) {
      const std::string& owner = words[d - 1].folded;
      if (owner.size() > 2 && owner.compare(owner.size() - 2, 2, "'s") == 0) {
        return std::string(text.substr(words[d - 1].begin, words[e - 1].end - words[d - 1].begin));
      }
    }
    return "";
  }
  if (e - b == 1 && IsFunctionWord(words[b].folded)) return "";
  // "… China, ha declarado" has no subject: in commas, a name opens its clause.
  if (comma_name && DropsSubject(SpeechLanguage::Current()) && b > 0 &&
      text.substr(words[b - 1].end, words[b].begin - words[b - 1].end).find(',') == std::string_view::npos) {
    return "";
  }
  if (e - b > 7) b = e - 7;
  return StripTitles(text, words, b, e);
}

// Speaker written right after a cue at words[cue]: "said Colonel X Y".
std::string NameStartingAt(std::string_view text, const std::vector<Word>& words, size_t b);

std::string NameAfter(std::string_view text, const std::vector<Word>& words, size_t cue) {
  return NameStartingAt(text, words, cue + 1);
}

// A name starting at words[b] (after lower-case title words).
std::string NameStartingAt(std::string_view text, const std::vector<Word>& words, size_t b) {
  if (b < words.size() && IsPronoun(words[b].folded)) return words[b].folded;
  // "said coast guard chief Idris Belkacem": lower-case title words first.
  size_t skipped = 0;
  while (b < words.size() && skipped < 4 && !words[b].capitalized && IsTitle(words[b].folded)) {
    ++b;
    ++skipped;
  }
  // "said flood survivor Ana Lutz": a few lower-case description words
  // (not function words) before a name of two or more words.
  if (skipped == 0) {
    size_t d = b;
    // The first may be an article of the article's language ("a diretora"),
    // no other function word of it ("dijo en China").
    while (d < words.size() && d - b < 3 && !words[d].capitalized &&
           ((d == b && IsForeignArticle(words[d].folded)) ||
            (!IsStopword(words[d].folded, "en") && !IsForeignStopword(words[d].folded))) &&
           !IsCue(words[d]) && Joined(text, words, d)) {
      ++d;
    }
    if (d > b && d + 1 < words.size() && words[d].capitalized && words[d + 1].capitalized && Joined(text, words, d) &&
        Joined(text, words, d + 1) && !IsFunctionWord(words[d].folded)) {
      b = d;
    }
  }
  if (b < words.size() && IsForeignStopword(words[b].folded)) return "";  // "dice Il consulente"
  size_t e = b;
  // Days and months end a name ("said Friday", "Moore said Tuesday").
  while (e < words.size() && !IsCalendarWord(words[e].folded) &&
         (words[e].capitalized || (IsParticle(words[e].folded) && e > b))) {
    ++e;
  }
  if (e == b) return "";
  if (e - b > 6) e = b + 6;
  return StripTitles(text, words, b, e);
}

// The last person-like name written in text[b, e): a run of two or more
// capitalised words, or one after a title word ("Minister Haddadine").
std::string LastNameMention(std::string_view text, uint32_t b, uint32_t e) {
  std::vector<Word> words = WordsOf(text, b, e);
  std::string last;
  size_t i = 0;
  while (i < words.size()) {
    if (!words[i].capitalized) {
      ++i;
      continue;
    }
    if (IsPronoun(words[i].folded)) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    auto joined = [&](size_t k) {  // separated by spaces only, or a title's full stop ("Mr. Haas")
      for (uint32_t c = words[k - 1].end; c < words[k].begin; ++c) {
        if (text[c] != ' ' && !(text[c] == '.' && c == words[k - 1].end && IsTitle(words[k - 1].folded))) return false;
      }
      return true;
    };
    while (j < words.size() && joined(j) && (words[j].capitalized || IsParticle(words[j].folded))) ++j;
    // "On Wednesday", "In March": a capitalised function word or a date is no name.
    bool dated = false;
    for (size_t k = i; k < j; ++k) dated |= IsCalendarWord(words[k].folded);
    if (dated || IsStopword(words[i].folded, "en")) {
      i = i + 1;
      continue;
    }
    size_t run_b = i;
    while (run_b < j && IsTitle(words[run_b].folded)) ++run_b;
    bool titled = run_b > i;
    // Names after an article or preposition are places, organisations or
    // listeners ("the United States", "told Al Jazeera"), not speakers.
    static const std::unordered_set<std::string> kBefore = {"the", "a", "an", "to", "in", "at", "from", "of",
                                                            "on", "by", "for", "with", "told", "into", "near"};
    bool object = i > 0 && kBefore.count(words[i - 1].folded) > 0;
    if (!object && (j - run_b >= 2 || (j - run_b == 1 && titled))) last = StripTitles(text, words, run_b, j);
    i = j;
  }
  return last;
}

struct Mark {
  uint32_t pos, len;
  char32_t cp;
};

bool Opens(char32_t cp) { return IsOpeningQuote(cp) && cp != 0x2019; }

// Pairs of quotation marks in text[b, e): (open_end, close_begin).
std::vector<std::pair<uint32_t, uint32_t>> QuoteSpans(std::string_view text, uint32_t b, uint32_t e) {
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  uint32_t i = b;
  while (i < e) {
    char32_t cp;
    size_t len = DecodeUtf8(text, i, &cp);
    bool ascii_double = cp == '"';
    bool ascii_single = cp == '\'' || cp == 0x2018;
    bool open = Opens(cp) || ascii_double;
    if (cp == 0x00BB || cp == 0x203A) {
      // German and Danish guillemets point inwards (»so«, ›so‹): one that
      // no « opened before and that a word follows opens.
      char32_t next = 0;
      if (i + len < e) DecodeUtf8(text, i + static_cast<uint32_t>(len), &next);
      open = next != 0 && !IsSpaceChar(next);
    }
    if (ascii_single) {
      // A single mark opens only at a word start: after a space or bracket.
      char32_t prev = 0;
      if (i > b) {
        uint32_t p = i - 1;
        while (p > b && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
        DecodeUtf8(text, p, &prev);
      }
      open = (i == b || IsSpaceChar(prev) || prev == '(' || prev == ':' || IsDash(prev));
    }
    if (!open) {
      i += static_cast<uint32_t>(len);
      continue;
    }
    uint32_t inner = i + static_cast<uint32_t>(len);
    // Find the matching close.
    uint32_t j = inner;
    bool found = false;
    while (j < e) {
      char32_t c2;
      size_t l2 = DecodeUtf8(text, j, &c2);
      bool closes = false;
      if (cp == 0x201C || cp == 0x201E) closes = c2 == 0x201D || c2 == 0x201C;
      else if (cp == 0x00AB) closes = c2 == 0x00BB;
      else if (cp == 0x00BB) closes = c2 == 0x00AB;
      else if (cp == 0x2039) closes = c2 == 0x203A;
      else if (cp == 0x203A) closes = c2 == 0x2039;
      else if (cp == 0x300C) closes = c2 == 0x300D;
      else if (cp == 0x300E) closes = c2 == 0x300F;
      else if (cp == '"') closes = c2 == '"';
      else if (cp == '\'' || cp == 0x2018 || cp == 0x201A) {
        // A closing single mark is not followed by a letter (not an apostrophe).
        // German quotes inside quotes close with ‘ (‚so‘).
        if (c2 == '\'' || c2 == 0x2019 || (cp == 0x201A && c2 == 0x2018)) {
          char32_t next = 0;
          if (j + l2 < e) DecodeUtf8(text, j + l2, &next);
          closes = !IsLetter(next);
        }
      }
      if (closes) {
        spans.emplace_back(inner, j);
        i = j + static_cast<uint32_t>(l2);
        found = true;
        break;
      }
      j += static_cast<uint32_t>(l2);
    }
    if (!found) i = inner;
  }
  return spans;
}


// Cues that govern a quoted phrase as an object or complement ("declaring
// the program “never negotiable”", "calling the talks “a good start”"), in
// addition to CueWords. Folded forms.
bool IsPhraseCue(const Word& w) {
  static const std::unordered_set<std::string> kPhraseCues = {
      "declaring", "describing", "calling", "insisting", "stressing", "noting", "arguing", "claiming",
      "labelled", "labeled", "branded", "dubbed", "termed", "describes", "calls"};
  return IsCue(w) || (!w.capitalized && kPhraseCues.count(w.folded) > 0);
}

bool IsDescribedSpeaker(const std::string& speaker) {
  if (speaker.find("'s ") != std::string::npos) return true;  // "iran's foreign minister"
  for (const char* lead : {"the ", "a ", "an ", "one ", "another "}) {
    if (speaker.rfind(lead, 0) == 0) return true;
  }
  return false;
}

// A described speaker names a person when its last word is a person noun.
bool DescribesPerson(const std::string& speaker) {
  std::string folded = FoldForMatch(speaker);
  size_t space = folded.rfind(' ');
  return !IsSourceNoun(space == std::string::npos ? folded : folded.substr(space + 1));
}

// A speech verb's subject in the article: "Name <cue>".
struct Subject {
  uint32_t at;     // the cue's offset in Document::text
  std::string name;
};

// Every "Name <cue>" in the article (quoted or reported speech), in text
// order: the antecedents for "he said" and "the minister said".
std::vector<Subject> SpeechSubjects(const Document& doc) {
  std::vector<Subject> subjects;
  for (const Sentence& sent : doc.sentences) {
    std::vector<Word> words = WordsOf(doc.text, sent.begin, sent.end);
    for (size_t k = 0; k < words.size(); ++k) {
      if (!IsCue(words[k])) continue;
      std::string name = NameBefore(doc.text, words, k);
      if (name.empty() || IsPronoun(FoldForMatch(name)) || IsDescribedSpeaker(FoldForMatch(name))) continue;
      subjects.push_back({words[k].begin, name});
    }
  }
  return subjects;
}

// The words around one quote where its attribution is written: the
// sentence before the mark, and the clause after the closing mark.
struct QuoteContext {
  uint32_t quote_end = 0;  // the closing mark
  uint32_t after_begin = 0, after_end = 0;
  std::vector<Word> before, after;
};

QuoteContext ContextOf(const Document& doc, const Paragraph& p, uint32_t sentence, uint32_t qb, uint32_t qe) {
  std::string_view text = doc.text;
  const Sentence& sent = doc.sentences[sentence];
  QuoteContext ctx;
  ctx.quote_end = qe;
  // A quote of several sentences: its attribution follows the sentence
  // holding the closing mark; a quote ending in "?" or "!" may be cut off
  // from its "he asked" by the sentence splitter, so the clause after the
  // mark runs to the end of the sentence that holds it.
  uint32_t close_len = 0;
  if (qe < p.end) {
    char32_t cp;
    close_len = static_cast<uint32_t>(DecodeUtf8(text, qe, &cp));
  }
  ctx.after_begin = std::min(p.end, qe + close_len);
  ctx.after_end = std::min(p.end, std::max(sent.end, qe + 1));
  uint32_t probe = ctx.after_begin;
  while (probe < p.end && (text[probe] == ' ' || text[probe] == ',')) ++probe;
  for (uint32_t s = sentence; s < p.sentence_end; ++s) {
    const Sentence& later = doc.sentences[s];
    if (later.begin <= probe && probe < later.end) ctx.after_end = std::max(ctx.after_end, later.end);
    if (later.begin > probe) break;
  }
  ctx.after_end = std::min(ctx.after_end, p.end);
  ctx.after = WordsOf(text, ctx.after_begin, ctx.after_end);
  ctx.before = WordsOf(text, std::min(sent.begin, qb), qb);
  return ctx;
}

// The subject opening the clause that holds words[0, end): a name (after
// an opening phrase and its comma when the sentence starts with a function
// word) followed by a lower-case verb.
std::string ClauseSubject(std::string_view text, const std::vector<Word>& words, size_t end) {
  size_t start = 0;
  if (!words.empty() && IsFunctionWord(words[0].folded)) {
    while (start < end && !(start > 0 && text.substr(words[start - 1].end, 1) == ",")) ++start;
  }
  if (start >= end || !words[start].capitalized || IsFunctionWord(words[start].folded)) return "";
  size_t n = start + 1;
  while (n < end && words[n].capitalized && Joined(text, words, n)) ++n;
  // Followed by its verb, or by an aside in commas ("Haddad, in an interview, …").
  bool aside = n < end && text.substr(words[n - 1].end, 1) == ",";
  if (n >= end || (!aside && (!Joined(text, words, n) || IsStopword(words[n].folded, "en")))) return "";
  if (IsPronoun(words[start].folded)) return words[start].folded;
  return StripTitles(text, words, start, n);
}

// Who a quote is attributed to in its context, by which cue, and how many
// words lie between the quote and the cue (short quotes need a close cue).
struct Attribution {
  std::string speaker, cue;
  size_t distance = SIZE_MAX;
};

// A signed quote: "“…” ― Name" (a dash, then the name).
Attribution SignedBy(std::string_view text, const QuoteContext& ctx) {
  Attribution a;
  uint32_t k = ctx.after_begin;
  while (k < ctx.after_end && text[k] == ' ') ++k;
  if (k >= ctx.after_end || ctx.after.empty()) return a;
  char32_t cp = 0;
  size_t len = DecodeUtf8(text, k, &cp);
  if ((IsDash(cp) || cp == '-') && ctx.after[0].capitalized && ctx.after[0].begin > k &&
      ctx.after[0].begin <= k + len + 2) {
    a.speaker = NameStartingAt(text, ctx.after, 0);
    if (!a.speaker.empty()) {
      a.cue = "\u2014";
      a.distance = 0;
    }
  }
  return a;
}

// After: ", X said" / ", said X" / ", according to X" (first few words).
Attribution AttributionAfter(std::string_view text, const QuoteContext& ctx, const std::vector<Subject>& subjects,
                             uint32_t sentence_begin, uint32_t qb) {
  Attribution a;
  const std::vector<Word>& after = ctx.after;
  // A quote closed by a full stop ends its sentence: a capitalised word
  // after it opens the next one ("…." Russia insisted …), not an attribution.
  std::string_view quoted = TrimAscii(text.substr(0, ctx.after_begin));
  while (!quoted.empty() && static_cast<unsigned char>(quoted.back()) >= 0x80) quoted.remove_suffix(1);
  if (!quoted.empty() && (quoted.back() == '"' || quoted.back() == '\'')) quoted.remove_suffix(1);
  if (!quoted.empty() && quoted.back() == '.' && !after.empty() && after[0].capitalized) return a;
  // "… remains “never negotiable,” describing it as …": a participle after
  // the quote has the sentence's subject.
  if (!after.empty() && !after[0].capitalized && after[0].folded.size() > 4 &&
      after[0].folded.compare(after[0].folded.size() - 3, 3, "ing") == 0 && IsPhraseCue(after[0]) &&
      (text.substr(ctx.after_begin, after[0].begin - ctx.after_begin).find(',') != std::string_view::npos ||
       (ctx.quote_end > 0 && text[ctx.quote_end - 1] == ','))) {
    for (const Subject& s : subjects) {
      if (s.at >= sentence_begin && s.at < qb) a.speaker = s.name;
    }
    if (a.speaker.empty()) a.speaker = ClauseSubject(text, ctx.before, ctx.before.size());
    if (!a.speaker.empty()) {
      a.cue = after[0].folded;
      a.distance = 0;
      return a;
    }
  }
  // "“…,” Lena Okafor, the harbour master of the port, one of …, said":
  // a name, a long appositive in commas, then the verb.
  if (after.size() > 2 && after[0].capitalized) {
    size_t n = 1;
    while (n < after.size() && after[n].capitalized && Joined(text, after, n)) ++n;
    if (n < after.size() && text.substr(after[n - 1].end, 1) == ",") {
      for (size_t k = n; k < after.size() && k < 30; ++k) {
        if (!IsCue(after[k])) continue;
        if (text.substr(after[k - 1].end, after[k].begin - after[k - 1].end).find(',') != std::string_view::npos) {
          a.speaker = NameStartingAt(text, after, 0);
          a.cue = after[k].folded;
          a.distance = 0;
        }
        break;
      }
    }
  }
  for (size_t k = 0; k < after.size() && k < 8 && a.speaker.empty(); ++k) {
    if (after[k].folded == "according" && k + 1 < after.size() && after[k + 1].folded == "to") {
      a.speaker = NameAfter(text, after, k + 1);
      a.cue = "according to";
      a.distance = k;
    } else if (IsCue(after[k])) {
      a.speaker = NameBefore(text, after, k);
      // "said X" (inverted); never after "told", which names the listener.
      if (a.speaker.empty() && after[k].folded != "told" && after[k].folded != "tells") {
        a.speaker = NameAfter(text, after, k);
      }
      // "said one senior official on the panel": a described speaker after the verb.
      static const std::unordered_set<std::string> kArticles = {"the", "a", "an", "one", "another"};
      if (a.speaker.empty() && k + 2 < after.size() && kArticles.count(after[k + 1].folded) > 0 &&
          !IsForeignStopword(after[k + 1].folded) &&  // "dijo a sus empleados": "a" is "to"
          after[k].folded != "told" && Joined(text, after, k + 1) && Joined(text, after, k + 2)) {
        size_t e = k + 2;
        while (e + 1 < after.size() && e - k < 6 && Joined(text, after, e + 1)) ++e;
        // The description closes the clause ("…," said one official.).
        std::string_view next = e + 1 < after.size() ? text.substr(after[e].end, after[e + 1].begin - after[e].end)
                                                     : std::string_view(".");
        if (next.find_first_of(".,;") != std::string_view::npos) {
          a.speaker = std::string(text.substr(after[k + 1].begin, after[e].end - after[k + 1].begin));
        }
      }
      // "the woman, who requested anonymity, told ...": a described speaker.
      if (a.speaker.empty() && after.size() >= 2 && !after[1].capitalized &&
          (after[0].folded == "the" || after[0].folded == "a" || after[0].folded == "one" ||
           after[0].folded == "another")) {
        a.speaker = std::string(text.substr(after[0].begin, after[1].end - after[0].begin));
      }
      a.cue = after[k].folded;
      a.distance = k;
    }
  }
  return a;
}

// Before: "X said: ..." / "X told reporters ..." / "X: '...'" / "X called
// the plan “…”" / "according to X, “…”".
Attribution AttributionBefore(std::string_view text, const QuoteContext& ctx, const std::vector<Subject>& subjects,
                              const Sentence& sentence, uint32_t qb) {
  const uint32_t sentence_begin = sentence.begin, sentence_end = sentence.end;
  Attribution a;
  const std::vector<Word>& before = ctx.before;
  if (before.empty()) return a;
  for (size_t k = before.size(); k-- > 0 && a.speaker.empty();) {
    if (IsPhraseCue(before[k])) {
      const std::string& f = before[k].folded;
      if (f.size() > 4 && f.compare(f.size() - 3, 3, "ing") == 0) {
        // "..., warning that": the subject of the sentence's main verb.
        for (const Subject& s : subjects) {
          if (s.at >= sentence_begin && s.at < before[k].begin) a.speaker = s.name;
        }
        // "Haddad is describing it as “…”": the verb's own subject (a
        // name right before it; after a comma it is an object).
        if (a.speaker.empty() && k > 0 && Joined(text, before, k)) {
          a.speaker = NameBefore(text, before, k);
          if (IsDescribedSpeaker(FoldForMatch(a.speaker))) a.speaker.clear();
        }
        // "During the speech, Haddad attacked the plan, saying “…”": the
        // sentence's subject, a name followed by its verb.
        if (a.speaker.empty()) a.speaker = ClauseSubject(text, before, k);
        // "Despite calling the talks “…”, Haddad warned": the main clause's.
        for (const Subject& s : subjects) {
          if (!a.speaker.empty()) break;
          if (s.at > qb && s.at < sentence_end) a.speaker = s.name;
        }
        // "He then defended it, saying “…”": a pronoun opening the sentence.
        if (a.speaker.empty() && IsPronoun(before.front().folded)) a.speaker = before.front().folded;
      } else {
        a.speaker = NameBefore(text, before, k);
      }
      // The nearest cue governs the quote; its subject may be further back
      // ("X said … but stressed “…”").
      if (a.cue.empty()) {
        a.cue = f;
        a.distance = before.size() - 1 - k;
      }
    } else if (before[k].folded == "to" && k > 0 && before[k - 1].folded == "according") {
      a.speaker = NameAfter(text, before, k);
      if (a.cue.empty()) a.distance = before.size() - 1 - k;
      a.cue = "according to";
    }
  }
  // "Haddad: 'The port stays shut ...'": a name then a colon.
  if (a.speaker.empty()) {
    std::string_view lead = TrimAscii(text.substr(before.back().end, qb - before.back().end));
    if (!lead.empty() && lead[0] == ':' && before.size() <= 4 && before.back().capitalized) {
      a.speaker = NameBefore(text, before, before.size());
      a.cue = ":";
      a.distance = 0;
    }
  }
  return a;
}

// "Caddell continued:" or "He said:" closing the paragraph before one that
// opens with the quote.
Attribution IntroducingLine(const Document& doc, size_t pi, uint32_t qb) {
  Attribution a;
  std::string_view text = doc.text;
  const Paragraph& p = doc.paragraphs[pi];
  if (pi == 0 || TrimAscii(text.substr(p.begin, qb - p.begin)).size() > 3) return a;
  const Paragraph& prev = doc.paragraphs[pi - 1];
  std::string_view lead = TrimAscii(text.substr(prev.begin, prev.end - prev.begin));
  // (Such a short line may have been taken for a heading.)
  if (lead.empty() || lead.back() != ':') return a;
  uint32_t from = prev.begin;
  for (uint32_t s = prev.first_sentence; s < prev.sentence_end; ++s) from = doc.sentences[s].begin;
  std::vector<Word> intro = WordsOf(text, from, prev.end);
  for (size_t k = intro.size(); k-- > 0 && a.speaker.empty();) {
    if (!IsCue(intro[k])) continue;
    a.speaker = NameBefore(text, intro, k);
    if (!a.speaker.empty()) {
      a.cue = intro[k].folded;
      a.distance = 0;
    }
  }
  return a;
}

// A paragraph that is only a quote, after a paragraph whose last sentence
// reports what a named person said ("Haddad said the plan would fail."):
// the quote continues that person's words.
std::string ReportedSpeakerBefore(const Document& doc, size_t pi, uint32_t qb, const std::vector<Subject>& subjects) {
  std::string_view text = doc.text;
  const Paragraph& p = doc.paragraphs[pi];
  if (pi == 0 || TrimAscii(text.substr(p.begin, qb - p.begin)).size() > 3) return "";
  const Paragraph& prev = doc.paragraphs[pi - 1];
  if (prev.heading || prev.first_sentence == prev.sentence_end) return "";
  const Sentence& last = doc.sentences[prev.sentence_end - 1];
  // The last sentence must hold no quotation of its own.
  if (!QuoteSpans(text, last.begin, last.end).empty()) return "";
  std::string found;
  for (const Subject& s : subjects) {
    if (s.at >= last.begin && s.at < last.end) {
      if (!found.empty() && found != s.name) return "";  // two speakers: ambiguous
      found = s.name;
    }
  }
  return found;
}

// "he said": the person last named in this or the previous sentence, else
// the last subject of a speech verb, else the last speaker. A speech-verb
// subject in this very sentence wins ("Haddad criticised what he called
// …"). Names in parentheses are asides, not candidates.
std::string ResolvePronoun(const Document& doc, uint32_t sentence, uint32_t qb, const std::vector<Subject>& subjects,
                           const std::string& last_speaker) {
  std::string_view text = doc.text;
  const Sentence& sent = doc.sentences[sentence];
  uint32_t from = sentence > 0 ? doc.sentences[sentence - 1].begin : sent.begin;
  std::string named = LastNameMention(text, from, qb);
  std::string subject;
  bool subject_here = false;
  for (const Subject& s : subjects) {
    if (s.at >= qb) break;
    subject = s.name;
    subject_here |= s.at >= sent.begin;
  }
  if (subject_here) return subject;
  if (!named.empty()) return named;
  return !subject.empty() ? subject : last_speaker;
}

// "the minister said": the last person named before the quote with that
// title ("Foreign Minister Leyla Haddad", "Haddad, the minister"); empty
// when none is, and the description stays the speaker.
std::string ResolveDescription(const Document& doc, const std::string& description, uint32_t qb) {
  std::string folded = FoldForMatch(description);
  size_t space = folded.rfind(' ');
  std::string noun = space == std::string::npos ? folded : folded.substr(space + 1);
  if (!IsTitleWord(noun)) return "";
  // Before the quote, nearest first; then after it (a lead may describe
  // the speaker before the article names them).
  // Within a window around the quote, so that many described quotes in a
  // long article cost time linear in its size.
  const auto size = static_cast<uint32_t>(doc.text.size());
  uint32_t from = qb > 20000 ? qb - 20000 : 0;
  uint32_t to = size - qb > 4000 ? qb + 4000 : size;
  while (from > 0 && (static_cast<unsigned char>(doc.text[from]) & 0xC0) == 0x80) --from;
  while (to < size && (static_cast<unsigned char>(doc.text[to]) & 0xC0) == 0x80) ++to;
  std::vector<Word> words = WordsOf(doc.text, from, to);
  size_t at = 0;
  while (at < words.size() && words[at].begin < qb) ++at;
  std::vector<size_t> order;
  for (size_t k = at; k-- > 0;) order.push_back(k);
  for (size_t k = at; k < words.size(); ++k) order.push_back(k);
  for (size_t k : order) {
    if (words[k].folded != noun) continue;
    // "Minister Leyla Haddad": a capitalised name right after the title.
    if (k + 1 < words.size() && words[k + 1].capitalized && Joined(doc.text, words, k + 1)) {
      std::string name = NameStartingAt(doc.text, words, k + 1);
      if (!name.empty() && name.find(' ') != std::string::npos) return name;
    }
    // "Leyla Haddad, the minister": a name, a comma, then the description.
    size_t d = k;
    while (d > 0 && k - d < 4 && !words[d - 1].capitalized && IsTitleWord(words[d - 1].folded)) --d;
    if (d > 0 && words[d - 1].folded == "the" && d > 1 &&
        doc.text.substr(words[d - 2].end, 1) == "," && words[d - 2].capitalized) {
      std::string name = NameBefore(doc.text, words, d - 1);
      if (!name.empty()) return name;
    }
  }
  return "";
}

// Short spans (fewer than QuoteOptions::min_words words) are quotes only
// when a speech cue governs them closely; scare quotes, titles of works and
// nicknames are told apart by their context, whatever their length.
bool ScareQuoteOrTitle(std::string_view text, const std::vector<Word>& quoted, const QuoteContext& ctx) {
  // "Leyla “the Hammer” Haddad": a nickname inside a name.
  if (!ctx.before.empty() && !ctx.after.empty() && ctx.before.back().capitalized && ctx.after[0].capitalized &&
      ctx.after[0].begin <= ctx.after_begin + 1) {
    return true;
  }
  if (ctx.before.empty()) return false;
  static const std::unordered_set<std::string> kMarkers = {
      "so-called", "titled", "entitled", "film", "movie", "book", "novel", "song", "album",
      "series", "poem", "painting", "hashtag", "slogan", "headline", "column", "documentary", "episode",
      "nicknamed", "codenamed", "operation", "magazine", "newspaper", "brand"};
  const std::string& prev = ctx.before.back().folded;
  if (kMarkers.count(prev) > 0) return true;
  (void)text;
  (void)quoted;
  return false;
}

bool AcceptShortQuote(const std::vector<Word>& quoted, const QuoteContext& ctx, const Attribution& a,
                      const QuoteOptions& options) {
  if (a.speaker.empty() || a.distance > static_cast<size_t>(options.short_cue_window)) return false;
  // Capitalised words in running text name something ("Little Havana",
  // "Obamacare"): a name or title, not words someone said.
  bool all_caps = std::all_of(quoted.begin(), quoted.end(), [](const Word& w) { return w.capitalized; });
  bool opens_sentence = ctx.before.empty();
  if (all_caps && (quoted.size() > 1 || !opens_sentence)) return false;
  return true;
}

// Where the speaker is written nearest to the quote: the pronoun or
// description it was resolved from, else the name; else the name's last
// mention before the quote.
void LocateSpeaker(const Document& doc, uint32_t sentence, uint32_t after_end, const std::string& mention,
                   ExtractedQuote* q) {
  std::string_view text = doc.text;
  const Sentence& sent = doc.sentences[sentence];
  std::vector<Word> around = WordsOf(text, std::min(sent.begin, q->begin), std::max({sent.end, q->end, after_end}));
  std::string want = FoldForMatch(mention.empty() ? q->speaker : mention);
  if (want.empty()) return;
  auto count_words = [](const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), ' ') + 1); };
  size_t want_words = count_words(want);
  auto matches = [&](const std::vector<Word>& words, size_t k, uint32_t* e) {
    if (k + want_words > words.size()) return false;
    *e = words[k + want_words - 1].end;
    return FoldForMatch(text.substr(words[k].begin, *e - words[k].begin)) == want;
  };
  uint32_t best_dist = UINT32_MAX;
  for (size_t k = 0; k < around.size(); ++k) {
    if (around[k].begin >= q->begin && around[k].end <= q->end) continue;  // inside the quote
    uint32_t e = 0;
    if (!matches(around, k, &e)) continue;
    uint32_t dist = around[k].begin > q->end ? around[k].begin - q->end : q->begin - std::min(q->begin, e);
    if (dist < best_dist) {
      best_dist = dist;
      q->speaker_begin = around[k].begin;
      q->speaker_end = e;
    }
  }
  if (q->speaker_end > q->speaker_begin || !mention.empty()) return;
  // Named earlier (a continued speaker): its last mention before the quote.
  std::vector<Word> earlier = WordsOf(text, 0, q->begin);
  for (size_t k = earlier.size(); k-- > 0;) {
    uint32_t e = 0;
    if (matches(earlier, k, &e)) {
      q->speaker_begin = earlier[k].begin;
      q->speaker_end = e;
      return;
    }
  }
}

// The quote between marks at text[qb, qe) of paragraph p: its words without
// the trailing punctuation the writer put inside the marks, and its sentence.
ExtractedQuote QuoteAt(const Document& doc, const Paragraph& p, uint32_t qb, uint32_t qe) {
  ExtractedQuote q;
  q.begin = qb;
  q.end = qe;
  std::string_view inner = TrimAscii(std::string_view(doc.text).substr(qb, qe - qb));
  while (!inner.empty() && (inner.back() == ',' || inner.back() == ' ')) inner.remove_suffix(1);
  q.text = std::string(inner);
  for (uint32_t s = p.first_sentence; s < p.sentence_end; ++s) {
    if (doc.sentences[s].begin <= qb && qb < doc.sentences[s].end) q.sentence = s;
  }
  return q;
}

}  // namespace

std::vector<uint64_t> QuoteStems(const std::string& text, const std::string& lang) {
  std::vector<Token> toks;
  TokenizeOptions tok;
  tok.lang = lang;
  tok.keep_punct = false;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), tok, &toks);
  std::vector<uint64_t> out;
  for (const Token& t : toks) {
    if (t.IsContent()) out.push_back(t.stem);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

float StemContainment(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty()) return 0;
  return static_cast<float>(SortedIntersectionSize(a, b)) / static_cast<float>(a.size());
}

std::vector<ExtractedQuote> ExtractQuotes(const Document& doc, const QuoteOptions& options) {
  std::vector<ExtractedQuote> out;
  std::string_view text = doc.text;
  std::string last_speaker;
  const SpeechLanguage language(doc.lang);
  const std::vector<Subject> subjects = SpeechSubjects(doc);
  for (size_t pi = 0; pi < doc.paragraphs.size(); ++pi) {
    const Paragraph& p = doc.paragraphs[pi];
    if (p.heading || p.first_sentence == p.sentence_end) continue;
    for (auto [qb, qe] : QuoteSpans(text, p.begin, p.end)) {
      std::vector<Word> quoted = WordsOf(text, qb, qe);
      if (quoted.empty() || static_cast<int>(quoted.size()) > options.max_words) continue;
      ExtractedQuote q = QuoteAt(doc, p, qb, qe);
      QuoteContext ctx = ContextOf(doc, p, q.sentence, qb, qe);
      if (ScareQuoteOrTitle(text, quoted, ctx)) continue;
      Attribution a = SignedBy(text, ctx);
      if (a.speaker.empty()) a = AttributionAfter(text, ctx, subjects, doc.sentences[q.sentence].begin, qb);
      if (a.speaker.empty()) a = AttributionBefore(text, ctx, subjects, doc.sentences[q.sentence], qb);
      if (a.speaker.empty()) a = IntroducingLine(doc, pi, qb);
      if (static_cast<int>(quoted.size()) < options.min_words && !AcceptShortQuote(quoted, ctx, a, options)) {
        continue;
      }
      std::string mention;  // the pronoun or description the speaker was resolved from
      if (!a.speaker.empty() && IsPronoun(FoldForMatch(a.speaker))) {
        q.pronoun = true;
        mention = a.speaker;
        a.speaker = ResolvePronoun(doc, q.sentence, qb, subjects, last_speaker);
      } else if (IsDescribedSpeaker(FoldForMatch(a.speaker))) {
        if (!DescribesPerson(a.speaker)) {
          // "the report said": a source, not a speaker. A person the
          // sentence names as speaking before it is ("Kalder told the
          // radio after the talks concluded that ... a 'fair start'").
          a.speaker.clear();
          const Sentence& sentence = doc.sentences[q.sentence];
          for (const Subject& s : subjects) {
            if (s.at >= sentence.begin && s.at < qb) a.speaker = s.name;
          }
        } else if (std::string named = ResolveDescription(doc, a.speaker, qb); !named.empty()) {
          mention = a.speaker;
          a.speaker = named;
        }
      }
      // A second quote in the paragraph that names nobody continues the
      // previous speaker: "“…,” said X. “…”".
      if (a.speaker.empty() && !out.empty() && out.back().end >= p.begin && out.back().end <= p.end &&
          !out.back().speaker.empty()) {
        a.speaker = out.back().speaker;
        a.cue = out.back().cue;
        q.pronoun = out.back().pronoun;
        q.speaker_begin = out.back().speaker_begin;  // the same mention ("…,” she said. “…”)
        q.speaker_end = out.back().speaker_end;
      }
      if (a.speaker.empty() && a.cue.empty()) a.speaker = ReportedSpeakerBefore(doc, pi, qb, subjects);
      if (!a.speaker.empty() && !IsPronoun(FoldForMatch(a.speaker))) last_speaker = a.speaker;
      q.speaker = a.speaker;
      q.cue = a.cue;
      if (!q.speaker.empty() && q.speaker_end == q.speaker_begin) {
        LocateSpeaker(doc, q.sentence, ctx.after_end, mention, &q);
      }
      out.push_back(std::move(q));
    }
  }
  return out;
}

}  // namespace rashomon
