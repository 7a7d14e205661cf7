// Average-linkage agglomerative clustering over a sparse similarity graph.
//
// Items are L2-normalised sparse vectors; similarity is their dot product,
// damped by the gap between publication times when both are known. Only
// pairs that share a term are compared (through an inverted index), and
// missing pairs count as similarity 0, so the cost follows the number of
// related pairs, not n^2. Clusters merge while the average similarity
// between all their members stays at or above the threshold: one loose link
// (single linkage's failure) cannot chain two events together.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "sketch/term_vector.h"
#include "stories/anchors.h"
#include "stories/join_model.h"
#include "stories/candidates.h"

namespace rashomon {

// The story-level merge pass of bounded clustering (ClusterOptions::merge):
// a story of many members, each compared with a bounded number of
// candidates, can come out of average linkage in pieces, since the pairs
// never compared count as 0 there. Afterwards each story is summarised by
// a centroid (its strongest terms over a sample of members); stories whose
// centroids share terms (a bounded term index, stories/candidates.h) are
// compared through a sample of member pairs, each pair actually scored, and
// merge when the mean join score and the cross share pass the clustering's
// own rule (anchor vetoes included). The work per story is bounded, so the
// pass costs time linear in the corpus.
struct StoryMergeOptions {
  int rounds = 2;              // passes (each on the previous one's stories); 0 disables
  int centroid_members = 32;   // members summed into a centroid
  int centroid_terms = 48;     // terms kept in a centroid (and indexed)
  int candidates = 8;          // candidate stories per story
  int postings_per_term = 128; // stories read per centroid term
  int sample = 8;              // members per story in the sampled pairs
  float min_centroid_dot = 0.1f;  // centroid cosine for a pair to be scored
};

struct ClusterOptions {
  // Average cosine at which two clusters are the same story. Chosen on the
  // ECB+ development topics (see eval/README.md); a lower value merges more.
  float threshold = 0.20f;
  // Pairs below this similarity are not kept as graph edges (they would
  // barely move an average and cost memory).
  float min_edge = 0.04f;
  // Corpora up to this size compare every pair sharing a term (at most
  // small_corpus - 1 pairs per item). Larger ones compare each item with a
  // bounded number of candidates from a term index (stories/candidates.h),
  // so their cost grows linearly with the corpus. The sparse graph counts
  // pairs it never compared as 0 in the average, which splits large
  // stories: on the UCI headline sample (6,366 articles) story B-cubed F1 is
  // 0.754 exhaustive and 0.684 bounded. Exhaustive up to 8,000 articles
  // stays under about 1.5 GB.
  size_t small_corpus = 8000;
  CandidateOptions candidates;
  // Larger corpora are first folded into groups of near-duplicates (wire
  // copies, syndicated stories): items whose similarity without the
  // short-text boost (cosine times time damping) to a group's first member
  // is at least this. Each group is clustered as its first member weighted
  // by the group's size: a story in thousands of copies, each with only a
  // bounded number of candidates, would otherwise fall apart under average
  // linkage (its missing pairs count as 0). Near-duplicates sit far
  // above `threshold`, so average linkage would join them first anyway.
  // 1 or more disables the folding.
  float near_duplicate = 0.8f;
  // Only groups of at least this many near-duplicates are folded. Smaller
  // ones cost little unfolded (at most min_fold^2 / 2 pairs each) and fit in
  // their members' candidate lists; folding them would change the
  // shared-neighbour smoothing, which counts each copy as a neighbour.
  size_t min_fold = 32;
  // Publication-time damping: no effect within full_days; the similarity is
  // scaled down linearly to floor at zero_days apart.
  double full_days = 3.0;
  double zero_days = 30.0;
  float time_floor = 0.5f;
  // Weight left to the overall similarity when the names share nothing:
  // sim = cosine * (name_floor + (1 - name_floor) * name_cosine).
  // 1 disables the name term.
  float name_floor = 1.0f;
  // Items with fewer distinct names than this skip the name term.
  int min_names = 3;
  // Shared-nearest-neighbour smoothing: the similarity used for linkage is
  // (1 - snn_mix) * sim + snn_mix * snn, where snn is the share of the two
  // items' snn_k nearest neighbours (each item counting as its own) that they
  // have in common, halved unless one is among the other's neighbours. Two
  // reports of one event sit in the same dense neighbourhood; two events of
  // the same kind share words but not neighbours. snn_k = 0 disables it.
  int snn_k = 5;
  float snn_mix = 0.5f;
  // Only items at least this similar count as neighbours: in a small corpus
  // every item is among every other's k nearest, which says nothing.
  float snn_min_sim = 0.1f;
  // Short texts (headlines, briefs) share fewer words even when they tell
  // the same story, so their cosine runs low. A pair whose shorter member
  // has fewer than short_terms distinct terms has its similarity scaled by
  // (short_terms / terms) ^ short_power, at most max_short_boost.
  float short_terms = 12.0f;
  float short_power = 6.0f;
  float max_short_boost = 8.0f;
  // The learned join decision (stories/join_model.h): each edge's weight
  // becomes the probability that the pair tells the same story, from the
  // smoothed similarity and the event anchors, and stories merge while the
  // average probability across them is at least join_threshold (instead of
  // `threshold`). join_families masks feature families (ablations).
  bool join_model = true;
  float join_threshold = 0.19f;
  uint32_t join_families = join_family::kAll;
  // Strong anchor disagreement (StrongAnchorConflict in
  // stories/join_model.h) turns a pair's join score s into
  // -veto_penalty * s: the closer the vocabulary, the harder the pair
  // pulls its two stories apart in the average, so one close neighbour
  // cannot chain two events together, and a false veto on a loose pair
  // costs little. veto_days: event days further apart than this conflict.
  // 0 disables the veto.
  float veto_penalty = 1.0f;
  int veto_days = 4;
  // The place-and-people veto holds only while the two articles' proper
  // names over their whole texts (ClusterItem::names) stay below this
  // cosine: ledes may tell different parts of one story, whose reports
  // still name the same people further down.
  float veto_names = 0.1f;
  // Cross agreement (join model only): two stories of at least
  // cross_share_from members each merge only when at least cross_share of
  // their cross pairs that were compared (the graph's edges, weighted by
  // folded copies) have a join score at or above join_threshold, besides
  // their mean doing so. A few very close pairs cannot carry two stories
  // whose other members disagree. 0 disables the rule.
  float cross_share = 0.3f;
  float cross_share_from = 2.0f;
  // Short texts as evidence (join model): an item whose short-text boost b
  // exceeds the usual one u (the median item's in the clustering) counts
  // as (u / b) ^ short_evidence of a member in the averages and in the
  // cross share (a pair as the product of its members' shares). A one-line
  // brief is close to every report of its topic once boosted; counted as a
  // whole member, the story it joins becomes worth joining for each report
  // of another event of its topic in turn. Its own average with a story
  // is unchanged (the mean of its boosted pairs), so a brief still joins
  // its story; in a set of headlines, where short is usual, nothing
  // changes. 0 counts every item as one member.
  float short_evidence = 1.0f;
  JoinWeights join_weights = kDefaultJoinWeights;
  // Corpora above small_corpus only (bounded candidates).
  StoryMergeOptions merge;
  int threads = 0;  // 0: DefaultThreadCount()
};

struct ClusterItem {
  SparseVector vector;
  // Proper names only. When both items have names, a low name similarity
  // damps the overall one: two DUI arrests of two different players share
  // every word but the names.
  SparseVector names;
  std::optional<int64_t> published;  // UTC seconds
  // Who, where, when and what of the event (empty: no anchors known).
  EventAnchors anchors;
};

// Similarity of two items under the options (cosine times time damping).
float ItemSimilarity(const ClusterItem& a, const ClusterItem& b, const ClusterOptions& options);

// The weight average linkage gives a pair under the join model: its join
// score from the (smoothed) similarity and the anchors, or -veto_penalty on
// strong anchor disagreement (times its join score: a pair whose vocabulary
// is close pulls apart as hard as it would have pulled together).
float PairJoinScore(float similarity, const ClusterItem& a, const ClusterItem& b, const ClusterOptions& options);
// The strong anchor disagreement of a pair under the options
// (StrongAnchorConflict with the pair's publication days, the
// place-and-people rule only while their names stay below veto_names).
AnchorVeto PairVeto(const ClusterItem& a, const ClusterItem& b, const ClusterOptions& options);

// Returns a cluster label per item, labels 0..k-1 in order of first member.
std::vector<uint32_t> ClusterAverageLink(const std::vector<ClusterItem>& items,
                                         const ClusterOptions& options = {});

// The graph average linkage runs over, before the join decision: per item
// i, (j < i, neighbour-smoothed similarity) for every candidate pair.
std::vector<std::vector<std::pair<uint32_t, float>>> SimilarityGraph(const std::vector<ClusterItem>& items,
                                                                     const ClusterOptions& options = {});

// Continues agglomerating from the partition `initial` (a label per item)
// with the plain similarity (no neighbour smoothing), up to `threshold`:
// groups stories into topics.
std::vector<uint32_t> MergeClusters(const std::vector<ClusterItem>& items,
                                    const std::vector<uint32_t>& initial, float threshold,
                                    const ClusterOptions& options = {});

// Average linkage over a similarity graph given directly: edges[i] lists
// (j, similarity) pairs with j < i, each pair once; absent pairs count as 0.
// Clusters merge while their average similarity is >= threshold.
std::vector<uint32_t> ClusterGraphAverageLink(std::vector<std::vector<std::pair<uint32_t, float>>> edges,
                                              float threshold);

// The same clustering by brute force over all pairs: O(n^3), for tests.
std::vector<uint32_t> ClusterAverageLinkReference(const std::vector<ClusterItem>& items,
                                                  const ClusterOptions& options = {});

}  // namespace rashomon
