#include "sketch/lsh.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <string>

#include "sketch/shingle.h"

namespace rashomon {
namespace {

TEST(LshParamsTest, ChoiceFollowsTheSCurve) {
  LshParams p = ChooseLshParams(0.8, 128);
  EXPECT_EQ(p.bands, 21);
  EXPECT_EQ(p.rows, 6);
  EXPECT_GE(LshCandidateProbability(0.8, p), 0.99);
  EXPECT_LT(LshCandidateProbability(0.3, p), 0.02);
  // One more row per band would miss too many pairs at the threshold.
  EXPECT_LT(LshCandidateProbability(0.8, {128 / 7, 7}), 0.99);
  // The curve rises with s.
  double last = 0;
  for (double s = 0.05; s <= 1.0; s += 0.05) {
    double q = LshCandidateProbability(s, p);
    EXPECT_GE(q, last);
    last = q;
  }
  // A lower threshold needs shorter bands.
  EXPECT_LT(ChooseLshParams(0.5, 128).rows, p.rows);
  EXPECT_GE(ChooseLshParams(0.95, 128).rows, p.rows);
}

Signature RandomSignature(std::mt19937_64& rng) {
  Signature s(128);
  for (uint32_t& v : s) v = static_cast<uint32_t>(rng());
  return s;
}

// Copy of `s` with `changes` positions replaced.
Signature Perturb(Signature s, int changes, std::mt19937_64& rng) {
  for (int c = 0; c < changes; ++c) s[rng() % s.size()] = static_cast<uint32_t>(rng());
  return s;
}

TEST(LshIndexTest, FindsSimilarAndSkipsDissimilar) {
  std::mt19937_64 rng(1);
  LshIndex index;
  Signature a = RandomSignature(rng);
  Signature b = RandomSignature(rng);
  EXPECT_EQ(index.Insert(a), 0u);
  EXPECT_EQ(index.Insert(b), 1u);
  std::vector<LshIndex::Match> m;
  index.Query(Perturb(a, 6, rng), &m);  // ~0.95 similar
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].id, 0u);
  EXPECT_GT(m[0].similarity, 0.9);
  index.Query(Perturb(a, 60, rng), &m);  // ~0.55 similar: may be a candidate, never a match
  EXPECT_TRUE(m.empty());
  index.Query(RandomSignature(rng), &m);
  EXPECT_TRUE(m.empty());
  index.Query(b, &m);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].id, 1u);
  EXPECT_DOUBLE_EQ(m[0].similarity, 1.0);
  EXPECT_NEAR(index.Similarity(0, 1), 0.0, 0.03);
}

TEST(LshIndexTest, EmptyOrWrongSizeSignaturesNeverMatch) {
  LshIndex index;
  EXPECT_EQ(index.Insert(Signature{}), 0u);
  EXPECT_EQ(index.Insert(Signature(5, 1)), 1u);
  std::vector<LshIndex::Match> m;
  index.Query(Signature{}, &m);
  EXPECT_TRUE(m.empty());
  index.Query(Signature(5, 1), &m);
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(index.size(), 2u);
}

TEST(LshIndexTest, ExactCopiesAreAllFoundUpToTheChainLimit) {
  std::mt19937_64 rng(2);
  LshOptions o;
  o.max_chain = 10;
  LshIndex index(o);
  Signature a = RandomSignature(rng);
  for (int i = 0; i < 25; ++i) index.Insert(a);
  std::vector<LshIndex::Match> m;
  index.Query(a, &m);
  ASSERT_EQ(m.size(), 10u);
  EXPECT_EQ(m.front().id, 15u);  // the newest ten
  EXPECT_EQ(m.back().id, 24u);
}

TEST(LshIndexTest, MemoryIsWellUnderOneKilobytePerSignature) {
  std::mt19937_64 rng(3);
  LshIndex index;
  const size_t n = 20000;
  index.Reserve(n);
  for (size_t i = 0; i < n; ++i) index.Insert(RandomSignature(rng));
  double per = static_cast<double>(index.MemoryBytes()) / n;
  EXPECT_LT(per, 700.0) << per << " bytes per signature";
  EXPECT_GT(per, 256.0);  // the fingerprints alone are 256 bytes
}

