#include "analysis/summary.h"

#include "text/normalize.h"

#include <algorithm>
#include <bit>
#include <set>
#include <cmath>
#include <iterator>
#include <string_view>
#include <unordered_map>

#include "analysis/align.h"
#include "base/hash.h"
#include "base/strings.h"
#include "sketch/term_vector.h"

namespace rashomon {
namespace {

using StemVector = std::vector<std::pair<uint64_t, float>>;  // sorted, L2-normalised

StemVector Normalize(std::unordered_map<uint64_t, float>& m,
                     const std::unordered_map<uint64_t, float>& idf) {
  StemVector v;
  float norm = 0;
  for (auto& [k, w] : m) {
    auto it = idf.find(k);
    float x = w * (it == idf.end() ? 1.0f : it->second);
    v.emplace_back(k, x);
    norm += x * x;
  }
  norm = std::sqrt(norm);
  for (auto& e : v) e.second = norm > 0 ? e.second / norm : 0;
  std::sort(v.begin(), v.end());
  return v;
}

float Dot(const StemVector& a, const StemVector& b) {
  float s = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first == b[j].first) {
      s += a[i].second * b[j].second;
      ++i;
      ++j;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return s;
}

struct Candidate {
  uint32_t doc;
  uint32_t sentence;
  StemVector vec;
  float score = 0;
  int words = 0;
};

// The candidates grouped by equal vectors (each group in input order, the
// groups by their first member).
std::vector<std::vector<uint32_t>> SameVectors(const std::vector<Candidate>& cands) {
  std::vector<std::vector<uint32_t>> groups;
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_hash;  // hash -> groups with that hash
  for (uint32_t i = 0; i < cands.size(); ++i) {
    uint64_t h = cands[i].vec.size();
    for (const auto& [stem, w] : cands[i].vec) h = HashCombine(HashCombine(h, stem), std::bit_cast<uint32_t>(w));
    std::vector<uint32_t>& same_hash = by_hash[h];
    auto g = std::find_if(same_hash.begin(), same_hash.end(),
                          [&](uint32_t x) { return cands[groups[x].front()].vec == cands[i].vec; });
    if (g != same_hash.end()) {
      groups[*g].push_back(i);
    } else {
      same_hash.push_back(static_cast<uint32_t>(groups.size()));
      groups.push_back({i});
    }
  }
  return groups;
}

// Candidate k's score from its vector's products with the sample: support
// (the best similarity of each other article's sentences, averaged), lead
// position, length.
void ScoreCandidate(const std::vector<std::pair<uint32_t, float>>& products, const std::vector<uint32_t>& sample,
                    const std::vector<bool>& in_sample, size_t sampled_docs, const SummaryOptions& options,
                    std::vector<Candidate>* cands, std::vector<float>* best, std::vector<uint32_t>* touched_docs, uint32_t k) {
  Candidate& c = (*cands)[k];
  // Summed in article order, each article's best once.
  std::vector<uint32_t>& docs = *touched_docs;
  docs.clear();
  for (const auto& [at, product] : products) {
    const Candidate& o = (*cands)[sample[at]];
    if (o.doc == c.doc) continue;
    if ((*best)[o.doc] == 0) docs.push_back(o.doc);
    (*best)[o.doc] = std::max((*best)[o.doc], product);
  }
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  float support = 0;
  for (uint32_t d : docs) {
    support += (*best)[d];
    (*best)[d] = 0;
  }
  const size_t others = sampled_docs - (in_sample[c.doc] ? 1 : 0);
  float position = c.sentence < 3 ? 0.3f - 0.1f * static_cast<float>(c.sentence) : 0.0f;
  c.score = (others > 0 ? support / static_cast<float>(others) : 0.5f) + position;
  if (c.words < options.min_words || c.words > options.max_words) c.score *= 0.3f;
}

}  // namespace

Summary SummarizeStory(const std::vector<const Document*>& docs, const SummaryOptions& options) {
  Summary out;
  if (docs.empty()) return out;
  // Sentence frequencies of stems across the story, for idf.
  std::unordered_map<uint64_t, float> df;
  std::vector<Candidate> cands;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    const Document& doc = *docs[d];
    for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
      const Sentence& sent = doc.sentences[s];
      std::unordered_map<uint64_t, float> tf;
      int words = 0;
      for (uint32_t t = sent.first_token; t < sent.token_end; ++t) {
        const Token& tok = doc.tokens[t];
        if (tok.kind != TokenKind::kPunct) ++words;
        if (!tok.IsContent()) continue;
        tf[tok.stem] += 1;
      }
      for (auto& [k, w] : tf) df[k] += 1;
      Candidate c;
      c.doc = d;
      c.sentence = s;
      c.words = words;
      for (auto& [k, w] : tf) c.vec.emplace_back(k, w);
      cands.push_back(std::move(c));
    }
  }
  float n = static_cast<float>(cands.size());
  std::unordered_map<uint64_t, float> idf;
  for (auto& [k, f] : df) idf[k] = std::log((1 + n) / (1 + f)) + 1;
  for (Candidate& c : cands) {
    std::unordered_map<uint64_t, float> m(c.vec.begin(), c.vec.end());
    c.vec = Normalize(m, idf);
  }
  // Support: for each other article, the best similarity of any of its sentences.
  // Large stories compare each sentence with the sentences of an even
  // sample of kSupportArticles articles, and of those at most kMaxSupport
  // (an even sample again), which keeps this linear in the story's size.
  constexpr size_t kSupportArticles = 24;
  constexpr size_t kMaxSupport = 2000;
  std::vector<bool> in_sample(docs.size(), docs.size() <= kSupportArticles);
  for (size_t i = 0; i < kSupportArticles && docs.size() > kSupportArticles; ++i) {
    in_sample[i * docs.size() / kSupportArticles] = true;
  }
  const auto sampled_docs = static_cast<size_t>(std::count(in_sample.begin(), in_sample.end(), true));
  size_t sampled_sentences = 0;
  for (const Candidate& c : cands) sampled_sentences += in_sample[c.doc] ? 1 : 0;
  size_t stride = std::max<size_t>(1, sampled_sentences / kMaxSupport);
  // The dot products go through an inverted index over the sampled
  // sentences' stems, so only pairs sharing a stem are touched; each
  // product is summed in ascending stem order, as Dot does, so the scores
  // are the same to the bit. Pairs sharing nothing have similarity 0, which
  // cannot raise a best.
  std::unordered_map<uint64_t, std::vector<std::pair<uint32_t, float>>> postings;  // stem -> (sample, weight)
  std::vector<uint32_t> sample;  // candidate index of each sampled sentence
  for (size_t k = 0, seen = 0; k < cands.size(); ++k) {
    if (!in_sample[cands[k].doc] || seen++ % stride != 0) continue;
    const auto at = static_cast<uint32_t>(sample.size());
    sample.push_back(static_cast<uint32_t>(k));
    for (const auto& [stem, w] : cands[k].vec) postings[stem].emplace_back(at, w);
  }
  std::vector<float> dot(sample.size(), 0);
  std::vector<uint32_t> touched;
  std::vector<std::pair<uint32_t, float>> products;  // (sample, dot product) of the vector at hand
  std::vector<float> best(docs.size(), 0);
  std::vector<uint32_t> touched_docs;
  // Sentences with equal vectors (one sentence copied by several outlets)
  // have equal products with the sample: each distinct vector is multiplied
  // once, then each of its sentences takes its best per other article.
  for (const std::vector<uint32_t>& same : SameVectors(cands)) {
    touched.clear();
    for (const auto& [stem, w] : cands[same.front()].vec) {
      auto it = postings.find(stem);
      if (it == postings.end()) continue;
      for (const auto& [at, ow] : it->second) {
        if (dot[at] == 0) touched.push_back(at);
        dot[at] += w * ow;
      }
    }
    products.clear();
    for (uint32_t at : touched) {
      products.emplace_back(at, dot[at]);
      dot[at] = 0;
    }
    for (uint32_t k : same) ScoreCandidate(products, sample, in_sample, sampled_docs, options, &cands, &best, &touched_docs, k);
  }
  std::vector<size_t> order(cands.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cands[a].score > cands[b].score; });
  std::vector<size_t> picked;
  for (size_t i : order) {
    if (static_cast<int>(picked.size()) >= options.sentences) break;
    bool redundant = false;
    for (size_t p : picked) redundant |= Dot(cands[i].vec, cands[p].vec) > options.redundancy;
    if (redundant) continue;
    picked.push_back(i);
  }
  for (size_t p : picked) {
    const Document& doc = *docs[cands[p].doc];
    out.sentences.push_back(std::string(doc.SentenceText(doc.sentences[cands[p].sentence])));
  }

  // Headline: the title closest to the story centroid.
  std::unordered_map<uint64_t, float> centroid_map;
  for (const Candidate& c : cands) {
    for (auto& [k, w] : c.vec) centroid_map[k] += w * c.score;
  }
  StemVector centroid = Normalize(centroid_map, {});
  float best_score = -1;
  // Titles the outlets wrote are editorial summaries; inferred ones only
  // stand in when no article has a title.
  bool any_written = std::any_of(docs.begin(), docs.end(), [](const Document* d) {
    return !d->title.empty() && d->title_source != TitleSource::kInferred;
  });
  for (const Document* doc : docs) {
    if (doc->title.empty()) continue;
    if (any_written && doc->title_source == TitleSource::kInferred) continue;
    std::vector<Token> toks;
    TokenizeOptions tok;
    tok.lang = doc->lang;
    tok.keep_punct = false;
    Tokenize(doc->title, 0, static_cast<uint32_t>(doc->title.size()), tok, &toks);
    std::unordered_map<uint64_t, float> tf;
    for (const Token& t : toks) {
      if (t.IsContent()) tf[t.stem] += 1;
    }
    StemVector v = Normalize(tf, idf);
    float score = Dot(v, centroid);
    if (score > best_score) {
      best_score = score;
      out.headline = doc->title;
    }
  }
  if (out.headline.empty() && !out.sentences.empty()) out.headline = InferTitle(out.sentences[0], 16);
  return out;
}

