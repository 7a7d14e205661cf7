#!/usr/bin/python3
"""Throughput of readability-lxml (Debian python3-readability) over HTML pages.

Usage: /usr/bin/python3 readability_py_bench.py DIR [ROUNDS]

Files are read before timing; the timed loop covers Document(html).summary()
for each page, one after another on a single thread.
Prints: pages seconds pages_per_second cpu_seconds (user + system, whole process)
"""
import logging
import os
import sys
import time

import readability

logging.disable(logging.CRITICAL)


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    names = sorted(n for n in os.listdir(folder) if n.endswith(".html"))
    pages = []
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            pages.append(f.read())

    done = extracted = failed = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(rounds):
        for html in pages:
            try:
                summary = readability.Document(html).summary()
                if summary:
                    extracted += 1
            except Exception:  # noqa: BLE001 - a failing page still counts as tried
                failed += 1
            done += 1
    secs = time.perf_counter() - start
    cpu_secs = time.process_time() - cpu_start
    print(f"readability-lxml: {extracted}/{done} pages gave a summary, {failed} errors",
          file=sys.stderr)
    print(f"{done} {secs:.3f} {done / secs:.2f} {cpu_secs:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
