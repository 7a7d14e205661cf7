#!/usr/bin/env python3
"""Articles that change and stories that continue, against the loopback
fixture server (fixture_server.py):
- a page edited between two `watch --once` rounds (a number, a quote and the
  headline changed, a paragraph added) is stored as two versions, and the
  diff the API gives names exactly those changes; an unchanged item and an
  unchanged third round add no version;
- the story's timeline (report JSON and text) shows the changed figure as an
  update, `report --since` keeps only stories new or updated since a time;
- a story keeps its id across rounds as its articles arrive.
Usage: versions_test.py RASHOMON_BINARY"""
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
BINARY = sys.argv[1]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)


def start_server():
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "fixture_server.py")], stdout=subprocess.PIPE,
                            text=True)
    return proc, f"http://127.0.0.1:{int(proc.stdout.readline())}"


def watch(db, args):
    cmd = [BINARY, "--quiet", "watch", "--db", db, "--once", "--interval", "0", "--delay", "0", "--revisit", "0",
           "-v"] + args
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    print(r.stdout, r.stderr, sep="\n")
    return r


def query(db, sql, *params):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def report(db, *args):
    return subprocess.run([BINARY, "--quiet", "report", "--db", db] + list(args), capture_output=True, text=True,
                          timeout=120)


def serve_get(db, paths):
    """GETs each path from `serve --db`; returns the parsed JSON bodies."""
    server = subprocess.Popen([BINARY, "--quiet", "serve", "--db", db, "--port", "0", "--warm", "0"],
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        port = None
        deadline = time.time() + 60
        while port is None and time.time() < deadline:
            m = re.search(r"http://[^:]+:(\d+)/", server.stderr.readline())
            if m:
                port = int(m.group(1))
        if port is None:
            check(False, "serve started")
            return [None] * len(paths)
        return [json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}{p}", timeout=60).read()) for p in paths]
    finally:
        server.terminate()
        server.wait()


def edited_article(tmp, base):
    db = os.path.join(tmp, "edited.db")
    feed = f"{base}/edited.rss"
    ferry = f"{base}/edited/ferry.html"
    r = watch(db, [feed])
    check(r.returncode == 0 and "0 articles changed" in r.stdout, "first round: two new items, nothing changed")
    check(query(db, "SELECT count(*) FROM articles")[0][0] == 2, "two articles stored")
    check(query(db, "SELECT count(*) FROM article_versions")[0][0] == 0, "no versions after one round")
    first_text = query(db, "SELECT text FROM articles WHERE id=?", ferry)[0][0]
    check("212 passengers" in first_text, "the page's text is stored")
    before_second = int(time.time())

    r = watch(db, [feed])
    check(r.returncode == 0 and "1 articles changed" in r.stdout, "second round: the edited article changed")
    versions = query(db, "SELECT version, title, text, figure_changed, seen FROM article_versions WHERE article=? "
                         "ORDER BY version", ferry)
    check(len(versions) == 2, f"two versions of the edited article: {len(versions)}")
    if len(versions) == 2:
        check(versions[0][1] == "Ferry aground off Morvath" and "212 passengers" in versions[0][2],
              "version 1 is the first text, kept")
        check(versions[1][1].startswith("Ferry grounding") and "240 passengers" in versions[1][2],
              "version 2 is the edited text")
        check(versions[1][3] == 1, "version 2 is marked as changing a figure")
        check(versions[1][4] >= before_second, "version 2 is dated when it was seen")
    title, text = query(db, "SELECT title, text FROM articles WHERE id=?", ferry)[0]
    check(title.startswith("Ferry grounding") and "Divers from Lenwick" in text, "the article shows the last version")
    check(query(db, "SELECT count(*) FROM article_versions WHERE article<>?", ferry)[0][0] == 0,
          "the unchanged item has no versions")
    check(query(db, "SELECT count(*) FROM articles")[0][0] == 2, "a changed article is not stored again")

    r = watch(db, [feed])
    check(r.returncode == 0 and "0 articles changed" in r.stdout, "third round: nothing changed")
    check(query(db, "SELECT count(*) FROM article_versions")[0][0] == 2, "no version added by an unchanged round")

    # The diff in the API names exactly the changes made.
    story_id = query(db, "SELECT story FROM articles WHERE id=?", ferry)[0][0]
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(before_second - 1))
    article, stories, story, recent = serve_get(db, ["/api/articles/" + urllib.request.quote(ferry, safe=""),
                                                     "/api/stories?sort=recency", f"/api/stories/{story_id}",
                                                     "/api/stories?since=" + since])
    if article is not None:
        vs = article.get("versions", [])
        check(len(vs) == 2 and vs[0]["changes"] == [], "the API lists two versions")
        if len(vs) == 2:
            changes = [(c["kind"], c["before"], c["after"]) for c in vs[1]["changes"]]
            want = [("headline", "Ferry aground off Morvath", "Ferry grounding: passengers rescued off Morvath"),
                    ("number", "212 passengers", "240 passengers"),
                    ("quote", "Everyone on board is safe and accounted for",
                     "We are still checking the lower decks for anyone missing"),
                    ("paragraph_added", "",
                     "Divers from Lenwick will inspect the hull on Saturday, the company said "
                     "<img src=x onerror=alert(1)>.")]
            check(changes == want, f"the diff names exactly the changes made: {changes}")
            check(vs[1]["figure_changed"] is True, "the API marks the changed figure")
        row = [s for s in stories["stories"] if s["id"] == str(story_id)]
        check(len(row) == 1 and row[0]["updated"] > row[0]["last"], "the story list's 'updated' is the change")
        updates = [e for e in story.get("timeline", []) if e["kind"] == "update"]
        check(len(updates) == 1 and updates[0]["figures"] == ["212 passengers -> 240 passengers"],
              "the story's API timeline has the update")
        check([s["id"] for s in recent["stories"]] == [str(story_id)] and recent["total"] == 1,
              f"/api/stories?since= lists only the story updated since then: {recent}")

    # The report: the article's versions, the timeline's update, --since.
    rep = report(db, "-f", "json")
    check(rep.returncode == 0, f"report succeeds: {rep.stderr}")
    data = json.loads(rep.stdout)
    ferry_story = [s for s in data["stories"] if any(a["id"] == ferry for a in s["articles"])]
    check(len(ferry_story) == 1, "the edited article is in one story")
    if ferry_story:
        s = ferry_story[0]
        check([a.get("versions") for a in s["articles"] if a["id"] == ferry] == [2], "report lists the 2 versions")
        kinds = [e["kind"] for e in s.get("timeline", [])]
        check(kinds == ["first_report", "update"], f"timeline: first report, then the update: {kinds}")
        update = [e for e in s.get("timeline", []) if e["kind"] == "update"]
        check(update and update[0]["figures"] == ["212 passengers -> 240 passengers"] and update[0]["article"] == ferry,
              "the timeline shows the changed figure as an update")
    text = report(db).stdout
    check("Timeline" in text and "updated: tidewater.example" in text and "212 passengers -> 240 passengers" in text and "[2 versions]" in text,
          "the text report shows the timeline and the versions")
    md = report(db, "-f", "md").stdout
    check("### Timeline" in md and "updated: tidewater.example" in md and "[2 versions]" in md,
          "the Markdown report shows the timeline and the versions")
    recent = json.loads(report(db, "-f", "json", "--since", since).stdout)["stories"]
    check([any(a["id"] == ferry for a in s["articles"]) for s in recent] == [True],
          f"--since keeps only the story updated since then ({len(recent)} stories)")
    old = json.loads(report(db, "-f", "json", "--since", "2026-03-01T00:00:00Z").stdout)["stories"]
    check(len(old) == len(data["stories"]), "--since before every article keeps every story")
    bad = report(db, "--since", "yesterday-ish")
    check(bad.returncode == 2 and "--since" in bad.stderr and bad.stderr.count("\n") == 1,
          f"a bad --since is one error line, exit 2: {bad.stderr!r}")


