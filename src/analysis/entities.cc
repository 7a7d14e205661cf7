#include "analysis/entities.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analysis/align.h"
#include "analysis/names.h"
#include "base/strings.h"
#include "base/union_find.h"
#include "base/utf8.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

bool Adjacent(const Document& doc, const Token& a, const Token& b) {
  for (uint32_t c = a.end; c < b.begin; ++c) {
    if (doc.text[c] != ' ') return false;
  }
  return true;
}

// A word token that can be part of a name.
bool TitleToken(const Document& doc, const Token& t) { return IsTitleWord(WordKey(doc.TokenText(t))); }

bool NameToken(const Document& doc, const Token& t) {
  if (t.kind != TokenKind::kWord) return false;
  std::string folded = FoldForMatch(doc.TokenText(t));
  if (IsCalendarWord(folded)) return false;
  // Hyphenated words are adjectives or compounds ("Oman-hosted",
  // "US-Iran"), except a particle joined to a name (below).
  size_t hyphen = folded.find('-');
  if (hyphen != std::string::npos && !IsNameParticle(folded.substr(0, hyphen))) return false;
  if (t.Is(token_flags::kCapitalized) || t.Is(token_flags::kAllCaps)) return !t.Is(token_flags::kStopword) || folded == "us";
  // "al-Shaidi": a lower-case particle joined to a capitalised name.
  size_t dash = folded.find('-');
  if (dash != std::string::npos && IsNameParticle(folded.substr(0, dash))) {
    std::string_view s = doc.TokenText(t);
    char32_t cp;
    if (dash + 1 < s.size()) {
      DecodeUtf8(s, dash + 1, &cp);
      return IsUpperCase(cp);
    }
  }
  return false;
}

std::string NormalizeRole(std::string role) {
  role = CollapseWhitespace(role);
  std::string lower = FoldForMatch(role);
  size_t at = lower.find("advisor");
  if (at != std::string::npos) lower.replace(at, 7, "adviser");
  // Drop a leading article.
  for (const char* a : {"a ", "an ", "the "}) {
    if (lower.rfind(a, 0) == 0) lower = lower.substr(std::string(a).size());
  }
  while (!lower.empty() && (lower.back() == ',' || lower.back() == '.')) lower.pop_back();
  return lower;
}

