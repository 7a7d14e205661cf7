// Facts, provenance and unique material on the bundled fictional sample
// corpus (corpus/sample/ferry), through the command line. The ferry story is
// built to hold known relations: an original wire story, a second original
// (survivor accounts), a translation-like copy of the latter, a rewrite
// merging both originals, a spun paraphrase of the wire story, a short
// summary, and an independent follow-up investigation.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "cli_runner.h"

namespace rashomon {
namespace {

using nlohmann::json;

const json& FerryStory(const json& report) {
  for (const json& s : report["stories"]) {
    for (const json& a : s["articles"]) {
      if (a["id"] == "meridian-wire") return s;
    }
  }
  static const json empty = json::object();
  return empty;
}

std::set<std::pair<std::string, std::string>> Edges(const json& story) {
  std::set<std::pair<std::string, std::string>> out;
  for (const json& p : story["provenance"]) out.insert({p["from"].get<std::string>(), p["to"].get<std::string>()});
  return out;
}

class SampleAnalysisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    testing::CliResult r = testing::RunCli("analyze --format json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    report_ = new json(json::parse(r.out));
  }
  static json* report_;
};
json* SampleAnalysisTest::report_ = nullptr;

TEST_F(SampleAnalysisTest, ProvenanceRecoversTheBuiltInRelations) {
  const json& story = FerryStory(*report_);
  ASSERT_TRUE(story.contains("provenance"));
  auto edges = Edges(story);
  EXPECT_TRUE(edges.count({"arvel-courier", "global-news-digest"})) << "translation-like copy";
  EXPECT_TRUE(edges.count({"meridian-wire", "newspulse"})) << "spun paraphrase";
  EXPECT_TRUE(edges.count({"meridian-wire", "coastal-times"})) << "rewrite, first original";
  EXPECT_TRUE(edges.count({"arvel-courier", "coastal-times"})) << "rewrite, second original";
  bool brief_derived = false;
  for (const auto& e : edges) brief_derived |= e.second == "brief24";
  EXPECT_TRUE(brief_derived) << "the short summary derives from a fuller article";
  for (const auto& e : edges) {
    EXPECT_NE(e.first, "harbour-watch") << "independent follow-up is nobody's source";
    EXPECT_NE(e.second, "harbour-watch") << "independent follow-up is nobody's copy";
    EXPECT_NE(e.second, "meridian-wire") << "the first original derives from nothing";
  }
  for (const json& p : story["provenance"]) EXPECT_FALSE(p["evidence"].empty());
}

TEST_F(SampleAnalysisTest, FactsCountIndependentSources) {
  const json& story = FerryStory(*report_);
  ASSERT_TRUE(story.contains("facts"));
  ASSERT_FALSE(story["facts"].empty());
  for (const json& f : story["facts"]) {
    EXPECT_GE(f["independent_sources"].get<int>(), 1);
    EXPECT_LE(f["independent_sources"].get<size_t>(), f["articles"].size());
  }
  // A statement told by the wire story, its paraphrase and the summary has
  // one witness among them: the copies do not count.
  bool found = false;
  for (const json& f : story["facts"]) {
    std::set<std::string> ids(f["articles"].begin(), f["articles"].end());
    if (ids == std::set<std::string>{"meridian-wire", "newspulse"}) {
      found = true;
      EXPECT_EQ(f["independent_sources"], 1) << f["text"];
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(SampleAnalysisTest, UniqueMaterialOfTheIndependentArticle) {
  const json& story = FerryStory(*report_);
  size_t harbour = 0;
  for (const json& u : story["unique"]) {
    if (u["article"] == "harbour-watch") harbour = u["facts"].size();
  }
  // The follow-up investigation brings most of its own statements.
  EXPECT_GE(harbour, 5u);
}

TEST_F(SampleAnalysisTest, DayOfTheSinkingIsADateConflict) {
  // The translation-like copy moves the sinking from Tuesday night to
  // Wednesday morning.
  const json& story = FerryStory(*report_);
  bool found = false;
  for (const json& c : story["conflicts"]) {
    if (c["kind"] != "date") continue;
    std::set<std::string> values, articles;
    for (const json& cl : c["claims"]) {
      values.insert(cl["value"].get<std::string>());
      for (const json& a : cl["articles"]) articles.insert(a.get<std::string>());
    }
    found |= values.count("Tuesday") && values.count("Wednesday") && articles.count("global-news-digest");
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace rashomon
