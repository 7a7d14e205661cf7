#include "text/translate.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "base/hash.h"
#include "base/stream.h"
#include "text/language.h"
#include "text/tokenizer.h"

namespace rashomon {
namespace {

// The German dictionary is the largest: 100 MB uncompressed.
constexpr size_t kMaxDictBytes = size_t{512} << 20;

// dictd's base64 digits (offsets and lengths in the index).
bool DecodeBase64Number(std::string_view s, uint64_t* out) {
  uint64_t v = 0;
  if (s.empty() || s.size() > 10) return false;
  for (char c : s) {
    int d;
    if (c >= 'A' && c <= 'Z') {
      d = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      d = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      d = c - '0' + 52;
    } else if (c == '+') {
      d = 62;
    } else if (c == '/') {
      d = 63;
    } else {
      return false;
    }
    v = v * 64 + static_cast<uint64_t>(d);
  }
  *out = v;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A translation line without its sense number ("2. "), bracketed notes
// ([techn.], <n>, (informal), {see}) and pronunciations (/.../).
std::string CleanLine(std::string_view line) {
  size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  if (digits > 0 && digits + 1 < line.size() && line[digits] == '.' && line[digits + 1] == ' ') {
    line.remove_prefix(digits + 2);
  }
  std::string out;
  out.reserve(line.size());
  char close = 0;
  for (char c : line) {
    if (close != 0) {
      if (c == close) close = 0;
      continue;
    }
    switch (c) {
      case '[': close = ']'; break;
      case '<': close = '>'; break;
      case '(': close = ')'; break;
      case '{': close = '}'; break;
      case '/': close = '/'; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// A line that is not a translation: "Note: ...", "Synonyms: {...}",
// "see: {...}", examples.
bool IsNoteLine(std::string_view line) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  const size_t space = line.find(' ');
  return space == std::string_view::npos || colon < space;
}

// English words of the translations -> their stem (0: not a content
// word), memoised: the dictionaries repeat the same English words
// thousands of times, and stemming is most of the loading cost.
using EnglishMemo = std::unordered_map<std::string, uint64_t>;

uint64_t EnglishStem(std::string_view word, EnglishMemo* memo) {
  auto [it, inserted] = memo->try_emplace(std::string(word), 0);
  if (!inserted) return it->second;
  const std::string key = WordKey(word);
  if (key.size() < 2 || IsStopword(key, "en")) return 0;
  if (!std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; })) return 0;
  it->second = Hash64(Stem(key, "en"));
  return it->second;
}

// English content stems of one translation phrase (at most kMaxPhraseWords
// words), appended to *stems without repeats.
void AddPhraseStems(std::string_view phrase, std::vector<uint64_t>* stems, EnglishMemo* memo) {
  std::array<std::string_view, PivotDictionary::kMaxPhraseWords> words;
  size_t n = 0;
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && (phrase[i] == ' ' || phrase[i] == '-' || phrase[i] == '\t')) ++i;
    const size_t b = i;
    while (i < phrase.size() && phrase[i] != ' ' && phrase[i] != '-' && phrase[i] != '\t') ++i;
    if (i == b) continue;
    if (n == words.size()) return;  // an explanation, not a translation
    words[n++] = phrase.substr(b, i - b);
  }
  for (size_t k = 0; k < n; ++k) {
    const uint64_t stem = EnglishStem(words[k], memo);
    if (stem != 0 && std::find(stems->begin(), stems->end(), stem) == stems->end()) stems->push_back(stem);
  }
}

// The translation phrases of an entry (lines after the headword line,
// split at commas and semicolons, notes dropped), passed to visit(phrase)
// until it returns false.
template <typename Visit>
void ForEachTranslationPhrase(std::string_view entry, Visit visit) {
  size_t pos = entry.find('\n');
  while (pos != std::string_view::npos && pos < entry.size()) {
    const size_t next = entry.find('\n', pos + 1);
    std::string_view line = Trim(entry.substr(pos + 1, next == std::string_view::npos ? entry.npos : next - pos - 1));
    pos = next;
    if (line.empty() || IsNoteLine(line)) continue;
    const std::string clean = CleanLine(line);
    size_t b = 0;
    while (b <= clean.size()) {
      size_t e = clean.find_first_of(",;", b);
      if (e == std::string::npos) e = clean.size();
      const std::string_view phrase = Trim(std::string_view(clean).substr(b, e - b));
      if (!phrase.empty() && !visit(phrase)) return;
      b = e + 1;
    }
  }
}

// Translations gathered per source word of a ranked dictionary before the
// most used are chosen: a bound on memory for very long entries.
constexpr size_t kMaxRankedCandidates = 32;

// The English stems of one dictionary entry: its first `max_phrases`
// translations.
void EntryStems(std::string_view entry, size_t max_phrases, std::vector<uint64_t>* stems, EnglishMemo* memo) {
  size_t phrases = 0;
  ForEachTranslationPhrase(entry, [&](std::string_view phrase) {
    AddPhraseStems(phrase, stems, memo);
    return ++phrases < max_phrases;
  });
}

}  // namespace

