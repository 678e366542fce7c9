# thresh -- one GNU Makefile, pkg-config for dependencies (see STYLE.md §11).
#
#   make            library + CLI in build/ (optimised, -Werror)
#   make deps       install the Debian packages the build, tests, bench need
#   make demo       build and run `thresh extract` on samples/
#   make check      the whole test suite under ASan+UBSan (CI runs this)
#   make test       the test suite, optimised build
#   make fuzz       libFuzzer harnesses (clang); FUZZ_SECONDS per harness
#   make bench      speed bars (bench/); make eval  accuracy bars (eval/)
#   make lint       banned-function grep + cppcheck;  make format
#   make oracle     build/oracle/thresh: the same pipeline on gumbo's parser
#
# Variables: CC, O (build dir), SANITIZE=1 (ASan+UBSan build in build/asan),
# PREFIX, DESTDIR.

MAKEFLAGS += --no-print-directory
CC      ?= cc
PREFIX  ?= /usr/local
SANITIZE ?=
ifeq ($(SANITIZE),1)
  O       ?= build/asan
  OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  LDSAN   := -fsanitize=address,undefined
else
  O       ?= build
  OPT     := -O2 -g
  LDSAN   :=
endif

DEPS_PKGS := zlib sqlite3
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wno-unused-parameter -Werror
CPPFLAGS += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CFLAGS  += -std=c11 $(OPT) $(WARN) -fvisibility=hidden -fPIC -MMD -MP
LDLIBS  += -lm -lpthread
# zlib (WARC.gz input) and SQLite (the corpus store), through pkg-config.
CPPFLAGS += $(shell pkg-config --cflags $(DEPS_PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(DEPS_PKGS) 2>/dev/null || echo -lz -lsqlite3)
# libdeflate (optional, make deps): per-record gzip members of a WARC.gz are
# inflated whole by libdeflate (src/warc.c); without it, zlib streaming only.
ifeq ($(shell pkg-config --exists libdeflate 2>/dev/null && echo y),y)
  CPPFLAGS += -DTH_HAVE_LIBDEFLATE $(shell pkg-config --cflags libdeflate)
  LDLIBS  += $(shell pkg-config --libs libdeflate)
endif

SRC     := $(wildcard src/*.c)
LIBOBJ  := $(SRC:%.c=$(O)/%.o)
CLISRC  := $(wildcard cli/*.c)
CLIOBJ  := $(CLISRC:%.c=$(O)/%.o)
TESTSRC := $(wildcard tests/*.c)
TESTOBJ := $(TESTSRC:%.c=$(O)/%.o)

# Language identification (src/lang.c): CLD2, a C++ library, behind the
# C wrapper src/lang_cld2.cc -- the only C++ file, built with $(CXX).
# Without libcld2-dev (make deps) lang.c builds with no detector and
# documents fall back to their declared language.
CLD2_HEADER := $(wildcard /usr/include/cld2/public/compact_lang_det.h)
ifneq ($(CLD2_HEADER),)
  CPPFLAGS += -DTH_HAVE_CLD2
  LANG_CXX_OBJ := $(O)/src/lang_cld2.o
  LIBOBJ  += $(LANG_CXX_OBJ)
  LDLIBS  += -lcld2 -lstdc++
endif

.PHONY: all lib cli test check demo deps fuzz bench eval lint format oracle clean install

all: lib cli

lib: $(O)/libthresh.a
cli: $(O)/thresh

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(O)/src/%.o: src/%.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CPPFLAGS) -std=c++11 $(OPT) -Wall -Wextra -Werror -fvisibility=hidden -fPIC -MMD -MP -c $< -o $@

$(O)/libthresh.a: $(LIBOBJ)
	@rm -f $@
	ar rcs $@ $^

$(O)/thresh: $(CLIOBJ) $(O)/libthresh.a
	$(CC) $(LDSAN) -o $@ $(CLIOBJ) $(O)/libthresh.a $(LDFLAGS) $(LDLIBS)

# tools/comments_dump: the comment stage's driver (--debug, --time; used by
# eval/comments_eval.py --marks).  `make comments-dump`
$(O)/comments_dump: tools/comments_dump.c $(O)/libthresh.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDSAN) -o $@ $< $(O)/libthresh.a $(LDFLAGS) $(LDLIBS)
.PHONY: comments-dump
comments-dump: $(O)/comments_dump

# tools/mkwarc: writes WARC.gz files from pages (tests, bench, eval).
$(O)/mkwarc: tools/mkwarc.c $(O)/libthresh.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDSAN) -o $@ $< $(O)/libthresh.a $(LDFLAGS) $(LDLIBS)

# The test list is generated from the TEST(name) lines of tests/unit_*.c,
# so adding a test never means editing a shared file.
$(O)/tests/test_list.h: $(wildcard tests/unit_*.c)
	@mkdir -p $(dir $@)
	@cat /dev/null $^ | sed -n 's/^TEST(\([A-Za-z0-9_]*\)).*/T(\1)/p' > $@.tmp
	@mv $@.tmp $@

$(O)/tests/runner.o: $(O)/tests/test_list.h
$(O)/tests/%.o: CPPFLAGS += -I$(O)/tests -Itests

$(O)/test_runner: $(TESTOBJ) $(O)/libthresh.a
	$(CC) $(LDSAN) -o $@ $(TESTOBJ) $(O)/libthresh.a $(LDFLAGS) $(LDLIBS)

# Tests run from the top of the checkout; THRESH_BIN is the CLI under test.
test: $(O)/test_runner $(O)/thresh
	THRESH_BIN=$(O)/thresh $(O)/test_runner

check:
	$(MAKE) SANITIZE=1 test

demo: all
	@echo "== $(O)/thresh extract samples/   (JSON Lines: one document per page)"
	@$(O)/thresh extract samples/
	@echo
	@echo "== $(O)/thresh extract --format markdown samples/harbour-flood-barrier.html"
	@$(O)/thresh extract --format markdown samples/harbour-flood-barrier.html
	@echo
	@echo "== $(O)/thresh extract --from text samples/text/   (a crawler's text dump)"
	@$(O)/thresh extract --from text samples/text/
	@echo
	@echo "== $(O)/thresh corpus samples/ -o $(O)/demo.db   (dedup, signals, SQLite + FTS5)"
	@rm -f $(O)/demo.db $(O)/demo.db-wal $(O)/demo.db-shm
	@$(O)/thresh corpus -q samples/ -o $(O)/demo.db
	@echo "== $(O)/thresh search $(O)/demo.db flood barrier"
	@$(O)/thresh search $(O)/demo.db flood barrier
	@echo
	@echo "== more: $(O)/thresh help extract | corpus | search | show"

deps:
	@missing=""; for p in build-essential clang libclang-rt-14-dev pkg-config \
	    zlib1g-dev libdeflate-dev libsqlite3-dev libgumbo-dev libcld2-dev libxml2-dev \
	    w3m lynx cppcheck valgrind; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	for c in python3:python3 node:nodejs npm:npm; do \
	  command -v $${c%%:*} >/dev/null 2>&1 || missing="$$missing $${c#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "deps: all installed"; fi

# ---- the gumbo oracle: every stage the same, only the parser swapped ----
ORACLE_O := build/oracle
ORACLE_SRC := $(filter-out src/html.c,$(SRC)) tests/oracle/html_gumbo.c
$(ORACLE_O)/thresh: $(ORACLE_SRC) $(CLISRC) $(wildcard src/*.h include/*.h)
	@mkdir -p $(ORACLE_O)
	$(CC) $(CPPFLAGS) -std=c11 -O2 -g -w $$(pkg-config --cflags gumbo) \
	  -o $@ $(ORACLE_SRC) $(CLISRC) $$(pkg-config --libs gumbo) $(LDLIBS)
oracle: $(ORACLE_O)/thresh
ifneq ($(LANG_CXX_OBJ),)
$(ORACLE_O)/thresh: $(LANG_CXX_OBJ)
$(ORACLE_O)/thresh: LDLIBS := $(LANG_CXX_OBJ) $(LDLIBS)
endif

# ---- fuzzing (clang + libFuzzer) ----
FUZZ_SECONDS ?= 60
FUZZ_O := build/fuzz
FUZZERS := $(patsubst fuzz/%.c,$(FUZZ_O)/%,$(wildcard fuzz/fuzz_*.c))
$(FUZZ_O)/%: fuzz/%.c $(SRC) $(wildcard src/*.h include/*.h)
	@mkdir -p $(FUZZ_O)
	clang $(CPPFLAGS) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=all -o $@ $< $(SRC) $(LDLIBS)
ifneq ($(LANG_CXX_OBJ),)
$(FUZZERS): $(LANG_CXX_OBJ)
$(FUZZERS): LDLIBS := $(LANG_CXX_OBJ) $(LDLIBS)
endif
fuzz: $(FUZZERS)
	@for f in $(FUZZERS); do n=$$(basename $$f); mkdir -p build/fuzz-corpus/$$n; \
	  echo "== $$n for $(FUZZ_SECONDS)s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
	    $$( [ -f fuzz/$$n.dict ] && echo -dict=fuzz/$$n.dict ) \
	    build/fuzz-corpus/$$n $$( [ -d fuzz/corpus/$$n ] && echo fuzz/corpus/$$n ) \
	    || exit 1; done

bench: all
	bench/run_all.sh

# ---- bench drivers: pages in memory, CPU-time clock (docs/internals/bench.md)
BENCH_O := $(O)/bench
BENCH_CFLAGS := -std=c11 $(OPT) $(WARN)
$(BENCH_O)/extract_bench: bench/extract_bench.c bench/pages.h $(O)/libthresh.a
	@mkdir -p $(BENCH_O)
	$(CC) $(CPPFLAGS) $(BENCH_CFLAGS) $(LDSAN) -o $@ $< $(O)/libthresh.a $(LDFLAGS) $(LDLIBS)
$(BENCH_O)/xml_parse: bench/xml_parse.c bench/pages.h
	@mkdir -p $(BENCH_O)
	$(CC) $(CPPFLAGS) $(BENCH_CFLAGS) $$(pkg-config --cflags libxml-2.0) $(LDSAN) \
	  -o $@ $< $$(pkg-config --libs libxml-2.0) $(LDFLAGS)
.PHONY: bench-tools
bench-tools: $(BENCH_O)/extract_bench $(BENCH_O)/xml_parse

# ---- language identification and signals: accuracy on the dev pages
# (eval/lang_eval.c) and speed against the other detectors and per MB of
# extraction (bench/lang_speed.c; libexttextcat and the fastText CLI are
# measured when installed, see docs/internals/lang.md).
$(O)/eval/lang_eval: eval/lang_eval.c $(O)/libthresh.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(BENCH_CFLAGS) $(LDSAN) -o $@ $< $(O)/libthresh.a $(LDFLAGS) $(LDLIBS)
$(BENCH_O)/lang_speed: bench/lang_speed.c bench/pages.h $(O)/libthresh.a
	@mkdir -p $(BENCH_O)
	$(CC) $(CPPFLAGS) $(BENCH_CFLAGS) $$(pkg-config --cflags libexttextcat 2>/dev/null) \
	  $$(pkg-config --exists libexttextcat 2>/dev/null && echo -DHAVE_EXTTEXTCAT) $(LDSAN) \
	  -o $@ $< $(O)/libthresh.a $(LDFLAGS) $(LDLIBS) $$(pkg-config --libs libexttextcat 2>/dev/null)
lang-eval: $(O)/eval/lang_eval
	$(O)/eval/lang_eval
lang-speed: $(BENCH_O)/lang_speed
	nice bench/lang_speed.sh
.PHONY: lang-eval lang-speed

eval: all
	eval/run_all.sh

lint:
	@! grep -nE '\b(malloc|calloc|realloc|free|strdup|strcpy|strcat|sprintf|gets)\s*\(' src/*.c \
	  | grep -v '^src/mem.c' | grep -vE 'th__(malloc|calloc|realloc|free)|th_free|->free_fn|_free\(' \
	  || (echo "lint: raw allocation/unsafe call in src/ (use th__malloc & co)"; exit 1)
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability -Iinclude -Isrc src/

format:
	clang-format -i src/*.c src/*.h cli/*.c include/*.h tests/*.c

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include
	install -m 755 $(O)/thresh $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(O)/libthresh.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/thresh.h $(DESTDIR)$(PREFIX)/include/

clean:
	rm -rf build

-include $(LIBOBJ:.o=.d) $(CLIOBJ:.o=.d) $(TESTOBJ:.o=.d)

# ---- parser differential test: src/html.c vs gumbo on the dev pages ----
PDIFF_SRC := tests/oracle/parser_diff.c src/html.c src/dom.c src/arena.c \
  src/mem.c src/utf8.c src/charset.c
$(ORACLE_O)/parser_diff: $(PDIFF_SRC) tests/oracle/html_gumbo.c src/entities.inc $(wildcard src/*.h include/*.h)
	@mkdir -p $(ORACLE_O)
	$(CC) $(CPPFLAGS) -std=c11 -O2 -g -w $$(pkg-config --cflags gumbo) \
	  -Dth__html_parse=th__html_parse_gumbo -c tests/oracle/html_gumbo.c \
	  -o $(ORACLE_O)/html_gumbo_renamed.o
	$(CC) $(CPPFLAGS) -std=c11 -O2 -g -w -o $@ $(PDIFF_SRC) \
	  $(ORACLE_O)/html_gumbo_renamed.o $$(pkg-config --libs gumbo) $(LDLIBS)
parser-diff: $(ORACLE_O)/parser_diff
	$(ORACLE_O)/parser_diff $(PDIFF_ARGS)
.PHONY: parser-diff

# ---- parser throughput: src/html.c vs gumbo vs libxml2 (one core) ----
PSPEED_SRC := bench/parse_speed.c src/html.c src/dom.c src/arena.c \
  src/mem.c src/utf8.c src/charset.c
build/parse_speed: $(PSPEED_SRC) src/entities.inc $(wildcard src/*.h include/*.h)
	@mkdir -p build
	$(CC) $(CPPFLAGS) -std=c11 -O2 -g -w \
	  $$(pkg-config --cflags gumbo libxml-2.0) -o $@ $(PSPEED_SRC) \
	  $$(pkg-config --libs gumbo libxml-2.0) $(LDLIBS)
parse-speed: build/parse_speed
	taskset -c 0 build/parse_speed
.PHONY: parse-speed
