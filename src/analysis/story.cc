#include "analysis/story.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "analysis/caseless_speakers.h"
#include "analysis/conflicts.h"
#include "analysis/cross_language.h"
#include "analysis/entities.h"
#include "analysis/facts.h"
#include "analysis/number_conflicts.h"
#include "analysis/quotes.h"
#include "analysis/translation.h"
#include "base/time.h"
#include "stories/anchors.h"
#include "text/normalize.h"
#include "text/transliterate.h"

namespace rashomon {
namespace {

report::ArticleRef MakeArticleRef(const Document& doc) {
  report::ArticleRef ref;
  const Article& a = *doc.article;
  ref.id = a.id;
  ref.source = a.source;
  ref.title = doc.title;
  ref.title_inferred = doc.title_source == TitleSource::kInferred;
  ref.url = a.url;
  ref.published = a.published;
  ref.words = doc.word_count;
  ref.language = doc.lang;
  for (const LineRecord& l : doc.lines) ref.boilerplate_lines += l.kind == LineKind::kBoilerplate;
  return ref;
}

// The stem of the last content word of a quote (0 when it has none).
uint64_t HeadStem(const std::string& text, const std::string& lang) {
  size_t end = text.size();
  while (end > 0) {
    size_t space = text.rfind(' ', end - 1);
    size_t begin = space == std::string::npos ? 0 : space + 1;
    std::vector<uint64_t> stems = QuoteStems(text.substr(begin, end - begin), lang);
    if (!stems.empty()) return stems.front();
    if (space == std::string::npos) break;
    end = space;
  }
  return 0;
}

// Groups each article's quotes into quotes told by the story, versions
// across articles together: long quotes by shared content stems; short ones
// (fewer than three content stems) only with the same speaker, either inside
// a longer version or, against another short one, with the same core words
// ("absolutely non-negotiable" and "never negotiable"; not "very good" and
// "a good start"). Across languages a short quote and its translation group
// when every English stem of the shorter is in the other and either the two
// articles are a translation pair (`translations`, both quotes short) or
// the speakers agree.
std::vector<report::Quote> GroupQuotes(const std::vector<const Document*>& docs, const QuoteOptions& options,
                                       const std::vector<TranslationPair>& translations) {
  struct Version {
    const Document* doc;
    ExtractedQuote q;
    std::vector<uint64_t> stems, core;
    uint64_t head = 0;  // stem of the last content word
    std::vector<uint64_t> english;  // stems as English (cross_language.h) in a story of several languages
  };
  struct Group {
    std::vector<Version> versions;
  };
  const StoryPivot pivot(docs);
  auto translated = [&](const Document* x, const Document* y) {
    return std::any_of(translations.begin(), translations.end(), [&](const TranslationPair& t) {
      return (docs[t.from] == x && docs[t.to] == y) || (docs[t.from] == y && docs[t.to] == x);
    });
  };
  // Sentences of translation pairs that translate each other (their names
  // and numbers line up in order): a quote in one and a quote in the other,
  // credited to one speaker, are one quote whatever the dictionary knows.
  std::set<std::tuple<const Document*, uint32_t, const Document*, uint32_t>> aligned;
  for (const TranslationPair& t : translations) {
    const SentenceAnchorList from = AnchorsOfSentences(*docs[t.from], nullptr, &pivot);
    const SentenceAnchorList to = AnchorsOfSentences(*docs[t.to], nullptr, &pivot);
    for (const auto& [i, j] : AlignTranslatedStatements(from, to)) {
      aligned.insert({docs[t.from], i, docs[t.to], j});
      aligned.insert({docs[t.to], j, docs[t.from], i});
    }
  }
  auto one_speaker = [](const std::string& x, const std::string& y) {
    return x.empty() == y.empty() && (x.empty() || SameSpeaker(ToLatin(x), ToLatin(y)));
  };
  auto same_quote = [&](const Version& v, const Version& w) -> float {
    if (v.doc->lang != w.doc->lang && aligned.count({v.doc, v.q.sentence, w.doc, w.q.sentence}) > 0 &&
        one_speaker(v.q.speaker, w.q.speaker)) {
      return 1.0f;
    }
    if (v.doc->lang != w.doc->lang) {
      // A translation, its words compared as English: quotes of three
      // content words or more by their share; shorter ones only in full,
      // and only with one speaker or in a translation pair.
      const bool v_shorter = v.english.size() <= w.english.size();
      const auto& a = v_shorter ? v.english : w.english;
      const auto& b = v_shorter ? w.english : v.english;
      const float score = StemContainment(a, b);
      if (a.size() >= 3) return score >= options.same_quote ? score : 0;
      if (a.empty() || score < 1.0f) return 0;
      if (SameSpeaker(v.q.speaker, w.q.speaker)) return 1.0f;
      return b.size() < 3 && translated(v.doc, w.doc) ? 1.0f : 0;
    }
    const bool v_shorter = v.stems.size() <= w.stems.size();
    const auto& a = v_shorter ? v.stems : w.stems;
    const auto& b = v_shorter ? w.stems : v.stems;
    float score = StemContainment(a, b);
    if (a.size() >= 3) return score >= options.same_quote ? score : 0;
    if (v.stems == w.stems) return 1.0f;  // the same short words, whoever is credited
    if (!SameSpeaker(v.q.speaker, w.q.speaker)) return 0;
    if (b.size() >= 3) return score >= 1.0f ? score : 0;
    // One claim in other words: the same core words, or the same head word
    // ("deeply flawed" / "badly flawed"; not "very good" / "a good start").
    if (!v.core.empty() && v.core == w.core) return 1.0f;
    return v.head != 0 && v.head == w.head ? 1.0f : 0;
  };
  std::vector<Group> groups;
  // Quotes in Arabic or Hebrew take their speakers from the names the
  // story's other articles write (caseless_speakers.h).
  const CaselessSpeakers caseless(docs);
  for (uint32_t d = 0; d < docs.size(); ++d) {
    const Document* doc = docs[d];
    std::vector<ExtractedQuote> quotes = ExtractQuotes(*doc, options);
    caseless.Attribute(*doc, d, &quotes);
    for (ExtractedQuote& q : quotes) {
      Version v{doc, std::move(q), {}, {}, 0, {}};
      v.stems = QuoteStems(v.q.text, doc->lang);
      v.core = QuoteCoreStems(v.q.text, doc->lang);
      v.head = HeadStem(v.q.text, doc->lang);
      if (pivot.active()) v.english = pivot.QuoteStems(v.q.text, doc->lang);
      if (v.stems.empty()) continue;
      Group* best = nullptr;
      float best_score = 0;
      for (Group& g : groups) {
        for (const Version& w : g.versions) {
          // Long quotes compare with the group's first version only; short
          // ones with every version (their speaker and core words decide).
          if (&w != &g.versions.front() && v.stems.size() >= 3 && w.stems.size() >= 3) continue;
          float score = same_quote(v, w);
          if (score > best_score) {
            best = &g;
            best_score = score;
          }
          if (best_score >= 1.0f) break;  // nothing matches better
        }
        if (best_score >= 1.0f) break;
      }
      if (best) {
        best->versions.push_back(std::move(v));
      } else {
        Group g;
        g.versions.push_back(std::move(v));
        groups.push_back(std::move(g));
      }
    }
  }
  auto articles_of = [](const Group& g) {
    std::vector<std::string> ids;
    for (const Version& v : g.versions) {
      if (std::find(ids.begin(), ids.end(), v.doc->article->id) == ids.end()) ids.push_back(v.doc->article->id);
    }
    return ids.size();
  };
  std::stable_sort(groups.begin(), groups.end(),
                   [&](const Group& a, const Group& b) { return articles_of(a) > articles_of(b); });
  std::vector<report::Quote> out;
  for (const Group& g : groups) {
    report::Quote q;
    q.id = "q" + std::to_string(out.size() + 1);
    q.text = g.versions.front().q.text;
    std::map<std::string, int> speakers;
    for (const Version& v : g.versions) {
      const std::string& lang = g.versions.front().doc->lang;
      const bool translated = v.doc->lang != lang;
      q.versions.push_back({v.doc->article->id, v.q.text, v.q.cue, true, v.q.speaker,
                            translated ? std::string() : QuoteDiff(q.text, v.q.text),
                            translated ? (lang.empty() ? "en" : lang) : std::string()});
      if (!v.q.speaker.empty()) ++speakers[v.q.speaker];
    }
    int best = 0;
    for (const auto& [name, count] : speakers) {
      if (count > best) {
        best = count;
        q.speaker_name = name;
      }
    }
    out.push_back(std::move(q));
  }
  return out;
}

// The event's days: those its articles give (stories/anchors.h), without
// days more than a week from their median (a wrong clock, an anniversary).
void SetEventDates(const std::vector<const Document*>& docs, report::Story* story) {
  std::vector<int32_t> days;
  for (const Document* d : docs) {
    EventAnchors a = ExtractAnchors(*d);
    if (a.has_day()) days.push_back(a.day);
  }
  if (days.empty()) return;
  std::sort(days.begin(), days.end());
  const int32_t median = days[days.size() / 2];
  int32_t from = median, to = median;
  for (int32_t day : days) {
    if (std::abs(day - median) > 7) continue;
    from = std::min(from, day);
    to = std::max(to, day);
  }
  auto iso = [](int32_t day) { return FormatIso8601(static_cast<int64_t>(day) * 86400).substr(0, 10); };
  story->event_from = iso(from);
  story->event_to = iso(to);
}

}  // namespace

report::Story AnalyzeStory(const std::vector<const Document*>& docs, const std::string& story_id,
                           const AnalysisOptions& options) {
  report::Story story;
  story.id = story_id;
  // Articles in time order when known, else input order.
  std::vector<const Document*> ordered = docs;
  std::stable_sort(ordered.begin(), ordered.end(), [](const Document* a, const Document* b) {
    const auto& pa = a->article->published;
    const auto& pb = b->article->published;
    if (pa && pb) return *pa < *pb;
    return pa.has_value() && !pb.has_value();
  });
  for (const Document* d : ordered) story.articles.push_back(MakeArticleRef(*d));
  SetEventDates(ordered, &story);
  // Translation pairs by their names and numbers alone (the facts that
  // lower the bar are aligned later, AnalyzeFactsAndProvenance, from the
  // same signatures and matches).
  const TranslationMatches translation_matches =
      options.provenance.translations ? TranslationMatches(ordered, options.provenance.translation)
                                      : TranslationMatches();
  const std::vector<TranslationPair> translations =
      options.provenance.translations
          ? FindTranslations(ordered, options.provenance.translation, nullptr, &translation_matches)
          : std::vector<TranslationPair>{};
  // The headline and summary are read from the sources: a translation says
  // what its source says, in another language.
  std::vector<const Document*> sources;
  for (uint32_t d = 0; d < ordered.size(); ++d) {
    const bool translation = std::any_of(translations.begin(), translations.end(),
                                         [d](const TranslationPair& t) { return t.to == d; });
    if (!translation) sources.push_back(ordered[d]);
  }
  Summary summary = SummarizeStory(sources.empty() ? ordered : sources, options.summary);
  story.headline = std::move(summary.headline);
  story.summary = std::move(summary.sentences);
  story.quotes = GroupQuotes(ordered, options.quotes, translations);
  StoryNumbers numbers = AnalyzeNumbers(ordered, translations);
  story.numbers = std::move(numbers.numbers);
  // Entities, with the speakers of each quote as evidence that differently
  // spelled names are one person; then quotes point at their speaker entity.
  std::vector<std::vector<std::string>> speakers;
  for (const report::Quote& q : story.quotes) {
    std::vector<std::string> names;
    for (const report::QuoteVersion& v : q.versions) {
      if (!v.speaker.empty()) names.push_back(v.speaker);
    }
    speakers.push_back(std::move(names));
  }
  story.entities = BuildEntities(ordered, speakers, options.entities);
  for (report::Quote& q : story.quotes) {
    if (q.speaker_name.empty()) continue;
    std::string want = FoldForMatch(q.speaker_name);
    for (const report::Entity& e : story.entities) {
      bool match = false;
      for (const report::Variant& v : e.variants) match |= FoldForMatch(v.form) == want;
      if (match) {
        q.speaker = e.id;
        q.speaker_name = e.name;
        break;
      }
    }
  }
  story.conflicts = FindConflicts(story);
  for (report::Conflict& c : numbers.conflicts) story.conflicts.push_back(std::move(c));
  std::vector<float> positions;
  AnalyzeFactsAndProvenance(ordered, &story, options.facts, options.provenance, &positions, &translation_matches);
  ApplyFactSummary(&story, positions, options.summary);
  return story;
}

}  // namespace rashomon