// 256 values keep 8 bits each; bands still come from the first 128 values.
// Pairs that agree in exactly k of 256 positions are estimated at k/256 on
// average once the 2^-8 chance agreement of fingerprints is removed.
TEST(LshIndexTest, EightBitFingerprintsEstimateWithoutBias) {
  std::mt19937_64 rng(5);
  LshOptions o;
  o.num_values = 256;
  LshIndex index(o);
  EXPECT_EQ(index.params().bands, 21);
  EXPECT_EQ(index.params().rows, 6);
  const int kPairs = 400;
  double sum_err = 0;
  for (int p = 0; p < kPairs; ++p) {
    Signature a(256), b;
    for (uint32_t& v : a) v = static_cast<uint32_t>(rng());
    b = a;
    const int changed = static_cast<int>(rng() % 128);  // truth from 1 down to 0.5
    for (int k = 0; k < changed; ++k) b[static_cast<size_t>(k) * 2] ^= 1 + static_cast<uint32_t>(rng() % 0xFFFF);
    const uint32_t ia = index.Insert(a), ib = index.Insert(b);
    sum_err += index.Similarity(ia, ib) - (256.0 - changed) / 256.0;
  }
  EXPECT_NEAR(sum_err / kPairs, 0.0, 0.004);
  // 16-bit fingerprints at 128 values, as before.
  LshIndex narrow;
  Signature a = RandomSignature(rng);
  narrow.Insert(a);
  narrow.Insert(Perturb(a, 0, rng));
  EXPECT_DOUBLE_EQ(narrow.Similarity(0, 1), 1.0);
  EXPECT_LT(narrow.MemoryBytes(), index.MemoryBytes());
}

// Fewer bits per value: still unbiased once chance agreement is removed,
// noisier the fewer bits, and the fingerprints shrink in proportion.
TEST(LshIndexTest, NarrowFingerprintsEstimateWithoutBiasInLessMemory) {
  std::mt19937_64 rng(8);
  std::vector<double> spread;
  for (int bits : {1, 2, 4, 8}) {
    SCOPED_TRACE(bits);
    LshOptions o;
    o.num_values = 256;
    o.fingerprint_bits = bits;
    LshIndex index(o);
    EXPECT_EQ(index.fingerprint_bits(), bits);
    const int kPairs = 600;
    double sum_err = 0, sum_sq = 0;
    for (int p = 0; p < kPairs; ++p) {
      Signature a(256), b;
      for (uint32_t& v : a) v = static_cast<uint32_t>(rng());
      b = a;
      const int changed = static_cast<int>(rng() % 128);
      for (int k = 0; k < changed; ++k) b[static_cast<size_t>(k) * 2] = static_cast<uint32_t>(rng());
      const uint32_t ia = index.Insert(a), ib = index.Insert(b);
      const double err = index.Similarity(ia, ib) - (256.0 - changed) / 256.0;
      sum_err += err;
      sum_sq += err * err;
      if (p == 0) {
        const uint32_t ic = index.Insert(a);
        EXPECT_DOUBLE_EQ(index.Similarity(ia, ic), 1.0);
      }
    }
    EXPECT_NEAR(sum_err / kPairs, 0.0, 0.008);
    spread.push_back(std::sqrt(sum_sq / kPairs));
  }
  EXPECT_GT(spread[0], spread[2]);  // 1 bit is noisier than 4
  EXPECT_LT(spread[2], 0.04);
  // Bytes per stored signature: 256 values of 4 bits take 128 bytes fewer
  // than of 8 bits.
  auto memory = [&](int bits, int values) {
    LshOptions o;
    o.num_values = values;
    o.fingerprint_bits = bits;
    LshIndex index(o);
    index.Reserve(1000);
    std::vector<uint32_t> v(static_cast<size_t>(values));
    for (int i = 0; i < 1000; ++i) {
      for (uint32_t& x : v) x = static_cast<uint32_t>(rng());
      index.Insert(v);
    }
    return static_cast<double>(index.MemoryBytes()) / 1000;
  };
  EXPECT_NEAR(memory(8, 256) - memory(4, 256), 128.0, 1.0);
  EXPECT_NEAR(memory(8, 256) - memory(1, 256), 224.0, 1.0);
}

