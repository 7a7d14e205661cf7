// Feeds: RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and OPML subscription lists,
// parsed with libxml2, and the articles their items become.
//
// Parsing is strict XML with the network, DTD loading and entity
// substitution off: a document declaring entities is refused whole (no
// expansion attacks, no external entities), as is a malformed or truncated
// one (an error naming the feed and libxml2's line). Bytes that are not
// valid in the declared encoding (a feed saying UTF-8 that is Windows-1252)
// are read again as Windows-1252, with a warning. Items keep document
// order; a guid seen earlier in the same feed is dropped with a warning.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/ingest.h"

namespace rashomon {

enum class FeedKind { kRss, kRdf, kAtom, kOpml };

struct FeedItem {
  std::string guid;   // RSS guid, Atom id, RDF rdf:about; may be empty
  std::string title;  // plain text
  std::string link;   // absolute when the feed gives a base
  std::string author;
  std::string summary;  // HTML (RSS description, Atom summary)
  std::string content;  // HTML (content:encoded, Atom content)
  std::optional<int64_t> published;  // UTC seconds; updated when only that is given
};

struct Feed {
  FeedKind kind = FeedKind::kRss;
  std::string title;      // the channel's or OPML head's title
  std::string site_link;  // the site the feed belongs to
  std::string lang;
  std::vector<FeedItem> items;
  // OPML: the feed URLs of its outlines (xmlUrl), document order, unique.
  std::vector<std::string> subscriptions;
  // Set when the bytes were read again as Windows-1252.
  bool reencoded = false;
  size_t duplicate_guids = 0;  // items dropped for a guid seen before
  size_t items_cut = 0;        // items past FeedOptions::max_items
};

struct FeedOptions {
  size_t max_feed_bytes = 64u << 20;
  size_t max_items = 20000;
};

// Parses a feed or OPML document; `base_url` (the feed's URL, may be empty)
// resolves relative links; `http_charset` (the Content-Type's charset, may
// be empty) decodes a document that declares no encoding itself (no BOM,
// no encoding in its XML declaration). Errors are messages without the
// feed's name.
Result<Feed> ParseFeed(std::string_view bytes, std::string_view base_url, const FeedOptions& options = {},
                       std::string_view http_charset = {});

// True when the document's root element is rss, rdf:RDF, feed or opml.
bool LooksLikeFeed(std::string_view head);

// The item's identity within its feed: guid, else link, else a hash of
// title and text. Never empty.
std::string FeedItemKey(const FeedItem& item);

// The outlet a feed's articles carry: the host of its site link without
// "www.", else its title, else `fallback`.
std::string FeedSource(const Feed& feed, std::string_view fallback);

// The article an item becomes. Its id is the guid when that is a URI, else
// the link, else `feed_id` + "#" + the item key; its text the content, else
// the summary, as plain text (html/extract.h HtmlToPlainText).
Article ArticleFromFeedItem(const Feed& feed, const FeedItem& item, std::string_view feed_id,
                            std::string_view origin, const IngestOptions& options, Diagnostics& diag);

// Parses RFC 822 dates as RSS writes them ("Sun, 06 Dec 2026 05:00:00
// GMT", "+0100", the US zone names, two-digit years) and ISO 8601.
std::optional<int64_t> ParseFeedDate(std::string_view s);

// The ingest reader: each item with text becomes an article; an OPML list
// yields none (a warning says to watch it).
void ReadFeedFile(std::string_view path, std::string_view bytes, const IngestOptions& options, Diagnostics& diag,
                  const ArticleSink& sink, IngestStats* stats);

}  // namespace rashomon
