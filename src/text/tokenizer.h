// Tokenizer: words, numbers and punctuation with byte spans, folded keys and
// stems. Possessive clitics ("Iran’s") are dropped from the word; hyphenated
// compounds are one token whose key has no hyphen ("anti-government" and
// "antigovernment" share a key); dotted acronyms keep one token ("U.S." keys
// as "us"); thousands separators vanish from number keys ("3,117" -> "3117").
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rashomon {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

namespace token_flags {
inline constexpr uint16_t kCapitalized = 1 << 0;   // first letter upper case
inline constexpr uint16_t kAllCaps = 1 << 1;       // two or more letters, all upper case
inline constexpr uint16_t kSentenceStart = 1 << 2; // first word of its sentence
inline constexpr uint16_t kStopword = 1 << 3;
inline constexpr uint16_t kAcronym = 1 << 4;       // dotted: U.S., e.g.
inline constexpr uint16_t kHyphenated = 1 << 5;
inline constexpr uint16_t kHasDigit = 1 << 6;
}  // namespace token_flags

struct Token {
  uint32_t begin = 0;  // byte span in the tokenized text
  uint32_t end = 0;
  uint32_t sentence = 0;  // index of the sentence holding it (set by the caller)
  TokenKind kind = TokenKind::kPunct;
  uint16_t flags = 0;
  uint64_t key = 0;   // Hash64 of the folded form
  uint64_t stem = 0;  // Hash64 of the stem (the key for non-words)

  bool Is(uint16_t flag) const { return (flags & flag) != 0; }
  bool IsWord() const { return kind == TokenKind::kWord; }
  bool IsContent() const { return kind != TokenKind::kPunct && !Is(token_flags::kStopword); }
};

struct TokenizeOptions {
  std::string lang = "en";
  bool stem = true;           // stemming costs ~40% of tokenizing time
  bool keep_punct = true;     // emit punctuation tokens
};

// Appends the tokens of text[begin, end) to *out; spans are offsets into text.
void Tokenize(std::string_view text, uint32_t begin, uint32_t end, const TokenizeOptions& options,
              std::vector<Token>* out);

// The folded key string of a token, recomputed from its span (for display,
// tests and vocabularies; keys are hashes of exactly this string).
std::string TokenKeyString(std::string_view text, const Token& token);

// Folded key of a single word as the tokenizer would compute it.
std::string WordKey(std::string_view word);

}  // namespace rashomon
