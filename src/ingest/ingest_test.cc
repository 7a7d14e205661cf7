#include "ingest/ingest.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "base/test_util.h"
#include "base/utf8.h"

namespace rashomon {
namespace {

using testing::TempDir;

struct IngestRun {
  std::vector<Article> articles;
  std::vector<Diagnostic> diags;
  IngestStats stats;
  size_t errors = 0;
};

IngestRun Ingest(const std::vector<std::string>& paths, const IngestOptions& options = {}) {
  IngestRun run;
  Diagnostics diag(/*echo=*/false);
  ArticleCollector collector(&diag);
  run.stats = IngestPaths(paths, options, diag, collector.AsSink());
  run.articles = std::move(collector.articles());
  run.diags = diag.Snapshot();
  run.errors = diag.error_count();
  return run;
}


TEST(IngestTest, SanitizeTextDropsControlsRepairsAndKeepsCleanTextAsIs) {
  Diagnostics diag(/*echo=*/false);
  IngestOptions options;
  // Clean text, long enough for the eight-byte scan, comes back unchanged.
  std::string clean = "A ferry ran aground.\nNobody was hurt,\tofficials said. \xE2\x80\x9CWe were lucky.\xE2\x80\x9D";
  EXPECT_EQ(SanitizeText(clean, "a.txt", 0, options, diag), clean);
  EXPECT_EQ(diag.warning_count(), 0u);
  // Controls anywhere in a word (first, middle, last byte of an 8-byte
  // block): CR, FF, VT become newlines, NUL and the rest vanish.
  std::string dirty = std::string("\xEF\xBB\xBFline one\r\nline\0 two\x01\x1Fthree\fend", 33);
  EXPECT_EQ(SanitizeText(dirty, "a.txt", 0, options, diag), "line one\n\nline twothree\nend");
  EXPECT_EQ(diag.warning_count(), 0u);
  // Every position of a 40-byte text (16- and 8-byte blocks and the tail)
  // and of a 160-byte one (64-byte blocks too, one with a newline and one
  // without): each control byte is dropped, bytes 0x20 and up (UTF-8 too),
  // newline and tab are kept.
  const std::string short_base = "0123456789abcdef\xC3\xA9\xE2\x80\x9C 456789abcdefghij\n\t";
  ASSERT_EQ(short_base.size(), 40u);
  const std::string long_base = short_base + std::string(64, 'x') + short_base + "0123456789abcdef";
  ASSERT_EQ(long_base.size(), 160u);
  for (const std::string& base : {short_base, long_base}) {
    EXPECT_EQ(SanitizeText(base, "a.txt", 0, options, diag), base);
    std::string holder;
    EXPECT_EQ(SanitizeValidText(base, "a.txt", 0, options, diag, &holder).data(), base.data());
    for (size_t pos = 0; pos <= base.size(); ++pos) {
      // Not inside a UTF-8 sequence (that would make it invalid UTF-8).
      if (pos < base.size() && (static_cast<unsigned char>(base[pos]) & 0xC0) == 0x80) continue;
      for (char control : {'\x00', '\x01', '\x1F', '\x1B'}) {
        std::string t = base;
        t.insert(pos, 1, control);
        EXPECT_EQ(SanitizeText(t, "a.txt", 0, options, diag), base) << pos << " " << int(control);
        EXPECT_EQ(SanitizeValidText(t, "a.txt", 0, options, diag, &holder), base) << pos;
      }
    }
  }
  EXPECT_EQ(diag.warning_count(), 0u);
  // Invalid UTF-8 is repaired as Windows-1252, with one warning.
  EXPECT_EQ(SanitizeText("caf\xE9 \x93ok\x94", "b.txt", 3, options, diag),
            "caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D");
  EXPECT_EQ(diag.warning_count(), 1u);
}

TEST(IngestTest, IdsFromFileNames) {
  EXPECT_EQ(IdFromPath("a/b/000_ee04.txt"), "000_ee04");
  EXPECT_EQ(IdFromPath("x.jsonl.gz"), "x");
  EXPECT_EQ(IdFromPath("noext"), "noext");
  EXPECT_EQ(FormatFromName("feed.ndjson.zst"), InputFormat::kJsonLines);
  EXPECT_EQ(FormatFromName("page.HTM"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromName("notes.pdf"), InputFormat::kUnknown);
}

TEST(IngestTest, TextFileWithFrontMatter) {
  TempDir dir;
  dir.Write("story.md",
            "---\ntitle: Dam holds\nsource: Valley Post\npublished: 2026-03-02T08:00:00Z\n---\n"
            "The dam held overnight.\n");
  IngestRun run = Ingest({dir.File("story.md")});
  ASSERT_EQ(run.articles.size(), 1u);
  const Article& a = run.articles[0];
  EXPECT_EQ(a.id, "story");
  EXPECT_EQ(a.title, "Dam holds");
  EXPECT_EQ(a.source, "Valley Post");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(*a.published, 1772438400);
  EXPECT_EQ(a.text, "The dam held overnight.\n");
  EXPECT_EQ(run.errors, 0u);
}

TEST(IngestTest, MarkdownHeadingBecomesTitle) {
  TempDir dir;
  dir.Write("n.md", "# Ferry back in service\n\nThe ferry sailed again on Monday.\n");
  IngestRun run = Ingest({dir.File("n.md")});
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].title, "Ferry back in service");
}

TEST(IngestTest, FolderWalkIsRecursiveSortedAndSkipsHiddenAndUnknown) {
  TempDir dir;
  dir.Write("b.txt", "Second article text.");
  dir.Write("sub/a.txt", "First article text.");
  dir.Write(".hidden/c.txt", "Hidden.");
  dir.Write("image.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  dir.Write("gz/d.txt.gz", testing::Gzip("Compressed article text."));
  IngestRun run = Ingest({dir.path()});
  ASSERT_EQ(run.articles.size(), 3u);
  EXPECT_EQ(run.articles[0].id, "b");
  EXPECT_EQ(run.articles[1].id, "d");
  EXPECT_EQ(run.articles[1].text, "Compressed article text.");
  EXPECT_EQ(run.articles[2].id, "a");
  EXPECT_EQ(run.errors, 0u);
}

// Regression (hostile suite): broken links were skipped in silence and an
// unreadable sub-folder was dropped without a word.
TEST(IngestTest, FolderWalkNamesBrokenLinksAndNeverFollowsFolderLinks) {
  TempDir dir;
  dir.Write("a/b/good.txt", "The one article.");
  std::filesystem::create_directory_symlink("..", dir.File("a/b/up"));  // a cycle
  std::filesystem::create_symlink("self.txt", dir.File("self.txt"));   // loops on itself
  std::filesystem::create_symlink("none.txt", dir.File("dangling.txt"));
  std::filesystem::create_symlink("a/b/good.txt", dir.File("alias.txt"));  // fine
  IngestRun run = Ingest({dir.path()});
  ASSERT_EQ(run.articles.size(), 2u);  // good and alias, each once
  EXPECT_EQ(run.errors, 2u);
  bool self = false, dangling = false;
  for (const auto& d : run.diags) {
    self |= d.file.find("self.txt") != std::string::npos;
    dangling |= d.file.find("dangling.txt") != std::string::npos;
    EXPECT_NE(d.message.find("broken symbolic link"), std::string::npos) << d.message;
  }
  EXPECT_TRUE(self);
  EXPECT_TRUE(dangling);
}

TEST(IngestTest, UnreadableFolderIsAnError) {
  TempDir dir;
  dir.Write("closed/inside.txt", "Hidden by permissions.");
  dir.Write("open.txt", "Readable.");
  ::chmod(dir.File("closed").c_str(), 0);
  bool blocked = ::access(dir.File("closed").c_str(), R_OK) != 0;
  IngestRun run = Ingest({dir.path()});
  ::chmod(dir.File("closed").c_str(), 0700);
  if (!blocked) GTEST_SKIP() << "running as root: mode 000 does not block reading";
  ASSERT_EQ(run.articles.size(), 1u);
  ASSERT_EQ(run.errors, 1u);
  EXPECT_NE(run.diags[0].file.find("closed"), std::string::npos);
  EXPECT_NE(run.diags[0].message.find("cannot read folder"), std::string::npos);
}

TEST(IngestTest, JsonLinesFieldsAndUnknownFieldsIgnored) {
  TempDir dir;
  dir.Write("feed.jsonl",
            R"({"id":"a1","source":"Wire","url":"http://x/1","published":"2026-03-02","title":"T","text":"Body one.","extra":{"deep":[1,2]}})"
            "\n\n"
            R"({"id":42,"text":"Body two.","published":1772438400})"
            "\n");
  IngestRun run = Ingest({dir.File("feed.jsonl")});
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[0].id, "a1");
  EXPECT_EQ(run.articles[0].source, "Wire");
  EXPECT_EQ(run.articles[0].url, "http://x/1");
  EXPECT_EQ(run.articles[0].title, "T");
  EXPECT_EQ(run.articles[1].id, "42");
  EXPECT_EQ(run.articles[1].published, 1772438400);
  EXPECT_EQ(run.errors, 0u);
}

TEST(IngestTest, JsonLinesWithInvalidUtf8AreRepairedWithAWarning) {
  TempDir dir;
  dir.Write("feed.jsonl",
            "{\"id\":\"a\",\"title\":\"Caf\xE9\",\"text\":\"The caf\xE9 reopened.\"}\n"
            "{\"id\":\"b\",\"text\":\"Clean line.\"}\n");
  IngestRun run = Ingest({dir.File("feed.jsonl")});
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[0].title, "Caf\xC3\xA9");
  EXPECT_EQ(run.articles[0].text, "The caf\xC3\xA9 reopened.");
  EXPECT_EQ(run.errors, 0u);
  ASSERT_EQ(run.diags.size(), 1u);
  EXPECT_EQ(run.diags[0].line, 1u);
  EXPECT_NE(run.diags[0].message.find("invalid UTF-8"), std::string::npos);
}

