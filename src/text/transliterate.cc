#include "text/transliterate.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <memory>

#include "base/hash.h"
#include "base/utf8.h"
#include "text/language.h"
#include "text/tokenizer.h"

namespace rashomon {

bool HasNonLatinLetter(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    i += DecodeUtf8(s, i, &cp);
    if (!u_isalpha(static_cast<UChar32>(cp))) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &status);
    if (U_SUCCESS(status) && script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      return true;
    }
  }
  return false;
}

int FirstLetterScript(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp = static_cast<unsigned char>(s[i]);
    if (cp < 0x80) {
      ++i;
      if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return USCRIPT_LATIN;
      continue;
    }
    i += DecodeUtf8(s, i, &cp);
    if (!u_isalpha(static_cast<UChar32>(cp))) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &status);
    if (U_SUCCESS(status) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) return script;
  }
  return -1;
}

bool IsCaselessWord(std::string_view s) {
  bool letter = false;
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    i += DecodeUtf8(s, i, &cp);
    const auto c = static_cast<UChar32>(cp);
    if (!u_isalpha(c)) continue;
    if (u_hasBinaryProperty(c, UCHAR_CASED)) return false;
    letter = true;
  }
  return letter;
}

std::string ToLatin(std::string_view s) {
  if (!HasNonLatinLetter(s)) return std::string(s);
  // One transliterator per thread: ICU's are not safe to share.
  thread_local std::unique_ptr<icu::Transliterator> translit = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  if (!translit) return std::string(s);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  translit->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

namespace {

// The key of `word`'s Latin spelling, letters only; 0 when it has none.
uint64_t LatinKey(std::string_view word) {
  std::string latin;
  for (char c : ToLatin(word)) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) latin.push_back(c);
  }
  return latin.empty() ? 0 : Hash64(WordKey(latin));
}

}  // namespace

NameKeys NameKeysAcrossScripts(std::string_view word, uint64_t key, std::string_view lang) {
  if (!HasNonLatinLetter(word) || IsCaselessWord(word)) return {key, key};
  const uint64_t whole = LatinKey(word);
  if (whole == 0) return {key, key};
  const uint64_t stem = LatinKey(Stem(WordKey(word), lang));
  return {whole, stem == 0 ? whole : stem};
}

}  // namespace rashomon
