// Feeds (RSS 2.0, RSS 1.0/RDF, Atom 1.0, OPML) through libxml2's tree
// parser. See feed.h.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_set>

#include "base/strings.h"
#include "base/time.h"
#include "html/extract.h"
#include "ingest/feed.h"

namespace rashomon {
namespace {

using DocPtr = std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)>;

std::string_view Name(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

std::string Content(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  if (c == nullptr) return "";
  std::string s(reinterpret_cast<const char*>(c));
  xmlFree(c);
  return s;
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return "";
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

// rdf:about and friends: the attribute of that local name in any namespace.
std::string AttrAnyNs(const xmlNode* n, std::string_view local) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (a->name != nullptr && reinterpret_cast<const char*>(a->name) == local && a->children != nullptr &&
        a->children->content != nullptr) {
      return reinterpret_cast<const char*>(a->children->content);
    }
  }
  return "";
}

// Markup inside an element (Atom type="xhtml"), serialised.
std::string InnerXml(const xmlNode* n) {
  std::unique_ptr<xmlBuffer, void (*)(xmlBufferPtr)> buf(xmlBufferCreate(), xmlBufferFree);
  if (!buf) return "";
  for (xmlNode* c = n->children; c != nullptr; c = c->next) xmlNodeDump(buf.get(), n->doc, c, 0, 0);
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf.get())),
                     static_cast<size_t>(xmlBufferLength(buf.get())));
}

std::string Resolve(const std::string& href, std::string_view base) {
  std::string h(TrimAscii(href));
  if (h.empty() || base.empty()) return h;
  std::string b(base);
  xmlChar* r = xmlBuildURI(reinterpret_cast<const xmlChar*>(h.c_str()), reinterpret_cast<const xmlChar*>(b.c_str()));
  if (r == nullptr) return h;
  std::string s(reinterpret_cast<const char*>(r));
  xmlFree(r);
  return s;
}

// Text of an Atom text construct or an RSS field as HTML: type="text"
// content is escaped so that it reads as the same text.
std::string AsHtml(const xmlNode* n) {
  std::string type = AsciiLowercase(Attr(n, "type"));
  if (type == "xhtml") return InnerXml(n);
  std::string text = Content(n);
  if (type != "text" && type != "text/plain") return text;
  std::string out;
  for (char c : text) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

// A title: plain text; markup (Atom type="html", escaped HTML in RSS) read
// as HTML only when it holds a tag or an entity.
std::string TitleText(const xmlNode* n) {
  std::string type = AsciiLowercase(Attr(n, "type"));
  std::string raw = type == "xhtml" ? InnerXml(n) : Content(n);
  bool markup = type == "html" || type == "xhtml";
  if (!markup) {
    for (size_t i = 0; i + 1 < raw.size(); ++i) {
      if ((raw[i] == '<' && IsAsciiAlpha(raw[i + 1])) || (raw[i] == '&' && raw.find(';', i) != std::string::npos)) {
        markup = true;
        break;
      }
    }
  }
  if (markup) {
    std::string text = HtmlToPlainText(raw);
    if (!TrimAscii(text).empty()) raw = std::move(text);
  }
  return CollapseWhitespace(raw);
}

// Date elements by local name, first that parses.
void ReadDate(const xmlNode* n, FeedItem* item, bool* from_updated) {
  std::string_view name = Name(n);
  if (name != "pubDate" && name != "date" && name != "published" && name != "updated" && name != "issued" &&
      name != "modified") {
    return;
  }
  std::optional<int64_t> t = ParseFeedDate(Content(n));
  if (!t) return;
  const bool weak = name == "updated" || name == "modified";
  if (!item->published || (*from_updated && !weak)) {
    item->published = t;
    *from_updated = weak;
  }
}

FeedItem ReadItem(const xmlNode* node, std::string_view base, bool atom) {
  FeedItem item;
  bool from_updated = false;
  if (!atom) item.guid = AttrAnyNs(node, "about");  // RDF
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view name = Name(c);
    if (name == "title") {
      item.title = TitleText(c);
    } else if (name == "link") {
      if (atom) {
        std::string rel = Attr(c, "rel");
        if ((rel.empty() || rel == "alternate") && item.link.empty()) item.link = Resolve(Attr(c, "href"), base);
      } else {
        item.link = Resolve(Content(c), base);
      }
    } else if (name == "guid" || name == "id") {
      item.guid = std::string(TrimAscii(Content(c)));
    } else if (name == "description" || name == "summary") {
      item.summary = AsHtml(c);
    } else if (name == "encoded" || name == "content") {
      item.content = AsHtml(c);
    } else if (name == "author" || name == "creator") {
      const xmlNode* who = c;
      for (const xmlNode* k = c->children; k != nullptr; k = k->next) {
        if (k->type == XML_ELEMENT_NODE && Name(k) == "name") who = k;
      }
      if (item.author.empty()) item.author = CollapseWhitespace(Content(who));
    } else {
      ReadDate(c, &item, &from_updated);
    }
  }
  // An RSS guid that is a permalink stands in for a missing link.
  if (item.link.empty() && item.guid.find("://") != std::string::npos) item.link = item.guid;
  return item;
}

