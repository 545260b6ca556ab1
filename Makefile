# Ember: `make demo` and `make test` are all the set-up a new Debian machine with Swift needs.
SWIFT ?= swift
# Release builds of the project's own tools compile the Swift code for the host CPU (AVX-512 here). The simd backend's
# hot kernels do not need it (they choose AVX-512 or AVX2 at run time, see `make dependent-package`). This flag stays
# on the command line: in Package.swift it would be an unsafeFlag and make Ember unusable as a dependency.
NATIVE := -Xswiftc -target-cpu -Xswiftc native
APT_PACKAGES := libopenblas-dev liblapacke-dev pkg-config libopenmpi-dev openmpi-bin
RELEASE := $(SWIFT) build -c release $(NATIVE) --scratch-path .build/native

.PHONY: deps demo test sanitize sanitize-address sanitize-thread bench compare dependent-package docs clean

## Install the Debian packages Ember links against, when missing (as root, or through sudo).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

## Build in release and run the tutorial.
demo: deps
	$(RELEASE) --product ember
	.build/native/release/ember linreg

## Run every test, the conformance kit on every backend included.
## Suites named *ThreadCountTests change the process-wide thread count, which every test running beside them would see
## (a compiled step retraces, a large kernel splits its work differently): they run after the rest, in a process of
## their own, one after another.
ALONE := ThreadCountTests

test: deps
	$(SWIFT) test --skip $(ALONE)
	$(SWIFT) test --skip-build --filter $(ALONE) --no-parallel

## The suite and a CLI smoke run under AddressSanitizer in a release build (the optimiser ends lifetimes early, so
## use-after-free bugs that debug builds hide show here), then the suite under ThreadSanitizer.
sanitize: sanitize-address sanitize-thread

## Leaks in system libraries (XCTest, Foundation) are suppressed line by line in scripts/lsan-suppressions.txt.
ASAN_ENV := ASAN_OPTIONS=halt_on_error=1 LSAN_OPTIONS=print_suppressions=0:suppressions=$(CURDIR)/scripts/lsan-suppressions.txt
ASAN_BUILD := $(SWIFT) build -c release --sanitize=address -Xswiftc -enable-testing --scratch-path .build/asan
sanitize-address: deps
	$(ASAN_BUILD) --build-tests
	$(ASAN_ENV) $(SWIFT) test -c release --sanitize=address --scratch-path .build/asan --skip-build --skip $(ALONE)
	$(ASAN_ENV) $(SWIFT) test -c release --sanitize=address --scratch-path .build/asan --skip-build --filter $(ALONE) --no-parallel
	$(ASAN_ENV) scripts/sanitize-smoke.sh .build/asan/release/ember

## ThreadSanitizer misreads Synchronization.Mutex on this toolchain: scripts/tsan-suppressions.txt explains each line.
sanitize-thread: deps
	$(SWIFT) build --sanitize=thread --scratch-path .build/tsan --build-tests
	TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/scripts/tsan-suppressions.txt" \
		$(SWIFT) test --sanitize=thread --scratch-path .build/tsan --skip-build --skip $(ALONE)
	TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/scripts/tsan-suppressions.txt" \
		$(SWIFT) test --sanitize=thread --scratch-path .build/tsan --skip-build --filter $(ALONE) --no-parallel

## Benchmark every backend on the workloads of Sources/ember/BenchWorkloads.swift.
bench: deps
	$(RELEASE) --product ember
	.build/native/release/ember bench

## Ember against PyTorch, side by side (needs `pip install torch`).
compare: deps
	$(RELEASE) --product ember
	python3 scripts/compare_pytorch.py --ember .build/native/release/ember

## What a package depending on Ember gets: a plain release build against a native one (about 10 minutes).
dependent-package: deps
	python3 scripts/dependent_package.py

## Build the DocC documentation.
docs:
	$(SWIFT) package generate-documentation --target Ember

clean:
	rm -rf .build
