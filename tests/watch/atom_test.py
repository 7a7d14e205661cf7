#!/usr/bin/env python3
"""serve's /feed.atom: well-formed (xmllint), read by a feed reader's
parser (Python feedparser, Debian's python3-feedparser) without error, one
entry per story linking to its page, hostile text escaped.
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
        finally:
            server.terminate()
            server.wait()
        lint = subprocess.run(["xmllint", "--noout", "-"], input=body, capture_output=True)
        if lint.returncode != 0:
            failures.append("xmllint: " + lint.stderr.decode())
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
        if b"<script>" in body or b"<b>" in body:
            failures.append("markup from an article reached the feed unescaped")
    for f in failures:
        print("FAIL:", f)
    print("all checks passed" if not failures else f"{len(failures)} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
