#!/usr/bin/env bash
# Installs the Debian packages rashomon needs, only those missing. Uses sudo
# when not root. Safe to run repeatedly.
#   scripts/install-deps.sh            what building and running the binary needs
#   scripts/install-deps.sh --test     also the test tools: GoogleTest, Google
#                                      Benchmark, clang and the sanitizer runtime,
#                                      clang-tidy, cppcheck, Chromium, Node/npm
#   scripts/install-deps.sh --python   also the Python package's build and
#                                      run needs: pybind11, numpy, Dask
#                                      distributed, pytest (--test includes them)
#   scripts/install-deps.sh --extras   --test plus the tools for baselines
set -euo pipefail

mode="${1:-}"
case "$mode" in
  "" | --test | --extras | --python) ;;
  *)
    echo "usage: scripts/install-deps.sh [--test|--extras|--python]" >&2
    exit 2
    ;;
esac

# Build and run: the compiler, CMake/Ninja and the libraries the binary links.
packages=(
  build-essential cmake ninja-build pkg-config ccache
  libicu-dev libsimdjson-dev nlohmann-json3-dev libxxhash-dev libsqlite3-dev
  libxml2-dev libcpp-httplib-dev libboost-dev libcli11-dev libfmt-dev
  libzstd-dev zlib1g-dev libstemmer-dev libhwy-dev libuchardet-dev
  # HTTP for rashomon watch (feeds and pages)
  libcurl4-openssl-dev
  # WordNet 3.0 database: synonyms for sentence matching (read at run time)
  wordnet-base
  # FreeDict bilingual dictionaries (dictd format, read at run time): content
  # words of Spanish, Italian, Dutch, German, French, Portuguese and Arabic
  # articles mapped to English for stories across languages (Russian through
  # eng-rus read backwards)
  dict-freedict-spa-eng dict-freedict-ita-eng dict-freedict-nld-eng
  dict-freedict-deu-eng dict-freedict-fra-eng dict-freedict-por-eng
  dict-freedict-ara-eng dict-freedict-eng-rus
)
if [[ -n "$mode" ]]; then
  # The Python package (python/): bindings, its runtime and its pytest suite.
  packages+=(
    python3 python3-dev python3-pip python3-setuptools python3-venv pybind11-dev python3-pybind11
    python3-numpy python3-dask python3-distributed python3-pytest
  )
fi
if [[ -n "$mode" && "$mode" != "--python" ]]; then
  packages+=(
    git libgtest-dev libgmock-dev libbenchmark-dev
    chromium
    # robustness checks in make test: sanitizer/fuzzer build, static checks
    clang-14 libclang-rt-14-dev clang-tidy-14 cppcheck zstd
    # instruction counts of the input parsers at n and 2n (parser_cost_test)
    valgrind
    # feed tests: Atom well-formedness (xmllint) and a feed reader's parser
    libxml2-utils python3-feedparser
  )
  # Node and npm run the browser tests; a Node already on PATH (with its own
  # npm) is used as it is.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi
if [[ "$mode" == "--extras" ]]; then
  packages+=(python3 python3-sklearn python3-numpy python3-scipy simhash time wrk)
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
if [[ -n "$mode" && "$mode" != "--python" ]]; then
  trap install_e2e EXIT
fi

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
