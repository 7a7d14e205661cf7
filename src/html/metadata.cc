// Page metadata: <meta>, JSON-LD, <time>, bylines, title, language, canonical.
#include "html/metadata.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"

namespace rashomon::html_internal {
namespace {

// Whitespace-separated class and id values, lower case, as one string with
// spaces around each token so " byline " style lookups are cheap.
std::string HintTokens(const Dom& dom, uint32_t node) {
  std::string s = " ";
  for (const char* a : {"class", "id", "itemprop", "rel"}) {
    std::string_view v = dom.Attr(node, a);
    if (v.empty()) continue;
    s += AsciiLowercase(v);
    s += ' ';
  }
  for (char& c : s) {
    if (IsAsciiSpace(c)) c = ' ';
  }
  return s;
}

bool IsUrl(std::string_view s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("//", 0) == 0;
}

std::string Clean(std::string_view s, size_t max_bytes = 1024) {
  std::string r = CollapseWhitespace(s);
  std::string_view t = TrimAscii(r);
  return std::string(TruncateUtf8(t, max_bytes));
}

// Up to 64 JSON-LD values, searched breadth-first for an article object.
struct JsonLdInfo {
  std::string headline, name, author, published, modified, publisher;
  bool article = false;  // found an Article-like @type
};

std::string JsonString(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_array() && !j.empty() && j[0].is_string()) return j[0].get<std::string>();
  return "";
}

std::string AuthorNames(const nlohmann::json& j) {
  std::vector<std::string> names;
  auto add = [&names](const nlohmann::json& a) {
    std::string n;
    if (a.is_string()) {
      n = a.get<std::string>();
    } else if (a.is_object() && a.contains("name")) {
      n = JsonString(a["name"]);
    }
    n = Clean(n, 200);
    if (!n.empty() && !IsUrl(n) && names.size() < 8) names.push_back(n);
  };
  if (j.is_array()) {
    for (const auto& a : j) add(a);
  } else {
    add(j);
  }
  return Join(names, ", ");
}

bool ArticleType(const nlohmann::json& type) {
  auto one = [](const std::string& t) {
    return t.find("Article") != std::string::npos || t == "BlogPosting" || t == "Report" ||
           t == "LiveBlogPosting" || t == "Posting";
  };
  if (type.is_string()) return one(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& t : type) {
      if (t.is_string() && one(t.get<std::string>())) return true;
    }
  }
  return false;
}

void ReadJsonLd(std::string_view text, JsonLdInfo* info) {
  if (info->article) return;
  // Some pages wrap the JSON in a CDATA section (possibly behind "//").
  size_t open = text.find("<![CDATA[");
  if (open != std::string_view::npos && open < 64) {
    text.remove_prefix(open + 9);
    size_t close = text.rfind("]]>");
    if (close != std::string_view::npos) text = text.substr(0, close);
    while (!text.empty() && (IsAsciiSpace(text.back()) || text.back() == '/')) text.remove_suffix(1);
  }
  auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return;
  std::vector<const nlohmann::json*> queue = {&doc};
  for (size_t i = 0; i < queue.size() && i < 256; ++i) {
    const nlohmann::json& j = *queue[i];
    if (j.is_array()) {
      for (const auto& x : j) queue.push_back(&x);
      continue;
    }
    if (!j.is_object()) continue;
    if (j.contains("@graph")) queue.push_back(&j["@graph"]);
    bool article = j.contains("@type") && ArticleType(j["@type"]);
    bool dated = j.contains("datePublished");
    if (!article && !(dated && info->published.empty())) continue;
    JsonLdInfo got;
    if (j.contains("headline")) got.headline = Clean(JsonString(j["headline"]));
    if (article && j.contains("name")) got.name = Clean(JsonString(j["name"]));
    if (j.contains("author")) got.author = AuthorNames(j["author"]);
    if (got.author.empty() && j.contains("creator")) got.author = AuthorNames(j["creator"]);
    if (j.contains("datePublished")) got.published = JsonString(j["datePublished"]);
    if (j.contains("dateModified")) got.modified = JsonString(j["dateModified"]);
    if (j.contains("publisher")) {
      const auto& p = j["publisher"];
      got.publisher = Clean(p.is_object() && p.contains("name") ? JsonString(p["name"]) : JsonString(p), 200);
    }
    got.article = article;
    if (article) {
      *info = std::move(got);
      return;
    }
    if (info->published.empty()) info->published = got.published;
  }
}

std::optional<int64_t> FirstTime(std::initializer_list<std::string_view> candidates) {
  for (std::string_view c : candidates) {
    if (c.empty()) continue;
    auto t = ParseTimestamp(TrimAscii(c));
    if (t) return t;
  }
  return std::nullopt;
}

