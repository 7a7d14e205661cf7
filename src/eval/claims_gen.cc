#include "eval/claims_gen.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <unordered_map>

#include "base/hash.h"
#include "base/strings.h"
#include "eval/corpus_gen.h"
#include "eval/random.h"

namespace rashomon {
namespace {

using gen::Below;
using gen::Rng;
using gen::Uniform01;
using Tokens = std::vector<std::string>;

// A token that rewording must leave alone (a planted difference, the inside
// of a quote) starts with this byte until the sentence is joined.
constexpr char kKeep = '\x01';


Tokens Split(std::string_view s) {
  Tokens out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string Join(const Tokens& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    for (char c : t) {
      if (c != kKeep) out += c;
    }
  }
  return out;
}

bool Kept(const std::string& t) { return !t.empty() && t[0] == kKeep; }
void Keep(std::string* t) {
  if (!Kept(*t)) t->insert(t->begin(), kKeep);
}


// A token as leading punctuation, a core of letters/digits (with inner
// apostrophes, hyphens, commas and dots), and trailing punctuation.
struct Parts {
  std::string lead, core, trail;
};

Parts Cut(const std::string& t) {
  size_t b = 0, e = t.size();
  auto core_char = [](char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '$' || c == '%'; };
  while (b < e && !core_char(t[b])) ++b;
  while (e > b && !core_char(t[e - 1])) --e;
  return {t.substr(0, b), t.substr(b, e - b), t.substr(e)};
}

bool AllLower(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// One-way general-English rewordings an editor makes; only all-lowercase
// tokens are swapped, so names ("Bill", "States") are never touched.
const std::unordered_map<std::string, std::string>& Synonyms() {
  static const auto* table = new std::unordered_map<std::string, std::string>{
      {"said", "stated"},        {"announced", "unveiled"},   {"began", "started"},
      {"begin", "start"},        {"started", "began"},        {"help", "assist"},
      {"helped", "assisted"},    {"buy", "purchase"},         {"bought", "purchased"},
      {"show", "indicate"},      {"showed", "indicated"},     {"shows", "indicates"},
      {"big", "large"},          {"large", "big"},            {"many", "numerous"},
      {"important", "key"},      {"nearly", "almost"},        {"almost", "nearly"},
      {"country", "nation"},     {"nation", "country"},       {"officials", "authorities"},
      {"authorities", "officials"}, {"talks", "negotiations"}, {"negotiations", "talks"},
      {"attack", "assault"},     {"attacks", "assaults"},     {"warned", "cautioned"},
      {"criticized", "slammed"}, {"criticised", "slammed"},   {"plan", "proposal"},
      {"proposal", "plan"},      {"law", "legislation"},      {"increase", "rise"},
      {"decline", "drop"},       {"reduce", "cut"},           {"expected", "anticipated"},
      {"quickly", "rapidly"},    {"soon", "shortly"},         {"recently", "lately"},
      {"major", "significant"},  {"significant", "major"},    {"difficult", "hard"},
      {"problem", "issue"},      {"leader", "head"},          {"candidate", "contender"},
      {"candidates", "contenders"}, {"believe", "think"},     {"believes", "thinks"},
      {"think", "believe"},      {"thinks", "believes"},      {"wants", "wishes"},
      {"need", "require"},       {"needs", "requires"},       {"allow", "permit"},
      {"allowed", "permitted"},  {"enough", "sufficient"},    {"decided", "chose"},
      {"told", "informed"},      {"tried", "attempted"},      {"ended", "concluded"},
      {"finished", "completed"}, {"children", "kids"},        {"car", "vehicle"},
      {"cars", "vehicles"},      {"money", "funds"},          {"currently", "presently"},
      {"later", "subsequently"}, {"despite", "notwithstanding"}, {"however", "but"},
      {"also", "additionally"},  {"strong", "powerful"},      {"main", "principal"},
  };
  return *table;
}

// Wording swaps inside a quote (a planted quote-wording difference).
const std::unordered_map<std::string, std::string>& QuoteSwaps() {
  static const auto* table = new std::unordered_map<std::string, std::string>{
      {"strength", "force"},   {"force", "strength"},  {"good", "fine"},       {"great", "tremendous"},
      {"very", "really"},      {"really", "truly"},    {"never", "not ever"},  {"always", "forever"},
      {"people", "folks"},     {"country", "nation"},  {"nation", "country"},  {"want", "wish"},
      {"think", "believe"},    {"believe", "think"},   {"big", "huge"},        {"bad", "terrible"},
      {"important", "crucial"}, {"strong", "powerful"}, {"help", "support"},   {"need", "must have"},
      {"going", "about"},      {"make", "render"},     {"world", "planet"},    {"job", "work"},
      {"jobs", "work"},        {"money", "cash"},      {"right", "correct"},   {"best", "finest"},
      {"work", "labour"},      {"together", "jointly"}, {"know", "realize"},   {"time", "moment"},
      {"every", "each"},       {"each", "every"},      {"house", "home"},      {"home", "house"},
      {"taken", "seized"},     {"rebuild", "restore"}, {"fight", "battle"},    {"safe", "secure"},
      {"free", "open"},        {"fair", "just"},       {"clear", "plain"},     {"wrong", "mistaken"},
      {"hard", "tough"},       {"happy", "glad"},      {"sure", "certain"},    {"ready", "prepared"},
  };
  return *table;
}

// Two-word quotes and an alternative wording of each, for the short-quote
// kind; nouns the quote is said of.
constexpr const char* kShortQuotes[][2] = {
    {"deeply troubling", "very troubling"},   {"completely unacceptable", "totally unacceptable"},
    {"a good start", "a decent start"},       {"very productive", "quite productive"},
    {"absolutely essential", "truly essential"}, {"deeply flawed", "badly flawed"},
    {"a serious mistake", "a grave mistake"}, {"utterly reckless", "wholly reckless"},
    {"extremely worrying", "very worrying"},  {"long overdue", "far overdue"},
};
constexpr const char* kQuotedNouns[] = {"decision", "plan", "proposal", "outcome", "ruling", "agreement", "move"};

constexpr const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

// Titles placed before a name; the replacements a planted role change uses.
constexpr const char* kTitles[] = {"President", "Senator", "Sen.", "Governor", "Gov.", "Rep.", "Representative",
                                   "Mayor", "Secretary", "Ambassador", "Judge", "Chairman", "Director",
                                   "Minister", "Speaker", "General", "Gen.", "Commissioner", "Sheriff"};
constexpr const char* kNewTitles[] = {"Senator", "Governor", "Mayor", "Ambassador", "Commissioner", "Judge",
                                      "Representative"};

// Function words that start a sentence and are not names (the case of
// a clause moved from the front is lowered only for these).
bool IsLowerable(const std::string& w) {
  static const char* kWords[] = {"The", "A", "An", "It", "This", "That", "These", "Those", "There", "He", "She",
                                 "They", "We", "Its", "Their", "His", "Her", "Some", "Many", "Most", "Both"};
  return std::any_of(std::begin(kWords), std::end(kWords), [&](const char* k) { return w == k; });
}

bool NotAName(const std::string& w) {
  static const char* kWords[] = {"The",  "He",   "She",  "It",   "They", "We",    "I",    "You",  "This",
                                 "That", "But",  "And",  "A",    "An",   "In",    "On",   "At",   "His",
                                 "Her",  "Their", "Officials", "Police", "Critics", "Others", "Experts", "Mr.",
                                 "Mrs.", "Ms.",  "Dr.",  "There", "Some", "Many", "Both", "When", "If", "As"};
  return std::any_of(std::begin(kWords), std::end(kWords), [&](const char* k) { return w == k; });
}

void Capitalise(std::string* t) {
  for (char& c : *t) {
    if (c == kKeep) continue;
    if (IsAsciiAlpha(c)) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return;
  }
}

void Decapitalise(std::string* t) {
  for (char& c : *t) {
    if (c == kKeep) continue;
    if (IsAsciiAlpha(c)) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return;
  }
}

bool EndsSentence(const std::string& t) { return !t.empty() && (t.back() == '.' || t.back() == '!'); }

// Marks the tokens inside quotation marks (and the marks themselves) as
// kept: outlets keep quotes. A quote may open in an earlier sentence
// (`open`: one is open at the start); returns whether one is open at the end.
bool KeepQuotes(Tokens* tokens, bool open = false) {
  bool inside = open;
  for (auto& t : *tokens) {
    bool touched = inside;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '"') {
        inside = !inside;
        touched = true;
      } else if (t.compare(i, 3, "\xE2\x80\x9C") == 0) {
        inside = true;
        touched = true;
        i += 2;
      } else if (t.compare(i, 3, "\xE2\x80\x9D") == 0) {
        inside = false;
        touched = true;
        i += 2;
      }
    }
    if (touched) Keep(&t);
  }
  return inside;
}

// --- rewording rules --------------------------------------------------------

void SwapSynonyms(Tokens* tokens, Rng& rng, double rate) {
  const auto& table = Synonyms();
  for (auto& t : *tokens) {
    if (Kept(t)) continue;
    Parts p = Cut(t);
    if (!AllLower(p.core)) continue;
    auto it = table.find(p.core);
    if (it == table.end() || it->second == p.core || Uniform01(rng) >= rate) continue;
    t = p.lead + it->second + p.trail;
  }
}

bool ContainsQuote(const Tokens& tokens) {
  return std::any_of(tokens.begin(), tokens.end(), [](const std::string& t) {
    return t.find('"') != std::string::npos || t.find("\xE2\x80\x9C") != std::string::npos ||
           t.find("\xE2\x80\x9D") != std::string::npos;
  });
}

// "On Monday, the council voted." -> "The council voted on Monday."
void MoveFrontPhrase(Tokens* tokens) {
  static const char* kStarts[] = {"On", "In", "At", "After", "Before", "During", "Earlier", "Last", "Late", "Early"};
  if (tokens->size() < 6 || ContainsQuote(*tokens) || !EndsSentence(tokens->back())) return;
  const std::string& first = (*tokens)[0];
  if (std::none_of(std::begin(kStarts), std::end(kStarts), [&](const char* s) { return first == s; })) return;
  size_t comma = 0;
  for (size_t i = 0; i < std::min<size_t>(tokens->size() - 3, 7); ++i) {
    if (!(*tokens)[i].empty() && (*tokens)[i].back() == ',') {
      comma = i + 1;
      break;
    }
  }
  if (comma == 0 || tokens->size() - comma < 4) return;
  Tokens phrase(tokens->begin(), tokens->begin() + static_cast<ptrdiff_t>(comma));
  Tokens rest(tokens->begin() + static_cast<ptrdiff_t>(comma), tokens->end());
  phrase.back().pop_back();  // the comma
  Decapitalise(&phrase[0]);
  Capitalise(&rest[0]);
  char end = rest.back().back();
  rest.back().pop_back();
  phrase.back() += end;
  rest.insert(rest.end(), phrase.begin(), phrase.end());
  *tokens = std::move(rest);
}

// "The plan will fail, officials said." -> "Officials said the plan will fail."
void MoveTrailingAttribution(Tokens* tokens) {
  size_t n = tokens->size();
  if (n < 7 || ContainsQuote(*tokens)) return;
  std::string last = (*tokens)[n - 1];
  if (last != "said." && last != "say." && last != "says.") return;
  size_t comma = 0;
  for (size_t i = n - 2; i + 5 > n && i > 2; --i) {
    if (!(*tokens)[i - 1].empty() && (*tokens)[i - 1].back() == ',') {
      comma = i;
      break;
    }
  }
  if (comma == 0 || !IsLowerable((*tokens)[0])) return;
  Tokens who(tokens->begin() + static_cast<ptrdiff_t>(comma), tokens->end());
  Tokens clause(tokens->begin(), tokens->begin() + static_cast<ptrdiff_t>(comma));
  clause.back().pop_back();  // the comma
  who.back().pop_back();     // the full stop
  Capitalise(&who[0]);
  Decapitalise(&clause[0]);
  clause.back() += '.';
  who.insert(who.end(), clause.begin(), clause.end());
  *tokens = std::move(who);
}

// "The mayor, who took office in May, resigned." -> "The mayor resigned."
// Only relative clauses between two commas, of at most ten words, go.
void DropRelativeClause(Tokens* tokens) {
  for (size_t i = 1; i + 3 < tokens->size(); ++i) {
    const std::string& prev = (*tokens)[i - 1];
    if (Kept(prev) || prev.back() != ',' || ((*tokens)[i] != "who" && (*tokens)[i] != "which")) continue;
    size_t end = i;
    while (end < tokens->size() && end < i + 10 && !Kept((*tokens)[end]) && (*tokens)[end].back() != ',') ++end;
    if (end >= tokens->size() - 1 || end >= i + 10 || Kept((*tokens)[end])) return;
    std::string& head = (*tokens)[i - 1];
    head.pop_back();
    tokens->erase(tokens->begin() + static_cast<ptrdiff_t>(i), tokens->begin() + static_cast<ptrdiff_t>(end) + 1);
    return;
  }
}

bool IsPlainNumber(const std::string& core) {
  if (core.empty() || !IsAsciiDigit(core[0])) return false;
  return std::all_of(core.begin(), core.end(), [](char c) { return IsAsciiDigit(c) || c == ',' || c == '.'; });
}

// 1,500 -> 1500; 72 percent -> 72%; 72% -> 72 percent; $4 billion -> $4bn.
void RewriteNumbers(Tokens* tokens, Rng& rng, double rate) {
  Tokens out;
  for (size_t i = 0; i < tokens->size(); ++i) {
    std::string t = (*tokens)[i];
    const std::string* next = i + 1 < tokens->size() ? &(*tokens)[i + 1] : nullptr;
    if (Kept(t) || Uniform01(rng) >= rate) {
      out.push_back(std::move(t));
      continue;
    }
    Parts p = Cut(t);
    std::string digits = p.core.starts_with('$') ? p.core.substr(1) : p.core;
    if (IsPlainNumber(digits) && p.trail.empty() && next && !Kept(*next)) {
      Parts q = Cut(*next);
      if (q.core == "percent" && q.lead.empty()) {
        out.push_back(p.lead + p.core + "%" + q.trail);
        ++i;
        continue;
      }
      if (p.core.starts_with('$') && q.lead.empty() && (q.core == "billion" || q.core == "million")) {
        out.push_back(p.lead + p.core + (q.core == "billion" ? "bn" : "m") + q.trail);
        ++i;
        continue;
      }
    }
    if (p.core.ends_with('%') && IsPlainNumber(p.core.substr(0, p.core.size() - 1))) {
      out.push_back(p.lead + p.core.substr(0, p.core.size() - 1));
      out.push_back("percent" + p.trail);
      continue;
    }
    if (IsPlainNumber(p.core) && p.core.find(',') != std::string::npos && p.core.find('.') == std::string::npos &&
        p.core.size() <= 7) {
      std::string plain;
      for (char c : p.core) {
        if (c != ',') plain += c;
      }
      out.push_back(p.lead + plain + p.trail);
      continue;
    }
    out.push_back(std::move(t));
  }
  *tokens = std::move(out);
}

// did not <-> didn't and the like.
void RewriteContractions(Tokens* tokens, Rng& rng, double rate) {
  static const char* kPairs[][2] = {{"did", "didn't"}, {"does", "doesn't"}, {"do", "don't"}, {"is", "isn't"},
                                    {"was", "wasn't"}, {"were", "weren't"}, {"has", "hasn't"}, {"have", "haven't"},
                                    {"would", "wouldn't"}, {"could", "couldn't"}};
  Tokens out;
  for (size_t i = 0; i < tokens->size(); ++i) {
    const std::string& t = (*tokens)[i];
    if (!Kept(t) && i + 1 < tokens->size() && !Kept((*tokens)[i + 1]) && Uniform01(rng) < rate) {
      Parts q = Cut((*tokens)[i + 1]);
      if (q.core == "not" && q.lead.empty()) {
        auto it = std::find_if(std::begin(kPairs), std::end(kPairs), [&](const auto& p) { return t == p[0]; });
        if (it != std::end(kPairs)) {
          out.push_back((*it)[1] + q.trail);
          ++i;
          continue;
        }
      }
    }
    out.push_back(t);
  }
  *tokens = std::move(out);
}

// `quote_open`: the sentence starts inside a quote that opened earlier.
void Paraphrase(Tokens* tokens, Rng& rng, double rate, bool quote_open = false) {
  KeepQuotes(tokens, quote_open);
  bool move = !quote_open;  // the words of a quote stay in their order
  if (Uniform01(rng) < rate && move) MoveFrontPhrase(tokens);
  if (Uniform01(rng) < rate && move) MoveTrailingAttribution(tokens);
  if (Uniform01(rng) < rate) DropRelativeClause(tokens);
  SwapSynonyms(tokens, rng, rate);
  RewriteNumbers(tokens, rng, rate);
  RewriteContractions(tokens, rng, rate);
}

// --- planted differences ----------------------------------------------------

struct Site {
  Tokens tokens;  // the changed sentence, changed tokens kept
  std::string original, changed;
};

std::string FormatLike(const std::string& original, long long value) {
  std::string digits = std::to_string(value);
  if (original.find(',') == std::string::npos) return digits;
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

bool IsYearOrDay(const Tokens& tokens, size_t i, const std::string& core) {
  if (core.find_first_not_of("0123456789") == std::string::npos && core.size() == 4) {
    int v = std::stoi(core);
    if (v >= 1800 && v <= 2100) return true;
  }
  if (i > 0) {
    Parts prev = Cut(tokens[i - 1]);
    if (std::any_of(std::begin(kMonths), std::end(kMonths), [&](const char* m) { return prev.core == m; }))
      return true;
    // "Dec. 14": a day after an abbreviated month.
    static const char* kAbbrev[] = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"};
    if (prev.trail == "." &&
        std::any_of(std::begin(kAbbrev), std::end(kAbbrev), [&](const char* m) { return prev.core == m; }))
      return true;
  }
  return false;
}

bool PlantNumber(const Tokens& s, Rng& rng, Site* site) {
  std::vector<size_t> cands;
  for (size_t i = 0; i < s.size(); ++i) {
    Parts p = Cut(s[i]);
    std::string core = p.core.starts_with('$') ? p.core.substr(1) : p.core;
    if (core.ends_with('%')) core.pop_back();
    if (!IsPlainNumber(core) || core.find('.') != std::string::npos || core.size() > 11) continue;
    if (IsYearOrDay(s, i, core)) continue;
    cands.push_back(i);
  }
  if (cands.empty()) return false;
  size_t i = cands[Below(rng, cands.size())];
  Parts p = Cut(s[i]);
  std::string prefix = p.core.starts_with('$') ? "$" : "";
  std::string core = p.core.substr(prefix.size());
  std::string suffix = core.ends_with('%') ? "%" : "";
  if (!suffix.empty()) core.pop_back();
  std::string plain;
  for (char c : core) {
    if (c != ',') plain += c;
  }
  long long v = std::stoll(plain);
  long long delta = std::max<long long>(1, v / 10 + static_cast<long long>(Below(rng, static_cast<size_t>(v / 5 + 2))));
  long long nv = (v > 2 && (rng() & 1)) ? std::max<long long>(1, v - delta) : v + delta;
  if (nv == v) nv = v + 1;
  site->tokens = s;
  site->original = core;
  site->changed = FormatLike(core, nv);
  site->tokens[i] = p.lead + prefix + site->changed + suffix + p.trail;
  Keep(&site->tokens[i]);
  return true;
}

bool StartsName(const std::string& t) {
  Parts p = Cut(t);
  return p.lead.empty() && p.core.size() >= 2 && IsAsciiUpper(p.core[0]) && !NotAName(p.core);
}

bool PlantRole(const Tokens& s, Rng& rng, Site* site) {
  std::vector<size_t> cands;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (std::any_of(std::begin(kTitles), std::end(kTitles), [&](const char* t) { return s[i] == t; }) &&
        StartsName(s[i + 1]) && (i == 0 || Cut(s[i - 1]).core != "the"))
      cands.push_back(i);
  }
  if (cands.empty()) return false;
  size_t i = cands[Below(rng, cands.size())];
  std::string title = s[i];
  std::string next;
  do {
    next = kNewTitles[Below(rng, std::size(kNewTitles))];
  } while (title.starts_with(next.substr(0, 3)));
  site->tokens = s;
  site->original = title;
  site->changed = next;
  site->tokens[i] = next;
  Keep(&site->tokens[i]);
  return true;
}

bool PlantQuote(const Tokens& s, bool quote_open, Rng& rng, Site* site) {
  Tokens marked = s;
  KeepQuotes(&marked, quote_open);
  std::vector<size_t> cands;
  size_t inside = 0;
  for (size_t i = 0; i < marked.size(); ++i) {
    if (!Kept(marked[i])) continue;
    ++inside;
    Parts p = Cut(s[i]);
    if (QuoteSwaps().count(p.core) || Synonyms().count(p.core)) cands.push_back(i);
  }
  if (cands.empty() || inside < 4) return false;
  size_t i = cands[Below(rng, cands.size())];
  Parts p = Cut(s[i]);
  site->tokens = s;
  site->original = p.core;
  auto it = QuoteSwaps().find(p.core);
  site->changed = it != QuoteSwaps().end() ? it->second : Synonyms().at(p.core);
  site->tokens[i] = p.lead + site->changed + p.trail;
  return true;
}

bool PlantDate(const Tokens& s, Rng& rng, Site* site) {
  for (size_t i = 0; i < s.size(); ++i) {
    Parts p = Cut(s[i]);
    for (int d = 0; d < 7; ++d) {
      if (p.core != kWeekdays[d]) continue;
      std::string next = kWeekdays[(d + 1 + static_cast<int>(Below(rng, 5))) % 7];
      site->tokens = s;
      site->original = p.core;
      site->changed = next;
      site->tokens[i] = p.lead + next + p.trail;
      Keep(&site->tokens[i]);
      return true;
    }
    if (i + 1 < s.size() &&
        std::any_of(std::begin(kMonths), std::end(kMonths), [&](const char* m) { return p.core == m; })) {
      Parts q = Cut(s[i + 1]);
      if (q.core.empty() || q.core.size() > 2 || !std::all_of(q.core.begin(), q.core.end(), IsAsciiDigit)) continue;
      int day = std::stoi(q.core);
      if (day < 1 || day > 31) continue;
      int nd = day <= 20 ? day + 1 + static_cast<int>(Below(rng, 5)) : day - 1 - static_cast<int>(Below(rng, 5));
      site->tokens = s;
      site->original = p.core + " " + q.core;
      site->changed = p.core + " " + std::to_string(nd);
      site->tokens[i + 1] = q.lead + std::to_string(nd) + q.trail;
      Keep(&site->tokens[i]);
      Keep(&site->tokens[i + 1]);
      return true;
    }
  }
  return false;
}

bool PlantPolarity(const Tokens& s, bool quote_open, Rng& rng, Site* site) {
  static const char* kFlips[][2] = {{"confirmed", "denied"}, {"agreed", "refused"}, {"accepted", "rejected"},
                                    {"approved", "rejected"}, {"supports", "opposes"}, {"supported", "opposed"},
                                    {"won", "lost"}, {"increased", "decreased"}, {"rose", "fell"}};
  static const char* kAux[] = {"is", "was", "will", "has", "have", "had", "would", "could", "did", "does", "are",
                               "were", "should"};
  Tokens marked = s;
  KeepQuotes(&marked, quote_open);
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (Kept(marked[i])) continue;
    Parts p = Cut(s[i]);
    for (const auto& f : kFlips) {
      if (p.core != f[0]) continue;
      site->tokens = s;
      site->original = f[0];
      site->changed = f[1];
      site->tokens[i] = p.lead + f[1] + p.trail;
      Keep(&site->tokens[i]);
      return true;
    }
  }
  std::vector<size_t> cands;
  for (size_t i = 1; i + 2 < s.size(); ++i) {
    if (Kept(marked[i]) || !Cut(s[i]).lead.empty() || !Cut(s[i]).trail.empty()) continue;
    if (std::none_of(std::begin(kAux), std::end(kAux), [&](const char* a) { return s[i] == a; })) continue;
    Parts q = Cut(s[i + 1]);
    if (q.core == "not" || q.core == "never" || !AllLower(q.core)) continue;
    cands.push_back(i);
  }
  if (cands.empty()) return false;
  size_t i = cands[Below(rng, cands.size())];
  site->tokens = s;
  site->original = s[i];
  site->changed = s[i] + " not";
  site->tokens.insert(site->tokens.begin() + static_cast<ptrdiff_t>(i) + 1, "not");
  Keep(&site->tokens[i]);
  Keep(&site->tokens[i + 1]);
  return true;
}