// The JSON Lines reader trusts simdjson's UTF-8 validation of strings, so an
// escape that would decode to invalid UTF-8 (a lone surrogate) must be a
// parse error, and escaped pairs must decode to valid UTF-8.
TEST(IngestTest, JsonLinesSurrogateEscapesNeverGiveInvalidUtf8) {
  TempDir dir;
  dir.Write("feed.jsonl",
            "{\"id\":\"lone\",\"text\":\"a \\ud800 b\"}\n"
            "{\"id\":\"pair\",\"text\":\"smile \\ud83d\\ude00 and caf\\u00e9\"}\n");
  IngestRun run = Ingest({dir.File("feed.jsonl")});
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].id, "pair");
  EXPECT_EQ(run.articles[0].text, "smile \xF0\x9F\x98\x80 and caf\xC3\xA9");
  EXPECT_TRUE(IsValidUtf8(run.articles[0].text));
  EXPECT_EQ(run.errors, 1u);
}

TEST(IngestTest, MalformedJsonLineNamesItsLineAndOthersSurvive) {
  TempDir dir;
  dir.Write("feed.jsonl",
            "{\"id\":\"ok1\",\"text\":\"Fine.\"}\n"
            "{\"id\":\"bad\",\"text\":\"unterminated}\n"
            "{\"id\":\"typed\",\"text\":[1,2]}\n"
            "[1,2,3]\n"
            "{\"id\":\"ok2\",\"text\":\"Also fine.\"}\n");
  IngestRun run = Ingest({dir.File("feed.jsonl")});
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[1].id, "ok2");
  ASSERT_EQ(run.errors, 3u);
  EXPECT_EQ(run.diags[0].line, 2u);
  EXPECT_NE(run.diags[0].message.find("malformed JSON"), std::string::npos);
  EXPECT_EQ(run.diags[1].line, 3u);
  EXPECT_NE(run.diags[1].message.find("\"text\" should be a string"), std::string::npos);
  EXPECT_EQ(run.diags[2].line, 4u);
  EXPECT_NE(FormatDiagnostic(run.diags[0]).find("feed.jsonl:2"), std::string::npos);
}

