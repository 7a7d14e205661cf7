#!/usr/bin/python3
"""Write a JSON Lines corpus in publication-time order, as a news stream
arrives: articles sorted by their "published" field (seconds since the epoch;
articles without one keep their place after the dated ones), ties in file
order. Memory holds one (time, offset, length) triple per article, not the
texts, so a corpus of a million articles sorts in well under a gigabyte.

Usage: tools/stream_order.py IN.jsonl OUT.jsonl
"""
import json
import re
import sys

PUBLISHED = re.compile(rb'"published"\s*:\s*(-?\d+)')


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    source, target = argv[1], argv[2]
    index = []
    with open(source, 'rb') as f:
        offset = 0
        for line in f:
            m = PUBLISHED.search(line)
            if m is None and line.strip():
                # A "published" field written as a string or float: parse the record.
                value = json.loads(line).get('published')
                when = int(value) if isinstance(value, (int, float)) else None
            else:
                when = int(m.group(1)) if m else None
            if line.strip():
                key = (0, when) if when is not None else (1, 0)
                index.append((key, offset, len(line)))
            offset += len(line)
    index.sort(key=lambda e: (e[0], e[1]))
    with open(source, 'rb') as f, open(target, 'wb') as out:
        for _, offset, length in index:
            f.seek(offset)
            line = f.read(length)
            out.write(line if line.endswith(b'\n') else line + b'\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