bool StandsAlone(std::string_view sentence) {
  std::string_view t = TrimAscii(sentence);
  size_t end = 0;
  while (end < t.size() && (IsAsciiAlpha(t[end]) || t[end] == '\'')) ++end;
  std::string first = AsciiLowercase(t.substr(0, end));
  // Pronouns and demonstratives that point back to an earlier sentence.
  static constexpr std::string_view kLeading[] = {"he",   "she",   "they",  "it",    "his",   "her",
                                                  "its",  "their", "him",   "them",  "this",  "these",
                                                  "those", "that", "such",  "we"};
  return std::find(std::begin(kLeading), std::end(kLeading), first) == std::end(kLeading);
}

namespace {

// The central stances: the most widely quoted words of named speakers that
// half the articles or more quote (at most options.central_quotes). When no
// summary sentence states one, the best-supported fact that quotes it (and
// stands alone) is added.
void AddCentralQuote(report::Story* story, const SummaryOptions& options) {
  int added = 0;
  auto articles_of = [](const report::Quote& q) {
    std::set<std::string> ids;
    for (const report::QuoteVersion& v : q.versions) ids.insert(v.article);
    return ids.size();
  };
  // A text states a quote when its folded form contains a folded version
  // of four bytes or more. Fact texts are folded once, on first use.
  std::vector<std::string> folded_facts(story->facts.size());
  std::vector<bool> fact_folded(story->facts.size(), false);
  for (const report::Quote& q : story->quotes) {
    size_t n = articles_of(q);
    if (n < 2 || 2 * n < story->articles.size()) continue;
    if (q.speaker_name.empty()) continue;
    std::vector<std::string> versions;
    for (const report::QuoteVersion& v : q.versions) versions.push_back(FoldForMatch(v.text));
    auto states_folded = [&](const std::string& t) {
      return std::any_of(versions.begin(), versions.end(),
                         [&](const std::string& p) { return p.size() >= 4 && t.find(p) != std::string::npos; });
    };
    auto states = [&](const std::string& text) { return states_folded(FoldForMatch(text)); };
    if (std::any_of(story->summary.begin(), story->summary.end(), states)) continue;  // stated: next quote
    const report::Fact* best = nullptr;
    for (size_t i = 0; i < story->facts.size(); ++i) {
      const report::Fact& f = story->facts[i];
      int words = static_cast<int>(std::count(f.text.begin(), f.text.end(), ' ')) + 1;
      if (words < options.min_words || words > options.max_words || !StandsAlone(f.text)) continue;
      if (!fact_folded[i]) {
        folded_facts[i] = FoldForMatch(f.text);
        fact_folded[i] = true;
      }
      if (!states_folded(folded_facts[i])) continue;
      // A clause cut out of a sentence ("… never negotiable after talks
      // …") reads badly as a summary line: a whole sentence first.
      const bool cut = f.text.find("\u2026") != std::string::npos;
      const bool best_cut = best && best->text.find("\u2026") != std::string::npos;
      if (!best || (best_cut && !cut) || (best_cut == cut && f.articles.size() > best->articles.size())) best = &f;
    }
    if (best) story->summary.push_back(best->text);
    if (++added >= options.central_quotes) return;
  }
}

}  // namespace

