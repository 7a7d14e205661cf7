#!/usr/bin/env bash
# Static checks run by `make test`: clang-tidy (rules in .clang-tidy) over
# every translation unit of src/ and fuzz/ found in BUILD's
# compile_commands.json (results cached per file, see below), and cppcheck
# over src/, fuzz/, tests/ and bench/.
# New files are covered without editing this script. Any finding fails.
#   scripts/static-checks.sh BUILD_DIR [JOBS]
set -euo pipefail
build=${1:?usage: static-checks.sh BUILD_DIR [JOBS]}
jobs=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [[ ! -f "$build/compile_commands.json" ]]; then
  echo "static-checks: no $build/compile_commands.json (configure the build first)" >&2
  exit 2
fi
tidy=$(command -v run-clang-tidy-14 || command -v run-clang-tidy || true)
tidy_bin=$(command -v clang-tidy-14 || command -v clang-tidy || true)
if [[ -z "$tidy" || -z "$tidy_bin" ]] || ! command -v cppcheck >/dev/null; then
  echo "static-checks: clang-tidy and cppcheck are needed (scripts/install-deps.sh --test installs them)" >&2
  exit 2
fi

status=0
start=$SECONDS
# Library and fuzzer sources; unit tests (*_test.cc) are left to cppcheck:
# gtest's macros cost clang-tidy several times a library file each.
# Only files under the checkout's src/ and fuzz/: not generated sources in
# the build folder (build*/src/cli/sample_corpus.cc).
mapfile -t all_files < <(grep -oE '"file": *"[^"]*"' "$build/compile_commands.json" |
  sed -E 's/"file": *"([^"]*)"/\1/' | grep -E "^$root/(src|fuzz)/" | grep -vE '_test\.cc$' | sort -u)

# Results are cached per translation unit (RASHOMON_TIDY_CACHE, default
# ~/.cache/rashomon/clang-tidy; RASHOMON_TIDY_CACHE=off checks everything):
# a file is checked again only when its own text, the text of any project
# header it includes (from ninja's dependency log), its compile flags, the
# .clang-tidy rules or the clang-tidy version changed. Keys hold no absolute
# path of the checkout, so a fresh clone reuses the results of another.
cache=${RASHOMON_TIDY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rashomon/clang-tidy}
to_check=("${all_files[@]}")
declare -A key_of=()
if [[ "$cache" != off ]] && command -v ninja >/dev/null && command -v sha256sum >/dev/null; then
  mkdir -p "$cache"
  abs_build=$(cd "$build" && pwd)
  salt=$({ "$tidy_bin" --version; cat .clang-tidy; } | sha256sum | cut -c1-64)
  # Content hash of every project file a translation unit may include.
  declare -A content=()
  while read -r hash path; do content[$path]=$hash; done < <(
    find src fuzz -type f \( -name '*.h' -o -name '*.cc' -o -name '*.inc' \) -print0 | xargs -0 sha256sum)
  # Source -> its project dependencies, from ninja's log of the last build.
  declare -A deps_of=()
  cur=""
  while IFS= read -r line; do
    if [[ "$line" != " "* ]]; then cur=""; continue; fi
    dep=${line#"${line%%[![:space:]]*}"}
    case "$dep" in
      "$root"/*) dep=${dep#"$root/"} ;;
      /*) continue ;;  # system headers: their version is the packages'
      ../*) if [[ "${abs_build%/*}" == "$root" ]]; then dep=${dep#../}; else
              dep=$(realpath -m -s --relative-to="$root" "$abs_build/$dep"); fi ;;
      *) dep=${abs_build#"$root/"}/$dep ;;
    esac
    [[ "$dep" == ..* ]] && continue
    if [[ -z "$cur" ]]; then cur="$dep"; fi
    deps_of[$cur]+="$dep "
  done < <(ninja -C "$build" -t deps 2>/dev/null)
  # Flags with the checkout's path taken out.
  declare -A command_of=()
  while IFS=$'\t' read -r file cmd; do command_of[$file]=$cmd; done < <(
    grep -oE '"(command|file)": *"[^"]*"' "$build/compile_commands.json" |
      sed -E 's/^"(command|file)": *"(.*)"$/\1\t\2/' |
      awk -F'\t' '$1 == "command" { c = $2 } $1 == "file" { print $2 "\t" c }')
  to_check=()
  for f in "${all_files[@]}"; do
    rel=${f#"$root/"}
    if [[ -z "${deps_of[$rel]:-}" ]]; then to_check+=("$f"); continue; fi
    key=$({
      echo "$salt"
      echo "${command_of[$f]:-}" | sed "s|$root|ROOT|g; s|$abs_build|BUILD|g"
      for d in $(tr ' ' '\n' <<<"${deps_of[$rel]}" | sort -u); do echo "$d ${content[$d]:-missing}"; done
    } | sha256sum | cut -c1-64)
    key_of[$f]=$key
    [[ -f "$cache/$key" ]] || to_check+=("$f")
  done
fi
ntidy=${#all_files[@]}
ncheck=${#to_check[@]}
log=$(mktemp)
if ((ncheck == 0)); then
  echo "static: clang-tidy: $ntidy files, all unchanged since a clean check (cache $cache), $((SECONDS - start)) s"
else
  files_regex="^($(printf '%s\n' "${to_check[@]}" | sed 's/[][\.*^$+?(){}|]/\\&/g' | paste -sd'|'))\$"
  if "$tidy" -clang-tidy-binary "$tidy_bin" -p "$build" -j "$jobs" -quiet \
      -extra-arg=-Wno-unknown-warning-option "$files_regex" >"$log" 2>&1; then
    echo "static: clang-tidy: $ntidy files ($ncheck checked, $((ntidy - ncheck)) unchanged since a clean check), 0 findings, $((SECONDS - start)) s"
    for f in "${to_check[@]}"; do
      [[ -n "${key_of[$f]:-}" ]] && : >"$cache/${key_of[$f]}"
    done
  else
    status=1
    sed -i 's/\x1b\[[0-9;]*m//g' "$log"  # run-clang-tidy may colour its output
    grep -E '(warning|error): ' "$log" | sort -u | head -n 200
    grep -qE '(warning|error): ' "$log" || tail -n 30 "$log"  # failed without a finding
    echo "static: clang-tidy: $ncheck of $ntidy files checked, $(grep -cE '(warning|error): .*\[' "$log" | head -n1) findings: FAILED"
    # Files with no finding of their own are remembered as clean, so the
    # next run checks only the failing ones; not when a finding is in a
    # header (it is reported once, from one of the files that include it).
    if ! grep -E '(warning|error): ' "$log" | grep -qvE '^[^:]*\.cc:'; then
      for f in "${to_check[@]}"; do
        [[ -n "${key_of[$f]:-}" ]] && ! grep -qF "$f:" "$log" && : >"$cache/${key_of[$f]}"
      done
    fi
  fi
fi
rm -f "$log"

start=$SECONDS
# --library=googletest teaches cppcheck the TEST macros; system headers are
# not parsed (missingIncludeSystem), our own are.
if cppcheck --std=c++20 --language=c++ -I src --library=googletest \
    --enable=warning,performance,portability --inline-suppr --error-exitcode=1 \
    --suppress=missingIncludeSystem -j "$jobs" --quiet \
    --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
    src fuzz tests bench; then
  echo "static: cppcheck: src fuzz tests bench, 0 findings, $((SECONDS - start)) s"
else
  status=1
  echo "static: cppcheck: FAILED"
fi
exit $status
