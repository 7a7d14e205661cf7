#include "analysis/wordnet.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/hash.h"
#include "text/language.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// One line of an index file: "lemma pos synset_cnt p_cnt ptr... sense_cnt
// tagsense_cnt offset...", offsets most frequent sense first. Appends the
// first `senses` synset ids (offset and part of speech in one number).
bool ParseIndexLine(const std::string& line, uint32_t pos_id, int senses, std::string* lemma,
                    std::vector<uint32_t>* ids) {
  if (line.empty() || line[0] == ' ') return false;  // licence header
  std::istringstream in(line);
  std::string pos;
  int synset_cnt = 0, p_cnt = 0;
  if (!(in >> *lemma >> pos >> synset_cnt >> p_cnt)) return false;
  std::string skip;
  for (int i = 0; i < p_cnt; ++i) in >> skip;
  int sense_cnt = 0, tagged = 0;
  if (!(in >> sense_cnt >> tagged)) return false;
  for (int i = 0; i < synset_cnt && i < senses; ++i) {
    std::string off;
    if (!(in >> off)) return false;
    uint32_t offset = 0;
    if (std::from_chars(off.data(), off.data() + off.size(), offset).ec != std::errc())
      return false;
    // Offsets are byte positions below 2^27 in files of a few MB.
    ids->push_back((offset << 2) | pos_id);
  }
  return true;
}

}  // namespace

Synonyms Synonyms::Load(const std::string& dir) {
  Synonyms out;
  static constexpr std::array<const char*, 4> kFiles = {"index.noun", "index.verb", "index.adj",
                                                        "index.adv"};
  size_t words = 0;
  std::string lemma;
  std::vector<uint32_t> ids;
  for (uint32_t p = 0; p < kFiles.size(); ++p) {
    std::ifstream file(dir + "/" + kFiles[p]);
    if (!file) {
      out.synsets_.clear();
      out.note_ =
          "WordNet not found in " + dir + " (install wordnet-base): matching uses exact stems only";
      return out;
    }
    std::string line;
    while (std::getline(file, line)) {
      ids.clear();
      if (!ParseIndexLine(line, p, kSenses, &lemma, &ids)) continue;
      if (lemma.find('_') != std::string::npos || lemma.find('-') != std::string::npos) continue;
      std::vector<uint32_t>& slot = out.synsets_[Hash64(Stem(WordKey(lemma), "en"))];
      slot.insert(slot.end(), ids.begin(), ids.end());
      ++words;
    }
  }
  for (auto& [stem, list] : out.synsets_) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  out.note_ = "WordNet 3.0 from " + dir + ": " + std::to_string(words) + " words";
  return out;
}

const Synonyms& Synonyms::Get() {
  static const Synonyms table = [] {
    const char* env = std::getenv("RASHOMON_WORDNET");
    return Load(env != nullptr && *env != '\0' ? env : "/usr/share/wordnet");
  }();
  return table;
}

}  // namespace rashomon