std::vector<std::string> Tokens(const std::string& form) {
  std::vector<std::string> out;
  std::string folded = FoldForMatch(form);
  // "al-Mansouri" and "Al Mansuri" compare token by token.
  for (char& c : folded) {
    if (c == '-') c = ' ';
  }
  for (std::string_view t : Split(folded, ' ')) {  // Split borrows `folded`
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

// "Iran"/"Iranian", "Israel"/"Israeli": a name and the adjective or
// demonym made from it are different things; "Idris"/"Idriss" are not.
bool DemonymPair(const std::string& x, const std::string& y) {
  const std::string& shorter = x.size() < y.size() ? x : y;
  const std::string& longer = x.size() < y.size() ? y : x;
  if (shorter.size() == longer.size() || longer.rfind(shorter, 0) != 0) return false;
  static const std::set<std::string> kSuffixes = {"i", "n", "ns", "is", "an", "ian", "ians", "ans", "ese", "ish", "ite", "ites", "ist", "ists"};
  return kSuffixes.count(longer.substr(shorter.size())) > 0;
}

}  // namespace

std::string PhoneticKey(const std::string& name) {
  std::string f = FoldForMatch(name);
  std::string s;
  for (char c : f) {
    if (IsAsciiAlpha(c)) s.push_back(c);
  }
  // Digraphs that transliterations swap for one another.
  auto replace_all = [&](const std::string& from, const std::string& to) {
    size_t at = 0;
    while ((at = s.find(from, at)) != std::string::npos) {
      s.replace(at, from.size(), to);
      at += to.size();
    }
  };
  replace_all("tch", "s");
  replace_all("ch", "s");
  replace_all("sh", "s");
  replace_all("zh", "s");
  replace_all("gh", "g");
  replace_all("kh", "k");
  replace_all("ph", "f");
  replace_all("th", "t");
  replace_all("dj", "j");
  std::string out;
  for (char c : s) {
    char m = c;
    switch (c) {
      case 'l': m = 'r'; break;               // l/r swap in transliteration
      case 'z': case 'x': m = 's'; break;
      case 'c': case 'q': m = 'k'; break;
      case 'w': m = 'v'; break;
      case 'y': m = 'i'; break;
      case 'e': case 'i': case 'o': case 'u': m = 'a'; break;  // vowels drift
      default: break;
    }
    if (!out.empty() && out.back() == m) continue;  // doubled letters
    out.push_back(m);
  }
  return out;
}

float KeySimilarity(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return 0;
  size_t d = EditDistance(a, b);
  return 1.0f - static_cast<float>(d) / static_cast<float>(std::max(a.size(), b.size()));
}

std::vector<Mention> FindMentions(const Document& doc, uint32_t doc_index) {
  std::vector<Mention> out;
  static const std::unordered_set<std::string> kPrepositions = {"in", "at", "from", "to", "near", "into", "off", "across", "of"};
  for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    uint32_t t = s.first_token;
    while (t < s.token_end) {
      if (!NameToken(doc, doc.tokens[t])) {
        ++t;
        continue;
      }
      uint32_t b = t, e = t + 1;
      while (e < s.token_end) {
        const Token& x = doc.tokens[e];
        if (!Adjacent(doc, doc.tokens[e - 1], x)) break;
        if (NameToken(doc, x)) {
          ++e;
        } else if (x.kind == TokenKind::kWord &&
                   (IsNameParticle(FoldForMatch(doc.TokenText(x))) || FoldForMatch(doc.TokenText(x)) == "of") &&
                   e + 1 < s.token_end && NameToken(doc, doc.tokens[e + 1]) && Adjacent(doc, x, doc.tokens[e + 1])) {
          // "bin", "al", and "of" inside names: "Ministry of Foreign Affairs".
          e += 2;
        } else {
          break;
        }
      }
      // Everything up to the last title word becomes the role: "Israeli
      // Prime Minister | Benjamin Netanyahu", "White House Chief of Staff |
      // Jared Kushner".
      uint32_t name_b = b;
      bool organisation = false;
      for (uint32_t k = b; k < e; ++k) organisation |= IsOrganisationWord(WordKey(doc.TokenText(doc.tokens[k])));
      for (uint32_t k = b; k + 1 < e && !organisation; ++k) {
        if (TitleToken(doc, doc.tokens[k]) && !TitleToken(doc, doc.tokens[k + 1])) name_b = k + 1;
      }
      // A one-word mention opening its sentence is a name only if the story
      // also writes it capitalised elsewhere (checked by the caller).
      // Lower-case title words just before ("coast guard commander").
      uint32_t role_b = b;
      while (role_b > s.first_token && doc.tokens[role_b - 1].kind == TokenKind::kWord &&
             !doc.tokens[role_b - 1].Is(token_flags::kCapitalized) &&
             TitleToken(doc, doc.tokens[role_b - 1]) && b - role_b < 4) {
        --role_b;
      }
      bool all_titles = name_b + 1 == e && TitleToken(doc, doc.tokens[name_b]);
      bool opener = name_b + 1 == e && doc.tokens[name_b].Is(token_flags::kSentenceStart);
      if (!all_titles) {
        Mention m;
        m.doc = doc_index;
        m.sentence = si;
        m.opener = opener;
        m.form = std::string(std::string_view(doc.text).substr(doc.tokens[name_b].begin,
                                                               doc.tokens[e - 1].end - doc.tokens[name_b].begin));
        if (role_b < name_b) {
          m.role = std::string(std::string_view(doc.text).substr(doc.tokens[role_b].begin,
                                                                 doc.tokens[name_b - 1].end - doc.tokens[role_b].begin));
        }
        if (b > s.first_token) {
          std::string prev = FoldForMatch(doc.TokenText(doc.tokens[b - 1]));
          m.after_preposition = kPrepositions.count(prev) > 0;
          m.told = prev == "told" || (prev == "with" && b >= s.first_token + 2 &&
                                      FoldForMatch(doc.TokenText(doc.tokens[b - 2])) == "interview");
        }
        // Dateline: the sentence opens with the mention in capitals, then a
        // comma, dash or colon ("TEHRAN, Iran -", "OMAN:").
        if (b == s.first_token && e < s.token_end && doc.tokens[b].Is(token_flags::kAllCaps)) {
          std::string_view next = doc.TokenText(doc.tokens[e]);
          m.dateline = next == "," || next == ":" || next == "\u2014" || next == "\u2013" || next == "-";
        }
        // A personal pronoun right after a speech verb, or ", who" (not
        // after a preposition or a capitalised word, with or without a comma
        // between: "a senator from Ohio, who", "a voter in Iowa says she",
        // "Tom Udall of New Mexico, who", "a voter of Columbia, South
        // Carolina says she").
        bool after_capital = b > s.first_token && doc.tokens[b - 1].Is(token_flags::kCapitalized);
        if (b >= s.first_token + 2 && doc.TokenText(doc.tokens[b - 1]) == ",") {
          // "On Tuesday, Georgia said she" is still the person.
          after_capital = doc.tokens[b - 2].Is(token_flags::kCapitalized) &&
                          !IsCalendarWord(FoldForMatch(doc.TokenText(doc.tokens[b - 2])));
        }
        if (e + 1 < s.token_end && !m.after_preposition && !after_capital) {
          static const std::unordered_set<std::string> kSpeech = {"said", "says", "told", "added", "explained",
                                                                  "insisted", "argued", "wrote", "noted", "stressed"};
          static const std::unordered_set<std::string> kPersonal = {"he", "she", "his", "her", "him"};
          std::string next = FoldForMatch(doc.TokenText(doc.tokens[e]));
          std::string after = FoldForMatch(doc.TokenText(doc.tokens[e + 1]));
          m.personal = (next == "," && after == "who") || (kSpeech.count(next) && kPersonal.count(after));
          // "X told reporters she ...": one word (the one told) in between.
          if (!m.personal && next == "told" && e + 2 < s.token_end) {
            m.personal = kPersonal.count(FoldForMatch(doc.TokenText(doc.tokens[e + 2]))) > 0;
          }
        }
        // "X's foreign minister", "X's government".
        {
          std::string_view rest = std::string_view(doc.text).substr(doc.tokens[e - 1].end);
          size_t skip = rest.rfind("'s ", 0) == 0 ? 3 : rest.rfind("\u2019s ", 0) == 0 ? 5 : 0;
          if (skip > 0) {
            static const std::unordered_set<std::string> kStateWords = {
                "government", "foreign", "prime", "president", "ministry", "capital", "parliament",
                "military", "army", "embassy", "economy", "supreme", "defence", "defense", "interior",
                "cabinet", "navy", "citizens", "allies", "nuclear", "territory", "border", "borders"};
            size_t end = rest.find_first_of(" ,.;:", skip);
            std::string next = FoldForMatch(rest.substr(skip, end == std::string_view::npos ? end : end - skip));
            m.state_possessive = kStateWords.count(next) > 0;
          }
        }
        // Apposition: ", a U.S. foreign policy expert at Kuwait University,".
        uint32_t a = e;
        if (a + 1 < s.token_end && doc.TokenText(doc.tokens[a]) == ",") {
          uint32_t c = a + 1;
          std::string first = FoldForMatch(doc.TokenText(doc.tokens[c]));
          bool starts = first == "a" || first == "an" || first == "the" ||
                        (!doc.tokens[c].Is(token_flags::kCapitalized) && IsTitleWord(first));
          if (starts) {
            uint32_t d = c;
            while (d < s.token_end && d - c < 12) {
              std::string w = FoldForMatch(doc.TokenText(doc.tokens[d]));
              if (w == "," || w == "." || w == "who" || w == "which" || w == "that" || w == ";") break;
              ++d;
            }
            if (d > c + 1 && d < s.token_end && FoldForMatch(doc.TokenText(doc.tokens[d])) != "that") {
              m.apposition = std::string(std::string_view(doc.text).substr(doc.tokens[c].begin,
                                                                           doc.tokens[d - 1].end - doc.tokens[c].begin));
            }
          }
        }
        out.push_back(std::move(m));
      }
      t = e;
    }
  }
  return out;
}

