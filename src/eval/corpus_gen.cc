#include "eval/corpus_gen.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.h"
#include "base/strings.h"
#include "eval/random.h"

namespace rashomon {
namespace {

using gen::Below;
using gen::Rng;
using gen::Shuffle;
using gen::Uniform01;

std::string Id(char prefix, size_t n, int digits) {
  std::string s = std::to_string(n);
  if (s.size() < static_cast<size_t>(digits)) s.insert(0, digits - s.size(), '0');
  return std::string(1, prefix) + s;
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiLetter(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }

// Calls f(begin, end) for each run of ASCII letters in `s` that starts a
// word (after a space) other than the first word.
template <typename F>
void ForEachInnerWord(std::string_view s, F f) {
  bool first = true;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsAsciiLetter(s[i])) {
      if (s[i] != ' ') first = false;  // punctuation before a word: not a name position
      ++i;
      continue;
    }
    size_t end = i;
    while (end < s.size() && IsAsciiLetter(s[end])) ++end;
    if (!first && i > 0 && s[i - 1] == ' ') f(i, end);
    first = false;
    i = end;
  }
}

// Name words: capitalised words inside a sentence (Ab..., two letters or
// more) that the bank never writes in lower case.
std::vector<std::string> NameWords(const std::vector<std::string>& bank) {
  std::unordered_set<std::string> capitalised, lower;
  for (const auto& s : bank) {
    ForEachInnerWord(s, [&](size_t b, size_t e) {
      std::string w = s.substr(b, e - b);
      if (IsAsciiLower(w[0])) {
        lower.insert(w);
      } else if (w.size() >= 2 && IsAsciiLower(w[1])) {
        capitalised.insert(w);
      }
    });
  }
  std::vector<std::string> out;
  for (const auto& w : capitalised) {
    std::string l = w;
    l[0] = static_cast<char>(l[0] - 'A' + 'a');
    if (!lower.count(l)) out.push_back(w);
  }
  std::sort(out.begin(), out.end());  // the set's order is not fixed; the corpus must be
  return out;
}

class Generator {
 public:
  Generator(const std::vector<std::string>& bank, const CorpusGenOptions& o) : bank_(bank), o_(o) {
    size_t bytes = 0;
    for (const auto& s : bank_) bytes += s.size() + 1;
    double mean = static_cast<double>(bytes) / bank_.size();
    per_article_ = std::max<size_t>(3, static_cast<size_t>(o_.article_bytes / mean) + 1);
    pool_size_ = std::min(bank_.size(), per_article_ * 5 / 2);
    if (o_.shared_sentences >= 0) SplitBank();
  }

  // Pool entries index the bank; with own sentences they index own_ then stock_.
  std::vector<uint32_t> StoryPool(size_t story) const {
    Rng rng(HashCombine(o_.seed, 0x5700000000ULL + story));
    std::vector<uint32_t> pool(pool_size_);
    if (own_.empty()) {
      for (auto& s : pool) s = static_cast<uint32_t>(Below(rng, bank_.size()));
      return pool;
    }
    for (auto& s : pool) {
      const bool stock = !stock_.empty() && Uniform01(rng) < o_.shared_sentences;
      s = stock ? static_cast<uint32_t>(own_.size() + Below(rng, stock_.size()))
                : static_cast<uint32_t>(Below(rng, own_.size()));
    }
    return pool;
  }

  std::vector<uint32_t> Original(size_t story, uint64_t seed) const {
    Rng rng(seed);
    std::vector<uint32_t> pool = StoryPool(story);
    Shuffle(pool, rng);
    std::vector<uint32_t> out;
    size_t bytes = 0;
    for (uint32_t s : pool) {
      if (bytes >= o_.article_bytes) break;
      out.push_back(s);
      bytes += BankSentence(s).size() + 1;
    }
    return out;
  }

