#!/usr/bin/python3
"""How often the store's term index finds a new article's story, per cap.

Reads a database written by `rashomon ingest --db` and the gold written by
`rashomon generate`, and replays the neighbour search of the ingest for a
sample of articles from the second half of the database: for each index
term of the article (the rows of `postings` with its seq), the articles
the term proposed when this one arrived, which are the `cap` largest seqs
below it; candidates are those proposed by two terms or more, ranked by the
summed idf of the shared terms, the best 8 kept (as StoreOptions.neighbours).
It prints, per cap, the share of sampled articles with an earlier member of
their gold story among those candidates.

An approximation: idf comes from the final document frequencies, batches
are ignored (a batch's own articles are compared directly by the ingest),
and the index terms are those the database holds, which were chosen with
the statistics of their time.

  /usr/bin/python3 tools/store_candidate_recall.py g100k.db g100k/gold.jsonl --caps 64 256 512 0
"""
import argparse
import bisect
import collections
import json
import math
import random
import sqlite3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("gold")
    ap.add_argument("--sample", type=int, default=1500)
    ap.add_argument("--neighbours", type=int, default=8)
    ap.add_argument("--caps", type=int, nargs="+", default=[64, 512, 0], help="0 = no cap")
    args = ap.parse_args()

    gold = {}
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            gold[row["article"]] = row["story"]
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    story_of = {seq: gold.get(aid) for seq, aid in db.execute("SELECT seq, id FROM articles")}
    n = len(story_of)
    df = dict(db.execute("SELECT key, df FROM terms"))
    postings = collections.defaultdict(list)
    terms_of = collections.defaultdict(list)
    for key, seq in db.execute("SELECT key, seq FROM postings"):
        postings[key].append(seq)
        terms_of[seq].append(key)
    for lst in postings.values():
        lst.sort()
    members = collections.defaultdict(list)
    for seq, story in story_of.items():
        members[story].append(seq)

    def idf(key):
        return math.log((n + 1) / (df.get(key, 1) + 1)) + 1

    def candidates(seq, cap):
        score = {}
        for key in terms_of[seq]:
            lst = postings[key]
            end = bisect.bisect_left(lst, seq)
            begin = max(0, end - cap) if cap > 0 else 0
            for other in lst[begin:end]:
                entry = score.setdefault(other, [0.0, 0])
                entry[0] += idf(key)
                entry[1] += 1
        best = sorted(((s, other) for other, (s, shared) in score.items() if shared >= 2), reverse=True)
        return [other for _, other in best[: args.neighbours]]

    random.seed(1)
    pool = [seq for seq in sorted(story_of) if seq > n // 2 and any(m < seq for m in members[story_of[seq]])]
    sample = random.sample(pool, min(args.sample, len(pool)))
    print(f"{n} articles; {len(sample)} sampled from the second half with an earlier member of their story")
    print("cap\tfound their story")
    for cap in args.caps:
        found = sum(any(story_of[c] == story_of[s] for c in candidates(s, cap)) for s in sample)
        print(f"{cap if cap > 0 else 'none'}\t{found / len(sample):.3f}")


if __name__ == "__main__":
    main()
