#!/usr/bin/env python3
"""A loopback HTTP server of feeds and pages that misbehaves on purpose,
for the watch tests. Prints its port on the first line of stdout.

Every text is invented. Routes:
  /good.rss       RSS 2.0 with an ETag and Last-Modified; 304 when they match
  /atom.xml       Atom 1.0
  /short.rss      items with one-line summaries linking to /pages/*.html
  /robots.txt     disallows /pages/secret
  /missing.rss    404           /error.rss   500 with Retry-After: 120
  /slow.rss       answers after 3 s           /loop.rss    redirects forever
  /malformed.rss  broken XML    /truncated.rss  cut in the middle
  /notype.rss     no Content-Type             /wrongtype.rss  served as text/html
  /charset.rss    Windows-1252 bytes served as charset=utf-8, no XML encoding
  /dups.rss       two items share a guid      /nodates.rss items without dates
  /flaky.rss      good the first time, truncated afterwards
  /huge.rss       a 50 MB feed
  /edited.rss     a short item linking to /edited/ferry.html, and a long item;
                  from the second poll on, the short item's title and its page
                  are edited (a number, a quote and the headline changed, a
                  paragraph added), the long item unchanged
  /grow.rss       one report of a story on the first poll, two more from
                  the second poll on (the story grows across rounds)
  /big/N.rss      ITEMS items each, answered after DELAY seconds (kill test);
                  with SHORT=1 one-line summaries linking to /bigpage/N/I.html
"""
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOWNS = ["Velmora", "Ostrigan", "Pellandor", "Karsk", "Quillon", "Damaro", "Stenhove", "Irvale", "Brenmoor",
         "Tashkel", "Orvieno", "Lusk", "Marrowby", "Fenquist", "Halvard", "Yelton"]
THINGS = ["bridges", "ferries", "clinics", "schools", "wind turbines", "tram lines", "reservoirs", "libraries"]
ITEMS = int(os.environ.get("ITEMS", "15"))
DELAY = float(os.environ.get("DELAY", "0.2"))
SHORT = os.environ.get("SHORT", "") == "1"
HITS = {}
LOCK = threading.Lock()


def story_text(seed):
    town = TOWNS[seed % len(TOWNS)]
    other = TOWNS[(seed * 7 + 3) % len(TOWNS)]
    thing = THINGS[seed % len(THINGS)]
    n = 10 + (seed * 37) % 900
    return (f"The council of {town} approved {n} new {thing} on Tuesday after a vote of {seed % 40 + 5} "
            f"to {seed % 7}. Mayor Anela Vorst of {town} said the work would start within {seed % 11 + 2} "
            f"months. Residents of {other} said they had waited years for the {thing}. "
            f"The regional office put the cost at {n * 3} million crowns, a figure the opposition disputed. "
            f"Engineers from {other} will inspect the sites before the end of the year, officials said. "
            f"A public hearing on the {thing} is set for the spring in the {town} town hall.")


EDITED_TITLES = ["Ferry aground off Morvath", "Ferry grounding: passengers rescued off Morvath"]
EDITED_PARAGRAPHS = [
    ["A ferry ran aground off the island of Morvath on Thursday night, the coast guard said.",
     "Crews took 212 passengers to the harbour of Lenwick before dawn, officials said.",
     "\u201cEveryone on board is safe and accounted for,\u201d harbour master Ilse Varno told reporters.",
     "The ferry company said an inquiry into the grounding would begin next week."],
    ["A ferry ran aground off the island of Morvath on Thursday night, the coast guard said.",
     "Crews took 240 passengers to the harbour of Lenwick before dawn, officials said.",
     "\u201cWe are still checking the lower decks for anyone missing,\u201d harbour master Ilse Varno told "
     "reporters.",
     "The ferry company said an inquiry into the grounding would begin next week.",
     # Markup as text (escaped in the page): every output must escape it.
     "Divers from Lenwick will inspect the hull on Saturday, the company said &lt;img src=x "
     "onerror=alert(1)&gt;."],
]


