// Main-text extraction. See extract.h for the method; the scoring constants
// below are the usual readability-style weights, kept in one place.
#include "html/extract.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"
#include "html/attribute_cap.h"
#include "html/dom.h"
#include "html/encoding.h"
#include "html/metadata.h"

namespace rashomon {
namespace {

using internal::Dom;
using internal::Tag;

// Node records are capped so pathological pages cannot grow them without
// bound; past the cap, content is attributed to the deepest recorded node.
constexpr size_t kMaxNodes = 1u << 20;
constexpr size_t kMaxBlocks = 1u << 18;
constexpr size_t kMaxBlockBytes = 1u << 20;
constexpr double kHintWeight = 25.0;

struct Node {
  int parent = -1;
  Tag tag = Tag::kOther;
  int hint = 0;           // own class/id hint: >0 content-like, <0 clutter-like
  int effective_hint = 0; // nearest non-zero hint on the path from the root
  double text_chars = 0;  // text in the subtree (filled bottom-up)
  double link_chars = 0;  // of which inside links
  double score = 0;       // content score flowing up from blocks
  double para_chars = 0;  // text of scored, link-poor paragraphs in the subtree
};

struct Block {
  int owner = 0;  // innermost block-level node holding the text
  std::string text;
  double link_chars = 0;
  int heading = 0;  // 1..6 for h1..h6
};

bool IsSkippedTag(Tag t) {
  switch (t) {
    case Tag::kHead:
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kTemplate:
    case Tag::kSvg:
    case Tag::kMath:
    case Tag::kIframe:
    case Tag::kObject:
    case Tag::kEmbed:
    case Tag::kCanvas:
    case Tag::kButton:
    case Tag::kSelect:
    case Tag::kTextarea:
    case Tag::kInput:
    case Tag::kNav:
    case Tag::kFigcaption:
    case Tag::kLabel:
    case Tag::kMenu:
    case Tag::kAudio:
    case Tag::kVideo:
    case Tag::kMap:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(Tag t) {
  switch (t) {
    case Tag::kHtml:
    case Tag::kBody:
    case Tag::kP:
    case Tag::kDiv:
    case Tag::kSection:
    case Tag::kArticle:
    case Tag::kMain:
    case Tag::kHeader:
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
    case Tag::kUl:
    case Tag::kOl:
    case Tag::kLi:
    case Tag::kDl:
    case Tag::kDt:
    case Tag::kDd:
    case Tag::kBlockquote:
    case Tag::kPre:
    case Tag::kTable:
    case Tag::kThead:
    case Tag::kTbody:
    case Tag::kTfoot:
    case Tag::kTr:
    case Tag::kTd:
    case Tag::kTh:
    case Tag::kCaption:
    case Tag::kFigure:
    case Tag::kAddress:
    case Tag::kCenter:
    case Tag::kDetails:
    case Tag::kSummary:
    case Tag::kFieldset:
    case Tag::kForm:
    case Tag::kHr:
    case Tag::kOption:
    case Tag::kAside:
    case Tag::kFooter:
      return true;
    default:
      return false;
  }
}

int HeadingLevel(Tag t) {
  switch (t) {
    case Tag::kH1: return 1;
    case Tag::kH2: return 2;
    case Tag::kH3: return 3;
    case Tag::kH4: return 4;
    case Tag::kH5: return 5;
    case Tag::kH6: return 6;
    default: return 0;
  }
}

bool ContainsAny(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (s.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Content-like (+1), clutter-like (-1) or neutral (0) from class and id.
// Words that name clutter outright (comments, sharing, related links,
// consent and subscription prompts) win over content-like words, because
// "article-comments" or "post-share" are clutter about the article.
int HintFromAttributes(const Dom& dom, uint32_t n) {
  std::string_view cls = dom.Attr(n, "class"), id = dom.Attr(n, "id");
  if (cls.empty() && id.empty()) return 0;
  std::string s = AsciiLowercase(cls);
  s += ' ';
  s += AsciiLowercase(id);
  if (TrimAscii(s).empty()) return 0;
  if (ContainsAny(s, {"comment", "share", "sharing", "social", "related", "recommend", "cookie", "consent",
                      "gdpr", "newsletter", "subscri", "signup", "sign-up", "paywall", "outbrain", "taboola",
                      "disqus", "breadcrumb", "sidebar", "promo", "advert", "sponsor", "popup", "modal",
                      "most-read", "mostread", "popular", "trending", "read-more", "readmore", "more-stories",
                      "tagcloud", "tag-list", "taglist", "skip-link", "print-", "login", "caption", "credit"})) {
    return -1;
  }
  bool negative = ContainsAny(s, {"nav", "menu", "footer", "masthead", "banner", "widget", "meta", "tags",
                                  "toolbar", "pagination", "pager", "rating", "combx", "community",
                                  "shopping", "scroll", "header", "author", "byline", "dateline",
                                  "timestamp", "teaser", "ad-", "-ad", "ads"});
  bool positive = ContainsAny(s, {"article", "body", "content", "entry", "main", "post", "text", "blog",
                                  "story", "hentry", "prose", "richtext"});
  if (positive && !negative) return 1;
  if (negative && !positive) return -1;
  return 0;
}

bool IsHidden(const Dom& dom, uint32_t n) {
  if (dom.HasAttr(n, "hidden")) return true;
  if (AsciiLowercase(dom.Attr(n, "aria-hidden")) == "true") return true;
  std::string style = AsciiLowercase(dom.Attr(n, "style"));
  if (style.empty()) return false;
  style.erase(std::remove_if(style.begin(), style.end(), [](char c) { return IsAsciiSpace(c); }), style.end());
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

int TagBonus(Tag t) {
  switch (t) {
    case Tag::kArticle: return 10;
    case Tag::kMain:
    case Tag::kDiv:
    case Tag::kSection: return 5;
    case Tag::kPre:
    case Tag::kTd:
    case Tag::kBlockquote: return 3;
    case Tag::kAddress:
    case Tag::kOl:
    case Tag::kUl:
    case Tag::kDl:
    case Tag::kDd:
    case Tag::kDt:
    case Tag::kLi:
    case Tag::kForm: return -3;
    case Tag::kTh:
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6: return -5;
    default: return 0;
  }
}

size_t CountCommas(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') ++n;
    // Fullwidth and ideographic commas (U+FF0C, U+3001).
    if (i + 2 < s.size() && ((s.substr(i, 3) == "\xEF\xBC\x8C") || (s.substr(i, 3) == "\xE3\x80\x81"))) ++n;
  }
  return n;
}


// The page as nodes and text blocks, built by one iterative walk.
class PageModel {
 public:
  PageModel(const HtmlOptions& options) : options_(options) {}

  // Walks the subtree of `body` in document order.
  void Build(const Dom& dom, uint32_t body) {
    struct Open {
      uint32_t end;  // one past the element's subtree
      int id;        // node record of this element (or of its capped ancestor)
      bool block;    // pushed an owner entry that its end must pop
      bool anchor;
    };
    std::vector<Open> open;
    auto close = [this, &open] {
      if (open.back().block) {
        Flush();
        owners_.pop_back();
      }
      if (open.back().anchor) --in_anchor_;
      open.pop_back();
    };
    for (uint32_t n = body, stop = dom.End(body); n < stop;) {
      while (!open.empty() && n >= open.back().end) close();
      if (dom.IsText(n)) {
        AddText(dom.Text(n));
        ++n;
        continue;
      }
      Tag tag = dom.tag(n);
      if (IsSkippedTag(tag) || tag == Tag::kImg || IsHidden(dom, n)) {
        n = dom.End(n);
        continue;
      }
      if (tag == Tag::kBr || tag == Tag::kHr) {
        Flush();
        n = dom.End(n);
        continue;
      }
      int parent = open.empty() ? -1 : open.back().id;
      int id = parent;
      if (open.size() < options_.max_depth && nodes_.size() < kMaxNodes) {
        Node rec;
        rec.parent = parent;
        rec.tag = tag;
        rec.hint = HintFromAttributes(dom, n);
        // Asides and footers are clutter unless their class says content
        // (some sites put the whole article in an <aside>).
        if (tag == Tag::kAside || tag == Tag::kFooter) rec.hint = rec.hint > 0 ? 0 : -1;
        rec.effective_hint = rec.hint != 0 || parent < 0 ? rec.hint : nodes_[parent].effective_hint;
        id = static_cast<int>(nodes_.size());
        nodes_.push_back(rec);
      }
      bool block = IsBlockTag(tag);
      bool anchor = tag == Tag::kA;
      if (block) {
        Flush();
        owners_.push_back(id);
      }
      if (anchor) ++in_anchor_;
      open.push_back({dom.End(n), id, block, anchor});
      ++n;
    }
    while (!open.empty()) close();
    Flush();
  }

  std::vector<Node>& nodes() { return nodes_; }
  std::vector<Block>& blocks() { return blocks_; }

 private:
  void AddText(std::string_view t) {
    if (buffer_.size() + t.size() > kMaxBlockBytes) return;
    buffer_ += t;
    if (in_anchor_ > 0) buffer_links_ += static_cast<double>(t.size());
  }

  void Flush() {
    if (buffer_.empty()) return;
    std::string line = CollapseWhitespace(buffer_);
    double links = buffer_links_;
    buffer_.clear();
    buffer_links_ = 0;
    if (line.empty() || owners_.empty() || blocks_.size() >= kMaxBlocks) return;
    Block b;
    b.owner = owners_.back();
    b.heading = HeadingLevel(nodes_[b.owner].tag);
    b.link_chars = std::min(links, static_cast<double>(line.size()));
    b.text = std::move(line);
    blocks_.push_back(std::move(b));
  }

  const HtmlOptions& options_;
  std::vector<Node> nodes_;
  std::vector<Block> blocks_;
  std::vector<int> owners_;
  std::string buffer_;
  double buffer_links_ = 0;
  int in_anchor_ = 0;
};

// A short line outside lists and tables made largely of digits: a date,
// time or counter ("3:59 PM", "12 March 2020, 10:42") between paragraphs.
bool LooksLikeTimestampLine(const Block& b, Tag owner) {
  if (b.heading || b.text.size() > 40 || owner == Tag::kLi || owner == Tag::kTd || owner == Tag::kTh ||
      owner == Tag::kDd || owner == Tag::kPre) {
    return false;
  }
  size_t digits = 0, alnum = 0;
  bool separated = false;  // digit, ':' '.' '/' or '-', digit: a date or time
  const std::string& t = b.text;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (IsAsciiDigit(c)) ++digits;
    if (IsAsciiDigit(c) || IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80) ++alnum;
    if (i > 0 && i + 1 < t.size() && (c == ':' || c == '.' || c == '/' || c == '-') && IsAsciiDigit(t[i - 1]) &&
        IsAsciiDigit(t[i + 1])) {
      separated = true;
    }
  }
  return separated && digits * 3 >= alnum;
}

bool IsAncestorOrSelf(const std::vector<Node>& nodes, int ancestor, int node) {
  for (int i = node; i >= 0; i = nodes[i].parent) {
    if (i == ancestor) return true;
    if (i < ancestor) return false;  // pre-order ids: ancestors have smaller ids
  }
  return false;
}

// Text totals per subtree: children have larger ids than their parents.
void SumSubtreeText(std::vector<Node>& nodes, const std::vector<Block>& blocks, const HtmlOptions& options) {
  for (const Block& b : blocks) {
    double len = static_cast<double>(b.text.size());
    nodes[b.owner].text_chars += len;
    nodes[b.owner].link_chars += b.link_chars;
    if (!b.heading && b.text.size() >= options.min_scored_chars && b.link_chars < 0.3 * len) {
      nodes[b.owner].para_chars += len;
    }
  }
  for (size_t i = nodes.size(); i-- > 1;) {
    int p = nodes[i].parent;
    if (p >= 0) {
      nodes[p].text_chars += nodes[i].text_chars;
      nodes[p].link_chars += nodes[i].link_chars;
      nodes[p].para_chars += nodes[i].para_chars;
    }
  }
}

// Block scores flow to the containers above them, fading with distance.
// Returns which nodes received a score (the candidates).
std::vector<char> ScoreContainers(std::vector<Node>& nodes, const std::vector<Block>& blocks,
                                  const HtmlOptions& options) {
  std::vector<char> candidate(nodes.size(), 0);
  for (const Block& b : blocks) {
    if (b.heading || nodes[b.owner].tag == Tag::kLi) continue;
    if (b.text.size() < options.min_scored_chars) continue;
    double len = static_cast<double>(b.text.size());
    double s = 1.0 + static_cast<double>(CountCommas(b.text)) + std::min(len / 100.0, 3.0);
    s *= 1.0 - b.link_chars / len;
    if (nodes[b.owner].effective_hint < 0) s *= 0.2;
    int a = nodes[b.owner].parent;
    for (int level = 0; a >= 0 && level < 4; ++level, a = nodes[a].parent) {
      double div = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
      nodes[a].score += s / div;
      candidate[a] = 1;
    }
  }
  return candidate;
}

double FinalScore(const std::vector<Node>& nodes, int i) {
  const Node& n = nodes[i];
  double ld = n.text_chars > 0 ? n.link_chars / n.text_chars : 0;
  return (n.score + TagBonus(n.tag) + kHintWeight * n.hint) * (1.0 - ld);
}

// The best-scoring candidate, or the ancestor of it and three strong
// runners-up (an article split over several containers); the body (0)
// when nothing scored.
int PickTop(const std::vector<Node>& nodes, const std::vector<char>& candidate) {
  std::vector<std::pair<double, int>> ranked;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (candidate[i]) ranked.emplace_back(FinalScore(nodes, static_cast<int>(i)), static_cast<int>(i));
  }
  if (ranked.empty()) return 0;
  size_t k = std::min<size_t>(5, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + k, ranked.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  int top = ranked[0].second;
  double best = ranked[0].first;
  std::vector<int> close;
  for (size_t i = 1; i < k; ++i) {
    if (ranked[i].first >= 0.75 * best) close.push_back(ranked[i].second);
  }
  if (close.size() >= 3) {
    for (int a = nodes[top].parent; a > 0; a = nodes[a].parent) {
      size_t inside = 0;
      for (int c : close) inside += IsAncestorOrSelf(nodes, a, c);
      if (inside >= 3) return a;
    }
  }
  return top;
}

// Articles split into sibling sections (intro, body rows): climb while the
// parent adds mostly paragraph text rather than other text.
int ClimbSections(const std::vector<Node>& nodes, int top, const HtmlOptions& options) {
  for (int level = 0; level < options.max_climb && nodes[top].parent > 0; ++level) {
    const Node& t = nodes[top];
    const Node& p = nodes[t.parent];
    double good = p.para_chars - t.para_chars;
    double other = (p.text_chars - t.text_chars) - good;
    if (good <= 0 || other > options.climb_clutter_ratio * good) break;
    top = t.parent;
  }
  return top;
}

// The winner plus siblings that hold content too, and the headings and
// lists between kept siblings.
std::vector<char> MarkRoots(const std::vector<Node>& nodes, const std::vector<char>& candidate, int top,
                            const HtmlOptions& options) {
  std::vector<char> root(nodes.size(), 0);
  root[top] = 1;
  int parent = nodes[top].parent;
  if (parent < 0) return root;
  double threshold = std::max(10.0, options.sibling_score_fraction * FinalScore(nodes, top));
  int first = top, last = top;
  for (size_t i = static_cast<size_t>(parent) + 1; i < nodes.size(); ++i) {
    if (nodes[i].parent != parent || static_cast<int>(i) == top) continue;
    const Node& s = nodes[i];
    if (s.hint < 0) continue;
    double ld = s.text_chars > 0 ? s.link_chars / s.text_chars : 1;
    bool keep = (candidate[i] && FinalScore(nodes, static_cast<int>(i)) >= threshold) ||
                ((s.tag == Tag::kP || s.tag == Tag::kBlockquote || s.tag == Tag::kPre) && s.text_chars > 80 &&
                 ld < 0.25);
    if (keep) {
      root[i] = 1;
      first = std::min(first, static_cast<int>(i));
      last = std::max(last, static_cast<int>(i));
    }
  }
  for (int i = first; i <= last; ++i) {
    if (nodes[i].parent != parent || root[i]) continue;
    Tag t = nodes[i].tag;
    double ld = nodes[i].text_chars > 0 ? nodes[i].link_chars / nodes[i].text_chars : 1;
    if ((HeadingLevel(t) || t == Tag::kUl || t == Tag::kOl || t == Tag::kP) && nodes[i].hint >= 0 &&
        ld < options.max_link_density) {
      root[i] = 1;
    }
  }
  return root;
}

// Keep = under a kept root, not under clutter below it.
std::vector<char> MarkKept(const std::vector<Node>& nodes, const std::vector<char>& root, int top,
                           const HtmlOptions& options) {
  std::vector<char> keep(nodes.size(), 0);
  for (size_t i = 0; i < nodes.size(); ++i) {
    int p = nodes[i].parent;
    if (root[i]) {
      keep[i] = 1;
    } else if (p >= 0 && keep[p]) {
      const Node& n = nodes[i];
      double ld = n.text_chars > 0 ? n.link_chars / n.text_chars : 0;
      // Clutter-like names are not trusted over content: a subtree holding
      // most of the article's paragraphs stays whatever its class says.
      bool named_clutter = n.hint < 0 && n.para_chars < 0.5 * nodes[top].para_chars;
      bool clutter = named_clutter || (n.text_chars > 0 && ld > options.max_link_density &&
                                       (n.tag == Tag::kUl || n.tag == Tag::kOl || n.tag == Tag::kDiv ||
                                        n.tag == Tag::kSection || n.tag == Tag::kTable));
      keep[i] = clutter ? 0 : 1;
    }
  }
  return keep;
}

// The blocks to take: those under kept nodes, then paragraphs outside the
// chosen containers but inside the article's span, from its title heading
// to its last kept block (leads, intros and sections laid out in sibling
// columns; blocks under a kept root were judged already, so clutter dropped
// there stays dropped), then a continuation past the last kept block.
std::vector<char> TakeBlocks(const std::vector<Node>& nodes, const std::vector<Block>& blocks,
                             const std::vector<char>& root, const std::vector<char>& keep,
                             const HtmlOptions& options) {
  std::vector<char> in_root(nodes.size(), 0);
  for (size_t i = 0; i < nodes.size(); ++i) {
    int p = nodes[i].parent;
    in_root[i] = root[i] || (p >= 0 && in_root[p]);
  }
  std::vector<char> take(blocks.size(), 0);
  size_t first = blocks.size(), last = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!keep[blocks[i].owner]) continue;
    take[i] = 1;
    first = std::min(first, i);
    last = i;
  }
  if (first >= blocks.size()) return take;
  size_t start = first;
  for (size_t i = first; i-- > 0 && first - i <= options.max_lead_blocks;) {
    if (blocks[i].heading == 1) {
      start = i;
      break;
    }
  }
  for (size_t i = start; i <= last; ++i) {
    const Block& b = blocks[i];
    if (take[i] || in_root[b.owner] || nodes[b.owner].effective_hint < 0) continue;
    double len = static_cast<double>(b.text.size());
    double ld = b.link_chars / len;
    bool para = !b.heading && b.text.size() >= options.min_orphan_chars && ld < 0.2;
    bool heading = b.heading > 1 && b.text.size() <= 200 && ld == 0;
    take[i] = para || heading;
  }
  // The article may go on past its last kept block (a continuation in a
  // sibling container): keep following paragraphs until a few blocks in a
  // row are not prose or a clutter-named region starts.
  size_t misses = 0;
  for (size_t i = last + 1; i < blocks.size() && misses < options.max_trailing_misses; ++i) {
    const Block& b = blocks[i];
    if (in_root[b.owner] || nodes[b.owner].effective_hint < 0) break;
    double ld = b.link_chars / static_cast<double>(b.text.size());
    if (!b.heading && b.text.size() >= options.min_orphan_chars && ld < 0.2) {
      take[i] = 1;
      misses = 0;
    } else {
      ++misses;
    }
  }
  return take;
}

// The taken blocks, one per line: no link lists, no repeated title, no
// timestamp lines, no block twice in a row.
std::string JoinTaken(const std::vector<Node>& nodes, const std::vector<Block>& blocks, const std::vector<char>& take,
                      const HtmlOptions& options, const std::string& title) {
  std::string norm_title = AsciiLowercase(CollapseWhitespace(title));
  std::string out;
  std::string_view previous;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (!take[i]) continue;
    double len = static_cast<double>(b.text.size());
    if (b.link_chars / len > options.max_link_density) continue;
    if (b.heading && AsciiLowercase(b.text) == norm_title) continue;
    if (LooksLikeTimestampLine(b, nodes[b.owner].tag)) continue;
    if (b.text == previous) continue;
    if (!out.empty()) out += '\n';
    out += b.text;
    previous = b.text;
  }
  return out;
}

// When nothing survived (the best container was all clutter, or hidden
// wrappers confused the tree): the page's prose paragraphs, first outside
// clutter-named regions, then anywhere.
std::string FallbackProse(const std::vector<Node>& nodes, const std::vector<Block>& blocks,
                          const HtmlOptions& options) {
  std::string out;
  for (int pass = 0; pass < 2 && out.empty(); ++pass) {
    for (const Block& b : blocks) {
      if (pass == 0 && nodes[b.owner].effective_hint < 0) continue;
      double ld = b.link_chars / static_cast<double>(b.text.size());
      if (b.heading || b.text.size() < options.min_orphan_chars || ld >= 0.2) continue;
      if (!out.empty()) out += '\n';
      out += b.text;
    }
  }
  return out;
}

std::string MainText(PageModel& model, const HtmlOptions& options, const std::string& title) {
  std::vector<Node>& nodes = model.nodes();
  std::vector<Block>& blocks = model.blocks();
  if (nodes.empty() || blocks.empty()) return "";
  SumSubtreeText(nodes, blocks, options);
  const std::vector<char> candidate = ScoreContainers(nodes, blocks, options);
  const int top = ClimbSections(nodes, PickTop(nodes, candidate), options);
  const std::vector<char> root = MarkRoots(nodes, candidate, top, options);
  const std::vector<char> keep = MarkKept(nodes, root, top, options);
  const std::vector<char> take = TakeBlocks(nodes, blocks, root, keep, options);
  std::string out = JoinTaken(nodes, blocks, take, options, title);
  return out.empty() ? FallbackProse(nodes, blocks, options) : out;
}

// The page's <body>, or kNone. Content after </html> can make the parser
// open a second <html>; the largest body is the page's.
uint32_t FindBody(const Dom& dom) {
  uint32_t body = Dom::kNone;
  for (uint32_t c = 1; c < dom.size(); c = dom.End(c)) {
    if (!dom.IsElement(c) || dom.tag(c) != Tag::kHtml) continue;
    uint32_t b = dom.FindChild(c, Tag::kBody);
    if (b != Dom::kNone && (body == Dom::kNone || dom.End(b) - b > dom.End(body) - body)) body = b;
  }
  return body;
}


// Tags that never nest (void) or whose end tag is optional and usually left
// out; counting them as nesting would flag ordinary pages.
bool IsFlatTagName(std::string_view name) {
  static const std::string_view kFlat[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                           "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd",
                                           "tr", "td", "th", "option", "tbody", "thead", "tfoot", "!doctype"};
  if (name.empty() || name.size() > 8) return false;  // none is longer
  char first = AsciiToLower(name[0]);
  for (std::string_view f : kFlat) {
    if (f[0] == first && EqualsIgnoreCase(name, f)) return true;
  }
  return false;
}

bool IsRawTextTagName(std::string_view name) {
  return EqualsIgnoreCase(name, "script") || EqualsIgnoreCase(name, "style") || EqualsIgnoreCase(name, "textarea") ||
         EqualsIgnoreCase(name, "title") || EqualsIgnoreCase(name, "xmp") || EqualsIgnoreCase(name, "plaintext");
}

// The HTML5 tree builder scans its stack of open elements for many tags, so
// parsing time grows with nesting depth times page size: 100,000 nested
// <div>s take half a minute. Browsers cap nesting for the same reason. When
// the tag nesting (as a quick tokenizer sees it) passes max_depth, the start
// tags beyond it and their end tags are dropped; all text is kept. Returns
// false (and leaves *out alone) when the page is within the limit.
bool LimitNesting(std::string_view html, size_t max_depth, std::string* out) {
  auto tag_name = [&html](size_t at) {
    size_t e = at;
    while (e < html.size() && !IsAsciiSpace(html[e]) && html[e] != '>' && html[e] != '/') ++e;
    return html.substr(at, e - at);
  };
  // Pass 0 measures; pass 1 rewrites.
  for (int pass = 0; pass < 2; ++pass) {
    size_t depth = 0, dropped = 0;
    bool any_dropped = false;
    size_t i = 0, copied = 0;
    while (i < html.size()) {
      size_t lt = html.find('<', i);
      if (lt == std::string_view::npos || lt + 1 >= html.size()) break;
      if (html.compare(lt, 4, "<!--") == 0) {
        size_t end = html.find("-->", lt + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      bool closing = html[lt + 1] == '/';
      size_t name_at = lt + (closing ? 2 : 1);
      if (name_at >= html.size() || !(IsAsciiAlpha(html[name_at]) || html[name_at] == '!')) {
        i = lt + 1;
        continue;
      }
      size_t gt = html.find('>', name_at);
      if (gt == std::string_view::npos) break;
      std::string_view name = tag_name(name_at);
      size_t next = gt + 1;
      bool self_closing = html[gt - 1] == '/';
      bool drop = false;
      if (closing) {
        if (!IsFlatTagName(name)) {
          if (dropped > 0) {
            --dropped;
            drop = true;
          } else if (depth > 0) {
            --depth;
          }
        }
      } else if (IsRawTextTagName(name)) {
        // Copy the raw text through to its end tag untouched.
        std::string close = "</" + AsciiLowercase(name);
        size_t end = std::string_view::npos;
        for (size_t k = next; k + close.size() <= html.size(); ++k) {
          k = html.find('<', k);
          if (k == std::string_view::npos) break;
          if (EqualsIgnoreCase(html.substr(k, close.size()), close)) {
            end = k;
            break;
          }
        }
        next = end == std::string_view::npos ? html.size() : end;
      } else if (!self_closing && !IsFlatTagName(name)) {
        if (depth >= max_depth) {
          ++dropped;
          any_dropped = true;
          drop = true;
        } else {
          ++depth;
        }
      }
      if (pass == 1 && drop) {
        out->append(html.substr(copied, lt - copied));
        copied = gt + 1;
      }
      i = next;
    }
    if (pass == 0 && !any_dropped) return false;
    if (pass == 1) out->append(html.substr(copied));
  }
  return true;
}

}  // namespace

std::string CleanTitle(std::string_view title, std::string_view site_name) {
  std::string t = CollapseWhitespace(title);
  static const std::string_view kSeps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ",
                                           " / ", " \xC2\xB7 "};
  if (!site_name.empty()) {
    std::string site = AsciiLowercase(CollapseWhitespace(site_name));
    std::string lower = AsciiLowercase(t);
    for (std::string_view sep : kSeps) {
      std::string suffix = std::string(sep) + site;
      if (lower.size() > suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return t.substr(0, t.size() - suffix.size());
      }
      std::string prefix = site + std::string(sep);
      if (lower.size() > prefix.size() && lower.compare(0, prefix.size(), prefix) == 0) return t.substr(prefix.size());
    }
  }
  size_t last = std::string::npos, first = std::string::npos, first_len = 0;
  for (std::string_view sep : kSeps) {
    size_t p = t.rfind(sep);
    if (p != std::string::npos && (last == std::string::npos || p > last)) last = p;
    size_t q = t.find(sep);
    if (q != std::string::npos && (first == std::string::npos || q < first)) {
      first = q;
      first_len = sep.size();
    }
  }
  if (last == std::string::npos) return t;
  std::string before = t.substr(0, last);
  if (CountAsciiWords(before) >= 3) return before;
  std::string after = t.substr(first + first_len);
  if (CountAsciiWords(after) >= 3 && first == last) return after;
  return t;
}

std::optional<int64_t> DateFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return std::nullopt;
  std::string_view p = url.substr(path);
  size_t q = p.find_first_of("?#");
  if (q != std::string_view::npos) p = p.substr(0, q);
  auto digits = [&p](size_t at, size_t n, int* v) {
    if (at + n > p.size()) return false;
    int x = 0;
    for (size_t i = 0; i < n; ++i) {
      if (!IsAsciiDigit(p[at + i])) return false;
      x = x * 10 + (p[at + i] - '0');
    }
    *v = x;
    return true;
  };
  auto sep = [&p](size_t at) { return at < p.size() && (p[at] == '/' || p[at] == '-' || p[at] == '_' || p[at] == '.'); };
  for (size_t i = 0; i + 8 <= p.size(); ++i) {
    if (i > 0 && !sep(i - 1)) continue;
    int y, m, d;
    if (!digits(i, 4, &y) || y < 1990 || y > 2099) continue;
    bool ok = false;
    if (sep(i + 4) && digits(i + 5, 2, &m) && sep(i + 7) && digits(i + 8, 2, &d)) {
      ok = i + 10 == p.size() || !IsAsciiDigit(p[i + 10]);
    } else if (digits(i + 4, 2, &m) && digits(i + 6, 2, &d)) {
      ok = i + 8 == p.size() || !IsAsciiDigit(p[i + 8]);
    }
    if (ok && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400;
    }
  }
  return std::nullopt;
}

// A decoded, parsed page: charset conversion, NULs dropped, nesting bounded,
// then the parser. Shared by the extractor and the plain-text view.
struct ParsedHtml {
  std::string charset;
  Dom dom;
  internal::AttributeCapStats attributes;
};

ParsedHtml ParseHtml(std::string_view bytes, const HtmlOptions& options, std::string_view http_charset) {
  ParsedHtml parsed;
  DecodedHtml decoded = DecodeHtmlToUtf8(bytes, http_charset);
  parsed.charset = decoded.charset;
  // NULs end C parsers' input early; browsers drop them too.
  std::string& html = decoded.text;
  html.erase(std::remove(html.begin(), html.end(), '\0'), html.end());
  std::string flattened;
  if (internal::LimitAttributes(html, options.max_attributes, &flattened, &parsed.attributes)) {
    html.swap(flattened);
  }
  if (parsed.attributes.gave_up) return parsed;
  if (LimitNesting(html, options.max_parse_depth, &flattened)) html.swap(flattened);
  parsed.dom = internal::ParseDom(html, options.max_parse_depth);
  return parsed;
}

std::string HtmlToPlainText(std::string_view bytes, const HtmlOptions& options) {
  if (bytes.size() > options.max_html_bytes) bytes = bytes.substr(0, options.max_html_bytes);
  ParsedHtml parsed = ParseHtml(bytes, options, {});
  uint32_t body = FindBody(parsed.dom);
  if (body == Dom::kNone) return "";
  PageModel model(options);
  model.Build(parsed.dom, body);
  std::string out;
  for (const Block& b : model.blocks()) {
    if (!out.empty()) out += '\n';
    out += b.text;
  }
  return out;
}

Result<ExtractedPage> ExtractHtml(std::string_view bytes, std::string_view url, const HtmlOptions& options,
                                  std::string_view http_charset) {
  ExtractedPage page;
  if (bytes.size() > options.max_html_bytes) {
    bytes = bytes.substr(0, options.max_html_bytes);
    page.truncated = true;
  }
  ParsedHtml parsed = ParseHtml(bytes, options, http_charset);
  page.charset = parsed.charset;
  page.tags_cut = parsed.attributes.tags_cut;
  page.parse_work = parsed.attributes.work + parsed.dom.attribute_pairs();
  if (parsed.attributes.gave_up) {
    return Status::InvalidInput("page markup too irregular to read in bounded time (tags within tags)");
  }

  internal::CollectMetadata(parsed.dom, url, options.max_depth, &page);
  if (page.canonical_url.empty()) page.canonical_url = std::string(url);

  uint32_t body = FindBody(parsed.dom);
  if (body != Dom::kNone) {
    PageModel model(options);
    model.Build(parsed.dom, body);
    page.text = MainText(model, options, page.title);
  }
  if (page.text.empty()) return Status::InvalidInput("no article text found in the page");
  return page;
}

}  // namespace rashomon
