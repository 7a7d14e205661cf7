// Loaders for the public evaluation data sets in ../shared/data. Each turns
// the data set into Articles plus gold labels; none of this is used by the
// product's own pipeline.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/article.h"

namespace rashomon {

struct LabeledArticles {
  std::vector<Article> articles;
  std::vector<std::string> gold;   // the label scored against (story)
  std::vector<std::string> group;  // a coarser label where the data has one (topic)
};

// ECB+: every <topic>/<topic>_<n>ecb[plus].xml under `dir` (the ECB+ folder).
// Gold story = topic + "ecb" or "ecbplus"; group = topic. The tokens are
// detokenised into ordinary text; a first sentence that is a URL becomes the
// article's url. `topics`, if not empty, restricts the topics loaded.
Result<LabeledArticles> LoadEcbPlus(const std::string& dir, const std::vector<int>& topics = {});

// The ECB+ development topics of Cybulska & Vossen's split (2 5 12 18 21 23
// 34 35), used for choosing thresholds.
const std::vector<int>& EcbPlusDevTopics();

// UCI News Aggregator CSV (ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,
// TIMESTAMP): one headline-only article per row; gold = STORY, group = CATEGORY.
Result<LabeledArticles> LoadUciNews(const std::string& csv_path);

// PolNeAR attributions (brat standoff): for each article of a split
// ("train", "dev"), the spans of every attribution's Source, Cue and Content
// in its raw text. Articles annotated by several people are taken once (the
// first annotator in file order).
struct Span {
  uint32_t begin = 0, end = 0;
  bool empty() const { return end <= begin; }
};
struct GoldAttribution {
  Span content, source, cue;
  bool direct = false;  // the content is a quotation inside quotation marks
};
struct PolnearArticle {
  Article article;
  std::vector<GoldAttribution> attributions;
};
Result<std::vector<PolnearArticle>> LoadPolnear(const std::string& data_dir, const std::string& split);

// Parses one CSV record per call (RFC 4180 quoting, embedded newlines).
class CsvReader {
 public:
  explicit CsvReader(std::string data, char sep = ',') : data_(std::move(data)), sep_(sep) {}
  bool Next(std::vector<std::string>* fields);

 private:
  std::string data_;
  size_t pos_ = 0;
  char sep_;
};

}  // namespace rashomon
