// rashomon eval names [--data DIR] [--pairs N]: English names against their
// forms in other scripts (Wikidata transliteration pairs), matched the way
// the entity matcher compares name forms: tokens in their Latin
// transliteration, then phonetic keys.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "analysis/caseless_names.h"
#include "analysis/entities.h"
#include "analysis/entity_merge.h"
#include "base/progress.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "text/normalize.h"
#include "text/transliterate.h"

namespace rashomon::cli {
namespace {

struct NamePair {
  std::string english, other;
  std::string english_key, other_key;  // joined tokens
  std::string english_phonetic, other_phonetic;
  std::string english_skeleton, other_skeleton;  // AbjadSkeleton, words joined
  bool long_word = false;                         // an English word of kTwoChangeClasses classes or more
  std::vector<std::string> other_waw_as_v;       // WawAsVSkeletons of the other form
};

// The first `limit` pairs of a file of lines "english<TAB>c h a r s<TAB>count".
std::vector<NamePair> ReadPairs(const std::string& path, size_t limit) {
  std::vector<NamePair> out;
  std::ifstream in(path);
  std::string line;
  while (out.size() < limit && std::getline(in, line)) {
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() < 2 || f[0].empty() || f[1].empty()) continue;
    NamePair p;
    p.english.assign(f[0]);
    for (char c : f[1]) {
      if (c != ' ') p.other.push_back(c);
    }
    auto key = [](const std::string& form, std::string* joined, std::string* phonetic) {
      for (const std::string& t : NameTokens(form)) {
        *joined += t;
        *phonetic += PhoneticKey(t);
      }
    };
    key(p.english, &p.english_key, &p.english_phonetic);
    key(p.other, &p.other_key, &p.other_phonetic);
    for (const std::string& t : NameTokens(p.english)) {
      const std::string k = AbjadSkeleton(t);
      p.english_skeleton += k;
      p.long_word |= k.size() >= kTwoChangeClasses;
    }
    const std::string latin = FoldForMatch(ToLatin(p.other));
    p.other_skeleton = AbjadSkeleton(latin);
    p.other_waw_as_v = WawAsVSkeletons(latin);
    out.push_back(std::move(p));
  }
  return out;
}

// Would the matcher take the two as one name: equal Latin tokens (no
// context needed), or phonetic keys at least `with_context` alike (the bar
// for forms with supporting context; short names must be equal).
bool Equal(const NamePair& a, const NamePair& b) { return a.english_key == b.other_key; }
bool Alike(const NamePair& a, const NamePair& b, float with_context) {
  if (a.english_key == b.other_key) return true;
  if (std::min(a.english_key.size(), b.other_key.size()) < 5) return false;
  return KeySimilarity(a.english_phonetic, b.other_phonetic) >= with_context;
}

// How a caseless article's word meets a name (caseless_names.h): equal
// consonant skeletons, or near ones (one confusable consonant, two when a
// word of the English name has five classes or more, or a waw read as v;
// four consonant classes or more).
bool SkeletonEqual(const NamePair& a, const NamePair& b) {
  return !a.english_skeleton.empty() && a.english_skeleton == b.other_skeleton;
}
bool SkeletonNear(const NamePair& a, const NamePair& b) {
  if (SkeletonEqual(a, b)) return true;
  if (a.english_skeleton.size() < 4) return false;
  // Two changes when a word of the name is long (kTwoChangeClasses).
  if (SkeletonsNear(a.english_skeleton, b.other_skeleton, a.long_word ? 2 : 1)) return true;
  return std::find(b.other_waw_as_v.begin(), b.other_waw_as_v.end(), a.english_skeleton) != b.other_waw_as_v.end();
}

struct Score {
  size_t true_pairs = 0, found = 0, false_found = 0;
};

template <typename Match>
Score ScoreMatch(const std::vector<NamePair>& pairs, Match match) {
  Score s;
  s.true_pairs = pairs.size();
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (match(pairs[i], pairs[i])) ++s.found;
    for (size_t j = 0; j < pairs.size(); ++j) {
      // Another person's form (an English name listed twice is the same name).
      if (j != i && pairs[j].english != pairs[i].english && match(pairs[i], pairs[j])) ++s.false_found;
    }
  }
  return s;
}

void PrintScore(const char* script, const char* how, const Score& s) {
  const double r = s.true_pairs ? static_cast<double>(s.found) / static_cast<double>(s.true_pairs) : 0;
  const double p = s.found + s.false_found ? static_cast<double>(s.found) / static_cast<double>(s.found + s.false_found) : 0;
  std::printf("  %-10s %-22s P %.3f  R %.3f   (%zu of %zu pairs; %zu false among %zu x %zu)\n", script, how, p, r,
              s.found, s.true_pairs, s.false_found, s.true_pairs, s.true_pairs);
}

}  // namespace

void AddEvalNamesCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code) {
  (void)global;
  struct Flags {
    std::string data;
    size_t pairs = 1000;
    float with_context = EntityOptions().variant_with_context;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = eval->add_subcommand("names", "English names against their forms in other scripts (Wikidata pairs)");
  cmd->add_option("--data", flags->data,
                  "wikidata-name-transliteration data folder (default: ../shared/data/wikidata-name-transliteration/data)");
  cmd->add_option("--pairs", flags->pairs, "Pairs read from the top of each _80 slice")->capture_default_str();
  cmd->add_option("--with-context", flags->with_context,
                  "Phonetic-key similarity for forms with supporting context (the entity option)")
      ->capture_default_str();
  cmd->callback([flags, exit_code] {
    const std::string dir = flags->data.empty()
                                ? std::string(RASHOMON_DEFAULT_SHARED_DIR) + "/data/wikidata-name-transliteration/data"
                                : flags->data;
    const float with_context = flags->with_context;
    bool any = false;
    for (const char* script : {"russian", "arabic", "hebrew", "japanese", "katakana", "korean", "chinese"}) {
      std::vector<NamePair> pairs = ReadPairs(dir + "/wd_" + script + "_80", flags->pairs);
      if (pairs.empty()) {
        PrintStderrLine("rashomon: warning: " + dir + "/wd_" + script + "_80: no pairs read");
        continue;
      }
      any = true;
      PrintScore(script, "equal (no context)", ScoreMatch(pairs, Equal));
      PrintScore(script, "alike (with context)",
                 ScoreMatch(pairs, [&](const NamePair& a, const NamePair& b) { return Alike(a, b, with_context); }));
      if (std::string_view(script) == "arabic" || std::string_view(script) == "hebrew") {
        PrintScore(script, "skeleton equal", ScoreMatch(pairs, SkeletonEqual));
        PrintScore(script, "skeleton near", ScoreMatch(pairs, SkeletonNear));
      }
    }
    *exit_code = any ? kExitOk : Fail(Status::NotFound("no name pairs under " + dir));
  });
}

}  // namespace rashomon::cli
