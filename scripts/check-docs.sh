#!/usr/bin/env bash
# Runs the shell command blocks of README.md and docs/*.md as a reader would.
#   scripts/check-docs.sh BINARY [SHARED_DIR] [FILE.md ...]
#
# A block fenced ```sh runs as written, from a scratch folder that looks like
# a checkout: build/rashomon is BINARY, corpus/, tools/ and scripts/ are the
# repository's, and ../shared is SHARED_DIR (default: ../shared beside the
# checkout). Any non-zero exit fails. A block that reads ../shared is skipped,
# with a message, when SHARED_DIR does not exist.
#
# A block fenced ```sh long is too slow (or never ends, like serve) to run
# here: each of its rashomon command lines is only checked to parse, that is
# the subcommand exists and its --help lists every flag the line uses, and
# each `make TARGET` names a target of the Makefile.
#
# Blocks fenced otherwise (```text, ```json, ...) are examples, not commands.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: scripts/check-docs.sh BINARY [SHARED_DIR] [FILE.md ...]" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shared="${2:-$root/../shared}"
shift $(($# < 2 ? $# : 2))
files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
  files=("$root/README.md")
  for f in "$root"/docs/*.md; do [[ -e "$f" ]] && files+=("$f"); done
fi
[[ -x "$bin" ]] || { echo "check-docs: $bin is not an executable" >&2; exit 2; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
work="$scratch/checkout"
mkdir -p "$work/build"
ln -s "$bin" "$work/build/rashomon"
for d in corpus tools scripts; do ln -s "$root/$d" "$work/$d"; done
[[ -d "$shared" ]] && ln -s "$(cd "$shared" && pwd)" "$scratch/shared"

failures=0 ran=0 checked=0 skipped=0

# The subcommand names listed under "Subcommands:" in a --help text.
subcommands() { awk '/^Subcommands:/ {f = 1; next} f && NF {print $1}'; }

# Checks one command line of a long block: `build/rashomon [global flags]
# SUB [SUB2] [args and flags]` parses, or `make TARGET` names a target.
check_line() {
  local where="$1" line="$2"
  local -a words
  read -ra words <<<"$line"
  local i=0 n=${#words[@]}
  if [[ "${words[0]:-}" == make ]]; then
    local target="${words[1]:-all}"
    if ! grep -qE "^$target:" "$root/Makefile"; then
      echo "check-docs: FAIL $where: make has no target '$target'" >&2
      failures=$((failures + 1))
    fi
    checked=$((checked + 1))
    return
  fi
  while ((i < n)) && [[ "${words[i]}" != build/rashomon ]]; do i=$((i + 1)); done
  ((i < n)) || return 0
  i=$((i + 1))
  local help path=() flags=() globals=()
  while ((i < n)) && [[ "${words[i]}" == -* ]]; do
    globals+=("${words[i]%%=*}")
    [[ "${words[i]}" == --threads ]] && i=$((i + 1))  # its value
    i=$((i + 1))
  done
  if ((i < n)); then
    path=("${words[i]}")
    i=$((i + 1))
    # A second word that the first lists as a subcommand: `eval clusters`.
    if ((i < n)) && "$bin" "${path[@]}" --help 2>/dev/null | subcommands | grep -qx -- "${words[i]}"; then
      path+=("${words[i]}")
      i=$((i + 1))
    fi
  fi
  for ((; i < n; i++)); do
    local w="${words[i]}"
    case "$w" in
      '|' | '||' | '&&' | ';' | '&' | '#'* | '>'* | '<'* | 2'>'*) break ;;
      -*) flags+=("${w%%=*}") ;;
    esac
  done
  checked=$((checked + 1))
  if [[ ${#path[@]} -eq 0 ]] || ! "$bin" --help 2>&1 | subcommands | grep -qx -- "${path[0]}" ||
    ! help="$("$bin" "${path[@]}" --help 2>&1)"; then
    echo "check-docs: FAIL $where: no subcommand in: $line" >&2
    failures=$((failures + 1))
    return
  fi
  local global_help flag
  global_help="$("$bin" --help 2>&1)"
  for flag in "${globals[@]}"; do
    if ! grep -qE -- "(^|[ ,])$flag([ ,=]|$)" <<<"$global_help"; then
      echo "check-docs: FAIL $where: rashomon has no global flag $flag: $line" >&2
      failures=$((failures + 1))
    fi
  done
  for flag in "${flags[@]}"; do
    if ! grep -qE -- "(^|[ ,])$flag([ ,=]|$)" <<<"$help"; then
      echo "check-docs: FAIL $where: 'rashomon ${path[*]} --help' does not list $flag: $line" >&2
      failures=$((failures + 1))
    fi
  done
}

run_block() {
  local where="$1" kind="$2" block="$3"
  if [[ "$kind" == long ]]; then
    local joined="" line
    while IFS= read -r line; do
      if [[ "$line" == *\\ ]]; then
        joined+="${line%\\} "
        continue
      fi
      joined+="$line"
      check_line "$where" "$joined"
      joined=""
    done <<<"$block"
    return
  fi
  if grep -q '\.\./shared' <<<"$block" && [[ ! -e "$scratch/shared" ]]; then
    echo "check-docs: skip $where: needs $shared, which does not exist" >&2
    skipped=$((skipped + 1))
    return
  fi
  ran=$((ran + 1))
  local log="$scratch/block.log"
  if ! (cd "$work" && timeout 900 bash -euo pipefail -c "$block") >"$log" 2>&1; then
    echo "check-docs: FAIL $where: the block exits non-zero:" >&2
    sed 's/^/    /' <<<"$block" >&2
    echo "  its output (last 20 lines):" >&2
    tail -n 20 "$log" | sed 's/^/    /' >&2
    failures=$((failures + 1))
  fi
}

for file in "${files[@]}"; do
  name="${file#"$root"/}"
  lineno=0 in_block=0 kind="" start=0 block=""
  while IFS= read -r line || [[ -n "$line" ]]; do
    lineno=$((lineno + 1))
    if ((in_block)); then
      if [[ "$line" =~ ^\`\`\`[[:space:]]*$ ]]; then
        in_block=0
        [[ -n "$kind" ]] && run_block "$name:$start" "$kind" "$block"
      else
        block+="$line"$'\n'
      fi
    elif [[ "$line" =~ ^\`\`\`(.*)$ ]]; then
      in_block=1 start=$lineno block=""
      case "${BASH_REMATCH[1]}" in
        "sh" | "sh "*) kind=run; [[ "${BASH_REMATCH[1]}" == "sh long" ]] && kind=long ;;
        *) kind="" ;;
      esac
    fi
  done <"$file"
done

echo "check-docs: $ran blocks run, $checked long command lines checked, $skipped skipped, $failures failures" >&2
((failures == 0))
