#include "text/tokenizer.h"

#include "base/hash.h"
#include "base/utf8.h"
#include "text/language.h"
#include "text/normalize.h"

namespace rashomon {
namespace {

struct Cursor {
  std::string_view text;
  size_t pos;
  size_t end;
  char32_t Peek(size_t* len) const {
    if (pos >= end) {
      *len = 0;
      return 0;
    }
    char32_t cp;
    *len = DecodeUtf8(text, pos, &cp);
    return cp;
  }
  char32_t PeekAt(size_t at, size_t* len) const {
    if (at >= end) {
      *len = 0;
      return 0;
    }
    char32_t cp;
    *len = DecodeUtf8(text, at, &cp);
    return cp;
  }
};

bool IsAlnum(char32_t cp) { return IsLetter(cp) || IsDigitChar(cp); }

bool IsOrdinalSuffix(std::string_view s) {
  return s == "st" || s == "nd" || s == "rd" || s == "th" || s == "s";
}

// Computes the folded key of text[b, e) following the token rules.
std::string KeyOf(std::string_view text, size_t b, size_t e, TokenKind kind) {
  std::string key;
  key.reserve(e - b);
  size_t i = b;
  while (i < e) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {  // ASCII: the rules below, without decoding or the fold table
      ++i;
      if (c == '-' || (c == '.' && kind == TokenKind::kWord) || (c == ',' && kind == TokenKind::kNumber)) continue;
      key.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
      continue;
    }
    char32_t cp;
    size_t len = DecodeUtf8(text, i, &cp);
    i += len;
    if (IsHyphen(cp)) continue;
    if (cp == '.' && kind == TokenKind::kWord) continue;  // acronyms: U.S. -> us
    if (cp == ',' && kind == TokenKind::kNumber) continue;
    if (IsApostrophe(cp)) {
      key.push_back('\'');
      continue;
    }
    AppendFolded(cp, &key);
  }
  return key;
}

}  // namespace

std::string WordKey(std::string_view word) {
  return KeyOf(word, 0, word.size(), TokenKind::kWord);
}

std::string TokenKeyString(std::string_view text, const Token& token) {
  return KeyOf(text, token.begin, token.end, token.kind);
}

void Tokenize(std::string_view text, uint32_t begin, uint32_t end, const TokenizeOptions& options,
              std::vector<Token>* out) {
  Cursor c{text, begin, end};
  size_t len;
  while (c.pos < c.end) {
    char32_t cp = c.Peek(&len);
    if (IsSpaceChar(cp)) {
      c.pos += len;
      continue;
    }
    size_t start = c.pos;
    if (!IsAlnum(cp)) {
      c.pos += len;
      if (options.keep_punct) {
        Token t;
        t.begin = static_cast<uint32_t>(start);
        t.end = static_cast<uint32_t>(c.pos);
        t.kind = TokenKind::kPunct;
        t.key = Hash64(text.substr(start, len));
        t.stem = t.key;
        out->push_back(t);
      }
      continue;
    }
    // A word or number: scan with the continuation rules.
    bool starts_digit = IsDigitChar(cp);
    bool has_letter = !starts_digit;
    bool has_digit = starts_digit;
    bool hyphenated = false;
    bool after_hyphen = false;  // the last character consumed was a hyphen
    bool acronym = false;
    size_t upper = 0, letters = 0;
    size_t word_end = start;  // end of the token proper (before a dropped clitic)
    bool first_upper = IsUpperCase(cp);
    while (c.pos < c.end) {
      char32_t ch = c.Peek(&len);
      if (IsAlnum(ch) || IsWordContinuation(ch)) {
        bool digit = IsDigitChar(ch);
        // Split "18bn" (digits then letters) unless it is an ordinal ("3rd")
        // or a hyphenated compound ("12-day").
        if (!digit && IsLetter(ch) && has_digit && !has_letter && !after_hyphen) {
          size_t k = c.pos;
          std::string suffix;
          while (k < c.end) {
            size_t l2;
            char32_t x = c.PeekAt(k, &l2);
            if (!IsLetter(x)) break;
            AppendFolded(x, &suffix);
            k += l2;
          }
          if (!IsOrdinalSuffix(suffix)) break;
        }
        // Split "article5" (a lower-case word glued to digits), keep "G7", "MH17".
        if (digit && has_letter && !has_digit && letters >= 3 && upper == 0) break;
        if (IsLetter(ch)) {
          has_letter = true;
          ++letters;
          if (IsUpperCase(ch)) ++upper;
        }
        has_digit |= digit;
        after_hyphen = false;
        c.pos += len;
        word_end = c.pos;
        continue;
      }
      size_t l2;
      char32_t next = c.PeekAt(c.pos + len, &l2);
      if (IsApostrophe(ch) && IsLetter(next) && has_letter) {
        // Clitics: drop "'s" (possessive); keep "don't", "O'Brien".
        size_t k = c.pos + len;
        std::string suffix;
        while (k < c.end) {
          size_t l3;
          char32_t x = c.PeekAt(k, &l3);
          if (!IsLetter(x)) break;
          AppendFolded(x, &suffix);
          k += l3;
        }
        if (suffix == "s") {
          c.pos = k;  // consumed, but not part of the token
          break;
        }
        c.pos += len;
        continue;
      }
      if (IsHyphen(ch) && IsAlnum(next)) {
        hyphenated = true;
        after_hyphen = true;
        c.pos += len;
        continue;
      }
      if ((ch == '.' || ch == ',') && has_digit && !has_letter && IsDigitChar(next)) {
        c.pos += len;
        continue;
      }
      // Dotted acronym: single letters separated by periods (U.S., e.g.).
      if (ch == '.' && has_letter && letters <= 1 + (acronym ? 8 : 0) && word_end - start <= 12) {
        size_t l3;
        char32_t after = c.PeekAt(c.pos + len + l2, &l3);
        bool continues = IsLetter(next) && (after == '.' || !IsLetter(after));
        bool closes = acronym && !IsLetter(next);
        if (continues || closes) {
          acronym = true;
          c.pos += len;
          word_end = c.pos;
          if (closes) break;
          continue;
        }
      }
      break;
    }
    if (c.pos < word_end) c.pos = word_end;
    Token t;
    t.begin = static_cast<uint32_t>(start);
    t.end = static_cast<uint32_t>(word_end);
    t.kind = has_letter ? TokenKind::kWord : TokenKind::kNumber;
    if (first_upper) t.flags |= token_flags::kCapitalized;
    if (letters >= 2 && upper == letters) t.flags |= token_flags::kAllCaps;
    if (acronym) t.flags |= token_flags::kAcronym | (upper == letters ? token_flags::kAllCaps : 0);
    if (hyphenated) t.flags |= token_flags::kHyphenated;
    if (has_digit) t.flags |= token_flags::kHasDigit;
    std::string key = KeyOf(text, t.begin, t.end, t.kind);
    t.key = Hash64(key);
    t.stem = t.key;
    if (t.kind == TokenKind::kWord) {
      if (IsStopword(key, options.lang)) {
        t.flags |= token_flags::kStopword;
      } else if (options.stem) {
        t.stem = Hash64(Stem(key, options.lang));
      }
    }
    out->push_back(t);
  }
}

}  // namespace rashomon
