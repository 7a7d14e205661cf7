#!/usr/bin/env python3
"""Why did the clustering join articles of different gold stories?

Samples pairs of articles that a predicted partition puts in one story while
the gold puts them in different stories (false joins), and for comparison
pairs the gold puts together (true joins) and pairs of random articles of
different gold stories. For each pair it counts the whole sentences (six words
or more, compared verbatim) the two texts share. A generated corpus draws
every story's sentences from one bank, so unrelated stories can share
sentences verbatim; a false join with three or more shared sentences is
explained by that, a false join sharing none is the clustering's own doing
(topic words alone).

Usage: /usr/bin/python3 tools/false_join_overlap.py PRED.jsonl GOLD.jsonl ARTICLES.jsonl [PAIRS]
PRED and GOLD are {"article", "story"} lines; articles missing from either are
ignored. ARTICLES is the corpus (JSON Lines with id and text).
"""
import collections
import json
import random
import re
import sys


def read_assignment(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            out[row["article"]] = row["story"]
    return out


def sentences(text):
    return {s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6}


def sample_pairs(groups, gold, rng, n, want_same_gold):
    """Pairs inside `groups` (lists of article ids) whose gold stories are equal or not."""
    eligible = [g for g in groups if len(g) > 1]
    weights = [len(g) for g in eligible]
    pairs = []
    tries = 0
    while len(pairs) < n and tries < n * 200 and eligible:
        tries += 1
        g = rng.choices(eligible, weights)[0]
        a, b = rng.sample(g, 2)
        if (gold[a] == gold[b]) == want_same_gold:
            pairs.append((a, b))
    return pairs


def describe(name, pairs, texts):
    counts = collections.Counter()
    for a, b in pairs:
        shared = len(texts[a] & texts[b])
        counts["0" if shared == 0 else "1-2" if shared < 3 else ">=3"] += 1
    total = max(1, len(pairs))
    print(f"{name}: {len(pairs)} pairs; sharing 0 sentences {counts['0'] / total:.3f}, "
          f"1-2 {counts['1-2'] / total:.3f}, 3 or more {counts['>=3'] / total:.3f}")


def main() -> None:
    pred_path, gold_path, articles_path = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
    pred = read_assignment(pred_path)
    gold = read_assignment(gold_path)
    ids = [a for a in pred if a in gold]
    rng = random.Random(1)
    by_pred = collections.defaultdict(list)
    by_gold = collections.defaultdict(list)
    for a in ids:
        by_pred[pred[a]].append(a)
        by_gold[gold[a]].append(a)
    false_joins = sample_pairs(list(by_pred.values()), gold, rng, n, want_same_gold=False)
    true_joins = sample_pairs(list(by_gold.values()), gold, rng, n, want_same_gold=True)
    unrelated = []
    while len(unrelated) < n:
        a, b = rng.sample(ids, 2)
        if gold[a] != gold[b]:
            unrelated.append((a, b))
    wanted = {x for p in false_joins + true_joins + unrelated for x in p}
    texts = {}
    with open(articles_path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] in wanted:
                texts[row["id"]] = sentences(row.get("text", ""))
    missing = wanted - texts.keys()
    if missing:
        sys.exit(f"{articles_path}: {len(missing)} sampled articles not found")
    print(f"{len(ids)} articles, {len(by_pred)} predicted stories, {len(by_gold)} gold stories")
    describe("false joins (same predicted story, different gold story)", false_joins, texts)
    describe("true joins (same gold story)", true_joins, texts)
    describe("random pairs of different gold stories", unrelated, texts)


if __name__ == "__main__":
    main()