// A person named as a speaker: the capitalised words before "said".
std::string FindSpeaker(const Tokens& s) {
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] != "said" && s[i] != "said." && s[i] != "says") continue;
    Parts p = Cut(s[i - 1]);
    if (!p.trail.empty() || !StartsName(s[i - 1]) || p.core.size() < 3) continue;
    if (!std::all_of(p.core.begin(), p.core.end(), [](char c) { return IsAsciiAlpha(c) || c == '-'; })) continue;
    if (i >= 2 && StartsName(s[i - 2])) return p.core;  // "First Last said"
    // "Surname said" after no other capitalised word.
    if (p.core.size() >= 4 && (i == 1 || !IsAsciiUpper(Cut(s[i - 2]).core.empty() ? 'a' : Cut(s[i - 2]).core[0])))
      return p.core;
  }
  return {};
}

// A person's surname for the spelling kind: a speaker or a titled name.
std::string FindSurname(const std::vector<Tokens>& sentences) {
  for (const auto& s : sentences) {
    std::string speaker = FindSpeaker(s);
    if (speaker.size() >= 5) return speaker;
    for (size_t i = 0; i + 2 < s.size(); ++i) {
      if (std::none_of(std::begin(kTitles), std::end(kTitles), [&](const char* t) { return s[i] == t; })) continue;
      if (!StartsName(s[i + 1]) || !StartsName(s[i + 2])) continue;
      std::string core = Cut(s[i + 2]).core;
      if (core.size() >= 5 && std::all_of(core.begin(), core.end(), IsAsciiAlpha)) return core;
    }
  }
  return {};
}

