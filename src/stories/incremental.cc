#include "stories/incremental.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "base/parallel.h"
#include "base/union_find.h"

namespace rashomon {
namespace {

// The stories each new article touches: those of its most similar
// neighbours, most similar first (ties: lower story id).
Result<std::vector<std::vector<int64_t>>> TouchedStories(const std::vector<ClusterItem>& items,
                                                         NeighbourSource& source,
                                                         const IncrementalOptions& options) {
  std::vector<std::vector<int64_t>> touched(items.size());
  const auto limit = static_cast<size_t>(std::max(0, options.neighbours));
  const auto keep_at_most = static_cast<size_t>(std::max(1, options.stories_per_article));
  for (size_t i = 0; i < items.size(); ++i) {
    ASSIGN_OR_RETURN(std::vector<NeighbourCandidate> candidates,
                     source.Neighbours(i, items[i], limit));
    std::vector<std::pair<float, int64_t>> near;  // (best similarity, story)
    for (const NeighbourCandidate& nb : candidates) {
      if (nb.story == 0) continue;
      float s = ItemSimilarity(items[i], nb.item, options.cluster);
      if (s < options.min_neighbour_similarity) continue;
      auto it = std::find_if(near.begin(), near.end(),
                             [&](const auto& p) { return p.second == nb.story; });
      if (it == near.end()) {
        near.emplace_back(s, nb.story);
      } else {
        it->first = std::max(it->first, s);
      }
    }
    std::sort(near.begin(), near.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    const size_t keep = std::min(near.size(), keep_at_most);
    for (size_t j = 0; j < keep; ++j) touched[i].push_back(near[j].second);
  }
  return touched;
}

// The batch as independent groups: nodes 0..n-1 are the new articles, then
// one node per touched story (in `stories`, first touched first); a new
// article joins the stories it touches and the new articles it resembles.
// Groups are numbered by their first node, nodes listed in order.
std::vector<std::vector<uint32_t>> Groups(const std::vector<ClusterItem>& items,
                                          const std::vector<std::vector<int64_t>>& touched,
                                          const IncrementalOptions& options,
                                          std::vector<int64_t>& stories) {
  const size_t n = items.size();
  std::unordered_map<int64_t, uint32_t> node_of_story;
  for (const auto& list : touched) {
    for (int64_t story : list) {
      if (node_of_story.try_emplace(story, static_cast<uint32_t>(n + stories.size())).second)
        stories.push_back(story);
    }
  }
  UnionFind uf(n + stories.size());
  for (size_t i = 0; i < n; ++i) {
    for (int64_t story : touched[i]) uf.Union(i, node_of_story[story]);
  }
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (uf.Same(i, j)) continue;
      if (ItemSimilarity(items[i], items[j], options.cluster) >= options.min_neighbour_similarity)
        uf.Union(i, j);
    }
  }
  std::map<uint32_t, uint32_t> group_index;
  for (size_t x = 0; x < uf.size(); ++x)
    group_index.try_emplace(uf.Find(x), static_cast<uint32_t>(group_index.size()));
  std::vector<std::vector<uint32_t>> groups(group_index.size());
  for (size_t x = 0; x < uf.size(); ++x)
    groups[group_index[uf.Find(x)]].push_back(static_cast<uint32_t>(x));
  return groups;
}

// One item of the batch's clustering.
struct Member {
  int64_t article;    // the new article's index in the batch, else the source's key
  int64_t old_story;  // 0 for a new article
};

// The items of every group, group after group: its new articles, then the
// members of its stories (the story_members most recent of each, oldest
// first). Stories with members left out go to `partial`.
struct GroupedItems {
  std::vector<Member> members;
  std::vector<std::vector<ClusterItem>> items;  // per group, in members order
  std::set<int64_t> partial;
};

Result<GroupedItems> GatherItems(std::vector<ClusterItem>& new_items,
                                 const std::vector<int64_t>& stories,
                                 const std::vector<std::vector<uint32_t>>& groups,
                                 NeighbourSource& source, const IncrementalOptions& options) {
  const size_t n = new_items.size();
  const auto cap = static_cast<size_t>(std::max(1, options.story_members));
  GroupedItems out;
  out.items.resize(groups.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    for (uint32_t x : groups[g]) {
      if (x >= n) continue;
      out.members.push_back({x, 0});
      out.items[g].push_back(std::move(new_items[x]));
    }
    for (uint32_t x : groups[g]) {
      if (x < n) continue;
      const int64_t story = stories[x - n];
      ASSIGN_OR_RETURN(std::vector<int64_t> recent, source.RecentMembers(story, cap + 1));
      if (recent.size() > cap) {
        out.partial.insert(story);
        recent.pop_back();
      }
      for (auto r = recent.rbegin(); r != recent.rend(); ++r) {
        out.members.push_back({*r, story});
        ASSIGN_OR_RETURN(ClusterItem item, source.Item(*r));
        out.items[g].push_back(std::move(item));
      }
    }
  }
  return out;
}

// Each group clustered on its own (groups in parallel, each
// single-threaded); labels numbered across groups, in members order.
std::vector<uint32_t> ClusterGroups(const std::vector<std::vector<ClusterItem>>& items,
                                    const IncrementalOptions& options) {
  ClusterOptions co = options.cluster;
  co.threads = 1;
  std::vector<std::vector<uint32_t>> local(items.size());
  ParallelFor(
      items.size(), [&](size_t g) { local[g] = ClusterAverageLink(items[g], co); },
      options.threads);
  std::vector<uint32_t> labels;
  uint32_t offset = 0;
  for (const std::vector<uint32_t>& group : local) {
    uint32_t width = 0;
    for (uint32_t l : group) {
      labels.push_back(offset + l);
      width = std::max(width, l + 1);
    }
    offset += width;
  }
  return labels;
}

// The story of each label: the touched story it holds most members of
// (each story to one label, the largest overlaps first), else a new one
// (-1, -2, ... in label order). `main_label` receives, per story, the
// label holding most of its members.
std::vector<int64_t> StoryOfLabel(const std::vector<Member>& members,
                                  const std::vector<uint32_t>& labels, std::set<int64_t>& kept,
                                  std::map<int64_t, uint32_t>& main_label, int64_t& new_stories) {
  uint32_t k = 0;
  for (uint32_t l : labels) k = std::max(k, l + 1);
  std::map<std::pair<uint32_t, int64_t>, int> overlap;
  for (size_t i = 0; i < members.size(); ++i) {
    if (members[i].old_story != 0) ++overlap[{labels[i], members[i].old_story}];
  }
  std::vector<std::tuple<int, uint32_t, int64_t>> pairs;
  pairs.reserve(overlap.size());
  for (const auto& [key, count] : overlap) pairs.emplace_back(count, key.first, key.second);
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
    if (std::get<2>(a) != std::get<2>(b)) return std::get<2>(a) < std::get<2>(b);
    return std::get<1>(a) < std::get<1>(b);
  });
  std::vector<int64_t> story_of_label(k, 0);
  for (const auto& [count, label, story] : pairs) {
    main_label.try_emplace(story, label);
    if (story_of_label[label] != 0 || kept.count(story)) continue;
    story_of_label[label] = story;
    kept.insert(story);
  }
  for (int64_t& story : story_of_label) {
    if (story == 0) story = -(++new_stories);
  }
  return story_of_label;
}

}  // namespace