namespace {

// The FreeDict dictionaries read: a language's own into English, or, for
// Russian (Debian packages no rus-eng), English into it read backwards.
// `ranked`: the order of an entry's translations says nothing of which
// sense is common (ara-eng is eng-ara turned around; eng-rus read backwards
// lists English headwords alphabetically).
struct DictFile {
  std::string_view lang, pair;
  bool reversed;
  bool ranked;
};
constexpr std::array<DictFile, 8> kDictFiles = {{
    {"es", "spa-eng", false, false},
    {"it", "ita-eng", false, false},
    {"nl", "nld-eng", false, false},
    {"de", "deu-eng", false, false},
    {"fr", "fra-eng", false, false},
    {"pt", "por-eng", false, false},
    {"ar", "ara-eng", false, true},
    {"ru", "eng-rus", true, true},
}};

const DictFile* DictFileOf(std::string_view lang) {
  for (const DictFile& f : kDictFiles) {
    if (f.lang == lang) return &f;
  }
  return nullptr;
}

// Calls visit(headword, entry) for each one-word headword of a dictd index
// whose entry lies inside `dict`.
template <typename Visit>
void ForEachEntry(std::string_view index, std::string_view dict, Visit visit) {
  size_t pos = 0;
  while (pos < index.size()) {
    size_t end = index.find('\n', pos);
    if (end == std::string_view::npos) end = index.size();
    const std::string_view line = index.substr(pos, end - pos);
    pos = end + 1;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) continue;
    const std::string_view head = line.substr(0, tab1);
    if (head.empty() || head.find(' ') != std::string_view::npos || head.starts_with("00database")) continue;
    uint64_t offset = 0, length = 0;
    if (!DecodeBase64Number(line.substr(tab1 + 1, tab2 - tab1 - 1), &offset) ||
        !DecodeBase64Number(Trim(line.substr(tab2 + 1)), &length) || offset > dict.size() ||
        length > dict.size() - offset) {
      continue;
    }
    visit(head, dict.substr(offset, length));
  }
}

// The one-word translations of an entry, passed to visit(word).
template <typename Visit>
void ForEachOneWordTranslation(std::string_view entry, Visit visit) {
  ForEachTranslationPhrase(entry, [&](std::string_view phrase) {
    if (phrase.find(' ') == std::string_view::npos) visit(phrase);
    return true;
  });
}

}  // namespace

