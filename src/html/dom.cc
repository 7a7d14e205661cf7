// The compact tree and its libxml2 SAX builder. See dom.h.
#include "html/dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>
#include <mutex>

namespace rashomon::internal {

Tag TagFromName(std::string_view name) {
  // Sorted by name for a binary search.
  static constexpr std::pair<std::string_view, Tag> kTags[] = {
      {"a", Tag::kA}, {"address", Tag::kAddress}, {"article", Tag::kArticle}, {"aside", Tag::kAside},
      {"audio", Tag::kAudio}, {"blockquote", Tag::kBlockquote}, {"body", Tag::kBody}, {"br", Tag::kBr},
      {"button", Tag::kButton}, {"canvas", Tag::kCanvas}, {"caption", Tag::kCaption}, {"center", Tag::kCenter},
      {"dd", Tag::kDd}, {"details", Tag::kDetails}, {"div", Tag::kDiv}, {"dl", Tag::kDl}, {"dt", Tag::kDt},
      {"embed", Tag::kEmbed}, {"fieldset", Tag::kFieldset}, {"figcaption", Tag::kFigcaption},
      {"figure", Tag::kFigure}, {"footer", Tag::kFooter}, {"form", Tag::kForm}, {"h1", Tag::kH1},
      {"h2", Tag::kH2}, {"h3", Tag::kH3}, {"h4", Tag::kH4}, {"h5", Tag::kH5}, {"h6", Tag::kH6},
      {"head", Tag::kHead}, {"header", Tag::kHeader}, {"hr", Tag::kHr}, {"html", Tag::kHtml},
      {"iframe", Tag::kIframe}, {"img", Tag::kImg}, {"input", Tag::kInput}, {"label", Tag::kLabel},
      {"li", Tag::kLi}, {"link", Tag::kLink}, {"main", Tag::kMain}, {"map", Tag::kMap}, {"math", Tag::kMath},
      {"menu", Tag::kMenu}, {"meta", Tag::kMeta}, {"nav", Tag::kNav}, {"noscript", Tag::kNoscript},
      {"object", Tag::kObject}, {"ol", Tag::kOl}, {"option", Tag::kOption}, {"p", Tag::kP}, {"pre", Tag::kPre},
      {"script", Tag::kScript}, {"section", Tag::kSection}, {"select", Tag::kSelect}, {"style", Tag::kStyle},
      {"summary", Tag::kSummary}, {"svg", Tag::kSvg}, {"table", Tag::kTable}, {"tbody", Tag::kTbody},
      {"td", Tag::kTd}, {"template", Tag::kTemplate}, {"textarea", Tag::kTextarea}, {"tfoot", Tag::kTfoot},
      {"th", Tag::kTh}, {"thead", Tag::kThead}, {"time", Tag::kTime}, {"title", Tag::kTitle}, {"tr", Tag::kTr},
      {"ul", Tag::kUl}, {"video", Tag::kVideo},
  };
  auto it = std::lower_bound(std::begin(kTags), std::end(kTags), name,
                             [](const auto& entry, std::string_view n) { return entry.first < n; });
  return it != std::end(kTags) && it->first == name ? it->second : Tag::kOther;
}

std::string_view Dom::Attr(uint32_t i, std::string_view name) const {
  const Node& n = nodes_[i];
  if (n.text) return {};
  std::string_view pool(pool_);
  for (uint32_t a = n.data; a < n.data + n.size; ++a) {
    const Attribute& at = attrs_[a];
    if (pool.substr(at.name, at.name_size) == name) return pool.substr(at.value, at.value_size);
  }
  return {};
}

bool Dom::HasAttr(uint32_t i, std::string_view name) const {
  const Node& n = nodes_[i];
  if (n.text) return false;
  std::string_view pool(pool_);
  for (uint32_t a = n.data; a < n.data + n.size; ++a) {
    if (pool.substr(attrs_[a].name, attrs_[a].name_size) == name) return true;
  }
  return false;
}

uint32_t Dom::FindChild(uint32_t i, Tag t) const {
  for (uint32_t c = i + 1; c < End(i); c = End(c)) {
    if (!IsText(c) && tag(c) == t) return c;
  }
  return kNone;
}

// Receives libxml2's SAX events, which come well nested, and appends nodes
// in order.
//
// libxml2 (HTML 4 rules) ignores an end tag that would close an element of
// higher rank than its own: "</nav>" does not close an unclosed <div>
// inside the nav, so the rest of the page would land in the nav. Browsers
// (HTML5) close the inner elements. The builder does the same in its own
// tree when libxml2 reports such a mismatch: it mirrors libxml2's stack of
// open elements, ends its own nodes down to the named one, and ignores
// libxml2's later end events for them.
class DomBuilder {
 public:
  DomBuilder(Dom* dom, size_t max_depth, size_t html_bytes) : dom_(dom), max_depth_(max_depth) {
    dom_->nodes_.reserve(html_bytes / 64 + 16);
    dom_->pool_.reserve(html_bytes / 2 + 16);
    dom_->nodes_.emplace_back();
    dom_->nodes_[0].tag = Tag::kDocument;
    open_.push_back(0);
  }

