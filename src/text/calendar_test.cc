#include "text/calendar.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

TEST(CalendarTest, MonthsAndWeekdaysPerLanguage) {
  EXPECT_EQ(LocalMonth("marzo", "es"), 3);
  EXPECT_EQ(LocalMonth("März", "de"), 3);
  EXPECT_EQ(LocalMonth("août", "fr"), 8);
  EXPECT_EQ(LocalMonth("maart", "nl"), 3);
  EXPECT_EQ(LocalMonth("março", "pt"), 3);
  EXPECT_EQ(LocalMonth("settembre", "it"), 9);
  EXPECT_EQ(LocalMonth("марта", "ru"), 3);
  EXPECT_EQ(LocalMonth("мая", "ru"), 5);
  EXPECT_EQ(LocalWeekday("miércoles", "es"), 3);
  EXPECT_EQ(LocalWeekday("Donnerstag", "de"), 4);
  EXPECT_EQ(LocalWeekday("samedi", "fr"), 6);
  EXPECT_EQ(LocalWeekday("zondag", "nl"), 0);
  EXPECT_EQ(LocalWeekday("sexta-feira", "pt"), 5);
  EXPECT_EQ(LocalWeekday("пятницу", "ru"), 5);
  EXPECT_EQ(LocalDaysAgo("ayer", "es"), 1);
  EXPECT_EQ(LocalDaysAgo("heute", "de"), 0);
  // Only in its language: "mars" is no month in English, "domingo" a name.
  EXPECT_EQ(LocalMonth("mars", "en"), 0);
  EXPECT_EQ(LocalWeekday("domingo", "en"), -1);
  EXPECT_EQ(LocalDaysAgo("hier", "nl"), -1);
  EXPECT_EQ(LocalMonth("marzo", "xx"), 0);
  EXPECT_TRUE(DateFiller("de", "es"));
  EXPECT_FALSE(DateFiller("de", "fr"));
}

}  // namespace
}  // namespace rashomon
