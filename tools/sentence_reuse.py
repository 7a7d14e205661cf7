#!/usr/bin/env python3
"""Cross-story sentence reuse of a labelled corpus.

For every article, the share of its sentences (six words or more, after
splitting at . ! ? and line breaks) that some article of *another* gold
story contains verbatim; printed as the mean over articles, with the share
of articles that have any such sentence. Run it on real news with gold
stories (the sets of tools/make_story_sets.py, ECB+, MEANTIME) to measure
the rate, and on a `rashomon generate` corpus to check that the generator
reproduces it (`--shared-sentences`).

Usage: /usr/bin/python3 tools/sentence_reuse.py ARTICLES.jsonl GOLD.jsonl [N]
(N: read only the first N articles.)
"""
import collections
import json
import re
import sys


def sentences(text):
    out = set()
    for line in text.split("\n"):
        for s in re.split(r"(?<=[.!?])[\"')\u2019\u201d]*\s+", line):
            s = " ".join(s.split())
            if len(s.split()) >= 6:
                out.add(s)
    return out


def main() -> None:
    path, gold_path = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    story = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            story[g["article"]] = g["story"]
    arts = []
    stories_of = collections.defaultdict(set)
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            a = json.loads(line)
            s = story.get(a["id"])
            if s is None:
                continue
            sents = sentences(a.get("text", ""))
            arts.append((s, sents))
            for x in sents:
                stories_of[x].add(s)
    shares, touched, total_sents, reused_sents = [], 0, 0, 0
    for s, sents in arts:
        if not sents:
            continue
        reused = sum(1 for x in sents if len(stories_of[x] - {s}) > 0)
        shares.append(reused / len(sents))
        touched += reused > 0
        total_sents += len(sents)
        reused_sents += reused
    n = len(shares)
    print(f"{path}: {n} articles, {len(set(s for s, _ in arts))} stories; sentences found in "
          f"another story: {sum(shares) / max(1, n):.4f} per article (mean), "
          f"{reused_sents / max(1, total_sents):.4f} of all sentences; "
          f"articles with any: {touched / max(1, n):.3f}")


if __name__ == "__main__":
    main()
