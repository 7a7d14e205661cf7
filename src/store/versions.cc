// Article versions and story timelines. See versions.h and store.h.
#include "store/versions.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "analysis/version_diff.h"
#include "base/hash.h"

namespace rashomon::store {

uint64_t ContentHash(const Article& a) {
  uint64_t h = Hash64(a.text);
  h = HashCombine(h, Hash64(a.title));
  h = HashCombine(h, Hash64(a.source));
  h = HashCombine(h, Hash64(a.url));
  return HashCombine(h, a.published ? static_cast<uint64_t>(*a.published) : 0x5A5AULL);
}

Result<std::vector<ArticleVersion>> ReadVersions(const Connection& c, const std::string& id) {
  Stmt s(c.db,
         "SELECT version, seen, title, text, figure_changed FROM article_versions WHERE article=? ORDER BY version");
  if (s.prepare_rc() != SQLITE_OK) return c.Error(s.prepare_rc(), "reading article versions");
  s.Bind(1, id);
  std::vector<ArticleVersion> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    ArticleVersion v;
    v.version = s.Int(0);
    v.seen = s.Int(1);
    v.title = s.Text(2);
    v.text = s.Text(3);
    v.figure_changed = s.Int(4) != 0;
    out.push_back(std::move(v));
  }
  if (rc != SQLITE_DONE) return c.Error(rc, "reading article versions");
  return out;
}

Status ReadTimelines(const Connection& c, std::vector<report::Story>* stories) {
  Stmt story_of(c.db, "SELECT story FROM articles WHERE id=?");
  Stmt members(c.db,
               "SELECT id, source, title, published FROM articles WHERE story=? "
               "ORDER BY published IS NULL, published, seq");
  Stmt versions(c.db,
                "SELECT v.article, v.version, v.seen, v.title, v.text FROM article_versions v "
                "JOIN articles a ON a.id = v.article WHERE a.story=? ORDER BY v.article, v.version");
  for (const Stmt* st : {&story_of, &members, &versions}) {
    if (st->prepare_rc() != SQLITE_OK) return c.Error(st->prepare_rc(), "reading a story's timeline");
  }
  for (report::Story& story : *stories) {
    story.timeline.clear();
    if (story.articles.empty()) continue;
    story_of.Bind(1, story.articles.front().id);
    int rc = story_of.Step();
    const int64_t id = rc == SQLITE_ROW ? story_of.Int(0) : 0;
    story_of.Reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return c.Error(rc, "reading a story's timeline");
    if (id <= 0) continue;
    std::unordered_map<std::string, std::pair<std::string, std::string>> names;  // id -> source, title
    members.Bind(1, id);
    while ((rc = members.Step()) == SQLITE_ROW) {
      report::TimelineEvent e;
      e.article = members.Text(0);
      e.source = members.Text(1);
      e.title = members.Text(2);
      names[e.article] = {e.source, e.title};
      if (members.IsNull(3)) continue;  // undated: no place in time
      e.time = members.Int(3);
      e.kind = story.timeline.empty() ? "first_report" : "article";
      story.timeline.push_back(std::move(e));
    }
    members.Reset();
    if (rc != SQLITE_DONE) return c.Error(rc, "reading a story's timeline");
    std::unordered_map<std::string, uint32_t> counts;
    versions.Bind(1, id);
    Article previous;
    while ((rc = versions.Step()) == SQLITE_ROW) {
      Article current;
      current.id = versions.Text(0);
      current.title = versions.Text(3);
      current.text = versions.Text(4);
      ++counts[current.id];
      if (versions.Int(1) > 1 && previous.id == current.id) {
        std::vector<std::string> figures;
        for (const VersionChange& c : DiffVersions(previous, current)) {
          if (c.kind == VersionChangeKind::kNumber && !c.before.empty() && !c.after.empty()) {
            figures.push_back(c.before + " -> " + c.after);
          }
        }
        if (!figures.empty()) {
          report::TimelineEvent e;
          e.time = versions.Int(2);
          e.kind = "update";
          e.article = current.id;
          e.source = names[current.id].first;
          e.title = current.title;
          e.figures = std::move(figures);
          story.timeline.push_back(std::move(e));
        }
      }
      previous = std::move(current);
    }
    versions.Reset();
    if (rc != SQLITE_DONE) return c.Error(rc, "reading a story's timeline");
    std::stable_sort(story.timeline.begin(), story.timeline.end(),
                     [](const report::TimelineEvent& a, const report::TimelineEvent& b) { return a.time < b.time; });
    for (report::ArticleRef& a : story.articles) {
      auto it = counts.find(a.id);
      a.versions = it == counts.end() ? 0 : it->second;
    }
  }
  return Status::Ok();
}

