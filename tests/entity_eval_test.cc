// Name keys of entity merging on public data (ctest label "eval"): English
// spellings of Wikidata person names against their Russian spellings
// romanised by ICU (Any-Latin; Latin-ASCII), the kind of respelling two
// outlets or a machine translation produce. Reports how many differing
// spellings the keys join (with and without context) and how often they
// join two different names.
#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analysis/entities.h"
#include "analysis/entity_merge.h"
#include "base/test_util.h"

namespace rashomon {
namespace {

// The first `limit` pairs (English, romanised) of a wd_*_80 file whose two
// spellings differ and have at least five letters (shorter names never
// merge on keys).
std::vector<std::pair<std::string, std::string>> RomanisedPairs(const std::string& path, size_t limit) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> latin(
      icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  std::vector<std::pair<std::string, std::string>> out;
  if (U_FAILURE(status)) return out;
  std::ifstream in(path);
  std::string line;
  while (out.size() < limit && std::getline(in, line)) {
    size_t tab = line.find('\t'), tab2 = line.find('\t', tab + 1);
    if (tab == std::string::npos) continue;
    std::string english = line.substr(0, tab), native;
    for (char c : line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1)) {
      if (c != ' ') native.push_back(c);
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(native);
    latin->transliterate(u);
    std::string roman;
    u.toUTF8String(roman);
    if (english.size() < 5 || roman.size() < 5 || english == roman) continue;
    out.emplace_back(english, roman);
  }
  return out;
}

// The no-context merge of MergeOneWordVariants: same consonant skeleton of
// at least three consonants, keys close enough.
bool SkeletonMatch(const std::string& a, const std::string& b) {
  std::string ka = PhoneticKey(a), kb = PhoneticKey(b);
  std::string sa = ConsonantSkeleton(ka);
  return sa.size() >= 3 && sa == ConsonantSkeleton(kb) && KeySimilarity(ka, kb) >= EntityOptions().variant_with_context;
}

TEST(EntityEvalTest, WikidataRussianRomanisedSpellings) {
  std::string path = testing::SharedDir() + "/data/wikidata-name-transliteration/data/wd_russian_80";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no Wikidata transliteration data";
  auto pairs = RomanisedPairs(path, 20000);
  ASSERT_GT(pairs.size(), 1000u);
  const float with_context = EntityOptions().variant_with_context;
  size_t skeleton = 0, close = 0;
  for (const auto& [en, ro] : pairs) {
    skeleton += SkeletonMatch(en, ro);
    close += KeySimilarity(PhoneticKey(en), PhoneticKey(ro)) >= with_context;
  }
  // Different names: each English spelling against another pair's
  // romanised one (a fixed stride through the list).
  size_t negatives = 0, false_skeleton = 0, false_close = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto& other = pairs[(i * 7919 + 13) % pairs.size()];
    if (other.first == pairs[i].first) continue;
    ++negatives;
    false_skeleton += SkeletonMatch(pairs[i].first, other.second);
    false_close += KeySimilarity(PhoneticKey(pairs[i].first), PhoneticKey(other.second)) >= with_context;
  }
  double n = static_cast<double>(pairs.size()), m = static_cast<double>(negatives);
  std::printf("Wikidata ru->Latin, %zu differing spellings: skeleton join %.3f, close keys %.3f; "
              "%zu different names: skeleton join %.5f, close keys %.4f\n",
              pairs.size(), skeleton / n, close / n, negatives, false_skeleton / m, false_close / m);
  EXPECT_GE(skeleton / n, 0.50);        // joined with no context at all
  EXPECT_GE(close / n, 0.93);           // joined when the context agrees
  EXPECT_LE(false_skeleton / m, 0.001);
  EXPECT_LE(false_close / m, 0.05);     // context must then keep them apart
}

}  // namespace
}  // namespace rashomon
