// The join decision: how likely two articles report the same event, from
// their topic similarity and the agreement of their event anchors
// (stories/anchors.h). A logistic regression whose weights are fitted by
// tools/fit_join.py on development data only (ECB+ topics 1-35, MEANTIME,
// the UCI sample and same-kind event streams made of their text) and
// committed here with a version; average linkage (stories/cluster.h) then
// merges stories while the mean probability across them stays at or above
// ClusterOptions::join_threshold, so every member agrees with the story,
// not only with one neighbour.
//
// The model's log-odds are b + a * log(topic) + sum_k w_k * f_k. Average
// linkage needs a weight on the similarity scale, so a pair's join score is
// the similarity its anchors make it worth: exp((log-odds - b) / a) =
// topic * exp(sum_k w_k f_k / a). The score is monotone in the log-odds, so
// a pair's score reaches a threshold t exactly when its probability reaches
// sigmoid(b + a * log t); with no anchors the score is the similarity.
//
// Dates only ever count against a join: a wrong date can keep an article
// out of a story, never pull it into one.
#pragma once

#include <array>
#include <optional>
#include <optional>
#include <cstdint>

namespace rashomon {

struct EventAnchors;

// Version of the fitted weights below; bump on refitting. Version 2:
// `tools/fit_join.py --families 14` (the "who" family left out: its name
// conflict cost ECB+ and helped no development set).
inline constexpr int kJoinModelVersion = 2;

// The feature families, for ablations: a cleared bit zeroes its features.
namespace join_family {
inline constexpr uint32_t kWho = 1 << 0;
inline constexpr uint32_t kWhere = 1 << 1;
inline constexpr uint32_t kWhen = 1 << 2;
inline constexpr uint32_t kWhat = 1 << 3;
inline constexpr uint32_t kAll = kWho | kWhere | kWhen | kWhat;
}  // namespace join_family

enum JoinFeature : int {
  kTopic = 0,         // log of the neighbour-smoothed topic similarity
  kWhoShared,         // shared name words over the smaller set
  kWhoConflict,       // both name two or more words, none shared
  kPlaceSame,         // the same most specific place
  kPlaceConflict,     // different most specific places, no place word shared
  kDaysText,          // log(1 + days apart beyond one), both days full dates in the text
  kDaysPublished,     // log(1 + days apart beyond two), both days read against the publication time
  kWhatShared,        // shared head terms over the smaller set
  kNumbersConflict,   // both give counts, none shared
  kJoinFeatures
};

using JoinFeatures = std::array<float, kJoinFeatures>;

struct JoinWeights {
  float bias;
  JoinFeatures w;
};

// The committed weights (version kJoinModelVersion), printed by
// tools/fit_join.py.
inline constexpr JoinWeights kDefaultJoinWeights = {
    2.7283f,
    {2.0965f, 0.0000f, 0.0000f, 0.0000f, 0.0000f, 0.0000f, 0.0000f, 0.0000f, -0.5283f},
};

// The features of a pair given its topic similarity; families not in
// `families` are zero.
JoinFeatures PairJoinFeatures(float topic, const EventAnchors& a, const EventAnchors& b,
                              uint32_t families = join_family::kAll);

// The probability that the pair tells the same story. Date features never
// raise it (their terms are capped at 0).
float JoinProbability(const JoinFeatures& f, const JoinWeights& weights = kDefaultJoinWeights);
// The pair's join score (above). Date features never raise it.
float JoinScore(const JoinFeatures& f, const JoinWeights& weights = kDefaultJoinWeights);

// Strong anchor disagreement, which keeps two articles apart however close
// their vocabulary (two events of one kind in one period):
// - other place and other people: both name a most specific place, the
//   places differ and share no place word, and both name two or more name
//   words with none in common (two shootings in two cities, two victims);
// - event days apart and other people: both days read in the text on the
//   same clock (two full dates, or two dates resolved against publication
//   times that are themselves more than `max_days` apart: `published_apart`
//   days, negative when unknown), more than `max_days` apart, and both
//   name someone, nobody in common (three fires in one city a week apart,
//   on three streets).
// Name words count across people and places (a place read as a name is
// still shared), and the first rule needs two name words on each side.
// The publication day alone never vetoes: a wrong clock may keep an
// article out of a story through the similarity's time damping, but two
// articles only conflict on what their texts say. Families not in
// `families` take no part (kWho and kWhere for the first rule, kWho and
// kWhen for the second).
enum class AnchorVeto { kNone, kPlaceAndPeople, kEventDays };
AnchorVeto StrongAnchorConflict(const EventAnchors& a, const EventAnchors& b, int max_days, int64_t published_apart,
                                uint32_t families = join_family::kAll);
// Whole days between two publication days (PublicationDay: clocks before
// 1990 are unknown), or -1 when either is unknown.
int64_t PublishedDaysApart(std::optional<int64_t> a, std::optional<int64_t> b);

}  // namespace rashomon