  std::vector<uint32_t> Rewrite(std::vector<uint32_t> sentences, size_t story, Rng& rng) const {
    std::vector<uint32_t> pool = StoryPool(story);
    for (auto& s : sentences) {
      if (Uniform01(rng) < o_.rewrite_replace) s = pool[Below(rng, pool.size())];
    }
    for (int moves = 0; moves < 3 && sentences.size() > 1; ++moves) {
      size_t i = Below(rng, sentences.size() - 1);
      std::swap(sentences[i], sentences[i + 1]);
    }
    return sentences;
  }

  // The bank sentence a pool entry stands for, before any name replacement.
  const std::string& BankSentence(uint32_t entry) const {
    if (own_.empty()) return bank_[entry];
    return entry >= own_.size() ? bank_[stock_[entry - own_.size()]] : bank_[own_[entry]];
  }

  std::string Render(const std::vector<uint32_t>& sentences, size_t story) const {
    std::string text;
    for (size_t i = 0; i < sentences.size(); ++i) {
      if (i > 0) text += (i % 3 == 0) ? '\n' : ' ';
      if (own_.empty() || sentences[i] >= own_.size()) {
        text += BankSentence(sentences[i]);
      } else {
        text += OwnSentence(bank_[own_[sentences[i]]], story);
      }
    }
    return text;
  }

  std::string_view RandomWord(Rng& rng) const {
    std::string_view s = bank_[Below(rng, bank_.size())];
    size_t start = Below(rng, s.size());
    while (start > 0 && s[start - 1] != ' ') --start;
    size_t end = s.find(' ', start);
    return s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  }

  // Substitutes, deletes or inserts words at `rate`; line breaks survive.
  std::string EditWords(std::string_view text, double rate, Rng& rng) const {
    std::string out;
    out.reserve(text.size() + 64);
    size_t i = 0;
    while (i < text.size()) {
      if (text[i] == ' ' || text[i] == '\n') {
        out += text[i++];
        continue;
      }
      size_t end = i;
      while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
      std::string_view word = text.substr(i, end - i);
      i = end;
      if (Uniform01(rng) >= rate) {
        out += word;
        continue;
      }
      switch (Below(rng, 3)) {
        case 0:
          out += RandomWord(rng);
          break;
        case 1:
          if (!out.empty() && out.back() == ' ') out.pop_back();
          break;
        default:
          out += word;
          out += ' ';
          out += RandomWord(rng);
      }
    }
    return out;
  }

  static std::string TitleOf(std::string_view text) {
    std::string title;
    size_t words = 0;
    for (size_t i = 0; i < text.size() && words < 10; ++i) {
      if (text[i] == '\n') break;
      if (text[i] == ' ') ++words;
      if (words < 10) title += text[i];
    }
    return title;
  }

 private:
  static constexpr size_t kStock = 256;

  // Sentences with a name word become own sentences; a fixed sample of the
  // others is the stock all stories share.
  void SplitBank() {
    std::vector<std::string> names = NameWords(bank_);
    if (names.empty()) return;
    for (const auto& w : names) name_index_.emplace(w, name_index_.size());
    names_ = std::move(names);
    std::vector<uint32_t> rest;
    for (size_t i = 0; i < bank_.size(); ++i) {
      bool named = false;
      ForEachInnerWord(bank_[i], [&](size_t b, size_t e) {
        named = named || name_index_.count(bank_[i].substr(b, e - b)) > 0;
      });
      (named ? own_ : rest).push_back(static_cast<uint32_t>(i));
    }
    Rng rng(HashCombine(o_.seed, 0x570c4ULL));
    Shuffle(rest, rng);
    rest.resize(std::min(rest.size(), kStock));
    stock_ = std::move(rest);
  }

