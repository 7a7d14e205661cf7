#include "analysis/entity_merge.h"

#include <algorithm>
#include <array>
#include <bit>
#include <iterator>
#include <map>
#include <numeric>
#include <unordered_set>

#include "analysis/align.h"
#include "analysis/caseless_discovery.h"
#include "analysis/caseless_names.h"
#include "analysis/names.h"
#include "base/strings.h"
#include "text/language.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/transliterate.h"

namespace rashomon {
namespace {

}  // namespace

bool DemonymSuffixPair(const std::string& x, const std::string& y) {
  const std::string& shorter = x.size() < y.size() ? x : y;
  const std::string& longer = x.size() < y.size() ? y : x;
  if (shorter.size() == longer.size() || longer.rfind(shorter, 0) != 0) return false;
  static const std::set<std::string> kSuffixes = {"i",   "n",    "ns",  "is",  "an",  "ian", "ians",
                                                  "ans", "ese",  "ish", "ite", "ites", "ist", "ists"};
  return kSuffixes.count(longer.substr(shorter.size())) > 0;
}

namespace {

bool HasOrganisationWord(const EntityForm& f) {
  return std::any_of(f.tokens.begin(), f.tokens.end(), [](const std::string& t) { return IsOrganisationWord(t); });
}

// "guards" -> "guard"; short words and "-ss" endings stay.
std::string Singular(const std::string& w) {
  if (w.size() >= 4 && w.back() == 's' && w[w.size() - 2] != 's') return w.substr(0, w.size() - 1);
  return w;
}

bool IsFunctionWord(const std::string& w) {
  return w == "of" || w == "the" || w == "and" || w == "for" || w == "on" || w == "in" || w == "&" || w == "to";
}

// Distinct union-find roots among `forms`.
std::set<size_t> Roots(EntityFormTable* table, const std::vector<size_t>& forms) {
  std::set<size_t> out;
  for (size_t f : forms) out.insert(table->Find(f));
  return out;
}

// Key of the first name of each multi-word form, by union-find root.
std::unordered_map<size_t, std::set<std::string>> FirstNamesByRoot(EntityFormTable* table) {
  std::unordered_map<size_t, std::set<std::string>> out;
  for (size_t i = 0; i < table->forms.size(); ++i) {
    const EntityForm& f = table->forms[i];
    if (f.tokens.size() < 2 || IsNameParticle(f.tokens[0])) continue;
    out[table->Find(i)].insert(f.keys[0]);
  }
  return out;
}

// A form that reads as a person: titled, quoted or "X said she".
bool PersonLike(const EntityForm& f) { return !f.role_words.empty() || f.speaker || f.personal > 0; }

}  // namespace

size_t EntityFormTable::Find(size_t x) {
  return merged.Find(x);
}

void EntityFormTable::Union(size_t a, size_t b, float c) {
  merged.Attach(a, b);
  confidence[a] = std::min(confidence[a], c);
  confidence[b] = std::min(confidence[b], c);
}

std::vector<std::string> NameTokens(const std::string& form) {
  std::vector<std::string> out;
  // Names in other scripts are compared in their Latin spelling
  // ("Арагчи" -> "aragchi"); only non-ASCII text is looked at.
  std::string folded = FoldForMatch(IsAscii(form) ? form : ToLatin(form));
  // "al-Mansouri" and "Al Mansuri" compare token by token.
  std::replace(folded.begin(), folded.end(), '-', ' ');
  for (std::string_view t : Split(folded, ' ')) {  // Split borrows `folded`
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

std::vector<std::string> NameInitials(const std::vector<std::string>& tokens) {
  std::string all, content;
  for (const std::string& t : tokens) {
    if (t.empty() || !IsAsciiAlpha(t[0])) continue;
    char c = static_cast<char>(t[0] - 'a' + 'A');
    if (!IsAsciiUpper(c)) c = t[0];
    all.push_back(c);
    if (!IsFunctionWord(t) && !IsNameParticle(t)) content.push_back(c);
  }
  if (content == all) return {all};
  return {all, content};
}

std::string AcronymLetters(const std::string& display) {
  std::string out;
  for (char c : display) {
    if (IsAsciiUpper(c)) {
      out.push_back(c);
    } else if (c != '.') {
      return "";
    }
  }
  return out.size() >= 2 && out.size() <= 7 ? out : "";
}

std::string ConsonantSkeleton(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == 'a' || c == 'i' || c == 'h' || c == 'j') continue;  // vowels, y and j drift ("Maylen"/"Majlen")
    if (!out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  return out;
}

EntityFormTable CollectForms(const std::vector<const Document*>& docs,
                             const std::vector<std::vector<std::string>>& speakers) {
  EntityFormTable table;
  std::unordered_set<std::string> lowercase_words, inner_capitalised;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    for (Mention& m : FindMentions(*docs[d], d)) table.mentions.push_back(std::move(m));
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
  // Adds mention i to its form; the form's index, or npos when dropped.
  auto add_mention = [&](size_t i, bool caseless) -> size_t {
    const Mention& m = table.mentions[i];
    std::vector<std::string> toks = NameTokens(m.form);
    if (toks.empty()) return std::string::npos;
    // A capitalised word that the story also writes in lower case is a
    // sentence opener ("Survivors"), not a name.
    if (!caseless && toks.size() == 1 && lowercase_words.count(toks[0])) return std::string::npos;
    // "Speaking", "Analysts", or a name; a headline's capitals prove nothing.
    bool tentative = (m.opener && !inner_capitalised.count(toks[0]) && !m.state_possessive) || m.headline;
    auto [it, inserted] = table.index.try_emplace(Join(toks, " "), table.forms.size());
    if (inserted) {
      EntityForm f;
      f.display = m.form;
      f.tokens = toks;
      for (const std::string& t : toks) f.keys.push_back(PhoneticKey(t));
      f.tentative = tentative;
      table.forms.push_back(std::move(f));
    }
    EntityForm& f = table.forms[it->second];
    f.tentative &= tentative;
    if (f.tentative && !tentative) f.display = m.form;
    if (HasNonLatinLetter(m.form)) {
      f.other_scripts[m.form].insert(m.doc);
    } else {
      f.latin_docs.insert(m.doc);
      if (HasNonLatinLetter(f.display)) f.display = m.form;  // the report's name in Latin letters
    }
    f.mentions.push_back(i);
    f.docs.insert(m.doc);
    for (const std::string& r : {m.role, m.apposition}) {
      for (const std::string& w : NameTokens(r)) {
        const std::string& lang = docs[m.doc]->lang;
        const bool person_noun = IsEnglish(lang) && IsPersonNoun(w);
        if ((IsTitleWord(w) || IsTitleWordOf(lang, w) || person_noun) && w != "of" && w != "us" && w != "u.s") {
          f.role_words.insert(w);
        }
      }
    }
    f.prepositional += m.after_preposition;
    f.place_cues += m.dateline || m.state_possessive;
    f.told += m.told;
    f.personal += m.personal;
    return it->second;
  };
  for (size_t i = 0; i < table.mentions.size(); ++i) add_mention(i, false);
  // Names in caseless scripts (Arabic, Hebrew): the words that spell a name
  // found above, joined to it below (caseless_names.h), and the names only
  // caseless words give (caseless_discovery.h).
  std::vector<std::pair<size_t, size_t>> spelled;
  if (std::any_of(docs.begin(), docs.end(), [](const Document* d) { return HasCaselessWords(*d); })) {
    std::vector<std::vector<std::string>> known;
    for (const EntityForm& f : table.forms) {
      known.push_back(f.tentative ? std::vector<std::string>{} : f.tokens);
    }
    // Each name's form: the cased one, or for a found name its first mention.
    std::vector<size_t> joined(known.size());
    std::iota(joined.begin(), joined.end(), size_t{0});
    std::vector<FoundCaselessName> beyond = CaselessNamesBeyond(docs, known);
    for (FoundCaselessName& n : beyond) known.push_back(std::move(n.tokens));
    joined.resize(known.size(), std::string::npos);
    const CaselessNames caseless(known);
    for (uint32_t d = 0; d < docs.size(); ++d) {
      for (CaselessMention& c : caseless.Find(*docs[d], d)) {
        table.mentions.push_back(std::move(c.mention));
        const size_t form = add_mention(table.mentions.size() - 1, true);
        if (form == std::string::npos) continue;
        if (joined[c.name] == std::string::npos) joined[c.name] = form;
        if (form != joined[c.name]) spelled.emplace_back(form, joined[c.name]);
      }
    }
  }
  // Places the segmenter read from datelines ("TEHRAN, Iran").
  for (const Document* d : docs) {
    for (std::string_view part : Split(d->dateline, ',')) {
      auto it = table.index.find(Join(NameTokens(std::string(TrimAscii(part))), " "));
      if (it == table.index.end()) continue;
      table.forms[it->second].place_cues += 1;
      table.forms[it->second].tentative = false;
    }
  }
  for (const auto& names : speakers) {
    for (const std::string& n : names) {
      auto it = table.index.find(Join(NameTokens(n), " "));
      if (it != table.index.end()) table.forms[it->second].speaker = true;
    }
  }
  table.merged = UnionFind(table.forms.size());
  table.confidence.assign(table.forms.size(), 1.0f);
  for (const auto& [form, name] : spelled) table.Union(form, name, 0.8f);
  return table;
}

MergeEvidence::MergeEvidence(const std::vector<const Document*>& docs,
                             const std::vector<std::vector<std::string>>& speakers, const EntityFormTable& table)
    : docs_(docs), table_(table) {
  const size_t n = table.forms.size();
  context_checks_.assign(n, 0);
  reduced_.resize(n);
  has_reduced_.assign(n, false);
  stem_masks_.resize(n);
  has_masks_.assign(n, false);
  // Per form, computed once: the sentences it occurs in (sorted) and the
  // quote groups whose speaker names it (full name or last name).
  form_sentences_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    auto& list = form_sentences_[i];
    for (size_t mi : table.forms[i].mentions) list.emplace_back(table.mentions[mi].doc, table.mentions[mi].sentence);
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  form_quotes_.resize(n);
  std::unordered_map<std::string, std::vector<size_t>> by_last;
  for (size_t i = 0; i < n; ++i) by_last[table.forms[i].tokens.back()].push_back(i);
  for (size_t q = 0; q < speakers.size(); ++q) {
    for (const std::string& nm : speakers[q]) {
      std::vector<std::string> toks = NameTokens(nm);
      if (toks.empty()) continue;
      auto full = table.index.find(Join(toks, " "));
      if (full != table.index.end()) form_quotes_[full->second].push_back(q);
      auto last = by_last.find(toks.back());
      if (last == by_last.end()) continue;
      for (size_t i : last->second) form_quotes_[i].push_back(q);
    }
  }
  for (auto& v : form_quotes_) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
}

bool MergeEvidence::HasSentence(size_t f, std::pair<uint32_t, uint32_t> s) const {
  return std::binary_search(form_sentences_[f].begin(), form_sentences_[f].end(), s);
}

bool MergeEvidence::SameSentence(size_t a, size_t b) const {
  return std::any_of(form_sentences_[b].begin(), form_sentences_[b].end(),
                     [&](const auto& st) { return HasSentence(a, st); });
}

bool MergeEvidence::SameQuote(size_t a, size_t b) const {
  const auto& qb = form_quotes_[b];
  return std::any_of(form_quotes_[a].begin(), form_quotes_[a].end(),
                     [&](size_t q) { return std::binary_search(qb.begin(), qb.end(), q); });
}

// Content stems of a sentence without the given name tokens, sorted
// unique. Each sentence's (stem, folded word) list is built once.
void MergeEvidence::StemsWithout(uint32_t d, uint32_t s, const std::vector<std::string>& name,
                                 std::vector<uint64_t>* out) {
  auto [it, fresh] = sentence_words_.try_emplace((static_cast<uint64_t>(d) << 32) | s);
  if (fresh) {
    const Document& doc = *docs_[d];
    const Sentence& sent = doc.sentences[s];
    for (uint32_t t = sent.first_token; t < sent.token_end; ++t) {
      const Token& tok = doc.tokens[t];
      if (tok.IsContent()) it->second.emplace_back(tok.stem, FoldForMatch(doc.TokenText(tok)));
    }
    std::sort(it->second.begin(), it->second.end());  // by stem: the filtered stems come out sorted
  }
  out->clear();
  for (const auto& [stem, w] : it->second) {
    if ((out->empty() || out->back() != stem) && std::find(name.begin(), name.end(), w) == name.end()) {
      out->push_back(stem);
    }
  }
}

const std::vector<std::vector<uint64_t>>& MergeEvidence::Reduced(size_t f, size_t limit) {
  if (!has_reduced_[f]) {
    has_reduced_[f] = true;
    const auto& list = form_sentences_[f];
    for (size_t p = 0; p < list.size() && p < limit; ++p) {
      reduced_[f].emplace_back();
      StemsWithout(list[p].first, list[p].second, table_.forms[f].tokens, &reduced_[f].back());
    }
  }
  return reduced_[f];
}

const std::vector<std::pair<uint64_t, uint32_t>>& MergeEvidence::StemMasks(size_t f, size_t limit) {
  if (!has_masks_[f]) {
    has_masks_[f] = true;
    const auto& reduced = Reduced(f, limit);
    auto& out = stem_masks_[f];
    for (size_t q = 0; q < reduced.size(); ++q) {
      for (uint64_t x : reduced[q]) out.emplace_back(x, uint32_t{1} << q);
    }
    std::sort(out.begin(), out.end());
    size_t w = 0;  // one entry per stem, the masks or-ed
    for (size_t r = 0; r < out.size(); ++r) {
      if (w > 0 && out[w - 1].first == out[r].first) {
        out[w - 1].second |= out[r].second;
      } else {
        out[w++] = out[r];
      }
    }
    out.resize(w);
  }
  return stem_masks_[f];
}

// Some sentence naming `a` (not `b`) shares at least half its content
// stems, names aside, with a sentence naming `b` (not `a`). Evidence from
// the first kMaxAligned sentences of each form, at most kMaxContextChecks
// times per form: looking at all of them is quadratic in a story of
// thousands of articles. The stems shared with each of b's sentences are
// counted at once, from b's stems with the set of its sentences holding
// each.
bool MergeEvidence::Aligned(size_t a, size_t b) {
  constexpr size_t kMaxAligned = 24;
  static_assert(kMaxAligned <= 32, "a sentence set is a 32-bit mask");
  constexpr int kMaxContextChecks = 24;
  if (context_checks_[a] >= kMaxContextChecks || context_checks_[b] >= kMaxContextChecks) return false;
  ++context_checks_[a];
  ++context_checks_[b];
  const auto& sa_list = form_sentences_[a];
  const auto& sb_list = form_sentences_[b];
  const auto& ra = Reduced(a, kMaxAligned);
  const auto& rb = Reduced(b, kMaxAligned);
  // The other side's sentences (naming b, not a).
  uint32_t others = 0;
  for (size_t q = 0; q < rb.size(); ++q) {
    if (!HasSentence(a, sb_list[q]) && rb[q].size() >= 3) others |= uint32_t{1} << q;
  }
  if (others == 0) return false;
  const auto& masks = StemMasks(b, kMaxAligned);
  std::array<uint32_t, kMaxAligned> common;
  for (size_t p = 0; p < ra.size(); ++p) {
    const std::vector<uint64_t>& x = ra[p];
    if (x.size() < 3 || HasSentence(b, sa_list[p])) continue;
    common.fill(0);
    auto from = masks.begin();
    for (uint64_t stem : x) {  // x is sorted: each search starts where the last ended
      from = std::lower_bound(from, masks.end(), stem,
                              [](const std::pair<uint64_t, uint32_t>& e, uint64_t v) { return e.first < v; });
      if (from == masks.end()) break;
      if (from->first != stem) continue;
      for (uint32_t m = from->second & others; m != 0; m &= m - 1) ++common[std::countr_zero(m)];
    }
    for (uint32_t m = others; m != 0; m &= m - 1) {
      const int q = std::countr_zero(m);
      if (size_t{common[q]} * 2 >= std::min(x.size(), rb[q].size())) return true;
    }
  }
  return false;
}

namespace {

// Blocking: two spellings of one name keep its first consonant sound
// (vowels and y drift: "Yevgeny"/"Evgeniy" both start at "v"), so only
// forms with the same token count and the same first consonant of the
// last token's key are compared, and within a block only keys whose
// lengths allow the similarity asked for. In a huge block each form is
// compared with its kMaxBlockNeighbours nearest in key length only.
template <typename Eligible>
std::vector<std::pair<size_t, size_t>> CandidatePairs(const EntityFormTable& table, float min_similarity,
                                                      Eligible eligible) {
  constexpr size_t kMaxBlockNeighbours = 256;
  auto first_consonant = [](const std::string& key) {
    for (char c : key) {
      if (c != 'a' && c != 'i') return c;
    }
    return key.empty() ? '\0' : key[0];
  };
  std::map<std::pair<size_t, char>, std::vector<size_t>> blocks;
  for (size_t i = 0; i < table.forms.size(); ++i) {
    const auto& keys = table.forms[i].keys;
    if (!eligible(i) || keys.empty()) continue;
    blocks[{keys.size(), first_consonant(keys.back())}].push_back(i);
  }
  auto last_len = [&](size_t i) { return table.forms[i].keys.back().size(); };
  std::vector<std::pair<size_t, size_t>> out;
  for (auto& [block, members] : blocks) {
    std::sort(members.begin(), members.end(), [&](size_t x, size_t y) {
      return last_len(x) != last_len(y) ? last_len(x) < last_len(y) : x < y;
    });
    for (size_t p = 0; p < members.size(); ++p) {
      size_t lx = last_len(members[p]);
      for (size_t q = p + 1; q < members.size() && q <= p + kMaxBlockNeighbours; ++q) {
        size_t ly = last_len(members[q]);
        // Edit similarity >= s needs the length gap <= (1 - s) * longer.
        if (static_cast<float>(ly - lx) > (1.0f - min_similarity) * static_cast<float>(ly)) break;
        out.emplace_back(std::min(members[p], members[q]), std::max(members[p], members[q]));
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void MergeSpellings(const EntityOptions& options, MergeEvidence* evidence, EntityFormTable* table) {
  for (const auto& [i, j] : CandidatePairs(*table, options.variant_with_context, [](size_t) { return true; })) {
    const EntityForm& a = table->forms[i];
    const EntityForm& b = table->forms[j];
    if (a.tokens.size() != b.tokens.size()) continue;
    float sim = 1.0f;
    for (size_t k = 0; k < a.tokens.size(); ++k) {
      const std::string& x = a.tokens[k];
      const std::string& y = b.tokens[k];
      if ((std::min(x.size(), y.size()) < 5 && x != y) || DemonymSuffixPair(x, y)) {
        sim = 0;
        break;
      }
      sim = std::min(sim, KeySimilarity(a.keys[k], b.keys[k]));
    }
    if (sim < options.variant_with_context || evidence->SameSentence(i, j)) continue;
    bool shared_role = std::any_of(a.role_words.begin(), a.role_words.end(),
                                   [&](const std::string& w) { return b.role_words.count(w) > 0; });
    // "Abdullah al-Shaidi"/"Abdullah al-Shayji": the same first name, the
    // surname's consonants alike.
    bool shared_first_name = a.tokens.size() >= 2 && a.tokens[0] == b.tokens[0] && !IsNameParticle(a.tokens[0]) &&
                             ConsonantSkeleton(a.keys.back()).size() >= 2 &&
                             KeySimilarity(ConsonantSkeleton(a.keys.back()), ConsonantSkeleton(b.keys.back())) >= 0.5f;
    bool context = shared_role || shared_first_name || evidence->SameQuote(i, j) || evidence->Aligned(i, j);
    if (sim >= options.variant_alone || context) {
      table->Union(i, j, context ? std::min(1.0f, 0.5f + sim / 2) : sim);
    }
  }
}

void MergePlurals(EntityFormTable* table) {
  std::unordered_map<std::string, size_t> first;
  for (size_t i = 0; i < table->forms.size(); ++i) {
    const EntityForm& f = table->forms[i];
    if (f.tokens.size() < 2 || !HasOrganisationWord(f)) continue;
    std::vector<std::string> singular;
    for (const std::string& t : f.tokens) singular.push_back(Singular(t));
    auto [it, inserted] = first.try_emplace(Join(singular, " "), i);
    if (!inserted) table->Union(i, it->second, 0.95f);
  }
}

void MergeAcronyms(EntityFormTable* table) {
  std::unordered_map<std::string, std::vector<size_t>> by_initials;
  for (size_t i = 0; i < table->forms.size(); ++i) {
    const EntityForm& f = table->forms[i];
    if (f.tokens.size() < 2 || PersonLike(f)) continue;
    bool body = HasOrganisationWord(f) || IsCountryOrCapital(Join(f.tokens, " "));
    for (const std::string& s : NameInitials(f.tokens)) {
      // Two letters spell too many names: only a body's or a country's.
      if (s.size() > 2 || body) by_initials[s].push_back(i);
    }
  }
  for (size_t i = 0; i < table->forms.size(); ++i) {
    std::string letters = AcronymLetters(table->forms[i].display);
    if (letters.empty()) continue;
    auto hit = by_initials.find(letters);
    // "NGOs": a plural acronym.
    if (hit == by_initials.end() && letters.size() > 2 && table->forms[i].display.back() == 's') {
      hit = by_initials.find(letters.substr(0, letters.size() - 1));
    }
    if (hit == by_initials.end()) continue;
    std::set<size_t> roots = Roots(table, hit->second);
    if (roots.size() == 1) table->Union(i, *roots.begin(), 0.9f);
  }
}

void MergeShortForms(const MergeEvidence& evidence, EntityFormTable* table) {
  const size_t n = table->forms.size();
  // Every contiguous run of tokens of a longer form -> the forms holding it
  // (suffixes for any name, inner runs for organisations). Names are short;
  // runs are capped so one absurd "name" cannot blow up.
  constexpr size_t kMaxTokens = 8;
  std::unordered_map<std::string, std::vector<size_t>> by_suffix, by_inner;
  for (size_t j = 0; j < n; ++j) {
    const EntityForm& g = table->forms[j];
    if (g.tokens.size() < 2 || g.tokens.size() > kMaxTokens) continue;
    bool org = HasOrganisationWord(g);
    for (size_t b = 0; b < g.keys.size(); ++b) {
      std::string run;
      for (size_t e = b; e < g.keys.size(); ++e) {
        run += (e > b ? " " : "") + g.keys[e];
        if (e - b + 1 == g.keys.size()) break;
        if (e + 1 == g.keys.size()) by_suffix[run].push_back(j);
        if (org) by_inner[run].push_back(j);
      }
    }
  }
  // Longer short forms first, so "al-Shaidi" joins "Abdullah al-Shaidi"
  // before "Shaidi" looks for one entity among them.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return table->forms[x].tokens.size() > table->forms[y].tokens.size(); });
  for (size_t i : order) {
    const EntityForm& f = table->forms[i];
    if (f.tokens.size() >= kMaxTokens || IsNameParticle(f.tokens.back())) continue;
    // A country or capital alone is the place, not a person named after it.
    if (f.tokens.size() == 1 && IsCountryOrCapital(f.tokens[0])) continue;
    std::string key = Join(f.keys, " ");
    auto hit = by_suffix.find(key);
    std::vector<size_t> holders = hit == by_suffix.end() ? std::vector<size_t>{} : hit->second;
    if (HasOrganisationWord(f) && f.tokens.size() >= 2) {
      auto inner = by_inner.find(key);
      if (inner != by_inner.end()) holders.insert(holders.end(), inner->second.begin(), inner->second.end());
    }
    // "Teodor Gravanis met Gravenis": a respelled short form in the same
    // sentence as the long one is someone else.
    holders.erase(std::remove_if(holders.begin(), holders.end(),
                                 [&](size_t j) {
                                   const auto& g = table->forms[j].tokens;
                                   bool exact = std::equal(f.tokens.rbegin(), f.tokens.rend(), g.rbegin());
                                   return !exact && evidence.SameSentence(i, j);
                                 }),
                  holders.end());
    if (holders.empty()) continue;
    std::set<size_t> roots = Roots(table, holders);
    if (roots.size() == 1 && *roots.begin() != table->Find(i)) table->Union(i, *roots.begin(), 0.95f);
  }
}

void MergeOneWordVariants(const EntityOptions& options, MergeEvidence* evidence, EntityFormTable* table) {
  auto one_word = [&](size_t x) { return table->forms[x].tokens.size() == 1; };
  // With context: close keys and aligned sentences or a shared quote.
  for (const auto& [pi, pj] : CandidatePairs(*table, options.variant_with_context, one_word)) {
    // Each unordered pair once; the one-word form that is still its own
    // root absorbs the other.
    for (auto [i, j] : {std::pair<size_t, size_t>{pi, pj}, std::pair<size_t, size_t>{pj, pi}}) {
      if (table->Find(i) != i || table->Find(i) == table->Find(j)) continue;
      const std::string& x = table->forms[i].tokens[0];
      const std::string& y = table->forms[j].tokens[0];
      if (std::min(x.size(), y.size()) < 5 || DemonymSuffixPair(x, y)) continue;
      float sim = KeySimilarity(table->forms[i].keys[0], table->forms[j].keys[0]);
      if (sim < options.variant_with_context || evidence->SameSentence(i, j)) continue;
      if (sim >= options.variant_alone || evidence->SameQuote(i, j) || evidence->Aligned(i, j)) {
        table->Union(i, j, std::min(1.0f, 0.5f + sim / 2));
      }
    }
  }
  // Without context: a one-word surname whose consonant skeleton matches
  // the surname of exactly one entity of the story ("Araguchi" and
  // "Araghchi"), when the two never share a sentence and their full names
  // do not give different first names.
  std::unordered_map<std::string, std::vector<size_t>> by_skeleton;
  for (size_t j = 0; j < table->forms.size(); ++j) {
    const EntityForm& g = table->forms[j];
    if (g.tokens.back().size() < 5) continue;
    by_skeleton[ConsonantSkeleton(g.keys.back())].push_back(j);
  }
  auto first_names = FirstNamesByRoot(table);
  for (size_t i = 0; i < table->forms.size(); ++i) {
    const EntityForm& f = table->forms[i];
    if (f.tokens.size() != 1 || f.tokens[0].size() < 5 || IsCountryOrCapital(f.tokens[0])) continue;
    std::string skeleton = ConsonantSkeleton(f.keys[0]);
    auto hit = by_skeleton.find(skeleton);
    // A skeleton shared by dozens of forms is no evidence for any one of
    // them (and comparing with all would be quadratic in a huge story).
    constexpr size_t kMaxSkeletonForms = 64;
    if (skeleton.size() < 3 || hit == by_skeleton.end() || hit->second.size() > kMaxSkeletonForms) continue;
    std::vector<size_t> others;
    for (size_t j : hit->second) {
      if (table->Find(j) == table->Find(i)) continue;
      const std::string& y = table->forms[j].tokens.back();
      if (DemonymSuffixPair(f.tokens[0], y) || IsCountryOrCapital(y)) continue;
      if (KeySimilarity(f.keys[0], table->forms[j].keys.back()) < options.variant_with_context) continue;
      others.push_back(j);
    }
    std::set<size_t> roots = Roots(table, others);
    if (roots.size() != 1) continue;
    size_t mine_root = table->Find(i), root = *roots.begin();
    bool apart = std::any_of(others.begin(), others.end(), [&](size_t j) { return evidence->SameSentence(i, j); });
    std::set<std::string> mine = first_names[mine_root];  // copies: the map may rehash
    std::set<std::string> theirs = first_names[root];
    bool shared_first = std::any_of(mine.begin(), mine.end(), [&](const std::string& k) { return theirs.count(k) > 0; });
    if (!mine.empty() && !theirs.empty() && !shared_first) apart = true;
    if (apart) continue;
    mine.insert(theirs.begin(), theirs.end());
    table->Union(i, root, 0.75f);
    first_names[table->Find(i)] = std::move(mine);
  }
}

bool SpellsName(const report::Variant& v, const std::vector<report::Variant>& all) {
  if (!AcronymLetters(v.form).empty()) return false;
  std::vector<std::string> words = NameTokens(v.form);
  if (words.empty()) return false;
  const std::string last = Singular(words.back());
  for (const report::Variant& other : all) {
    std::vector<std::string> ow = NameTokens(other.form);
    for (size_t k = 0; k + 1 < ow.size(); ++k) {
      if (Singular(ow[k]) == last) return false;
    }
  }
  return true;
}

}  // namespace rashomon