void ReadChannel(const xmlNode* channel, std::string_view base, bool atom, Feed* feed) {
  for (const xmlNode* c = channel->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view name = Name(c);
    if (name == "title" && feed->title.empty()) {
      feed->title = TitleText(c);
    } else if (name == "link" && feed->site_link.empty()) {
      if (!atom) {
        feed->site_link = Resolve(Content(c), base);
      } else if (std::string rel = Attr(c, "rel"); rel.empty() || rel == "alternate") {
        feed->site_link = Resolve(Attr(c, "href"), base);
      }
    } else if (name == "language" && feed->lang.empty()) {
      feed->lang = AsciiLowercase(TrimAscii(Content(c)).substr(0, 2));
    }
  }
  if (feed->lang.empty() && channel->parent != nullptr) {
    std::string lang = AsciiLowercase(Attr(channel, "lang"));
    if (lang.empty()) {
      xmlChar* l = xmlNodeGetLang(channel);
      if (l != nullptr) {
        lang = AsciiLowercase(reinterpret_cast<const char*>(l));
        xmlFree(l);
      }
    }
    feed->lang = lang.substr(0, 2);
  }
}

void AddItem(FeedItem item, const FeedOptions& options, std::unordered_set<std::string>* keys, Feed* feed) {
  if (!keys->insert(FeedItemKey(item)).second) {
    ++feed->duplicate_guids;
    return;
  }
  if (feed->items.size() >= options.max_items) {
    ++feed->items_cut;
    return;
  }
  feed->items.push_back(std::move(item));
}

void ReadOpml(const xmlNode* root, std::string_view base, Feed* feed) {
  std::unordered_set<std::string> seen;
  std::vector<const xmlNode*> pending = {root};
  while (!pending.empty()) {
    const xmlNode* n = pending.back();
    pending.pop_back();
    std::vector<const xmlNode*> children;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) children.push_back(c);
    }
    for (auto it = children.rbegin(); it != children.rend(); ++it) pending.push_back(*it);
    if (n->type != XML_ELEMENT_NODE) continue;
    if (Name(n) == "title" && n->parent != nullptr && Name(n->parent) == "head" && feed->title.empty()) {
      feed->title = CollapseWhitespace(Content(n));
    }
    if (Name(n) != "outline") continue;
    std::string url = Resolve(Attr(n, "xmlUrl"), base);
    if (!url.empty() && seen.insert(url).second) feed->subscriptions.push_back(std::move(url));
  }
}

// A DOCTYPE whose internal subset declares entities: refused before
// parsing (libxml2 would check an entity's content at its first use).
bool DeclaresEntities(std::string_view bytes) {
  size_t doctype = bytes.substr(0, 1u << 16).find("<!DOCTYPE");
  if (doctype == std::string_view::npos) return false;
  size_t end = bytes.find("]>", doctype);
  std::string_view subset = bytes.substr(doctype, end == std::string_view::npos ? std::string_view::npos : end - doctype);
  return subset.find("<!ENTITY") != std::string_view::npos;
}

Result<DocPtr> ParseXml(std::string_view bytes, const char* encoding) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!ctxt) return Status::Internal("cannot start the XML parser");
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  DocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), nullptr, encoding, options),
             xmlFreeDoc);
  const xmlError* err = xmlCtxtGetLastError(ctxt.get());
  if (doc && ctxt->wellFormed) return doc;
  std::string msg = "malformed XML";
  if (err != nullptr && err->message != nullptr) {
    msg += " (line " + std::to_string(err->line) + ": " + std::string(TrimAscii(err->message)) + ")";
    if (err->code == XML_ERR_INVALID_CHAR || err->code == XML_ERR_INVALID_ENCODING ||
        err->code == XML_ERR_UNKNOWN_ENCODING || err->code == XML_ERR_UNSUPPORTED_ENCODING) {
      return Status::Unsupported(msg);  // an encoding problem, worth a second read
    }
  }
  return Status::InvalidInput(msg);
}

}  // namespace

bool LooksLikeFeed(std::string_view head) {
  std::string_view t = head.substr(0, 4096);
  if (t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
  size_t i = 0;
  while (true) {
    i = t.find('<', i);
    if (i == std::string_view::npos || i + 1 >= t.size()) return false;
    if (t[i + 1] == '?' || t[i + 1] == '!') {
      ++i;
      continue;
    }
    std::string_view rest = t.substr(i + 1);
    size_t end = rest.find_first_of(" \t\r\n>/");
    std::string_view name = rest.substr(0, end);
    if (size_t colon = name.find(':'); colon != std::string_view::npos) name = name.substr(colon + 1);
    return name == "rss" || name == "feed" || name == "RDF" || name == "opml";
  }
}

namespace {

// True when the bytes say their encoding: a byte-order mark, or an
// encoding in the XML declaration.
bool DeclaresEncoding(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF" || bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    return true;
  }
  if (bytes.substr(0, 5) != "<?xml") return false;
  std::string_view decl = bytes.substr(0, bytes.find("?>"));
  return decl.find("encoding") != std::string_view::npos;
}

}  // namespace

