# rashomon: quick start
#   make demo   install what is missing, build, analyse the bundled sample corpus
#   make test   install what is missing, build, run the whole test suite, then
#               the robustness checks (scripts/robust-checks.sh): the suite
#               again under ASan+UBSan (clang), the fuzzers, static checks
#   make        build only (binary at build/rashomon)
BUILD ?= build
JOBS ?= 2
BUILD_TYPE ?= Release
CMAKE_FLAGS ?=
SAN_BUILD ?= build-asan
FUZZ_SECONDS ?= 6

.PHONY: all build configure deps demo test bench clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j$(JOBS)

demo: deps
	@$(MAKE) --no-print-directory build
	./$(BUILD)/rashomon analyze

test: deps
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	scripts/robust-checks.sh $(SAN_BUILD) $(JOBS) $(FUZZ_SECONDS)

bench: deps
	@$(MAKE) --no-print-directory build
	./$(BUILD)/bench/rashomon_bench

clean:
	rm -rf $(BUILD) $(SAN_BUILD)
