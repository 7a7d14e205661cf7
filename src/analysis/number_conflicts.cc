#include "analysis/number_conflicts.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analysis/align.h"
#include "analysis/numbers.h"
#include "base/hash.h"
#include "base/strings.h"
#include "text/language.h"
#include "text/normalize.h"
#include "text/translate.h"

namespace rashomon {
namespace {

// Candidates each sentence is compared with, and the longest stem posting
// list used to find them (stems in more sentences say little).
constexpr size_t kMaxCandidates = 12;
constexpr size_t kMaxPosting = 48;
// Sentences with their numbers masked state the same claim from this share
// of the paraphrase threshold (a lower share let unrelated sentences that
// share a unit conflict on real news: "19 seasons" vs "four seasons").
constexpr float kAlignShare = 1.0f;

struct Mention {
  uint32_t doc = 0;
  ExtractedNumber n;
  // n.unit and n.counts as small numbers (0: empty), and whether n.counts
  // is a known count: SameSlot without comparing strings.
  uint32_t unit_id = 0, counts_id = 0;
  bool known = false;
};

struct NumberSentence {
  uint32_t doc = 0;
  std::vector<uint32_t> mentions;  // indexes into the mentions
  SentenceSketch sketch;
};

bool KnownCount(const std::string& counts) {
  return counts == "deaths" || counts == "injured" || counts == "arrests" || counts == "missing" ||
         counts == "evacuated" || counts == "displaced" || counts == "jobs";
}

// Counts that only grow while a story unfolds: a later, higher figure is an update.
bool Cumulative(const std::string& counts) {
  return counts == "deaths" || counts == "injured" || counts == "arrests" ||
         counts == "evacuated" || counts == "displaced";
}

bool SameSlot(const Mention& a, const Mention& b) {
  if (a.unit_id == 0 || a.unit_id != b.unit_id) return false;
  if (a.counts_id == b.counts_id) return true;
  return !(a.known && b.known);
}

// Fills each mention's unit_id, counts_id and known.
void NumberSlots(std::vector<Mention>* mentions) {
  std::unordered_map<std::string, uint32_t> ids;
  auto id = [&](const std::string& s) -> uint32_t {
    if (s.empty()) return 0;
    return ids.emplace(s, static_cast<uint32_t>(ids.size() + 1)).first->second;
  };
  for (Mention& m : *mentions) {
    m.unit_id = id(m.n.unit);
    m.counts_id = id(m.n.counts);
    m.known = KnownCount(m.n.counts);
  }
}

// The sentence's sketch with every number expression masked out.
SentenceSketch MaskedSketch(const Document& doc, uint32_t sentence,
                            const std::vector<Mention>& mentions,
                            const std::vector<uint32_t>& own) {
  const Sentence& s = doc.sentences[sentence];
  SentenceSketch sketch = SketchSentence(doc, s);
  std::vector<uint64_t> masked;
  for (uint32_t t = s.first_token; t < s.token_end; ++t) {
    const Token& tok = doc.tokens[t];
    bool inside = tok.kind == TokenKind::kNumber;
    for (uint32_t m : own)
      inside |= tok.begin >= mentions[m].n.begin && tok.end <= mentions[m].n.end;
    if (inside) masked.push_back(tok.stem);
  }
  std::sort(masked.begin(), masked.end());
  auto drop = [&](std::vector<uint64_t>* v) {
    v->erase(std::remove_if(
                 v->begin(), v->end(),
                 [&](uint64_t x) { return std::binary_search(masked.begin(), masked.end(), x); }),
             v->end());
  };
  drop(&sketch.seq);
  drop(&sketch.stems);
  drop(&sketch.all);
  drop(&sketch.order);
  sketch.numbers.clear();
  RefreshSketch(&sketch);
  return sketch;
}

// Pairs of number sentences from different articles worth comparing: those
// sharing the most content stems, at most kMaxCandidates per sentence.
std::vector<std::pair<uint32_t, uint32_t>> CandidatePairs(
    const std::vector<NumberSentence>& sentences) {
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;
  for (uint32_t i = 0; i < sentences.size(); ++i) {
    for (uint64_t x : sentences[i].sketch.stems) postings[x].push_back(i);
  }
  std::vector<std::pair<uint32_t, uint32_t>> out;
  std::vector<uint32_t> shared(sentences.size(), 0);
  std::vector<uint32_t> touched;
  for (uint32_t i = 0; i < sentences.size(); ++i) {
    touched.clear();
    for (uint64_t x : sentences[i].sketch.stems) {
      const auto& list = postings[x];
      if (list.size() > kMaxPosting) continue;
      for (uint32_t j : list) {
        if (j <= i || sentences[j].doc == sentences[i].doc) continue;
        if (shared[j]++ == 0) touched.push_back(j);
      }
    }
    std::sort(touched.begin(), touched.end(), [&](uint32_t a, uint32_t b) {
      return shared[a] != shared[b] ? shared[a] > shared[b] : a < b;
    });
    for (size_t k = 0; k < touched.size() && k < kMaxCandidates; ++k) {
      // Two shared stems, or half of a short sentence's ("the deal could
      // be up to $180 million" keeps few stems once its numbers are masked).
      size_t shorter =
          std::min(sentences[i].sketch.stems.size(), sentences[touched[k]].sketch.stems.size());
      if (shared[touched[k]] >= 2 || size_t{2} * shared[touched[k]] >= shorter)
        out.emplace_back(i, touched[k]);
    }
    for (uint32_t j : touched) shared[j] = 0;
  }
  return out;
}

class Components {
 public:
  explicit Components(size_t n) : parent_(n), conflicting_(n, false) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Join(uint32_t a, uint32_t b, bool conflict) {
    a = Find(a);
    b = Find(b);
    if (a != b) {
      parent_[b] = a;
      conflicting_[a] = conflicting_[a] || conflicting_[b];
    }
    if (conflict) conflicting_[a] = true;
  }
  bool Conflicting(uint32_t x) { return conflicting_[Find(x)]; }

