// Synthetic corpora for scale tests: articles recombined from real sentences,
// with planted exact copies, near-duplicates, rewrites and stories of known
// membership, and the gold assignment written beside them.
//
// Model. Stories each own a pool of sentences drawn from the bank. An
// original article is a random subset of its story's pool, in random order,
// about `article_bytes` long: two originals of one story share some sentences
// but are not near-duplicates. Derived articles start from an earlier
// original: an exact copy; a near-duplicate (word substitutions, deletions
// and insertions at a rate uniform in [0, near_edit_rate_max]); or a rewrite
// (a fraction of its sentences replaced by others from the story's pool and
// a few moved).
//
// Sentence reuse across stories. By default every story draws its pool from
// the whole bank, so the more stories, the more of them share whole
// sentences (about 38 stories per sentence at 100,000 articles of a
// 25,000-sentence bank), which real news does not do. With
// `shared_sentences` >= 0 a story's sentences are its own: the bank's name
// words (capitalised words inside a sentence that the bank never writes in
// lower case) are replaced, consistently within the story, by name words
// drawn for that story, and pools draw only sentences that carry a name, so
// two stories rarely print one sentence; a share `shared_sentences` of each
// pool comes instead from a small stock of name-free sentences common to all
// stories (wire boilerplate, stock phrases), so that share of an article's
// sentences is found verbatim in other stories at any corpus size
// (tools/sentence_reuse.py measures it on real news and on the output).
// The bank holds a few thousand name words, so at 100,000 stories and more
// unrelated stories share several names; `invented_names` replaces a share
// of them with names made up for the story.
//
// Every article is regenerated from its own seed, so memory
// stays flat however many articles are written, and the same options give
// the same corpus on every machine (only std::mt19937_64, whose output the
// standard fixes, and no std:: distributions).
//
// Thread-compatible; GenerateCorpus is a pure function of its inputs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/article.h"

namespace rashomon {

struct CorpusGenOptions {
  size_t articles = 1000;
  // Target body length; news articles run 2-6 KB.
  size_t article_bytes = 4000;
  // Mean articles per story (originals and derived ones together).
  size_t articles_per_story = 8;
  // Shares of derived articles; the rest are originals.
  double exact_fraction = 0.05;
  double near_fraction = 0.15;
  double rewrite_fraction = 0.10;
  // Near-duplicates edit words at a rate uniform in [0, this]: 0.03 spreads
  // their true 5-shingle Jaccard from 1 down to about 0.7.
  double near_edit_rate_max = 0.03;
  // Share of sentences a rewrite replaces.
  double rewrite_replace = 0.4;
  // Share of a story's sentences taken from the stock shared by all stories;
  // negative: the old model, every pool drawn from the whole bank.
  double shared_sentences = -1;
  // With own sentences: the share of a story's name words that are invented
  // for it (syllables drawn from the story's seed, so the name stock grows
  // with the corpus, as a real stream's does); the rest are the bank's name
  // words, which many stories share (the well-known people and places).
  double invented_names = 0;
  // Publication times: 0 gives none; else the corpus spans articles /
  // articles_per_day days from 2020-01-01, each story starts on a day drawn
  // in that span and its articles appear within its first three days (a news
  // stream, where a story's reports sit close in time).
  size_t articles_per_day = 0;
  uint64_t seed = 1;
};

enum class GenKind { kOriginal, kExact, kNear, kRewrite };
std::string_view GenKindName(GenKind kind);  // "original", "exact", "near", "rewrite"

struct GoldRecord {
  std::string article;
  std::string story;
  GenKind kind = GenKind::kOriginal;
  std::string of;  // the original a derived article came from; empty for originals
};

// Sentences of running text: split after . ! ? (and closing quotes) before
// whitespace, and at line breaks; only sentences of 5 to 80 words are kept.
std::vector<std::string> SplitSentences(std::string_view text);

// Calls sink(article, gold) for each generated article, in order.
// REQUIRES: at least 50 distinct sentences.
Status GenerateCorpus(const std::vector<std::string>& sentences, const CorpusGenOptions& options,
                      const std::function<void(const Article&, const GoldRecord&)>& sink);

}  // namespace rashomon
