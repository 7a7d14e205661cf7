#include "analysis/caseless_speakers.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "analysis/caseless_discovery.h"
#include "analysis/caseless_names.h"
#include "analysis/entities.h"
#include "analysis/entity_merge.h"
#include "analysis/speech_verbs.h"
#include "base/utf8.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

using WordSet = std::unordered_set<std::string>;

WordSet Folded(std::initializer_list<const char*> words) { return FoldedWords(words); }

// Words for "according to"; the speech verbs of speech_verbs.h ("ar")
// other than these, and a few more of each script.
const WordSet& AccordingTo() {
  static const auto* set = new WordSet(Folded({"حسب", "بحسب", "وحسب", "وبحسب", "وفق", "وفقا", "ووفقا", "طبقا",
                                               "לדברי", "ולדברי", "לפי", "ולפי"}));
  return *set;
}

const WordSet& MoreVerbs() {
  static const auto* set = new WordSet(Folded({
      "يقول", "تقول", "ويقول", "وتقول", "تابع", "تابعت", "وتابع", "وتابعت", "أشار", "أشارت", "وأشار", "وأشارت",
      "أعلن", "أعلنت", "وأعلن", "وأعلنت", "ذكر", "ذكرت", "وذكر", "وذكرت", "صرحت", "وصرحت", "أوضحت", "وأوضحت",
      "אמר", "אמרה", "אמרו", "ואמר", "ואמרה", "הוסיף", "הוסיפה", "והוסיף", "והוסיפה", "ציין", "ציינה", "וציין",
      "וציינה", "הודיע", "הודיעה", "הסביר", "הסבירה", "טען", "טענה", "מסר", "מסרה", "הדגיש", "הדגישה"}));
  return *set;
}

// Prefix letters that make the word after a verb an object, not the
// subject ("قال لكالفاني", "said to Kalvani"): Arabic bi, li, ka; Hebrew
// be, le, ke, mi.
bool PrepositionPrefix(std::string_view skipped) {
  if (skipped.empty()) return false;
  char32_t first = 0;
  DecodeUtf8(skipped, 0, &first);
  switch (first) {
    case U'\u0628': case U'\u0644': case U'\u0643':
    case U'\u05D1': case U'\u05DC': case U'\u05DB': case U'\u05DE':
      return true;
    default:
      return false;
  }
}

struct Found {
  bool named = false;    // a mention of a name
  bool pronoun = false;  // no subject written: the last speaker
  size_t mention = 0;
  uint32_t verb = UINT32_MAX;  // the cue's token
  uint32_t described = UINT32_MAX;  // the title word of a described subject ("the minister said")
};

class Reader {
 public:
  Reader(const Document& doc, const std::vector<CaselessMention>& mentions) : doc_(doc), mentions_(mentions) {
    // The token holding each mention's first and last byte.
    auto token_at = [&](uint32_t at) {
      auto it = std::upper_bound(doc.tokens.begin(), doc.tokens.end(), at,
                                 [](uint32_t a, const Token& t) { return a < t.begin; });
      return static_cast<uint32_t>(it - doc.tokens.begin()) - 1;  // tokens[0].begin <= every mention
    };
    titles_.resize(mentions.size());
    for (size_t i = 0; i < mentions.size(); ++i) {
      if (doc.tokens.empty() || mentions[i].end <= mentions[i].begin) continue;
      const uint32_t first = token_at(mentions[i].begin);
      starts_[first] = i;
      ends_[token_at(mentions[i].end - 1)] = i;
      // The title written before the name, up to three description words
      // between ("وزير الخارجية كمال دورفان").
      for (uint32_t k = first, back = 0; k-- > 0 && back < 4 && Adjacent(k, k + 1); ++back) {
        titles_[i] = CaselessTitleKey(doc.TokenText(doc.tokens[k]));
        if (!titles_[i].empty()) break;
      }
    }
  }

