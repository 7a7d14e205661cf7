// OffsetMap: maps byte offsets in cleaned text back to the raw article text.
//
// Cleaning drops lines and rewrites characters (NFKC, spaces), so cleaned and
// raw offsets drift apart. The map keeps an anchor wherever they drift; an
// offset between anchors maps linearly from the anchor before it. Offsets in
// text that cleaning left alone map exactly; inside a rewritten run they map
// to the run's start.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rashomon {

class OffsetMap {
 public:
  // Declares that cleaned offset `clean` corresponds to raw offset `raw`, and
  // that the text after it is copied verbatim until the next anchor.
  // REQUIRES: anchors are added in increasing `clean` order.
  void AddAnchor(uint32_t clean, uint32_t raw);
  // Declares that the cleaned run [clean, clean_end) came from a rewritten raw
  // run starting at raw: every offset inside maps to raw.
  void AddRewritten(uint32_t clean, uint32_t clean_end, uint32_t raw);

  uint32_t ToRaw(uint32_t clean) const;
  size_t anchor_count() const { return anchors_.size(); }

 private:
  struct Anchor {
    uint32_t clean;
    uint32_t raw;
    bool verbatim;  // false: the run up to the next anchor maps to `raw`
  };
  std::vector<Anchor> anchors_;
};

}  // namespace rashomon
