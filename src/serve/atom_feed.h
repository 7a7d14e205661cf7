// The stories as an Atom 1.0 feed (RFC 4287), served at /feed.atom: one
// entry per story, newest first, its <updated> the latest publication time
// of its articles (so an entry is updated when a later article joins the
// story), linking to the story's page in the web UI. All text is
// XML-escaped and stripped of characters XML cannot hold.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "serve/backend.h"

namespace rashomon::serve {

// `base_url`: "http://host:port" the links start with; `now` stands for
// missing times. `query` (already percent-encoded, without "?"; empty for
// every story) is the filter of a per-topic or search feed: it is part of
// the feed's id and self link, and `what` ("topic 3", "search: flood")
// names it in the title.
std::string WriteStoriesAtom(const std::vector<StorySummary>& stories, std::string_view base_url, int64_t now,
                             std::string_view query = {}, std::string_view what = {});

// Text as XML character data or an attribute value: &, <, >, " escaped;
// C0 controls other than tab, newline and carriage return, U+FFFE and
// U+FFFF dropped; invalid UTF-8 replaced by U+FFFD.
std::string XmlEscape(std::string_view text);

}  // namespace rashomon::serve
