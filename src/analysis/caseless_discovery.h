// Names in scripts without letter case (Arabic, Hebrew) that no article in
// a cased script writes: with no capitalised name for caseless_names.h to
// spell, a run of caseless words becomes a name of its own from the words
// around it (in a story all in such scripts, or in the caseless articles of
// a mixed story):
//   - it stands where news writes a person: after a title or role word
//     ("وزير", "الرئيس", "השר"), after a speech verb or "according to"
//     ("قال", "بحسب", "אמר"), with up to three description words between
//     (titles, words with the article, dictionary words, "باسم": "وزير
//     الخارجية …", "قال مفتش الميناء …"), or right before a speech verb
//     ("… אמר"); right after the verb a word opening with "li-" is whom it
//     was said to ("قال لكالفاني");
//   - none of its one to three words is a stopword, a title, a speech verb,
//     a Hebrew function word, a word with the article (Arabic ال, also after
//     "and", "so", "with", "to", "as": "بالأمس", "للصحفيين"; Hebrew ה: "the
//     police"), or, in Arabic, a word the FreeDict dictionary knows (its
//     Snowball stem listed, or a future verb's without "sa-": "مسؤول", an
//     official; "سكان", residents; "ستبحر", will sail);
//   - its consonant skeleton (AbjadSkeleton) has three classes or more,
//     four for one word without a dictionary;
//   - without a dictionary (Hebrew) it must stand at two such places in
//     the story, in one article or several.
// Runs of one skeleton are one name (the first spelling found names it);
// a one-word run that spells the last word of a longer name, or is one with
// a prefix letter before it, is that name. A name the stemmer reads as a
// prefix and a word ("كالفاني" as "like the" and a word) is missed.
#pragma once

#include <string>
#include <string_view>
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

// The title or role word `word` is ("وزير" for "والوزير", "the minister
// and"; "שר" for "השר"), folded: the same for every form of one title;
// empty when it is none.
std::string CaselessTitleKey(std::string_view word);

// The names the story's caseless words give beyond `known` (the folded
// Latin tokens of the names its cased articles write, caseless_names.h).
// A story with no cased-script article: every name DiscoverCaselessNames
// finds. A mixed story: the names found in its articles written mostly in
// a caseless script, less those of which every mention there is a mention
// of a known name (its Arabic or Hebrew spelling): a name only those
// articles write becomes a name of its own, and a name the cased articles
// write keeps its Latin form.
std::vector<FoundCaselessName> CaselessNamesBeyond(const std::vector<const Document*>& docs,
                                                   const std::vector<std::vector<std::string>>& known);

}  // namespace rashomon