void BatchAssignment::Resolve(const std::vector<int64_t>& ids) {
  auto real = [&ids](int64_t& story) {
    if (story < 0) story = ids[static_cast<size_t>(-story - 1)];
  };
  for (int64_t& s : story_of_new) real(s);
  for (auto& [article, story] : moves) real(story);
  for (auto& [story, target] : follows) real(target);
  for (int64_t& s : changed) real(s);
  std::sort(changed.begin(), changed.end());
}

Result<BatchAssignment> AssignBatch(std::vector<ClusterItem> items, NeighbourSource& source,
                                    const IncrementalOptions& options) {
  ASSIGN_OR_RETURN(std::vector<std::vector<int64_t>> touched,
                   TouchedStories(items, source, options));
  std::vector<int64_t> stories;  // touched, first touched first
  const std::vector<std::vector<uint32_t>> groups = Groups(items, touched, options, stories);
  const size_t n = items.size();
  ASSIGN_OR_RETURN(GroupedItems grouped, GatherItems(items, stories, groups, source, options));
  const std::vector<uint32_t> labels = ClusterGroups(grouped.items, options);

  BatchAssignment out;
  std::set<int64_t> kept;
  std::map<int64_t, uint32_t> main_label;
  const std::vector<int64_t> story_of_label =
      StoryOfLabel(grouped.members, labels, kept, main_label, out.new_stories);
  out.story_of_new.resize(n);
  std::set<int64_t> changed;
  for (size_t i = 0; i < grouped.members.size(); ++i) {
    const Member& m = grouped.members[i];
    const int64_t story = story_of_label[labels[i]];
    if (m.old_story == 0) {
      out.story_of_new[static_cast<size_t>(m.article)] = story;
    } else if (story != m.old_story) {
      out.moves.emplace_back(m.article, story);
    }
    if (story == m.old_story) continue;
    changed.insert(story);
    if (m.old_story != 0) changed.insert(m.old_story);
  }
  // Members left out of a story that goes follow most of its loaded ones.
  for (int64_t story : grouped.partial) {
    if (kept.count(story)) continue;
    const int64_t target = story_of_label[main_label[story]];
    out.follows.emplace_back(story, target);
    changed.insert(target);
  }
  const std::set<int64_t> touched_set(stories.begin(), stories.end());
  for (int64_t story : changed) {
    if (touched_set.count(story) && !kept.count(story)) out.ended.push_back(story);
  }
  out.changed.assign(changed.begin(), changed.end());
  return out;
}

