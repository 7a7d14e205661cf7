#!/usr/bin/python3
"""Near-duplicate detection side by side on one generated corpus.

Runs three systems on the same first N articles of a corpus written by
`rashomon generate` and scores each against the same exact-Jaccard truth:

  rashomon   `rashomon dedup` (one-permutation MinHash, 128 values, LSH 21x6)
  numpy      MinHash as the popular Python libraries do it: SHA-1 of each
             shingle, 128 permutations (a*h + b) mod (2^61 - 1) in NumPy,
             the same 21x6 banding, candidates verified at the threshold,
             groups by union-find
  datasketch datasketch's MinHash (128 permutations, the update_batch path)
             and MinHashLSH (threshold 0.8), run from its source
             (--datasketch, default ../shared/peers/datasketch-1.10.0):
             each article is queried, then inserted; a candidate whose
             MinHash.jaccard estimate reaches the threshold is a match;
             groups by union-find. Its CPU is given with and without the
             Python shingling it needs (the same shingles() as the truth)
  simhash    Debian's `simhash` tool (bottom-128 CRC32 sketch of 8-byte
             shingles) in match mode over one file per article; its score
             is on another scale, so it is given its best threshold
             (reported), which flatters it

Truth: exact Jaccard of word 5-shingles (lower-cased runs of letters and
digits) for every pair inside a gold story; pairs across stories count as
dissimilar, as in `rashomon eval dedup`. Predicted pairs are all pairs inside
a reported group (rashomon, numpy) or the matched pairs (simhash).
Speed is articles per CPU-second (user + system) of the system alone.

Usage:
  /usr/bin/python3 tools/dedup_baselines.py DIR [--articles N] [--rashomon build/rashomon]
      [--datasketch PATH | --no-datasketch] [--no-numpy] [--no-simhash] [--repeat N]
where DIR holds articles.jsonl and gold.jsonl.
"""

import argparse
import hashlib
import itertools
import json
import os
import re
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import unicodedata

import numpy as np

THRESHOLD = 0.8
K = 5
NUM_PERM = 128
BANDS, ROWS = 21, 6
MERSENNE = np.uint64((1 << 61) - 1)
MAX_HASH = np.uint64((1 << 32) - 1)


def words(text):
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", folded)


def shingles(text):
    w = words(text)
    if len(w) < K:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + K]) for i in range(len(w) - K + 1)}


def jaccard(a, b):
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def group_pairs(groups):
    out = set()
    for g in groups:
        for x, y in itertools.combinations(sorted(g), 2):
            out.add((x, y))
    return out


def score(pred, truth, story_of, order):
    correct = 0
    for a, b in pred:
        key = (a, b) if order[a] < order[b] else (b, a)
        if story_of[a] == story_of[b] and truth.get(key, 0.0) >= THRESHOLD:
            correct += 1
    true_pairs = sum(1 for j in truth.values() if j >= THRESHOLD)
    found = sum(1 for key, j in truth.items() if j >= THRESHOLD and (key in pred or key[::-1] in pred))
    recall = found / true_pairs if true_pairs else 0.0
    precision = correct / len(pred) if pred else 0.0
    return recall, precision, len(pred)


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_rashomon(binary, jsonl, ids, threads=0):
    before = cpu_children()
    wall = time.monotonic()
    cmd = [binary, "-q"] + (["--threads", str(threads)] if threads > 0 else []) + ["dedup", jsonl]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    wall = time.monotonic() - wall
    cpu = cpu_children() - before
    groups = []
    for line in out.splitlines():
        groups.append([m["id"] for m in json.loads(line)["articles"]])
    return group_pairs(groups), cpu, wall


