#!/usr/bin/env bash
# One `rashomon watch --once` round over FEEDS fixture feeds of ITEMS items
# each, every item a one-line summary whose page the watcher fetches and
# extracts, from the loopback fixture server (tests/watch/fixture_server.py).
# Prints /usr/bin/time's user s, system s, peak KB and wall s, then the
# round's line.   tools/watch_round.sh [FEEDS] [ITEMS]
set -euo pipefail
feeds=${1:-1000}
items=${2:-50}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
ITEMS=$items DELAY=0 SHORT=1 python3 "$root/tests/watch/fixture_server.py" > "$work/port" &
server=$!
trap 'kill $server; rm -rf "$work"' EXIT
while [[ ! -s "$work/port" ]]; do sleep 0.1; done
port=$(head -1 "$work/port")
{
  echo '<opml version="2.0"><body>'
  for ((n = 0; n < feeds; n++)); do echo "<outline xmlUrl=\"http://127.0.0.1:$port/big/$n.rss\"/>"; done
  echo '</body></opml>'
} > "$work/feeds.opml"
/usr/bin/time -f '%U %S %M %e' "$root/build/rashomon" --quiet watch --db "$work/bench.db" --once \
  --interval 0 --delay 0 "$work/feeds.opml"
