// The story-level merge pass of bounded batch clustering
// (StoryMergeOptions in stories/cluster.h): pieces of one story that
// average linkage left apart, because most of their cross pairs were never
// compared, are joined when a sample of those pairs, each actually
// scored, passes the clustering's join rule.
//
// Thread safety: a pure function; it runs on options.threads threads and
// gives the same result for any number of them.
#pragma once

#include <cstdint>
#include <vector>

#include "stories/cluster.h"

namespace rashomon {

// `labels` gives each item's story (any values below items.size()).
// Returns the merged stories' labels, 0..k-1 in order of first member.
std::vector<uint32_t> MergeSplitStories(const std::vector<const ClusterItem*>& items,
                                        const std::vector<uint32_t>& labels, const ClusterOptions& options);

}  // namespace rashomon