// A transliteration-like respelling: one vowel changed, or a letter doubled.
std::string Respell(const std::string& name, Rng& rng) {
  static const std::string kVowels = "aeiou";
  std::vector<size_t> vowels;
  for (size_t i = 1; i < name.size(); ++i) {
    if (kVowels.find(name[i]) != std::string::npos) vowels.push_back(i);
  }
  std::string out = name;
  if (!vowels.empty() && (rng() & 1)) {
    size_t i = vowels[Below(rng, vowels.size())];
    char c = out[i];
    while (c == out[i]) c = kVowels[Below(rng, kVowels.size())];
    out[i] = c;
  } else {
    size_t i = 1 + Below(rng, name.size() - 2);
    out.insert(out.begin() + static_cast<ptrdiff_t>(i), out[i]);
  }
  return out;
}

std::string ReplaceWord(const std::string& text, const std::string& from, const std::string& to) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(from, i);
    if (j == std::string::npos) break;
    bool left = j == 0 || !IsAsciiAlpha(text[j - 1]);
    bool right = j + from.size() >= text.size() || !IsAsciiAlpha(text[j + from.size()]);
    out.append(text, i, j - i);
    out += (left && right) ? to : from;
    i = j + from.size();
  }
  out.append(text, i);
  return out;
}

