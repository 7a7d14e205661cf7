#!/usr/bin/env bash
# Load test of `rashomon serve` (issue 6): wrk with 32 connections against the
# story API on a generated corpus while articles are posted to the ingest API
# at the same time.
#
#   1. generates ARTICLES articles (plus a held-out set to post) from the
#      texts in FROM with `rashomon generate` (the bundled sample is too small a
#      source: its recombined sentences all fall into a few giant stories);
#   2. starts `rashomon serve` on them (in-memory backend; analysis runs once
#      at start and again after every ingest);
#   3. runs wrk (2 threads, 32 connections, DURATION) over GET /api/stories/ID
#      for every story and GET /api/stories?... list pages, while a loop posts
#      batches of BATCH held-out articles one after another;
#   4. prints wrk's throughput and latency percentiles, and the ingest count
#      and failures.
#
# With DB=FILE (a database made by `rashomon ingest`), step 1 generates only
# the articles to post and step 2 runs `rashomon serve --db FILE` instead
# (stories come from the store; a story's analysis is computed on its first
# request and cached in the database; posts are incremental ingests into
# FILE, so use a copy).
#
# Usage: tools/serve_load.sh [ARTICLES]    (default 10000)
# Env:   DURATION (30s) BATCH (10) PORT (18080) RASHOMON_BIN (build/rashomon)
#        FROM (../shared/data/polnear) DB (none)
#        STORIES (all): only the first STORIES stories of the size order are
#        requested; WARM=1 requests each of them once before wrk starts (so a
#        store's analysis cache holds them and the run measures cached reads)
#        SERVE_ARGS (none): more arguments for `rashomon serve`, e.g.
#        "--warm 0" to turn its background warming off
#        IDLE (0): seconds the server is left idle after start-up before any
#        request, e.g. a head start for its background warming; the warming
#        counters of /healthz are printed before and after wrk
#        IDLE_CONNECTIONS (0): before wrk, opens this many connections that
#        send nothing and prints the server's resident memory and thread
#        count before and after (memory per idle connection); they stay
#        open during the wrk run
# Needs: wrk, curl, jq (Debian packages; scripts/install-deps.sh --extras).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${RASHOMON_BIN:-$root/build/rashomon}
articles=${1:-10000}
duration=${DURATION:-30s}
batch=${BATCH:-10}
port=${PORT:-18080}
from=${FROM:-$root/../shared/data/polnear}
db=${DB:-}
stories_max=${STORIES:-0}
warm=${WARM:-0}
idle=${IDLE:-0}
idle_connections=${IDLE_CONNECTIONS:-0}
read -r -a serve_args <<< "${SERVE_ARGS:-}"
for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "serve_load: needs $tool" >&2; exit 2; }
done

work=$(mktemp -d)
server_pid=""
ingest_pid=""
cleanup() {
  [[ -n "$ingest_pid" ]] && kill "$ingest_pid" 2>/dev/null || true
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -z "$db" ]]; then
  echo "== generating $articles articles (+ $((batch * 50)) to post)" >&2
  "$bin" -q generate --from "$from" --articles "$articles" --seed 1 -o "$work/corpus" >/dev/null
else
  echo "== serving $db; generating $((batch * 50)) articles to post" >&2
fi
"$bin" -q generate --from "$from" --articles $((batch * 50)) --seed 2 -o "$work/extra" >/dev/null
# Held-out ids must not collide with the served ones.
jq -c '.id = "post-" + .id' "$work/extra/articles.jsonl" > "$work/post.jsonl"

echo "== starting rashomon serve on 127.0.0.1:$port" >&2
start=$(date +%s)
if [[ -z "$db" ]]; then
  "$bin" -q serve --port "$port" "${serve_args[@]}" "$work/corpus/articles.jsonl" 2>"$work/serve.log" &
else
  "$bin" -q serve --port "$port" --db "$db" "${serve_args[@]}" 2>"$work/serve.log" &
fi
server_pid=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 1
done
echo "   ready after $(( $(date +%s) - start ))s" >&2
if ((idle > 0)); then
  echo "   idle for ${idle}s" >&2
  sleep "$idle"
