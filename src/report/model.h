// The report model: what rashomon says about a corpus, story by story.
//
// Mirrors the JSON contract of DESIGN.md ("rashomon.report/1"): fields may be
// added, never renamed. Analysis fills it; writers (JSON, text, Markdown,
// HTML) and the server read it. Plain values, no references into other
// structures, so a Report can outlive the Documents it was built from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rashomon::report {

inline constexpr char kSchema[] = "rashomon.report/1";

struct ArticleRef {
  std::string id;
  std::string source;
  std::string title;
  bool title_inferred = false;  // true when the title was written from the lede
  std::string url;
  std::optional<int64_t> published;  // UTC seconds
  uint32_t words = 0;
  uint32_t boilerplate_lines = 0;  // lines removed as scraper leftovers
  std::string language;            // ISO 639-1 code ("en"), or "unknown"
  // Versions of the article its outlet published (a stored article changed
  // after it was first seen, store/store.h ReviseArticle); 0 or 1: one.
  uint32_t versions = 0;
};

// True when an article's language is shown beside its title: any but
// English (the default, left unmarked) and empty (not recorded).
inline bool MarksLanguage(const ArticleRef& a) { return !a.language.empty() && a.language != "en"; }

struct Variant {
  std::string form;
  std::vector<std::string> articles;
};

struct Role {
  std::string role;
  std::vector<std::string> articles;
};

struct Entity {
  std::string id;
  std::string name;
  std::string type;  // person, organization, place, other
  std::vector<Variant> variants;
  std::vector<Role> roles;
  double confidence = 1.0;  // of the weakest merge behind the variants
};

struct QuoteVersion {
  std::string article;
  std::string text;
  std::string cue;      // "said", "told", "according to"
  bool direct = true;
  std::string speaker;  // as this article names the speaker ("Leila Hadadin")
  // This version's words against the quote's text, changed words marked
  // "[-theirs-] {+ours+}" ("[-absolutely non-negotiable-] {+never negotiable+}");
  // empty when the words are the same or this version is part of the text.
  std::string diff;
  // The language of the quote's text (its first version) when this version
  // is in another: a translation of the quote ("en"); empty otherwise. In
  // the JSON report as "translated": true and "from_language".
  std::string translated_from;
};

struct Quote {
  std::string id;
  std::optional<std::string> speaker;  // entity id
  std::string speaker_name;            // display form of the speaker
  std::string text;                    // canonical wording
  std::vector<QuoteVersion> versions;
};

struct Number {
  double value = 0;
  std::string unit;  // "people", "USD", "%", "day"
  std::string what;  // what it counts ("killed", "imports")
  std::string text;  // as written in the first article
  std::vector<std::string> articles;
  // Normalised (additive): what it counts ("deaths" for killed/dead/died),
  // the approximation ("more than", "about", "up to", ...; "" when exact)
  // and the high end of a range (== value when not a range).
  std::string counts;
  std::string approx;
  double high = 0;
};

struct Fact {
  std::string id;
  std::string text;
  std::vector<std::string> articles;
  int independent_sources = 0;
  // How the count comes about: "3 articles, 2 independent: B copies A".
  std::string corroboration;
  // The articles share the claim in part: one holds most of another's
  // statement, or of one of its clauses, in other words (a drone shot down,
  // told in one article inside a sentence about the pilot). Such a fact
  // counts its sources but is compared for no conflicts.
  bool partial = false;
  // The articles counted in independent_sources, in the order counted
  // (originals first).
  std::vector<std::string> witnesses;
  // Stated in different languages by a translation and its source, their
  // sentences lined up by names and numbers (analysis/translation.h): one
  // claim, its text the source's words, compared for no conflicts.
  bool translated = false;
};

struct Claim {
  std::string value;
  std::vector<std::string> articles;
};

struct Conflict {
  std::string kind;  // role, number, quote, name, date, other
  std::string subject;
  std::vector<Claim> claims;
  // A figure that moved over time (a death toll of 12, later 14): claims in
  // time order, `published` holding when each was first published (UTC
  // seconds, parallel to claims); not a contradiction.
  bool update = false;
  std::vector<int64_t> published;
};

struct Provenance {
  std::string from;  // the source
  std::string to;    // the article derived from it
  double score = 0;
  std::vector<std::string> evidence;
};

struct Unique {
  std::string article;
  std::vector<std::string> facts;
};

// One step of a story as it unfolded (stories read from a database): its
// first report, each later article, each changed figure of an article.
struct TimelineEvent {
  int64_t time = 0;    // UTC seconds: the article's publication, or when the new version was seen
  std::string kind;    // "first_report", "article", "update"
  std::string article;  // article id
  std::string source, title;
  // For "update": each changed figure as "old -> new" ("212 -> 240").
  std::vector<std::string> figures;
};

struct Story {
  std::string id;
  std::string headline;
  std::vector<std::string> summary;
  std::vector<ArticleRef> articles;
  std::vector<Entity> entities;
  std::vector<Quote> quotes;
  std::vector<Number> numbers;
  std::vector<Fact> facts;
  std::vector<Conflict> conflicts;
  std::vector<Provenance> provenance;
  std::vector<Unique> unique;
  // The days the event took place, as its articles date it (stories/anchors.h):
  // "YYYY-MM-DD", both empty when no article dates it.
  std::string event_from, event_to;
  // Oldest first; empty unless the story was read from a database.
  std::vector<TimelineEvent> timeline;
};

// Stories about the same kind of event (two different earthquakes): a
// grouping one level above stories, every story in exactly one topic.
struct Topic {
  std::string id;                      // "t-" + 10 hex digits of the smallest story id
  std::vector<std::string> story_ids;  // in report order
  // Of several stories: the words they share, then the name that sets each
  // apart ("Earthquake, aftershocks: Arequipa, Malatya"; see
  // stories/topics.h TopicLabel). Of one story, or when the stories share no
  // word worth showing: the headline of its largest story.
  std::string label;
  std::vector<std::string> terms;  // the shared words of the label; empty when it is a headline
};

struct Report {
  std::vector<Story> stories;
  std::vector<Topic> topics;  // empty when topics were not computed
  // Run facts for people (not part of the per-story contract).
  size_t articles_read = 0;
  size_t inputs_failed = 0;
};

}  // namespace rashomon::report