  // A capitalised name word of two or three syllables chosen by `h`: about
  // 2,600 syllables, so 6.7 million two-syllable names and 17 billion of three.
  static void AppendInventedName(uint64_t h, std::string& out) {
    static constexpr const char* kOnsets[] = {"b",  "br", "c", "ch", "d",  "dr", "f",  "g",  "gr",
                                              "h",  "j",  "k", "kr", "l",  "m",  "n",  "p",  "pr",
                                              "r",  "s",  "sh", "st", "t", "tr", "v",  "w",  "z"};
    static constexpr const char* kCapitalOnsets[] = {"B",  "Br", "C", "Ch", "D",  "Dr", "F",  "G",  "Gr",
                                                     "H",  "J",  "K", "Kr", "L",  "M",  "N",  "P",  "Pr",
                                                     "R",  "S",  "Sh", "St", "T", "Tr", "V",  "W",  "Z"};
    static_assert(std::size(kOnsets) == std::size(kCapitalOnsets));
    static constexpr const char* kVowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou"};
    static constexpr const char* kCodas[] = {"", "", "n", "r", "s", "l", "m", "k", "nd", "rt", "sk", "th"};
    constexpr uint64_t kO = std::size(kOnsets), kV = std::size(kVowels), kC = std::size(kCodas);
    const int syllables = 2 + static_cast<int>(h & 1);
    h >>= 1;
    for (int i = 0; i < syllables; ++i) {
      out += i == 0 ? kCapitalOnsets[h % kO] : kOnsets[h % kO];
      h /= kO;
      out += kVowels[h % kV];
      h /= kV;
      out += kCodas[h % kC];
      h /= kC;
    }
  }

  // The sentence with each name word replaced by the story's word for it.
  std::string OwnSentence(const std::string& s, size_t story) const {
    std::string out;
    size_t last = 0;
    const uint64_t key = HashCombine(o_.seed, 0x4e414d4500000000ULL + story);
    ForEachInnerWord(s, [&](size_t b, size_t e) {
      auto it = name_index_.find(s.substr(b, e - b));
      if (it == name_index_.end()) return;
      out.append(s, last, b - last);
      const uint64_t h = HashCombine(key, it->second);
      if (static_cast<double>(h >> 40) < o_.invented_names * static_cast<double>(1ULL << 24)) {
        AppendInventedName(HashCombine(h, 0x1a7e57ULL), out);
      } else {
        out += names_[h % names_.size()];
      }
      last = e;
    });
    out.append(s, last, std::string::npos);
    return out;
  }

  const std::vector<std::string>& bank_;
  const CorpusGenOptions& o_;
  size_t per_article_ = 0;
  size_t pool_size_ = 0;
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint64_t> name_index_;
  std::vector<uint32_t> own_;    // bank indices of sentences with a name word
  std::vector<uint32_t> stock_;  // bank indices of the shared stock
};

}  // namespace

std::string_view GenKindName(GenKind kind) {
  switch (kind) {
    case GenKind::kOriginal:
      return "original";
    case GenKind::kExact:
      return "exact";
    case GenKind::kNear:
      return "near";
    case GenKind::kRewrite:
      return "rewrite";
  }
  return "original";
}

std::vector<std::string> SplitSentences(std::string_view text) {
  std::vector<std::string> out;
  auto flush = [&](size_t begin, size_t end) {
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t' || text[begin] == '\r'))
      ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r'))
      --end;
    std::string_view s = text.substr(begin, end - begin);
    size_t words = CountAsciiWords(s);
    if (words >= 5 && words <= 80) out.emplace_back(s);
  };
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      flush(start, i);
      start = i + 1;
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    size_t end = i + 1;
    while (end < text.size() && (text[end] == '"' || text[end] == '\'' || text[end] == ')')) ++end;
    // Closing curly quotes (U+2019, U+201D) are three bytes: E2 80 99 / E2 80 9D.
    while (end + 2 < text.size() && static_cast<unsigned char>(text[end]) == 0xE2 &&
           static_cast<unsigned char>(text[end + 1]) == 0x80 &&
           (static_cast<unsigned char>(text[end + 2]) == 0x99 ||
            static_cast<unsigned char>(text[end + 2]) == 0x9D)) {
      end += 3;
    }
    if (end < text.size() && text[end] == ' ') {
      flush(start, end);
      start = end + 1;
      i = end;
    }
  }
  flush(start, text.size());
  return out;
}