  // The speaker of the quote at text[qb, qe) of sentence `sentence`, from
  // the speech verbs of its context; `quoted` are spans inside marks.
  Found SpeakerOf(uint32_t sentence, uint32_t qb, uint32_t qe,
                  const std::vector<std::pair<uint32_t, uint32_t>>& quoted) const {
    // The context: the quote's sentence, and the one of its paragraph
    // holding the first word after the closing mark.
    const Sentence& here = doc_.sentences[sentence];
    uint32_t first = here.first_token, last = here.token_end;
    const std::string_view text = doc_.text;
    uint32_t probe = qe;
    if (probe < text.size()) {
      char32_t cp = 0;
      probe += static_cast<uint32_t>(DecodeUtf8(text, probe, &cp));  // the closing mark
    }
    static constexpr std::string_view kArabicComma = "\u060C";
    while (probe < text.size()) {
      if (text[probe] == ' ' || text[probe] == ',') {
        ++probe;
      } else if (text.substr(probe, kArabicComma.size()) == kArabicComma) {
        probe += static_cast<uint32_t>(kArabicComma.size());
      } else {
        break;
      }
    }
    for (uint32_t s = sentence + 1; s < doc_.sentences.size() && doc_.sentences[s].paragraph == here.paragraph &&
                                    doc_.sentences[s].begin <= probe;
         ++s) {
      if (probe < doc_.sentences[s].end) last = std::max(last, doc_.sentences[s].token_end);
    }
    // Words outside the marks, nearest to the quote first: after it, then before.
    std::vector<uint32_t> order;
    for (uint32_t t = first; t < last; ++t) {
      if (doc_.tokens[t].begin >= qe && !Inside(t, quoted)) order.push_back(t);
    }
    for (uint32_t t = last; t-- > first;) {
      if (doc_.tokens[t].end <= qb && !Inside(t, quoted)) order.push_back(t);
    }
    for (uint32_t t : order) {
      if (!doc_.tokens[t].IsWord()) continue;
      const std::string w = FoldForMatch(doc_.TokenText(doc_.tokens[t]));
      if (AccordingTo().count(w) > 0) {
        Found f = After(t, last, true);
        f.verb = t;
        return f;
      }
      if (MoreVerbs().count(w) > 0 || IsSpeechVerbOf("ar", w)) {
        if (t > first && Adjacent(t - 1, t)) {  // "קלבני אמר": the subject before the verb
          auto it = ends_.find(t - 1);
          if (it != ends_.end()) return {true, false, it->second, t};
        }
        Found f = After(t, last, false);
        f.verb = t;
        return f;
      }
    }
    return {};
  }

 private:
  bool Inside(uint32_t t, const std::vector<std::pair<uint32_t, uint32_t>>& quoted) const {
    return std::any_of(quoted.begin(), quoted.end(), [&](const auto& q) {
      return doc_.tokens[t].begin >= q.first && doc_.tokens[t].end <= q.second;
    });
  }

  // Words t-1 and t separated by spaces only.
  bool Adjacent(uint32_t a, uint32_t b) const {
    for (uint32_t c = doc_.tokens[a].end; c < doc_.tokens[b].begin; ++c) {
      if (doc_.text[c] != ' ') return false;
    }
    return doc_.tokens[a].IsWord() && doc_.tokens[b].IsWord();
  }

  // The subject after the verb (or "according to" word) at token v: a name
  // mention after up to three description words.
  Found After(uint32_t v, uint32_t end, bool according) const {
    uint32_t t = v + 1;
    // "وفقا لـ كالفاني": a lone preposition letter.
    if (according && t + 1 < end && Adjacent(v, t) && CountCodePoints(doc_.TokenText(doc_.tokens[t])) <= 2) ++t;
    if (t >= end || !Adjacent(t - 1, t) || doc_.tokens[t].Is(token_flags::kStopword)) {
      return {false, !according, 0, v};  // "وأضاف أن …", "said, …": no subject written
    }
    for (uint32_t k = t; k < end && k - t < 4; ++k) {
      if (k > t && !Adjacent(k - 1, k)) break;
      auto it = starts_.find(k);
      if (it != starts_.end()) {
        const CaselessMention& m = mentions_[it->second];
        const std::string_view skipped =
            std::string_view(doc_.text).substr(doc_.tokens[k].begin, m.begin - doc_.tokens[k].begin);
        if (!according && PrepositionPrefix(skipped)) break;  // "قال لكالفاني": to whom
        return {true, false, it->second};
      }
      if (doc_.tokens[k].Is(token_flags::kStopword)) break;
    }
    return Described(v, t, end);
  }