EnglishWordCounts ParseEnglishWordCounts(std::string_view cntlist) {
  EnglishWordCounts out;
  EnglishMemo memo;
  size_t pos = 0;
  while (pos < cntlist.size()) {
    size_t end = cntlist.find('\n', pos);
    if (end == std::string_view::npos) end = cntlist.size();
    const std::string_view line = cntlist.substr(pos, end - pos);
    pos = end + 1;
    // sense_key sense_number tag_count; the sense key's lemma precedes '%'.
    const size_t percent = line.find('%');
    const size_t last_space = line.rfind(' ');
    if (percent == std::string_view::npos || percent == 0 || last_space == std::string_view::npos ||
        last_space < percent) {
      continue;
    }
    const std::string_view lemma = line.substr(0, percent);
    if (lemma.find('_') != std::string_view::npos) continue;  // several words
    uint32_t count = 0;
    bool digits = last_space + 1 < line.size();
    for (char c : Trim(line.substr(last_space + 1))) {
      if (c < '0' || c > '9' || count > 100000000) {
        digits = false;
        break;
      }
      count = count * 10 + static_cast<uint32_t>(c - '0');
    }
    if (!digits) continue;
    const uint64_t stem = EnglishStem(lemma, &memo);
    if (stem != 0) out[stem] += count;
  }
  return out;
}

const EnglishWordCounts& InstalledEnglishWordCounts() {
  static const EnglishWordCounts counts = [] {
    const char* env = std::getenv("RASHOMON_WORDNET");  // NOLINT(concurrency-mt-unsafe): read once
    const std::string dir = env != nullptr && *env != '\0' ? env : "/usr/share/wordnet";
    Result<std::unique_ptr<InputStream>> in = OpenInput(dir + "/cntlist.rev");
    if (!in.ok()) return EnglishWordCounts{};
    Result<std::string> text = ReadAll(**in, kMaxDictBytes);
    return text.ok() ? ParseEnglishWordCounts(text.value()) : EnglishWordCounts{};
  }();
  return counts;
}

std::string_view FreeDictPair(std::string_view lang) {
  const DictFile* f = DictFileOf(lang);
  return f == nullptr ? std::string_view() : f->pair;
}

PivotDictionary PivotDictionary::ParseReversed(std::string_view index, std::string_view dict, std::string_view lang,
                                               const EnglishWordCounts* ranked) {
  // Source stem -> English stems, in the order of the English headwords.
  std::unordered_map<uint64_t, std::vector<uint64_t>> merged;
  const size_t cap = ranked != nullptr ? kMaxRankedCandidates : static_cast<size_t>(kMaxTranslations);
  EnglishMemo memo;
  ForEachEntry(index, dict, [&](std::string_view head, std::string_view entry) {
    const uint64_t english = EnglishStem(head, &memo);
    if (english == 0) return;
    ForEachOneWordTranslation(entry, [&](std::string_view word) {
      const std::string key = WordKey(word);
      if (key.empty() || IsStopword(key, lang)) return;
      std::vector<uint64_t>& slot = merged[Hash64(Stem(key, lang))];
      if (slot.size() < cap && std::find(slot.begin(), slot.end(), english) == slot.end()) slot.push_back(english);
    });
  });
  return FromMerged(std::move(merged), ranked);
}

PivotDictionary PivotDictionary::Parse(std::string_view index, std::string_view dict, std::string_view lang,
                                       const EnglishWordCounts* ranked) {
  // Source stem -> English stems, merged over headwords of one stem.
  std::unordered_map<uint64_t, std::vector<uint64_t>> merged;
  std::vector<uint64_t> stems;
  EnglishMemo memo;
  const size_t cap = ranked != nullptr ? kMaxRankedCandidates : static_cast<size_t>(kMaxTranslations);
  ForEachEntry(index, dict, [&](std::string_view head, std::string_view entry) {
    const std::string key = WordKey(head);
    if (key.empty() || IsStopword(key, lang)) return;
    stems.clear();
    EntryStems(entry, cap, &stems, &memo);
    if (stems.empty()) return;
    auto add = [&](uint64_t source) {
      std::vector<uint64_t>& slot = merged[source];
      for (uint64_t s : stems) {
        if (slot.size() < cap && std::find(slot.begin(), slot.end(), s) == slot.end()) slot.push_back(s);
      }
    };
    add(Hash64(Stem(key, lang)));
    // Arabic headwords are bare ("وزير") and news words mostly carry the
    // article ("الوزير"), which the Snowball stemmer takes off more surely
    // than it leaves a bare word alone ("وزير" -> "زير", its first letter
    // read as "and"): the entry is listed under both stems.
    if (lang == "ar") add(Hash64(Stem("\u0627\u0644" + key, lang)));
  });
  return FromMerged(std::move(merged), ranked);
}

