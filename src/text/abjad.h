// Consonant skeletons: how a name written in an abjad (Arabic, Hebrew),
// which keeps a foreign name's consonants and few of its vowels, meets its
// Latin spelling. The entity matcher (analysis/caseless_names.h) spells the
// names of a story with them; story clustering (sketch/term_vector.h) gives
// names and caseless words a key by them, so reports of one event in Arabic
// or Hebrew and in a Latin script share terms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rashomon {

// The consonants an abjad keeps of a folded Latin word, in classes that
// transliteration mixes up: vowels, y, w, h and apostrophes out; b/p/f/v,
// c/k/q, g/j, s/z/x, l/r one each; sh, ch, zh, ts read s; kh k; gh g; th t;
// dh d; ph f; doubles collapsed ("kalvani", "kalfany", "qlbny" -> "krbn").
std::string AbjadSkeleton(std::string_view folded_latin);

// Whether `run` is `name` with one consonant class (up to `max_changes`)
// swapped for one that Arabic transliteration confuses with it: k~g (g
// written q or gh), g~s (ch or zh written j). Equal skeletons are not near.
bool SkeletonsNear(std::string_view name, std::string_view run, size_t max_changes = 1);

// A name's word of this many consonant classes or more may differ in two
// (SkeletonsNear with max_changes 2): "Gorchavin" (`grsbn`) written
// قورجافين (`krgbn`).
inline constexpr size_t kTwoChangeClasses = 5;

// The changes SkeletonsNear allows a name's word of skeleton `name`.
inline size_t MaxNearChanges(std::string_view name) { return name.size() >= kTwoChangeClasses ? 2 : 1; }

// The skeletons of `folded_latin` with one of its w (Arabic waw, also the
// vowel o/u) read as v, each w in turn but a first one: Arabic writes a
// foreign v as waw as well as fa.
std::vector<std::string> WawAsVSkeletons(std::string latin);

// One way to read a caseless word (Arabic or Hebrew script): its skeleton,
// the bytes of prefix left off, and whether a w was read as v (a reading
// that spells a name only as a near match).
struct AbjadReading {
  std::string skeleton;
  size_t skip = 0;
  bool near = false;
};

// The readings of a caseless word: as written, without the Arabic article
// (ال), and, when `prefixes`, without one prefix letter that joins a word
// in front of a name (Arabic wa, bi, li, ka, fa; Hebrew ve, ha, be, le, mi,
// she, ke) and without both; each also with every w but a first read as v
// (WawAsVSkeletons, near). Empty skeletons and one-letter rests are left
// out.
std::vector<AbjadReading> AbjadReadings(std::string_view word, bool prefixes);

// Consonant classes a skeleton needs to key a story term: fewer match
// common words of a three-consonant root by chance.
inline constexpr size_t kBridgeClasses = 4;

// The story-term keys by which a name meets its abjad spellings, sorted and
// unique: the skeleton with k and g one class (Arabic writes g as qaf as
// well as ghain or jim), of kBridgeClasses classes or more.
//   - LatinNameBridgeKeys: a name word in Latin letters (or a transliterated
//     one), folded; "ch" is also read as j (jim), as Arabic writes it.
//   - CaselessWordBridgeKeys: a word in Arabic or Hebrew letters, every
//     reading of AbjadReadings.
// Keys are Hash64 values of a form no word key takes.
std::vector<uint64_t> LatinNameBridgeKeys(std::string_view folded_latin);
std::vector<uint64_t> CaselessWordBridgeKeys(std::string_view word);

}  // namespace rashomon
