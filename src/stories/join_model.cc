#include "stories/join_model.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "base/sorted.h"
#include "stories/anchors.h"

namespace rashomon {
namespace {

float SharedOverSmaller(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  const size_t smaller = std::min(a.size(), b.size());
  if (smaller == 0) return 0.0f;
  return static_cast<float>(SortedIntersectionSize(a, b)) / static_cast<float>(smaller);
}

// The similarity below which log(topic) stops falling (edges start at 0.04).
constexpr float kMinTopic = 1e-3f;

// sum_k w_k f_k over the anchor features, date terms capped at 0.
double AnchorTerms(const JoinFeatures& f, const JoinWeights& weights) {
  double z = 0;
  for (int k = kTopic + 1; k < kJoinFeatures; ++k) {
    double term = static_cast<double>(weights.w[k]) * f[k];
    if ((k == kDaysText || k == kDaysPublished) && term > 0) term = 0;
    z += term;
  }
  return z;
}

}  // namespace

JoinFeatures PairJoinFeatures(float topic, const EventAnchors& a, const EventAnchors& b, uint32_t families) {
  JoinFeatures f{};
  f[kTopic] = std::log(std::max(topic, kMinTopic));
  if (families & join_family::kWho) {
    f[kWhoShared] = SharedOverSmaller(a.who, b.who);
    f[kWhoConflict] = a.who.size() >= 2 && b.who.size() >= 2 && SortedIntersectionSize(a.who, b.who) == 0 ? 1.0f : 0.0f;
  }
  if (families & join_family::kWhere) {
    if (a.place != 0 && b.place != 0) {
      // Different places conflict only when no place word is shared
      // ("Springfield" vs "Springfield, Ohio" do not).
      const bool same = a.place == b.place;
      f[kPlaceSame] = same ? 1.0f : 0.0f;
      f[kPlaceConflict] = !same && SortedIntersectionSize(a.where, b.where) == 0 ? 1.0f : 0.0f;
    }
  }
  if ((families & join_family::kWhen) && a.has_day() && b.has_day()) {
    // Reports of one event are dated a day or two apart (time zones, late
    // write-ups); only the days beyond that count.
    const int64_t days = std::abs(static_cast<int64_t>(a.day) - b.day);
    // A full date in the text and a day read against a publication time
    // run on two clocks (the publication time may be wrong): not compared.
    if (a.day_explicit && b.day_explicit) {
      f[kDaysText] = std::log1p(static_cast<float>(std::max<int64_t>(0, days - 1)));
    } else if (!a.day_explicit && !b.day_explicit) {
      f[kDaysPublished] = std::log1p(static_cast<float>(std::max<int64_t>(0, days - 2)));
    }
  }
  if (families & join_family::kWhat) {
    f[kWhatShared] = SharedOverSmaller(a.what, b.what);
    f[kNumbersConflict] = !a.numbers.empty() && !b.numbers.empty() && SortedIntersectionSize(a.numbers, b.numbers) == 0 ? 1.0f : 0.0f;
  }
  return f;
}

float JoinProbability(const JoinFeatures& f, const JoinWeights& weights) {
  const double z = weights.bias + weights.w[kTopic] * f[kTopic] + AnchorTerms(f, weights);
  return static_cast<float>(1.0 / (1.0 + std::exp(-z)));
}

float JoinScore(const JoinFeatures& f, const JoinWeights& weights) {
  const double a = weights.w[kTopic] > 0 ? weights.w[kTopic] : 1.0;
  return static_cast<float>(std::exp(f[kTopic] + AnchorTerms(f, weights) / a));
}

AnchorVeto StrongAnchorConflict(const EventAnchors& a, const EventAnchors& b, int max_days, int64_t published_apart,
                                uint32_t families) {
  // Name words of either kind: a place read as a name (or a name after
  // "to") still counts as shared.
  const bool who_apart = !a.who.empty() && !b.who.empty() && SortedIntersectionSize(a.who, b.who) == 0;
  const uint32_t place_and_people = join_family::kWho | join_family::kWhere;
  if ((families & place_and_people) == place_and_people && who_apart && a.who.size() >= 2 && b.who.size() >= 2 &&
      a.place != 0 && b.place != 0 && a.place != b.place && SortedIntersectionSize(a.where, b.where) == 0 &&
      SortedIntersectionSize(a.who, b.where) == 0 && SortedIntersectionSize(a.where, b.who) == 0) {
    return AnchorVeto::kPlaceAndPeople;
  }
  const uint32_t when_and_people = join_family::kWho | join_family::kWhen;
  if ((families & when_and_people) == when_and_people && who_apart && a.has_day() && b.has_day() &&
      a.day_from_text && b.day_from_text && a.day_explicit == b.day_explicit) {
    const int64_t days = std::abs(static_cast<int64_t>(a.day) - b.day);
    // Days read against the publication times are only as far apart as
    // the publications: two reports a day apart may resolve one "Tuesday"
    // a week apart (a weekday ahead read as the one before).
    const bool clocks_agree = a.day_explicit || published_apart > max_days;
    if (days > max_days && clocks_agree) return AnchorVeto::kEventDays;
  }
  return AnchorVeto::kNone;
}

int64_t PublishedDaysApart(std::optional<int64_t> a, std::optional<int64_t> b) {
  const std::optional<int32_t> da = PublicationDay(a), db = PublicationDay(b);
  if (!da || !db) return -1;
  return std::abs(static_cast<int64_t>(*da) - *db);
}

}  // namespace rashomon
