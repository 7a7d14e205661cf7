#include "sketch/term_vector.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <span>

#include "base/hash.h"
#include "base/strings.h"
#include "text/abjad.h"
#include "text/normalize.h"
#include "text/tokenizer.h"
#include "text/translate.h"
#include "text/transliterate.h"

namespace rashomon {
namespace {


void AddTerm(std::unordered_map<uint64_t, float>* bag, uint64_t key, float w) { (*bag)[key] += w; }

bool IsYearLike(std::string_view s) {
  return s.size() == 4 && (s[0] == '1' || s[0] == '2') && std::all_of(s.begin(), s.end(), [](char c) {
           return c >= '0' && c <= '9';
         });
}

bool IsUrlFiller(std::string_view w) {
  static const char* kFiller[] = {"html", "htm", "php", "asp", "aspx", "cfm", "shtml", "jsp",  "www",
                                  "com",  "org", "net", "index", "article", "articles", "story", "stories",
                                  "news", "amp", "http", "https", "default", "page", "item", "view",
                                  "post", "posts", "blog", "content", "detail", "details", "id", "track",
                                  "rss", "utm", "source", "medium", "campaign", "ref"};
  for (const char* f : kFiller) {
    if (w == f) return true;
  }
  return false;
}

}  // namespace

std::string UrlSlugWords(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  size_t slash = url.find('/');
  if (slash == std::string_view::npos) return "";
  url.remove_prefix(slash);
  size_t query = url.find_first_of("?#");
  if (query != std::string_view::npos) url = url.substr(0, query);
  std::string out;
  size_t i = 0;
  while (i < url.size()) {
    while (i < url.size() && !std::isalnum(static_cast<unsigned char>(url[i]))) ++i;
    size_t b = i;
    bool digits = false;
    while (i < url.size() && std::isalnum(static_cast<unsigned char>(url[i]))) {
      digits |= std::isdigit(static_cast<unsigned char>(url[i])) != 0;
      ++i;
    }
    if (i - b < 3 || i - b > 30 || digits) continue;  // ids, dates, short codes
    std::string w(url.substr(b, i - b));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (IsUrlFiller(w)) continue;
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

TermBag BuildTermBag(const Document& doc, const TermOptions& options, TermBag* names_out) {
  std::unordered_map<uint64_t, float> bag;
  std::unordered_map<uint64_t, float> names_bag;
  // Which keys appear capitalised inside a sentence: those are names even
  // where they start a sentence. The flag is set once the name's skeleton
  // keys are taken (below).
  std::unordered_map<uint64_t, bool> name_keys;
  for (const Token& t : doc.tokens) {
    if (t.kind != TokenKind::kWord || t.Is(token_flags::kStopword)) continue;
    if (t.Is(token_flags::kAllCaps) || (t.Is(token_flags::kCapitalized) && !t.Is(token_flags::kSentenceStart))) {
      name_keys[t.key] = false;
    }
  }
  // A name in Cyrillic or Greek letters counts under the key of its Latin
  // spelling, so reports of one event in two scripts share their names
  // (text/transliterate.h); Latin names keep their key.
  std::unordered_map<uint64_t, NameKeys> latin_keys;
  // Consonant skeletons (text/abjad.h), matched over the corpus by
  // BridgeCaselessNames: each name's (skeleton key, name key), and the
  // skeleton keys of the Arabic and Hebrew words (per word, then weighed).
  std::vector<std::pair<uint64_t, uint64_t>> name_bridges;
  std::unordered_map<uint64_t, std::vector<uint64_t>> caseless_keys;
  std::unordered_map<uint64_t, float> caseless_bridges;
  auto add_name = [&](std::string_view text, const Token& t, float bag_weight, float name_weight) {
    NameKeys keys{t.key, t.key};
    if (!IsAscii(text)) {
      auto [it, fresh] = latin_keys.try_emplace(t.key);
      if (fresh) it->second = NameKeysAcrossScripts(text, t.key, doc.lang);
      keys = it->second;
    }
    // A declined form counts half under its own spelling, half under its stem's.
    const float share = keys.first == keys.second ? 1.0f : 0.5f;
    for (const uint64_t key : {keys.first, keys.second}) {
      AddTerm(&bag, key, share * bag_weight);
      AddTerm(&names_bag, key, share * name_weight);
      if (share == 1.0f) break;
    }
    if (options.abjad_name_weight > 0) {
      bool& bridged = name_keys[t.key];
      if (!bridged) {
        bridged = true;
        std::string latin;
        if (IsAscii(text)) {
          latin = AsciiLowercase(text);
        } else {
          latin = FoldForMatch(HasNonLatinLetter(text) ? ToLatin(text) : std::string(text));
        }
        for (const uint64_t bridge : LatinNameBridgeKeys(latin)) name_bridges.emplace_back(bridge, keys.first);
      }
    }
  };
  // A word of another language that the dictionary knows counts as its
  // English translations instead (TermOptions::pivot_weight); other words,
  // names and numbers keep their own terms.
  const PivotDictionary* pivot = options.pivot_weight > 0 ? PivotDictionaryFor(doc.lang) : nullptr;
  auto add_word = [&](std::string_view text, const Token& t, float w) {
    const uint64_t stem = t.stem;
    if (options.abjad_name_weight > 0 && !IsAscii(text.substr(0, 1)) && IsCaselessWord(text)) {
      auto [it, fresh] = caseless_keys.try_emplace(t.key);
      if (fresh) it->second = CaselessWordBridgeKeys(text);
      // Each reading (with and without a prefix letter) in full: one of
      // them spells a name, as a rule.
      const std::vector<uint64_t>& bridges = it->second;
      for (const uint64_t bridge : bridges) {
        caseless_bridges[bridge] += w * options.abjad_name_weight * options.name_weight;
      }
    }
    const std::span<const PivotTerm> english = pivot != nullptr ? pivot->Lookup(stem) : std::span<const PivotTerm>();
    if (english.empty()) {
      AddTerm(&bag, stem, w);
      return;
    }
    for (const PivotTerm& p : english) AddTerm(&bag, p.stem, w * options.pivot_weight * p.weight);
  };
  for (const Token& t : doc.tokens) {
    if (t.kind == TokenKind::kPunct || t.Is(token_flags::kStopword)) continue;
    float w = t.sentence < static_cast<uint32_t>(options.lede_sentences) ? options.lede_weight : 1.0f;
    if (t.kind == TokenKind::kNumber) {
      std::string_view s = doc.TokenText(t);
      float nw = IsYearLike(s) ? options.number_weight : options.count_weight;
      if (nw > 0) AddTerm(&bag, t.key, w * nw);
      continue;
    }
    bool name = name_keys.count(t.key) > 0;
    // Names keep their exact form; other words merge by stem.
    if (name) {
      add_name(doc.TokenText(t), t, w * options.name_weight, w);
    } else {
      add_word(doc.TokenText(t), t, w);
    }
  }
  // Title words.
  for (const Token& t : TitleTokens(doc)) {
    if (t.Is(token_flags::kStopword)) continue;
    if (t.kind == TokenKind::kNumber && !IsYearLike(std::string_view(doc.title).substr(t.begin, t.end - t.begin))) continue;
    bool name = name_keys.count(t.key) > 0;
    if (name) {
      add_name(std::string_view(doc.title).substr(t.begin, t.end - t.begin), t,
               options.title_weight * options.name_weight, options.title_weight);
    } else if (t.kind == TokenKind::kWord) {
      add_word(std::string_view(doc.title).substr(t.begin, t.end - t.begin), t, options.title_weight);
    } else {
      AddTerm(&bag, t.stem, options.title_weight);
    }
  }
  // URL slug words.
  if (options.url_weight > 0 && !doc.article->url.empty()) {
    std::string slug = UrlSlugWords(doc.article->url);
    std::vector<Token> slug_tokens;
    TokenizeOptions tok;
    tok.lang = doc.lang;
    tok.keep_punct = false;
    Tokenize(slug, 0, static_cast<uint32_t>(slug.size()), tok, &slug_tokens);
    for (const Token& t : slug_tokens) {
      if (!t.IsContent() || t.kind != TokenKind::kWord) continue;
      // A slug word that is a name in the text keeps the name's key.
      AddTerm(&bag, name_keys.count(t.key) ? t.key : t.stem, options.url_weight);
    }
  }
  TermBag out;
  out.terms.assign(bag.begin(), bag.end());
  std::sort(out.terms.begin(), out.terms.end());
  std::sort(name_bridges.begin(), name_bridges.end());
  name_bridges.erase(std::unique(name_bridges.begin(), name_bridges.end()), name_bridges.end());
  out.name_bridges = std::move(name_bridges);
  out.caseless_bridges.assign(caseless_bridges.begin(), caseless_bridges.end());
  std::sort(out.caseless_bridges.begin(), out.caseless_bridges.end());
  if (names_out) {
    names_out->terms.assign(names_bag.begin(), names_bag.end());
    std::sort(names_out->terms.begin(), names_out->terms.end());
  }
  return out;
}

uint64_t DominantName(const std::vector<std::pair<uint64_t, int64_t>>& names) {
  uint64_t best = 0;
  int64_t first = 0, second = 0;
  for (const auto& [name, articles] : names) {
    if (articles > first) {
      second = first;
      first = articles;
      best = name;
    } else {
      second = std::max(second, articles);
    }
  }
  return first > 0 && first >= 2 * second ? best : 0;
}

void BridgeCaselessNames(std::vector<TermBag>* bags) {
  // The names of each skeleton with the articles writing them.
  std::unordered_map<uint64_t, std::vector<std::pair<uint64_t, int64_t>>> names_of;
  bool caseless = false;
  for (const TermBag& bag : *bags) caseless |= !bag.caseless_bridges.empty();
  if (caseless) {
    for (const TermBag& bag : *bags) {
      for (const auto& bridge : bag.name_bridges) {
        auto& names = names_of[bridge.first];
        const uint64_t name = bridge.second;
        auto it = std::find_if(names.begin(), names.end(), [name](const auto& n) { return n.first == name; });
        if (it == names.end()) {
          names.emplace_back(name, 1);
        } else {
          ++it->second;
        }
      }
    }
  }
  SpellCaselessNames(
      [&](uint64_t skeleton) {
        auto it = names_of.find(skeleton);
        return it == names_of.end() ? uint64_t{0} : DominantName(it->second);
      },
      bags);
}

void SpellCaselessNames(const std::function<uint64_t(uint64_t)>& name_of, std::vector<TermBag>* bags) {
  for (TermBag& bag : *bags) {
    std::vector<std::pair<uint64_t, float>> spelled;
    for (const auto& [bridge, w] : bag.caseless_bridges) {
      if (const uint64_t name = name_of(bridge)) spelled.emplace_back(name, w);
    }
    std::vector<std::pair<uint64_t, uint64_t>>().swap(bag.name_bridges);
    std::vector<std::pair<uint64_t, float>>().swap(bag.caseless_bridges);
    if (spelled.empty()) continue;
    // Merged into the sorted terms, a key's weights summed.
    spelled.insert(spelled.end(), bag.terms.begin(), bag.terms.end());
    std::sort(spelled.begin(), spelled.end());
    bag.terms.clear();
    for (const auto& [key, w] : spelled) {
      if (!bag.terms.empty() && bag.terms.back().first == key) {
        bag.terms.back().second += w;
      } else {
        bag.terms.emplace_back(key, w);
      }
    }
  }
}

float SparseVector::Dot(const SparseVector& o) const {
  // A merge of the two sorted id lists without data-dependent branches in
  // the stepping (the ids of unrelated vectors interleave unpredictably);
  // the products are summed in ascending id order, as a plain merge would.
  float sum = 0;
  const uint32_t* a = ids.data();
  const uint32_t* b = o.ids.data();
  const size_t na = ids.size(), nb = o.ids.size();
  size_t i = 0, j = 0;
  while (i < na && j < nb) {
    const uint32_t x = a[i], y = b[j];
    if (x == y) sum += values[i] * o.values[j];
    i += x <= y ? 1 : 0;
    j += y <= x ? 1 : 0;
  }
  return sum;
}

void TfIdf::AddDocument(const TermBag& bag) {
  ++documents_;
  for (const auto& [key, w] : bag.terms) {
    auto [it, inserted] = vocab_.try_emplace(key, Entry{static_cast<uint32_t>(vocab_.size()), 0});
    ++it->second.df;
  }
}

void TfIdf::SetDocumentFrequency(uint64_t key, uint32_t df) {
  auto [it, inserted] = vocab_.try_emplace(key, Entry{static_cast<uint32_t>(vocab_.size()), 0});
  it->second.df = df;
}

uint32_t TfIdf::DocumentFrequency(uint64_t key) const {
  auto it = vocab_.find(key);
  return it == vocab_.end() ? 0 : it->second.df;
}

float TfIdf::Idf(uint32_t df) const {
  return std::log((1.0f + background_ + static_cast<float>(documents_)) / (1.0f + static_cast<float>(df))) + 1.0f;
}

SparseVector TfIdf::Transform(const TermBag& bag) const {
  std::vector<std::pair<uint32_t, float>> entries;
  entries.reserve(bag.terms.size());
  for (const auto& [key, tf] : bag.terms) {
    auto it = vocab_.find(key);
    if (it == vocab_.end() || tf <= 0) continue;
    entries.emplace_back(it->second.id, SublinearTf(tf) * Idf(it->second.df));
  }
  std::sort(entries.begin(), entries.end());
  float norm = 0;
  for (const auto& e : entries) norm += e.second * e.second;
  norm = std::sqrt(norm);
  SparseVector v;
  v.ids.reserve(entries.size());
  v.values.reserve(entries.size());
  for (const auto& e : entries) {
    v.ids.push_back(e.first);
    v.values.push_back(norm > 0 ? e.second / norm : 0);
  }
  return v;
}

}  // namespace rashomon
