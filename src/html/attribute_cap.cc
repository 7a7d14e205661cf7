// See attribute_cap.h.
#include "html/attribute_cap.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace rashomon::internal {
namespace {

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsNameStart(char c) { return IsLetter(c) || c == '_' || c == ':' || c == '.'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-'; }

// libxml2 reads at most this many characters of a name at once
// (HTML_PARSER_BUFFER_SIZE); the rest of a longer one is a new name.
constexpr size_t kMaxNameChars = 100;

// libxml2 2.9's start-tag reading (htmlParseStartTag, htmlParseAttribute,
// htmlParseHTMLName, htmlParseAttValue), as positions only.
class TagScanner {
 public:
  TagScanner(std::string_view html, uint64_t* work) : h_(html), work_(work) {}

  char At(size_t i) const { return i < h_.size() ? h_[i] : '\0'; }
  bool TagEnds(size_t i) const {
    char c = At(i);
    return c == '\0' || c == '>' || (c == '/' && At(i + 1) == '>');
  }
  size_t SkipBlanks(size_t i) const {
    size_t s = i;
    while (IsBlank(At(i))) ++i;
    *work_ += i - s;
    return i;
  }
  size_t SkipName(size_t i) const {
    size_t s = i;
    while (i - s < kMaxNameChars && IsNameChar(At(i))) ++i;
    *work_ += i - s;
    return i;
  }
  // The first attribute position of the tag whose "<" is at `lt`.
  size_t FirstHead(size_t lt) const { return SkipBlanks(SkipName(lt + 1)); }
  // One turn of the attribute loop from `i` (not at the tag's end): the
  // next loop position.
  size_t Step(size_t i) const {
    size_t s = i;
    if (IsNameStart(At(i))) {
      i = SkipBlanks(SkipName(i));
      if (At(i) == '=') {
        i = SkipBlanks(i + 1);
        char q = At(i);
        if (q == '"' || q == '\'') {
          const void* close = i + 1 < h_.size() ? std::memchr(h_.data() + i + 1, q, h_.size() - i - 1) : nullptr;
          i = close == nullptr ? h_.size() : static_cast<size_t>(static_cast<const char*>(close) - h_.data()) + 1;
        } else {
          while (At(i) != '\0' && At(i) != '>' && !IsBlank(At(i))) ++i;
        }
      }
    } else {
      // Not a name: skipped to the next blank or the end of the tag.
      while (!TagEnds(i) && !IsBlank(At(i))) ++i;
    }
    *work_ += i - s;
    return SkipBlanks(i);
  }

 private:
  std::string_view h_;
  uint64_t* work_;
};

}  // namespace

bool LimitAttributes(std::string_view html, size_t max_attributes, std::string* out, AttributeCapStats* stats) {
  TagScanner scan(html, &stats->work);
  const uint64_t budget = 64 * static_cast<uint64_t>(html.size()) + 4096;
  // reached[i]: 1 + the most named attributes a scanned tag had before
  // loop position i (0: not reached). A tag arriving with no more than
  // that ends no later than the earlier one did, so it is not followed.
  constexpr uint32_t kCut = UINT32_MAX;
  std::vector<uint32_t> reached;
  std::vector<size_t> cuts;
  for (size_t lt = 0; lt + 1 < html.size(); ++lt) {
    const void* next = std::memchr(html.data() + lt, '<', html.size() - lt - 1);
    if (next == nullptr) break;
    lt = static_cast<size_t>(static_cast<const char*>(next) - html.data());
    if (!IsLetter(html[lt + 1])) continue;
    if (reached.empty()) reached.assign(html.size() + 1, 0);
    size_t named = 0;
    for (size_t i = scan.FirstHead(lt); !scan.TagEnds(i);) {
      uint32_t& seen = reached[i];
      if (seen == kCut || (seen != 0 && named + 1 <= seen)) break;
      if (IsNameStart(scan.At(i)) && named == max_attributes) {
        seen = kCut;
        cuts.push_back(i);
        break;
      }
      seen = static_cast<uint32_t>(named + 1);
      named += IsNameStart(scan.At(i));
      i = scan.Step(i);
    }
    if (stats->work > budget) {
      stats->gave_up = true;
      break;
    }
  }
  if (cuts.empty()) return false;
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  out->clear();
  out->reserve(html.size() + cuts.size());
  size_t copied = 0;
  for (size_t at : cuts) {
    out->append(html.substr(copied, at - copied));
    out->push_back('>');
    copied = at;
  }
  out->append(html.substr(copied));
  stats->tags_cut = cuts.size();
  return true;
}

}  // namespace rashomon::internal