// A count of values that does not fill the last 64-bit word: the padding
// lanes are not counted as agreement.
TEST(LshIndexTest, PackedFingerprintsOfAnOddLength) {
  std::mt19937_64 rng(9);
  LshOptions o;
  o.num_values = 100;
  o.fingerprint_bits = 4;  // 400 bits: 6.25 words
  LshIndex index(o);
  std::vector<uint32_t> a(100), b(100);
  for (uint32_t& x : a) x = static_cast<uint32_t>(rng());
  for (uint32_t& x : b) x = static_cast<uint32_t>(rng());
  index.Insert(a);
  index.Insert(b);
  index.Insert(a);
  EXPECT_DOUBLE_EQ(index.Similarity(0, 2), 1.0);
  EXPECT_LT(index.Similarity(0, 1), 0.15);
}

// Fingerprints taken out of the index estimate what the index estimates,
// at every width: distributed verification compares them away from it.
TEST(LshIndexTest, FingerprintsAwayFromTheIndexGiveItsEstimate) {
  std::mt19937_64 rng(13);
  for (int bits : {0, 2, 4, 8, 16}) {
    LshOptions o;
    o.num_values = 256;
    o.fingerprint_bits = bits;
    LshIndex index(o);
    std::vector<Signature> sigs;
    for (int i = 0; i < 40; ++i) {
      Signature s(256);
      if (i % 2 == 1) {
        s = sigs.back();
        for (int k = 0; k < i; ++k) s[static_cast<size_t>(k) * 3] ^= 1 + static_cast<uint32_t>(rng() % 0xFFFF);
      } else {
        for (uint32_t& v : s) v = static_cast<uint32_t>(rng());
      }
      sigs.push_back(s);
      index.Insert(s);
    }
    const size_t width = index.fingerprint_bytes();
    EXPECT_EQ(width, bits == 2 ? 64u : bits == 4 ? 128u : bits == 16 ? 512u : 256u);
    std::vector<uint8_t> fa(width), fb(width);
    for (uint32_t a = 0; a < sigs.size(); ++a) {
      for (uint32_t b = a; b < sigs.size(); b += 1 + a % 3) {
        index.Fingerprints(sigs[a], fa.data());
        index.Fingerprints(sigs[b], fb.data());
        EXPECT_DOUBLE_EQ(index.FingerprintSimilarity(fa.data(), fb.data()), index.Similarity(a, b))
            << "bits " << bits << ", pair " << a << " " << b;
      }
    }
  }
}

// The streaming call finds what Query finds and assigns the ids Insert does.
TEST(LshIndexTest, QueryInsertEqualsQueryThenInsert) {
  std::mt19937_64 rng(6);
  LshOptions o;
  o.num_values = 256;
  LshIndex a(o), b(o);
  std::vector<Signature> stored;
  std::vector<LshIndex::Match> ma, mb;
  size_t matched = 0;
  for (int i = 0; i < 3000; ++i) {
    Signature s(256);
    if (!stored.empty() && rng() % 3 == 0) {
      s = stored[rng() % stored.size()];
      for (int k = 0, n = static_cast<int>(rng() % 60); k < n; ++k) s[rng() % 256] = static_cast<uint32_t>(rng());
    } else {
      for (uint32_t& v : s) v = static_cast<uint32_t>(rng());
    }
    if (i % 500 == 7) s.clear();  // an empty signature gets an id too
    a.Query(s, &ma);
    const uint32_t ida = a.Insert(s);
    const uint32_t idb = b.QueryInsert(s, &mb);
    ASSERT_EQ(ida, idb);
    ASSERT_EQ(ma.size(), mb.size()) << i;
    for (size_t k = 0; k < ma.size(); ++k) {
      EXPECT_EQ(ma[k].id, mb[k].id);
      EXPECT_DOUBLE_EQ(ma[k].similarity, mb[k].similarity);
    }
    matched += ma.size();
    stored.push_back(s);
  }
  EXPECT_GT(matched, 300u);  // the near copies were found
  EXPECT_EQ(a.MemoryBytes(), b.MemoryBytes());
}

