#include "text/abjad.h"

#include <algorithm>

#include "base/hash.h"
#include "base/utf8.h"
#include "text/normalize.h"
#include "text/transliterate.h"

namespace rashomon {

namespace {

// Calls emit(class) for each consonant class of the letters a-z of
// `folded_latin` in order (other bytes are skipped), doubles collapsed;
// `ch_as_j` reads each "ch" as j (jim) instead of s.
template <typename Emit>
void ForEachClass(std::string_view folded_latin, bool ch_as_j, Emit emit) {
  auto letter_at = [&](size_t i) {
    while (i < folded_latin.size() && (folded_latin[i] < 'a' || folded_latin[i] > 'z')) ++i;
    return i;
  };
  char last = '\0';
  for (size_t i = letter_at(0); i < folded_latin.size(); i = letter_at(i + 1)) {
    char c = folded_latin[i];
    const size_t n = letter_at(i + 1);
    const char next = n < folded_latin.size() ? folded_latin[n] : '\0';
    if (next == 'h' && (c == 's' || c == 'c' || c == 'z' || c == 'k' || c == 'g' || c == 't' || c == 'd' ||
                        c == 'p')) {
      i = n;  // the digraph reads as its first letter's class (ph: f, sh/ch/zh: s)
      if (c == 'c') c = ch_as_j ? 'j' : 's';
    } else if (c == 't' && (next == 's' || next == 'z')) {
      i = n;
      c = 's';
    }
    char m = c;
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w': case 'h': continue;
      case 'p': case 'f': case 'v': m = 'b'; break;
      case 'c': case 'q': m = 'k'; break;
      case 'j': m = 'g'; break;
      case 'z': case 'x': m = 's'; break;
      case 'l': m = 'r'; break;
      default: break;
    }
    if (m == last) continue;
    last = m;
    emit(m);
  }
}

}  // namespace

std::string AbjadSkeleton(std::string_view folded_latin) {
  std::string out;
  ForEachClass(folded_latin, false, [&](char m) { out.push_back(m); });
  return out;
}

bool SkeletonsNear(std::string_view name, std::string_view run, size_t max_changes) {
  if (name.size() != run.size()) return false;
  auto confusable = [](char a, char b) {
    auto pair = [&](char x, char y) { return (a == x && b == y) || (a == y && b == x); };
    return pair('k', 'g') || pair('g', 's');
  };
  size_t changed = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == run[i]) continue;
    if (++changed > max_changes || !confusable(name[i], run[i])) return false;
  }
  return changed >= 1;
}

std::vector<std::string> WawAsVSkeletons(std::string latin) {
  std::vector<std::string> out;
  for (size_t i = 1; i < latin.size(); ++i) {
    if (latin[i] != 'w') continue;
    latin[i] = 'v';
    out.push_back(AbjadSkeleton(latin));
    latin[i] = 'w';
  }
  return out;
}

namespace {

// Letters that join a caseless word in front of a name: Arabic wa, bi, li,
// ka, fa; Hebrew ve, ha, be, le, mi, she, ke.
bool PrefixLetter(char32_t c) {
  switch (c) {
    case U'\u0648': case U'\u0628': case U'\u0644': case U'\u0643': case U'\u0641':
    case U'\u05D5': case U'\u05D4': case U'\u05D1': case U'\u05DC': case U'\u05DE': case U'\u05E9': case U'\u05DB':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<AbjadReading> AbjadReadings(std::string_view word, bool prefixes) {
  std::vector<AbjadReading> out;
  auto add = [&](size_t skip) {
    if (skip >= word.size()) return;
    const std::string_view rest = word.substr(skip);
    if (CountCodePoints(rest) < 2) return;
    const std::string latin = FoldForMatch(ToLatin(rest));
    std::string k = AbjadSkeleton(latin);
    if (k.empty()) return;
    out.push_back({std::move(k), skip, false});
    for (std::string& v : WawAsVSkeletons(latin)) out.push_back({std::move(v), skip, true});
  };
  auto article_at = [&](size_t at) {
    static constexpr std::string_view kArticle = "\u0627\u0644";  // al-
    return word.substr(at).rfind(kArticle, 0) == 0 ? at + kArticle.size() : size_t{0};
  };
  add(0);
  if (size_t a = article_at(0)) add(a);
  if (!prefixes) return out;
  char32_t first;
  const size_t len = DecodeUtf8(word, 0, &first);
  if (!PrefixLetter(first)) return out;
  add(len);
  if (size_t a = article_at(len)) add(a);
  return out;
}

namespace {

constexpr uint64_t kSkeletonSeed = 0x6162'6a61'6420'6b65ULL;  // "abjad ke"

constexpr size_t kMaxBridgeClasses = 48;

// The key of the classes emitted by ForEachClass (or of a skeleton) with k
// and g one class, 0 when they are fewer than kBridgeClasses (or more than
// kMaxBridgeClasses: no name is that long).
class BridgeKeyBuilder {
 public:
  void operator()(char c) {
    const char m = c == 'g' ? 'k' : c;
    if (size_ > 0 && merged_[size_ - 1] == m) return;
    if (size_ < kMaxBridgeClasses) merged_[size_] = m;
    ++size_;
  }
  uint64_t Key() const {
    if (size_ < kBridgeClasses || size_ > kMaxBridgeClasses) return 0;
    // Hashed with a seed of their own: no word key takes the same value
    // (but by a 64-bit collision).
    return Hash64(std::string_view(merged_, size_), kSkeletonSeed);
  }

 private:
  char merged_[kMaxBridgeClasses] = {};
  size_t size_ = 0;
};

uint64_t BridgeKey(const std::string& skeleton) {
  BridgeKeyBuilder b;
  for (const char c : skeleton) b(c);
  return b.Key();
}

void AddKey(const std::string& skeleton, std::vector<uint64_t>* keys) {
  if (const uint64_t k = BridgeKey(skeleton)) keys->push_back(k);
}

void SortUnique(std::vector<uint64_t>* keys) {
  std::sort(keys->begin(), keys->end());
  keys->erase(std::unique(keys->begin(), keys->end()), keys->end());
}

}  // namespace

std::vector<uint64_t> LatinNameBridgeKeys(std::string_view folded_latin) {
  std::vector<uint64_t> keys;
  for (const bool ch_as_j : {false, true}) {
    BridgeKeyBuilder b;
    ForEachClass(folded_latin, ch_as_j, [&](char m) { b(m); });
    if (const uint64_t k = b.Key()) keys.push_back(k);
    if (folded_latin.find("ch") == std::string_view::npos) break;
  }
  SortUnique(&keys);
  return keys;
}

std::vector<uint64_t> CaselessWordBridgeKeys(std::string_view word) {
  std::vector<uint64_t> keys;
  for (const AbjadReading& r : AbjadReadings(word, true)) AddKey(r.skeleton, &keys);
  SortUnique(&keys);
  return keys;
}

}  // namespace rashomon
