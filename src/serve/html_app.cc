#include "serve/html_app.h"

#include <unordered_map>

#include "report/writer.h"
#include "serve/api_json.h"
#include "serve/article_view.h"
#include "serve/backend.h"
#include "serve/web_assets.h"

namespace rashomon::serve {
namespace {

std::string_view Asset(std::string_view name) {
  const WebAsset* a = FindWebAsset(name);
  return a ? a->data : std::string_view();
}

// Inline code must not contain "</" sequences that end its element early;
// our own assets are checked by a test, this is a second guard.
std::string GuardInline(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '<' && i + 1 < code.size() && code[i + 1] == '/') {
      out += "<\\/";
      ++i;
      continue;
    }
    out.push_back(code[i]);
  }
  return out;
}

// A data: URL of `bytes`, every byte but letters and digits percent-encoded,
// so it is safe inside a double-quoted attribute.
std::string DataUrl(std::string_view mime, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "data:" + std::string(mime) + ",";
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z')) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string EscapeJsonForScript(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xe2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
               (json[i + 2] == '\xa8' || json[i + 2] == '\xa9')) {
      out += json[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string WriteAppHtml(const report::Report& report, const std::vector<Article>& articles) {
  // {"stories": [story...], "topics": {computed, topics: [...]},
  // "articles": {id: article view}}; the script
  // pages, filters and sorts in the browser.
  std::unordered_map<std::string, const report::Story*> story_of;
  for (const report::Story& s : report.stories) {
    for (const report::ArticleRef& a : s.articles) story_of[a.id] = &s;
  }
  std::string data = "{\"stories\":[";
  for (size_t i = 0; i < report.stories.size(); ++i) {
    if (i) data += ',';
    data += report::WriteStoryJson(report.stories[i]);
  }
  data += "],\"topics\":";
  // The same topic rows the server's /api/topics gives (several stories each).
  data += TopicsJson(ListTopicsOf(report));
  data += ",\"articles\":{";
  bool first = true;
  for (const Article& a : articles) {
    auto it = story_of.find(a.id);
    if (it == story_of.end()) continue;
    StoredArticle stored{a, it->second->id, {}};
    ArticleView view = BuildArticleView(a, it->second);
    if (!first) data += ',';
    first = false;
    data += JsonString(a.id);
    data += ':';
    data += ArticleJson(stored, view);
  }
  data += "}}";

  std::string out =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
      "form-action 'none'\">"
      "<meta name=\"referrer\" content=\"no-referrer\">"
      "<title>rashomon report</title>";
  out += "<link rel=\"icon\" type=\"image/svg+xml\" href=\"" + DataUrl("image/svg+xml", Asset("favicon.svg")) + "\">";
  out += "<style>";
  out += GuardInline(Asset("style.css"));
  out += "</style></head><body>";
  out += "<noscript><p class=\"noscript\">This report needs JavaScript to display.</p></noscript>";
  out += "<script type=\"application/json\" id=\"rashomon-data\">";
  out += EscapeJsonForScript(data);
  out += "</script><script>";
  out += GuardInline(Asset("app.js"));
  out += "</script></body></html>\n";
  return out;
}

}  // namespace rashomon::serve
