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

seeds_for() {
  case "$1" in
    html_fuzzer) echo "html-*" ;;
    warc_fuzzer) echo "warc-*" ;;
    jsonl_ingest_fuzzer) echo "jsonl-*" ;;
    stream_fuzzer) echo "gz-* zst-* jsonl-all" ;;
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
  for pattern in $(seeds_for "$name"); do
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
