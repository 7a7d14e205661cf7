// Names in a story written only in scripts without letter case (Arabic,
// Hebrew): with no cased-script article there is no capitalised name for
// caseless_names.h to spell, so a run of caseless words becomes a name of
// its own from the words around it:
//   - it stands where news writes a person: after a title or role word
//     ("وزير الخارجية …", "الرئيس …", "השר …"; words of the dictionary or
//     with the article between, "of the port", are skipped), after a speech
//     verb or "according to" ("قال …", "بحسب …", "אמר …", with up to three
//     description words between), or right before a speech verb ("… אמר");
//   - none of its one to three words is a stopword, a title, a speech verb,
//     a word with the article (Arabic ال, Hebrew ה: "the police"), or, in
//     Arabic, a word of the FreeDict dictionary (its Snowball stem listed:
//     "مسؤول", an official; "سكان", residents);
//   - its consonant skeleton (AbjadSkeleton) has three classes or more,
//     four for one word without a dictionary;
//   - without a dictionary (Hebrew) it must stand at two such places in
//     the story, in one article or several.
// Runs of one skeleton are one name (the first spelling found names it);
// a one-word run that spells the last word of a longer name, or is one with
// a prefix letter ("and", "to"), is that name.
#pragma once

#include <string>
#include <vector>

#include "text/document.h"

namespace rashomon {

struct FoundCaselessName {
  std::vector<std::string> tokens;  // folded Latin transliteration, per word
  std::string form;                 // as the article writes it
};

// Whether the story has caseless articles and none written mostly in a
// cased script (most of an article's words caseless).
bool StoryIsCaseless(const std::vector<const Document*>& docs);

// The names of a caseless story found by the rules above, in the order
// first seen.
std::vector<FoundCaselessName> DiscoverCaselessNames(const std::vector<const Document*>& docs);

}  // namespace rashomon
