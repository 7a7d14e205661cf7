#!/usr/bin/env bash
# Static checks run by `make test`: clang-tidy (rules in .clang-tidy) over
# every translation unit of src/ and fuzz/ found in BUILD's
# compile_commands.json, and cppcheck over src/, fuzz/, tests/ and bench/.
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
files_regex="^(?!.*_test\\.cc\$)$root/(src|fuzz)/.*\\.cc\$"
ntidy=$(grep -oE '"file": *"[^"]*"' "$build/compile_commands.json" |
  grep -E "\"$root/(src|fuzz)/" | grep -vE '_test\.cc"' | sort -u | wc -l)
log=$(mktemp)
if "$tidy" -clang-tidy-binary "$tidy_bin" -p "$build" -j "$jobs" -quiet \
    -extra-arg=-Wno-unknown-warning-option "$files_regex" >"$log" 2>&1; then
  echo "static: clang-tidy: $ntidy files, 0 findings, $((SECONDS - start)) s"
else
  status=1
  sed -i 's/\x1b\[[0-9;]*m//g' "$log"  # run-clang-tidy may colour its output
  grep -E '(warning|error): ' "$log" | sort -u | head -n 200
  grep -qE '(warning|error): ' "$log" || tail -n 30 "$log"  # failed without a finding
  echo "static: clang-tidy: $ntidy files, $(grep -cE '(warning|error): .*\[' "$log" | head -n1) findings: FAILED"
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
