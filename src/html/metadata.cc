// Page metadata: <meta>, JSON-LD, <time>, bylines, title, language, canonical.
#include "html/metadata.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"

namespace rashomon::internal {
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

namespace {

// What a walk over the page finds for its metadata.
struct PageSignals {
  std::vector<std::pair<std::string, std::string>> metas;  // key (lower case), content
  std::string title_tag, html_lang, canonical, dom_byline, rel_author, time_pub, time_first;
  std::vector<std::string> h1s;
  JsonLdInfo ld;

  // The first non-empty content of a <meta> key, or "".
  std::string Meta(std::string_view key) const {
    for (const auto& [k, v] : metas) {
      if (k == key && !v.empty()) return v;
    }
    return "";
  }
};

void NoteMeta(const Dom& dom, uint32_t n, PageSignals* sig) {
  std::string_view content = dom.Attr(n, "content");
  if (content.empty()) content = dom.Attr(n, "datetime");
  if (content.empty() || sig->metas.size() >= 2000) return;
  std::string value = Clean(content, 2048);
  // property and name may both be set, and may each list several
  // space-separated keys ("og:title twitter:title").
  for (const char* attr : {"property", "name", "itemprop", "http-equiv"}) {
    std::string keys = AsciiLowercase(dom.Attr(n, attr));
    for (std::string_view k : Split(keys, ' ')) {
      k = TrimAscii(k);
      if (!k.empty()) sig->metas.emplace_back(std::string(k), value);
    }
  }
}

void NoteTime(const Dom& dom, uint32_t n, PageSignals* sig) {
  std::string_view dt = dom.Attr(n, "datetime");
  if (dt.empty()) return;
  std::string hints = HintTokens(dom, n);
  bool pub = dom.HasAttr(n, "pubdate") || hints.find("datepublished") != std::string::npos ||
             hints.find("publish") != std::string::npos;
  if (pub && sig->time_pub.empty()) sig->time_pub = std::string(dt);
  if (sig->time_first.empty()) sig->time_first = std::string(dt);
}

// Records what element n says about the page; false when its subtree holds
// nothing more to read (head elements, scripts, styles).
bool NoteElement(const Dom& dom, uint32_t n, PageSignals* sig) {
  switch (dom.tag(n)) {
    case Tag::kHtml:  // the first one (the parser may imply more)
      if (sig->html_lang.empty()) sig->html_lang = std::string(dom.Attr(n, "lang"));
      if (sig->html_lang.empty()) sig->html_lang = std::string(dom.Attr(n, "xml:lang"));
      return true;
    case Tag::kTitle:
      if (sig->title_tag.empty()) sig->title_tag = NodeText(dom, n, 2048);
      return false;
    case Tag::kMeta:
      NoteMeta(dom, n, sig);
      return false;
    case Tag::kLink: {
      std::string rel = AsciiLowercase(dom.Attr(n, "rel"));
      if (sig->canonical.empty() && rel == "canonical") sig->canonical = std::string(TrimAscii(dom.Attr(n, "href")));
      return false;
    }
    case Tag::kScript: {
      uint32_t t = n + 1;
      if (t < dom.End(n) && dom.IsText(t) && AsciiLowercase(dom.Attr(n, "type")) == "application/ld+json") {
        std::string_view text = dom.Text(t);
        if (text.size() < (4u << 20)) ReadJsonLd(text, &sig->ld);
      }
      return false;
    }
    case Tag::kStyle:
    case Tag::kNoscript:
      return false;
    case Tag::kH1:
      if (sig->h1s.size() < 4) sig->h1s.push_back(NodeText(dom, n, 1024));
      return true;
    case Tag::kTime:
      NoteTime(dom, n, sig);
      return true;
    default:
      return true;
  }
}

// A byline element ("byline", "author" in its class or id; rel=author),
// not an author bio, avatar or comment.
void NoteByline(const Dom& dom, uint32_t n, PageSignals* sig) {
  if (!sig->dom_byline.empty() && !sig->rel_author.empty()) return;
  std::string hints = HintTokens(dom, n);
  bool rel = hints.find(" author ") != std::string::npos && AsciiLowercase(dom.Attr(n, "rel")) == "author";
  bool byline = hints.find("byline") != std::string::npos || hints.find("author") != std::string::npos ||
                hints.find("writtenby") != std::string::npos;
  bool clutter = hints.find("bio") != std::string::npos || hints.find("avatar") != std::string::npos ||
                 hints.find("comment") != std::string::npos;
  if ((!byline && !rel) || clutter) return;
  std::string text = NodeText(dom, n, 400);
  if (text.empty() || text.size() >= 100) return;
  if (rel && sig->rel_author.empty()) sig->rel_author = text;
  if (sig->dom_byline.empty()) sig->dom_byline = text;
}

// Pre-order walk; `open` holds the subtree ends of the current element's
// ancestors, so its size is the depth.
PageSignals WalkPage(const Dom& dom, size_t max_depth) {
  PageSignals sig;
  std::vector<uint32_t> open;
  size_t visited = 0;
  for (uint32_t n = 1; n < dom.size() && ++visited < (4u << 20);) {
    while (!open.empty() && n >= open.back()) open.pop_back();
    if (dom.IsText(n)) {
      ++n;
      continue;
    }
    size_t depth = open.size() + 1;
    if (!NoteElement(dom, n, &sig)) {
      n = dom.End(n);
      continue;
    }
    NoteByline(dom, n, &sig);
    if (depth >= max_depth) {
      n = dom.End(n);
      continue;
    }
    open.push_back(dom.End(n));
    ++n;
  }
  return sig;
}

std::string ChooseTitle(const PageSignals& sig, const std::string& site_name) {
  // JSON-LD "name" and "headline" sometimes disagree (one is a page kind
  // such as "list article"): the one closer to <title> wins.
  const JsonLdInfo& ld = sig.ld;
  const std::string& title_tag = sig.title_tag;
  std::string ld_title = ld.headline.empty() ? ld.name : ld.headline;
  if (!ld.headline.empty() && !ld.name.empty() && ld.headline != ld.name &&
      TokenOverlap(ld.name, title_tag) > TokenOverlap(ld.headline, title_tag)) {
    ld_title = ld.name;
  }
  // <title> often carries the site name after the headline; when it starts
  // with an <h1> and a separator, that <h1> is the headline itself.
  std::string from_title = CleanTitle(title_tag, site_name);
  for (const std::string& h1 : sig.h1s) {
    if (h1.empty() || h1.size() + 3 > title_tag.size()) continue;
    bool leads = title_tag.compare(0, h1.size(), h1) == 0 && title_tag[h1.size()] == ' ' &&
                 std::string_view("|-\xE2:/\xC2\xB7>").find(title_tag[h1.size() + 1]) != std::string_view::npos;
    if (leads) {
      from_title = h1;
      break;
    }
  }
  for (const std::string& candidate : {ld_title, sig.Meta("dc:title"), sig.Meta("dc.title"), sig.Meta("dcterm:title"),
                                       sig.Meta("og:title"), sig.Meta("title"), sig.Meta("twitter:title"),
                                       sig.Meta("parsely-title"), from_title}) {
    if (!candidate.empty()) return candidate;
  }
  return sig.h1s.empty() ? std::string() : sig.h1s[0];
}

std::string ChooseByline(const PageSignals& sig) {
  std::string byline = sig.ld.author;
  for (const char* key : {"dc:creator", "dc.creator", "dcterm:creator", "dcterms.creator", "author",
                          "parsely-author", "sailthru.author", "article:author", "byl"}) {
    if (!byline.empty()) break;
    std::string v = sig.Meta(key);
    if (!IsUrl(v) && v.size() < 200) byline = v;
  }
  if (byline.empty()) byline = sig.rel_author.empty() ? sig.dom_byline : sig.rel_author;
  return Clean(byline, 300);
}

void ChooseTimes(const PageSignals& sig, std::string_view url, ExtractedPage* page) {
  page->published = FirstTime({sig.ld.published, sig.Meta("article:published_time"), sig.Meta("og:published_time"),
                               sig.Meta("parsely-pub-date"), sig.Meta("datepublished"), sig.Meta("publishdate"),
                               sig.Meta("publish-date"), sig.Meta("pubdate"), sig.Meta("date"),
                               sig.Meta("dc.date.issued"), sig.Meta("dc.date"), sig.Meta("dcterms.created"),
                               sig.Meta("sailthru.date"), sig.Meta("citation_publication_date"), sig.time_pub});
  if (!page->published) page->published = DateFromUrl(url);
  if (!page->published && !sig.canonical.empty()) page->published = DateFromUrl(sig.canonical);
  if (!page->published) page->published = FirstTime({sig.time_first});
  page->modified = FirstTime({sig.ld.modified, sig.Meta("article:modified_time"), sig.Meta("og:updated_time"),
                              sig.Meta("datemodified"), sig.Meta("last-modified")});
}

// ISO 639 code of two or three letters, or "".
std::string ChooseLang(const PageSignals& sig) {
  std::string lang = sig.html_lang;
  if (lang.empty()) lang = sig.Meta("content-language");
  if (lang.empty()) lang = sig.Meta("og:locale");
  lang = AsciiLowercase(TrimAscii(lang));
  size_t cut = lang.find_first_of("-_");
  if (cut != std::string::npos) lang.resize(cut);
  bool letters = lang.size() >= 2 && lang.size() <= 3;
  for (char c : lang) letters = letters && IsAsciiLower(c);
  return letters ? lang : "";
}

}  // namespace

void CollectMetadata(const Dom& dom, std::string_view url, size_t max_depth, ExtractedPage* page) {
  const PageSignals sig = WalkPage(dom, max_depth);
  // Site first: CleanTitle uses it to cut "Headline | Site".
  page->site_name = sig.Meta("og:site_name");
  if (page->site_name.empty()) page->site_name = sig.ld.publisher;
  if (page->site_name.empty()) page->site_name = sig.Meta("application-name");
  page->title = ChooseTitle(sig, page->site_name);
  page->byline = ChooseByline(sig);
  ChooseTimes(sig, url, page);
  page->lang = ChooseLang(sig);
  std::string canonical = sig.canonical.empty() ? sig.Meta("og:url") : sig.canonical;
  if (IsUrl(canonical)) page->canonical_url = canonical;
}

}  // namespace rashomon::internal
