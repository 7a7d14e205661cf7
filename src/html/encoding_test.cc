#include "html/encoding.h"

#include <gtest/gtest.h>

#include "base/test_util.h"

namespace rashomon {
namespace {

TEST(EncodingTest, MetaCharsetBothForms) {
  EXPECT_EQ(SniffMetaCharset("<html><head><meta charset=\"ISO-8859-2\">"), "iso-8859-2");
  EXPECT_EQ(SniffMetaCharset("<META http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"),
            "shift_jis");
  EXPECT_EQ(SniffMetaCharset("<meta name=\"x\" content=\"y\">"), "");
  EXPECT_EQ(CharsetFromContentType("text/html; charset=\"UTF-8\""), "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
}

TEST(EncodingTest, DeclaredLatin1IsConverted) {
  std::string page = "<meta charset=\"iso-8859-1\"><p>Caf\xE9 cr\xE8me</p>";
  DecodedHtml d = DecodeHtmlToUtf8(page);
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.source, "meta");
  EXPECT_NE(d.text.find("Caf\xC3\xA9 cr\xC3\xA8me"), std::string::npos);
}

TEST(EncodingTest, HttpCharsetWinsOverMeta) {
  std::string page = "<meta charset=\"utf-8\"><p>\xC8\xE5\xEB</p>";  // KOI8-R bytes
  DecodedHtml d = DecodeHtmlToUtf8(page, "koi8-r");
  EXPECT_EQ(d.source, "http");
  EXPECT_EQ(d.charset, "koi8-r");
  EXPECT_TRUE(d.text.find("<p>") != std::string::npos);
  EXPECT_EQ(d.repaired_bytes, 0u);
}

TEST(EncodingTest, BomDecidesAndIsDropped) {
  DecodedHtml d = DecodeHtmlToUtf8("\xEF\xBB\xBF<p>ok</p>");
  EXPECT_EQ(d.source, "bom");
  EXPECT_EQ(d.text, "<p>ok</p>");
  std::string utf16("\xFF\xFE<\0p\0>\0", 8);
  DecodedHtml w = DecodeHtmlToUtf8(utf16);
  EXPECT_EQ(w.charset, "utf-16le");
  EXPECT_EQ(w.text, "<p>");
}

TEST(EncodingTest, UndeclaredCyrillicIsDetected) {
  // "Привет, это проверка кодировки текста" and more in Windows-1251.
  std::string cp1251 =
      "<p>\xCF\xF0\xE8\xE2\xE5\xF2, \xFD\xF2\xEE \xEF\xF0\xEE\xE2\xE5\xF0\xEA\xE0 "
      "\xEA\xEE\xE4\xE8\xF0\xEE\xE2\xEA\xE8 \xF2\xE5\xEA\xF1\xF2\xE0. \xCC\xFB \xE6\xE8\xE2\xE5\xEC "
      "\xE2 \xE3\xEE\xF0\xEE\xE4\xE5 \xE8 \xF7\xE8\xF2\xE0\xE5\xEC \xED\xEE\xE2\xEE\xF1\xF2\xE8 "
      "\xEA\xE0\xE6\xE4\xFB\xE9 \xE4\xE5\xED\xFC.</p>";
  DecodedHtml d = DecodeHtmlToUtf8(cp1251);
  EXPECT_EQ(d.source, "detected");
  EXPECT_NE(d.text.find("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"), std::string::npos) << d.charset;
}

TEST(EncodingTest, MislabelledUtf8StaysUtf8) {
  DecodedHtml d = DecodeHtmlToUtf8("<meta charset=\"iso-8859-1\"><p>Caf\xC3\xA9</p>");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_NE(d.text.find("Caf\xC3\xA9"), std::string::npos);
}

TEST(EncodingTest, Utf16WithoutBomIsRecognisedAndDecoded) {
  const std::string page = "<html><head><meta charset=\"utf-16\"><title>Caf\xC3\xA9 \xE2\x80\x94 news</title></head></html>";
  for (bool le : {true, false}) {
    std::string bytes = testing::Utf16(page, le);
    EXPECT_EQ(SniffUtf16(bytes), le ? "utf-16le" : "utf-16be");
    DecodedHtml d = DecodeHtmlToUtf8(bytes);
    EXPECT_EQ(d.charset, le ? "utf-16le" : "utf-16be");
    EXPECT_EQ(d.source, "detected");
    EXPECT_EQ(d.text, page);
    // A transport label without byte order: the zero bytes tell it.
    DecodedHtml h = DecodeHtmlToUtf8(bytes, "utf-16");
    EXPECT_EQ(h.source, "http");
    EXPECT_EQ(h.text, page);
  }
  // Big-endian with its BOM.
  DecodedHtml b = DecodeHtmlToUtf8("\xFE\xFF" + testing::Utf16(page, false));
  EXPECT_EQ(b.source, "bom");
  EXPECT_EQ(b.text, page);
}

TEST(EncodingTest, Utf16LabelOnAsciiBytesMeansUtf8) {
  std::string page = "<meta charset=\"utf-16le\"><p>Caf\xC3\xA9 and more words of an ordinary page</p>";
  EXPECT_EQ(SniffUtf16(page), "");
  EXPECT_EQ(DecodeHtmlToUtf8(page).text, page);
  EXPECT_EQ(DecodeHtmlToUtf8(page, "utf-16le").text, page);
}

}  // namespace
}  // namespace rashomon