  void Start(const xmlChar* name, const xmlChar** atts) {
    if (open_.size() > max_depth_ || dom_->nodes_.size() >= UINT32_MAX - 1) {
      parser_stack_.push_back({name, Dom::kNone});
      return;
    }
    Dom::Node n;
    n.parent = open_.back();
    n.tag = CachedTag(name);
    n.data = static_cast<uint32_t>(dom_->attrs_.size());
    if (atts != nullptr) {
      for (size_t k = 0; atts[k] != nullptr; k += 2) {
        Dom::Attribute a;
        a.name = Append(atts[k], &a.name_size);
        a.value = Append(atts[k + 1], &a.value_size);
        dom_->attrs_.push_back(a);
      }
    }
    n.size = static_cast<uint32_t>(dom_->attrs_.size()) - n.data;
    uint32_t id = static_cast<uint32_t>(dom_->nodes_.size());
    open_.push_back(id);
    parser_stack_.push_back({name, id});
    dom_->nodes_.push_back(n);
  }

  void End() {
    if (parser_stack_.empty()) return;
    uint32_t id = parser_stack_.back().node;
    parser_stack_.pop_back();
    // Ended already (a mismatch closed it) or never recorded (too deep).
    if (id == Dom::kNone || open_.size() <= 1 || open_.back() != id) return;
    dom_->nodes_[id].end = static_cast<uint32_t>(dom_->nodes_.size());
    open_.pop_back();
  }

  // An end tag libxml2 ignored: close down to the element it names, as
  // HTML5 does, unless a table boundary (for any end tag) or a block
  // element (for an inline end tag) comes first.
  void IgnoredEndTag(const char* name) {
    if (name == nullptr) return;
    Tag tag = TagFromName(name);
    if (!IsHtml5Section(tag)) return;
    bool block_end = true;
    for (size_t k = parser_stack_.size(); k-- > 0;) {
      const Entry& e = parser_stack_[k];
      if (std::strcmp(reinterpret_cast<const char*>(e.name), name) == 0) {
        if (e.node == Dom::kNone) return;
        // Close our nodes from the top down to this one.
        while (open_.size() > 1 && open_.back() >= e.node) {
          dom_->nodes_[open_.back()].end = static_cast<uint32_t>(dom_->nodes_.size());
          open_.pop_back();
        }
        for (size_t j = k; j < parser_stack_.size(); ++j) parser_stack_[j].node = Dom::kNone;
        return;
      }
      Tag t = e.node == Dom::kNone ? Tag::kOther : dom_->nodes_[e.node].tag;
      if (IsScopeBoundary(t) || (!block_end && IsContainer(t))) return;
    }
  }

  void Characters(const xmlChar* ch, int len) {
    if (len <= 0) return;
    auto& nodes = dom_->nodes_;
    std::string& pool = dom_->pool_;
    if (pool.size() + static_cast<size_t>(len) >= UINT32_MAX) return;
    // Consecutive chunks of one run of text extend the last text node.
    if (nodes.back().text && nodes.back().parent == open_.back()) {
      pool.append(reinterpret_cast<const char*>(ch), static_cast<size_t>(len));
      nodes.back().size += static_cast<uint32_t>(len);
      return;
    }
    Dom::Node n;
    n.parent = open_.back();
    n.text = true;
    n.data = static_cast<uint32_t>(pool.size());
    n.size = static_cast<uint32_t>(len);
    n.end = static_cast<uint32_t>(nodes.size()) + 1;
    pool.append(reinterpret_cast<const char*>(ch), static_cast<size_t>(len));
    nodes.push_back(n);
  }

  void Finish() {
    while (!open_.empty()) {
      dom_->nodes_[open_.back()].end = static_cast<uint32_t>(dom_->nodes_.size());
      open_.pop_back();
    }
  }

 private:
  struct Entry {
    const xmlChar* name;  // the parser's (interned) name
    uint32_t node;        // our node, or kNone when not (or no longer) open
  };

  static bool IsScopeBoundary(Tag t) {
    return t == Tag::kTable || t == Tag::kTd || t == Tag::kTh || t == Tag::kCaption || t == Tag::kTemplate ||
           t == Tag::kObject || t == Tag::kHtml || t == Tag::kBody || t == Tag::kSvg || t == Tag::kMath;
  }