def run_numpy(texts, ids):
    start = cpu_self()
    gen = np.random.RandomState(1)
    a = gen.randint(1, MERSENNE, size=NUM_PERM, dtype=np.uint64)
    b = gen.randint(0, MERSENNE, size=NUM_PERM, dtype=np.uint64)
    buckets = [dict() for _ in range(BANDS)]
    sigs = []
    parent = list(range(len(texts)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, text in enumerate(texts):
        sh = shingles(text)
        hv = np.array([struct.unpack("<I", hashlib.sha1(s.encode("utf-8")).digest()[:4])[0] for s in sh],
                      dtype=np.uint64)
        if len(hv) == 0:
            sigs.append(None)
            continue
        phv = np.bitwise_and((np.outer(hv, a) + b) % MERSENNE, MAX_HASH)
        sig = phv.min(axis=0)
        sigs.append(sig)
        candidates = set()
        for band in range(BANDS):
            key = sig[band * ROWS:(band + 1) * ROWS].tobytes()
            bucket = buckets[band].setdefault(key, [])
            candidates.update(bucket)
            bucket.append(i)
        for c in candidates:
            if np.count_nonzero(sigs[c] == sig) / NUM_PERM >= THRESHOLD:
                ra, rb = find(c), find(i)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    cpu = cpu_self() - start
    groups = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(ids[i])
    return group_pairs([g for g in groups.values() if len(g) > 1]), cpu


def union_find_pairs(n, ids, matches):
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c, i in matches:
        ra, rb = find(c), find(i)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(ids[i])
    return group_pairs([g for g in groups.values() if len(g) > 1])


def run_datasketch(texts, ids, path):
    """Returns (pairs, CPU s in all, CPU s of MinHash + LSH alone)."""
    sys.path.insert(0, path)
    from datasketch import MinHash, MinHashLSH

    start = cpu_self()
    encoded = [[s.encode("utf-8") for s in shingles(t)] for t in texts]
    after_shingles = cpu_self()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    hashes, matches = [], []
    for i, sh in enumerate(encoded):
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(sh)
        hashes.append(m)
        if not sh:
            continue
        for c in lsh.query(m):
            if m.jaccard(hashes[c]) >= THRESHOLD:
                matches.append((c, i))
        lsh.insert(i, m)
    end = cpu_self()
    return union_find_pairs(len(texts), ids, matches), end - start, end - after_shingles


def run_simhash(texts, ids, workdir):
    paths = []
    for i, text in enumerate(texts):
        p = os.path.join(workdir, "%06d.txt" % i)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(p)
    before = cpu_children()
    wall = time.monotonic()
    out = subprocess.run(["simhash", "-m"] + paths, check=True, capture_output=True, text=True).stdout
    wall = time.monotonic() - wall
    cpu = cpu_children() - before
    sims = []  # (similarity, i, j)
    row = 0
    for line in out.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 2:
            continue
        values = fields[2:]
        for j, v in enumerate(values):
            s = float(v)
            if s > 0:
                sims.append((s, j, row))
        row += 1
    return sims, cpu, wall


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--rashomon", default="build/rashomon")
    ap.add_argument("--no-simhash", action="store_true", help="skip simhash (its match mode is quadratic)")
    ap.add_argument("--no-numpy", action="store_true", help="skip the NumPy MinHash")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--datasketch", default=os.path.join(here, "..", "..", "shared", "peers", "datasketch-1.10.0"),
                    help="datasketch's source folder (default: ../shared/peers/datasketch-1.10.0)")
    ap.add_argument("--no-datasketch", action="store_true")
    ap.add_argument("--threads", type=int, default=0, help="rashomon's --threads (0: its default, every core)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of rashomon (its least CPU is reported)")
    args = ap.parse_args()

    # Whole gold stories, in order of first appearance, up to N articles:
    # copies are spread through the file, so a prefix would hold few pairs.
    gold, size = {}, {}
    with open(os.path.join(args.dir, "gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            gold[r["article"]] = r["story"]
            size[r["story"]] = size.get(r["story"], 0) + 1
    chosen, total = set(), 0
    for story in dict.fromkeys(gold.values()):
        if total + size[story] > args.articles:
            break
        chosen.add(story)
        total += size[story]
    ids, texts, lines = [], [], []
    with open(os.path.join(args.dir, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if gold.get(r["id"]) not in chosen:
                continue
            ids.append(r["id"])
            texts.append(r.get("text") or r.get("title") or "")
            lines.append(line)
    order = {a: i for i, a in enumerate(ids)}
    story_of = {a: gold.get(a, "__none__" + a) for a in ids}

    # Truth: exact Jaccard of every within-story pair.
    sets = {a: shingles(t) for a, t in zip(ids, texts)}
    by_story = {}
    for a in ids:
        by_story.setdefault(story_of[a], []).append(a)
    truth = {}
    for members in by_story.values():
        for x, y in itertools.combinations(members, 2):
            truth[(x, y)] = jaccard(sets[x], sets[y])
    true_pairs = sum(1 for j in truth.values() if j >= THRESHOLD)
    print("%d articles, %d within-story pairs, %d with exact J >= %.2f" % (len(ids), len(truth), true_pairs, THRESHOLD))
    print()
    print("%-10s %14s %8s %10s %8s  %s" % ("system", "articles/CPU-s", "recall", "precision", "pairs", "note"))

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = os.path.join(tmp, "articles.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            f.writelines(lines)
        # Best (least CPU) of --repeat runs: a run of a fraction of a
        # second is at the mercy of the machine's other work.
        pred, cpu, wall = min((run_rashomon(args.rashomon, jsonl, ids, args.threads) for _ in range(args.repeat)),
                              key=lambda run: run[1])
        r, p, n = score(pred, truth, story_of, order)
        print("%-10s %14.0f %8.3f %10.3f %8d  %.2f s wall" % ("rashomon", len(ids) / cpu, r, p, n, wall))

        rashomon_rate = len(ids) / cpu
        if not args.no_datasketch:
            pred, cpu, cpu_alone = run_datasketch(texts, ids, args.datasketch)
            r, p, n = score(pred, truth, story_of, order)
            print("%-10s %14.0f %8.3f %10.3f %8d  %.0f articles/CPU-s without shingling; rashomon %.0fx (%.0fx)" %
                  ("datasketch", len(ids) / cpu, r, p, n, len(ids) / cpu_alone, rashomon_rate * cpu / len(ids),
                   rashomon_rate * cpu_alone / len(ids)))

        if not args.no_numpy:
            pred, cpu = run_numpy(texts, ids)
            r, p, n = score(pred, truth, story_of, order)
            print("%-10s %14.0f %8.3f %10.3f %8d" % ("numpy", len(ids) / cpu, r, p, n))

        if not args.no_simhash and shutil.which("simhash"):
            sims, cpu, wall = run_simhash(texts, ids, tmp)
            best = None
            for tau in [x / 100 for x in range(40, 100, 2)]:
                pred = {(ids[i], ids[j]) for s, i, j in sims if s >= tau}
                r, p, n = score(pred, truth, story_of, order)
                f1 = 2 * r * p / (r + p) if r + p else 0
                if best is None or f1 > best[0]:
                    best = (f1, tau, r, p, n)
            f1, tau, r, p, n = best
            print("%-10s %14.0f %8.3f %10.3f %8d  best threshold %.2f of its own score, all pairs compared" %
                  ("simhash", len(ids) / cpu, r, p, n, tau))
    return 0


if __name__ == "__main__":
    sys.exit(main())