 private:
  std::vector<uint32_t> parent_;
  std::vector<bool> conflicting_;
};

// Counts of people (deaths, injured, arrests, ...) are about the story's
// one event wherever an article gives them ("killing at least 14", "the
// death toll at 12"): each article's first of a kind is one slot over the story, in
// conflict when no single value fits them all (linear: the highest lower
// end against the lowest upper end).
void LinkCountsOfPeople(const std::vector<Mention>& mentions, Components* components) {
  // Each article's first figure of a kind is its claim: later ones are
  // often other events ("last year's crash killed 30") or the toll's
  // history ("up from 12").
  std::map<std::string, std::vector<uint32_t>> slots;
  std::set<std::pair<std::string, uint32_t>> seen;  // (counts, doc)
  for (uint32_t m = 0; m < mentions.size(); ++m) {
    const ExtractedNumber& n = mentions[m].n;
    if (n.part || !(Cumulative(n.counts) || n.counts == "missing")) continue;
    if (seen.emplace(n.counts, mentions[m].doc).second) slots[n.counts].push_back(m);
  }
  for (const auto& [counts, list] : slots) {
    // The mention with the highest lower end and the one with the lowest
    // upper end: if those two fit, every pair fits.
    uint32_t top = list.front();
    uint32_t bottom = top;
    bool several_articles = false;
    for (uint32_t m : list) {
      several_articles |= mentions[m].doc != mentions[list.front()].doc;
      if (LowerEnd(mentions[m].n) > LowerEnd(mentions[top].n)) top = m;
      if (UpperEnd(mentions[m].n) < UpperEnd(mentions[bottom].n)) bottom = m;
      components->Join(list.front(), m, false);
    }
    if (several_articles && mentions[top].doc != mentions[bottom].doc &&
        !ValuesCompatible(mentions[top].n, mentions[bottom].n)) {
      components->Join(top, bottom, true);
    }
  }
}

// The same figure in the same slot, as far as pairing can tell.
bool SameFigure(const Mention& x, const Mention& y) {
  const ExtractedNumber& a = x.n;
  const ExtractedNumber& b = y.n;
  return x.unit_id == y.unit_id && x.counts_id == y.counts_id && a.value == b.value && a.high == b.high &&
         a.precision == b.precision && a.part == b.part && a.approx == b.approx;
}

// Pairs the numbers of two aligned sentences: values both give first (the
// same what before any other), then the values that differ in one slot.
// `used` is scratch space.
void PairMentions(const NumberSentence& a, const NumberSentence& b, const std::vector<Mention>& mentions,
                  Components* components, std::vector<uint8_t>* used) {
  const size_t na = a.mentions.size(), nb = b.mentions.size();
  // Two sentences giving the same figures in the same order (a copied
  // sentence, a light rewrite): the passes below would pair each figure with
  // its twin, and no pair conflicts. Linear instead of quadratic.
  if (na == nb) {
    size_t i = 0;
    while (i < na && SameFigure(mentions[a.mentions[i]], mentions[b.mentions[i]]) &&
           ValuesCompatible(mentions[a.mentions[i]].n, mentions[b.mentions[i]].n)) {
      ++i;
    }
    if (i == na) {
      for (i = 0; i < na; ++i) {
        if (SameSlot(mentions[a.mentions[i]], mentions[b.mentions[i]]))
          components->Join(a.mentions[i], b.mentions[i], false);
      }
      return;
    }
  }
  used->assign(na + nb, 0);
  uint8_t* used_a = used->data();
  uint8_t* used_b = used->data() + na;
  auto pass = [&](bool compatible, bool same_counts) {
    for (size_t i = 0; i < na; ++i) {
      if (used_a[i]) continue;
      const Mention& mx = mentions[a.mentions[i]];
      const ExtractedNumber& x = mx.n;
      if (!compatible && x.part) continue;
      for (size_t j = 0; j < nb; ++j) {
        const Mention& my = mentions[b.mentions[j]];
        const ExtractedNumber& y = my.n;
        if (used_b[j] || !SameSlot(mx, my) || (same_counts && mx.counts_id != my.counts_id)) continue;
        if (!compatible && y.part) continue;
        if (compatible != ValuesCompatible(x, y)) continue;
        used_a[i] = used_b[j] = 1;
        components->Join(a.mentions[i], b.mentions[j], !compatible);
        break;
      }
    }
  };
  pass(true, true);
  pass(true, false);
  pass(false, true);
  pass(false, false);
}

// A claim's value as a reader can check it: as written, with the
// approximation before it; money and figures without their unit also in
// normal form ("15 billion EUR (€15bn)", "12 people" for "killing 12").
std::string ShowValue(const ExtractedNumber& n) {
  std::string shown = n.approx.empty() ? "" : n.approx + " ";
  bool money = n.unit.size() == 3 && IsAsciiUpper(n.unit[0]) && IsAsciiUpper(n.unit[2]);
  bool bare = std::none_of(n.text.begin(), n.text.end(), [](char c) { return IsAsciiAlpha(c); });
  if (!money && !bare) return shown + n.text;
  std::string normal = FormatQuantity(n.value, n.high > n.value ? "" : n.unit);
  if (n.high > n.value) normal += " to " + FormatQuantity(n.high, n.unit);
  shown += normal;
  if (money && n.text != normal) shown += " (" + n.text + ")";
  return shown;
}

struct ClaimBuild {
  report::Claim claim;
  double value = 0;
  int64_t first = 0, last = 0;
  bool timed = true;
};

// Claims in time order with their times when the figure only rose over
// time; false (claims untouched) otherwise.
bool MakeUpdate(std::vector<ClaimBuild>* claims) {
  for (const ClaimBuild& c : *claims) {
    if (!c.timed) return false;
  }
  std::sort(claims->begin(), claims->end(),
            [](const ClaimBuild& a, const ClaimBuild& b) { return a.first < b.first; });
  for (size_t i = 1; i < claims->size(); ++i) {
    const ClaimBuild& before = (*claims)[i - 1];
    const ClaimBuild& after = (*claims)[i];
    if (!(after.value > before.value && after.first > before.last)) return false;
  }
  return true;
}

// One conflict from a component of linked mentions.
bool MakeConflict(const std::vector<uint32_t>& members, const std::vector<Mention>& mentions,
                  const std::vector<const Document*>& docs, report::Conflict* out) {
  std::map<std::string, ClaimBuild> claims;  // by shown value
  std::map<std::string, int> counts;
  std::string unit;
  bool english_unit = false;  // a story in several languages names it in English where it can
  for (uint32_t m : members) {
    const Mention& x = mentions[m];
    if (x.n.part) continue;
    const bool english = IsEnglish(docs[x.doc]->lang);
    if (!english_unit || english) unit = x.n.unit;
    english_unit |= english;
    if (!x.n.counts.empty()) counts[x.n.counts] += KnownCount(x.n.counts) ? 100 : 1;
    ClaimBuild& c = claims[ShowValue(x.n)];
    const std::string& id = docs[x.doc]->article->id;
    const auto& published = docs[x.doc]->article->published;
    if (c.claim.articles.empty()) {
      c.claim.value = ShowValue(x.n);
      c.value = x.n.value;
      c.first = published.value_or(0);
      c.last = published.value_or(0);
    }
    if (std::find(c.claim.articles.begin(), c.claim.articles.end(), id) == c.claim.articles.end()) {
      c.claim.articles.push_back(id);
    }
    c.timed = c.timed && published.has_value();
    if (published) {
      c.first = std::min(c.first, *published);
      c.last = std::max(c.last, *published);
    }
  }
  if (claims.size() < 2) return false;
  std::string what;
  int best = 0;
  for (const auto& [w, n] : counts) {
    if (n > best) {
      best = n;
      what = w;
    }
  }
  out->kind = "number";
  out->subject = "figure for " + (what.empty() ? unit : what);
  if (!what.empty() && !unit.empty() && unit != "people" && what != unit) out->subject += " (" + unit + ")";
  std::vector<ClaimBuild> list;
  list.reserve(claims.size());
  for (auto& [k, c] : claims) list.push_back(std::move(c));
  out->update = Cumulative(what) && MakeUpdate(&list);
  if (!out->update) {
    std::stable_sort(list.begin(), list.end(), [](const ClaimBuild& a, const ClaimBuild& b) {
      return a.claim.articles.size() > b.claim.articles.size();
    });
  }
  for (ClaimBuild& c : list) {
    if (out->update) out->published.push_back(c.first);
    out->claims.push_back(std::move(c.claim));
  }
  return true;
}

// Each quantity once: the same value, unit and approximation, counting the
// same thing where both say what they count.
// The English stems a number's unit may stand for in a story of several
// languages: its own in an English article, its dictionary translations
// (text/translate.h) in another ("ركاب", "pasajeros": passengers).
std::vector<uint64_t> UnitStems(const Mention& m, const std::vector<const Document*>& docs) {
  std::vector<uint64_t> out;
  if (m.n.unit.empty()) return out;
  const std::string& lang = docs[m.doc]->lang;
  if (IsEnglish(lang)) {
    out.push_back(Hash64(Stem(m.n.unit, "en")));
  } else if (const PivotDictionary* dict = PivotDictionaryFor(lang)) {
    for (const PivotTerm& t : dict->Lookup(Hash64(Stem(m.n.unit, lang)))) out.push_back(t.stem);
  }
  return out;
}

// `translated`: pairs of mentions a translation and its source give in
// turn (TranslatedNumbers), one quantity whatever their units' words.
std::vector<report::Number> GroupMentions(const std::vector<Mention>& mentions,
                                          const std::vector<const Document*>& docs,
                                          const std::vector<std::pair<uint32_t, uint32_t>>& translated) {
  std::vector<report::Number> out;
  std::unordered_multimap<uint32_t, uint32_t> partners;
  for (const auto& [x, y] : translated) {
    partners.emplace(x, y);
    partners.emplace(y, x);
  }
  std::vector<size_t> number_of(mentions.size(), SIZE_MAX);  // mention -> its entry of `out`
  std::unordered_map<std::string, std::vector<size_t>> buckets;
  // Several languages: units are compared by their English stems, so the
  // bucket leaves them out.
  bool mixed = false;
  for (const Document* d : docs) mixed |= d->lang != docs.front()->lang;
  std::vector<std::vector<uint64_t>> stems_of;  // per number of `out`, when mixed
  for (uint32_t mi = 0; mi < mentions.size(); ++mi) {
    const Mention& m = mentions[mi];
    const ExtractedNumber& n = m.n;
    // "about $18bn" is the $18 billion others give; "more than 50,000" is not 50,000.
    bool bound = !n.approx.empty() && n.approx != "about" && n.approx != "nearly";
    std::string k(reinterpret_cast<const char*>(&n.value), sizeof n.value);
    k.append(reinterpret_cast<const char*>(&n.high), sizeof n.high);
    k += (mixed ? std::string() : n.unit) + "|" + (bound ? n.approx : "") + (n.unit.empty() ? "|" + n.counts : "");
    std::vector<size_t>& bucket = buckets[k];
    const std::vector<uint64_t> stems = mixed ? UnitStems(m, docs) : std::vector<uint64_t>();
    auto same_unit = [&](size_t i) {
      if (out[i].unit == n.unit) return true;
      const auto [first, last] = partners.equal_range(mi);
      if (std::any_of(first, last, [&](const auto& p) { return number_of[p.second] == i; })) return true;
      if (!mixed || out[i].unit.empty() || n.unit.empty()) return false;
      return std::any_of(stems.begin(), stems.end(), [&](uint64_t s) {
        return std::find(stems_of[i].begin(), stems_of[i].end(), s) != stems_of[i].end();
      });
    };
    report::Number* same = nullptr;
    for (size_t i : bucket) {
      if (mixed && !same_unit(i)) continue;
      // What a number counts is worded differently by each outlet ("12-day
      // war", "12-day conflict"); only known, different counts stay apart.
      const std::string& c = out[i].counts;
      if (c == n.counts || c.empty() || n.counts.empty() ||
          !(KnownCount(c) && KnownCount(n.counts)))
        same = &out[i];
      if (same) break;
    }
    if (!same) {
      bucket.push_back(out.size());
      out.push_back({n.value, n.unit, n.what, n.text, {}, n.counts, n.approx, n.high});
      if (mixed) stems_of.emplace_back();
      same = &out.back();
    }
    if (mixed) {
      std::vector<uint64_t>& own = stems_of[static_cast<size_t>(same - out.data())];
      own.insert(own.end(), stems.begin(), stems.end());
    }
    if (same->counts.empty() && !n.counts.empty()) {
      same->counts = n.counts;
      same->what = n.what;
    }
    if (same->what.empty()) same->what = n.what;
    number_of[mi] = static_cast<size_t>(same - out.data());
    const std::string& id = docs[m.doc]->article->id;
    if (std::find(same->articles.begin(), same->articles.end(), id) == same->articles.end()) {
      same->articles.push_back(id);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const report::Number& a, const report::Number& b) {
    return a.articles.size() > b.articles.size();
  });
  return out;
}

// Units a translator may convert ("10 miles", "16 km"; "two hours", "120
// minutes"; money, shares): a number in one of them is compared only with
// one in the same unit. Folded, singular, in the languages rashomon reads.
bool MeasureUnit(const std::string& unit) {
  static const std::unordered_set<std::string> kUnits = [] {
    std::unordered_set<std::string> folded;
    for (const char* u : {
      "km", "kilometre", "kilometer", "kilómetro", "kilometro", "chilometro", "mile", "milla", "miglio", "mijl",
      "metre", "meter", "metro", "feet", "foot", "pie", "piede", "voet", "inch", "cm", "mm", "kg", "kilogram",
      "kilo", "kilogramo", "chilogrammo", "pound", "lb", "libra", "ton", "tonne", "tonelada", "tonnellata",
      "gallon", "galón", "litre", "liter", "litro", "acre", "hectare", "hectárea", "ettaro", "celsius",
      "fahrenheit", "degree", "grado", "graad", "mph", "knot", "nudo", "hour", "hora", "ora", "uur", "stunde",
      "minute", "minuto", "minuut", "second", "segundo", "secondo", "seconde", "day", "día", "dia", "giorno",
      "dag", "week", "semana", "settimana", "month", "mes", "mese", "maand", "year", "año", "anno", "jaar",
      "jahr", "%"}) {
      folded.insert(FoldForMatch(u));
    }
    return folded;
  }();
  if (unit.size() == 3 && std::all_of(unit.begin(), unit.end(), IsAsciiUpper)) {
    return true;  // a currency code
  }
  return kUnits.count(FoldForMatch(unit)) > 0;
}

// The digits of a number written in digits ("212", "$18.5bn" -> "185",
// "1.442,82" -> "144282"); empty for one written in words ("forty",
// "quattro") or with more than a currency sign in front.
std::string DigitsOf(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && i < 4 && !IsAsciiDigit(text[i])) ++i;
  std::string out;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (IsAsciiDigit(c)) {
      out.push_back(c);
    } else if (!((c == '.' || c == ',') && i + 1 < text.size() && IsAsciiDigit(text[i + 1]))) {
      break;
    }
  }
  return out;
}