  // A described subject ("قال وزير الخارجية", "the foreign minister
  // said"): the last person of the article named after the same title
  // before the verb at v; none when no one was.
  Found Described(uint32_t v, uint32_t t, uint32_t end) const {
    std::string title;
    uint32_t at = t;
    for (; at < end && at - t < 4; ++at) {
      if (at > t && !Adjacent(at - 1, at)) break;
      title = CaselessTitleKey(doc_.TokenText(doc_.tokens[at]));
      if (!title.empty()) break;
    }
    if (title.empty()) return {};
    const uint32_t before = doc_.tokens[v].begin;
    size_t best = mentions_.size();
    for (size_t i = 0; i < mentions_.size(); ++i) {
      if (mentions_[i].end <= before && titles_[i] == title &&
          (best == mentions_.size() || mentions_[i].begin > mentions_[best].begin)) {
        best = i;
      }
    }
    if (best == mentions_.size()) return {};
    return {true, false, best, v, at};
  }

  const Document& doc_;
  const std::vector<CaselessMention>& mentions_;
  std::unordered_map<uint32_t, size_t> starts_, ends_;  // token -> mention starting / ending there
  std::vector<std::string> titles_;  // per mention: CaselessTitleKey of the title before it, or empty
};

}  // namespace

std::unordered_set<std::string> FoldedWords(std::initializer_list<const char*> words) {
  std::unordered_set<std::string> out;
  for (const char* w : words) out.insert(FoldForMatch(w));
  return out;
}

bool IsCaselessSpeechVerb(const std::string& folded) {
  return MoreVerbs().count(folded) > 0 || (IsSpeechVerbOf("ar", folded) && AccordingTo().count(folded) == 0);
}

bool IsCaselessAccordingTo(const std::string& folded) { return AccordingTo().count(folded) > 0; }

CaselessSpeakers::CaselessSpeakers(const std::vector<const Document*>& docs) {
  if (std::none_of(docs.begin(), docs.end(), [](const Document* d) { return HasCaselessWords(*d); })) return;
  std::unordered_map<std::string, size_t> index;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    for (const Mention& m : FindMentions(*docs[d], d)) {
      // A capitalised word opening a sentence or a headline may be no name.
      if (m.headline || m.opener) continue;
      std::vector<std::string> tokens = NameTokens(m.form);
      if (tokens.empty()) continue;
      std::string key;
      for (const std::string& t : tokens) key += t + " ";
      if (index.try_emplace(key, names_.size()).second) {
        names_.push_back(std::move(tokens));
        display_.push_back(m.form);
      }
    }
  }
  // The names the caseless articles' own words give.
  for (FoundCaselessName& n : CaselessNamesBeyond(docs, names_)) {
    names_.push_back(std::move(n.tokens));
    display_.push_back(std::move(n.form));
  }
}

void CaselessSpeakers::Attribute(const Document& doc, uint32_t doc_index, std::vector<ExtractedQuote>* quotes) const {
  if (names_.empty() || quotes->empty() || !HasCaselessWords(doc)) return;
  const CaselessNames caseless(names_);
  const std::vector<CaselessMention> mentions = caseless.Find(doc, doc_index);
  const Reader reader(doc, mentions);
  std::vector<std::pair<uint32_t, uint32_t>> quoted;
  for (const ExtractedQuote& q : *quotes) quoted.emplace_back(q.begin, q.end);
  std::string last;
  for (ExtractedQuote& q : *quotes) {
    Found f;
    if (q.speaker.empty()) {
      f = reader.SpeakerOf(q.sentence, q.begin, q.end, quoted);
      if (f.named) {
        const CaselessMention& m = mentions[f.mention];
        q.speaker = display_[m.name];
        q.speaker_begin = m.begin;
        q.speaker_end = m.end;
        if (f.described < doc.tokens.size()) {  // where the description stands
          q.speaker_begin = doc.tokens[f.described].begin;
          q.speaker_end = doc.tokens[f.described].end;
        }
      } else if (f.pronoun && !last.empty()) {
        q.speaker = last;  // "وأضاف": he added
        q.pronoun = true;
      }
    }
    if (!q.speaker.empty() && q.cue.empty() && f.verb < doc.tokens.size()) {
      q.cue = std::string(doc.TokenText(doc.tokens[f.verb]));
    }
    if (!q.speaker.empty()) last = q.speaker;
  }
}

}  // namespace rashomon
