#!/usr/bin/python3
"""`rashomon dedup` with 1 and 2 threads on one corpus, alternating runs.

Prints, per thread count, the best wall time and the CPU time (user +
system) of that run, the median wall, the load average before each run,
and checks that every run wrote the same groups. The machine may be shared:
Linux's autogroup scheduling gives each session an equal share of the CPU,
so a second thread only shortens the wall time when a second core is idle;
the best of several runs is the figure, and the load average says how
quiet the machine was.

    /usr/bin/python3 tools/dedup_threads.py /tmp/g200k/articles.jsonl --rounds 5
"""

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def run(binary, threads, corpus, out):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    subprocess.run([binary, "-q", "--threads", str(threads), "dedup", corpus, "-o", out], check=False)
    wall = time.perf_counter() - w0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    with open(out, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return wall, cpu, digest


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--binary", default="build/rashomon")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with open(args.corpus, "rb") as f:  # into the page cache
        while f.read(1 << 24):
            pass
    runs = {1: [], 2: []}
    digests = set()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "groups.jsonl")
        for _ in range(args.rounds):
            for threads in (1, 2):
                load = os.getloadavg()[0]
                wall, cpu, digest = run(args.binary, threads, args.corpus, out)
                runs[threads].append((wall, cpu, load))
                digests.add(digest)
    print("| threads | best wall s | CPU s of that run | median wall s | load average (1 min) |")
    print("| ---: | ---: | ---: | ---: | --- |")
    for threads, r in runs.items():
        best = min(r)
        loads = [x[2] for x in r]
        print("| %d | %.2f | %.2f | %.2f | %.1f-%.1f |" % (threads, best[0], best[1],
                                                         statistics.median(x[0] for x in r), min(loads), max(loads)))
    print()
    print("2 threads vs 1, best wall: %.2fx; outputs identical: %s" %
          (min(runs[1])[0] / min(runs[2])[0], "yes" if len(digests) == 1 else "NO"))
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
