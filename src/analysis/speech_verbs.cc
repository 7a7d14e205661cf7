#include "analysis/speech_verbs.h"

#include <initializer_list>
#include <unordered_map>
#include <unordered_set>

#include "text/language.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

using WordSet = std::unordered_set<std::string>;
using Lists = std::unordered_map<std::string, WordSet>;

Lists Fold(std::initializer_list<std::pair<const char*, std::initializer_list<const char*>>> lists) {
  Lists out;
  for (const auto& [lang, words] : lists) {
    WordSet& set = out[lang];
    for (const char* w : words) set.insert(FoldForMatch(w));
  }
  return out;
}

const Lists& Verbs() {
  static const auto* lists = new Lists(Fold({
      {"es", {"dijo", "dice", "dicho", "decía", "afirmó", "afirma", "afirmado", "declaró", "declara", "declarado",
              "añadió", "añade", "explicó", "explica", "explicado", "aseguró", "asegura", "asegurado", "señaló",
              "señala", "advirtió", "advierte", "indicó", "indica", "subrayó", "destacó", "manifestó", "comentó",
              "precisó", "agregó", "insistió", "reconoció", "sostuvo", "apuntó", "recalcó", "respondió",
              "anunció", "según"}},
      {"pt", {"disse", "diz", "dito", "dizia", "afirmou", "afirma", "declarou", "declara", "acrescentou",
              "explicou", "explica", "garantiu", "sublinhou", "frisou", "destacou", "referiu", "adiantou",
              "salientou", "avisou", "alertou", "respondeu", "anunciou", "segundo"}},
      {"it", {"detto", "dice", "disse", "dichiarato", "dichiara", "affermato", "afferma", "aggiunto", "aggiunge",
              "spiegato", "spiega", "sottolineato", "sottolinea", "precisato", "annunciato", "ribadito",
              "osservato", "commentato", "avvertito", "assicurato", "risposto", "secondo"}},
      {"fr", {"dit", "déclaré", "déclare", "affirmé", "affirme", "ajouté", "ajoute", "expliqué", "explique",
              "souligné", "souligne", "indiqué", "indique", "précisé", "précise", "assuré", "assure", "averti",
              "estimé", "estime", "insisté", "annoncé", "confié", "reconnu", "répondu", "rappelé", "martelé",
              "selon"}},
      {"de", {"sagte", "sagt", "gesagt", "erklärte", "erklärt", "betonte", "betont", "warnte", "warnt", "meinte",
              "meint", "berichtete", "bestätigte", "fügte", "versicherte", "kündigte", "unterstrich", "laut",
              "so"}},
      {"nl", {"zei", "zegt", "gezegd", "verklaarde", "verklaart", "aldus", "benadrukte", "benadrukt",
              "waarschuwde", "stelde", "meldde", "antwoordde", "voegde", "volgens"}},
      {"ru", {"сказал", "сказала", "сказали", "заявил", "заявила", "заявили", "отметил", "отметила", "добавил",
              "добавила", "сообщил", "сообщила", "подчеркнул", "подчеркнула", "пояснил", "пояснила",
              "рассказал", "рассказала", "заметил", "заметила", "уточнил", "уточнила", "признал", "признала",
              "ответил", "ответила", "говорит", "считает", "словам"}},
      {"ar", {"قال", "قالت", "وقال", "وقالت", "أضاف", "أضافت", "وأضاف", "وأضافت", "أوضح", "أوضحت", "وأوضح",
              "صرح", "صرحت", "وصرح", "أكد", "أكدت", "وأكد", "وأكدت", "حسب", "بحسب", "وفق"}},
  }));
  return *lists;
}

const Lists& Auxiliaries() {
  static const auto* lists = new Lists(Fold({
      {"es", {"ha", "han", "había"}},
      {"pt", {"tem", "têm", "tinha"}},
      {"it", {"ha", "hanno", "aveva"}},
      {"fr", {"a", "ont", "avait"}},
      {"de", {"hat", "haben", "hatte"}},
      {"nl", {"heeft", "hebben", "had"}},
  }));
  return *lists;
}

const Lists& Articles() {
  static const auto* lists = new Lists(Fold({
      {"es", {"el", "la", "los", "las", "un", "una"}},
      {"pt", {"o", "a", "os", "as", "um", "uma"}},
      {"it", {"il", "lo", "la", "i", "gli", "le", "l", "un", "una", "uno"}},
      {"fr", {"le", "la", "les", "l", "un", "une"}},
      {"de", {"der", "die", "das", "den", "dem", "ein", "eine"}},
      {"nl", {"de", "het", "een"}},
  }));
  return *lists;
}

bool Foreign(std::string_view lang) { return !lang.empty() && lang != "en"; }

bool In(const Lists& lists, std::string_view lang, const std::string& folded) {
  auto it = lists.find(std::string(lang));
  return it != lists.end() && it->second.count(folded) > 0;
}

}  // namespace

thread_local std::string_view SpeechLanguage::current_;

bool IsForeignStopword(const std::string& folded) {
  const std::string_view lang = SpeechLanguage::Current();
  return Foreign(lang) && IsStopword(folded, lang);
}

bool IsForeignArticle(const std::string& folded) {
  const std::string_view lang = SpeechLanguage::Current();
  return Foreign(lang) && In(Articles(), lang, folded);
}

bool DropsSubject(std::string_view lang) { return lang == "es" || lang == "it" || lang == "pt"; }

bool IsSpeechVerbOf(std::string_view lang, const std::string& folded) {
  return Foreign(lang) && In(Verbs(), lang, folded);
}

bool IsSpeechAuxiliaryOf(std::string_view lang, const std::string& folded) {
  return Foreign(lang) && In(Auxiliaries(), lang, folded);
}

// Described sources that are documents, media or things, not people ("the
// report", "the statement", "a study", "the ad"), and events ("after the
// talks concluded that ... a 'good start'"). They may be where a quote was
// printed or what it was said at, but are not its speaker: such a quote
// gets no speaker.
// Described people ("the woman", "one resident") and institutions ("the
// ministry", which speak through a spokesperson) remain speakers.
bool IsSourceNoun(const std::string& w) {
  static const std::unordered_set<std::string> kDocuments = {
      "report", "reports", "statement", "study", "survey", "document", "documents", "letter", "article",
      "memo", "poll", "data", "website", "site", "ruling", "book", "piece", "ad", "advert", "advertisement",
      "clip", "video", "post", "tweet", "paper", "analysis", "filing", "complaint", "lawsuit", "release",
      "guidelines", "law", "bill", "plan", "policy", "announcement", "email", "message", "note", "transcript",
      "footage", "record", "records", "documentary", "column", "editorial", "headline", "sign", "banner",
      "placard", "indictment", "verdict", "decision", "order", "resolution", "draft", "text", "agreement",
      "treaty", "proposal", "programme", "program", "show", "broadcast", "interview", "page", "account",
      // events
      "talks", "meeting", "meetings", "negotiations", "session", "sessions", "summit", "conference",
      "hearing", "trial", "visit", "round", "discussions", "dialogue", "ceremony", "vote", "election"};
  return kDocuments.count(w) > 0;
}

}  // namespace rashomon
