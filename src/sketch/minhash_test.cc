#include "sketch/minhash.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "sketch/shingle.h"

namespace rashomon {
namespace {

// Two random sets with |A ∪ B| = u and |A ∩ B| = i; returns exact Jaccard.
double RandomPair(std::mt19937_64& rng, size_t u, size_t i, std::vector<uint64_t>* a,
                  std::vector<uint64_t>* b) {
  a->clear();
  b->clear();
  for (size_t k = 0; k < u; ++k) {
    uint64_t h = rng();
    if (k < i) {
      a->push_back(h);
      b->push_back(h);
    } else if ((k - i) % 2 == 0) {
      a->push_back(h);
    } else {
      b->push_back(h);
    }
  }
  return static_cast<double>(i) / static_cast<double>(u);
}

TEST(MinHashTest, IdenticalSetsGiveIdenticalSignaturesWhateverTheOrder) {
  MinHasher hasher;
  std::vector<uint64_t> h = {11, 22, 33, 44, 55, 66};
  std::vector<uint64_t> shuffled = {66, 33, 11, 55, 22, 44, 33, 33};  // repeats do not count
  Signature a, b;
  hasher.Sign(h, &a);
  hasher.Sign(shuffled, &b);
  ASSERT_EQ(a.size(), 128u);
  EXPECT_EQ(a, b);
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, b), 1.0);
}

TEST(MinHashTest, EmptySetHasEmptySignatureThatMatchesNothing) {
  MinHasher hasher;
  Signature e, x;
  hasher.Sign(std::vector<uint64_t>{}, &e);
  hasher.Sign(std::vector<uint64_t>{1, 2, 3}, &x);
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(EstimateJaccard(e, e), 0.0);
  EXPECT_EQ(EstimateJaccard(e, x), 0.0);
}

TEST(MinHashTest, ConfigurableNumberOfValues) {
  MinHashOptions o;
  o.num_values = 37;  // not a power of two
  MinHasher hasher(o);
  Signature s;
  hasher.Sign(std::vector<uint64_t>{5, 6, 7}, &s);
  EXPECT_EQ(s.size(), 37u);
}

// Signatures must not change between runs, compilers or machines: they are
// persisted and compared across processes. If this fails, the hash scheme
// changed: bump kSignatureVersion (and the store format version if signatures
// are persisted) and update the values here.
TEST(MinHashTest, SignatureValuesArePinned) {
  Shingler shingler;
  MinHasher hasher;
  std::vector<uint64_t> h;
  shingler.ShingleHashes(
      "The ferry carrying 212 passengers capsized off the northern coast on Tuesday morning, "
      "officials said, and rescue boats reached the site within an hour.",
      &h);
  ASSERT_EQ(h.size(), 20u);  // 24 words
  Signature s;
  hasher.Sign(h, &s);
  ASSERT_EQ(s.size(), 128u);
  EXPECT_EQ(s[0], 4009051544u);
  EXPECT_EQ(s[1], 1714654704u);
  EXPECT_EQ(s[64], 1822664239u);
  EXPECT_EQ(s[127], 243172832u);
}

// The estimator is unbiased: over many random pairs of every size (small sets
// leave most bins empty and exercise densification) and similarity, the mean
// error is ~0 and the mean squared error is near J(1-J)/n.
TEST(MinHashTest, EstimateIsUnbiasedAgainstExactJaccard) {
  std::mt19937_64 rng(20261121);
  MinHasher hasher;
  const int kPairs = 3000;
  std::vector<uint64_t> a, b;
  Signature sa, sb;
  double sum_err = 0, sum_sq = 0, sum_theory = 0;
  double small_sum_err = 0;
  int small = 0;
  for (int p = 0; p < kPairs; ++p) {
    size_t u = 2 + rng() % 3000;
    size_t i = rng() % (u + 1);
    double exact = RandomPair(rng, u, i, &a, &b);
    if (a.empty() || b.empty()) continue;
    hasher.Sign(a, &sa);
    hasher.Sign(b, &sb);
    double err = EstimateJaccard(sa, sb) - exact;
    sum_err += err;
    sum_sq += err * err;
    sum_theory += exact * (1 - exact) / 128.0;
    if (u < 128) {
      small_sum_err += err;
      ++small;
    }
  }
  double mean = sum_err / kPairs;
  double mse = sum_sq / kPairs;
  double theory = sum_theory / kPairs;
  double se = std::sqrt(mse / kPairs);
  EXPECT_LT(std::abs(mean), 4 * se) << "mean error " << mean << ", standard error " << se;
  EXPECT_LT(std::abs(mean), 0.004);
  EXPECT_LT(mse, 1.3 * theory) << "mse " << mse << " vs J(1-J)/n " << theory;
  EXPECT_GT(mse, 0.3 * theory);  // a real estimate, not a copy of the exact value
  ASSERT_GT(small, 50);
  EXPECT_LT(std::abs(small_sum_err / small), 0.015) << "densified (small) sets are biased";
}

TEST(MinHashTest, DisjointAndHalfOverlappingSets) {
  std::mt19937_64 rng(7);
  MinHasher hasher;
  std::vector<uint64_t> a, b;
  Signature sa, sb;
  RandomPair(rng, 4000, 0, &a, &b);
  hasher.Sign(a, &sa);
  hasher.Sign(b, &sb);
  EXPECT_LT(EstimateJaccard(sa, sb), 0.03);
  RandomPair(rng, 4000, 2000, &a, &b);
  hasher.Sign(a, &sa);
  hasher.Sign(b, &sb);
  EXPECT_NEAR(EstimateJaccard(sa, sb), 0.5, 0.15);
}

}  // namespace
}  // namespace rashomon