// IngestPathsRefs (the dedup reader) must see exactly what IngestPaths
// does: the same ids (numeric, from the url, from the line), titles and
// sanitized texts, and the same errors and warnings, from JSON Lines read
// without Articles and from other formats read through them.
TEST(IngestTest, RefsReaderAgreesWithTheArticleReader) {
  TempDir dir;
  // Texts long enough for the reader's buffer to be refilled mid-line, and
  // one line per case the record parser handles specially.
  const std::string long_text(100000, 'w');
  std::string jsonl =
      "{\"id\":\"a1\",\"title\":\"T\",\"text\":\"Body one.\",\"extra\":{\"deep\":[1,2]}}\n"
      "{\"id\":42,\"text\":\"Numeric id.\"}\n"
      "{\"url\":\"http://x/3\",\"text\":\"Id from the url.\"}\n"
      "{\"text\":\"Id from the line.\"}\n"
      "{\"id\":\"ctl\",\"text\":\"line\\r\\none\\u0000two\\u0001three\"}\n"
      "{\"id\":\"bom\",\"text\":\"\xEF\xBB\xBF" "after a BOM\"}\n"
      "{\"id\":\"bad\",\"text\":\"unterminated}\n"
      "{\"id\":\"latin1\",\"text\":\"The caf\xE9 reopened.\"}\n"
      "{\"id\":\"dup\",\"text\":\"first\",\"text\":\"second wins\"}\n"
      "{\"id\":\"long\",\"text\":\"" + long_text + "\"}\n"
      "{\"id\":\"empty\",\"text\":\"  \"}\n"
      "{\"id\":\"last\",\"text\":\"No newline at the end.\"}";
  dir.Write("feed.jsonl", jsonl);
  dir.Write("note.txt", "---\ntitle: A note\n---\nPlain text body.\n");
  const std::vector<std::string> paths = {dir.File("feed.jsonl"), dir.File("note.txt")};
  // The article reader, without the collector's id rules.
  std::vector<Article> articles;
  Diagnostics diag_a(/*echo=*/false);
  IngestStats stats_a =
      IngestPaths(paths, IngestOptions{}, diag_a, [&](Article&& a) { articles.push_back(std::move(a)); });
  struct Seen {
    std::string id, title, text, origin;
    uint64_t line;
  };
  std::vector<Seen> refs;
  Diagnostics diag_r(/*echo=*/false);
  IngestStats stats_r = IngestPathsRefs(paths, IngestOptions{}, diag_r, [&](const ArticleRef& a) {
    refs.push_back({std::string(a.id), std::string(a.title), std::string(a.text),
                    std::string(a.origin), a.origin_line});
  });
  ASSERT_EQ(articles.size(), 11u);
  ASSERT_EQ(refs.size(), articles.size());
  for (size_t i = 0; i < refs.size(); ++i) {
    EXPECT_EQ(refs[i].id, articles[i].id) << i;
    EXPECT_EQ(refs[i].title, articles[i].title) << i;
    EXPECT_EQ(refs[i].text, articles[i].text) << i;
    EXPECT_EQ(refs[i].origin, articles[i].origin) << i;
    EXPECT_EQ(refs[i].line, articles[i].origin_line) << i;
  }
  EXPECT_EQ(refs[1].id, "42");
  EXPECT_EQ(refs[2].id, "http://x/3");
  EXPECT_EQ(refs[3].id, "feed:4");
  EXPECT_EQ(refs[4].text, "line\n\nonetwothree");
  EXPECT_EQ(refs[5].text, "after a BOM");
  EXPECT_EQ(refs[6].text, "The caf\xC3\xA9 reopened.");
  EXPECT_EQ(refs[7].text, "second wins");
  EXPECT_EQ(refs[8].text, long_text);
  EXPECT_EQ(refs[10].title, "A note");
  EXPECT_EQ(stats_r.articles, stats_a.articles);
  EXPECT_EQ(stats_r.failed_inputs, stats_a.failed_inputs);
  EXPECT_EQ(diag_r.error_count(), 2u);  // the unterminated line, the empty text
  const std::vector<Diagnostic> da = diag_a.Snapshot(), dr = diag_r.Snapshot();
  ASSERT_EQ(dr.size(), da.size());
  for (size_t i = 0; i < dr.size(); ++i) EXPECT_EQ(FormatDiagnostic(dr[i]), FormatDiagnostic(da[i]));
}

