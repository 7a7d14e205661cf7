#include "text/offset_map.h"

#include <algorithm>

namespace rashomon {

void OffsetMap::AddAnchor(uint32_t clean, uint32_t raw) {
  if (!anchors_.empty() && anchors_.back().clean == clean) {
    anchors_.back() = {clean, raw, true};
    return;
  }
  // Skip anchors the previous verbatim anchor already implies.
  if (!anchors_.empty() && anchors_.back().verbatim &&
      anchors_.back().raw + (clean - anchors_.back().clean) == raw) {
    return;
  }
  anchors_.push_back({clean, raw, true});
}

void OffsetMap::AddRewritten(uint32_t clean, uint32_t clean_end, uint32_t raw) {
  if (!anchors_.empty() && anchors_.back().clean == clean) {
    anchors_.back() = {clean, raw, false};
  } else {
    anchors_.push_back({clean, raw, false});
  }
  (void)clean_end;  // the next anchor (added by the caller) closes the run
}

uint32_t OffsetMap::ToRaw(uint32_t clean) const {
  if (anchors_.empty()) return clean;
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), clean,
                             [](uint32_t c, const Anchor& a) { return c < a.clean; });
  if (it == anchors_.begin()) return anchors_.front().raw;
  --it;
  return it->verbatim ? it->raw + (clean - it->clean) : it->raw;
}

}  // namespace rashomon
