#include "stories/topics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/parallel.h"
#include "base/strings.h"
#include "stories/cluster.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// True for tokens that name a participant rather than the kind of event.
bool IsNameLike(const Token& t) {
  return t.Is(token_flags::kAllCaps) || t.Is(token_flags::kAcronym) ||
         (t.Is(token_flags::kCapitalized) && !t.Is(token_flags::kSentenceStart));
}

bool IsWordTerm(const Token& t) {
  return t.kind == TokenKind::kWord && !t.Is(token_flags::kStopword) && !t.Is(token_flags::kHasDigit);
}

// The distinct content words of a document, body and title: stems for
// ordinary words, exact forms for names. Sorted, unique.
// With `name_keys`, also the keys of the words kept as names.
std::vector<uint64_t> WordSet(const Document& doc, const TopicOptions& o, std::vector<uint64_t>* name_keys) {
  // A word capitalised inside any sentence is a name everywhere in the
  // document, also where it opens a sentence.
  std::unordered_set<uint64_t> names;
  for (const Token& t : doc.tokens) {
    if (IsWordTerm(t) && IsNameLike(t)) names.insert(t.key);
  }
  std::vector<uint64_t> out;
  auto add = [&](const Token& t) {
    if (!IsWordTerm(t)) return;
    bool name = names.count(t.key) > 0;
    if (name && !o.keep_names) return;
    out.push_back(name ? t.key : t.stem);
    if (name && name_keys != nullptr) name_keys->push_back(t.key);
  };
  for (const Token& t : doc.tokens) add(t);
  for (const Token& t : TitleTokens(doc)) add(t);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

namespace {

// Topic vectors with what the labels need: the word key behind each dense id
// and which keys are names.
struct Vectors {
  std::vector<SparseVector> vectors;
  std::vector<uint64_t> key_of_id;
  std::unordered_set<uint64_t> name_keys;
};

Vectors BuildVectors(const std::vector<const Document*>& docs, const std::vector<uint32_t>& story_of,
                     const TopicOptions& options, bool want_keys) {
  const size_t n = docs.size();
  uint32_t stories = 0;
  for (uint32_t s : story_of) stories = std::max(stories, s + 1);
  std::vector<std::vector<uint64_t>> sets(n);
  std::vector<std::vector<uint64_t>> names(want_keys ? n : 0);
  ParallelFor(
      n, [&](size_t i) { sets[i] = WordSet(*docs[i], options, want_keys ? &names[i] : nullptr); },
      options.threads);
  Vectors result;
  for (const auto& doc_names : names) result.name_keys.insert(doc_names.begin(), doc_names.end());

  // Coverage: the share of a story's documents that use the word.
  std::vector<std::unordered_map<uint64_t, float>> coverage(stories);
  std::vector<uint32_t> members(stories, 0);
  for (size_t i = 0; i < n; ++i) {
    auto& cov = coverage[story_of[i]];
    for (uint64_t key : sets[i]) cov[key] += 1.0f;
    ++members[story_of[i]];
  }
  std::vector<std::vector<uint64_t>>().swap(sets);
  // Soft story frequency (the sum of coverages) and dense ids.
  struct Entry {
    uint32_t id;
    float df;
  };
  std::unordered_map<uint64_t, Entry> vocab;
  for (uint32_t s = 0; s < stories; ++s) {
    for (auto& [key, c] : coverage[s]) {
      c /= static_cast<float>(members[s]);
      auto [it, inserted] = vocab.try_emplace(key, Entry{static_cast<uint32_t>(vocab.size()), 0.0f});
      it->second.df += c;
    }
  }
  if (want_keys) {
    result.key_of_id.resize(vocab.size());
    for (const auto& [key, entry] : vocab) result.key_of_id[entry.id] = key;
  }
  const float total = static_cast<float>(stories);
  std::vector<SparseVector>& out = result.vectors;
  out.resize(stories);
  ParallelFor(
      stories,
      [&](size_t s) {
        std::vector<std::pair<float, uint32_t>> weighted;  // (weight, id)
        weighted.reserve(coverage[s].size());
        for (const auto& [key, c] : coverage[s]) {
          const Entry& e = vocab.at(key);
          float idf = std::log((1.0f + total) / (1.0f + e.df)) + 1.0f;
          weighted.emplace_back(std::pow(c, options.coverage_power) * std::pow(idf, options.idf_power), e.id);
        }
        if (options.top_terms > 0 && weighted.size() > options.top_terms) {
          auto mid = weighted.begin() + static_cast<long>(options.top_terms);
          std::nth_element(weighted.begin(), mid - 1, weighted.end(), [](const auto& a, const auto& b) {
            return a.first > b.first || (a.first == b.first && a.second < b.second);
          });
          weighted.erase(mid, weighted.end());
        }
        std::sort(weighted.begin(), weighted.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        double norm = 0;
        for (const auto& w : weighted) norm += static_cast<double>(w.first) * w.first;
        const float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
        out[s].ids.reserve(weighted.size());
        out[s].values.reserve(weighted.size());
        for (const auto& w : weighted) {
          out[s].ids.push_back(w.second);
          out[s].values.push_back(w.first * inv);
        }
      },
      options.threads);
  return result;
}

}  // namespace

std::vector<SparseVector> TopicVectors(const std::vector<const Document*>& docs,
                                       const std::vector<uint32_t>& story_of, const TopicOptions& options) {
  return BuildVectors(docs, story_of, options, /*want_keys=*/false).vectors;
}

namespace {

// The most frequent of the counted surface forms; ties go to the
// alphabetically first, so the choice does not depend on input order.
std::string MostFrequent(const std::map<std::string, uint32_t>& counts) {
  std::string best;
  uint32_t best_count = 0;
  for (const auto& [form, count] : counts) {
    if (count > best_count) {
      best = form;
      best_count = count;
    }
  }
  return best;
}

// Fills one description per topic holding two or more stories (see
// TopicDescription); `topic_of_doc` is GroupTopics' result.
void DescribeTopics(const std::vector<const Document*>& docs, const std::vector<uint32_t>& story_of,
                    const std::vector<uint32_t>& topic_of_doc, const Vectors& v, const TopicOptions& options,
                    std::vector<TopicDescription>* out) {
  uint32_t topics = 0;
  for (uint32_t t : topic_of_doc) topics = std::max(topics, t + 1);
  out->assign(topics, {});
  const size_t k = v.vectors.size();
  std::vector<uint32_t> topic_of_story(k, 0);
  std::vector<std::vector<uint32_t>> docs_of_story(k);
  for (size_t i = 0; i < docs.size(); ++i) {
    topic_of_story[story_of[i]] = topic_of_doc[i];
    docs_of_story[story_of[i]].push_back(static_cast<uint32_t>(i));
  }
  std::vector<std::vector<uint32_t>> stories_of_topic(topics);
  for (uint32_t s = 0; s < k; ++s) {
    if (!docs_of_story[s].empty()) stories_of_topic[topic_of_story[s]].push_back(s);
  }
  for (uint32_t t = 0; t < topics; ++t) {
    const std::vector<uint32_t>& members = stories_of_topic[t];
    const size_t m = members.size();
    if (m < 2) continue;
    // Per word: in how many of the topic's story vectors it is, and its
    // summed weight there.
    struct Shared {
      uint32_t stories = 0;
      float weight = 0;
    };
    std::unordered_map<uint32_t, Shared> shared;
    for (uint32_t s : members) {
      const SparseVector& vec = v.vectors[s];
      for (size_t j = 0; j < vec.ids.size(); ++j) {
        Shared& e = shared[vec.ids[j]];
        ++e.stories;
        e.weight += vec.values[j];
      }
    }
    // Terms: words at least half of the stories (and two) keep, by their
    // mean weight over all the topic's stories. Ties by key: deterministic.
    const uint32_t need = static_cast<uint32_t>(std::max<size_t>(2, (m + 1) / 2));
    std::vector<std::pair<float, uint64_t>> terms;  // (mean weight, key)
    for (const auto& [id, e] : shared) {
      if (e.stories >= need) terms.emplace_back(e.weight / static_cast<float>(m), v.key_of_id[id]);
    }
    std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    // Names: per story, its strongest name that no other story of the topic
    // keeps.
    std::vector<uint64_t> story_name(m, 0);
    std::vector<bool> has_name(m, false);
    for (size_t r = 0; r < m; ++r) {
      const SparseVector& vec = v.vectors[members[r]];
      float best = 0;
      for (size_t j = 0; j < vec.ids.size(); ++j) {
        const uint64_t key = v.key_of_id[vec.ids[j]];
        if (shared[vec.ids[j]].stories != 1 || !v.name_keys.count(key)) continue;
        if (!has_name[r] || vec.values[j] > best || (vec.values[j] == best && key < story_name[r])) {
          best = vec.values[j];
          story_name[r] = key;
          has_name[r] = true;
        }
      }
    }
    // Surface forms, counted over the topic's documents: a word as it is
    // written in lower case (its stem stands for several forms), a name
    // exactly as written where it reads as a name.
    std::unordered_map<uint64_t, std::map<std::string, uint32_t>> word_forms, name_forms;
    // Name keys written in lower case inside a sentence at least as often as
    // capitalised: a common noun that is also part of some name ("the port"
    // and "Port Arvel"), shown as the noun. (Not any lower-case use: URL
    // slugs in scraped text write every name in lower case.)
    std::unordered_map<uint64_t, int> lower_minus_named;
    const size_t keep_terms = std::min(terms.size(), options.label_terms * 2);  // spares for duplicates
    for (size_t i = 0; i < keep_terms; ++i) {
      word_forms[terms[i].second];
      if (v.name_keys.count(terms[i].second)) name_forms[terms[i].second];
    }
    for (size_t r = 0; r < m; ++r) {
      if (has_name[r]) name_forms[story_name[r]];
    }
    auto count = [&](std::string_view text, const Token& tok) {
      if (!IsWordTerm(tok)) return;
      std::string_view form = text.substr(tok.begin, tok.end - tok.begin);
      auto named = name_forms.find(tok.key);
      if (named != name_forms.end()) {
        if (IsNameLike(tok)) {
          ++named->second[std::string(form)];
          --lower_minus_named[tok.key];
        } else if (!tok.Is(token_flags::kSentenceStart)) {
          ++lower_minus_named[tok.key];
        }
      }
      auto it = word_forms.find(tok.stem);
      if (it != word_forms.end()) ++it->second[AsciiLowercase(form)];
    };
    for (uint32_t s : members) {
      for (uint32_t i : docs_of_story[s]) {
        const Document& doc = *docs[i];
        for (const Token& tok : doc.tokens) count(doc.text, tok);
        for (const Token& tok : TitleTokens(doc)) count(doc.title, tok);
      }
    }
    auto form_of = [&](uint64_t key, bool name) {
      auto& forms = name ? name_forms : word_forms;
      auto it = forms.find(key);
      return it == forms.end() ? std::string() : MostFrequent(it->second);
    };
    TopicDescription& d = (*out)[t];
    std::unordered_set<std::string> seen;  // lower-cased, so a name and a word do not both show
    for (size_t i = 0; i < keep_terms && d.terms.size() < options.label_terms; ++i) {
      const uint64_t key = terms[i].second;
      std::string form = v.name_keys.count(key) ? form_of(key, true) : std::string();
      auto lower = lower_minus_named.find(key);
      if (!form.empty() && lower != lower_minus_named.end() && lower->second >= 0) form = AsciiLowercase(form);
      if (form.empty()) form = form_of(key, false);
      if (form.empty() || !seen.insert(AsciiLowercase(form)).second) continue;
      d.terms.push_back(std::move(form));
    }
    for (size_t r = 0; r < m; ++r) {
      std::string form = has_name[r] ? form_of(story_name[r], true) : std::string();
      if (!form.empty() && !seen.insert(AsciiLowercase(form)).second) form.clear();
      d.names.push_back(std::move(form));
    }
  }
}

}  // namespace

std::string TopicLabel(const TopicDescription& d, size_t max_names) {
  std::string label;
  for (const std::string& term : d.terms) {
    if (!label.empty()) label += ", ";
    label += term;
  }
  if (!label.empty() && IsAsciiLower(label[0])) label[0] = static_cast<char>(label[0] - 'a' + 'A');
  std::vector<std::string_view> names;
  for (const std::string& name : d.names) {
    if (!name.empty()) names.push_back(name);
  }
  if (names.empty()) return label;
  label += label.empty() ? "" : ": ";
  const size_t shown = std::min(names.size(), std::max<size_t>(max_names, 1));
  for (size_t i = 0; i < shown; ++i) {
    if (i) label += ", ";
    label += names[i];
  }
  if (shown < names.size()) label += " and " + std::to_string(names.size() - shown) + " more";
  return label;
}

std::vector<uint32_t> GroupTopics(const std::vector<const Document*>& docs, const std::vector<uint32_t>& story_of,
                                  const TopicOptions& options, std::vector<TopicDescription>* descriptions) {
  if (descriptions != nullptr) descriptions->clear();
  if (docs.empty()) return {};
  const Vectors built = BuildVectors(docs, story_of, options, /*want_keys=*/descriptions != nullptr);
  const std::vector<SparseVector>& vectors = built.vectors;
  const size_t k = vectors.size();
  // Cosines of the stories sharing a word, through an inverted index (the
  // vectors are short: at most top_terms words each).
  uint32_t max_id = 0;
  for (const SparseVector& v : vectors) {
    if (!v.ids.empty()) max_id = std::max(max_id, v.ids.back());
  }
  std::vector<std::vector<uint32_t>> postings(static_cast<size_t>(max_id) + 1);
  for (uint32_t s = 0; s < k; ++s) {
    for (uint32_t id : vectors[s].ids) postings[id].push_back(s);
  }
  using Edges = std::vector<std::vector<std::pair<uint32_t, float>>>;
  Edges edges(k);
  ParallelFor(
      k,
      [&](size_t i) {
        std::vector<uint32_t> cands;
        for (uint32_t id : vectors[i].ids) {
          for (uint32_t j : postings[id]) {
            if (j >= i) break;  // postings ascend
            cands.push_back(j);
          }
        }
        std::sort(cands.begin(), cands.end());
        cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
        for (uint32_t j : cands) {
          float c = vectors[i].Dot(vectors[j]);
          if (c > 0 && c >= options.min_cosine) edges[i].emplace_back(j, c);
        }
      },
      options.threads);
  // Each story's best cosine, then cosines relative to both stories' best.
  std::vector<float> best(k, 0.0f);
  for (uint32_t i = 0; i < k; ++i) {
    for (const auto& [j, c] : edges[i]) {
      best[i] = std::max(best[i], c);
      best[j] = std::max(best[j], c);
    }
  }
  for (uint32_t i = 0; i < k; ++i) {
    for (auto& e : edges[i]) e.second /= std::sqrt(best[i] * best[e.first]);
  }
  std::vector<uint32_t> topic_of_story = ClusterGraphAverageLink(std::move(edges), options.threshold);
  // Relabel by first document so labels read in input order.
  std::unordered_map<uint32_t, uint32_t> dense;
  std::vector<uint32_t> out(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    uint32_t t = topic_of_story[story_of[i]];
    out[i] = dense.try_emplace(t, static_cast<uint32_t>(dense.size())).first->second;
  }
  if (descriptions != nullptr) DescribeTopics(docs, story_of, out, built, options, descriptions);
  return out;
}

}  // namespace rashomon
