#include "serve/article_view.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_set>

#include "base/strings.h"

namespace rashomon::serve {
namespace {

// Lowercased words: runs of ASCII letters and digits or non-ASCII bytes.
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (IsAsciiAlpha(c) || IsAsciiDigit(c) || u >= 0x80) {
      cur.push_back(AsciiToLower(c));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool Lists(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// True when `value` occurs in `sentence` as whole words.
bool ContainsValue(const std::string& sentence_lower, const std::string& value) {
  std::string v = AsciiLowercase(TrimAscii(value));
  if (v.size() < 2) return false;
  for (size_t pos = sentence_lower.find(v); pos != std::string::npos;
       pos = sentence_lower.find(v, pos + 1)) {
    auto word = [&](size_t i) {
      char c = sentence_lower[i];
      return IsAsciiAlpha(c) || IsAsciiDigit(c);
    };
    bool left = pos == 0 || !word(pos - 1);
    size_t end = pos + v.size();
    bool right = end >= sentence_lower.size() || !word(end);
    if (left && right) return true;
  }
  return false;
}

// True when `claim` is stated by more articles than any other claim of the
// conflict: that side is what the others depart from, so it is not marked.
// With a tie no side is the majority and every side is marked.
bool IsMajorityClaim(const report::Conflict& c, const report::Claim& claim) {
  for (const report::Claim& other : c.claims) {
    if (&other != &claim && other.articles.size() >= claim.articles.size()) return false;
  }
  return true;
}

}  // namespace

const char* SentenceMarkName(SentenceMark mark) {
  switch (mark) {
    case SentenceMark::kPlain:
      return "plain";
    case SentenceMark::kCorroborated:
      return "corroborated";
    case SentenceMark::kUnique:
      return "unique";
    case SentenceMark::kConflicting:
      return "conflicting";
  }
  return "plain";
}

ArticleView BuildArticleView(const Article& article, const report::Story* story,
                             const TextOptions& options) {
  Document doc = BuildDocument(article, nullptr, options);
  ArticleView view;
  view.title = doc.title.empty() ? article.title : doc.title;

  // Flat list of sentences, then facts placed on the best one.
  std::vector<MarkedSentence*> flat;
  for (const Paragraph& p : doc.paragraphs) {
    ViewParagraph vp;
    vp.heading = p.heading;
    if (p.heading || p.first_sentence == p.sentence_end) {
      vp.text = doc.text.substr(p.begin, p.end - p.begin);
      vp.heading = true;
    }
    for (uint32_t i = p.first_sentence; i < p.sentence_end; ++i) {
      MarkedSentence ms;
      ms.text = std::string(doc.SentenceText(doc.sentences[i]));
      vp.sentences.push_back(std::move(ms));
    }
    view.paragraphs.push_back(std::move(vp));
  }
  for (ViewParagraph& vp : view.paragraphs) {
    for (MarkedSentence& ms : vp.sentences) flat.push_back(&ms);
  }
  for (const LineRecord& line : doc.lines) {
    if (line.kind != LineKind::kBoilerplate) continue;
    std::string_view raw =
        std::string_view(article.text).substr(line.raw_begin, line.raw_end - line.raw_begin);
    view.removed.push_back({std::string(TrimAscii(raw)), line.reason});
  }
  if (story == nullptr || flat.empty()) return view;

  std::vector<std::unordered_set<std::string>> sentence_words;
  std::vector<std::string> sentence_lower;
  for (const MarkedSentence* ms : flat) {
    std::vector<std::string> w = Words(ms->text);
    sentence_words.emplace_back(w.begin(), w.end());
    sentence_lower.push_back(AsciiLowercase(ms->text));
  }
  std::set<std::string> unique_facts;
  for (const report::Unique& u : story->unique) {
    if (u.article == article.id) unique_facts.insert(u.facts.begin(), u.facts.end());
  }
  std::vector<std::set<std::string>> also(flat.size());
  std::vector<bool> unique(flat.size(), false), corroborated(flat.size(), false);
  for (const report::Fact& f : story->facts) {
    if (!Lists(f.articles, article.id)) continue;
    std::vector<std::string> fw = Words(f.text);
    std::unordered_set<std::string> distinct(fw.begin(), fw.end());
    if (distinct.empty()) continue;
    size_t best = flat.size();
    double best_score = kFactOverlap;
    for (size_t i = 0; i < flat.size(); ++i) {
      size_t hit = 0;
      for (const std::string& w : distinct) hit += sentence_words[i].count(w);
      double score = static_cast<double>(hit) / static_cast<double>(distinct.size());
      if (score >= best_score) {
        best_score = score;
        best = i;
        if (score == 1.0) break;
      }
    }
    if (best == flat.size()) continue;
    flat[best]->facts.push_back(f.id);
    bool alone = unique_facts.count(f.id) > 0 || (f.articles.size() == 1);
    (alone ? unique : corroborated)[best] = true;
    for (const std::string& other : f.articles) {
      if (other != article.id) also[best].insert(other);
    }
  }
  for (const report::Conflict& c : story->conflicts) {
    for (const report::Claim& claim : c.claims) {
      if (!Lists(claim.articles, article.id) || IsMajorityClaim(c, claim)) continue;
      for (size_t i = 0; i < flat.size(); ++i) {
        if (ContainsValue(sentence_lower[i], claim.value) &&
            !Lists(flat[i]->conflicts, c.subject)) {
          flat[i]->conflicts.push_back(c.subject);
        }
      }
    }
  }
  for (size_t i = 0; i < flat.size(); ++i) {
    MarkedSentence& ms = *flat[i];
    ms.also_in.assign(also[i].begin(), also[i].end());
    if (!ms.conflicts.empty()) {
      ms.mark = SentenceMark::kConflicting;
    } else if (unique[i]) {
      ms.mark = SentenceMark::kUnique;
    } else if (corroborated[i]) {
      ms.mark = SentenceMark::kCorroborated;
    }
  }
  return view;
}

}  // namespace rashomon::serve
