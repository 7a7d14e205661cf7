#!/usr/bin/env python3
"""How much unrelated generated originals share, verbatim.

`rashomon generate` recombines sentences from a fixed bank, so at large sizes
unrelated stories reuse the same sentences, which real news rarely does. This
reads the first N articles of a JSON Lines file (at the head of a generated
corpus these are all originals of different gold stories), splits them into
sentences of six words or more, and for 300 sampled originals counts how many
other originals share at least three of their sentences, and the largest
share of an original's sentences found in any single other original.

Usage: /usr/bin/python3 tools/generator_overlap.py FILE.jsonl N
"""
import collections
import json
import random
import re
import sys


def main() -> None:
    path, n = sys.argv[1], int(sys.argv[2])
    where = collections.defaultdict(list)
    texts = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= n:
                break
            text = json.loads(line)["text"]
            sentences = {s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6}
            texts.append(sentences)
            for s in sentences:
                where[s].append(i)
    n = len(texts)
    random.seed(1)
    sample = random.sample(range(n), min(300, n))
    sharing, best = 0, 0.0
    for a in sample:
        overlap = collections.Counter(b for s in texts[a] for b in where[s] if b != a)
        sharing += sum(1 for v in overlap.values() if v >= 3)
        best += max(overlap.values(), default=0) / max(1, len(texts[a]))
    print(f"{path}: first {n} articles; other originals sharing >= 3 sentences with one: "
          f"{sharing / len(sample):.3f} on average; largest share in one other: {best / len(sample):.3f}")


if __name__ == "__main__":
    main()