# With GROW_TAIL longer than watch's 500 bytes: no page is fetched for them.
GROW_TAIL = "The water authority will publish the inspectors' report on its website, a spokesman said."
GROW_TEXTS = [
    "Engineers found a crack in the Orvieno dam above the town of Brenmoor on Wednesday morning, the water "
    "authority said. About 3,400 residents of Brenmoor were told to prepare to leave their homes. The authority "
    "began lowering the reservoir behind the Orvieno dam and closed the road along the crest. Schools in Brenmoor "
    "stayed open, and the authority said buses would be ready at the town hall if the crack grew. Inspectors from "
    "Karsk were due on Thursday.",
    "The water authority said the crack in the Orvieno dam above Brenmoor had not grown by Wednesday noon. "
    "Residents of Brenmoor, about 3,400 people, were still told to prepare to leave. Engineers kept lowering the "
    "reservoir behind the Orvieno dam, and the road along the crest stayed closed. Buses waited at the Brenmoor "
    "town hall, and the authority said it would decide on leaving by the evening. Inspectors from Karsk were due "
    "on Thursday.",
    "Brenmoor began moving its 3,400 residents on Wednesday evening after the crack in the Orvieno dam widened, "
    "the water authority said. Engineers lowering the reservoir behind the Orvieno dam said the crest road would "
    "stay closed until the crack is repaired. Buses from the Brenmoor town hall took the residents to schools "
    "in Irvale, and the authority said the reservoir would be empty within two days. Inspectors from Karsk will "
    "arrive on Thursday.",
]


