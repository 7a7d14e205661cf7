// rashomon eval translations --data ARTICLES --gold GOLD: how well
// translation pairs are told from other pairs of articles in different
// languages (analysis/translation.h). A pair is a translation in the gold
// when both articles are in one gold story (MEANTIME's pooled set: an
// article and its translations are one story).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>

#include "analysis/translation.h"
#include "base/diagnostics.h"
#include "base/stream.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "text/corpus.h"

namespace rashomon::cli {
namespace {

struct PairScore {
  TranslationMatch match;
  bool gold = false;
};

void PrintRow(const std::vector<PairScore>& pairs, const TranslationOptions& o) {
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  for (const PairScore& p : pairs) {
    const bool found = p.match.Translation(o);
    tp += found && p.gold;
    fp += found && !p.gold;
    fn += !found && p.gold;
    tn += !found && !p.gold;
  }
  auto ratio = [](size_t a, size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); };
  std::printf("  share >= %.2f, common >= %d   P %.3f  R %.3f  accuracy %.4f   (%zu found, %zu false, %zu missed)\n",
              o.min_share, o.min_common, ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(tp + tn, pairs.size()), tp,
              fp, fn);
}

}  // namespace

void AddEvalTranslationsCommand(CLI::App* eval, const GlobalFlags& global, int* exit_code) {
  struct Flags {
    std::string data, gold;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = eval->add_subcommand(
      "translations", "Translation pairs told from other pairs of articles in different languages");
  cmd->add_option("--data", flags->data, "Articles (e.g. the pooled MEANTIME set)")->required();
  cmd->add_option("--gold", flags->gold, "Gold stories (JSON Lines article/story): a story's articles are translations")
      ->required();
  cmd->callback([flags, exit_code, &global] {
    auto gold = ReadAssignment(flags->gold);
    if (!gold.ok()) {
      *exit_code = Fail(gold.status());
      return;
    }
    Diagnostics diag;
    const std::vector<Article> articles = LoadArticles({flags->data}, diag);
    if (articles.empty()) {
      *exit_code = Fail(Status::InvalidInput(flags->data + ": no articles could be read"));
      return;
    }
    const std::vector<Document> docs = BuildDocuments(articles, {}, nullptr, global.threads);
    const TranslationOptions options;
    std::vector<TranslationSignature> signatures;
    signatures.reserve(docs.size());
    for (const Document& d : docs) signatures.push_back(SignatureOf(d, options));
    std::vector<PairScore> pairs;
    for (size_t i = 0; i < docs.size(); ++i) {
      for (size_t j = i + 1; j < docs.size(); ++j) {
        if (docs[i].lang == docs[j].lang) continue;
        auto gi = gold->find(articles[i].id), gj = gold->find(articles[j].id);
        PairScore p;
        p.gold = gi != gold->end() && gj != gold->end() && gi->second == gj->second;
        p.match = MatchTranslation(signatures[i], signatures[j]);
        pairs.push_back(p);
      }
    }
    size_t positives = 0;
    for (const PairScore& p : pairs) positives += p.gold;
    std::printf("%zu articles; %zu pairs in different languages, %zu of them translations of one another\n",
                docs.size(), pairs.size(), positives);
    for (float share : {0.3f, 0.35f, 0.4f, 0.45f, 0.5f}) {
      TranslationOptions o = options;
      o.min_share = share;
      PrintRow(pairs, o);
    }

    std::printf("default:\n");
    PrintRow(pairs, options);
    *exit_code = ExitCodeFor(diag, articles.size());
  });
}

}  // namespace rashomon::cli
