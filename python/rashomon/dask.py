"""Near-duplicate detection over a Dask distributed cluster.

``dedup(client, items)`` and ``dedup_files(client, paths)`` give the same
groups as ``rashomon.dedup`` / ``rashomon dedup`` on one machine:

1. sign: each input partition (a slice of the items, or one file read on a
   worker) is signed on a worker: MinHash signatures plus the LSH band keys
   of each article (``LshIndex.band_keys``, the keys the single-process
   index uses);
2. shuffle: (band, key, article) records, 16 bytes per band and article,
   are split by key into ``shuffle_partitions`` buckets; each bucket lists
   the pairs of articles that share a band key (the LSH candidates);
3. verify: the candidates are verified per pair of input partitions, by the
   estimate the single-process index uses, on the worker holding the
   signatures;
4. components: the verified pairs (only near-duplicates, few) are joined by
   union-find on the client; each connected component is then grouped on a
   worker by the same greedy average-linkage pass as ``DedupStream``, over
   its members in input order.

Why the result is the same: in the single-process pass an article joins a
group only through a verified match, and compares itself only with members
of that group, so groups never span two components of the verified-pair
graph, and running the pass on each component alone changes nothing. The
one difference is the index's cap on chain length per band (4,096 entries
inspected per band key), which matters only when more than 4,096 articles
share one band key.

Article ids are taken as given (ids repeated across partitions are not
renamed as the CLI renames them). Tasks are pure functions of their inputs,
so a worker lost mid-run costs a recomputation of its tasks by the others
(Dask's lineage), and the answer does not change.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from . import _rashomon
from . import read as _read
from . import _articles

# Articles are numbered (partition << 32) | row: the input order.
_ROW_BITS = 32


def _options_check(threshold: float, shingle_words: int, num_values: int) -> None:
    # Raises ValueError on the client, before anything is submitted.
    _rashomon.MinHasher(num_values, shingle_words)
    _rashomon.LshIndex(threshold, num_values)


def _sign(part: int, texts: List[str], threshold: float, shingle_words: int, num_values: int,
          on_task: Optional[Callable[[int], None]]) -> Dict[str, Any]:
    if on_task is not None:
        on_task(part)
    hasher = _rashomon.MinHasher(num_values, shingle_words)
    sigs = hasher.signatures(texts, threads=1)
    keys = _rashomon.LshIndex(threshold, num_values).band_keys(sigs)
    gids = (np.int64(part) << _ROW_BITS) + np.arange(len(texts), dtype=np.int64)
    return {"sigs": sigs, "keys": keys, "gids": gids}


def _read_sign(part: int, path: str, threshold: float, shingle_words: int, num_values: int,
               on_task: Optional[Callable[[int], None]]) -> Dict[str, Any]:
    articles = _read(path)
    out = _sign(part, [a.text or a.title for a in articles], threshold, shingle_words, num_values, on_task)
    out["ids"] = [a.id for a in articles]
    return out


def _split(signed: Dict[str, Any], buckets: int) -> List[np.ndarray]:
    """(band, key, gid) records split by key: one (n, 3) int64 array per bucket."""
    keys = signed["keys"]
    n, bands = keys.shape
    band = np.repeat(np.arange(bands, dtype=np.int64)[None, :], n, axis=0).ravel()
    key = keys.astype(np.int64).ravel()
    gid = np.repeat(signed["gids"], bands)
    live = key != 0  # 0: an empty signature
    records = np.stack([band[live], key[live], gid[live]], axis=1)
    target = (records[:, 1] * 0x9E3779B1 + records[:, 0]) % buckets
    return [records[target == b] for b in range(buckets)]


def _candidates(*pieces: np.ndarray) -> np.ndarray:
    """Unique pairs (a < b) of articles sharing a (band, key): an (m, 2) array."""
    if not pieces:
        return np.zeros((0, 2), dtype=np.int64)
    records = np.concatenate(pieces) if len(pieces) > 1 else pieces[0]
    if len(records) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    order = np.lexsort((records[:, 2], records[:, 1], records[:, 0]))
    records = records[order]
    pairs = []
    start = 0
    n = len(records)
    same = np.ones(n, dtype=bool)
    same[1:] = (records[1:, 0] == records[:-1, 0]) & (records[1:, 1] == records[:-1, 1])
    same[0] = False
    bounds = np.flatnonzero(~same).tolist() + [n]
    for start, end in zip(bounds[:-1], bounds[1:]):
        if end - start < 2:
            continue
        members = records[start:end, 2]
        i, j = np.triu_indices(len(members), k=1)
        pairs.append(np.stack([members[i], members[j]], axis=1))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(pairs), axis=0)


def _route(cands: np.ndarray, parts: int) -> Dict[Tuple[int, int], np.ndarray]:
    """Candidates by (partition of a, partition of b)."""
    out: Dict[Tuple[int, int], np.ndarray] = {}
    if len(cands) == 0:
        return out
    pa = cands[:, 0] >> _ROW_BITS
    pb = cands[:, 1] >> _ROW_BITS
    for a, b in set(zip(pa.tolist(), pb.tolist())):
        out[(a, b)] = cands[(pa == a) & (pb == b)]
    return out


def _verify(pairs: np.ndarray, left: Dict[str, Any], right: Dict[str, Any], threshold: float,
            num_values: int) -> np.ndarray:
    """The verified pairs (gid a, gid b) among `pairs`, an (m, 2) array."""
    mask = (1 << _ROW_BITS) - 1
    rows_a = pairs[:, 0] & mask
    rows_b = pairs[:, 1] & mask
    same = left is right
    sigs = left["sigs"] if same else np.concatenate([left["sigs"], right["sigs"]])
    local = np.stack([rows_a, rows_b if same else rows_b + len(left["sigs"])], axis=1)
    kept, _ = _rashomon.verify_pairs(sigs, local, threshold, num_values)
    return pairs[kept]


def _take(signed: Dict[str, Any], rows: np.ndarray) -> np.ndarray:
    return signed["sigs"][rows]


def _group(components: List[np.ndarray], sigs: List[np.ndarray], threshold: float,
           num_values: int) -> List[List[Tuple[int, float]]]:
    out = []
    for gids, rows in zip(components, sigs):
        for g in _rashomon.group_signatures(rows, threshold, num_values):
            out.append([(int(gids[i]), s) for i, s in g])
    return out


def _components(edges: np.ndarray) -> List[np.ndarray]:
    """Connected components (>= 2 members, members sorted) of the edges."""
    parent: Dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in edges.tolist():
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: Dict[int, List[int]] = {}
    for x in list(parent):
        members.setdefault(find(x), []).append(x)
    return [np.array(sorted(m), dtype=np.int64) for _, m in sorted(members.items()) if len(m) >= 2]


def _run(client, signed: List[Any], threshold: float, num_values: int, shuffle_partitions: int,
         retries: int) -> List[List[Tuple[int, float]]]:
    submit = lambda *a, **k: client.submit(*a, retries=retries, pure=False, **k)  # noqa: E731
    parts = len(signed)
    buckets = max(1, shuffle_partitions or parts)
    splits = [submit(_split, s, buckets) for s in signed]
    pieces = [[submit(lambda sp, b=b: sp[b], sp) for sp in splits] for b in range(buckets)]
    cands = [submit(_candidates, *pieces[b]) for b in range(buckets)]
    routed = [submit(_route, c, parts) for c in cands]
    # Which partition pairs have candidates: small dicts of arrays, gathered.
    by_pair: Dict[Tuple[int, int], List[Any]] = {}
    for r in client.gather(routed):
        for key, arr in r.items():
            by_pair.setdefault(key, []).append(arr)
    verified = [
        submit(_verify, np.concatenate(arrs), signed[a], signed[b], threshold, num_values)
        for (a, b), arrs in sorted(by_pair.items())
    ]
    edges = client.gather(verified)
    edges = np.concatenate(edges) if edges else np.zeros((0, 2), dtype=np.int64)
    comps = _components(edges)
    if not comps:
        return []
    # Signatures of the component members, taken where they are.
    mask = (1 << _ROW_BITS) - 1
    everyone = np.concatenate(comps)
    part_of = everyone >> _ROW_BITS
    takes = {}
    for p in np.unique(part_of).tolist():
        gids = everyone[part_of == p]
        takes[p] = (gids, submit(_take, signed[p], gids & mask))
    rows_of: Dict[int, np.ndarray] = {}
    for p, (gids, fut) in takes.items():
        for g, row in zip(gids.tolist(), client.gather(fut)):
            rows_of[g] = row
    batches = max(1, min(len(comps), 4 * max(1, len(client.scheduler_info()["workers"]))))
    jobs = []
    for b in range(batches):
        chunk = comps[b::batches]
        jobs.append(submit(_group, chunk, [np.stack([rows_of[g] for g in c.tolist()]) for c in chunk],
                           threshold, num_values))
    groups = [g for part in client.gather(jobs) for g in part]
    groups.sort(key=lambda g: g[0][0])
    return groups


class DaskRunError(RuntimeError):
    """A distributed run that failed on every attempt (workers lost)."""


def _attempts(attempt: Callable[[], Any], job_retries: int) -> Any:
    """Runs `attempt`; when the cluster loses work it could not recompute
    (a worker killed while holding results: cancelled or lost futures,
    KilledWorker), runs it again, up to job_retries more times. Tasks are
    pure, so a repeated attempt gives the same answer. Errors of the input
    itself (ValueError, OSError) are raised at once."""
    from concurrent.futures import CancelledError

    from distributed import KilledWorker
    from distributed.comm.core import CommClosedError

    lost = (CancelledError, KilledWorker, CommClosedError)
    failures = []
    for _ in range(job_retries + 1):
        try:
            return attempt()
        except lost as e:  # noqa: PERF203
            failures.append(e)
    raise DaskRunError(f"rashomon.dask: the run failed {len(failures)} times as workers were lost; "
                       f"last: {failures[-1]!r}")


def dedup(client, items: Sequence[Any], threshold: float = 0.8, *, partitions: Optional[int] = None,
          shuffle_partitions: int = 0, shingle_words: int = 5, num_values: int = 256, retries: int = 2,
          job_retries: int = 2, on_task: Optional[Callable[[int], None]] = None) -> List[List[Tuple[Any, float]]]:
    """``rashomon.dedup(items, threshold)`` computed on the Dask cluster of
    ``client`` (a ``distributed.Client``): the same groups.

    ``items`` are texts (keys: positions) or articles/dicts (keys: ids),
    cut into ``partitions`` slices (default: 2 per worker).
    ``on_task(partition)`` runs on the worker at the start of each signing
    task (for progress reports and tests). Each task is retried ``retries``
    times; a run that loses results it cannot recompute (a worker killed
    while holding them) is run again up to ``job_retries`` times, then
    ``DaskRunError`` is raised.
    """
    _options_check(threshold, shingle_words, num_values)
    items = list(items)
    if all(isinstance(x, str) for x in items):
        texts, keys = items, list(range(len(items)))
    else:
        articles = _articles(items)
        texts, keys = [a.text or a.title for a in articles], [a.id for a in articles]
    if not texts:
        return []
    workers = max(1, len(client.scheduler_info()["workers"]))
    parts = max(1, min(len(texts), partitions or 2 * workers))
    bounds = np.linspace(0, len(texts), parts + 1).astype(int)
    slices = [texts[bounds[i]:bounds[i + 1]] for i in range(parts)]
    # The slices travel inside the tasks (not scattered): the scheduler keeps
    # them, so a task whose worker died can run again elsewhere.
    def attempt():
        signed = [client.submit(_sign, i, d, threshold, shingle_words, num_values, on_task,
                                retries=retries, pure=False) for i, d in enumerate(slices)]
        return _run(client, signed, threshold, num_values, shuffle_partitions, retries)

    groups = _attempts(attempt, job_retries)
    mask = (1 << _ROW_BITS) - 1
    return [[(keys[bounds[g >> _ROW_BITS] + (g & mask)], s) for g, s in group] for group in groups]


def dedup_files(client, paths: Sequence[str], threshold: float = 0.8, *, shuffle_partitions: int = 0,
                shingle_words: int = 5, num_values: int = 256, retries: int = 2,
                job_retries: int = 2, on_task: Optional[Callable[[int], None]] = None) -> List[List[Tuple[str, float]]]:
    """Dedup of files, each read and signed on a worker (one partition per
    file: the paths must be readable there, e.g. shared storage). Groups of
    (article id, similarity) in the order of the paths given."""
    _options_check(threshold, shingle_words, num_values)
    paths = [os.path.abspath(os.fspath(p)) for p in paths]
    for p in paths:
        if not os.path.isfile(p):
            raise OSError(f"{p}: not a file")
    def attempt():
        signed = [client.submit(_read_sign, i, p, threshold, shingle_words, num_values, on_task,
                                retries=retries, pure=False) for i, p in enumerate(paths)]
        groups = _run(client, signed, threshold, num_values, shuffle_partitions, retries)
        ids = client.gather([client.submit(lambda s: s["ids"], s, pure=False) for s in signed])
        return groups, ids

    groups, ids = _attempts(attempt, job_retries)
    mask = (1 << _ROW_BITS) - 1
    return [[(ids[g >> _ROW_BITS][g & mask], s) for g, s in group] for group in groups]


def main(argv: Optional[Sequence[str]] = None) -> int:
    """python3 -m rashomon.dask [--scheduler ADDRESS | --workers N] PATH...

    Writes the groups as JSON Lines, as ``rashomon dedup`` does. With
    --scheduler the files must be readable at the same paths on every
    worker host (shared storage)."""
    import argparse
    import json
    import sys

    from distributed import Client, LocalCluster

    ap = argparse.ArgumentParser(prog="python3 -m rashomon.dask", description="Near-duplicate groups on a Dask cluster")
    ap.add_argument("paths", nargs="+", help="JSON Lines (or any format rashomon reads) files; one partition each")
    ap.add_argument("--scheduler", help="address of a running dask-scheduler, e.g. tcp://host:8786")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes when no --scheduler")
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("-o", "--output", help="write to FILE instead of standard output")
    args = ap.parse_args(argv)
    try:
        if args.scheduler:
            client = Client(args.scheduler)
            cluster = None
        else:
            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
            client = Client(cluster)
        try:
            groups = dedup_files(client, args.paths, args.threshold)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    except (OSError, ValueError, DaskRunError) as e:
        print(f"rashomon: error: {e}", file=sys.stderr)
        return 2
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    for n, g in enumerate(groups, 1):
        line = {"group": n, "articles": [{"id": k, "similarity": round(s * 1e4) / 1e4} for k, s in g]}
        out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
    if args.output:
        out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
