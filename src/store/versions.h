// Article versions and story timelines in the store (store.h
// ReviseArticle, Store::Versions, Store::AddTimelines), on a connection the
// caller holds. Internal to the store.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/article.h"
#include "report/model.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace rashomon::store {

// What tells two texts of one article id apart: its text, title, source,
// URL and publication time.
uint64_t ContentHash(const Article& a);

Result<std::vector<ArticleVersion>> ReadVersions(const Connection& c, const std::string& id);
Status ReadTimelines(const Connection& c, std::vector<report::Story>* stories);

}  // namespace rashomon::store