def item(guid, title, text, date="Tue, 03 Mar 2026 10:00:00 GMT", link=None, with_guid=True):
    parts = [f"<item><title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if with_guid:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    parts.append(f"<description><![CDATA[<p>{text}</p>]]></description></item>")
    return "".join(parts)


def rss(name, items, encoding='encoding="UTF-8"'):
    return (f'<?xml version="1.0" {encoding}?>\n<rss version="2.0"><channel><title>{name}</title>'
            f"<link>http://{name.lower()}.example/</link>" + "".join(items) + "</channel></rss>\n")


def good_feed(base):
    return rss("Herald", [item(f"herald-{i}", f"Council of {TOWNS[i]} votes", story_text(i),
                               link=f"{base}/herald/{i}") for i in range(3)])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, code, body=b"", ctype="application/rss+xml; charset=utf-8", headers=()):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the watcher was killed or gave up

    def do_GET(self):
        path = self.path.split("?")[0]
        with LOCK:
            HITS[path] = HITS.get(path, 0) + 1
            hits = HITS[path]
        base = f"http://127.0.0.1:{self.server.server_port}"
        if path == "/good.rss":
            etag, modified = '"herald-v1"', "Tue, 03 Mar 2026 10:00:00 GMT"
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, ctype=None, headers=[("ETag", etag)])
            return self.send(200, good_feed(base), headers=[("ETag", etag), ("Last-Modified", modified)])
        if path == "/atom.xml":
            entries = "".join(
                f"<entry><title>Port of {TOWNS[i]} reopens</title><id>tag:kestrel.test,2026:{i}</id>"
                f'<link href="{base}/kestrel/{i}"/><updated>2026-03-0{i + 1}T08:00:00Z</updated>'
                f"<content type=\"html\">&lt;p&gt;{story_text(100 + i)}&lt;/p&gt;</content></entry>"
                for i in range(2))
            return self.send(200, '<feed xmlns="http://www.w3.org/2005/Atom"><title>Kestrel</title>'
                                  '<link href="http://kestrel.test/"/>' + entries + "</feed>",
                             ctype="application/atom+xml")
        if path == "/short.rss":
            items = [item("short-0", "Flood in Irvale", "Water rose overnight.", link=f"{base}/pages/flood.html"),
                     item("short-1", "Secret memo", "A memo leaked.", link=f"{base}/pages/secret-memo.html")]
            return self.send(200, rss("Courier", items))
        if path == "/robots.txt":
            return self.send(200, "User-agent: *\nDisallow: /pages/secret\n", ctype="text/plain")
        if path.startswith("/pages/"):
            page = ("<html><head><title>Flood in Irvale</title></head><body><nav>Home | World</nav><article>"
                    "<h1>Flood in Irvale</h1><p>Water rose overnight in the lower town of Irvale, reaching the "
                    "steps of the old granary before dawn on Wednesday.</p><p>Rescue crews moved 212 residents to "
                    "the sports hall, the fire service said, and the river gauge read 4.6 metres at noon.</p>"
                    "<p>The regional office said pumps from Stenhove would arrive by evening.</p></article>"
                    "</body></html>")
            return self.send(200, page, ctype="text/html; charset=utf-8")
        if path == "/edited.rss":
            edited = HITS.get("/edited.rss", 0) >= 2
            title = EDITED_TITLES[edited]
            items = [item("ferry-1", title, "A ferry ran aground off Morvath.", link=f"{base}/edited/ferry.html"),
                     item("quay-1", "Quay works in Tashkel", story_text(7) + " " + story_text(8), link=f"{base}/edited/quay.html")]
            return self.send(200, rss("Tidewater", items))
        if path == "/grow.rss":
            n = 1 if HITS["/grow.rss"] == 1 else 3
            items = [item(f"grow-{i}", f"Dam on the Orvieno river {['cracks', 'cracked', 'crack widens'][i]}",
                          GROW_TEXTS[i] + " " + GROW_TAIL, date=f"Wed, 04 Mar 2026 0{i + 6}:00:00 GMT",
                          link=f"http://grow.example/{i}") for i in range(n)]
            return self.send(200, rss("Riverside", items))
        if path == "/edited/ferry.html":
            edited = HITS.get("/edited.rss", 0) >= 2
            paragraphs = EDITED_PARAGRAPHS[edited]
            page = (f"<html><head><title>{EDITED_TITLES[edited]}</title></head><body><article>"
                    f"<h1>{EDITED_TITLES[edited]}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) +
                    "</article></body></html>")
            return self.send(200, page, ctype="text/html; charset=utf-8")
        if path == "/missing.rss":
            return self.send(404, "not here", ctype="text/plain")
        if path == "/error.rss":
            return self.send(500, "oops", ctype="text/plain", headers=[("Retry-After", "120")])
        if path == "/slow.rss":
            time.sleep(3)
            return self.send(200, good_feed(base))
        if path in ("/loop.rss", "/loop2.rss"):
            target = "/loop2.rss" if path == "/loop.rss" else "/loop.rss"
            return self.send(302, "", ctype="text/plain", headers=[("Location", target)])
        if path == "/malformed.rss":
            return self.send(200, '<?xml version="1.0"?><rss><channel><item><title>A</titel></item></channel></rss>')
        if path == "/truncated.rss":
            body = good_feed(base)
            return self.send(200, body[: len(body) // 2])
        if path == "/notype.rss":
            return self.send(200, rss("Notype", [item("nt-0", "Karsk tram", story_text(20))]), ctype=None)
        if path == "/wrongtype.rss":
            return self.send(200, rss("Wrongtype", [item("wt-0", "Lusk ferry", story_text(21))]),
                             ctype="text/html")
        if path == "/charset.rss":
            body = rss("Charset", [item("cs-0", "Caf\u00e9 in Damaro closes", story_text(22))], encoding="")
            return self.send(200, body.encode("cp1252"), ctype="application/rss+xml; charset=utf-8")
        if path == "/dups.rss":
            items = [item("dup", "Halvard school opens", story_text(23)),
                     item("dup", "Halvard school opens again", story_text(24))]
            return self.send(200, rss("Dups", items))
        if path == "/nodates.rss":
            return self.send(200, rss("Nodates", [item("nd-0", "Yelton library", story_text(25), date=None),
                                                  item("nd-1", "Yelton reservoir", story_text(26), date=None)]))
        if path == "/huge.rss":  # 50 MB of items, over watch's 16 MiB cap, written as they are made
            one = item("huge", "Tashkel", story_text(30)).encode()
            head, tail = rss("Huge", []).encode().split(b"</channel>")
            count = 50_000_000 // len(one)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(head) + count * len(one) + len(b"</channel>") + len(tail)))
            self.end_headers()
            try:
                self.wfile.write(head)
                for _ in range(count // 1000):
                    self.wfile.write(one * 1000)
                self.wfile.write(one * (count % 1000) + b"</channel>" + tail)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the watcher stopped reading at its cap
            return None
        if path == "/flaky.rss":
            body = rss("Flaky", [item("fl-0", "Marrowby clinic", story_text(27))])
            return self.send(200, body if hits == 1 else body[: len(body) // 2])
        if path.startswith("/big/"):
            n = int(path[len("/big/"):].split(".")[0])
            time.sleep(DELAY)
            if SHORT:  # one-line summaries: the watcher fetches each item's page
                items = [item(f"big-{n}-{i}", f"{TOWNS[(n + i) % len(TOWNS)]} report {n}-{i}",
                              f"Report {n}-{i}.", link=f"{base}/bigpage/{n}/{i}.html") for i in range(ITEMS)]
            else:
                items = [item(f"big-{n}-{i}", f"{TOWNS[(n + i) % len(TOWNS)]} report {n}-{i}",
                              story_text(1000 + n * 100 + i), link=f"{base}/big{n}/{i}") for i in range(ITEMS)]
            return self.send(200, rss(f"Big{n}", items))
        if path.startswith("/bigpage/"):
            n, i = (int(x) for x in path[len("/bigpage/"):].split(".")[0].split("/"))
            text = story_text(1000 + n * 100 + i)
            page = (f"<html><head><title>{TOWNS[(n + i) % len(TOWNS)]} report {n}-{i}</title></head><body>"
                    f"<nav>Home | World | Sport</nav><article><h1>Report {n}-{i}</h1>"
                    + "".join(f"<p>{sentence}.</p>" for sentence in text.split(". ")) +
                    "</article><footer>Contact us</footer></body></html>")
            return self.send(200, page, ctype="text/html; charset=utf-8")
        return self.send(404, "no such fixture", ctype="text/plain")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
