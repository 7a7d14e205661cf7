#include "eval/datasets.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

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

namespace {

// Marks each byte of `text` that lies inside a quotation (“…”, "…" or ‘…’
// opened at a word start), line by line.
std::vector<bool> QuotedBytes(std::string_view text) {
  std::vector<bool> inside(text.size(), false);
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    bool in_double = false;
    size_t open_at = 0;
    for (size_t i = line_start; i < line_end; ++i) {
      std::string_view rest = text.substr(i, line_end - i);
      bool curly_open = rest.rfind("\u201c", 0) == 0, curly_close = rest.rfind("\u201d", 0) == 0;
      bool straight = rest[0] == '"';
      if (!in_double && (curly_open || straight)) {
        in_double = true;
        open_at = i;
      } else if (in_double && (curly_close || straight)) {
        for (size_t k = open_at; k <= i; ++k) inside[k] = true;
        in_double = false;
      }
    }
    line_start = line_end + 1;
  }
  return inside;
}

}  // namespace

Result<std::vector<PolnearArticle>> LoadPolnear(const std::string& data_dir, const std::string& split) {
  std::string ann_dir = data_dir + "/" + split + "/attributions";
  std::string txt_dir = data_dir + "/" + split + "/text";
  std::error_code ec;
  if (!fs::is_directory(ann_dir, ec)) return Status::NotFound(ann_dir + ": not a folder");
  std::vector<std::string> anns;
  for (const auto& entry : fs::directory_iterator(ann_dir, ec)) {
    if (EndsWithIgnoreCase(entry.path().string(), ".ann")) anns.push_back(entry.path().string());
  }
  std::sort(anns.begin(), anns.end());
  std::vector<PolnearArticle> out;
  std::set<std::string> seen;
  for (const std::string& ann_path : anns) {
    std::string stem = fs::path(ann_path).stem().string();
    size_t us = stem.find_last_of('_');
    if (us == std::string::npos) continue;
    std::string doc = stem.substr(0, us);
    if (!seen.insert(doc).second) continue;  // first annotator only
    auto text = ReadFile(txt_dir + "/" + doc + ".txt");
    if (!text.ok()) continue;
    ASSIGN_OR_RETURN(std::string ann, ReadFile(ann_path));
    PolnearArticle pa;
    pa.article.id = doc;
    pa.article.text = std::move(*text);
    pa.article.lang = "en";
    pa.article.origin = txt_dir + "/" + doc + ".txt";
    std::vector<bool> quoted = QuotedBytes(pa.article.text);
    // brat offsets count characters (code points); ours count bytes.
    std::vector<uint32_t> byte_of;
    for (uint32_t i = 0; i < pa.article.text.size(); ++i) {
      if ((static_cast<unsigned char>(pa.article.text[i]) & 0xC0) != 0x80) byte_of.push_back(i);
    }
    byte_of.push_back(static_cast<uint32_t>(pa.article.text.size()));
    auto to_bytes = [&](Span sp) {
      sp.begin = sp.begin < byte_of.size() ? byte_of[sp.begin] : byte_of.back();
      sp.end = sp.end < byte_of.size() ? byte_of[sp.end] : byte_of.back();
      return sp;
    };
    std::map<std::string, std::pair<std::string, Span>> spans;  // T id -> (type, span)
    std::vector<std::string> events;
    for (std::string_view line : SplitLines(ann)) {
      if (line.empty()) continue;
      if (line[0] == 'T') {
        auto parts = Split(line, '\t');
        if (parts.size() < 2) continue;
        auto fields = Split(parts[1], ' ');
        if (fields.size() < 3) continue;
        Span sp;
        sp.begin = static_cast<uint32_t>(std::strtoul(std::string(fields[1]).c_str(), nullptr, 10));
        std::string last(fields.back());
        sp.end = static_cast<uint32_t>(std::strtoul(last.c_str(), nullptr, 10));  // discontinuous: outer bounds
        spans[std::string(parts[0])] = {std::string(fields[0]), sp};
      } else if (line[0] == 'E') {
        events.emplace_back(line);
      }
    }
    for (const std::string& ev : events) {
      auto parts = Split(ev, '\t');
      if (parts.size() < 2) continue;
      GoldAttribution g;
      for (std::string_view arg : Split(parts[1], ' ')) {
        size_t colon = arg.find(':');
        if (colon == std::string_view::npos) continue;
        std::string role(arg.substr(0, colon));
        auto it = spans.find(std::string(arg.substr(colon + 1)));
        if (it == spans.end()) continue;
        if (role.rfind("Content", 0) == 0) g.content = to_bytes(it->second.second);
        if (role.rfind("Source", 0) == 0) g.source = to_bytes(it->second.second);
        if (role.rfind("Cue", 0) == 0) g.cue = to_bytes(it->second.second);
      }
      if (g.content.empty() || g.content.end > pa.article.text.size()) continue;
      // Direct: most of the content lies inside quotation marks.
      size_t in = 0;
      for (uint32_t k = g.content.begin; k < g.content.end; ++k) in += quoted[k];
      g.direct = in * 2 >= g.content.end - g.content.begin;
      pa.attributions.push_back(g);
    }
    out.push_back(std::move(pa));
  }
  if (out.empty()) return Status::NotFound(ann_dir + ": no PolNeAR articles");
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
