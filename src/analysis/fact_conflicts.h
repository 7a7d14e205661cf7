// Conflicts inside one fact unit: statements the sentence matcher aligned
// as the same claim that still disagree on a date, a weekday or polarity.
//
// Polarity: one side negates what the other asserts ("would not resign" vs
// "would resign", "non-binding" vs "binding"), or uses the prefixed opposite
// of the other's word ("indirect" vs "direct", "unconfirmed" vs "confirmed"),
// or one of a small list of general English opposites ("confirmed" vs
// "denied", "accepted" vs "rejected"). Only words both sides speak about
// count, so a statement that merely leaves a detail out is no conflict.
//
// Owned by the facts stage (facts.cc calls it per fact unit). Plain
// functions over borrowed Documents; thread-safe.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "report/model.h"
#include "text/document.h"

namespace rashomon {

struct DateMention {
  std::string weekday;  // "Tuesday"
  std::string day;      // "June 12"
  std::vector<std::string> weekdays, days;  // every one, in order
};

// Weekday and month-day mentions of one sentence (weekday and day: the
// first of each).
DateMention FindDates(const Document& doc, const Sentence& s);

// One statement of a fact unit.
struct UnitStatement {
  const Document* doc = nullptr;
  const Sentence* sentence = nullptr;
};

// The polarity words of one sentence: each content word (stemmed) with
// whether it is negated, and the surface text that says so.
struct PolarityWord {
  std::string stem;    // stem of the word, without a "non-"/"un-" style prefix
  std::string form;    // lower-case word as written ("indirect", "negotiable")
  std::string phrase;  // the words stating it, negator included ("never negotiable")
  bool negated = false;
};
std::vector<PolarityWord> PolarityWords(const Document& doc, const Sentence& s);

// Whether `a` and `b` (lower-case words) are opposites: a prefixed
// negative form of the other ("indirect"/"direct", "non-binding"/"binding";
// bases of six letters or more, so "inform"/"form" are not) or a pair of the
// general list ("confirmed"/"denied").
bool OppositeWords(const std::string& a, const std::string& b);

// The content words a document uses, not negated: each lower-case form
// with the indices of the sentences using it, and each sentence's polarity
// words (stems included). Computed once per article of a story, for
// AddUnitConflicts.
struct DocumentWords {
  std::unordered_map<std::string, std::vector<uint32_t>> sentences_of;
  std::vector<std::vector<PolarityWord>> polarity;  // per sentence of the document
};
DocumentWords WordsOfDocument(const Document& doc);

// Every document's words, and the forms of them whose prefixed opposite
// some document uses ("direct" when one says "indirect"): only those can
// take part in an opposite across articles.
struct DocumentWordsMap {
  std::unordered_map<const Document*, DocumentWords> docs;
  std::unordered_set<std::string> paired;
};
DocumentWordsMap WordsOfDocuments(const std::vector<const Document*>& docs);

// Date, weekday and polarity conflicts among the statements of one fact
// unit (statements of two or more articles), appended to *out with
// `subject` as their subject. Each claim lists the articles stating it.
// With `words` (every member's document), also a word of one statement
// whose prefixed opposite another member article uses about the same thing
// elsewhere ("first direct contact" / "indirect talks").
void AddUnitConflicts(const std::vector<UnitStatement>& members, const std::string& subject,
                      std::vector<report::Conflict>* out, const DocumentWordsMap* words = nullptr);

}  // namespace rashomon