// Whether the digits of b are those of a with one digit changed or two
// next to each other swapped ("212" / "221", "486,18" / "468,18"): how a
// figure goes wrong in copying, where two numbers that merely fill the same
// place in two sentences ("16 novembre", "85 aniversario") differ in more.
bool OneDigitSlip(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.size() < 2 || a == b) return false;
  std::vector<size_t> diff;
  for (size_t k = 0; k < a.size(); ++k) {
    if (a[k] != b[k]) diff.push_back(k);
  }
  if (diff.size() == 1) return true;
  return diff.size() == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]];
}

// The numbers of statements a translation and its source state in turn,
// paired in order where they agree (in value, or in digits where the two
// languages read them differently) but for at most one, whose digits
// slipped (see AnalyzeNumbers).
struct TranslatedPairs {
  std::vector<std::pair<uint32_t, uint32_t>> same;     // mentions, equal values
  std::vector<std::pair<uint32_t, uint32_t>> slipped;  // the figure the translation changed
};

TranslatedPairs TranslatedNumbers(const std::vector<const Document*>& docs,
                                  const std::vector<TranslationPair>& translations, const std::vector<Mention>& mentions) {
  TranslatedPairs out;
  if (translations.empty()) return out;
  constexpr size_t kMaxNumbers = 6;  // per statement
  std::map<std::pair<uint32_t, uint32_t>, std::vector<uint32_t>> in_sentence;  // (doc, sentence) -> mentions
  for (uint32_t m = 0; m < mentions.size(); ++m) in_sentence[{mentions[m].doc, mentions[m].n.sentence}].push_back(m);
  static const std::vector<uint32_t> kNone;
  auto numbers = [&](uint32_t doc, uint32_t sentence) -> const std::vector<uint32_t>& {
    auto it = in_sentence.find({doc, sentence});
    return it == in_sentence.end() ? kNone : it->second;
  };
  for (const TranslationPair& t : translations) {
    const SentenceAnchorList from = AnchorsOfSentences(*docs[t.from]);
    const SentenceAnchorList to = AnchorsOfSentences(*docs[t.to]);
    for (const auto& [i, j] : AlignTranslatedStatements(from, to)) {
      const std::vector<uint32_t>& a = numbers(t.from, i);
      const std::vector<uint32_t>& b = numbers(t.to, j);
      if (a.empty() || a.size() != b.size() || a.size() > kMaxNumbers) continue;
      size_t changed = a.size();  // the one position whose digits slipped
      bool other = false;         // a position that differs otherwise
      for (size_t k = 0; k < a.size() && !other; ++k) {
        const ExtractedNumber& x = mentions[a[k]].n;
        const ExtractedNumber& y = mentions[b[k]].n;
        const std::string dx = DigitsOf(x.text), dy = DigitsOf(y.text);
        if (ValuesCompatible(x, y) || (!dx.empty() && dx == dy)) continue;
        const bool slip = OneDigitSlip(dx, dy) && x.precision == y.precision &&
                          (!(MeasureUnit(x.unit) || MeasureUnit(y.unit)) || FoldForMatch(x.unit) == FoldForMatch(y.unit));
        if (slip && changed == a.size()) {
          changed = k;
        } else {
          other = true;
        }
      }
      if (other) continue;
      for (size_t k = 0; k < a.size(); ++k) {
        if (k == changed) {
          out.slipped.emplace_back(a[k], b[k]);
        } else if (mentions[a[k]].n.value == mentions[b[k]].n.value && mentions[a[k]].n.high == mentions[b[k]].n.high) {
          out.same.emplace_back(a[k], b[k]);
        }
      }
    }
  }
  return out;
}

}  // namespace

