"""Dedup of one corpus, side by side in one run: the CLI, the Python API
(streamed files, and read-then-dedup), and rashomon.dask with 1 and 2
workers. Prints a Markdown table of wall and CPU seconds (best of --repeat).

    PYTHONPATH=build/python python3 python/bench/dedup_side_by_side.py \
        --binary build/rashomon --corpus /tmp/g200k/articles.jsonl
"""

import argparse
import os
import resource
import subprocess
import tempfile
import time


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def measure(fn, repeat, cpu=cpu_self):
    best = None
    out = None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), cpu()
        out = fn()
        w, c = time.perf_counter() - w0, cpu() - c0
        if best is None or w < best[0]:
            best = (w, c)
    return best, out


def split(path, parts, folder):
    lines = open(path, encoding="utf-8").readlines()
    paths = []
    for i in range(parts):
        p = os.path.join(folder, f"part{i:02d}.jsonl")
        with open(p, "w", encoding="utf-8") as f:
            f.writelines(lines[i * len(lines) // parts:(i + 1) * len(lines) // parts])
        paths.append(p)
    return paths


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="build/rashomon", help="the rashomon binary (default: build/rashomon)")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--parts", type=int, default=8)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()

    import rashomon

    rows = []
    (w, c), _ = measure(lambda: subprocess.run([args.binary, "-q", "dedup", args.corpus, "-o", os.devnull],
                                               check=True), args.repeat, cpu_children)
    rows.append(("CLI `rashomon dedup`", w, c))
    (w, c), groups = measure(lambda: rashomon.dedup_files(args.corpus), args.repeat)
    rows.append(("Python `rashomon.dedup_files`", w, c))
    (w, c), groups2 = measure(lambda: rashomon.dedup(rashomon.read(args.corpus)), args.repeat)
    rows.append(("Python `rashomon.dedup(rashomon.read(...))`", w, c))
    assert groups == groups2
    results = {}
    if not args.no_dask:
        import distributed

        import rashomon.dask as rdask
        with tempfile.TemporaryDirectory() as tmp:
            paths = split(args.corpus, args.parts, tmp)
            for workers in (1, 2):
                with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                              dashboard_address=None, silence_logs=40) as cl, \
                        distributed.Client(cl) as client:
                    client.wait_for_workers(workers)
                    # CPU: the client's process plus every worker process.
                    def cluster_cpu():
                        return cpu_self() + sum(client.run(cpu_self).values())
                    (w, c), got = measure(lambda: rdask.dedup_files(client, paths), args.repeat, cluster_cpu)
                    rows.append((f"rashomon.dask, {workers} worker process{'es' if workers > 1 else ''}"
                                 f" ({args.parts} files)", w, c))
                    results[workers] = got
    cli_cpu = rows[0][2]
    print("| run | wall s | CPU s | CPU vs CLI |")
    print("| --- | ---: | ---: | ---: |")
    for name, w, c in rows:
        print(f"| {name} | {w:.2f} | {c:.2f} | {c / cli_cpu:.3f}x |")
    print(f"\ngroups: {len(groups)}", end="")
    for k, v in results.items():
        print(f"; dask {k} worker(s) equal to dedup_files: {v == groups}", end="")
    print()


if __name__ == "__main__":
    main()