std::string Id(const char* prefix, size_t n) {
  char buf[32];
  (void)std::snprintf(buf, sizeof buf, "%s%04zu", prefix, n);
  return buf;
}

// --- cases ------------------------------------------------------------------

class CaseBuilder {
 public:
  CaseBuilder(const ClaimGenOptions& o, size_t index, std::vector<Tokens> sentences, std::string title)
      : o_(o), index_(index), sentences_(std::move(sentences)), title_(std::move(title)),
        rng_(HashCombine(o.seed, 0xC1A1500000ULL + index)) {}

  ClaimCase Build(bool control, int kind_start) {
    ClaimCase c;
    c.story = Id("c", index_);
    c.control = control;
    size_t n = o_.copies + 1;
    for (size_t a = 0; a < n; ++a) {
      Article art;
      art.id = c.story + "-" + static_cast<char>('a' + a);
      art.source = std::string("outlet-") + static_cast<char>('a' + a);
      art.published = o_.base_time + static_cast<int64_t>(index_) * 86400 + static_cast<int64_t>(a) * o_.spacing_seconds;
      c.articles.push_back(std::move(art));
    }
    std::vector<std::optional<Site>> sites(sentences_.size());
    PlantedDifference diff;
    size_t changed = 1 + Below(rng_, o_.copies);
    if (!control) TryPlant(kind_start, changed, &c, &sites, &diff);
    Write(changed, sites, &c);
    if (!control && !diff.changed_article.empty()) {
      Finish(&c, &diff);
      c.differences.push_back(std::move(diff));
    }
    return c;
  }