void ApplyFactSummary(report::Story* story, const std::vector<float>& positions, const SummaryOptions& options) {
  std::vector<const report::Fact*> ranked;
  std::vector<float> rank;
  for (size_t i = 0; i < story->facts.size(); ++i) {
    const report::Fact& f = story->facts[i];
    if (f.articles.size() < 2) continue;
    if (f.partial) continue;  // shared in part: not a claim to lead with
    float r = static_cast<float>(f.independent_sources) + 0.5f * static_cast<float>(f.articles.size() - 1);
    if (i < positions.size() && positions[i] < 0.2f) r += 1.5f * (1.0f - positions[i] / 0.2f);
    std::string_view t = TrimAscii(f.text);
    for (std::string_view q : {"\"", "\u201C", "\u2018", "'", "\u00AB"}) {
      if (t.substr(0, q.size()) == q) {
        r -= 1;
        break;
      }
    }
    ranked.push_back(&f);
    rank.push_back(r);
  }
  if (ranked.empty()) return;
  std::vector<size_t> order(ranked.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rank[a] > rank[b]; });
  {
    std::vector<const report::Fact*> sorted;
    sorted.reserve(order.size());
    for (size_t i : order) sorted.push_back(ranked[i]);
    ranked = std::move(sorted);
  }
  // Only the first few dozen ranked facts can make the summary.
  if (ranked.size() > 64) ranked.resize(64);
  // Candidates: the ranked facts two or more independent sources state,
  // then the summary made from the articles' ledes, then the other ranked
  // facts (a claim from one source, however often copied, is no better
  // supported than a lede).
  std::vector<std::string_view> texts;
  std::vector<bool> is_fact;
  for (const report::Fact* f : ranked) {
    if (f->independent_sources >= 2) texts.emplace_back(f->text), is_fact.push_back(true);
  }
  const std::vector<std::string> lede_summary = story->summary;
  for (const std::string& t : lede_summary) texts.emplace_back(t), is_fact.push_back(false);
  for (const report::Fact* f : ranked) {
    if (f->independent_sources < 2) texts.emplace_back(f->text), is_fact.push_back(true);
  }
  IdfTable idf;
  std::vector<SentenceSketch> sketches;
  for (std::string_view t : texts) {
    sketches.push_back(SketchText(t));
    idf.Add(sketches.back());
  }
  std::vector<size_t> picked;
  for (size_t i = 0; i < texts.size() && static_cast<int>(picked.size()) < options.sentences; ++i) {
    if (is_fact[i] && (sketches[i].words < options.min_words || sketches[i].words > options.max_words)) continue;
    if (!StandsAlone(texts[i])) continue;
    bool redundant = false;
    for (size_t p : picked) {
      redundant |= SentenceSimilarity(sketches[i], sketches[p], idf) >= kParaphraseThreshold ||
                   Containment(sketches[i], sketches[p], idf) >= 0.6f || Containment(sketches[p], sketches[i], idf) >= 0.6f;
    }
    if (!redundant) picked.push_back(i);
  }
  // No shared fact picked: the ledes' summary stays as it is.
  if (std::none_of(picked.begin(), picked.end(), [&](size_t p) { return is_fact[p]; })) return;
  story->summary.clear();
  for (size_t p : picked) story->summary.emplace_back(texts[p]);
  AddCentralQuote(story, options);
}

}  // namespace rashomon