Status GenerateCorpus(const std::vector<std::string>& sentences, const CorpusGenOptions& options,
                      const std::function<void(const Article&, const GoldRecord&)>& sink) {
  std::vector<std::string> bank;
  std::unordered_set<uint64_t> seen;
  for (const auto& s : sentences) {
    if (seen.insert(Hash64(s)).second) bank.push_back(s);
  }
  if (bank.size() < 50) {
    return Status::InvalidInput("need at least 50 distinct sentences of 5-80 words, found " +
                                std::to_string(bank.size()));
  }
  if (options.shared_sentences > 1) {
    return Status::InvalidArgument("the shared sentence share must be at most 1");
  }
  if (options.exact_fraction + options.near_fraction + options.rewrite_fraction > 0.95) {
    return Status::InvalidArgument("derived article shares must leave room for originals");
  }
  Generator gen(bank, options);
  const size_t stories =
      std::max<size_t>(1, options.articles / std::max<size_t>(1, options.articles_per_story));
  struct Original {
    uint32_t index;
    uint32_t story;
    uint64_t seed;
  };
  std::vector<Original> originals;
  Rng rng(options.seed);
  const int digits = std::max<int>(7, static_cast<int>(std::to_string(options.articles).size()));
  for (size_t i = 0; i < options.articles; ++i) {
    Article a;
    GoldRecord g;
    a.id = Id('g', i, digits);
    a.source = "outlet-" + std::to_string(Below(rng, 50));
    g.article = a.id;
    const uint64_t article_seed = rng();
    double r = Uniform01(rng);
    GenKind kind = GenKind::kOriginal;
    if (!originals.empty() && originals.size() >= std::min(stories, options.articles / 4 + 1)) {
      if (r < options.exact_fraction)
        kind = GenKind::kExact;
      else if (r < options.exact_fraction + options.near_fraction)
        kind = GenKind::kNear;
      else if (r < options.exact_fraction + options.near_fraction + options.rewrite_fraction)
        kind = GenKind::kRewrite;
    }
    g.kind = kind;
    uint32_t story_of_article = 0;
    if (kind == GenKind::kOriginal) {
      // The first originals cover every story once; later ones pick at random.
      uint32_t story = static_cast<uint32_t>(originals.size() < stories ? originals.size()
                                                                        : Below(rng, stories));
      originals.push_back({static_cast<uint32_t>(i), story, article_seed});
      story_of_article = story;
      a.text = gen.Render(gen.Original(story, article_seed), story);
      g.story = Id('s', story, 6);
    } else {
      const Original& from = originals[Below(rng, originals.size())];
      Rng local(article_seed);
      std::vector<uint32_t> base = gen.Original(from.story, from.seed);
      g.story = Id('s', from.story, 6);
      story_of_article = from.story;
      g.of = Id('g', from.index, digits);
      if (kind == GenKind::kExact) {
        a.text = gen.Render(base, from.story);
      } else if (kind == GenKind::kNear) {
        a.text =
            gen.EditWords(gen.Render(base, from.story), Uniform01(local) * options.near_edit_rate_max, local);
      } else {
        a.text = gen.Render(gen.Rewrite(std::move(base), from.story, local), from.story);
      }
    }
    if (options.articles_per_day > 0) {
      constexpr int64_t kStart = 1577836800;  // 2020-01-01 00:00 UTC
      constexpr int64_t kDay = 86400;
      const uint64_t span = std::max<size_t>(1, options.articles / options.articles_per_day) * kDay;
      Rng story_rng(HashCombine(options.seed, 0x7133000000ULL + story_of_article));
      Rng article_rng(HashCombine(article_seed, 0x71ULL));
      a.published = kStart + static_cast<int64_t>(Below(story_rng, span)) +
                    static_cast<int64_t>(Uniform01(article_rng) * 3 * kDay);
    }
    a.title = Generator::TitleOf(a.text);
    sink(a, g);
  }
  return Status::Ok();
}

}  // namespace rashomon
