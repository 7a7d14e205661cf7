#include "eval/datasets.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "base/stream.h"
#include "base/strings.h"
#include "base/time.h"

namespace rashomon {
namespace fs = std::filesystem;
namespace {

Result<std::string> ReadFile(const std::string& path) {
  ASSIGN_OR_RETURN(auto in, OpenInput(path));
  auto r = ReadAll(*in, 512u << 20);
  if (!r.ok()) return r.status().WithPrefix(path);
  return std::move(r).value();
}

std::string XmlUnescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    auto try_ent = [&](std::string_view ent, char c) {
      if (s.substr(i, ent.size()) == ent) {
        out.push_back(c);
        i += ent.size() - 1;
        return true;
      }
      return false;
    };
    if (try_ent("&amp;", '&') || try_ent("&lt;", '<') || try_ent("&gt;", '>') ||
        try_ent("&quot;", '"') || try_ent("&apos;", '\'')) {
      continue;
    }
    out.push_back('&');
  }
  return out;
}

// Joins PTB-style tokens into ordinary text.
std::string Detokenize(const std::vector<std::string>& toks) {
  std::string out;
  bool no_space_next = false;
  bool open_double = true;
  for (size_t i = 0; i < toks.size(); ++i) {
    std::string t = toks[i];
    if (t == "``") t = "\u201c";
    if (t == "''") t = "\u201d";
    if (t == "\"") {
      t = open_double ? "\u201c" : "\u201d";
      open_double = !open_double;
    }
    if (t == "-LRB-") t = "(";
    if (t == "-RRB-") t = ")";
    bool attach_left = t == "." || t == "," || t == ";" || t == ":" || t == "!" || t == "?" ||
                       t == ")" || t == "]" || t == "%" || t == "\u201d" || t == "'s" ||
                       t == "’s" || t == "n't" || t == "'" || t == "’" || t == "'re" ||
                       t == "'ve" || t == "'ll" || t == "'m" || t == "'d";
    if (!out.empty() && !attach_left && !no_space_next) out.push_back(' ');
    out += t;
    no_space_next = t == "(" || t == "[" || t == "$" || t == "\u201c";
  }
  return out;
}

}  // namespace

const std::vector<int>& EcbPlusDevTopics() {
  static const std::vector<int> kDev = {2, 5, 12, 18, 21, 23, 34, 35};
  return kDev;
}

Result<LabeledArticles> LoadEcbPlus(const std::string& dir, const std::vector<int>& topics) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": not a folder");
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec) break;
    std::string name = it->path().filename().string();
    if (it->is_regular_file() && EndsWithIgnoreCase(name, ".xml")) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  static const std::regex kName(R"((\d+)_(\d+)(ecbplus|ecb)\.xml)");
  LabeledArticles out;
  for (const std::string& f : files) {
    std::smatch m;
    std::string name = fs::path(f).filename().string();
    if (!std::regex_match(name, m, kName)) continue;
    int topic = std::stoi(m[1]);
    if (!topics.empty() && std::find(topics.begin(), topics.end(), topic) == topics.end()) continue;
    ASSIGN_OR_RETURN(std::string xml, ReadFile(f));
    std::vector<std::vector<std::string>> sentences;
    // <token t_id="1" sentence="0" number="0">A</token>
    size_t pos = 0;
    while ((pos = xml.find("<token ", pos)) != std::string::npos) {
      size_t tag_end = xml.find('>', pos);
      size_t close = xml.find("</token>", pos);
      if (tag_end == std::string::npos || close == std::string::npos || close < tag_end) break;
      std::string_view tag(xml.data() + pos, tag_end - pos);
      size_t attr = tag.find("sentence=\"");
      pos = close + 8;
      if (attr == std::string_view::npos) continue;
      size_t s = 0;
      for (size_t k = attr + 10; k < tag.size() && IsAsciiDigit(tag[k]); ++k) s = s * 10 + static_cast<size_t>(tag[k] - '0');
      if (s > 100000) continue;
      if (s >= sentences.size()) sentences.resize(s + 1);
      sentences[s].push_back(XmlUnescape(std::string_view(xml.data() + tag_end + 1, close - tag_end - 1)));
    }
    Article a;
    a.id = name.substr(0, name.size() - 4);
    a.origin = f;
    std::string text;
    for (size_t s = 0; s < sentences.size(); ++s) {
      if (sentences[s].empty()) continue;
      if (s == 0 && (sentences[s][0] == "http" || sentences[s][0] == "https")) {
        for (const auto& t : sentences[s]) a.url += t;
        continue;
      }
      text += Detokenize(sentences[s]);
      text += '\n';
    }
    a.text = std::move(text);
    a.lang = "en";
    out.articles.push_back(std::move(a));
    out.gold.push_back(std::to_string(topic) + std::string(m[3]));
    out.group.push_back(std::to_string(topic));
  }
  if (out.articles.empty()) return Status::NotFound(dir + ": no ECB+ documents found");
  return out;
}

bool CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (pos_ >= data_.size()) return false;
  std::string field;
  bool quoted = false;
  while (pos_ < data_.size()) {
    char c = data_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < data_.size() && data_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == sep_) {
      fields->push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  fields->push_back(std::move(field));
  return true;
}

Result<LabeledArticles> LoadUciNews(const std::string& csv_path) {
  ASSIGN_OR_RETURN(std::string data, ReadFile(csv_path));
  CsvReader csv(std::move(data));
  std::vector<std::string> row;
  if (!csv.Next(&row) || row.size() < 8 || row[1] != "TITLE") {
    return Status::InvalidInput(csv_path + ": not a UCI News Aggregator CSV");
  }
  LabeledArticles out;
  while (csv.Next(&row)) {
    if (row.size() < 8) continue;
    Article a;
    a.id = "uci-" + row[0];
    a.title = row[1];
    a.text = row[1];
    a.url = row[2];
    a.source = row[3];
    a.published = ParseTimestamp(row[7]);
    a.lang = "en";
    a.origin = csv_path;
    out.articles.push_back(std::move(a));
    out.gold.push_back(row[5]);
    out.group.push_back(row[4]);
  }
  return out;
}

}  // namespace rashomon
