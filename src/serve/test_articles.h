// Test only: small invented articles for the store-backed server tests
// (store_backend_test.cc, warmer_test.cc). kFlood and kCats are two unrelated
// events; kFlood plus a line is a second report of the first.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "ingest/article.h"

namespace rashomon::serve::invented {

inline Article MakeArticle(std::string id, std::string source, std::string title, std::string text,
                           int64_t published) {
  Article a;
  a.id = std::move(id);
  a.source = std::move(source);
  a.title = std::move(title);
  a.text = std::move(text);
  a.published = published;
  return a;
}

inline constexpr char kFlood[] =
    "Floodwaters rose along the Varnel river on Monday, forcing the evacuation of 3,000 residents "
    "from low-lying districts of the town of Oskarsby.\nEmergency services opened four shelters and "
    "the regional governor declared a state of emergency.\nForecasters expect more rain on Tuesday.\n";
inline constexpr char kCats[] =
    "The annual cat show in Peltonen drew a record 900 entries on Saturday, organisers said.\nA "
    "long-haired breed from the north took the top prize for the third year running.\n";

}  // namespace rashomon::serve::invented
