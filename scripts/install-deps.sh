#!/usr/bin/env bash
# Installs the Debian packages rashomon needs to build and test, only those
# missing. Uses sudo when not root. Safe to run repeatedly.
#   scripts/install-deps.sh            build and test dependencies
#   scripts/install-deps.sh --extras   also the tools for benchmarks and baselines
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libicu-dev libsimdjson-dev nlohmann-json3-dev libxxhash-dev libsqlite3-dev
  libxml2-dev libcpp-httplib-dev libcli11-dev libfmt-dev
  libzstd-dev zlib1g-dev libstemmer-dev libgtest-dev libgmock-dev libbenchmark-dev
  libhwy-dev libuchardet-dev
  # WordNet 3.0 database: synonyms for sentence matching (read at run time)
  wordnet-base
  chromium
  # robustness checks in make test: sanitizer/fuzzer build, static checks
  clang-14 libclang-rt-14-dev clang-tidy-14 cppcheck zstd
)
# Node and npm run the browser tests; a Node already on PATH (with its own
# npm) is used as it is.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
if [[ "${1:-}" == "--extras" ]]; then
  packages+=(python3 python3-sklearn python3-numpy simhash time wrk)
fi

# playwright-core for tests/e2e, pinned by its package-lock.json; it drives
# Debian's chromium and downloads no browser.
install_e2e() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/e2e"
  if [[ ! -d "$dir/node_modules/playwright-core" ]] && command -v npm >/dev/null; then
    echo "rashomon: installing the browser-test tools (npm ci in tests/e2e)" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null) ||
      echo "rashomon: warning: npm ci failed in tests/e2e; the browser tests will be skipped" >&2
  fi
}
trap install_e2e EXIT

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "rashomon: installing Debian packages: ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "rashomon: error: need root or sudo to install: ${missing[*]}" >&2
    exit 2
  fi
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
