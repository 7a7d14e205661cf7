#include "analysis/quotes.h"

#include <algorithm>
#include <unordered_set>

#include "base/hash.h"
#include "base/sorted.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "analysis/names.h"
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
      "criticized", "criticised", "warning", "saying", "adding", "telling"};
  return *set;
}

// Forward declaration: Word is defined below.
struct Word;
bool IsCue(const Word& w);

bool IsTitle(const std::string& w) { return IsTitleWord(w); }

bool IsPronoun(std::string_view w) {
  return w == "he" || w == "she" || w == "they" || w == "i" || w == "we";
}

struct Word {
  uint32_t begin, end;  // in the paragraph's document text
  std::string folded;
  bool capitalized;
};

bool IsCue(const Word& w) { return !w.capitalized && CueWords().count(w.folded) > 0; }

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
  return kFiller.count(w) > 0;
}

// Speaker written right before a cue at words[cue]: "X Y said".
std::string NameBefore(std::string_view text, const std::vector<Word>& words, size_t cue) {
  size_t e = cue;
  while (e > 0 && IsSpeechFiller(words[e - 1].folded) && Joined(text, words, e)) --e;
  // An appositive between the name and the verb: "Soroush, who lives in
  // Tehran, told", or a name in commas: "another resident, Mariam, said".
  bool appositive = false;
  if (e > 0 && e < words.size() && !Joined(text, words, e) && text.substr(words[e - 1].end, 1) == ",") {
    appositive = words[e - 1].capitalized;
    for (size_t k = e - 1; k > 0 && k + 14 > e; --k) {
      if ((words[k].folded == "who" || words[k].folded == "which") && words[k - 1].capitalized &&
          text.substr(words[k - 1].end, 1) == ",") {
        e = k;
        appositive = true;
        break;
      }
    }
  }
  size_t b = e;
  while (b > 0) {
    const Word& w = words[b - 1];
    bool connects = b < e && (IsParticle(w.folded) || (w.folded == "of" && words[b].capitalized));
    bool adjacent = b == e ? (appositive || e >= words.size() || Joined(text, words, e)) : Joined(text, words, b);
    bool function_word = !connects && IsStopword(w.folded, "en");  // "But Trump said"
    if ((w.capitalized || connects) && adjacent && !function_word) {
      --b;
    } else {
      break;
    }
  }
  while (b < e && (IsParticle(words[b].folded) || words[b].folded == "of") && !words[b].capitalized) ++b;
  if (b == e) {
    // "the woman said", "one resident told": a short descriptive subject.
    if (e >= 2 && (words[e - 2].folded == "the" || words[e - 2].folded == "a" ||
                   words[e - 2].folded == "one" || words[e - 2].folded == "another") &&
        !words[e - 1].capitalized) {
      return std::string(text.substr(words[e - 2].begin, words[e - 1].end - words[e - 2].begin));
    }
    if (e >= 1 && IsPronoun(words[e - 1].folded)) return std::string(words[e - 1].folded);
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
    auto joined = [&](size_t k) {  // words[k-1] and words[k] separated by spaces only
      for (uint32_t c = words[k - 1].end; c < words[k].begin; ++c) {
        if (text[c] != ' ') return false;
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
      else if (cp == 0x300C) closes = c2 == 0x300D;
      else if (cp == '"') closes = c2 == '"';
      else if (cp == '\'' || cp == 0x2018 || cp == 0x201A) {
        // A closing single mark is not followed by a letter (not an apostrophe).
        if (c2 == '\'' || c2 == 0x2019) {
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
  // Every "Name <cue>" in the article (quoted or reported speech), in text
  // order: the antecedents for "he said".
  std::vector<std::pair<uint32_t, std::string>> subjects;
  for (const Sentence& sent : doc.sentences) {
    std::vector<Word> words = WordsOf(text, sent.begin, sent.end);
    for (size_t k = 0; k < words.size(); ++k) {
      if (!IsCue(words[k])) continue;
      std::string name = NameBefore(text, words, k);
      if (name.empty() || IsPronoun(FoldForMatch(name)) || name.rfind("the ", 0) == 0 ||
          name.rfind("a ", 0) == 0 || name.rfind("one ", 0) == 0) {
        continue;
      }
      subjects.emplace_back(words[k].begin, name);
    }
  }
  auto subject_before = [&](uint32_t pos) -> std::string {
    std::string found;
    for (const auto& [at, name] : subjects) {
      if (at >= pos) break;
      found = name;
    }
    return found;
  };
  for (size_t pi = 0; pi < doc.paragraphs.size(); ++pi) {
    const Paragraph& p = doc.paragraphs[pi];
    if (p.heading || p.first_sentence == p.sentence_end) continue;
    for (auto [qb, qe] : QuoteSpans(text, p.begin, p.end)) {
      std::string_view inner = TrimAscii(text.substr(qb, qe - qb));
      std::vector<Word> quoted = WordsOf(text, qb, qe);
      if (static_cast<int>(quoted.size()) < options.min_words ||
          static_cast<int>(quoted.size()) > options.max_words) {
        continue;
      }
      ExtractedQuote q;
      q.begin = qb;
      q.end = qe;
      // Trailing punctuation the writer put inside the marks.
      while (!inner.empty() && (inner.back() == ',' || inner.back() == ' ')) inner.remove_suffix(1);
      q.text = std::string(inner);
      for (uint32_t s = p.first_sentence; s < p.sentence_end; ++s) {
        if (doc.sentences[s].begin <= qb && qb < doc.sentences[s].end) q.sentence = s;
      }
      // Context: the clause after the quote up to the next sentence end or
      // quote, and the sentence before it.
      const Sentence& sent = doc.sentences[q.sentence];
      // A quote of several sentences: its attribution follows the sentence
      // holding the closing mark; a quote ending in "?" or "!" may be cut
      // off from its "he asked" by the sentence splitter, so the clause
      // after the mark runs to the end of the sentence that holds it.
      uint32_t close_len = 0;
      {
        char32_t cp;
        close_len = qe < p.end ? static_cast<uint32_t>(DecodeUtf8(text, qe, &cp)) : 0;
      }
      uint32_t after_begin = std::min(p.end, qe + close_len);
      uint32_t after_end = std::min(p.end, std::max(sent.end, qe + 1));
      {
        uint32_t probe = after_begin;
        while (probe < p.end && (text[probe] == ' ' || text[probe] == ',')) ++probe;
        for (uint32_t s = q.sentence; s < p.sentence_end; ++s) {
          const Sentence& later = doc.sentences[s];
          if (later.begin <= probe && probe < later.end) after_end = std::max(after_end, later.end);
          if (later.begin > probe) break;
        }
        after_end = std::min(after_end, p.end);
      }
      std::vector<Word> after = WordsOf(text, after_begin, after_end);
      std::vector<Word> before = WordsOf(text, std::min(sent.begin, qb), qb);
      std::string speaker, cue;
      // A signed quote: "“…” ― Name" (a dash, then the name).
      {
        uint32_t k = after_begin;
        while (k < after_end && text[k] == ' ') ++k;
        char32_t cp = 0;
        if (k < after_end) {
          size_t len = DecodeUtf8(text, k, &cp);
          if ((IsDash(cp) || cp == '-') && !after.empty() && after[0].capitalized && after[0].begin > k &&
              after[0].begin <= k + len + 2) {
            speaker = NameStartingAt(text, after, 0);
            if (!speaker.empty()) cue = "—";
          }
        }
      }
      // After: ", X said" / ", said X" / ", according to X" (first few words).
      for (size_t k = 0; k < after.size() && k < 8 && speaker.empty(); ++k) {
        if (after[k].folded == "according" && k + 1 < after.size() && after[k + 1].folded == "to") {
          speaker = NameAfter(text, after, k + 1);
          cue = "according to";
        } else if (IsCue(after[k])) {
          speaker = NameBefore(text, after, k);
          // "said X" (inverted); never after "told", which names the listener.
          if (speaker.empty() && after[k].folded != "told" && after[k].folded != "tells") {
            speaker = NameAfter(text, after, k);
          }
          // "the woman, who requested anonymity, told ...": a described speaker.
          if (speaker.empty() && after.size() >= 2 && !after[1].capitalized &&
              (after[0].folded == "the" || after[0].folded == "a" || after[0].folded == "one" ||
               after[0].folded == "another")) {
            speaker = std::string(text.substr(after[0].begin, after[1].end - after[0].begin));
          }
          cue = after[k].folded;
        }
      }
      // Before: "X said: ..." / "X told reporters ..." / "X: '...'".
      if (speaker.empty() && !before.empty()) {
        for (size_t k = before.size(); k-- > 0 && speaker.empty();) {
          if (IsCue(before[k])) {
            const std::string& f = before[k].folded;
            if (f.size() > 4 && f.compare(f.size() - 3, 3, "ing") == 0) {
              // "..., warning that": the subject of the sentence's main verb.
              for (const auto& [at, name] : subjects) {
                if (at >= sent.begin && at < before[k].begin) speaker = name;
              }
            } else {
              speaker = NameBefore(text, before, k);
            }
            cue = f;
          } else if (before[k].folded == "to" && k > 0 && before[k - 1].folded == "according") {
            speaker = NameAfter(text, before, k);
            cue = "according to";
          }
        }
        // "Araghchi: 'Nuclear enrichment is ...'": a name then a colon.
        if (speaker.empty()) {
          std::string_view lead = TrimAscii(text.substr(before.back().end, qb - before.back().end));
          if (!lead.empty() && lead[0] == ':' && before.size() <= 4 && before.back().capitalized) {
            speaker = NameBefore(text, before, before.size());
            cue = ":";
          }
        }
      }
      // "Caddell continued:" or "He said:" closing the paragraph before one
      // that opens with the quote.
      if (speaker.empty() && pi > 0 && TrimAscii(text.substr(p.begin, qb - p.begin)).size() <= 3) {
        const Paragraph& prev = doc.paragraphs[pi - 1];
        std::string_view lead = TrimAscii(text.substr(prev.begin, prev.end - prev.begin));
        // (Such a short line may have been taken for a heading.)
        if (!lead.empty() && lead.back() == ':') {
          uint32_t from = prev.begin;
          for (uint32_t s = prev.first_sentence; s < prev.sentence_end; ++s) from = doc.sentences[s].begin;
          std::vector<Word> intro = WordsOf(text, from, prev.end);
          for (size_t k = intro.size(); k-- > 0 && speaker.empty();) {
            if (!IsCue(intro[k])) continue;
            speaker = NameBefore(text, intro, k);
            if (!speaker.empty()) cue = intro[k].folded;
          }
        }
      }
      if (!speaker.empty() && IsPronoun(FoldForMatch(speaker))) {
        // "he said": the person last named in this or the previous sentence,
        // else the last speaker.
        q.pronoun = true;
        // The person last named in this or the previous sentence if any,
        // else the last subject of a speech verb, else the last speaker.
        uint32_t from = q.sentence > 0 ? doc.sentences[q.sentence - 1].begin : sent.begin;
        std::string named = LastNameMention(text, from, qb);
        std::string subject = subject_before(qb);
        // A speech-verb subject in this very sentence wins ("Araghchi
        // criticised what he called ...").
        bool subject_here = false;
        for (const auto& [at, name] : subjects) subject_here |= at >= sent.begin && at < qb;
        if (subject_here) {
          speaker = subject;
        } else {
          speaker = !named.empty() ? named : (!subject.empty() ? subject : last_speaker);
        }
      }
      // A second quote in the paragraph that names nobody continues the
      // previous speaker: "“…,” said X. “…”".
      if (speaker.empty() && !out.empty() && out.back().end >= p.begin && out.back().end <= p.end &&
          !out.back().speaker.empty()) {
        speaker = out.back().speaker;
        cue = out.back().cue;
      }
      if (!speaker.empty() && !IsPronoun(FoldForMatch(speaker))) last_speaker = speaker;
      q.speaker = speaker;
      q.cue = cue;
      // Locate the speaker's words: the pronoun, or the name, nearest to the quote.
      {
        std::vector<Word> around = WordsOf(text, std::min(sent.begin, qb), std::max({sent.end, qe, after_end}));
        uint32_t best_dist = UINT32_MAX;
        std::string want = FoldForMatch(q.speaker);
        size_t want_words = want.empty() ? 0 : static_cast<size_t>(std::count(want.begin(), want.end(), ' ') + 1);
        for (size_t k = 0; k < around.size() && (!want.empty() || q.pronoun); ++k) {
          if (around[k].begin >= qb && around[k].end <= qe) continue;  // inside the quote
          bool hit = false;
          uint32_t e = around[k].end;
          if (q.pronoun) {
            hit = IsPronoun(around[k].folded);
          } else if (k + want_words <= around.size()) {
            e = around[k + want_words - 1].end;
            hit = FoldForMatch(text.substr(around[k].begin, e - around[k].begin)) == want;
          }
          if (!hit) continue;
          uint32_t dist = around[k].begin > qe ? around[k].begin - qe : qb - std::min(qb, e);
          if (dist < best_dist) {
            best_dist = dist;
            q.speaker_begin = around[k].begin;
            q.speaker_end = e;
          }
        }
        // Named earlier (a continued or pronoun-resolved speaker): its last
        // mention before the quote.
        if (q.speaker_end == q.speaker_begin && !q.pronoun && !want.empty()) {
          std::vector<Word> earlier = WordsOf(text, 0, qb);
          for (size_t k = earlier.size(); k-- > 0;) {
            if (k + want_words > earlier.size()) continue;
            uint32_t e = earlier[k + want_words - 1].end;
            if (FoldForMatch(text.substr(earlier[k].begin, e - earlier[k].begin)) == want) {
              q.speaker_begin = earlier[k].begin;
              q.speaker_end = e;
              break;
            }
          }
        }
      }
      out.push_back(std::move(q));
    }
  }
  return out;
}

}  // namespace rashomon
