#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzzer build for a bounded time, starting
# from seed corpora made here and now out of corpus/sample (nothing binary is
# committed). Prints, per target, its run time and executions; exits 1 if any
# target found a crash, leak, timeout or out-of-memory (the reproducer is kept
# under BUILD/fuzz-run/NAME/artifacts and named in the output).
#   scripts/run-fuzzers.sh BUILD_DIR [SECONDS_PER_TARGET]
set -euo pipefail
build=${1:?usage: run-fuzzers.sh BUILD_DIR [SECONDS_PER_TARGET]}
seconds=${2:-6}
root=$(cd "$(dirname "$0")/.." && pwd)
sample="$root/corpus/sample"
work="$build/fuzz-run"

shopt -s nullglob
fuzzers=("$build"/fuzz/*_fuzzer)
if [[ ${#fuzzers[@]} -eq 0 ]]; then
  echo "run-fuzzers: no fuzz targets in $build/fuzz (configure with -DRASHOMON_BUILD_FUZZERS=ON)" >&2
  exit 2
fi

rm -rf "$work"
mkdir -p "$work/seeds"
# Seed material: the sample articles as they are, as HTML, inside a WARC
# record, compressed, and one JSON Lines record a file.
texts=("$sample"/*/*.md "$sample"/*/*.txt)
i=0
for f in "${texts[@]}"; do
  i=$((i + 1))
  cp "$f" "$work/seeds/text-$i"
  {
    echo "<!doctype html><html><head><title>$(head -c 80 "$f" | head -n 1 | tr -d '<>&')</title></head><body><article>"
    sed -e 's/[<>&]//g' -e 's/^\(..*\)$/<p>\1<\/p>/' "$f"
    echo "</article><nav><a href=\"/x\">Home</a></nav></body></html>"
  } >"$work/seeds/html-$i"
  http=$(printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'; cat "$work/seeds/html-$i")
  len=$(printf '%s' "$http" | wc -c)
  printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.test/2024/05/0%d/story\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' \
    "$i" "$len" "$http" >"$work/seeds/warc-$i"
  gzip -c "$f" >"$work/seeds/gz-$i"
  if command -v zstd >/dev/null; then zstd -q -c "$f" >"$work/seeds/zst-$i"; fi
done
n=0
for j in "$sample"/*.jsonl; do
  while IFS= read -r line; do
    n=$((n + 1))
    printf '%s\n' "$line" >"$work/seeds/jsonl-$n"
  done <"$j"
  cp "$j" "$work/seeds/jsonl-all"
done

# HTTP requests: reads, a post of one record (plain, chunked and gzip),
# pipelined requests and a refused cross-origin write.
post='{"id":"a1","source":"Desk","title":"Harbour","text":"The harbour reopened on Monday after repairs."}'
printf 'GET /api/stories?limit=2&sort=recency HTTP/1.1\r\nHost: localhost\r\n\r\nGET /api/topics HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n' >"$work/seeds/http-reads"
printf 'GET /api/stories/s-harbor HTTP/1.1\r\nHost: [::1]:8080\r\nConnection: close\r\n\r\n' >"$work/seeds/http-story"
printf 'GET /assets/app.js HTTP/1.0\r\n\r\nHEAD /healthz HTTP/1.1\r\nHost: localhost\r\nRange: bytes=0-1,2-3\r\n\r\n' >"$work/seeds/http-assets"
printf 'POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer fuzz-token\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
  "${#post}" "$post" >"$work/seeds/http-post"
printf 'POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer fuzz-token\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n' \
  "${#post}" "$post" >"$work/seeds/http-chunked"
gz=$(printf '%s' "$post" | gzip -c | base64 -w0)
{
  printf 'POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer fuzz-token\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n' \
    "$(printf '%s' "$gz" | base64 -d | wc -c)"
  printf '%s' "$gz" | base64 -d
} >"$work/seeds/http-gzip"
printf 'POST /api/articles HTTP/1.1\r\nHost: localhost\r\nOrigin: http://evil.example\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}' >"$work/seeds/http-cross"

seeds_for() {
  case "$1" in
    html_fuzzer) echo "html-*" ;;
    warc_fuzzer) echo "warc-*" ;;
    jsonl_ingest_fuzzer) echo "jsonl-*" ;;
    stream_fuzzer) echo "gz-* zst-* jsonl-all" ;;
    http_fuzzer) echo "http-*" ;;
    *) echo "text-*" ;;
  esac
}

status=0
total_runs=0
start_all=$SECONDS
for f in "${fuzzers[@]}"; do
  name=$(basename "$f")
  dir="$work/$name"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  # Read without pathname expansion: under nullglob an unquoted "html-*"
  # matching nothing in the current folder would vanish, leaving no seeds.
  read -r -a patterns <<<"$(seeds_for "$name")"
  for pattern in "${patterns[@]}"; do
    for s in "$work"/seeds/$pattern; do cp "$s" "$dir/corpus/"; done
  done
  start=$SECONDS
  rc=0
  "$f" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$dir/artifacts/" "$dir/corpus" \
    >"$dir/log" 2>&1 || rc=$?
  took=$((SECONDS - start))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
  runs=${runs:-0}
  total_runs=$((total_runs + runs))
  units=$(find "$dir/corpus" -type f | wc -l)
  if [[ $rc -eq 0 ]]; then
    printf 'fuzz: %-22s %3d s  %9d executions  corpus %d inputs  clean\n' "$name" "$took" "$runs" "$units"
  else
    status=1
    printf 'fuzz: %-22s %3d s  %9d executions  FAILED (exit %d)\n' "$name" "$took" "$runs" "$rc"
    grep -E 'ERROR|SUMMARY|invariant failed|Test unit written' "$dir/log" | head -n 20 | sed 's/^/fuzz:   /'
  fi
done
printf 'fuzz: %d targets, %d s, %d executions in all: %s\n' "${#fuzzers[@]}" \
  "$((SECONDS - start_all))" "$total_runs" "$([[ $status -eq 0 ]] && echo clean || echo FAILED)"
exit $status
