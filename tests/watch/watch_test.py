#!/usr/bin/env python3
"""rashomon watch against the loopback fixture server (fixture_server.py):
every misbehaviour has its outcome and a line naming the feed, nothing
stored is lost, and a watcher killed with SIGKILL mid-round then restarted
stores every item once. Usage: watch_test.py RASHOMON_BINARY"""
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BINARY = sys.argv[1]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)


def start_server(env=None):
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "fixture_server.py")], stdout=subprocess.PIPE,
                            env=dict(os.environ, **(env or {})), text=True)
    port = int(proc.stdout.readline())
    return proc, f"http://127.0.0.1:{port}"


def watch(db, args, timeout=120):
    cmd = [BINARY, "--quiet", "watch", "--db", db, "--once", "--interval", "0", "--delay", "0", "--timeout", "1",
           "-v"] + args
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return r.returncode, r.stdout, r.stderr


def query(db, sql, *params):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def lines_naming(stderr, url):
    return [line for line in stderr.splitlines() if url in line]


def misbehaving_feeds(tmp):
    server, base = start_server()
    try:
        names = ["good.rss", "atom.xml", "short.rss", "missing.rss", "error.rss", "slow.rss", "loop.rss",
                 "malformed.rss", "truncated.rss", "notype.rss", "wrongtype.rss", "charset.rss", "dups.rss",
                 "nodates.rss", "flaky.rss", "huge.rss"]
        urls = {n: f"{base}/{n}" for n in names}
        opml = os.path.join(tmp, "feeds.opml")
        with open(opml, "w") as f:
            f.write('<?xml version="1.0"?><opml version="2.0"><head><title>fixtures</title></head><body>')
            for n in names:
                f.write(f'<outline text="{n}" type="rss" xmlUrl="{urls[n]}"/>')
            f.write("</body></opml>")
        db = os.path.join(tmp, "news.db")
        code, out, err = watch(db, [opml])
        print(out, err, sep="\n")
        check(code == 2, f"a round with broken feeds exits 2, got {code}")
        expect_error = {"missing.rss": "HTTP 404", "error.rss": "HTTP 500", "slow.rss": "timed out",
                        "loop.rss": "redirects", "malformed.rss": "malformed XML", "truncated.rss": "malformed XML",
                        "huge.rss": "larger than 16 MiB"}
        for n, words in expect_error.items():
            found = [line for line in lines_naming(err, urls[n]) if "error" in line and words in line]
            check(len(found) == 1, f"{n}: one error line naming the feed with '{words}'")
        expect_warning = {"notype.rss": "without a content type", "wrongtype.rss": "served as 'text/html'",
                          "charset.rss": "Windows-1252", "dups.rss": "repeat the guid",
                          "short.rss": "robots.txt disallows"}
        for n, words in expect_warning.items():
            found = [line for line in err.splitlines() if words in line and (urls[n] in line or n == "short.rss")]
            check(len(found) >= 1, f"{n}: a warning line with '{words}'")
        articles = dict(query(db, "SELECT id, text FROM articles"))
        check(f"{base}/herald/0" in articles and len([a for a in articles if "/herald/" in a]) == 3,
              "the good feed's three items are stored")
        check(len([a for a in articles if a.startswith("tag:kestrel.test")]) == 2, "the Atom entries are stored")
        flood = [t for a, t in articles.items() if a.endswith("/pages/flood.html")]
        check(len(flood) == 1 and "212 residents" in flood[0], "a short item gets its page's main text")
        secret = [t for a, t in articles.items() if "secret" in a]
        check(len(secret) == 1 and "212" not in secret[0] and "memo" in secret[0],
              "a page robots.txt disallows is not fetched; the summary is kept")
        dups = query(db, "SELECT count(*) FROM feed_items WHERE feed=?", urls["dups.rss"])[0][0]
        check(dups == 1, "a repeated guid is taken once")
        undated = query(db, "SELECT count(*) FROM articles WHERE title LIKE 'Yelton%' AND published IS NOT NULL")
        check(undated[0][0] == 2, "undated items are dated when first seen")
        check(any("Café" in (t or "") for (t,) in query(db, "SELECT title FROM articles")),
              "the Windows-1252 feed is decoded")
        first_ids = set(articles)
        state = dict((u, (e, n)) for u, e, n in query(db, "SELECT url, errors, next_poll FROM feeds"))
        check(state[urls["error.rss"]][1] >= int(time.time()) + 100, "Retry-After: 120 puts off the next poll")

        code, out, err = watch(db, [opml])
        print(out, err, sep="\n")
        check(any("not modified (304)" in line for line in lines_naming(err, urls["good.rss"])),
              "the second poll of the good feed is a 304 with a line naming it")
        check(not lines_naming(err, urls["error.rss"]), "a feed waiting out Retry-After is not polled")
        check(any("malformed XML" in line for line in lines_naming(err, urls["flaky.rss"])),
              "a feed that breaks after a good poll is an error naming it")
        ids = {a for (a,) in query(db, "SELECT id FROM articles")}
        check(first_ids <= ids, "nothing stored is lost")
        check(len(ids) == len(first_ids), f"no item is stored twice ({len(first_ids)} then {len(ids)})")
        state = dict((u, e) for u, e, _ in query(db, "SELECT url, errors, next_poll FROM feeds"))
        check(state[urls["missing.rss"]] == 2 and state[urls["good.rss"]] == 0 and state[urls["flaky.rss"]] == 1,
              "error counts grow on failures and stay 0 on success")
        # Bad sources on the command line: named, the others still polled.
        code, out, err = watch(db, [os.path.join(tmp, "nope.opml"), urls["good.rss"]])
        check(code == 2 and "nope.opml" in err and "1 of 1 feeds polled" in out, "a missing OPML file is named")
    finally:
        server.kill()
        server.wait()


def kill_and_resume(tmp):
    feeds_n, items = 10, 12
    server, base = start_server({"ITEMS": str(items), "DELAY": "0.3"})
    try:
        db = os.path.join(tmp, "kill.db")
        urls = [f"{base}/big/{n}.rss" for n in range(feeds_n)]
        cmd = [BINARY, "--quiet", "watch", "--db", db, "--once", "--interval", "0", "--delay", "0",
               "--connections", "1", "--no-pages"] + urls
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        stored = 0
        while time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
            try:
                stored = query(db, "SELECT count(*) FROM articles")[0][0]
            except sqlite3.Error:
                continue
            if stored > 0:
                break
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        check(killed and 0 < stored < feeds_n * items, f"the watcher was killed mid-round ({stored} stored)")
        for _ in range(2):  # resume, then a round with nothing new
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
            check(r.returncode == 0, f"the resumed watcher succeeds: {r.stderr}")
        total = query(db, "SELECT count(*), count(DISTINCT id) FROM articles")[0]
        check(total == (feeds_n * items, feeds_n * items), f"every item stored once: {total}")
        renamed = query(db, "SELECT count(*) FROM articles WHERE id LIKE '%#%'")[0][0]
        check(renamed == 0, "no item stored again under a new id")
        seen = query(db, "SELECT count(*) FROM feed_items")[0][0]
        check(seen == feeds_n * items, f"every item marked seen once: {seen}")
    finally:
        server.kill()
        server.wait()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        misbehaving_feeds(tmp)
        kill_and_resume(tmp)
    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
