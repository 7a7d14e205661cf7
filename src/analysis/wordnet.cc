#include "analysis/wordnet.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <string_view>

#include "base/hash.h"
#include "text/language.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// The next space-separated field of `line` from *pos on.
std::string_view NextField(std::string_view line, size_t* pos) {
  while (*pos < line.size() && line[*pos] == ' ') ++*pos;
  size_t start = *pos;
  while (*pos < line.size() && line[*pos] != ' ') ++*pos;
  return line.substr(start, *pos - start);
}

bool NextInt(std::string_view line, size_t* pos, uint32_t* out) {
  std::string_view f = NextField(line, pos);
  return !f.empty() && std::from_chars(f.data(), f.data() + f.size(), *out).ec == std::errc();
}

// One line of an index file: "lemma pos synset_cnt p_cnt ptr... sense_cnt
// tagsense_cnt offset...", offsets most frequent sense first. Appends the
// first `senses` synset ids (offset and part of speech in one number).
// Split by hand: the files have 150,000 lines and streams cost 5x as much.
bool ParseIndexLine(std::string_view line, uint32_t pos_id, int senses, std::string_view* lemma,
                    std::vector<uint32_t>* ids) {
  if (line.empty() || line[0] == ' ') return false;  // licence header
  size_t pos = 0;
  *lemma = NextField(line, &pos);
  NextField(line, &pos);  // part of speech
  uint32_t synset_cnt = 0, p_cnt = 0, unused = 0;
  if (!NextInt(line, &pos, &synset_cnt) || !NextInt(line, &pos, &p_cnt)) return false;
  for (uint32_t i = 0; i < p_cnt; ++i) NextField(line, &pos);
  if (!NextInt(line, &pos, &unused) || !NextInt(line, &pos, &unused)) return false;  // sense counts
  for (uint32_t i = 0; i < synset_cnt && i < static_cast<uint32_t>(senses); ++i) {
    uint32_t offset = 0;
    if (!NextInt(line, &pos, &offset)) return false;
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
  std::string_view lemma;
  std::vector<uint32_t> ids;
  out.synsets_.reserve(size_t{1} << 17);  // ~100,000 stems
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
