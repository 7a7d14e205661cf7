#include "text/abjad.h"

#include <algorithm>

#include "base/hash.h"
#include "base/utf8.h"
#include "text/normalize.h"
#include "text/transliterate.h"

namespace rashomon {

std::string AbjadSkeleton(std::string_view folded_latin) {
  std::string s;
  for (char c : folded_latin) {
    if (c >= 'a' && c <= 'z') s.push_back(c);
  }
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (next == 'h' && (c == 's' || c == 'c' || c == 'z' || c == 'k' || c == 'g' || c == 't' || c == 'd' ||
                        c == 'p')) {
      ++i;  // the digraph reads as its first letter's class (ph: f, sh/ch/zh: s)
      if (c == 'c') c = 's';
    } else if (c == 't' && (next == 's' || next == 'z')) {
      ++i;
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
    if (!out.empty() && out.back() == m) continue;
    out.push_back(m);
  }
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

// The key of a skeleton with k and g one class, 0 when it has fewer than
// kBridgeClasses classes.
uint64_t BridgeKey(const std::string& skeleton) {
  std::string merged;
  for (char c : skeleton) {
    const char m = c == 'g' ? 'k' : c;
    if (merged.empty() || merged.back() != m) merged.push_back(m);
  }
  if (merged.size() < kBridgeClasses) return 0;
  // A space cannot occur in a word key.
  return Hash64("abjad " + merged);
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
  std::string latin(folded_latin);
  AddKey(AbjadSkeleton(latin), &keys);
  bool ch = false;
  for (size_t i = 0; i + 1 < latin.size(); ++i) {
    if (latin[i] == 'c' && latin[i + 1] == 'h') {
      latin.replace(i, 2, "j");
      ch = true;
    }
  }
  if (ch) AddKey(AbjadSkeleton(latin), &keys);
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