TEST(IngestTest, BadInputsAreOneErrorEachAndGoodOnesStillRead) {
  TempDir dir;
  dir.Write("empty.txt", "");
  dir.Write("blank.txt", "  \n\t\n");
  dir.Write("binary.txt", std::string("ab\0cd\0\x01\x02", 8));
  dir.Write("good.txt", "A good article.");
  IngestRun run = Ingest({dir.path(), dir.File("missing.txt")});
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].id, "good");
  EXPECT_EQ(run.errors, 4u);
  std::string all;
  for (const auto& d : run.diags) all += FormatDiagnostic(d) + "\n";
  EXPECT_NE(all.find("empty.txt: empty file"), std::string::npos) << all;
  EXPECT_NE(all.find("blank.txt: empty file"), std::string::npos) << all;
  EXPECT_NE(all.find("binary.txt: binary file"), std::string::npos) << all;
  EXPECT_NE(all.find("missing.txt: no such file"), std::string::npos) << all;
}

TEST(IngestTest, Utf16FilesAreTextNotBinary) {
  TempDir dir;
  std::string html =
      "<html><head><title>Caf\xC3\xA9 reopens</title></head><body><article><p>The caf\xC3\xA9 on the square "
      "reopened on Monday after a long closure, its owner said, and customers queued outside.</p></article>"
      "</body></html>";
  dir.Write("le.html", testing::Utf16(html, true));
  dir.Write("be.html", "\xFE\xFF" + testing::Utf16(html, false));
  dir.Write("note.txt", testing::Utf16("The caf\xC3\xA9 reopened on Monday.", true));
  IngestRun run = Ingest({dir.path()});
  EXPECT_EQ(run.errors, 0u);
  ASSERT_EQ(run.articles.size(), 3u);
  for (const Article& a : run.articles) {
    EXPECT_NE(a.text.find("caf\xC3\xA9"), std::string::npos) << a.id << ": " << a.text;
    if (a.id != "note") {
      EXPECT_EQ(a.title, "Caf\xC3\xA9 reopens") << a.id;
    }
  }
}

