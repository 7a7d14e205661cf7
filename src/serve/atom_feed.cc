// See atom_feed.h.
#include "serve/atom_feed.h"

#include "base/time.h"
#include "base/utf8.h"

namespace rashomon::serve {

std::string XmlEscape(std::string_view text) {
  std::string valid;
  if (!IsValidUtf8(text)) {
    for (size_t i = 0; i < text.size();) {
      char32_t cp;
      size_t len = DecodeUtf8(text, i, &cp);
      if (cp == kReplacementChar && len == 1) {
        valid += "\xEF\xBF\xBD";
      } else {
        valid.append(text.substr(i, len));
      }
      i += len;
    }
    text = valid;
  }
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
    if (u == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE) {
      i += 2;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

std::string Summary(const StorySummary& s) {
  std::string text = std::to_string(s.articles) + (s.articles == 1 ? " article" : " articles");
  if (!s.outlets.empty()) {
    text += " from ";
    for (size_t i = 0; i < s.outlets.size(); ++i) {
      if (i > 0) text += i + 1 == s.outlets.size() ? " and " : ", ";
      text += s.outlets[i];
    }
  }
  if (s.first) text += "; first report " + FormatIso8601(*s.first);
  if (s.last && s.last != s.first) text += ", latest " + FormatIso8601(*s.last);
  if (s.conflicts > 0) text += "; " + std::to_string(s.conflicts) + " points where the sources disagree";
  return text + ".";
}

}  // namespace

std::string WriteStoriesAtom(const std::vector<StorySummary>& stories, std::string_view base_url, int64_t now,
                             std::string_view query, std::string_view what) {
  const std::string base = XmlEscape(base_url);
  const std::string self = base + "/feed.atom" + (query.empty() ? "" : "?" + XmlEscape(query));
  int64_t updated = 0;
  // A story is updated when an article joins it or changes a figure.
  auto updated_of = [](const StorySummary& s, int64_t fallback) {
    return s.updated ? *s.updated : s.last.value_or(s.first.value_or(fallback));
  };
  for (const StorySummary& s : stories) updated = std::max(updated, updated_of(s, 0));
  if (updated == 0) updated = now;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <title>rashomon: stories" + (what.empty() ? "" : ", " + XmlEscape(what)) + "</title>\n";
  out += "  <id>" + self + "</id>\n";
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + self + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + base + "/\"/>\n";
  out += "  <updated>" + FormatIso8601(updated) + "</updated>\n";
  out += "  <author><name>rashomon</name></author>\n";
  out += "  <generator>rashomon</generator>\n";
  for (const StorySummary& s : stories) {
    const std::string id = XmlEscape(s.id);
    std::string href = base + "/#/story/";
    for (char c : s.id) {  // the id percent-encoded, as the web UI links it
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_') {
        href += c;
      } else {
        static const char* kHex = "0123456789ABCDEF";
        href += '%';
        href += kHex[static_cast<unsigned char>(c) >> 4];
        href += kHex[static_cast<unsigned char>(c) & 15];
      }
    }
    out += "  <entry>\n";
    out += "    <id>" + base + "/stories/" + id + "</id>\n";
    out += "    <title type=\"text\">" + XmlEscape(s.headline.empty() ? "Story " + s.id : s.headline) + "</title>\n";
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + href + "\"/>\n";
    out += "    <updated>" + FormatIso8601(updated_of(s, now)) + "</updated>\n";
    if (s.first) out += "    <published>" + FormatIso8601(*s.first) + "</published>\n";
    out += "    <summary type=\"text\">" + XmlEscape(Summary(s)) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace rashomon::serve