  // HTML5 sectioning elements, unknown to libxml2's HTML 4 tables, whose
  // end tags it lets an open <div> (or list, or table) swallow.
  static bool IsHtml5Section(Tag t) {
    return t == Tag::kNav || t == Tag::kHeader || t == Tag::kFooter || t == Tag::kArticle || t == Tag::kSection ||
           t == Tag::kMain || t == Tag::kAside || t == Tag::kFigure || t == Tag::kFigcaption ||
           t == Tag::kDetails || t == Tag::kSummary;
  }

  // Elements whose end tags close what is left open inside them.
  static bool IsContainer(Tag t) {
    switch (t) {
      case Tag::kAddress: case Tag::kArticle: case Tag::kAside: case Tag::kBlockquote: case Tag::kCenter:
      case Tag::kDd: case Tag::kDetails: case Tag::kDiv: case Tag::kDl: case Tag::kDt: case Tag::kFieldset:
      case Tag::kFigcaption: case Tag::kFigure: case Tag::kFooter: case Tag::kForm: case Tag::kH1:
      case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6: case Tag::kHeader:
      case Tag::kLi: case Tag::kMain: case Tag::kMenu: case Tag::kNav: case Tag::kOl: case Tag::kP:
      case Tag::kPre: case Tag::kSection: case Tag::kSummary: case Tag::kUl:
        return true;
      default:
        return false;
    }
  }

  // The parser interns element names, so a name's address identifies it:
  // a small direct-mapped cache spares most lookups.
  Tag CachedTag(const xmlChar* name) {
    size_t slot = (reinterpret_cast<uintptr_t>(name) >> 3) % kCacheSlots;
    if (cache_names_[slot] != name) {
      cache_names_[slot] = name;
      cache_tags_[slot] = TagFromName(reinterpret_cast<const char*>(name));
    }
    return cache_tags_[slot];
  }

  uint32_t Append(const xmlChar* s, uint32_t* size) {
    uint32_t at = static_cast<uint32_t>(dom_->pool_.size());
    size_t n = s == nullptr ? 0 : std::strlen(reinterpret_cast<const char*>(s));
    if (at + n >= UINT32_MAX) n = 0;
    dom_->pool_.append(reinterpret_cast<const char*>(s), n);
    *size = static_cast<uint32_t>(n);
    return at;
  }

  Dom* dom_;
  size_t max_depth_;
  std::vector<uint32_t> open_;         // our open nodes, document first
  std::vector<Entry> parser_stack_;    // libxml2's open elements
  static constexpr size_t kCacheSlots = 61;
  const xmlChar* cache_names_[kCacheSlots] = {};
  Tag cache_tags_[kCacheSlots] = {};
};

namespace {

DomBuilder* BuilderOf(void* ctx) {
  // The parser hands its context to every callback; userData is ours.
  return static_cast<DomBuilder*>(static_cast<htmlParserCtxtPtr>(ctx)->_private);
}

void OnStart(void* ctx, const xmlChar* name, const xmlChar** atts) { BuilderOf(ctx)->Start(name, atts); }
void OnEnd(void* ctx, const xmlChar*) { BuilderOf(ctx)->End(); }
void OnCharacters(void* ctx, const xmlChar* ch, int len) { BuilderOf(ctx)->Characters(ch, len); }
void OnError(void* ctx, xmlErrorPtr error) {
  // libxml2 reports the end tag's name first.
  if (error != nullptr && error->code == XML_ERR_TAG_NAME_MISMATCH) BuilderOf(ctx)->IgnoredEndTag(error->str1);
}

}  // namespace

Dom ParseDom(std::string_view html, size_t max_depth) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  Dom dom;
  DomBuilder builder(&dom, max_depth, html.size());
  if (html.size() >= static_cast<size_t>(INT_MAX)) html = html.substr(0, INT_MAX - 1);
  if (!html.empty()) {
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size()));
    if (ctxt != nullptr) {
      std::unique_ptr<htmlParserCtxt, void (*)(htmlParserCtxtPtr)> guard(ctxt, htmlFreeParserCtxt);
      htmlSAXHandler sax;
      std::memset(&sax, 0, sizeof(sax));
      sax.startElement = OnStart;
      sax.endElement = OnEnd;
      sax.characters = OnCharacters;
      sax.ignorableWhitespace = OnCharacters;
      sax.cdataBlock = OnCharacters;  // <script> and <style> content
      sax.serror = OnError;
      sax.initialized = XML_SAX2_MAGIC;  // so that serror is used
      std::memcpy(ctxt->sax, &sax, sizeof(sax));
      ctxt->userData = ctxt;
      ctxt->_private = &builder;
      // The text is UTF-8 already: a <meta charset> must not switch it.
      htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
      xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
      htmlParseDocument(ctxt);
    }
  }
  builder.Finish();
  return dom;
}

}  // namespace rashomon::internal