def story_continues(tmp, base):
    db = os.path.join(tmp, "grow.db")
    feed = f"{base}/grow.rss"
    watch(db, [feed])
    first = query(db, "SELECT story FROM articles")
    check(len(first) == 1, "the first round stores the first report")
    r = watch(db, [feed])
    check(r.returncode == 0, "the second round succeeds")
    rows = query(db, "SELECT id, story FROM articles ORDER BY published")
    check(len(rows) == 3, f"three reports stored: {len(rows)}")
    check(first and all(story == first[0][0] for _, story in rows),
          f"the story keeps its id as its reports arrive: {first} then {rows}")
    data = json.loads(report(db, "-f", "json").stdout)
    check(len(data["stories"]) == 1, "one story")
    if data["stories"]:
        kinds = [(e["kind"], e["article"]) for e in data["stories"][0].get("timeline", [])]
        want = [("first_report", "http://grow.example/0"), ("article", "http://grow.example/1"),
                ("article", "http://grow.example/2")]
        check(kinds == want, f"the timeline lists the first report and each later article in time: {kinds}")
    # Items seen before article versions existed (a migrated database) have
    # no entry hash: the next poll takes it and makes no version.
    con = sqlite3.connect(db)
    con.execute("UPDATE feed_items SET entry_hash=NULL, checked=NULL")
    con.commit()
    con.close()
    r = watch(db, [feed])
    check(r.returncode == 0 and "0 articles changed" in r.stdout, "an item without an entry hash is no change")
    check(query(db, "SELECT count(*) FROM feed_items WHERE entry_hash IS NULL")[0][0] == 0,
          "the poll records the entry hashes")
    check(query(db, "SELECT count(*) FROM article_versions")[0][0] == 0, "no versions of unchanged items")
    recent = json.loads(report(db, "-f", "json", "--since", "2026-03-04T07:30:00Z").stdout)["stories"]
    check(len(recent) == 1, "a story with an article since the time is updated since then")
    none = json.loads(report(db, "-f", "json", "--since", "2026-03-05T00:00:00Z").stdout)["stories"]
    check(none == [], "no story is new or updated after its last article")


def main():
    server, base = start_server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            edited_article(tmp, base)
            story_continues(tmp, base)
    finally:
        server.kill()
        server.wait()
    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
