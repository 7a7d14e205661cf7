// rashomon eval quotes [--data DIR] [--split dev|train]: quote and speaker
// extraction scored against PolNeAR's attribution annotations.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "analysis/quotes.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "eval/datasets.h"
#include "eval/metrics.h"
#include "text/document.h"

namespace rashomon::cli {
namespace {

uint32_t Overlap(Span a, uint32_t b, uint32_t e) {
  uint32_t lo = std::max(a.begin, b), hi = std::min(a.end, e);
  return hi > lo ? hi - lo : 0;
}

struct Counts {
  size_t predicted = 0, gold = 0, matched = 0;
  size_t predicted_speakers = 0, gold_speakers = 0, correct_speakers = 0, found_speakers = 0;
  size_t short_gold = 0, short_matched = 0;  // direct quotes of 1-3 words
};

void PrintPrf(const char* what, size_t tp_p, size_t predicted, size_t tp_r, size_t gold) {
  double p = predicted ? static_cast<double>(tp_p) / static_cast<double>(predicted) : 0;
  double r = gold ? static_cast<double>(tp_r) / static_cast<double>(gold) : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  std::printf("  %-34s P %.3f  R %.3f  F1 %.3f   (%zu of %zu predicted, %zu of %zu gold)\n", what, p, r, f, tp_p,
              predicted, tp_r, gold);
}

std::string Excerpt(const std::string& text, uint32_t b, uint32_t e, size_t max = 90) {
  std::string s = text.substr(b, std::min<size_t>(e - b, max));
  for (char& ch : s) {
    if (ch == '\n' || ch == '\t') ch = ' ';
  }
  return s;
}

// Folded words of a span, for comparing a predicted speaker with the
// annotated one when they are different mentions of the same person.
std::vector<std::string> FoldedWords(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) || u >= 0x80) {
      cur += static_cast<char>(std::tolower(u));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

// Scoring, for direct quotes (gold attributions whose content lies mostly
// inside quotation marks):
// - content: a predicted quote matches a direct gold attribution when most
//   of its words lie inside the gold content span (one gold per prediction);
// - speakers: a predicted (quote, speaker) pair is right when the quote lies
//   inside an annotated attribution of any kind (PolNeAR marks a partial
//   quotation inside a paraphrase as indirect, yet its speaker is the
//   attribution's source) and the speaker is that source: the spans overlap,
//   or the predicted name's last word is a word of the annotated source (the
//   same person named at another mention). Recall counts direct gold
//   attributions with a source whose quote was found with the right speaker.
Counts ScorePolnear(const std::vector<PolnearArticle>& set, bool print_errors) {
  Counts c;
  for (const PolnearArticle& pa : set) {
    const std::string& raw = pa.article.text;
    Document doc = BuildDocument(pa.article, nullptr);
    std::vector<ExtractedQuote> quotes = ExtractQuotes(doc);
    c.predicted += quotes.size();
    std::vector<bool> used(pa.attributions.size(), false), speaker_found(pa.attributions.size(), false);
    for (const GoldAttribution& g : pa.attributions) {
      c.gold += g.direct;
      c.gold_speakers += g.direct && !g.source.empty();
    }
    for (const ExtractedQuote& q : quotes) {
      uint32_t rb = doc.to_raw.ToRaw(q.begin), re = doc.to_raw.ToRaw(q.end);
      if (re <= rb) continue;
      bool has_speaker = q.speaker_end > q.speaker_begin;
      c.predicted_speakers += has_speaker;
      uint32_t sb = has_speaker ? doc.to_raw.ToRaw(q.speaker_begin) : 0;
      uint32_t se = has_speaker ? doc.to_raw.ToRaw(q.speaker_end) : 0;
      std::vector<std::string> name = FoldedWords(q.speaker);
      bool content_hit = false, speaker_hit = false;
      const GoldAttribution* near = nullptr;
      for (size_t k = 0; k < pa.attributions.size(); ++k) {
        const GoldAttribution& g = pa.attributions[k];
        if (Overlap(g.content, rb, re) * 2 < re - rb) continue;
        near = &g;
        if (g.direct && !used[k] && !content_hit) {
          used[k] = true;
          content_hit = true;
        }
        if (!has_speaker || g.source.empty()) continue;
        bool same = Overlap(g.source, sb, se) > 0;
        if (!same && !name.empty()) {
          std::vector<std::string> gold_words = FoldedWords(std::string_view(raw).substr(g.source.begin, g.source.end - g.source.begin));
          same = std::find(gold_words.begin(), gold_words.end(), name.back()) != gold_words.end();
        }
        if (same) {
          speaker_hit = true;
          if (g.direct) speaker_found[k] = true;
        }
      }
      c.matched += content_hit;
      c.correct_speakers += speaker_hit;
      if (print_errors && !has_speaker && near && near->direct && !near->source.empty()) {
        std::printf("no speaker\t%s\tgold: %s\t\"%s\"\n", pa.article.id.c_str(),
                    Excerpt(raw, near->source.begin, near->source.end, 60).c_str(), Excerpt(raw, rb, re).c_str());
      }
      if (print_errors && has_speaker && !speaker_hit) {
        std::string gold = near && !near->source.empty() ? Excerpt(raw, near->source.begin, near->source.end, 60)
                                                         : std::string(near ? "(no source)" : "(not an attribution)");
        std::printf("wrong speaker\t%s\t%s\tgold: %s\t\"%s\"\n", pa.article.id.c_str(), q.speaker.c_str(),
                    gold.c_str(), Excerpt(raw, rb, re).c_str());
      }
    }
    for (size_t k = 0; k < pa.attributions.size(); ++k) {
      const GoldAttribution& g = pa.attributions[k];
      if (g.direct && FoldedWords(std::string_view(raw).substr(g.content.begin, g.content.end - g.content.begin)).size() <= 3) {
        ++c.short_gold;
        c.short_matched += used[k];
      }
      if (!g.direct || g.source.empty()) continue;
      c.found_speakers += speaker_found[k];
      if (print_errors && !speaker_found[k]) {
        std::printf("missed\t%s\tgold: %s\t\"%s\"\n", pa.article.id.c_str(),
                    Excerpt(raw, g.source.begin, g.source.end, 60).c_str(),
                    Excerpt(raw, g.content.begin, g.content.end).c_str());
      }
    }
  }
  return c;
}

void AddEvalQuotesCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::string data;
    std::string split = "dev";
    bool errors = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = eval->add_subcommand("quotes", "Direct quotes and their speakers against PolNeAR");
  cmd->add_option("--data", flags->data, "PolNeAR data folder (default: ../shared/data/polnear/data)");
  cmd->add_option("--split", flags->split, "dev or train")->capture_default_str();
  cmd->add_flag("--errors", flags->errors, "List wrong, missing and missed speakers (tab-separated) before the scores");
  cmd->callback([flags, exit_code] {
    std::string dir = flags->data.empty() ? std::string(RASHOMON_DEFAULT_SHARED_DIR) + "/data/polnear/data" : flags->data;
    auto set = LoadPolnear(dir, flags->split);
    if (!set.ok()) {
      *exit_code = Fail(set.status());
      return;
    }
    Counts c = ScorePolnear(*set, flags->errors);
    std::printf("PolNeAR %s: %zu articles, %zu direct-quote attributions (%s)\n", flags->split.c_str(), set->size(),
                c.gold, dir.c_str());
    PrintPrf("direct quote content spans", c.matched, c.predicted, c.matched, c.gold);
    std::printf("  %-34s R %.3f   (%zu of %zu gold)\n", "direct quotes of 1-3 words",
                c.short_gold ? static_cast<double>(c.short_matched) / static_cast<double>(c.short_gold) : 0.0,
                c.short_matched, c.short_gold);
    PrintPrf("speakers of direct quotes", c.correct_speakers, c.predicted_speakers, c.found_speakers, c.gold_speakers);
    *exit_code = kExitOk;
  });
}

}  // namespace rashomon::cli