 private:
  void TryPlant(int kind_start, size_t changed, ClaimCase* c, std::vector<std::optional<Site>>* sites,
                PlantedDifference* diff) {
    for (int k = 0; k < kClaimKinds; ++k) {
      auto kind = static_cast<ClaimKind>((kind_start + k) % kClaimKinds);
      if (Plant(kind, sites, diff)) {
        diff->kind = kind;
        diff->changed_article = c->articles[changed].id;
        return;
      }
    }
  }

  bool Plant(ClaimKind kind, std::vector<std::optional<Site>>* sites, PlantedDifference* diff) {
    if (kind == ClaimKind::kShortQuote) return PlantShortQuote(sites, diff);
    if (kind == ClaimKind::kName) return PlantName(diff);
    std::vector<size_t> order(sentences_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[Below(rng_, i)]);
    for (size_t i : order) {
      Site site;
      bool ok = false;
      switch (kind) {
        case ClaimKind::kNumber: ok = PlantNumber(sentences_[i], rng_, &site); break;
        case ClaimKind::kRole: ok = PlantRole(sentences_[i], rng_, &site); break;
        case ClaimKind::kQuote: ok = PlantQuote(sentences_[i], QuoteOpenBefore(i), rng_, &site); break;
        case ClaimKind::kDate: ok = PlantDate(sentences_[i], rng_, &site); break;
        case ClaimKind::kPolarity: ok = PlantPolarity(sentences_[i], QuoteOpenBefore(i), rng_, &site); break;
        default: break;
      }
      if (!ok) continue;
      diff->original = site.original;
      diff->changed = site.changed;
      diff->sentence = i;
      (*sites)[i] = std::move(site);
      return true;
    }
    return false;
  }

