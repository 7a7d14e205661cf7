"""What one rashomon.dask dedup run moves between tasks, per article,
measured by running its task functions in one process (no cluster): the
band records of the shuffle, the candidate pairs, what the verifying
tasks receive (the pairs and the fingerprints of their articles), the
signatures sent to the grouping tasks, and the bytes each signing task
holds. Prints a Markdown table.

    PYTHONPATH=build/python /usr/bin/python3 python/bench/dask_volume.py \\
        --corpus /tmp/g200k/articles.jsonl --parts 8
"""

import argparse
import os
import tempfile

import numpy as np

import rashomon.dask as rd


def nbytes(signed):
    return sum(v.nbytes for k, v in signed.items() if isinstance(v, np.ndarray))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--parts", type=int, default=8)
    args = ap.parse_args()
    lines = open(args.corpus, encoding="utf-8").readlines()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(args.parts):
            p = os.path.join(tmp, "part%02d.jsonl" % i)
            with open(p, "w", encoding="utf-8") as f:
                f.writelines(lines[i * len(lines) // args.parts:(i + 1) * len(lines) // args.parts])
            paths.append(p)
        signed = [rd._read_sign(i, p, 0.8, 5, 256, None) for i, p in enumerate(paths)]
    n = sum(len(s["gids"]) for s in signed)
    buckets = args.parts
    splits = [rd._split(s, buckets) for s in signed]
    shuffle = sum(piece.nbytes for sp in splits for piece in sp)
    found = [rd._candidates(*[sp[b] for sp in splits]) for b in range(buckets)]
    cand_bytes = sum(c.nbytes for c in found)
    psplits = [rd._split_pairs(f, buckets) for f in found]
    cands = [rd._unique_pairs(*[sp[b] for sp in psplits]) for b in range(buckets)]
    needs = [rd._needs(c, args.parts) for c in cands]
    # Each partition's fingerprints of the rows each bucket asks for.
    sent = [[None] * args.parts for _ in range(buckets)]
    for p in range(args.parts):
        asks = [b for b in range(buckets) if len(needs[b][1][p])]
        for b, fp in zip(asks, rd._fingerprints(signed[p], 0.8, 256, *[needs[b][1][p] for b in asks])):
            sent[b][p] = fp
    results = [rd._verify_rows(cands[b], 0.8, 256, *[fp for fp in sent[b] if fp is not None])
               for b in range(buckets) if len(cands[b])]
    verify_in = sum(r for _, r in results)
    fp_bytes = sum(fp.nbytes for row in sent for fp in row if fp is not None)
    whole = sum(s["sigs"].nbytes for s in signed)
    edges = [e for e, _ in results]
    edges = np.concatenate(edges) if edges else np.zeros((0, 2), dtype=np.int64)
    unique_pairs = sum(len(c) for c in cands)
    comps = rd._components(edges)
    members = sum(len(c) for c in comps)
    group_in = members * 256 * 4
    held = sum(nbytes(s) for s in signed)
    rows = [
        ("articles", "%d in %d partitions" % (n, args.parts)),
        ("held by the signing tasks (signatures, band keys, ids)", "%.0f bytes per article" % (held / n)),
        ("shuffle: (band, key, article) records", "%.0f bytes per article" % (shuffle / n)),
        ("candidate pairs (16 bytes each), shuffled once more by pair", "%.0f bytes per article (%d pairs)" %
         (cand_bytes / n, cand_bytes // 16)),
        ("unique candidate pairs, verified (a pair shares keys in several bands)", "%d" % unique_pairs),
        ("to the verifying tasks: candidate pairs and fingerprints", "%.0f bytes per article (fingerprints: %.0f)" %
         (verify_in / n, fp_bytes / n)),
        ("signatures of every partition (what whole-partition verification received, at least)",
         "%.0f bytes per article" % (whole / n)),
        ("verified pairs", "%d" % len(edges)),
        ("signatures to the grouping tasks", "%.0f bytes per article (%d articles in components)" %
         (group_in / n, members)),
    ]
    print("| what | measured |")
    print("| --- | --- |")
    for a, b in rows:
        print("| %s | %s |" % (a, b))


if __name__ == "__main__":
    main()