// Sizing the index ahead (too small, right or too large) changes no answer.
TEST(LshIndexTest, ReserveChangesNoAnswer) {
  for (size_t reserve : {size_t{100}, size_t{2000}, size_t{50000}}) {
    std::mt19937_64 rng(7);
    LshIndex plain, sized;
    sized.Reserve(reserve);
    const size_t reserved_bytes = sized.MemoryBytes();
    std::vector<Signature> stored;
    std::vector<LshIndex::Match> ma, mb;
    size_t matched = 0;
    for (int i = 0; i < 2000; ++i) {
      Signature s = RandomSignature(rng);
      if (!stored.empty() && rng() % 3 == 0) {
        s = stored[rng() % stored.size()];
        for (int k = 0, n = static_cast<int>(rng() % 30); k < n; ++k) s[rng() % s.size()] = static_cast<uint32_t>(rng());
      }
      ASSERT_EQ(plain.QueryInsert(s, &ma), sized.QueryInsert(s, &mb));
      ASSERT_EQ(ma.size(), mb.size()) << reserve << " " << i;
      for (size_t k = 0; k < ma.size(); ++k) {
        EXPECT_EQ(ma[k].id, mb[k].id);
        EXPECT_DOUBLE_EQ(ma[k].similarity, mb[k].similarity);
      }
      matched += ma.size();
      stored.push_back(s);
    }
    EXPECT_GT(matched, 200u);
    // Room made ahead is held from the start; past it the arrays grow.
    EXPECT_GE(reserved_bytes, reserve * sized.fingerprint_bytes());
    EXPECT_GE(sized.MemoryBytes(), 2000 * sized.fingerprint_bytes());
  }
}

// ---------------------------------------------------------------------------
// Differential test: LSH + verification against exact Jaccard of all pairs on
// the same shingles, over synthetic documents with planted near-duplicates.

std::vector<std::string> MakeVocabulary(std::mt19937_64& rng, int size) {
  std::vector<std::string> words;
  for (int i = 0; i < size; ++i) {
    std::string w;
    int len = 2 + static_cast<int>(rng() % 8);
    for (int c = 0; c < len; ++c) w.push_back(static_cast<char>('a' + rng() % 26));
    words.push_back(w);
  }
  return words;
}

std::vector<std::string> Edit(const std::vector<std::string>& doc, double rate,
                              const std::vector<std::string>& vocab, std::mt19937_64& rng) {
  std::vector<std::string> out;
  std::uniform_real_distribution<double> u(0, 1);
  for (const std::string& w : doc) {
    if (u(rng) >= rate) {
      out.push_back(w);
      continue;
    }
    switch (rng() % 3) {
      case 0:
        out.push_back(vocab[rng() % vocab.size()]);
        break;  // substitute
      case 1:
        break;  // delete
      default:
        out.push_back(w);
        out.push_back(vocab[rng() % vocab.size()]);  // insert
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string s;
  for (size_t i = 0; i < words.size(); ++i) s += (i % 17 == 16 ? ". " : " ") + words[i];
  return s;
}

double ExactJaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t i = 0, j = 0, inter = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++inter;
      ++i;
      ++j;
    } else if (a[i] < b[j])
      ++i;
    else
      ++j;
  }
  size_t uni = a.size() + b.size() - inter;
  return uni == 0 ? 0.0 : static_cast<double>(inter) / uni;
}

