# A thin wrapper over CMake (as neovim's is): `make run` and `make test` are the whole set-up.
BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= 2
CMAKE_ARGS ?=

.PHONY: all deps configure build run test bench screenshots translations asan tsan clean

all: build

deps:
	@./packaging/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@$(BUILD_DIR)/app/sockscope

test: build
	@cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

bench: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target benchmarks
	@for b in $(BUILD_DIR)/bench/bench_*; do \
		if [ -f "$$b" ] && [ -x "$$b" ]; then echo "== $$b"; QT_QPA_PLATFORM=offscreen "$$b" || exit 1; fi; \
	done

screenshots: build
	@xvfb-run -a -s "-screen 0 1600x1000x24" $(BUILD_DIR)/app/sockscope-screenshots docs/screenshots

# Refreshes translations/sockscope_en.ts from the sources (lupdate -pluralonly); then fill in the new forms.
translations: configure
	@cmake --build $(BUILD_DIR) --target translations

# Sanitizer builds of the whole suite, each in its own build folder.
asan:
	@$(MAKE) --no-print-directory build BUILD_DIR=build-asan BUILD_TYPE=Debug CMAKE_ARGS="-DSOCKSCOPE_SANITIZE=address,undefined"
	@cd build-asan && QT_QPA_PLATFORM=offscreen ASAN_OPTIONS="detect_leaks=1" UBSAN_OPTIONS="halt_on_error=1 print_stacktrace=1 suppressions=$(CURDIR)/tests/ubsan.supp" \
		LSAN_OPTIONS="suppressions=$(CURDIR)/tests/lsan.supp" ctest --output-on-failure -j $(JOBS)

# die_after_fork=0: tests start real peers (ncat) with QProcess, which forks a threaded process and execs at once.
tsan:
	@$(MAKE) --no-print-directory configure BUILD_DIR=build-tsan BUILD_TYPE=Debug CMAKE_ARGS="-DSOCKSCOPE_SANITIZE=thread"
	@cmake --build build-tsan -j $(JOBS) --target core_tests
	@cd build-tsan && QT_QPA_PLATFORM=offscreen TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 die_after_fork=0 suppressions=$(CURDIR)/tests/tsan.supp" ctest --output-on-failure -L core -j $(JOBS)

clean:
	@rm -rf build build-asan build-tsan