  // Adds, after a sentence that names a speaker, "<Surname> called the
  // decision “deeply troubling”." to every article.
  bool PlantShortQuote(std::vector<std::optional<Site>>* sites, PlantedDifference* diff) {
    for (size_t i = 0; i < sentences_.size(); ++i) {
      std::string speaker = FindSpeaker(sentences_[i]);
      if (speaker.empty()) continue;
      const auto& q = kShortQuotes[Below(rng_, std::size(kShortQuotes))];
      std::string noun = kQuotedNouns[Below(rng_, std::size(kQuotedNouns))];
      bool curly = rng_() & 1;
      std::string open = curly ? "\xE2\x80\x9C" : "\"", close = curly ? "\xE2\x80\x9D" : "\"";
      auto sentence = [&](const char* words) {
        return Split(speaker + " called the " + noun + " " + open + words + close + ".");
      };
      sentences_.insert(sentences_.begin() + static_cast<ptrdiff_t>(i) + 1, sentence(q[0]));
      sites->insert(sites->begin() + static_cast<ptrdiff_t>(i) + 1, Site{sentence(q[1]), q[0], q[1]});
      diff->original = q[0];
      diff->changed = q[1];
      diff->sentence = i + 1;
      return true;
    }
    return false;
  }

  // Whether a quote opened in an earlier sentence of the source is still
  // open at the start of sentence i (quotes run over sentences).
  bool QuoteOpenBefore(size_t i) const {
    bool open = false;
    for (size_t k = 0; k < i && k < sentences_.size(); ++k) {
      Tokens t = sentences_[k];
      open = KeepQuotes(&t, open);
    }
    return open;
  }

