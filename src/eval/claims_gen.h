// Claim-level test stories: outlet copies of real articles, reworded by
// paraphrase rules, with recorded differences of each conflict kind planted
// in one copy, plus control stories whose copies differ only in wording.
//
// Model. A case is one story built from one source article: the source's
// first sentences (the original, outlet "outlet-a") and `copies` rewrites of
// it by other outlets. Every rewrite applies, sentence by sentence and with
// its own random choices: synonym swaps from a small general-English table,
// a fronted time or place phrase moved to the end, a trailing attribution
// ("..., officials said.") moved to the front, numbers rewritten in another
// form (1,500 / 1500, 72 percent / 72%, $4 billion / $4bn), contractions,
// and dropped sentences. A changed case then gets one difference in one
// rewrite, of one kind: a number's value, a person's title, a quote's
// wording, a two-word quote's wording (a sentence with a short quote is
// added to every article of the case), a name's spelling, a weekday or
// date, or a statement's polarity (negation, confirmed/denied). Every
// article's version of every source sentence is recorded, so a scorer can
// ask whether the analysis matched them across outlets.
//
// Nothing here knows the analysis; claims_eval.h scores a report against
// the cases. Deterministic: the same sources and options give the same cases
// on every machine (std::mt19937_64 only, no std:: distributions).
// Thread-compatible; GenerateClaimCases is a pure function of its inputs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/article.h"

namespace rashomon {

enum class ClaimKind { kNumber, kRole, kQuote, kShortQuote, kName, kDate, kPolarity };
inline constexpr int kClaimKinds = 7;
std::string_view ClaimKindName(ClaimKind kind);  // "number", "role", "quote", "short-quote", ...
// The report conflict kind that should flag a difference of `kind`.
std::string_view ConflictKindFor(ClaimKind kind);

struct ClaimGenOptions {
  size_t stories = 200;  // cases made, at most one per usable source article
  size_t copies = 3;     // rewrites per case besides the original
  // Share of cases left without a planted difference (controls).
  double control_fraction = 0.25;
  // Sentences taken from the start of each source article (5-80 words each).
  size_t min_sentences = 8;
  size_t max_sentences = 20;
  // Chance that a rewrite leaves out a sentence (never the changed one).
  double drop_rate = 0.12;
  // Chance that each applicable rewording rule fires on a sentence.
  double rule_rate = 0.5;
  // Articles of a case are published this many seconds apart, from base_time.
  int64_t spacing_seconds = 600;
  int64_t base_time = 1700000000;
  uint64_t seed = 1;
};

struct PlantedDifference {
  ClaimKind kind = ClaimKind::kNumber;
  std::string changed_article;             // the one rewrite that differs
  std::vector<std::string> other_articles;  // articles stating the original
  std::string original;  // the value, word or phrase as the source has it
  std::string changed;   // as the changed article has it
  size_t sentence = 0;   // index into ClaimCase::versions
};

struct ClaimCase {
  std::string story;  // "c0001"
  bool control = false;
  std::vector<Article> articles;  // articles[0] is the original
  std::vector<PlantedDifference> differences;  // empty for controls
  // versions[i][a]: article a's wording of source sentence i, empty when a
  // left it out.
  std::vector<std::vector<std::string>> versions;
};

// Builds cases from source articles (their title and text). Sources with
// fewer than min_sentences usable sentences are passed over.
std::vector<ClaimCase> GenerateClaimCases(const std::vector<Article>& sources, const ClaimGenOptions& options);

// The rewording rules on their own, for tests: one sentence rewritten with
// the given seed and rule rate (1.0 fires every applicable rule).
std::string ParaphraseSentence(std::string_view sentence, uint64_t seed, double rule_rate);

}  // namespace rashomon
