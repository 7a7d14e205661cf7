#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>

#include "base/utf8.h"

namespace rashomon {
namespace {

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? nfkc : nullptr;
  }();
  return n;
}

bool IsDroppedFormat(char32_t cp) {
  return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
         cp == 0x200E || cp == 0x200F;
}

// Folded forms of code points below kFoldTableSize, built once from ICU's
// decompositions: base letter of a decomposable letter, lowercased.
constexpr char32_t kFoldTableSize = 0x800;

struct FoldTable {
  std::array<std::string, kFoldTableSize> folded;
  FoldTable() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    for (char32_t cp = 0; cp < kFoldTableSize; ++cp) {
      std::string& f = folded[cp];
      if (cp < 0x80) {
        f.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        continue;
      }
      char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
      icu::UnicodeString decomposition;
      char32_t base = lower;
      if (U_SUCCESS(status) && nfd && nfd->getDecomposition(static_cast<UChar32>(lower), decomposition) &&
          decomposition.length() > 0) {
        base = static_cast<char32_t>(decomposition.char32At(0));
      }
      int8_t category = u_charType(static_cast<UChar32>(cp));
      if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK) continue;  // dropped
      AppendUtf8(base, &f);
    }
    // Letters without a decomposition but with a conventional ASCII spelling.
    auto set = [&](char32_t cp, const char* s) { folded[cp] = s; };
    set(0xDF, "ss");
    set(0xE6, "ae");
    set(0xC6, "ae");
    set(0xF8, "o");
    set(0xD8, "o");
    set(0x111, "d");
    set(0x110, "d");
    set(0x142, "l");
    set(0x141, "l");
    set(0x131, "i");
    set(0x153, "oe");
    set(0x152, "oe");
    set(0xFE, "th");
    set(0xDE, "th");
    set(0xF0, "d");
    set(0xD0, "d");
    set(0x2BC, "'");  // modifier letter apostrophe
  }
};

const FoldTable& Folds() {
  static const FoldTable* table = new FoldTable();
  return *table;
}

}  // namespace

bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 32) >= 'a' && (cp | 32) <= 'z';
  return u_isalpha(static_cast<UChar32>(cp));
}
bool IsDigitChar(char32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return u_isdigit(static_cast<UChar32>(cp));
}
bool IsUpperCase(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
}
bool IsLowerCase(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return u_islower(static_cast<UChar32>(cp));
}
bool IsSpaceChar(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x85;
}
bool IsWordContinuation(char32_t cp) {
  if (cp < 0x300) return false;
  int8_t t = u_charType(static_cast<UChar32>(cp));
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}
bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }
bool IsHyphen(char32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
bool IsDash(char32_t cp) { return cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0x2212; }
bool IsOpeningQuote(char32_t cp) {
  return cp == 0x201C || cp == 0x2018 || cp == 0x00AB || cp == 0x201E || cp == 0x201A ||
         cp == 0x2039 || cp == 0x300C || cp == 0x300E;
}
bool IsClosingQuote(char32_t cp) {
  return cp == 0x201D || cp == 0x2019 || cp == 0x00BB || cp == 0x203A || cp == 0x300D ||
         cp == 0x300F;
}
bool IsQuoteMark(char32_t cp) {
  return cp == '"' || cp == '\'' || IsOpeningQuote(cp) || IsClosingQuote(cp) || cp == 0x201F ||
         cp == 0x201B;
}

void NormalizeLine(std::string_view line, uint32_t raw_base, std::string* out, OffsetMap* map) {
  const icu::Normalizer2* nfkc = Nfkc();
  const size_t n = line.size();
  const size_t line_start = out->size();
  bool pending_space = false;
  size_t space_pos = 0;  // raw position of the first blank of a pending run
  auto raw = [&](size_t pos) { return raw_base + static_cast<uint32_t>(pos); };
  auto emit_verbatim = [&](size_t from, size_t to) {
    map->AddAnchor(static_cast<uint32_t>(out->size()), raw(from));
    out->append(line.substr(from, to - from));
  };
  size_t i = 0;
  while (i < n) {
    char32_t cp;
    size_t len = DecodeUtf8(line, i, &cp);
    if (IsSpaceChar(cp)) {
      if (!pending_space) space_pos = i;
      pending_space = true;
      i += len;
      continue;
    }
    if (IsDroppedFormat(cp)) {
      i += len;
      continue;
    }
    if (pending_space && out->size() > line_start) {
      map->AddAnchor(static_cast<uint32_t>(out->size()), raw(space_pos));
      out->push_back(' ');
    }
    pending_space = false;
    size_t j = i;
    if (cp < 0x80) {
      while (j < n && static_cast<unsigned char>(line[j]) < 0x80 && !IsSpaceChar(static_cast<unsigned char>(line[j]))) ++j;
      emit_verbatim(i, j);
      i = j;
      continue;
    }
    // A run of non-ASCII characters up to the next ASCII byte, space or
    // dropped character: checked (and rewritten if needed) as a unit.
    while (j < n && static_cast<unsigned char>(line[j]) >= 0x80) {
      char32_t c2;
      size_t l2 = DecodeUtf8(line, j, &c2);
      if (IsSpaceChar(c2) || IsDroppedFormat(c2)) break;
      j += l2;
    }
    std::string_view run = line.substr(i, j - i);
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(run.data(), static_cast<int32_t>(run.size())));
    UErrorCode status = U_ZERO_ERROR;
    bool normalized = nfkc == nullptr || nfkc->isNormalized(u, status) || U_FAILURE(status);
    if (normalized) {
      emit_verbatim(i, j);
    } else {
      status = U_ZERO_ERROR;
      icu::UnicodeString norm = nfkc->normalize(u, status);
      std::string utf8;
      if (U_SUCCESS(status)) {
        norm.toUTF8String(utf8);
      } else {
        utf8.assign(run);
      }
      uint32_t start = static_cast<uint32_t>(out->size());
      out->append(utf8);
      map->AddRewritten(start, static_cast<uint32_t>(out->size()), raw(i));
    }
    i = j;
  }
}

std::string NormalizeText(std::string_view s) {
  std::string out;
  OffsetMap unused;
  NormalizeLine(s, 0, &out, &unused);
  return out;
}

void AppendFolded(char32_t cp, std::string* out) {
  if (cp < kFoldTableSize) {
    out->append(Folds().folded[cp]);
    return;
  }
  if (IsApostrophe(cp)) {
    out->push_back('\'');
    return;
  }
  if (IsWordContinuation(cp)) return;
  AppendUtf8(static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))), out);
}

std::string FoldForMatch(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {  // an ASCII run, appended at once, lowercased in place
      size_t j = i + 1;
      while (j < s.size() && static_cast<unsigned char>(s[j]) < 0x80) ++j;
      const size_t at = out.size();
      out.append(s.substr(i, j - i));
      for (size_t k = at; k < out.size(); ++k) {
        if (out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] + ('a' - 'A'));
      }
      i = j;
      continue;
    }
    char32_t cp;
    i += DecodeUtf8(s, i, &cp);
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
      out.push_back('\'');
      continue;
    }
    AppendFolded(cp, &out);
  }
  return out;
}

}  // namespace rashomon
