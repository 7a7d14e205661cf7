#include "eval/corpus_gen.h"

#include <algorithm>
#include <unordered_set>

#include "base/hash.h"
#include "eval/random.h"

namespace rashomon {
namespace {

using gen::Below;
using gen::Rng;
using gen::Shuffle;
using gen::Uniform01;

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::string Id(char prefix, size_t n, int digits) {
  std::string s = std::to_string(n);
  if (s.size() < static_cast<size_t>(digits)) s.insert(0, digits - s.size(), '0');
  return std::string(1, prefix) + s;
}

class Generator {
 public:
  Generator(const std::vector<std::string>& bank, const CorpusGenOptions& o) : bank_(bank), o_(o) {
    size_t bytes = 0;
    for (const auto& s : bank_) bytes += s.size() + 1;
    double mean = static_cast<double>(bytes) / bank_.size();
    per_article_ = std::max<size_t>(3, static_cast<size_t>(o_.article_bytes / mean) + 1);
    pool_size_ = std::min(bank_.size(), per_article_ * 5 / 2);
  }

  std::vector<uint32_t> StoryPool(size_t story) const {
    Rng rng(HashCombine(o_.seed, 0x5700000000ULL + story));
    std::vector<uint32_t> pool(pool_size_);
    for (auto& s : pool) s = static_cast<uint32_t>(Below(rng, bank_.size()));
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
      bytes += bank_[s].size() + 1;
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

  std::string Render(const std::vector<uint32_t>& sentences) const {
    std::string text;
    for (size_t i = 0; i < sentences.size(); ++i) {
      if (i > 0) text += (i % 3 == 0) ? '\n' : ' ';
      text += bank_[sentences[i]];
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
  const std::vector<std::string>& bank_;
  const CorpusGenOptions& o_;
  size_t per_article_ = 0;
  size_t pool_size_ = 0;
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
    size_t words = CountWords(s);
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
    if (kind == GenKind::kOriginal) {
      // The first originals cover every story once; later ones pick at random.
      uint32_t story = static_cast<uint32_t>(originals.size() < stories ? originals.size()
                                                                        : Below(rng, stories));
      originals.push_back({static_cast<uint32_t>(i), story, article_seed});
      a.text = gen.Render(gen.Original(story, article_seed));
      g.story = Id('s', story, 6);
    } else {
      const Original& from = originals[Below(rng, originals.size())];
      Rng local(article_seed);
      std::vector<uint32_t> base = gen.Original(from.story, from.seed);
      g.story = Id('s', from.story, 6);
      g.of = Id('g', from.index, digits);
      if (kind == GenKind::kExact) {
        a.text = gen.Render(base);
      } else if (kind == GenKind::kNear) {
        a.text =
            gen.EditWords(gen.Render(base), Uniform01(local) * options.near_edit_rate_max, local);
      } else {
        a.text = gen.Render(gen.Rewrite(std::move(base), from.story, local));
      }
    }
    a.title = Generator::TitleOf(a.text);
    sink(a, g);
  }
  return Status::Ok();
}

}  // namespace rashomon
