// Topics: groups of stories about the same kind of event (two different
// earthquakes, two different celebrity rehab stays), one level above
// stories.
//
// The story clusterer is built to tell two events of the same kind apart,
// so its similarity leans on what differs between them. A topic asks the
// opposite question, so it gets a similarity of its own, computed between
// whole stories rather than documents:
//   - each document contributes the set of its content words (stems; proper
//     names by their exact form), without numbers or anything holding a
//     digit (dates, scores, counts differ between two events of a kind);
//   - a story weighs a word by its coverage (the share of the story's
//     documents using it: what the story is about, not what one article
//     mentions in passing) and by an idf over the stories of the corpus
//     being grouped, soft-counted by coverage: a word used by every story
//     says nothing, one shared by two or three stories says most. Weight =
//     coverage^coverage_power * idf^idf_power; the top_terms strongest words
//     are kept and the vector is L2-normalised;
//   - the cosine between two stories is divided by the geometric mean of
//     each story's best cosine with any other story. Crime stories resemble
//     many stories a little, a celebrity story resembles few; relative to
//     its own best match, each story's true partner stands out;
//   - stories merge by average linkage while the average relative
//     similarity stays at or above the threshold.
// Stateless; safe to call from several threads on different inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sketch/term_vector.h"
#include "text/document.h"

namespace rashomon {

struct TopicOptions {
  // Average relative similarity (cosine over the geometric mean of the two
  // stories' best cosines, at most 1) at which stories share a topic. Chosen
  // on the ECB+ development topics, scored inside a run over all topics
  // (the other documents as unlabelled distractors): with top_terms = 100
  // they score 1.000 for every value from 0.05 to 0.75 and this is about the
  // middle of that plateau (README.md, Quality).
  float threshold = 0.40f;
  float coverage_power = 2.0f;
  float idf_power = 3.0f;
  // Words kept per story. 100 had the widest best plateau on the dev topics
  // (50: 0.966 at best; every word: a narrower plateau). 0 keeps every word.
  size_t top_terms = 100;
  // Story pairs whose plain cosine is below this are not linked at all:
  // two stories unlike everything else would otherwise be each other's
  // best match, and a relative similarity of 1, over one shared word.
  float min_cosine = 0.02f;
  // Keep proper names (capitalised inside a sentence, all capitals, dotted
  // acronyms): a topic about one team, company or person shares them.
  bool keep_names = true;
  // Label size (TopicDescription, TopicLabel): three shared words say what
  // kind of event it is without turning into a keyword list; four names fit
  // a headline-length line, more are counted ("and 3 more").
  size_t label_terms = 3;
  size_t label_names = 4;
  int threads = 0;  // 0: DefaultThreadCount()
};

// What a topic of two or more stories is about, for people to read.
//   - terms: the words most of its stories share (a word at least half of
//     the stories, and at least two, keep among their top_terms), strongest
//     first by the mean of their topic-vector weights over the stories, so
//     the kind of event ("earthquake", "aftershocks") leads and what one
//     story says in passing does not show. A stem is shown in its most
//     frequent lower-case form, a name as written. At most label_terms.
//   - names: per story of the topic (in story label order), its strongest
//     name that no other story of the topic keeps: the place, person or
//     organisation that tells the events apart ("" when it has none).
// Both come only from the corpus being grouped; a topic of one story gets an
// empty description (its story's headline already says what it is).
struct TopicDescription {
  std::vector<std::string> terms;
  std::vector<std::string> names;
};

// "Earthquake, aftershocks, rescuers: Arequipa, Malatya": the terms (first
// letter capitalised), then up to max_names names. "" for an empty
// description.
std::string TopicLabel(const TopicDescription& description, size_t max_names = 4);

// One event-type vector per story: story_of[i] is document i's story label
// (0..k-1). Exposed for tests and evaluation.
std::vector<SparseVector> TopicVectors(const std::vector<const Document*>& docs,
                                       const std::vector<uint32_t>& story_of, const TopicOptions& options = {});

// A topic label per document (0..t-1, in order of first member); documents
// of one story always share a topic.
// With `descriptions`, it also receives one TopicDescription per topic label.
std::vector<uint32_t> GroupTopics(const std::vector<const Document*>& docs, const std::vector<uint32_t>& story_of,
                                  const TopicOptions& options = {},
                                  std::vector<TopicDescription>* descriptions = nullptr);

}  // namespace rashomon
