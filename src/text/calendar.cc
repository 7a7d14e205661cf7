#include "text/calendar.h"

#include <map>
#include <string>
#include <unordered_map>

#include "base/strings.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

struct CalendarNames {
  const char* code;
  const char* months[12];  // space-separated forms of each month
  const char* weekdays[7];  // Sunday first
  const char* days_ago;     // "word:n" pairs
};

constexpr CalendarNames kCalendars[] = {
    {"es",
     {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre setiembre", "octubre",
      "noviembre", "diciembre"},
     {"domingo", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado"},
     "ayer:1 hoy:0 anteayer:2"},
    {"pt",
     {"janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
      "novembro", "dezembro"},
     {"domingo", "segunda-feira segundafeira", "terca-feira tercafeira", "quarta-feira quartafeira",
      "quinta-feira quintafeira", "sexta-feira sextafeira", "sabado"},
     "ontem:1 hoje:0 anteontem:2"},
    {"fr",
     {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
      "novembre", "decembre"},
     {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
     "hier:1 aujourd'hui:0 avant-hier:2"},
    {"it",
     {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
      "novembre", "dicembre"},
     {"domenica", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato"},
     "ieri:1 oggi:0 stamattina:0"},
    {"de",
     {"januar janner", "februar", "marz", "april", "mai", "juni", "juli", "august", "september", "oktober",
      "november", "dezember"},
     {"sonntag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag sonnabend"},
     "gestern:1 heute:0 vorgestern:2"},
    {"nl",
     {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
      "november", "december"},
     {"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"},
     "gisteren:1 vandaag:0 eergisteren:2"},
    {"ru",
     {"январь января", "февраль февраля", "март марта", "апрель апреля", "май мая", "июнь июня", "июль июля",
      "август августа", "сентябрь сентября", "октябрь октября", "ноябрь ноября", "декабрь декабря"},
     {"воскресенье", "понедельник", "вторник", "среда среду", "четверг", "пятница пятницу", "суббота субботу"},
     "вчера:1 сегодня:0 позавчера:2"},
};

struct Tables {
  // language -> folded word -> value
  std::map<std::string, std::unordered_map<std::string, int>, std::less<>> months, weekdays, days_ago;
  Tables() {
    for (const CalendarNames& c : kCalendars) {
      for (int m = 0; m < 12; ++m) {
        for (std::string_view w : Split(c.months[m], ' ')) months[c.code][FoldForMatch(w)] = m + 1;
      }
      for (int d = 0; d < 7; ++d) {
        for (std::string_view w : Split(c.weekdays[d], ' ')) weekdays[c.code][FoldForMatch(w)] = d;
      }
      for (std::string_view pair : Split(c.days_ago, ' ')) {
        const size_t colon = pair.rfind(':');
        days_ago[c.code][FoldForMatch(pair.substr(0, colon))] = pair[colon + 1] - '0';
      }
    }
  }
};

const Tables& GetTables() {
  static const Tables* t = new Tables();
  return *t;
}

int Find(const std::map<std::string, std::unordered_map<std::string, int>, std::less<>>& table,
         std::string_view word, std::string_view lang, int missing) {
  auto it = table.find(lang);
  if (it == table.end()) return missing;
  auto jt = it->second.find(FoldForMatch(word));
  return jt == it->second.end() ? missing : jt->second;
}

}  // namespace

int LocalMonth(std::string_view word, std::string_view lang) { return Find(GetTables().months, word, lang, 0); }

int LocalWeekday(std::string_view word, std::string_view lang) {
  return Find(GetTables().weekdays, word, lang, -1);
}

int LocalDaysAgo(std::string_view word, std::string_view lang) {
  return Find(GetTables().days_ago, word, lang, -1);
}

bool DateFiller(std::string_view word, std::string_view lang) {
  if (lang == "es") return word == "de" || word == "del";
  if (lang == "pt") return word == "de";
  return false;
}

}  // namespace rashomon