  bool PlantName(PlantedDifference* diff) {
    std::string name = FindSurname(sentences_);
    if (name.empty()) return false;
    diff->original = name;
    diff->changed = Respell(name, rng_);
    for (size_t i = 0; i < sentences_.size(); ++i) {
      if (Join(sentences_[i]).find(name) != std::string::npos) {
        diff->sentence = i;
        break;
      }
    }
    respell_from_ = name;
    respell_to_ = diff->changed;
    return true;
  }

  void Write(size_t changed, const std::vector<std::optional<Site>>& sites, ClaimCase* c) {
    size_t n = c->articles.size();
    c->versions.assign(sentences_.size(), std::vector<std::string>(n));
    for (size_t a = 0; a < n; ++a) {
      Rng rng(HashCombine(o_.seed, (0xA0000000ULL + index_) * 64 + a));
      std::string body;
      for (size_t i = 0; i < sentences_.size(); ++i) {
        bool site_here = a == changed && sites[i].has_value();
        bool keep_all = sites[i].has_value();  // every article states the changed sentence
        if (a > 0 && !keep_all && Uniform01(rng) < o_.drop_rate) continue;
        Tokens t = site_here ? sites[i]->tokens : sentences_[i];
        if (a > 0) Paraphrase(&t, rng, o_.rule_rate, QuoteOpenBefore(i));
        std::string text = Join(t);
        if (a == changed && !respell_from_.empty()) text = ReplaceWord(text, respell_from_, respell_to_);
        c->versions[i][a] = text;
        if (!body.empty()) body += (i % 2 == 0) ? "\n\n" : " ";
        body += text;
      }
      Tokens title = Split(title_);
      if (a > 0) SwapSynonyms(&title, rng, o_.rule_rate);
      c->articles[a].title = Join(title);
      if (a == changed && !respell_from_.empty())
        c->articles[a].title = ReplaceWord(c->articles[a].title, respell_from_, respell_to_);
      c->articles[a].text = std::move(body);
    }
  }

