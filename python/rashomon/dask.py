"""Near-duplicate detection, stories and analysis over a Dask distributed cluster.

``dedup(client, items)`` and ``dedup_files(client, paths)`` give the same
groups as ``rashomon.dedup`` / ``rashomon dedup`` on one machine:

1. sign: each input partition (a slice of the items, or one file read on a
   worker) is signed on a worker: MinHash signatures plus the LSH band keys
   of each article (``LshIndex.band_keys``, the keys the single-process
   index uses);
2. shuffle: (band, key, article) records, 16 bytes per band and article,
   are split by key into ``shuffle_partitions`` buckets; each bucket lists
   the pairs of articles that share a band key (the LSH candidates); the
   pairs are shuffled once more, by pair, so that a pair found in several
   bands is verified once;
3. verify: rows move, not partitions: each bucket names, per input
   partition, the articles it holds candidates of; each partition sends
   each bucket the verification fingerprints of those rows only (what the
   single-process index keeps of a signature: 256 bytes for 256 values);
   each bucket joins them to its pairs and verifies them by the estimate the
   single-process index uses;
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

``stories(client, items)`` finds stories per time window and stitches the
windows; ``analyze(client, items)`` gives the report of ``rashomon.analyze``
with the analysis a map over stories (see its docstring).

Article ids are taken as given (ids repeated across partitions are not
renamed as the CLI renames them). Tasks are pure functions of their inputs,
so a worker lost mid-run costs a recomputation of its tasks by the others
(Dask's lineage), and the answer does not change.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from . import _rashomon
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
    if on_task is not None:
        on_task(part)
    ids, sigs = _rashomon.sign_paths([path], shingle_words, num_values, 1)
    keys = _rashomon.LshIndex(threshold, num_values).band_keys(sigs)
    gids = (np.int64(part) << _ROW_BITS) + np.arange(len(ids), dtype=np.int64)
    return {"sigs": sigs, "keys": keys, "gids": gids, "ids": ids}


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
    n = len(records)
    same = np.ones(n, dtype=bool)
    same[1:] = (records[1:, 0] == records[:-1, 0]) & (records[1:, 1] == records[:-1, 1])
    same[0] = False
    starts = np.flatnonzero(~same)
    sizes = np.diff(np.append(starts, n))
    # Buckets of two (most of them): their pair at once.
    two = starts[sizes == 2]
    if len(two):
        pairs.append(np.stack([records[two, 2], records[two + 1, 2]], axis=1))
    for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist()):
        members = records[start:start + size, 2]
        i, j = np.triu_indices(size, k=1)
        pairs.append(np.stack([members[i], members[j]], axis=1))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(pairs), axis=0)


def _split_pairs(cands: np.ndarray, buckets: int) -> List[np.ndarray]:
    """Candidate pairs split by pair, so that a pair found in several band
    buckets meets its copies in one verifying bucket."""
    h = (cands[:, 0].astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ cands[:, 1].astype(np.uint64)
    target = (h >> np.uint64(33)) % np.uint64(buckets)
    return [cands[target == b] for b in range(buckets)]


def _unique_pairs(*pieces: np.ndarray) -> np.ndarray:
    pairs = np.concatenate(pieces) if pieces else np.zeros((0, 2), dtype=np.int64)
    return np.unique(pairs, axis=0) if len(pairs) else np.zeros((0, 2), dtype=np.int64)


def _endpoints(cands: np.ndarray, parts: int) -> List[np.ndarray]:
    """The articles of each input partition among the candidate pairs: per
    partition, its gids (sorted, unique)."""
    ends = np.unique(cands.ravel()) if len(cands) else np.zeros(0, dtype=np.int64)
    cuts = np.searchsorted(ends >> _ROW_BITS, np.arange(parts + 1))
    return [ends[cuts[p]:cuts[p + 1]] for p in range(parts)]


def _needs(cands: np.ndarray, parts: int) -> Tuple[int, List[np.ndarray]]:
    """(number of candidate pairs, their articles of each partition)."""
    return len(cands), _endpoints(cands, parts)


def _fingerprints(signed: Dict[str, Any], threshold: float, num_values: int,
                  *needed: np.ndarray) -> List[np.ndarray]:
    """The verification fingerprints (what the single-process index keeps of
    a signature: 256 bytes for 256 values) of the rows each verifying task
    needs, one (k, width) uint8 array per `needed` array of gids."""
    index = _rashomon.LshIndex(threshold, num_values)
    mask = (1 << _ROW_BITS) - 1
    return [index.fingerprints(signed["sigs"][gids & mask]) for gids in needed]


def _verify_rows(cands: np.ndarray, threshold: float, num_values: int,
                 *fingerprints: np.ndarray) -> Tuple[np.ndarray, int]:
    """The verified pairs among `cands` (an (m, 2) array of gids) and the
    bytes this task received. `fingerprints` are those of the candidates'
    articles, as _fingerprints emitted them for this task: one array per
    partition, partitions in order, rows in gid order. The estimate and the
    slack are those of the single-process index (LshIndex::Query)."""
    received = cands.nbytes + sum(fp.nbytes for fp in fingerprints)
    if len(cands) == 0:
        return np.zeros((0, 2), dtype=np.int64), received
    ends = np.unique(cands.ravel())
    fps = np.concatenate(fingerprints)
    if len(fps) != len(ends):
        raise RuntimeError(f"rashomon.dask: {len(fps)} fingerprints for {len(ends)} candidate articles")
    index = _rashomon.LshIndex(threshold, num_values)
    sims = index.pair_similarities(fps, np.searchsorted(ends, cands))
    return cands[sims + 1e-4 >= threshold], received


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
         retries: int, stats: Optional[Dict[str, int]] = None) -> List[List[Tuple[int, float]]]:
    submit = lambda *a, **k: client.submit(*a, retries=retries, pure=False, **k)  # noqa: E731
    parts = len(signed)
    buckets = max(1, shuffle_partitions or parts)
    splits = [submit(_split, s, buckets) for s in signed]
    pieces = [[submit(lambda sp, b=b: sp[b], sp) for sp in splits] for b in range(buckets)]
    found = [submit(_candidates, *pieces[b]) for b in range(buckets)]
    # A near-duplicate pair shares keys in several bands, so several buckets
    # find it (5.2 on average over the 200,000 articles of docs/python.md):
    # the pairs are shuffled once more, by pair, and each is verified once.
    psplits = [submit(_split_pairs, f, buckets) for f in found]
    cands = [submit(_unique_pairs, *[submit(lambda sp, b=b: sp[b], sp) for sp in psplits])
             for b in range(buckets)]
    # Verification moves rows, not partitions: each candidate bucket names,
    # per input partition, the articles it holds candidates of; each
    # partition sends each bucket the fingerprints of those rows only; each
    # bucket joins them to its pairs and verifies. Only the counts come to
    # the client, to leave out the (bucket, partition) pieces with nothing.
    needs = [submit(_needs, c, parts) for c in cands]
    shapes = client.gather([submit(lambda nd: (nd[0], [len(x) for x in nd[1]]), nd) for nd in needs])
    wanted: Dict[int, List[Tuple[int, Any]]] = {}  # partition -> [(bucket, future of its gids)]
    for b, (_, sizes) in enumerate(shapes):
        for p, size in enumerate(sizes):
            if size:
                wanted.setdefault(p, []).append((b, submit(lambda nd, p=p: nd[1][p], needs[b])))
    sent: Dict[int, List[Any]] = {}  # bucket -> fingerprints, one future per partition, in order
    for p, asks in sorted(wanted.items()):
        fps = submit(_fingerprints, signed[p], threshold, num_values, *[f for _, f in asks])
        for k, (b, _) in enumerate(asks):
            sent.setdefault(b, []).append(submit(lambda f, k=k: f[k], fps))
    verified = [submit(_verify_rows, cands[b], threshold, num_values, *sent[b])
                for b in range(buckets) if shapes[b][0]]
    results = client.gather(verified)
    if stats is not None:
        stats["candidates"] = stats.get("candidates", 0) + sum(m for m, _ in shapes)
        stats["verify_bytes"] = stats.get("verify_bytes", 0) + sum(r for _, r in results)
    edges = [e for e, _ in results]
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
          job_retries: int = 2, on_task: Optional[Callable[[int], None]] = None,
          stats: Optional[Dict[str, int]] = None) -> List[List[Tuple[Any, float]]]:
    """``rashomon.dedup(items, threshold)`` computed on the Dask cluster of
    ``client`` (a ``distributed.Client``): the same groups.

    ``items`` are texts (keys: positions) or articles/dicts (keys: ids),
    cut into ``partitions`` slices (default: 2 per worker).
    ``on_task(partition)`` runs on the worker at the start of each signing
    task (for progress reports and tests). Each task is retried ``retries``
    times; a run that loses results it cannot recompute (a worker killed
    while holding them) is run again up to ``job_retries`` times, then
    ``DaskRunError`` is raised. A dict given as ``stats`` is filled with
    what verification moved: ``candidates`` (unique candidate pairs) and
    ``verify_bytes`` (the bytes the
    verifying tasks received: the pairs and the fingerprints of their
    articles, in proportion to the candidates, whatever the partitions' size).
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
        if stats is not None:
            stats.clear()
        signed = [client.submit(_sign, i, d, threshold, shingle_words, num_values, on_task,
                                retries=retries, pure=False) for i, d in enumerate(slices)]
        return _run(client, signed, threshold, num_values, shuffle_partitions, retries, stats)

    groups = _attempts(attempt, job_retries)
    mask = (1 << _ROW_BITS) - 1
    return [[(keys[bounds[g >> _ROW_BITS] + (g & mask)], s) for g, s in group] for group in groups]


def dedup_files(client, paths: Sequence[str], threshold: float = 0.8, *, shuffle_partitions: int = 0,
                shingle_words: int = 5, num_values: int = 256, retries: int = 2,
                job_retries: int = 2, on_task: Optional[Callable[[int], None]] = None,
                stats: Optional[Dict[str, int]] = None) -> List[List[Tuple[str, float]]]:
    """Dedup of files, each read and signed on a worker (one partition per
    file: the paths must be readable there, e.g. shared storage). Groups of
    (article id, similarity) in the order of the paths given; ``stats`` as
    for ``dedup``."""
    _options_check(threshold, shingle_words, num_values)
    paths = [os.path.abspath(os.fspath(p)) for p in paths]
    for p in paths:
        if not os.path.isfile(p):
            raise OSError(f"{p}: not a file")
    def attempt():
        if stats is not None:
            stats.clear()
        signed = [client.submit(_read_sign, i, p, threshold, shingle_words, num_values, on_task,
                                retries=retries, pure=False) for i, p in enumerate(paths)]
        groups = _run(client, signed, threshold, num_values, shuffle_partitions, retries, stats)
        ids = client.gather([client.submit(lambda s: s["ids"], s, pure=False) for s in signed])
        return groups, ids

    groups, ids = _attempts(attempt, job_retries)
    mask = (1 << _ROW_BITS) - 1
    return [[(ids[g >> _ROW_BITS][g & mask], s) for g, s in group] for group in groups]


def _window_stories(records: List[Dict[str, Any]], threads: int) -> Dict[str, str]:
    from . import read, stories as _stories
    return _stories(read(records), threads=threads)


def time_windows(published: Sequence[Optional[int]], window_days: float,
                 overlap_days: float) -> List[List[int]]:
    """Positions of the articles in each time window: windows of window_days
    starting every window_days - overlap_days, so an article near an edge
    falls in two; undated articles form one window of their own."""
    if not (window_days > 0 and 0 <= overlap_days < window_days):
        raise ValueError(f"need window_days > 0 and 0 <= overlap_days < window_days, "
                         f"got {window_days} and {overlap_days}")
    width, step = window_days * 86400, (window_days - overlap_days) * 86400
    dated = [(t, i) for i, t in enumerate(published) if t is not None]
    windows: Dict[int, List[int]] = {}
    if dated:
        start = min(t for t, _ in dated)
        for t, i in dated:
            k_last = int((t - start) // step)
            k = k_last
            while k >= 0 and start + k * step + width > t:
                windows.setdefault(k, []).append(i)
                k -= 1
    out = [sorted(v) for _, v in sorted(windows.items())]
    undated = [i for i, t in enumerate(published) if t is None]
    if undated:
        out.append(undated)
    return out


def stories(client, items: Sequence[Any], *, window_days: Optional[float] = 7.0, overlap_days: float = 1.0,
            threads: int = 1, retries: int = 2) -> Dict[str, str]:
    """Story of each article (by id, input order), found per time window on
    the cluster and stitched: windows of ``window_days`` overlapping by
    ``overlap_days``; each is clustered by ``rashomon.stories`` on a worker;
    an article that falls in two windows joins its stories of both into one.

    Not the same as one process in general: each window is clustered with
    its own term statistics and without the articles outside it, so a story
    longer than the overlap can be cut, and stitching through a shared
    article can join two stories. With one window covering all the articles
    (``window_days=None``: every article, dated or not, clustered on one
    worker) the answer is that of ``rashomon.stories``.
    """
    articles = _articles(items)
    if window_days is None:
        windows = [list(range(len(articles)))] if articles else []
    else:
        windows = time_windows([a.published for a in articles], window_days, overlap_days)
    from . import article_to_dict
    records = [article_to_dict(a) for a in articles]
    futures = [client.submit(_window_stories, [records[i] for i in w], threads, retries=retries, pure=False)
               for w in windows]
    results = client.gather(futures)
    parent: Dict[Tuple[int, str], Tuple[int, str]] = {}

    def find(x):
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    nodes_of: Dict[str, List[Tuple[int, str]]] = {}
    for k, result in enumerate(results):
        for article_id, story in result.items():
            nodes_of.setdefault(article_id, []).append((k, story))
    for nodes in nodes_of.values():
        for other in nodes[1:]:
            ra, rb = find(nodes[0]), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: Dict[Tuple[int, str], List[str]] = {}
    for a in articles:
        members.setdefault(find(nodes_of[a.id][0]), []).append(a.id)
    story_of = {}
    for ids in members.values():
        sid = _rashomon.story_id(ids)
        for i in ids:
            story_of[i] = sid
    return {a.id: story_of[a.id] for a in articles}


def _line_counts(records: List[Dict[str, Any]]) -> Tuple[np.ndarray, np.ndarray, int]:
    from . import read
    return _rashomon.line_counts(read(records))


def _add_counts(*parts: Tuple[np.ndarray, np.ndarray, int]) -> Tuple[np.ndarray, np.ndarray, int]:
    """The line counts of the whole corpus from those of its partitions."""
    keys = np.concatenate([k for k, _, _ in parts])
    counts = np.concatenate([c for _, c, _ in parts]).astype(np.uint64)
    unique, inverse = np.unique(keys, return_inverse=True)
    total = np.bincount(inverse, weights=counts, minlength=len(unique)) if len(unique) else np.zeros(0)
    return unique, np.rint(total).astype(np.uint32), sum(n for _, _, n in parts)


def _analyze_stories(batch: List[Tuple[str, List[Dict[str, Any]]]],
                     table: Tuple[np.ndarray, np.ndarray, int]) -> List[Tuple[List[str], str]]:
    """(member ids, report entry as JSON) of each story of the batch."""
    from . import read
    keys, counts, n = table
    out = []
    for story_id, records in batch:
        members = read(records)
        out.append(([a.id for a in members], _rashomon.analyze_story_json(members, story_id, keys, counts, n)))
    return out


def _report(records: List[Dict[str, Any]], labels: List[int], analysed: List[Tuple[List[str], str]],
            threads: int) -> str:
    from . import read
    return _rashomon.report_of_stories_json(read(records), labels, analysed, threads)


def analyze(client, items: Optional[Sequence[Any]] = None, *, window_days: Optional[float] = None,
            overlap_days: float = 1.0, partitions: Optional[int] = None, threads: int = 1,
            retries: int = 2) -> Dict[str, Any]:
    """``rashomon.analyze(items)`` computed on the Dask cluster of ``client``:
    the report as Python dicts, analysis a map over stories.

    1. stories: as ``stories(client, items, window_days=..., overlap_days=...)``;
       with ``window_days=None`` (the default) one worker clusters every
       article, so the stories, and the report, are one process's;
    2. line counts: cleaning tells boilerplate by the short lines that recur
       across the corpus, so each of ``partitions`` slices (default: 2 per
       worker) counts its lines on a worker and the counts are added up;
    3. each story is cleaned (with the corpus counts) and analysed on a
       worker, stories in batches;
    4. the report is put together on one worker from the analysed stories:
       the articles are cleaned once more for the topic step, which groups
       stories across the corpus, and no story is analysed again.
    """
    from . import analyze as _analyze_one, article_to_dict
    articles = _articles(items)
    if not articles:
        return _analyze_one([])
    story_of = stories(client, articles, window_days=window_days, overlap_days=overlap_days,
                       threads=threads, retries=retries)
    records = [article_to_dict(a) for a in articles]
    submit = lambda *a, **k: client.submit(*a, retries=retries, pure=False, **k)  # noqa: E731
    workers = max(1, len(client.scheduler_info()["workers"]))
    parts = max(1, min(len(records), partitions or 2 * workers))
    bounds = np.linspace(0, len(records), parts + 1).astype(int)
    counted = [submit(_line_counts, records[bounds[i]:bounds[i + 1]]) for i in range(parts)]
    table = submit(_add_counts, *counted)
    members: Dict[str, List[int]] = {}
    for i, a in enumerate(articles):
        members.setdefault(story_of[a.id], []).append(i)
    ordered = sorted(members.items(), key=lambda kv: -len(kv[1]))  # the big stories first
    batches = max(1, min(len(ordered), 4 * workers))
    jobs = [submit(_analyze_stories, [(sid, [records[i] for i in idx]) for sid, idx in ordered[b::batches]], table)
            for b in range(batches)]
    analysed = [x for part in client.gather(jobs) for x in part]
    label_of = {sid: n for n, (sid, _) in enumerate(ordered)}
    labels = [label_of[story_of[a.id]] for a in articles]
    return json.loads(client.gather(submit(_report, records, labels, analysed, threads)))


def pair_agreement(a: Dict[str, str], b: Dict[str, str]) -> Tuple[float, float]:
    """(recall, precision) of the same-story pairs of ``b`` against those of
    ``a`` (same keys): how far a windowed assignment is from one process's."""
    def pairs(assign):
        groups: Dict[str, List[str]] = {}
        for k, v in assign.items():
            groups.setdefault(v, []).append(k)
        return {(x, y) for g in groups.values() for i, x in enumerate(sorted(g)) for y in sorted(g)[i + 1:]}
    pa, pb = pairs(a), pairs(b)
    both = len(pa & pb)
    return (both / len(pa) if pa else 1.0, both / len(pb) if pb else 1.0)


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