// Share of a's lower-cased ASCII-split words found in b (0..1).
double TokenOverlap(std::string_view a, std::string_view b) {
  std::string la = AsciiLowercase(a), lb = AsciiLowercase(b);
  size_t total = 0, found = 0;
  for (std::string_view w : Split(la, ' ')) {
    if (w.empty()) continue;
    ++total;
    found += lb.find(w) != std::string::npos;
  }
  return total ? static_cast<double>(found) / static_cast<double>(total) : 0;
}

}  // namespace

std::string NodeText(const Dom& dom, uint32_t node, size_t max_bytes) {
  std::string out;
  uint32_t end = dom.End(node);
  for (uint32_t i = node; i < end && out.size() < max_bytes;) {
    if (dom.IsText(i)) {
      out += dom.Text(i);
      ++i;
      continue;
    }
    Tag tag = dom.tag(i);
    if (tag == Tag::kScript || tag == Tag::kStyle || tag == Tag::kNoscript) {
      i = dom.End(i);
      continue;
    }
    if (tag == Tag::kBr || tag == Tag::kP || tag == Tag::kDiv || tag == Tag::kLi) out += ' ';
    ++i;
  }
  return Clean(out, max_bytes);
}

void CollectMetadata(const Dom& dom, std::string_view url, size_t max_depth, ExtractedPage* page) {
  std::vector<std::pair<std::string, std::string>> metas;  // key (lower case), content
  std::string title_tag, html_lang, canonical, dom_byline, rel_author, time_pub, time_first;
  std::vector<std::string> h1s;
  JsonLdInfo ld;

  // Pre-order walk; `open` holds the subtree ends of the current element's
  // ancestors, so its size is the depth.
  std::vector<uint32_t> open;
  size_t visited = 0;
  for (uint32_t n = 1; n < dom.size() && ++visited < (4u << 20);) {
    while (!open.empty() && n >= open.back()) open.pop_back();
    if (dom.IsText(n)) {
      ++n;
      continue;
    }
    size_t depth = open.size() + 1;
    Tag tag = dom.tag(n);
    bool descend = true;
    switch (tag) {
      case Tag::kHtml:  // the first one (the parser may imply more)
        if (html_lang.empty()) html_lang = std::string(dom.Attr(n, "lang"));
        if (html_lang.empty()) html_lang = std::string(dom.Attr(n, "xml:lang"));
        break;
      case Tag::kTitle:
        if (title_tag.empty()) title_tag = NodeText(dom, n, 2048);
        descend = false;
        break;
      case Tag::kMeta: {
        descend = false;
        std::string_view content = dom.Attr(n, "content");
        if (content.empty()) content = dom.Attr(n, "datetime");
        if (content.empty() || metas.size() >= 2000) break;
        std::string value = Clean(content, 2048);
        // property and name may both be set, and may each list several
        // space-separated keys ("og:title twitter:title").
        for (const char* attr : {"property", "name", "itemprop", "http-equiv"}) {
          std::string keys = AsciiLowercase(dom.Attr(n, attr));
          for (std::string_view k : Split(keys, ' ')) {
            k = TrimAscii(k);
            if (!k.empty()) metas.emplace_back(std::string(k), value);
          }
        }
        break;
      }
      case Tag::kLink: {
        descend = false;
        std::string rel = AsciiLowercase(dom.Attr(n, "rel"));
        if (canonical.empty() && rel == "canonical") canonical = std::string(TrimAscii(dom.Attr(n, "href")));
        break;
      }
      case Tag::kScript: {
        descend = false;
        uint32_t t = n + 1;
        if (t < dom.End(n) && dom.IsText(t) && AsciiLowercase(dom.Attr(n, "type")) == "application/ld+json") {
          std::string_view text = dom.Text(t);
          if (text.size() < (4u << 20)) ReadJsonLd(text, &ld);
        }
        break;
      }
      case Tag::kStyle:
      case Tag::kNoscript:
        descend = false;
        break;
      case Tag::kH1:
        if (h1s.size() < 4) h1s.push_back(NodeText(dom, n, 1024));
        break;
      case Tag::kTime: {
        std::string_view dt = dom.Attr(n, "datetime");
        if (!dt.empty()) {
          std::string hints = HintTokens(dom, n);
          bool pub = dom.HasAttr(n, "pubdate") || hints.find("datepublished") != std::string::npos ||
                     hints.find("publish") != std::string::npos;
          if (pub && time_pub.empty()) time_pub = std::string(dt);
          if (time_first.empty()) time_first = std::string(dt);
        }
        break;
      }
      default:
        break;
    }
    if (!descend) {
      n = dom.End(n);
      continue;
    }
    if (dom_byline.empty() || rel_author.empty()) {
      std::string hints = HintTokens(dom, n);
      bool rel = hints.find(" author ") != std::string::npos && AsciiLowercase(dom.Attr(n, "rel")) == "author";
      bool byline = hints.find("byline") != std::string::npos || hints.find("author") != std::string::npos ||
                    hints.find("writtenby") != std::string::npos;
      bool clutter = hints.find("bio") != std::string::npos || hints.find("avatar") != std::string::npos ||
                     hints.find("comment") != std::string::npos;
      if ((byline || rel) && !clutter) {
        std::string text = NodeText(dom, n, 400);
        if (!text.empty() && text.size() < 100) {
          if (rel && rel_author.empty()) rel_author = text;
          if (dom_byline.empty()) dom_byline = text;
        }
      }
    }
    if (depth >= max_depth) {
      n = dom.End(n);
      continue;
    }
    open.push_back(dom.End(n));
    ++n;
  }

  auto meta = [&metas](std::string_view key) -> std::string {
    for (const auto& [k, v] : metas) {
      if (k == key && !v.empty()) return v;
    }
    return "";
  };

  // Site first: CleanTitle uses it to cut "Headline | Site".
  page->site_name = meta("og:site_name");
  if (page->site_name.empty()) page->site_name = ld.publisher;
  if (page->site_name.empty()) page->site_name = meta("application-name");

  // JSON-LD "name" and "headline" sometimes disagree (one is a page kind
  // such as "list article"): the one closer to <title> wins.
  std::string ld_title = ld.headline.empty() ? ld.name : ld.headline;
  if (!ld.headline.empty() && !ld.name.empty() && ld.headline != ld.name &&
      TokenOverlap(ld.name, title_tag) > TokenOverlap(ld.headline, title_tag)) {
    ld_title = ld.name;
  }
  // <title> often carries the site name after the headline; when it starts
  // with an <h1> and a separator, that <h1> is the headline itself.
  std::string from_title = CleanTitle(title_tag, page->site_name);
  for (const std::string& h1 : h1s) {
    if (h1.empty() || h1.size() + 3 > title_tag.size()) continue;
    bool leads = title_tag.compare(0, h1.size(), h1) == 0 && title_tag[h1.size()] == ' ' &&
                 std::string_view("|-\xE2:/\xC2\xB7>").find(title_tag[h1.size() + 1]) != std::string_view::npos;
    if (leads) {
      from_title = h1;
      break;
    }
  }
  for (const std::string& candidate : {ld_title, meta("dc:title"), meta("dc.title"), meta("dcterm:title"),
                                meta("og:title"), meta("title"), meta("twitter:title"), meta("parsely-title"),
                                from_title}) {
    if (!candidate.empty()) {
      page->title = candidate;
      break;
    }
  }
  if (page->title.empty() && !h1s.empty()) page->title = h1s[0];

  std::string byline = ld.author;
  for (const char* key : {"dc:creator", "dc.creator", "dcterm:creator", "dcterms.creator", "author",
                          "parsely-author", "sailthru.author", "article:author", "byl"}) {
    if (!byline.empty()) break;
    std::string v = meta(key);
    if (!IsUrl(v) && v.size() < 200) byline = v;
  }
  if (byline.empty()) byline = rel_author.empty() ? dom_byline : rel_author;
  page->byline = Clean(byline, 300);

  page->published = FirstTime({ld.published, meta("article:published_time"), meta("og:published_time"),
                               meta("parsely-pub-date"), meta("datepublished"), meta("publishdate"),
                               meta("publish-date"), meta("pubdate"), meta("date"), meta("dc.date.issued"),
                               meta("dc.date"), meta("dcterms.created"), meta("sailthru.date"),
                               meta("citation_publication_date"), time_pub});
  if (!page->published) page->published = DateFromUrl(url);
  if (!page->published && !canonical.empty()) page->published = DateFromUrl(canonical);
  if (!page->published) page->published = FirstTime({time_first});
  page->modified = FirstTime({ld.modified, meta("article:modified_time"), meta("og:updated_time"),
                              meta("datemodified"), meta("last-modified")});

  std::string lang = html_lang;
  if (lang.empty()) lang = meta("content-language");
  if (lang.empty()) lang = meta("og:locale");
  lang = AsciiLowercase(TrimAscii(lang));
  size_t cut = lang.find_first_of("-_");
  if (cut != std::string::npos) lang.resize(cut);
  bool letters = lang.size() >= 2 && lang.size() <= 3;
  for (char c : lang) letters = letters && IsAsciiLower(c);
  page->lang = letters ? lang : "";

  if (canonical.empty()) canonical = meta("og:url");
  if (IsUrl(canonical)) page->canonical_url = canonical;
}

}  // namespace rashomon::html_internal