fi
echo "   healthz before the requests: $(curl -sf "http://127.0.0.1:$port/healthz")" >&2

# Request paths for wrk: every story (by id) and list pages in both orders.
total=$(curl -sf "http://127.0.0.1:$port/api/stories?limit=1" | jq .total)
: > "$work/paths"
wanted=$total
if ((stories_max > 0 && stories_max < total)); then wanted=$stories_max; fi
for ((off = 0; off < wanted; off += 200)); do
  curl -sf "http://127.0.0.1:$port/api/stories?limit=$((wanted - off < 200 ? wanted - off : 200))&offset=$off" |
    jq -r '.stories[].id | @uri "/api/stories/\(.)"' >> "$work/paths"
done
if [[ "$warm" == 1 ]]; then
  echo "   warming $wanted stories" >&2
  grep '^/api/stories/' "$work/paths" | while read -r p; do
    curl -sf -o /dev/null "http://127.0.0.1:$port$p" || true
  done
fi
for ((off = 0; off < total && off < 2000; off += 50)); do
  echo "/api/stories?limit=50&offset=$off" >> "$work/paths"
  echo "/api/stories?sort=recency&limit=50&offset=$off" >> "$work/paths"
done
echo "   $total stories; $(wc -l < "$work/paths") distinct request paths" >&2

cat > "$work/paths.lua" <<LUA
local paths = {}
for line in io.lines("$work/paths") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i * 7919) % #paths + 1])
end
LUA

proc_field() { awk -v f="$1:" '$1 == f {print $2}' "/proc/$server_pid/status"; }
if ((idle_connections > 0)); then
  rss0=$(proc_field VmRSS); threads0=$(proc_field Threads)
  idle_fds=()
  for ((i = 0; i < idle_connections; i++)); do
    exec {fd}<>"/dev/tcp/127.0.0.1/$port"
    idle_fds+=("$fd")
  done
  sleep 2
  rss1=$(proc_field VmRSS); threads1=$(proc_field Threads)
  echo "== $idle_connections idle connections: RSS ${rss0} -> ${rss1} kB ($(( (rss1 - rss0) * 1024 / idle_connections )) bytes each), threads $threads0 -> $threads1; healthz: $(curl -s -m 5 -o /dev/null -w '%{http_code} in %{time_total}s' "http://127.0.0.1:$port/healthz")"
fi

# Ingest loop: post batches back to back until stopped. A batch still in
# flight when wrk ends is counted as neither.
echo "0 0" > "$work/ingest.count"
(
  ok=0; failed=0; n=0
  while true; do
    sed -n "$((n * batch + 1)),$(((n + 1) * batch))p" "$work/post.jsonl" > "$work/batch.jsonl"
    [[ -s "$work/batch.jsonl" ]] || n=0
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @"$work/batch.jsonl" \
      -H 'Content-Type: application/x-ndjson' "http://127.0.0.1:$port/api/articles" || echo 000)
    if [[ "$code" == "201" ]]; then ok=$((ok + 1)); else failed=$((failed + 1)); fi
    echo "$ok $failed" > "$work/ingest.count"
    n=$((n + 1))
  done
) &
ingest_pid=$!

echo "== wrk -t2 -c32 -d$duration --latency (ingest running)" >&2
wrk -t2 -c32 -d"$duration" --latency -s "$work/paths.lua" "http://127.0.0.1:$port" | tee "$work/wrk.txt"
kill "$ingest_pid" 2>/dev/null || true
wait "$ingest_pid" 2>/dev/null || true
ingest_pid=""
read -r ok failed < "$work/ingest.count" || { ok=0; failed=0; }
after=$(curl -sf "http://127.0.0.1:$port/api/stories?limit=1" | jq .total)
echo "   healthz after the run: $(curl -sf "http://127.0.0.1:$port/healthz")" >&2
echo "== ingest during the run: $ok batches of $batch posted with 201, $failed failed; stories $total -> $after"
