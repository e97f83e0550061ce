# Parallax: `make run` and `make test` are the whole setup on Debian/Ubuntu.
# Both install what is missing (as root, or with sudo) before they build.

SHELL   := /bin/bash
GO      ?= go
BIN     := bin/parallax
# System packages Fyne (cgo, OpenGL, X11) needs, and what the tests drive: Xvfb
# for the real window, pdftoppm for PDF pages, Chromium for the report sandbox test.
DEB_BUILD := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev
DEB_TEST  := xvfb xauth x11-utils x11-apps poppler-utils chromium
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_DB ?= $(CURDIR)/.demo/library.db
# Real data for evaluation (never part of the project); make eval skips
# cleanly when it is absent.
DATA        ?= $(abspath ../shared/data)
SCORE_FLAGS ?= $(abspath ../shared/tools/score-flags)

.PHONY: run build test bench eval deps deps-test deps-bench vet clean lint stress

build: deps
	$(GO) build -o $(BIN) ./cmd/parallax

# Opens the app on the demo library (loaded on first run).
run: build
	@mkdir -p $(dir $(DEMO_DB))
	./$(BIN) demo --db $(DEMO_DB) --if-empty
	PARALLAX_DB=$(DEMO_DB) ./$(BIN)

# Every test, then the packages without a GUI again under the race detector
# (the UI's own tests take minutes with -race; run them by hand when needed).
# With ../shared/data present (as in CI) the real-data evaluations run too, each
# with a floor just under the figure reached, so losing ground goes red.
test: deps deps-test
	$(GO) vet ./...
	PARALLAX_DATA=$$([ -d "$(DATA)" ] && echo "$(DATA)") $(GO) test -count=1 -timeout 20m ./...
	$(GO) test -race -count=1 -timeout 20m ./store/... ./ingest/... ./compare/... ./report/... ./library/...

# The hardening campaign (under 15 minutes): every fuzz target for FUZZTIME
# (crashers land in testdata/fuzz/ for make test to replay), kill -9 during
# imports and feed refreshes, concurrent writers, the bad-input catalogue.
stress: deps
	GO=$(GO) FUZZTIME=$(or $(FUZZTIME),20s) sh scripts/stress.sh

# The Go benchmarks, then the library-scale figures beside the sqlite3
# ceiling (bench/scale) at each of SIZES articles. The libraries are built
# once and kept in $$TMPDIR/parallax-bench (the 100,000 one takes minutes).
# make bench SIZES=0,2000 BENCH=Compare is a quick run; make test runs none.
SIZES ?= 0,20000,100000
BENCH ?= .
bench: deps deps-bench
	set -o pipefail; $(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -timeout 60m ./... | $(GO) run ./bench/growth
	$(GO) run ./bench/scale -sizes $(SIZES)

deps-bench:
	@command -v sqlite3 >/dev/null || { echo "installing: sqlite3 (the bench ceiling)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq sqlite3; }

# Scores on ../shared/data (skipped when it is absent).
# Each TestEval* reads $$PARALLAX_DATA and skips cleanly when it is absent;
# TestAlignmentGold scores the fictional alignment gold beside them.
# The flag scorer (../shared/tools/score-flags) then scores the built CLI
# against the discrepancies labelled by reading and prints its per-kind table.
eval: deps
	@if [ -d $(DATA) ]; then \
	  PARALLAX_DATA=$(DATA) $(GO) test -count=1 -run '^(TestEval|TestAlignmentGold$$)' -v ./... 2>&1 | grep -E 'EVAL:|^(FAIL|ok)' ; \
	  if [ -x $(SCORE_FLAGS) ] && [ -d $(DATA)/discrepancies ]; then \
	    $(GO) build -o $(BIN) ./cmd/parallax && $(SCORE_FLAGS) --bin $(BIN); \
	  else echo "eval: no flag scorer at $(SCORE_FLAGS); flags not scored"; fi; \
	else echo "eval: $(DATA) is absent; nothing to score"; fi

# go vet, gofmt and staticcheck; staticcheck is installed (pinned) into
# bin/ on first use, like everything else the targets need.
STATICCHECK := bin/staticcheck
STATICCHECK_VERSION := v0.8.2

lint: deps $(STATICCHECK)
	$(GO) vet ./...
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	./$(STATICCHECK) ./...

$(STATICCHECK):
	GOBIN=$(CURDIR)/bin $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

deps:
	@missing=""; for p in $(DEB_BUILD); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	  else echo "missing system packages:$$missing (see README: other systems)"; exit 1; fi; \
	fi
	@command -v $(GO) >/dev/null || { echo "Go is not installed: see https://go.dev/doc/install"; exit 1; }

deps-test:
	@missing=""; for p in $(DEB_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf bin .demo
