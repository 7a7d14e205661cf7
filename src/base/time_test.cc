#include "base/time.h"

#include <gtest/gtest.h>

namespace rashomon {
namespace {

TEST(TimeTest, ParsesIsoForms) {
  EXPECT_EQ(ParseTimestamp("1970-01-01"), 0);
  EXPECT_EQ(ParseTimestamp("2014-03-10T18:12:50Z"), 1394475170);
  EXPECT_EQ(ParseTimestamp("2014-03-10 21:12:50+03:00"), 1394475170);
  EXPECT_EQ(ParseTimestamp("2014-03-10T13:12:50.250-0500"), 1394475170);
  EXPECT_EQ(ParseTimestamp("1394470370698"), 1394470370);  // milliseconds
  EXPECT_EQ(ParseTimestamp("1394470370"), 1394470370);
  EXPECT_FALSE(ParseTimestamp("yesterday").has_value());
  EXPECT_FALSE(ParseTimestamp("2014-13-01").has_value());
  EXPECT_FALSE(ParseTimestamp("2014-03-10T18:12:50Zjunk").has_value());
}

TEST(TimeTest, FormatsRoundTrip) {
  EXPECT_EQ(FormatIso8601(1394475170), "2014-03-10T18:12:50Z");
  EXPECT_EQ(FormatDate(0), "1970-01-01");
  EXPECT_EQ(FormatIso8601(-1), "1969-12-31T23:59:59Z");
  for (int64_t t : {0LL, 951782400LL, 4102444799LL}) {
    EXPECT_EQ(ParseTimestamp(FormatIso8601(t)), t);
  }
}

}  // namespace
}  // namespace rashomon
