#include "eval/extraction.h"

#include <unicode/uchar.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <unordered_map>

#include "base/hash.h"
#include "base/stream.h"
#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"

namespace rashomon {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadFileAll(const std::string& path) {
  auto in = OpenInput(path);
  if (!in.ok()) return in.status().WithPrefix(path);
  auto all = ReadAll(**in, 256u << 20);
  if (!all.ok()) return all.status().WithPrefix(path);
  return std::move(all).value();
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0; }
double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }


std::string NormalizedTokens(std::string_view s) {
  std::vector<std::string> t = WordTokens(s);
  for (auto& w : t) w = AsciiLowercase(w);
  return Join(t, " ");
}

bool BylineMatches(std::string_view ours, std::string_view expected) {
  auto norm = [](std::string_view s) {
    std::vector<std::string> t = WordTokens(s);
    for (auto& w : t) w = AsciiLowercase(w);
    if (!t.empty() && t[0] == "by") t.erase(t.begin());
    return t;
  };
  std::vector<std::string> a = norm(ours), b = norm(expected);
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  const auto& shorter = a.size() < b.size() ? a : b;
  const auto& longer = a.size() < b.size() ? b : a;
  if (shorter.size() < 2) return false;
  return std::search(longer.begin(), longer.end(), shorter.begin(), shorter.end()) != longer.end();
}

}  // namespace

double SnippetScores::precision() const { return Ratio(tp, tp + fp); }
double SnippetScores::recall() const { return Ratio(tp, tp + fn); }
double SnippetScores::f1() const { return F1(precision(), recall()); }
double SnippetScores::accuracy() const { return Ratio(tp + tn, tp + tn + fp + fn); }
double ReadabilityScores::f1() const { return F1(precision, recall); }