std::vector<report::Entity> BuildEntities(const std::vector<const Document*>& docs,
                                          const std::vector<std::vector<std::string>>& speakers,
                                          const EntityOptions& options) {
  std::vector<Mention> mentions;
  std::unordered_set<std::string> lowercase_words, inner_capitalised;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    for (Mention& m : FindMentions(*docs[d], d)) mentions.push_back(std::move(m));
    for (const Token& t : docs[d]->tokens) {
      if (t.kind != TokenKind::kWord) continue;
      std::string f = FoldForMatch(docs[d]->TokenText(t));
      if (!t.Is(token_flags::kCapitalized)) {
        lowercase_words.insert(f);
      } else if (!t.Is(token_flags::kSentenceStart)) {
        inner_capitalised.insert(f);
      }
    }
  }
  // Forms: mentions with the same folded text.
  struct Form {
    std::string display;
    std::vector<std::string> tokens;
    std::vector<size_t> mentions;
    std::set<uint32_t> docs;
    std::set<std::string> role_words;
    int prepositional = 0;
    int place_cues = 0;  // datelines and "X's government"
    int told = 0;
    int personal = 0;  // "X said she", "X, who"
    bool speaker = false;
    bool tentative = false;  // only ever seen opening a sentence: kept only if it joins an entity
  };
  std::vector<Form> forms;
  std::unordered_map<std::string, size_t> form_index;
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    std::vector<std::string> toks = Tokens(m.form);
    if (toks.empty()) continue;
    // A capitalised word that the story also writes in lower case is a
    // sentence opener ("Survivors"), not a name.
    if (toks.size() == 1 && lowercase_words.count(toks[0])) continue;
    bool tentative = m.opener && !inner_capitalised.count(toks[0]) && !m.state_possessive;  // "Speaking", "Analysts", or a name
    std::string key = Join(toks, " ");
    auto [it, inserted] = form_index.try_emplace(key, forms.size());
    if (inserted) {
      Form f;
      f.display = m.form;
      f.tokens = toks;
      forms.push_back(std::move(f));
    }
    Form& f = forms[it->second];
    if (inserted) f.tentative = tentative;
    f.tentative &= tentative;
    f.mentions.push_back(i);
    f.docs.insert(m.doc);
    for (const std::string& r : {m.role, m.apposition}) {
      for (const std::string& w : Tokens(r)) {
        if (IsTitleWord(w) && w != "of" && w != "us" && w != "u.s") f.role_words.insert(w);
      }
    }
    f.prepositional += m.after_preposition;
    f.place_cues += m.dateline || m.state_possessive;
    f.told += m.told;
    f.personal += m.personal;
  }
  // Places the segmenter read from datelines ("TEHRAN, Iran").
  for (const Document* d : docs) {
    for (std::string_view part : Split(d->dateline, ',')) {
      std::string key = Join(Tokens(std::string(TrimAscii(part))), " ");
      auto it = form_index.find(key);
      if (it != form_index.end()) {
        forms[it->second].place_cues += 1;
        forms[it->second].tentative = false;
      }
    }
  }
  for (const auto& names : speakers) {
    for (const std::string& n : names) {
      auto it = form_index.find(Join(Tokens(n), " "));
      if (it != form_index.end()) forms[it->second].speaker = true;
    }
  }
  const size_t n = forms.size();
  UnionFind uf(n);
  // Phonetic keys of each form's tokens, computed once.
  std::vector<std::vector<std::string>> keys(n);
  for (size_t i = 0; i < n; ++i) {
    for (const std::string& t : forms[i].tokens) keys[i].push_back(PhoneticKey(t));
  }
  // Blocking: two spellings of one name keep its first consonant sound
  // (vowels and y drift: "Yevgeny"/"Evgeniy" both start at "v"), so only
  // forms with the same token count and the same first consonant of the
  // last token's key are compared, and within a block only keys whose
  // lengths allow the similarity asked for. This keeps the comparisons near
  // linear in the number of forms instead of quadratic.
  auto first_consonant = [](const std::string& key) {
    for (char c : key) {
      if (c != 'a' && c != 'i') return c;
    }
    return key.empty() ? '\0' : key[0];
  };
  // In a huge block (thousands of look-alike names) each form is compared
  // with its kMaxBlockNeighbours nearest in key length only, and asks for
  // sentence-alignment evidence at most kMaxContextChecks times: work stays
  // linear in the story's size, at the price of missing a rare merge there.
  constexpr size_t kMaxBlockNeighbours = 256;
  constexpr int kMaxContextChecks = 24;
  std::vector<int> context_checks(n, 0);
  auto candidate_pairs = [&](auto&& eligible) {
    std::map<std::pair<size_t, char>, std::vector<size_t>> blocks;
    for (size_t i = 0; i < n; ++i) {
      if (!eligible(i) || keys[i].empty()) continue;
      blocks[{keys[i].size(), first_consonant(keys[i].back())}].push_back(i);
    }
    std::vector<std::pair<size_t, size_t>> out;
    for (auto& [block, members] : blocks) {
      std::sort(members.begin(), members.end(), [&](size_t x, size_t y) {
        return keys[x].back().size() != keys[y].back().size() ? keys[x].back().size() < keys[y].back().size() : x < y;
      });
      for (size_t p = 0; p < members.size(); ++p) {
        size_t lx = keys[members[p]].back().size();
        for (size_t q = p + 1; q < members.size() && q <= p + kMaxBlockNeighbours; ++q) {
          size_t ly = keys[members[q]].back().size();
          // Edit similarity >= s needs the length gap <= (1 - s) * longer.
          if (static_cast<float>(ly - lx) > (1.0f - options.variant_with_context) * static_cast<float>(ly)) break;
          out.emplace_back(std::min(members[p], members[q]), std::max(members[p], members[q]));
        }
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  std::vector<float> confidence(n, 1.0f);
  // Sentences (doc, index) where each form occurs.
  // Per form, computed once: the sentences it occurs in (sorted) and the
  // quote groups whose speaker names it (full name or last name).
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> form_sentences(n);
  for (size_t i = 0; i < n; ++i) {
    for (size_t mi : forms[i].mentions) form_sentences[i].emplace_back(mentions[mi].doc, mentions[mi].sentence);
    std::sort(form_sentences[i].begin(), form_sentences[i].end());
    form_sentences[i].erase(std::unique(form_sentences[i].begin(), form_sentences[i].end()), form_sentences[i].end());
  }
  std::vector<std::vector<size_t>> form_quotes(n);
  {
    std::unordered_map<std::string, size_t> by_key;
    std::unordered_map<std::string, std::vector<size_t>> by_last;
    for (size_t i = 0; i < n; ++i) {
      by_key[Join(forms[i].tokens, " ")] = i;
      by_last[forms[i].tokens.back()].push_back(i);
    }
    for (size_t q = 0; q < speakers.size(); ++q) {
      for (const std::string& nm : speakers[q]) {
        std::vector<std::string> toks = Tokens(nm);
        if (toks.empty()) continue;
        auto full = by_key.find(Join(toks, " "));
        if (full != by_key.end()) form_quotes[full->second].push_back(q);
        auto last = by_last.find(toks.back());
        if (last != by_last.end()) {
          for (size_t i : last->second) form_quotes[i].push_back(q);
        }
      }
    }
    for (auto& v : form_quotes) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
    }
  }
  auto has_sentence = [&](size_t f, std::pair<uint32_t, uint32_t> s) {
    return std::binary_search(form_sentences[f].begin(), form_sentences[f].end(), s);
  };
  // Content stems of a sentence without the given name tokens, sorted
  // unique. Each sentence's (stem, folded word) list is built once.
  std::unordered_map<uint64_t, std::vector<std::pair<uint64_t, std::string>>> sentence_words;
  std::vector<uint64_t> scratch;
  auto stems_without = [&](uint32_t d, uint32_t s, const std::vector<std::string>& name, std::vector<uint64_t>* out) {
    auto [it, fresh] = sentence_words.try_emplace((static_cast<uint64_t>(d) << 32) | s);
    if (fresh) {
      const Document& doc = *docs[d];
      const Sentence& sent = doc.sentences[s];
      for (uint32_t t = sent.first_token; t < sent.token_end; ++t) {
        const Token& tok = doc.tokens[t];
        if (tok.IsContent()) it->second.emplace_back(tok.stem, FoldForMatch(doc.TokenText(tok)));
      }
    }
    out->clear();
    for (const auto& [stem, w] : it->second) {
      if (std::find(name.begin(), name.end(), w) == name.end()) out->push_back(stem);
    }
    std::sort(out->begin(), out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
  };
  // Evidence from the first kMaxAligned sentences of each form is enough;
  // looking at all of them is quadratic in a story of thousands of articles.
  constexpr size_t kMaxAligned = 24;
  auto aligned = [&](size_t ia, size_t ib) {
    if (context_checks[ia] >= kMaxContextChecks || context_checks[ib] >= kMaxContextChecks) return false;
    ++context_checks[ia];
    ++context_checks[ib];
    const auto& sa_list = form_sentences[ia];
    const auto& sb_list = form_sentences[ib];
    std::vector<uint64_t> x, y;
    for (size_t p = 0; p < sa_list.size() && p < kMaxAligned; ++p) {
      if (has_sentence(ib, sa_list[p])) continue;
      stems_without(sa_list[p].first, sa_list[p].second, forms[ia].tokens, &x);
      if (x.size() < 3) continue;
      for (size_t q = 0; q < sb_list.size() && q < kMaxAligned; ++q) {
        // The other sentence must name b instead of a, not both.
        if (has_sentence(ia, sb_list[q])) continue;
        stems_without(sb_list[q].first, sb_list[q].second, forms[ib].tokens, &y);
        size_t smaller = std::min(x.size(), y.size());
        if (smaller < 3) continue;
        scratch.clear();
        std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(scratch));
        if (scratch.size() * 2 >= smaller) return true;
      }
    }
    return false;
  };
  auto same_sentence = [&](size_t ia, size_t ib) {
    for (const auto& st : form_sentences[ib]) {
      if (has_sentence(ia, st)) return true;
    }
    return false;
  };
  auto same_quote = [&](size_t ia, size_t ib) {
    const auto& qa = form_quotes[ia];
    const auto& qb = form_quotes[ib];
    for (size_t q : qa) {
      if (std::binary_search(qb.begin(), qb.end(), q)) return true;
    }
    return false;
  };
  // 1. Spelling variants of equal length (token by token).
  for (const auto& [i, j] : candidate_pairs([](size_t) { return true; })) {
    {
      const Form& a = forms[i];
      const Form& b = forms[j];
      if (a.tokens.size() != b.tokens.size()) continue;
      float sim = 1.0f;
      for (size_t k = 0; k < a.tokens.size(); ++k) {
        const std::string& x = a.tokens[k];
        const std::string& y = b.tokens[k];
        if ((std::min(x.size(), y.size()) < 5 && x != y) || DemonymPair(x, y)) {
          sim = 0;
          break;
        }
        sim = std::min(sim, KeySimilarity(keys[i][k], keys[j][k]));
      }
      if (sim < options.variant_with_context || same_sentence(i, j)) continue;
      bool shared_role = false;
      for (const std::string& w : a.role_words) shared_role |= b.role_words.count(w) > 0;
      bool context = shared_role || same_quote(i, j) || aligned(i, j);
      if (sim >= options.variant_alone || context) {
        uf.Attach(i, j);
        float c = context ? std::min(1.0f, 0.5f + sim / 2) : sim;
        confidence[i] = std::min(confidence[i], c);
        confidence[j] = std::min(confidence[j], c);
      }
    }
  }
  // 2. One-word forms join the longer name they end (or start), if exactly
  // one entity offers such a name.
  std::unordered_map<std::string, std::vector<size_t>> by_last_key;  // multi-word forms by last token's key
  for (size_t j = 0; j < n; ++j) {
    if (forms[j].tokens.size() >= 2) by_last_key[keys[j].back()].push_back(j);
  }
  for (size_t i = 0; i < n; ++i) {
    if (forms[i].tokens.size() != 1) continue;
    std::set<size_t> roots;
    size_t any = 0;
    auto hit = by_last_key.find(keys[i][0]);
    if (hit == by_last_key.end()) continue;
    for (size_t j : hit->second) {
      roots.insert(uf.Find(j));
      any = j;
    }
    if (roots.size() == 1) {
      uf.Attach(i, any);
      confidence[i] = std::min(confidence[i], 0.95f);
    }
  }
  // 3. Variants of one-word forms against the last name of merged entities.
  for (const auto& [pi, pj] : candidate_pairs([&](size_t x) { return forms[x].tokens.size() == 1; })) {
    // Each unordered pair once; the one-word form that is still its own
    // root absorbs the other (as the one-sided loop did before blocking).
    for (auto [i, j] : {std::pair<size_t, size_t>{pi, pj}, std::pair<size_t, size_t>{pj, pi}}) {
      if (uf.Find(i) != i || uf.Find(i) == uf.Find(j)) continue;
      const std::string& x = forms[i].tokens[0];
      const std::string& y = forms[j].tokens[0];
      if (std::min(x.size(), y.size()) < 5 || DemonymPair(x, y)) continue;
      float sim = KeySimilarity(keys[i][0], keys[j][0]);
      if (sim < options.variant_with_context || same_sentence(i, j)) continue;
      bool context = same_quote(i, j) || aligned(i, j);
      if (sim >= options.variant_alone || context) {
        uf.Attach(i, j);
        confidence[i] = std::min(confidence[i], context ? std::min(1.0f, 0.5f + sim / 2) : sim);
      }
    }
  }
  // Assemble.
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < n; ++i) groups[uf.Find(i)].push_back(i);
  struct Built {
    report::Entity e;
    size_t mentions = 0;
  };
  std::vector<Built> built;
  for (const auto& [root, members] : groups) {
    bool all_tentative = std::all_of(members.begin(), members.end(), [&](size_t fi) { return forms[fi].tentative; });
    if (all_tentative) continue;
    Built b;
    size_t best_count = 0;
    bool best_multi = false;
    bool person = false, org = false, gazetteer_place = false, demonym = true, personal_name = false;
    int prepositional = 0, place_cues = 0, told = 0, personal = 0;
    float conf = 1.0f;
    std::map<std::string, std::set<std::string>> roles;
    for (size_t fi : members) {
      const Form& f = forms[fi];
      b.mentions += f.mentions.size();
      conf = std::min(conf, confidence[fi]);
      bool multi = f.tokens.size() > 1;
      if ((multi && !best_multi) || (multi == best_multi && f.mentions.size() > best_count)) {
        b.e.name = f.display;
        best_count = f.mentions.size();
        best_multi = multi;
      }
      report::Variant v;
      v.form = f.display;
      for (uint32_t d : f.docs) v.articles.push_back(docs[d]->article->id);
      b.e.variants.push_back(std::move(v));
      person |= f.speaker || !f.role_words.empty();
      prepositional += f.prepositional;
      place_cues += f.place_cues;
      told += f.told;
      personal += f.personal;
      std::string joined = Join(f.tokens, " ");
      gazetteer_place |= IsCountryOrCapital(joined) || IsCountryOrCapital(FoldForMatch(f.display));
      // "Tamsin Jordan", "Georgia Markel": a country's name next to another
      // name word is a personal name ("Kingdom of Jordan", "South Georgia"
      // and "Jordan Valley" are not: the other word is a particle, a
      // compass or place word), so the entity's short form "Jordan" is not
      // the country.
      if (f.tokens.size() == 2 && !IsCountryOrCapital(joined)) {
        static const std::unordered_set<std::string> kNotAName = {
            "of", "new", "north", "south", "east", "west", "upper", "lower", "central", "greater", "northern",
            "southern", "eastern", "western", "city", "state", "republic", "kingdom", "capital", "government",
            "people", "sea", "gulf", "river", "lake", "valley", "mountains", "coast", "border", "province"};
        for (int k = 0; k < 2; ++k) {
          const std::string& other = f.tokens[1 - k];
          personal_name |= IsCountryOrCapital(f.tokens[k]) && !IsCountryOrCapital(other) &&
                           CountryOfDemonym(other).empty() && !IsNameParticle(other) && !IsTitleWord(other) &&
                           !IsOrganisationWord(other) && !IsCalendarWord(other) && !kNotAName.count(other);
        }
      }
      bool is_demonym = !CountryOfDemonym(joined).empty();
      // "Omani" next to "Oman" in the same story: a demonym even if the
      // gazetteer lacks it.
      if (!is_demonym && f.tokens.size() == 1) {
        const std::string& w = f.tokens[0];
        for (size_t cut = 3; cut < w.size() && !is_demonym; ++cut) {
          auto other = form_index.find(w.substr(0, cut));
          is_demonym = other != form_index.end() && DemonymPair(other->first, w);
        }
      }
      demonym &= is_demonym;
      for (const std::string& t : f.tokens) org |= IsOrganisationWord(t);
      // "Arabian Sea", "Gulf of Aden", "Rift Valley": a geographic head word.
      static const std::unordered_set<std::string> kGeographic = {
          "sea", "gulf", "ocean", "river", "lake", "bay", "strait", "straits", "island", "islands", "mountains",
          "valley", "peninsula", "province", "county", "region", "desert", "coast", "east", "west", "canal"};
      if (f.tokens.size() >= 2 && (kGeographic.count(f.tokens.back()) || kGeographic.count(f.tokens.front()))) {
        gazetteer_place = true;
      }
      if (f.tokens.size() == 1 && f.display.size() >= 2 && std::all_of(f.display.begin(), f.display.end(), [](char c) {
            return IsAsciiUpper(c) || c == '.';
          })) {
        org = true;
      }
      for (size_t mi : f.mentions) {
        const Mention& m = mentions[mi];
        for (const std::string& r : {m.role, m.apposition}) {
          if (r.empty()) continue;
          roles[NormalizeRole(r)].insert(docs[m.doc]->article->id);
        }
      }
    }
    if (personal_name) person = true;
    // A bare "Jordan" or "Georgia" that says things as "he" or "she" is a
    // person, unless the story also gives it a country's marks (a dateline,
    // "Jordan's government").
    if (personal > 0 && place_cues == 0) person = true;
    // First rule that holds wins (separate ifs: two rules lead to the same type).
    auto type_of = [&]() -> const char* {
      if (org) return "organization";
      if (demonym) return "nationality";
      if (gazetteer_place && !person) return "place";
      if (person) return "person";
      if (told * 2 >= static_cast<int>(b.mentions)) return "organization";
      if (place_cues > 0 || prepositional * 2 >= static_cast<int>(b.mentions)) return "place";
      return "other";
    };
    b.e.type = type_of();
    if (b.e.type != "person") roles.clear();
    for (auto& [role, ids] : roles) b.e.roles.push_back({role, std::vector<std::string>(ids.begin(), ids.end())});
    b.e.confidence = conf;
    std::stable_sort(b.e.variants.begin(), b.e.variants.end(), [](const report::Variant& x, const report::Variant& y) {
      return x.articles.size() > y.articles.size();
    });
    built.push_back(std::move(b));
  }
  // Named things first; nationality adjectives describe, they are not actors.
  std::stable_sort(built.begin(), built.end(), [](const Built& a, const Built& b) {
    bool na = a.e.type == "nationality", nb = b.e.type == "nationality";
    if (na != nb) return nb;
    return a.mentions > b.mentions;
  });
  std::vector<report::Entity> out;
  for (Built& b : built) {
    if (static_cast<int>(out.size()) >= options.max_entities) break;
    b.e.id = "e" + std::to_string(out.size() + 1);
    out.push_back(std::move(b.e));
  }
  return out;
}

}  // namespace rashomon