// Regression (hostile suite): one stray NUL anywhere in the first 8 KiB
// rejected the whole file as binary, and on a JSON Lines file's first line
// it cost every record after it.
TEST(IngestTest, StrayNulBytesAreDroppedNotTheFile) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 40; ++i) text += "The harbour wall held through the storm, engineers said.\n";
  size_t line_length = text.size() / 40;
  text[2 * line_length] = '\0';  // the first letters of two lines
  text[12 * line_length] = '\0';
  dir.Write("stray.txt", text);
  dir.Write("feed.jsonl", std::string("{\"id\":\"a\0\",\"text\":\"x\"}\n", 23) +
                              "{\"id\":\"b\",\"text\":\"The wall held.\"}\n");
  IngestRun run = Ingest({dir.path()});
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[0].id, "b");
  EXPECT_EQ(run.articles[1].id, "stray");
  EXPECT_EQ(run.articles[1].text.find('\0'), std::string::npos);
  size_t kept = 0;
  for (size_t at = 0; (at = run.articles[1].text.find("engineers said", at)) != std::string::npos; ++at) {
    ++kept;
  }
  EXPECT_EQ(kept, 40u);
  ASSERT_EQ(run.errors, 1u);  // the NUL inside a JSON string is malformed JSON
  EXPECT_EQ(run.diags[0].line, 1u);
  // A file that is mostly NULs is still binary.
  dir.Write("zeros.txt", std::string(4096, '\0'));
  IngestRun zeros = Ingest({dir.File("zeros.txt")});
  EXPECT_TRUE(zeros.articles.empty());
  EXPECT_EQ(zeros.errors, 1u);
}

TEST(IngestTest, InvalidUtf8IsRepairedWithAWarning) {
  TempDir dir;
  dir.Write("latin.txt", "The caf\xE9 reopened on Monday, its owner said \x93we are back\x94.");
  IngestRun run = Ingest({dir.File("latin.txt")});
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].text, "The café reopened on Monday, its owner said “we are back”.");
  EXPECT_EQ(run.errors, 0u);
  ASSERT_EQ(run.diags.size(), 1u);
  EXPECT_EQ(run.diags[0].severity, Severity::kWarning);
}

TEST(IngestTest, DuplicateIdsAreRenamedOrDropped) {
  TempDir dir;
  dir.Write("a/x.txt", "Text one.");
  dir.Write("b/x.txt", "Text two.");
  dir.Write("c/x.txt", "Text one.");
  IngestRun run = Ingest({dir.path()});
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[0].id, "x");
  EXPECT_EQ(run.articles[1].id, "x#2");
}

TEST(IngestTest, OverlongJsonLineIsSkipped) {
  TempDir dir;
  std::string big = "{\"id\":\"big\",\"text\":\"" + std::string(2 << 20, 'a') + "\"}\n";
  dir.Write("f.jsonl", big + "{\"id\":\"small\",\"text\":\"ok\"}\n");
  IngestOptions options;
  options.max_line_bytes = 1 << 20;
  IngestRun run = Ingest({dir.File("f.jsonl")}, options);
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].id, "small");
  EXPECT_EQ(run.errors, 1u);
}

}  // namespace
}  // namespace rashomon