TEST(LshDifferentialTest, RecallAndPrecisionAgainstExactJaccard) {
  std::mt19937_64 rng(424242);
  std::vector<std::string> vocab = MakeVocabulary(rng, 3000);
  std::vector<std::string> texts;
  std::vector<int> family;  // the original a text was copied from
  // 200 originals; each gets 0-3 edited copies, a quarter of them exact and
  // the rest at a word edit rate uniform in [0, 0.12], so true similarities
  // spread evenly from 1 down to ~0.3 across the threshold; copies of copies
  // make chains.
  std::uniform_real_distribution<double> edit_rate(0.0, 0.12);
  for (int d = 0; d < 200; ++d) {
    std::vector<std::string> doc;
    int len = 80 + static_cast<int>(rng() % 500);
    for (int w = 0; w < len; ++w) doc.push_back(vocab[rng() % vocab.size()]);
    texts.push_back(Join(doc));
    family.push_back(d);
    int copies = static_cast<int>(rng() % 4);
    std::vector<std::string> last = doc;
    for (int c = 0; c < copies; ++c) {
      const std::vector<std::string>& from = (rng() % 2) ? doc : last;
      last = Edit(from, rng() % 4 == 0 ? 0.0 : edit_rate(rng), vocab, rng);
      texts.push_back(Join(last));
      family.push_back(d);
    }
  }
  {
    std::vector<size_t> order(texts.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<std::string> t2;
    std::vector<int> f2;
    for (size_t i : order) {
      t2.push_back(std::move(texts[i]));
      f2.push_back(family[i]);
    }
    texts = std::move(t2);
    family = std::move(f2);
  }
  ASSERT_GE(texts.size(), 250u);

  // Pooled over twenty hash seeds: one seed's estimates are a single draw of
  // the estimator's noise, and at 128 values a single draw moves precision
  // by a point or two. Texts of different families share no 5-word shingle
  // in practice (random words from 3,000), so exact similarity is computed
  // within families only; a predicted pair across families counts as false.
  // Both layouts are checked: 128 values of 16-bit fingerprints and 256 of
  // 8 bits (dedup's default).
  for (int values : {128, 256}) {
    size_t truth = 0, hit = 0, near_threshold = 0, predicted = 0;
    for (uint64_t run = 0; run < 20; ++run) {
      ShingleOptions so;
      so.seed = kDefaultHashSeed + run;
      Shingler shingler(so);
      MinHashOptions mo;
      mo.num_values = values;
      MinHasher hasher(mo);
      LshOptions lo;  // threshold 0.8
      lo.num_values = values;
      LshIndex index(lo);
      std::vector<std::vector<uint64_t>> sets(texts.size());
      std::set<std::pair<uint32_t, uint32_t>> found;
      std::vector<LshIndex::Match> m;
      Signature sig;
      for (size_t i = 0; i < texts.size(); ++i) {
        shingler.ShingleHashes(texts[i], &sets[i]);
        hasher.Sign(sets[i], &sig);
        std::sort(sets[i].begin(), sets[i].end());
        sets[i].erase(std::unique(sets[i].begin(), sets[i].end()), sets[i].end());
        index.QueryInsert(sig, &m);
        for (const auto& x : m) found.insert({x.id, static_cast<uint32_t>(i)});
      }
      predicted += found.size();
      for (uint32_t j = 0; j < texts.size(); ++j) {
        for (uint32_t i = 0; i < j; ++i) {
          if (family[i] != family[j]) continue;
          double exact = ExactJaccard(sets[i], sets[j]);
          if (std::abs(exact - 0.8) < 0.05) ++near_threshold;
          if (exact >= 0.8) {
            ++truth;
            hit += found.count({i, j});
          }
        }
      }
    }
    ASSERT_GT(truth, 2000u);
    ASSERT_GT(near_threshold, 200u);  // the test is not all easy pairs
    double recall = static_cast<double>(hit) / truth;
    double precision = static_cast<double>(hit) / predicted;
    EXPECT_GE(recall, 0.95) << values << " values: " << hit << " of " << truth;
    EXPECT_GE(precision, 0.95) << values << " values: " << hit << " of " << predicted;
    std::printf(
        "differential, %d values: %zu true pairs (%zu within 0.05 of the threshold), recall %.3f, "
        "precision %.3f\n",
        values, truth, near_threshold, recall, precision);
  }
}

}  // namespace
}  // namespace rashomon