StoryNumbers AnalyzeNumbers(const std::vector<const Document*>& docs, const std::vector<TranslationPair>& translations) {
  StoryNumbers result;
  std::vector<Mention> mentions;
  std::vector<NumberSentence> sentences;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    std::map<uint32_t, std::vector<uint32_t>> by_sentence;
    for (ExtractedNumber& n : ExtractNumbers(*docs[d])) {
      by_sentence[n.sentence].push_back(static_cast<uint32_t>(mentions.size()));
      mentions.push_back({d, std::move(n)});
    }
    for (auto& [s, own] : by_sentence) {
      NumberSentence ns;
      ns.doc = d;
      ns.sketch = MaskedSketch(*docs[d], s, mentions, own);
      ns.mentions = std::move(own);
      sentences.push_back(std::move(ns));
    }
  }
  NumberSlots(&mentions);
  const TranslatedPairs translated = TranslatedNumbers(docs, translations, mentions);
  result.numbers = GroupMentions(mentions, docs, translated.same);
  IdfTable idf;
  for (const NumberSentence& s : sentences) idf.Add(s.sketch);
  for (NumberSentence& s : sentences) idf.Weigh(&s.sketch);
  Components components(mentions.size());
  const float threshold = kParaphraseThreshold * kAlignShare;
  // Each sentence's counterpart in another article is its best match
  // there, and only a mutual best pair states the same claim: "a fire at
  // another mine killed 30" also resembles "the collapse killed 12", less
  // than the article's own account of the collapse does.
  struct Aligned {
    uint32_t i, j;
    float score;
  };
  std::vector<Aligned> aligned;
  std::map<std::pair<uint32_t, uint32_t>, float> best;  // (sentence, other doc) -> best score
  for (const auto& [i, j] : CandidatePairs(sentences)) {
    const NumberSentence& a = sentences[i];
    const NumberSentence& b = sentences[j];
    bool shared_unit = false;
    for (uint32_t x : a.mentions) {
      for (uint32_t y : b.mentions) shared_unit |= SameSlot(mentions[x], mentions[y]);
    }
    if (!shared_unit) continue;
    float score = SentenceSimilarity(a.sketch, b.sketch, idf);
    if (score < threshold) continue;
    aligned.push_back({i, j, score});
    float& bi = best[{i, b.doc}];
    float& bj = best[{j, a.doc}];
    bi = std::max(bi, score);
    bj = std::max(bj, score);
  }
  std::vector<uint8_t> used;
  for (const Aligned& p : aligned) {
    if (p.score < best[{p.i, sentences[p.j].doc}] || p.score < best[{p.j, sentences[p.i].doc}])
      continue;
    PairMentions(sentences[p.i], sentences[p.j], mentions, &components, &used);
  }
  LinkCountsOfPeople(mentions, &components);
  for (const auto& [x, y] : translated.slipped) components.Join(x, y, true);
  std::map<uint32_t, std::vector<uint32_t>> groups;  // by root, in mention order
  for (uint32_t m = 0; m < mentions.size(); ++m) {
    if (components.Conflicting(m)) groups[components.Find(m)].push_back(m);
  }
  std::vector<std::pair<uint32_t, report::Conflict>> found;
  for (const auto& [root, members] : groups) {
    report::Conflict c;
    if (MakeConflict(members, mentions, docs, &c))
      found.emplace_back(members.front(), std::move(c));
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [first, c] : found) result.conflicts.push_back(std::move(c));
  return result;
}

}  // namespace rashomon