std::vector<std::string> WordTokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < text.size();) {
    char32_t cp;
    size_t n = DecodeUtf8(text, i, &cp);
    bool word = cp == '_' || u_isalnum(static_cast<UChar32>(cp)) ||
                (u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK) != 0;
    if (word) {
      cur.append(text.substr(i, n));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
    i += n;
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

void ShinglePrecisionRecall(std::string_view predicted, std::string_view expected, double* precision,
                            double* recall) {
  auto shingles = [](std::string_view text) {
    std::vector<std::string> t = WordTokens(text);
    std::unordered_map<uint64_t, size_t> bag;
    if (t.empty()) return bag;
    size_t k = std::min<size_t>(4, t.size());
    for (size_t i = 0; i + k <= t.size(); ++i) {
      uint64_t h = 0;
      for (size_t j = 0; j < k; ++j) h = HashCombine(h, Hash64(t[i + j]));
      ++bag[h];
    }
    return bag;
  };
  auto p = shingles(predicted), e = shingles(expected);
  if (p.empty() && e.empty()) {
    *precision = *recall = 1;
    return;
  }
  size_t np = 0, ne = 0, common = 0;
  for (const auto& [h, c] : p) np += c;
  for (const auto& [h, c] : e) {
    ne += c;
    auto it = p.find(h);
    if (it != p.end()) common += std::min(c, it->second);
  }
  *precision = Ratio(common, np);
  *recall = Ratio(common, ne);
}

Result<SnippetScores> EvalTrafilatura(const std::string& dir, const HtmlOptions& options) {
  ASSIGN_OR_RETURN(std::string index, ReadFileAll(dir + "/evaldata.json"));
  auto doc = nlohmann::json::parse(index, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return Status::InvalidInput(dir + "/evaldata.json: not a JSON object");
  SnippetScores s;
  for (const auto& [url, entry] : doc.items()) {
    if (!entry.is_object() || !entry.contains("file") || !entry["file"].is_string()) continue;
    std::string file = entry["file"].get<std::string>() + ".gz";
    std::string path = dir + "/cache/" + file;
    if (!fs::exists(path)) path = dir + "/eval/" + file;
    if (!fs::exists(path)) {
      ++s.missing_files;
      continue;
    }
    ++s.pages;
    std::string text;
    auto bytes = ReadFileAll(path);
    if (bytes.ok()) {
      auto page = ExtractHtml(*bytes, url, options);
      if (page.ok()) {
        text = CollapseWhitespace(page->text);
      } else {
        ++s.failed_pages;
      }
    } else {
      ++s.failed_pages;
    }
    // A named reference, not the structured binding: clang 14 cannot
    // capture bindings in lambdas.
    const auto& record = entry;
    auto count = [&](const char* key, bool want) {
      if (!record.contains(key) || !record[key].is_array()) return;
      for (const auto& snip : record[key]) {
        if (!snip.is_string()) continue;
        std::string needle = CollapseWhitespace(snip.get<std::string>());
        if (needle.empty()) continue;
        bool found = text.find(needle) != std::string::npos;
        if (want) {
          (found ? s.tp : s.fn)++;
        } else {
          (found ? s.fp : s.tn)++;
        }
        if (found != want) s.errors.push_back((want ? "FN " : "FP ") + file + ": " + needle);
      }
    };
    count("with", true);
    count("without", false);
  }
  if (s.pages == 0) return Status::NotFound(dir + ": no pages found");
  return s;
}

Result<ReadabilityScores> EvalReadabilityPages(const std::string& dir, const HtmlOptions& options) {
  std::string pages_dir = fs::exists(dir + "/pages") ? dir + "/pages" : dir;
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(pages_dir, ec)) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  if (ec) return Status::NotFound(pages_dir + ": " + ec.message());
  std::sort(names.begin(), names.end());
  ReadabilityScores r;
  double sum_p = 0, sum_r = 0;
  for (const std::string& name : names) {
    std::string base = pages_dir + "/" + name + "/";
    auto source = ReadFileAll(base + "source.html.gz");
    auto expected = ReadFileAll(base + "expected.html.gz");
    auto meta_text = ReadFileAll(base + "expected-metadata.json");
    if (!source.ok() || !expected.ok() || !meta_text.ok()) continue;
    auto meta = nlohmann::json::parse(*meta_text, nullptr, false);
    if (!meta.is_object()) continue;
    ++r.pages;
    ExtractedPage ours;
    auto page = ExtractHtml(*source, {}, options);
    if (page.ok()) {
      ours = std::move(page).value();
    } else {
      ++r.failed_pages;
    }
    double p = 0, rec = 0;
    ShinglePrecisionRecall(ours.text, HtmlToPlainText(*expected, options), &p, &rec);
    sum_p += p;
    sum_r += rec;
    ReadabilityScores::Page detail{name, p, rec, false, false, false};
    auto str = [&meta](const char* key) {
      return meta.contains(key) && meta[key].is_string() ? meta[key].get<std::string>() : std::string();
    };
    std::string title = str("title"), byline = str("byline"), published = str("publishedTime");
    if (!title.empty()) {
      ++r.title_total;
      detail.title_ok = NormalizedTokens(ours.title) == NormalizedTokens(title);
      r.title_right += detail.title_ok;
    }
    if (!byline.empty()) {
      ++r.byline_total;
      detail.byline_ok = BylineMatches(ours.byline, byline);
      r.byline_right += detail.byline_ok;
    }
    if (!published.empty()) {
      ++r.date_total;
      auto want = ParseTimestamp(TrimAscii(published));
      if (want && ours.published) {
        detail.date_ok = TrimAscii(published).size() <= 10 ? FormatDate(*want) == FormatDate(*ours.published)
                                                           : std::llabs(*want - *ours.published) <= 60;
      }
      r.date_right += detail.date_ok;
    }
    r.details.push_back(std::move(detail));
  }
  if (r.pages == 0) return Status::NotFound(pages_dir + ": no test pages found");
  r.precision = sum_p / static_cast<double>(r.pages);
  r.recall = sum_r / static_cast<double>(r.pages);
  return r;
}

}  // namespace rashomon
