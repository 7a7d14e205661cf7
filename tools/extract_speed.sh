#!/usr/bin/env bash
# Side-by-side HTML main-text extraction speed on the same pages (issue 5).
#
# Extractors, each on one core, run one after another:
#   rashomon          build/rashomon --threads 1 -q extract DIR -o /dev/null
#   readability.js    @mozilla/readability on jsdom, Node (tools/readability-js/bench.js)
#   readability-lxml  Debian python3-readability (tools/readability_py_bench.py)
#
# Both wall-clock and CPU time (user + system) are measured; the speed-up is
# reported on CPU time, which other work on a shared machine disturbs less.
#
# Pages: mozilla-readability-test-pages/pages/*/source.html.gz, decompressed to
# a temporary folder before any timing starts.
#
# Usage: tools/extract_speed.sh [PAGES_DIR]
# Env:   RASHOMON_RUNS (default 8)  whole page-set runs of rashomon
#        JS_ROUNDS     (default 1)  page-set rounds for readability.js
#        PY_ROUNDS     (default 3)  page-set rounds for readability-lxml
#        RASHOMON_BIN  (default build/rashomon)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
pages_src=${1:-/work/shared/data/mozilla-readability-test-pages/pages}
rashomon=${RASHOMON_BIN:-$root/build/rashomon}
rashomon_runs=${RASHOMON_RUNS:-8}
js_rounds=${JS_ROUNDS:-1}
py_rounds=${PY_ROUNDS:-3}
py=/usr/bin/python3   # Debian's python, where python3-readability lives

die() { echo "extract_speed: $*" >&2; exit 1; }
log() { echo "extract_speed: $*" >&2; }

[[ -x $rashomon ]] || die "no rashomon binary at $rashomon (build it first)"
[[ -d $pages_src ]] || die "no pages folder $pages_src"
command -v node >/dev/null || die "node is not installed"
command -v npm >/dev/null || die "npm is not installed"

# --- install what is missing -------------------------------------------------
if ! "$py" -c 'import readability' 2>/dev/null; then
  log "installing python3-readability"
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  "${apt_get[@]}" install -y python3-readability >&2 \
    || { "${apt_get[@]}" update >&2 && "${apt_get[@]}" install -y python3-readability >&2; }
fi
if [[ ! -d $here/readability-js/node_modules/@mozilla/readability \
   || ! -d $here/readability-js/node_modules/jsdom ]]; then
  log "installing @mozilla/readability and jsdom@29"
  if [[ -f $here/readability-js/package-lock.json ]]; then
    (cd "$here/readability-js" && npm ci --no-audit --no-fund >&2)
  else
    npm install --prefix "$here/readability-js" --no-audit --no-fund \
      @mozilla/readability jsdom@29 >&2
  fi
fi

# --- decompress the pages (not timed) ---------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/extract_speed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pages=$tmp/pages
mkdir -p "$pages"
for f in "$pages_src"/*/source.html.gz; do
  name=$(basename "$(dirname "$f")")
  gzip -dc "$f" > "$pages/$name.html"
done
n=$(find "$pages" -maxdepth 1 -name '*.html' | wc -l)
(( n > 0 )) || die "no source.html.gz pages under $pages_src"
log "$n pages decompressed to $pages"

now() { date +%s.%N; }

# --- rashomon ------------------------------------------------------------------
# Exit status 2 means some pages had no article text (reported on stderr);
# those pages still count as processed, as they do for the other two.
run_rashomon() {
  local rc=0
  "$rashomon" --threads 1 -q extract "$pages" -o "$1" 2>"$tmp/rashomon.err" || rc=$?
  (( rc == 0 || rc == 2 )) || { cat "$tmp/rashomon.err" >&2; die "rashomon failed ($rc)"; }
}
run_rashomon "$tmp/rashomon.jsonl"   # warm-up, also counts extracted articles
r_ok=$(wc -l < "$tmp/rashomon.jsonl")
log "rashomon: $r_ok/$n pages gave an article"
log "timing rashomon: $rashomon_runs runs over the page set"
# CPU time of the runs: this shell's children's user + system seconds
# (second line of `times`, which must run in this shell, not a subshell)
# before and after.
child_cpu() { awk 'NR == 2 { gsub(/[ms]/, " "); print $1 * 60 + $2 + $3 * 60 + $4 }' "$1"; }
times > "$tmp/times0"
t0=$(now)
for ((i = 0; i < rashomon_runs; i++)); do run_rashomon /dev/null; done
t1=$(now)
times > "$tmp/times1"
c0=$(child_cpu "$tmp/times0")
c1=$(child_cpu "$tmp/times1")
r_pages=$((n * rashomon_runs))
r_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
r_cpu=$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.3f", b - a }')

# --- readability.js ----------------------------------------------------------
log "timing readability.js: $js_rounds round(s)"
read -r j_pages j_secs _ j_cpu < <(node "$here/readability-js/bench.js" "$pages" "$js_rounds")

# --- readability-lxml ----------------------------------------------------------
log "timing readability-lxml: $py_rounds round(s)"
read -r p_pages p_secs _ p_cpu < <("$py" "$here/readability_py_bench.py" "$pages" "$py_rounds")

# --- table -----------------------------------------------------------------------
awk -v rp="$r_pages" -v rs="$r_secs" -v rc="$r_cpu" -v jp="$j_pages" -v js="$j_secs" -v jc="$j_cpu" \
    -v pp="$p_pages" -v ps="$p_secs" -v pc="$p_cpu" 'BEGIN {
  r = rp / rc; j = jp / jc; p = pp / pc
  best = (j > p) ? j : p; bestname = (j > p) ? "readability.js" : "readability-lxml"
  fmt = "%-18s %7s %9s %9s %14s %14s\n"
  printf fmt, "extractor", "pages", "wall s", "CPU s", "pages/wall s", "pages/CPU s"
  printf "%-18s %7d %9.2f %9.2f %14.1f %14.1f\n", "rashomon", rp, rs, rc, rp / rs, r
  printf "%-18s %7d %9.2f %9.2f %14.1f %14.1f\n", "readability.js", jp, js, jc, jp / js, j
  printf "%-18s %7d %9.2f %9.2f %14.1f %14.1f\n", "readability-lxml", pp, ps, pc, pp / ps, p
  printf "rashomon speed-up over the faster other (%s), pages per CPU second: %.1fx\n", bestname, r / best
}'