  // The articles that state the original: every other one whose version of
  // the sentence (or, for a name, whose text) carries it.
  void Finish(ClaimCase* c, PlantedDifference* diff) {
    for (size_t a = 0; a < c->articles.size(); ++a) {
      if (c->articles[a].id == diff->changed_article) continue;
      bool states = diff->kind == ClaimKind::kName
                        ? c->articles[a].text.find(diff->original) != std::string::npos
                        : !c->versions[diff->sentence][a].empty();
      if (states) diff->other_articles.push_back(c->articles[a].id);
    }
  }

  const ClaimGenOptions& o_;
  size_t index_;
  std::vector<Tokens> sentences_;
  std::string title_;
  Rng rng_;
  std::string respell_from_, respell_to_;
};

}  // namespace

std::string_view ClaimKindName(ClaimKind kind) {
  switch (kind) {
    case ClaimKind::kNumber: return "number";
    case ClaimKind::kRole: return "role";
    case ClaimKind::kQuote: return "quote";
    case ClaimKind::kShortQuote: return "short-quote";
    case ClaimKind::kName: return "name";
    case ClaimKind::kDate: return "date";
    case ClaimKind::kPolarity: return "polarity";
  }
  return "?";
}

std::string_view ConflictKindFor(ClaimKind kind) {
  return kind == ClaimKind::kShortQuote ? "quote" : ClaimKindName(kind);
}

std::string ParaphraseSentence(std::string_view sentence, uint64_t seed, double rule_rate) {
  Rng rng(seed);
  Tokens t = Split(sentence);
  Paraphrase(&t, rng, rule_rate);
  return Join(t);
}

std::vector<ClaimCase> GenerateClaimCases(const std::vector<Article>& sources, const ClaimGenOptions& options) {
  std::vector<ClaimCase> cases;
  Rng rng(HashCombine(options.seed, 0xCA5E5ULL));
  int next_kind = 0;
  for (const Article& src : sources) {
    if (cases.size() >= options.stories) break;
    std::vector<std::string> all = SplitSentences(src.text);
    if (all.size() < options.min_sentences) continue;
    std::vector<Tokens> sentences;
    for (size_t i = 0; i < all.size() && sentences.size() < options.max_sentences; ++i) {
      if (all[i].find(kKeep) == std::string::npos) sentences.push_back(Split(all[i]));
    }
    std::string title = src.title;
    if (title.empty()) title = Join(sentences.front());
    bool control = Uniform01(rng) < options.control_fraction;
    CaseBuilder builder(options, cases.size() + 1, std::move(sentences), title);
    ClaimCase c = builder.Build(control, next_kind);
    if (!control) {
      if (c.differences.empty()) continue;  // no site for any kind
      next_kind = (static_cast<int>(c.differences[0].kind) + 1) % kClaimKinds;
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace rashomon
