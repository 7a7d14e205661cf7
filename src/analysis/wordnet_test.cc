#include "analysis/wordnet.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "analysis/align.h"
#include "base/hash.h"
#include "text/language.h"

namespace rashomon {
namespace {

uint64_t StemHash(const std::string& word) { return Hash64(Stem(word, "en")); }

bool Share(const Synonyms& s, const std::string& a, const std::string& b) {
  const std::vector<uint32_t>* x = s.SynsetsOf(StemHash(a));
  const std::vector<uint32_t>* y = s.SynsetsOf(StemHash(b));
  if (x == nullptr || y == nullptr) return false;
  return std::any_of(x->begin(), x->end(),
                     [&](uint32_t id) { return std::binary_search(y->begin(), y->end(), id); });
}

// A two-word database in WordNet's index format, so the parser is tested
// whether or not wordnet-base is installed.
TEST(SynonymsTest, ReadsIndexFilesAndKeepsTheFirstSenses) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "rashomon_wordnet_test";
  std::filesystem::create_directories(dir);
  for (const char* f : {"index.noun", "index.adj", "index.adv"})
    std::ofstream(dir / f) << "  1 licence header\n";
  std::ofstream(dir / "index.verb") << "  1 licence header\n"
                                    << "acquire v 3 2 @ ~ 3 1 00000010 00000020 00000030  \n"
                                    << "obtain v 1 1 @ 1 1 00000010  \n"
                                    << "gather v 1 1 @ 1 1 00000030  \n"
                                    << "set_up v 1 1 @ 1 1 00000010  \n";
  Synonyms s = Synonyms::Load(dir.string());
  ASSERT_TRUE(s.available()) << s.Note();
  EXPECT_TRUE(Share(s, "acquire", "obtain"));
  EXPECT_TRUE(Share(s, "acquired", "obtains")) << "looked up by stem";
  EXPECT_FALSE(Share(s, "acquire", "gather")) << "a third sense is too rare to count";
  EXPECT_EQ(s.SynsetsOf(StemHash("set_up")), nullptr) << "multi-word lemmas are left out";
  std::filesystem::remove_all(dir);
}

TEST(SynonymsTest, MissingDatabaseSaysSo) {
  Synonyms s = Synonyms::Load("/nonexistent/wordnet");
  EXPECT_FALSE(s.available());
  EXPECT_NE(s.Note().find("wordnet-base"), std::string::npos);
}

TEST(SynonymsTest, InstalledWordNetMatchesSynonymParaphrases) {
  const Synonyms& s = Synonyms::Get();
  if (!s.available()) GTEST_SKIP() << s.Note();
  EXPECT_TRUE(Share(s, "buy", "purchase"));
  EXPECT_TRUE(Share(s, "car", "automobile"));
  EXPECT_FALSE(Share(s, "car", "river"));
  // The synonym feature sees what exact stems do not.
  SentenceSketch a = SketchText("The Varnholt family purchased a car in Korsa.");
  SentenceSketch b = SketchText("The Varnholt family bought an automobile in Korsa.");
  IdfTable idf;
  idf.Add(a);
  idf.Add(b);
  MatchFeatures f = PairFeatures(a, b, idf);
  EXPECT_GT(f[9], f[1] + 0.2f);
}

}  // namespace
}  // namespace rashomon
