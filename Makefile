# rashomon: quick start
#   make demo   install what building and running needs, build only the
#               binary (tests, benchmarks and fuzzers off), analyse the
#               bundled sample corpus
#   make test   install everything (test tools, Chromium, npm), build all
#               targets, run the whole test suite, then the robustness
#               checks (scripts/robust-checks.sh): the suite again under
#               ASan+UBSan (clang), the fuzzers, static checks
#   make python build the Python package into build/python (import with
#               PYTHONPATH=build/python, or pip install --no-build-isolation
#               --no-index ./python); make test builds and tests it too
#   make        build with the options already configured (binary at
#               build/rashomon)
BUILD ?= build
JOBS ?= 2
BUILD_TYPE ?= Release
CMAKE_FLAGS ?=
SAN_BUILD ?= build-asan
FUZZ_SECONDS ?= 6

CONFIGURE = cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
ALL_ON = -DRASHOMON_BUILD_TESTS=ON -DRASHOMON_BUILD_BENCHMARKS=ON -DRASHOMON_BUILD_PYTHON=ON
ALL_OFF = -DRASHOMON_BUILD_TESTS=OFF -DRASHOMON_BUILD_BENCHMARKS=OFF \
          -DRASHOMON_BUILD_FUZZERS=OFF

.PHONY: all build configure deps test-deps demo test bench python clean

all: build

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test

$(BUILD)/build.ninja:
	$(CONFIGURE) $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j$(JOBS)

# Only the binary: a first report without compiling the tests.
demo: deps
	$(CONFIGURE) $(ALL_OFF) $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j$(JOBS) --target rashomon
	./$(BUILD)/rashomon analyze

test: test-deps
	$(CONFIGURE) $(ALL_ON) $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j$(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	scripts/robust-checks.sh $(SAN_BUILD) $(JOBS) $(FUZZ_SECONDS)

bench: test-deps
	$(CONFIGURE) $(ALL_ON) $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j$(JOBS) --target rashomon_bench
	./$(BUILD)/bench/rashomon_bench

# The Python package, built in place (build/python/rashomon).
python:
	@scripts/install-deps.sh --python
	$(CONFIGURE) -DRASHOMON_BUILD_PYTHON=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j$(JOBS) --target rashomon_python rashomon
	@echo "rashomon: Python package in $(BUILD)/python: PYTHONPATH=$(BUILD)/python python3 -c 'import rashomon'"

clean:
	rm -rf $(BUILD) $(SAN_BUILD)