Result<bool> ReviseArticle(const Connection& c, const std::string& id, const std::string& title,
                           const std::string& text, int64_t seen) {
  Stmt row(c.db, "SELECT id, source, url, published, title, lang, text, story FROM articles WHERE id=?");
  row.Bind(1, id);
  int rc = row.Step();
  if (rc == SQLITE_DONE) return Status::NotFound(std::string(c.path) + ": no article " + id);
  if (rc != SQLITE_ROW) return c.Error(rc, "reading an article");
  Article old;
  old.id = row.Text(0);
  old.source = row.Text(1);
  old.url = row.Text(2);
  old.published = row.OptInt(3);
  old.title = row.Text(4);
  old.lang = row.Text(5);
  old.text = row.Text(6);
  const int64_t story = row.IsNull(7) ? 0 : row.Int(7);
  row.Reset();
  Article revised = old;
  revised.title = title;
  revised.text = text;
  const std::vector<VersionChange> changes = DiffVersions(old, revised);
  if (changes.empty()) return false;
  Stmt last(c.db, "SELECT max(version) FROM article_versions WHERE article=?");
  last.Bind(1, id);
  rc = last.Step();
  if (rc != SQLITE_ROW) return c.Error(rc, "reading article versions");
  int64_t version = last.IsNull(0) ? 0 : last.Int(0);
  last.Reset();
  Stmt add(c.db,
           "INSERT INTO article_versions(article, version, seen, title, text, figure_changed) VALUES(?,?,?,?,?,?)");
  if (version == 0) {
    // The first version: when its feed item was first seen, else its date.
    Stmt first(c.db, "SELECT min(seen) FROM feed_items WHERE article=?");
    first.Bind(1, id);
    rc = first.Step();
    if (rc != SQLITE_ROW) return c.Error(rc, "reading feed items");
    const int64_t first_seen = !first.IsNull(0) ? first.Int(0) : old.published.value_or(seen);
    first.Reset();
    add.Bind(1, id).Bind(2, int64_t{1}).Bind(3, std::min(first_seen, seen)).Bind(4, old.title).Bind(5, old.text);
    add.Bind(6, int64_t{0});
    RETURN_IF_ERROR(c.Step(add, "storing article versions"));
    version = 1;
  }
  add.Bind(1, id).Bind(2, version + 1).Bind(3, seen).Bind(4, title).Bind(5, text);
  add.Bind(6, int64_t{ChangesAFigure(changes) ? 1 : 0});
  RETURN_IF_ERROR(c.Step(add, "storing article versions"));
  Stmt update(c.db, "UPDATE articles SET title=?, text=?, content_hash=? WHERE id=?");
  update.Bind(1, title).Bind(2, text).Bind(3, static_cast<int64_t>(ContentHash(revised))).Bind(4, id);
  RETURN_IF_ERROR(c.Step(update, "storing article versions"));
  if (story > 0) {
    Stmt drop(c.db, "UPDATE stories SET headline=NULL, conflicts=NULL, analysis=NULL WHERE id=?");
    drop.Bind(1, story);
    RETURN_IF_ERROR(c.Step(drop, "storing article versions"));
  }
  return true;
}

}  // namespace rashomon::store