Result<std::vector<int64_t>> MemoryStories::Add(std::vector<ClusterItem> batch) {
  assigned_ = items_.size();
  items_.insert(items_.end(), batch.begin(), batch.end());
  story_.resize(items_.size(), 0);
  Result<BatchAssignment> assigned = AssignBatch(std::move(batch), *this, options_);
  if (!assigned.ok()) {
    items_.resize(assigned_);
    story_.resize(assigned_);
    return assigned.status();
  }
  BatchAssignment& a = *assigned;
  std::vector<int64_t> ids;
  for (int64_t k = 0; k < a.new_stories; ++k) ids.push_back(next_story_++);
  a.Resolve(ids);
  for (size_t i = 0; i < a.story_of_new.size(); ++i) story_[assigned_ + i] = a.story_of_new[i];
  for (const auto& [article, story] : a.moves) story_[static_cast<size_t>(article)] = story;
  for (const auto& [story, target] : a.follows) {
    std::replace(story_.begin(), story_.end(), story, target);
  }
  return a.story_of_new;
}

Result<std::vector<NeighbourCandidate>> MemoryStories::Neighbours(size_t /*index*/,
                                                                  const ClusterItem& item,
                                                                  size_t limit) {
  std::vector<std::pair<float, size_t>> scored;
  for (size_t a = 0; a < assigned_; ++a) {
    const float s = ItemSimilarity(item, items_[a], options_.cluster);
    if (s > 0) scored.emplace_back(s, a);
  }
  // Most similar first; ties: the more recent.
  std::sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
    return x.first > y.first || (x.first == y.first && x.second > y.second);
  });
  if (scored.size() > limit) scored.resize(limit);
  std::vector<NeighbourCandidate> out;
  out.reserve(scored.size());
  for (const auto& [s, a] : scored) out.push_back({static_cast<int64_t>(a), story_[a], items_[a]});
  return out;
}

Result<std::vector<int64_t>> MemoryStories::RecentMembers(int64_t story, size_t limit) {
  std::vector<int64_t> out;
  for (size_t a = assigned_; a-- > 0 && out.size() < limit;) {
    if (story_[a] == story) out.push_back(static_cast<int64_t>(a));
  }
  return out;
}

Result<ClusterItem> MemoryStories::Item(int64_t article) {
  if (article < 0 || static_cast<size_t>(article) >= items_.size()) {
    return Status::NotFound("no article " + std::to_string(article));
  }
  return items_[static_cast<size_t>(article)];
}

}  // namespace rashomon