PivotDictionary PivotDictionary::FromMerged(std::unordered_map<uint64_t, std::vector<uint64_t>> merged,
                                            const EnglishWordCounts* ranked) {
  if (ranked != nullptr) {
    auto count = [ranked](uint64_t stem) {
      auto it = ranked->find(stem);
      return it == ranked->end() ? uint32_t{0} : it->second;
    };
    for (auto& [source, english] : merged) {
      // Most used first; ties keep the dictionary's order.
      std::stable_sort(english.begin(), english.end(),
                       [&](uint64_t x, uint64_t y) { return count(x) > count(y); });
      if (english.size() > 1 && count(english.front()) > 0) {
        english.erase(std::find_if(english.begin(), english.end(), [&](uint64_t x) { return count(x) == 0; }),
                      english.end());
      }
      if (english.size() > static_cast<size_t>(kMaxTranslations)) english.resize(kMaxTranslations);
    }
  }
  PivotDictionary out;
  out.index_.reserve(merged.size());
  // Source stems in a fixed order, so terms_ is the same on every run.
  std::vector<uint64_t> keys;
  keys.reserve(merged.size());
  for (const auto& kv : merged) keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end());
  for (uint64_t k : keys) {
    const std::vector<uint64_t>& english = merged[k];
    const auto begin = static_cast<uint32_t>(out.terms_.size());
    const float w = 1.0f / static_cast<float>(english.size());
    for (uint64_t s : english) out.terms_.push_back({s, w});
    out.index_.emplace(k, std::make_pair(begin, static_cast<uint32_t>(out.terms_.size())));
  }
  return out;
}

PivotDictionary PivotDictionary::Load(const std::string& dir, std::string_view lang) {
  const DictFile* file = DictFileOf(lang);
  if (file == nullptr) return {};
  const std::string base = dir + "/freedict-" + std::string(file->pair);
  auto read = [](const std::string& path) -> std::string {
    Result<std::unique_ptr<InputStream>> in = OpenInput(path);
    if (!in.ok()) return {};
    Result<std::string> text = ReadAll(**in, kMaxDictBytes);
    return text.ok() ? std::move(text).value() : std::string();
  };
  const std::string index = read(base + ".index");
  if (index.empty()) return {};
  std::string dict = read(base + ".dict.dz");
  if (dict.empty()) dict = read(base + ".dict");
  if (dict.empty()) return {};
  const EnglishWordCounts* ranked = file->ranked ? &InstalledEnglishWordCounts() : nullptr;
  if (ranked != nullptr && ranked->empty()) ranked = nullptr;  // wordnet-base absent: the dictionary's order
  return file->reversed ? ParseReversed(index, dict, lang, ranked) : Parse(index, dict, lang, ranked);
}

std::span<const PivotTerm> PivotDictionary::Lookup(uint64_t source_stem) const {
  auto it = index_.find(source_stem);
  if (it == index_.end()) return {};
  return {terms_.data() + it->second.first, it->second.second - it->second.first};
}

const PivotDictionary* PivotDictionaryFor(std::string_view lang) {
  static std::array<std::once_flag, kDictFiles.size()> once;
  static std::array<std::unique_ptr<PivotDictionary>, kDictFiles.size()> loaded;
  for (size_t i = 0; i < kDictFiles.size(); ++i) {
    if (kDictFiles[i].lang != lang) continue;
    std::call_once(once[i], [i] {
      const char* env = std::getenv("RASHOMON_DICT_DIR");  // NOLINT(concurrency-mt-unsafe): read once
      const std::string dir = env != nullptr && *env != '\0' ? env : "/usr/share/dictd";
      auto dict = std::make_unique<PivotDictionary>(PivotDictionary::Load(dir, kDictFiles[i].lang));
      if (!dict->empty()) loaded[i] = std::move(dict);
    });
    return loaded[i].get();
  }
  return nullptr;
}

}  // namespace rashomon
