#include "analysis/pipeline.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/conflicts.h"
#include "analysis/entities.h"
#include "analysis/facts.h"
#include "analysis/numbers.h"
#include "analysis/quotes.h"
#include "base/hash.h"
#include "base/parallel.h"
#include "base/progress.h"
#include "text/corpus.h"
#include "text/normalize.h"

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
  for (const LineRecord& l : doc.lines) ref.boilerplate_lines += l.kind == LineKind::kBoilerplate;
  return ref;
}

std::vector<Document> Clean(const std::vector<Article>& articles, const PipelineOptions& options) {
  Progress progress("cleaning", articles.size(), options.progress);
  return BuildDocuments(articles, options.text, &progress, options.threads);
}

// Groups each article's quotes into quotes told by the story, versions
// across articles together: long quotes by shared content stems; short ones
// (fewer than three content stems) only with the same speaker, either inside
// a longer version or, against another short one, with the same core words
// ("absolutely non-negotiable" and "never negotiable"; not "very good" and
// "a good start").
std::vector<report::Quote> GroupQuotes(const std::vector<const Document*>& docs, const QuoteOptions& options) {
  struct Version {
    const Document* doc;
    ExtractedQuote q;
    std::vector<uint64_t> stems, core;
  };
  struct Group {
    std::vector<Version> versions;
  };
  auto same_quote = [&](const Version& v, const Version& w) -> float {
    const bool v_shorter = v.stems.size() <= w.stems.size();
    const auto& a = v_shorter ? v.stems : w.stems;
    const auto& b = v_shorter ? w.stems : v.stems;
    float score = StemContainment(a, b);
    if (a.size() >= 3) return score >= options.same_quote ? score : 0;
    if (!SameSpeaker(v.q.speaker, w.q.speaker)) return 0;
    if (b.size() >= 3) return score >= 1.0f ? score : 0;
    return !v.core.empty() && v.core == w.core ? 1.0f : 0;
  };
  std::vector<Group> groups;
  for (const Document* doc : docs) {
    for (ExtractedQuote& q : ExtractQuotes(*doc, options)) {
      Version v{doc, std::move(q), {}, {}};
      v.stems = QuoteStems(v.q.text, doc->lang);
      v.core = QuoteCoreStems(v.q.text, doc->lang);
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
      q.versions.push_back({v.doc->article->id, v.q.text, v.q.cue, true, v.q.speaker, QuoteDiff(q.text, v.q.text)});
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

// Numbers across the story's articles, equal values with equal units merged.
std::vector<report::Number> GroupNumbers(const std::vector<const Document*>& docs) {
  std::vector<report::Number> out;
  for (const Document* doc : docs) {
    for (const ExtractedNumber& n : ExtractNumbers(*doc)) {
      report::Number* same = nullptr;
      for (report::Number& o : out) {
        bool equal_value = std::fabs(o.value - n.value) <= 1e-9 * std::max(1.0, std::fabs(n.value));
        // The same value in the same unit is one number; what it counts is
        // descriptive and worded differently by each outlet.
        if (equal_value && o.unit == n.unit && !(o.unit.empty() && o.what != n.what)) {
          same = &o;
          break;
        }
      }
      if (!same) {
        report::Number r;
        r.value = n.value;
        r.unit = n.unit;
        r.what = n.what;
        r.text = n.text;
        out.push_back(std::move(r));
        same = &out.back();
      }
      if (same->what.empty()) same->what = n.what;
      if (std::find(same->articles.begin(), same->articles.end(), doc->article->id) == same->articles.end()) {
        same->articles.push_back(doc->article->id);
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const report::Number& a, const report::Number& b) {
    return a.articles.size() > b.articles.size();
  });
  return out;
}

// One report topic per topic label (topic_of_doc from GroupTopics), in the
// order of each topic's first story. A topic of several stories is labelled
// by its description (shared words, then each story's own name); a lone
// story's topic, or one whose stories share no word worth showing, by the
// headline of its largest story.
std::vector<report::Topic> MakeTopics(const std::vector<uint32_t>& topic_of_doc,
                                      const std::vector<TopicDescription>& descriptions,
                                      const StoryAssignment& assignment, const std::vector<report::Story>& stories,
                                      const TopicOptions& options) {
  std::vector<report::Topic> topics;
  std::map<uint32_t, size_t> index;  // topic label -> position in `topics`
  std::vector<size_t> largest;       // per topic: the story with most articles
  std::vector<uint32_t> label_of;    // per topic: its label in topic_of_doc
  for (size_t s = 0; s < assignment.stories.size(); ++s) {
    if (assignment.stories[s].empty()) continue;
    const uint32_t label = topic_of_doc[assignment.stories[s].front()];
    auto [it, inserted] = index.try_emplace(label, topics.size());
    if (inserted) {
      topics.emplace_back();
      largest.push_back(s);
      label_of.push_back(label);
    }
    topics[it->second].story_ids.push_back(assignment.ids[s]);
    if (assignment.stories[s].size() > assignment.stories[largest[it->second]].size()) largest[it->second] = s;
  }
  for (size_t t = 0; t < topics.size(); ++t) {
    report::Topic& topic = topics[t];
    topic.id = "t-" + HashHex(*std::min_element(topic.story_ids.begin(), topic.story_ids.end()), 10);
    topic.label = stories[largest[t]].headline;
    if (topic.story_ids.size() < 2) continue;
    if (label_of[t] >= descriptions.size()) continue;
    const TopicDescription& d = descriptions[label_of[t]];
    std::string text = TopicLabel(d, options.label_names);
    if (d.terms.empty() || text.empty()) continue;
    topic.label = std::move(text);
    topic.terms = d.terms;
  }
  return topics;
}

}  // namespace

report::Story AnalyzeStory(const std::vector<const Document*>& docs, const std::string& story_id,
                           const PipelineOptions& options) {
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
  Summary summary = SummarizeStory(ordered, options.summary);
  story.headline = std::move(summary.headline);
  story.summary = std::move(summary.sentences);
  story.quotes = GroupQuotes(ordered, options.quotes);
  story.numbers = GroupNumbers(ordered);
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
  std::vector<float> positions;
  AnalyzeFactsAndProvenance(ordered, &story, options.facts, options.provenance, &positions);
  ApplyFactSummary(&story, positions, options.summary);
  return story;
}

StoryAssignment AssignStories(const std::vector<Article>& articles, const PipelineOptions& options) {
  std::vector<Document> docs = Clean(articles, options);
  std::vector<const Document*> ptrs;
  ptrs.reserve(docs.size());
  for (const Document& d : docs) ptrs.push_back(&d);
  StoryOptions so = options.stories;
  so.cluster.threads = options.threads;
  return FindStories(ptrs, so);
}

std::vector<report::Topic> FindTopics(const std::vector<const Document*>& docs, const StoryAssignment& assignment,
                                      const std::vector<report::Story>& stories, const PipelineOptions& options) {
  if (docs.empty()) return {};
  TopicOptions to = options.topics;
  to.threads = options.threads;
  std::vector<TopicDescription> descriptions;
  std::vector<uint32_t> topic_of_doc = GroupTopics(docs, assignment.story_of, to, &descriptions);
  return MakeTopics(topic_of_doc, descriptions, assignment, stories, to);
}

report::Report RunPipeline(const std::vector<Article>& articles, const PipelineOptions& options) {
  report::Report rep;
  rep.articles_read = articles.size();
  std::vector<Document> docs = Clean(articles, options);
  std::vector<const Document*> ptrs;
  ptrs.reserve(docs.size());
  for (const Document& d : docs) ptrs.push_back(&d);
  StoryOptions so = options.stories;
  so.cluster.threads = options.threads;
  StoryAssignment assignment = FindStories(ptrs, so);
  rep.stories.resize(assignment.stories.size());
  Progress progress("analysing", assignment.stories.size(), options.progress);
  ParallelFor(
      assignment.stories.size(),
      [&](size_t s) {
        std::vector<const Document*> members;
        for (uint32_t i : assignment.stories[s]) members.push_back(&docs[i]);
        rep.stories[s] = AnalyzeStory(members, assignment.ids[s], options);
        progress.Add();
      },
      options.threads);
  rep.topics = FindTopics(ptrs, assignment, rep.stories, options);
  return rep;
}

}  // namespace rashomon