Result<Feed> ParseFeed(std::string_view bytes, std::string_view base_url, const FeedOptions& options,
                       std::string_view http_charset) {
  if (bytes.size() > options.max_feed_bytes || bytes.size() >= static_cast<size_t>(INT_MAX)) {
    return Status::InvalidInput("feed larger than " + std::to_string(options.max_feed_bytes >> 20) +
                                   " MiB; not read");
  }
  if (TrimAscii(bytes).empty()) return Status::InvalidInput("empty feed");
  if (DeclaresEntities(bytes)) {
    return Status::InvalidInput("the document declares XML entities; not read (entity expansion is off)");
  }
  Feed feed;
  const std::string charset(http_charset);
  const bool use_http = !charset.empty() && !DeclaresEncoding(bytes);
  auto doc = ParseXml(bytes, use_http ? charset.c_str() : nullptr);
  if (!doc.ok() && doc.status().code() == StatusCode::kUnsupported) {
    doc = ParseXml(bytes, "windows-1252");
    feed.reencoded = doc.ok();
  }
  if (!doc.ok()) return doc.status();
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  if (root == nullptr) return Status::InvalidInput("no root element");
  std::string_view name = Name(root);
  std::string base(base_url);
  std::unordered_set<std::string> keys;
  if (name == "opml") {
    feed.kind = FeedKind::kOpml;
    ReadOpml(root, base, &feed);
    return feed;
  }
  if (name == "feed") {
    feed.kind = FeedKind::kAtom;
    ReadChannel(root, base, true, &feed);
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && Name(c) == "entry") AddItem(ReadItem(c, base, true), options, &keys, &feed);
    }
    return feed;
  }
  if (name != "rss" && name != "RDF") {
    return Status::InvalidInput("not a feed: the root element is <" + EscapeForMessage(name) +
                                   ">, not rss, rdf:RDF, feed or opml");
  }
  feed.kind = name == "rss" ? FeedKind::kRss : FeedKind::kRdf;
  // RSS 2.0: items inside the channel; RSS 1.0: beside it.
  for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (Name(c) == "channel") {
      ReadChannel(c, base, false, &feed);
      for (const xmlNode* k = c->children; k != nullptr; k = k->next) {
        if (k->type == XML_ELEMENT_NODE && Name(k) == "item") AddItem(ReadItem(k, base, false), options, &keys, &feed);
      }
    } else if (Name(c) == "item") {
      AddItem(ReadItem(c, base, false), options, &keys, &feed);
    }
  }
  return feed;
}

std::string FeedItemKey(const FeedItem& item) {
  if (!item.guid.empty()) return item.guid;
  if (!item.link.empty()) return item.link;
  // FNV-1a over title and text: stable across runs and builds.
  uint64_t h = 1469598103934665603ULL;
  for (const std::string* s : {&item.title, &item.summary, &item.content}) {
    for (unsigned char c : *s) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
  }
  static const char* kHex = "0123456789abcdef";
  std::string key = "item-";
  for (int shift = 60; shift >= 0; shift -= 4) key += kHex[(h >> shift) & 15];
  return key;
}

std::string FeedSource(const Feed& feed, std::string_view fallback) {
  std::string_view link = feed.site_link;
  size_t scheme = link.find("://");
  if (scheme != std::string_view::npos) {
    std::string_view host = link.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/?#"));
    if (size_t at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
    if (size_t colon = host.rfind(':'); colon != std::string_view::npos && host.find(']') == std::string_view::npos) {
      host = host.substr(0, colon);
    }
    std::string h = AsciiLowercase(host);
    if (h.rfind("www.", 0) == 0) h.erase(0, 4);
    if (!h.empty()) return h;
  }
  if (!TrimAscii(feed.title).empty()) return std::string(TrimAscii(feed.title));
  return std::string(fallback);
}

Article ArticleFromFeedItem(const Feed& feed, const FeedItem& item, std::string_view feed_id,
                            std::string_view origin, const IngestOptions& options, Diagnostics& diag) {
  Article a;
  const bool guid_is_uri = item.guid.find(':') != std::string::npos && item.guid.find(' ') == std::string::npos;
  if (guid_is_uri) {
    a.id = item.guid;
  } else if (!item.link.empty()) {
    a.id = item.link;
  } else {
    a.id = std::string(feed_id) + "#" + FeedItemKey(item);
  }
  a.source = FeedSource(feed, feed_id);
  a.url = item.link;
  a.published = item.published;
  a.byline = item.author;
  a.lang = feed.lang;
  a.origin = std::string(origin);
  a.title = SanitizeText(item.title, origin, 0, options, diag);
  const std::string& html = item.content.empty() ? item.summary : item.content;
  a.text = html.empty() ? std::string() : SanitizeText(HtmlToPlainText(html), origin, 0, options, diag);
  return a;
}

}  // namespace rashomon
