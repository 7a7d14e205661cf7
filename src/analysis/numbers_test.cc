#include "analysis/numbers.h"

#include <gtest/gtest.h>

#include "text/test_document.h"

namespace rashomon {
namespace {

std::vector<ExtractedNumber> Numbers(std::string text) {
  return ExtractNumbers(testing::DocumentOf(std::move(text)).doc);
}

TEST(NumbersTest, ValuesUnitsAndScales) {
  auto n = Numbers(
      "China sold $18 billion in imports to them and bought $14.5bn in 2024.\n"
      "The authorities said 3,117 people were killed, and enrichment stayed at 3.67%.\n"
      "The talks came after a 12-day war and lasted 20 minutes at 22:40 on Friday.\n");
  ASSERT_GE(n.size(), 6u);
  EXPECT_DOUBLE_EQ(n[0].value, 18e9);
  EXPECT_EQ(n[0].unit, "USD");
  EXPECT_EQ(n[0].what, "imports");
  EXPECT_DOUBLE_EQ(n[1].value, 14.5e9);
  EXPECT_EQ(n[1].unit, "USD");
  EXPECT_DOUBLE_EQ(n[2].value, 3117);
  EXPECT_EQ(n[2].unit, "people");
  EXPECT_DOUBLE_EQ(n[3].value, 3.67);
  EXPECT_EQ(n[3].unit, "%");
  bool war = false, minutes = false;
  for (const auto& x : n) {
    if (x.unit == "day" && x.value == 12 && x.what == "war") war = true;
    if (x.unit == "minute" && x.value == 20) minutes = true;
    EXPECT_NE(x.value, 2024);  // a year alone is not a quantity
    EXPECT_NE(x.value, 22);    // nor a clock time
  }
  EXPECT_TRUE(war);
  EXPECT_TRUE(minutes);
}

TEST(NumbersTest, WhatComesFromBeforeWhenNothingFollows) {
  auto n = Numbers("The coast guard put the death toll at 12 on Wednesday morning.\n");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_DOUBLE_EQ(n[0].value, 12);
  EXPECT_EQ(n[0].what, "death toll");
}

TEST(NumbersTest, FormatsQuantities) {
  EXPECT_EQ(FormatQuantity(18e9, "USD"), "18 billion USD");
  EXPECT_EQ(FormatQuantity(3.67, "%"), "3.67%");
  EXPECT_EQ(FormatQuantity(14, "people"), "14 people");
}

}  // namespace
}  // namespace rashomon
