# The two commands a person needs: `make demo` runs three nodes, `make test` runs every test. Both install missing
# Debian packages first (scripts/install-deps.sh, idempotent) and build with CMake presets.
PRESET ?= default
JOBS ?= $(shell nproc)

.PHONY: deps build demo demo-single test test-sanitize fuzz-build fuzz-smoke fuzz bench format clean

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake --preset $(PRESET) > /dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)

# Three nodes on loopback (Jiangmen :8080, Macao :8081, Hong Kong :8082) and a remote-intake walk-through.
demo: build
	@bash scripts/demo.sh build/$(PRESET)/src/cli/tongban

# One Jiangmen node alone, as before federation.
demo-single: build
	@build/$(PRESET)/src/cli/tongban demo --data-dir .demo/jm --listen 127.0.0.1:8080

# Every test, then a short run of every fuzz target (fuzz-smoke).
test: build
	@ctest --preset $(PRESET) -j $(JOBS)
	@$(MAKE) --no-print-directory fuzz-smoke

# The whole suite under ASan + UBSan (and LSan at exit): the sanitize preset, its test preset's environment
# (CMakePresets.json) and time limits scaled for the slower build (tests/CMakeLists.txt, TONGBAN_TIMEOUT_SCALE).
test-sanitize:
	@$(MAKE) build PRESET=sanitize
	@ctest --preset sanitize -j $(JOBS)

# The libFuzzer targets (fuzz/, docs/fuzzing.md): clang with ASan + UBSan, in build/fuzz.
FUZZ_SMOKE_SECONDS ?= 6
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?=
FUZZ_MERGE ?= 0

fuzz-build: deps
	@cmake --preset fuzz > /dev/null
	@cmake --build --preset fuzz -j $(JOBS)

# A few seconds per target over its seed corpus; fails on any crash, leak or sanitizer report.
fuzz-smoke: fuzz-build
	@bash scripts/fuzz.sh --seconds $(FUZZ_SMOKE_SECONDS)

# Longer runs: make fuzz [FUZZ_SECONDS=300] [FUZZ_TARGETS="envelope multipart"] [FUZZ_MERGE=1 to add the new
# inputs that raise coverage to fuzz/corpus/].
fuzz: fuzz-build
	@bash scripts/fuzz.sh --seconds $(FUZZ_SECONDS) $(if $(filter 1,$(FUZZ_MERGE)),--merge) $(FUZZ_TARGETS)

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	@rm -rf build .demo

# One command, one table (scripts/bench.sh, docs/performance.md): every row against its baseline in the same run,
# written into docs/performance.md. make bench BENCH_ARGS="--rows 1,2 --seconds 5" for a part (scripts/bench.sh
# --help). The micro-benchmarks under bench/ are built too (bench_store_group_commit: run it by hand).
BENCH_ARGS ?=
bench: build
	@cmake --build --preset $(PRESET) --target bench -j $(JOBS)
	@bash scripts/bench.sh --build build/$(PRESET) $(BENCH_ARGS)
