#!/usr/bin/env python3
"""serve's /feed.atom: well-formed (xmllint), meeting the structural rules
of RFC 4287 (atom_rules: required and unique elements, RFC 3339 dates,
absolute IRIs as ids, text constructs, alternate links, authors), read by a
feed reader's parser (Python feedparser, Debian's python3-feedparser) without error, one
entry per story linking to its page, hostile text escaped; the search
(?q=) and per-topic (?topic=) feeds hold only the stories they select.
Usage: atom_test.py RASHOMON_BINARY. Exits 77 (skipped) without feedparser
or xmllint."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    import feedparser
except ImportError:
    print("feedparser is missing (scripts/install-deps.sh --test installs python3-feedparser)")
    sys.exit(77)
if shutil.which("xmllint") is None:
    print("xmllint is missing (libxml2-utils)")
    sys.exit(77)

BINARY = sys.argv[1]

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tarn Post</title><link>http://tarn-post.example/</link>
<item><title>Ferry &lt;b&gt;strike&lt;/b&gt; &amp; "tolls" in Quillon</title><guid>tp-1</guid><link>http://tarn-post.example/1</link>
<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate><description>Ferry crews in Quillon walked out on Monday over
tolls, the union said; 40 sailings were cancelled. &lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title>Quillon ferry crews strike over tolls</title><guid>tp-2</guid><link>http://tarn-post.example/2</link>
<pubDate>Mon, 02 Mar 2026 11:00:00 GMT</pubDate><description>Crews of the Quillon ferries stopped work on Monday
in a dispute over tolls, cancelling 40 sailings, the union said.</description></item>
<item><title>Orchard frost in Pellandor</title><guid>tp-3</guid><link>http://tarn-post.example/3</link>
<pubDate>Tue, 03 Mar 2026 07:00:00 GMT</pubDate><description>A late frost hit the apricot orchards of Pellandor,
growers said, with losses put at a third of the crop.</description></item>
</channel></rss>
"""


ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as RFC 4287 section 3.3 requires.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def atom_rules(body):
    """The structural rules of RFC 4287 (sections 4.1.1, 4.1.2, 4.2.6, 4.2.7,
    3.3, 3.1) checked on the document: not the RFC's RELAX NG schema itself,
    which is not bundled here, but each of its constraints on what serve writes."""
    import xml.etree.ElementTree as ET
    problems = []
    root = ET.fromstring(body)
    if root.tag != ATOM + "feed":
        return [f"root element is {root.tag}, not atom:feed"]

    def one(parent, name, where):
        found = parent.findall(ATOM + name)
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{name}, exactly one required")
        return found[0] if found else None

    def date(parent, name, where, required=True):
        found = parent.findall(ATOM + name)
        if len(found) > 1 or (required and not found):
            problems.append(f"{where}: {len(found)} atom:{name}")
        for d in found:
            if not RFC3339.match(d.text or ""):
                problems.append(f"{where}: atom:{name} {d.text!r} is not an RFC 3339 date-time")

    def text_construct(el, where):
        kind = el.get("type", "text")
        if kind not in ("text", "html", "xhtml"):
            problems.append(f"{where}: type={kind!r}")
        if kind != "xhtml" and len(el):
            problems.append(f"{where}: child elements in a {kind} construct")

    def links(parent, where):
        seen = set()
        for link in parent.findall(ATOM + "link"):
            if not link.get("href"):
                problems.append(f"{where}: atom:link without href")
            rel = link.get("rel", "alternate")
            key = (rel, link.get("type"), link.get("hreflang"))
            if rel == "alternate" and key in seen:
                problems.append(f"{where}: two alternate links of one type and hreflang")
            seen.add(key)
        return seen

    def iri(el, where):
        if el is not None and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", el.text or ""):
            problems.append(f"{where}: atom:id {el.text!r} is not an absolute IRI")

    iri(one(root, "id", "feed"), "feed")
    title = one(root, "title", "feed")
    if title is not None:
        text_construct(title, "feed title")
    date(root, "updated", "feed")
    links(root, "feed")
    feed_author = bool(root.findall(ATOM + "author"))
    for author in root.findall(ATOM + "author"):
        one(author, "name", "feed author")
    ids = set()
    for n, entry in enumerate(root.findall(ATOM + "entry")):
        where = f"entry {n}"
        eid = one(entry, "id", where)
        iri(eid, where)
        if eid is not None:
            if eid.text in ids:
                problems.append(f"{where}: atom:id repeated")
            ids.add(eid.text)
        t = one(entry, "title", where)
        if t is not None:
            text_construct(t, where + " title")
        date(entry, "updated", where)
        date(entry, "published", where, required=False)
        rels = links(entry, where)
        if not entry.findall(ATOM + "content") and not any(r[0] == "alternate" for r in rels):
            problems.append(f"{where}: no atom:content and no alternate link")
        for summary in entry.findall(ATOM + "summary"):
            text_construct(summary, where + " summary")
        if len(entry.findall(ATOM + "summary")) > 1:
            problems.append(f"{where}: several atom:summary")
        if not feed_author and not entry.findall(ATOM + "author"):
            problems.append(f"{where}: no atom:author and none in the feed")
    return problems


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        feed = os.path.join(tmp, "tarn.rss")
        with open(feed, "w") as f:
            f.write(FEED)
        db = os.path.join(tmp, "news.db")
        subprocess.run([BINARY, "--quiet", "ingest", "--db", db, feed], check=True, capture_output=True)
        server = subprocess.Popen([BINARY, "--quiet", "serve", "--db", db, "--port", "0", "--warm", "0"],
                                  stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        try:
            port = None
            deadline = time.time() + 60
            while port is None and time.time() < deadline:
                line = server.stderr.readline()
                m = re.search(r"http://[^:]+:(\d+)/", line)
                if m:
                    port = int(m.group(1))
            if port is None:
                print("serve did not start")
                return 1
            body = urllib.request.urlopen(f"http://127.0.0.1:{port}/feed.atom", timeout=60).read()
            # Search and per-topic feeds: the stories the filter keeps only.
            search = urllib.request.urlopen(f"http://127.0.0.1:{port}/feed.atom?q=apricot", timeout=60).read()
            nothing = urllib.request.urlopen(f"http://127.0.0.1:{port}/feed.atom?topic=no-such-topic",
                                             timeout=60).read()
        finally:
            server.terminate()
            server.wait()
        lint = subprocess.run(["xmllint", "--noout", "-"], input=body, capture_output=True)
        if lint.returncode != 0:
            failures.append("xmllint: " + lint.stderr.decode())
        for problem in atom_rules(body):
            failures.append("RFC 4287: " + problem)
        parsed = feedparser.parse(body)
        if parsed.bozo:
            failures.append(f"feedparser: {parsed.bozo_exception}")
        if parsed.version != "atom10":
            failures.append(f"feedparser reads version {parsed.version!r}, not atom10")
        stories = subprocess.run([BINARY, "--quiet", "report", "--db", db, "-f", "json"], capture_output=True,
                                 text=True, check=True)
        import json
        n = len(json.loads(stories.stdout)["stories"])
        if len(parsed.entries) != n:
            failures.append(f"{len(parsed.entries)} entries for {n} stories")
        for e in parsed.entries:
            if "#/story/" not in e.get("link", ""):
                failures.append(f"entry without a story link: {e}")
            if not e.get("updated"):
                failures.append("entry without updated")
        for name, feed_body in (("search", search), ("topic", nothing)):
            for problem in atom_rules(feed_body):
                failures.append(f"RFC 4287 ({name} feed): " + problem)
        found = feedparser.parse(search)
        if [e.get("title") for e in found.entries] != ["Orchard frost in Pellandor"]:
            failures.append(f"search feed ?q=apricot holds {[e.get('title') for e in found.entries]}")
        if "search: apricot" not in found.feed.get("title", ""):
            failures.append(f"search feed title {found.feed.get('title')!r} does not name the search")
        if not any(link.get("rel") == "self" and link.get("href", "").endswith("/feed.atom?q=apricot")
                   for link in found.feed.get("links", [])):
            failures.append("search feed's self link does not carry its query")
        if feedparser.parse(nothing).entries:
            failures.append("a feed of an unknown topic lists stories")
        if b"<script>" in body or b"<b>" in body:
            failures.append("markup from an article reached the feed unescaped")
    for f in failures:
        print("FAIL:", f)
    print("all checks passed" if not failures else f"{len(failures)} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
