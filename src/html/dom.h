// Internal to html/: a compact, read-only HTML tree for the extractor and
// the metadata scan, independent of the parser that fills it.
//
// Nodes sit in one array in document (pre-)order; node 0 is the document.
// Each node records one past the last node of its subtree, so a subtree is
// the index range [i, End(i)), the children of i are found by
// `for (c = i + 1; c < End(i); c = End(c))`, and skipping a subtree is a jump.
// Text and attribute strings live in one pool and are handed out as views.
//
// ParseDom fills it with libxml2's HTML parser through SAX callbacks (no
// libxml2 tree is built): tag and attribute names are lower case, character
// references are decoded, implied <html>/<head>/<body> are added and
// misnested tags are closed the way libxml2 recovers them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rashomon::internal {

// The tags the extractor and the metadata scan tell apart; all others are
// kOther.
enum class Tag : uint8_t {
  kOther, kDocument,
  kA, kAddress, kArticle, kAside, kAudio, kBlockquote, kBody, kBr, kButton, kCanvas, kCaption, kCenter,
  kDd, kDetails, kDiv, kDl, kDt, kEmbed, kFieldset, kFigcaption, kFigure, kFooter, kForm,
  kH1, kH2, kH3, kH4, kH5, kH6, kHead, kHeader, kHr, kHtml, kIframe, kImg, kInput, kLabel, kLi, kLink,
  kMain, kMap, kMath, kMenu, kMeta, kNav, kNoscript, kObject, kOl, kOption, kP, kPre, kScript, kSection,
  kSelect, kStyle, kSummary, kSvg, kTable, kTbody, kTd, kTemplate, kTextarea, kTfoot, kTh, kThead, kTime,
  kTitle, kTr, kUl, kVideo,
};

// Lower-case tag name -> Tag (kOther when not listed).
Tag TagFromName(std::string_view lower_name);

class Dom {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  size_t size() const { return nodes_.size(); }
  bool IsText(uint32_t i) const { return nodes_[i].text; }
  bool IsElement(uint32_t i) const { return !nodes_[i].text && i != 0; }
  Tag tag(uint32_t i) const { return nodes_[i].tag; }
  uint32_t Parent(uint32_t i) const { return nodes_[i].parent; }
  uint32_t End(uint32_t i) const { return nodes_[i].end; }
  // The text of a text node ("" for elements).
  std::string_view Text(uint32_t i) const {
    const Node& n = nodes_[i];
    return n.text ? std::string_view(pool_).substr(n.data, n.size) : std::string_view();
  }
  // An attribute's value, "" when absent; HasAttr tells absent from empty.
  std::string_view Attr(uint32_t i, std::string_view name) const;
  bool HasAttr(uint32_t i, std::string_view name) const;
  // The first child element with this tag, or kNone.
  uint32_t FindChild(uint32_t i, Tag t) const;

 private:
  friend class DomBuilder;
  struct Node {
    uint32_t parent = kNone;
    uint32_t end = 0;
    uint32_t data = 0;  // text: pool offset; element: first attribute
    uint32_t size = 0;  // text: bytes; element: attribute count
    Tag tag = Tag::kOther;
    bool text = false;
  };
  struct Attribute {
    uint32_t name, name_size, value, value_size;  // pool offsets and sizes
  };
  std::vector<Node> nodes_;
  std::vector<Attribute> attrs_;
  std::string pool_;
};

// Parses UTF-8 HTML. Elements nested deeper than max_depth are not
// recorded (their text goes to the deepest recorded ancestor). Never fails:
// the worst input gives a document with no elements.
Dom ParseDom(std::string_view utf8_html, size_t max_depth);

}  // namespace rashomon::internal
