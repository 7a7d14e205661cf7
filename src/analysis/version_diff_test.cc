#include "analysis/version_diff.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

Article Version(std::string title, std::string text) {
  Article a;
  a.id = "https://tidewater.example/ferry";
  a.title = std::move(title);
  a.text = std::move(text);
  a.lang = "en";
  return a;
}

std::string Kinds(const std::vector<VersionChange>& changes) {
  std::string out;
  for (const VersionChange& c : changes) {
    if (!out.empty()) out += ",";
    out += VersionChangeKindName(c.kind);
  }
  return out;
}

const char kLede[] = "A ferry ran aground off the island of Morvath on Thursday night, the coast guard said.";
const char kRescue[] = "Crews took 212 passengers to the harbour of Lenwick before dawn, officials said.";
const char kQuote[] =
    "\u201cEveryone on board is safe and accounted for,\u201d harbour master Ilse Varno told reporters.";
const char kQuoteNew[] =
    "\u201cWe are still checking the lower decks for anyone missing,\u201d harbour master Ilse Varno told reporters.";
const char kTail[] = "The ferry company said an inquiry into the grounding would begin next week.";

TEST(VersionDiffTest, SameTextNoChanges) {
  Article a = Version("Ferry aground off Morvath", std::string(kLede) + "\n" + kRescue);
  Article b = Version(" Ferry aground  off Morvath", std::string(kLede) + "\n\n  " + kRescue + " ");
  EXPECT_TRUE(DiffVersions(a, b).empty());
}

TEST(VersionDiffTest, NamesExactlyTheHeadlineNumberQuoteAndAddedParagraph) {
  Article a = Version("Ferry aground off Morvath",
                      std::string(kLede) + "\n" + kRescue + "\n" + kQuote + "\n" + kTail);
  std::string rescue_new = kRescue;
  rescue_new.replace(rescue_new.find("212"), 3, "240");
  const std::string added = "Divers from Lenwick will inspect the hull on Saturday, the company said.";
  Article b = Version("Ferry grounding: passengers rescued off Morvath",
                      std::string(kLede) + "\n" + rescue_new + "\n" + kQuoteNew + "\n" + kTail + "\n" + added);
  auto changes = DiffVersions(a, b);
  ASSERT_EQ(Kinds(changes), "headline,number,quote,paragraph_added");
  EXPECT_EQ(changes[0].before, "Ferry aground off Morvath");
  EXPECT_EQ(changes[0].after, "Ferry grounding: passengers rescued off Morvath");
  EXPECT_EQ(changes[1].before, "212 passengers");
  EXPECT_EQ(changes[1].after, "240 passengers");
  EXPECT_EQ(changes[1].context, rescue_new);
  EXPECT_EQ(changes[2].before, "Everyone on board is safe and accounted for");
  EXPECT_EQ(changes[2].after, "We are still checking the lower decks for anyone missing");
  EXPECT_EQ(changes[3].after, added);
  EXPECT_TRUE(ChangesAFigure(changes));
}

TEST(VersionDiffTest, RemovedParagraphAndChangedName) {
  Article a = Version("Ferry aground", std::string(kLede) + "\n" + kRescue + "\n" +
                                           "Captain Tomas Brell was questioned by the police on Friday." + "\n" + kTail);
  Article b = Version("Ferry aground", std::string(kLede) + "\n" +
                                           "Captain Anselm Brody was questioned by the police on Friday." + "\n" + kTail);
  auto changes = DiffVersions(a, b);
  ASSERT_EQ(Kinds(changes), "paragraph_removed,name");
  EXPECT_EQ(changes[0].before, kRescue);
  EXPECT_EQ(changes[1].before, "Tomas Brell");
  EXPECT_EQ(changes[1].after, "Anselm Brody");
  EXPECT_FALSE(ChangesAFigure(changes));
}

TEST(VersionDiffTest, OtherEditsAreAWordDiff) {
  Article a = Version("Ferry aground", std::string(kLede) + "\n" + kTail);
  Article b = Version("Ferry aground",
                      std::string(kLede) + "\n" + "The ferry company said an inquiry into the grounding would start soon.");
  auto changes = DiffVersions(a, b);
  ASSERT_EQ(Kinds(changes), "wording");
  EXPECT_NE(changes[0].after.find("[-begin next week.-]"), std::string::npos) << changes[0].after;
  EXPECT_NE(changes[0].after.find("{+start soon.+}"), std::string::npos) << changes[0].after;
}

}  // namespace
}  // namespace rashomon
