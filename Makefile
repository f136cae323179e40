# dyad build: `make` builds build/dyad, build/libdyad.a, build/libdyad.so and
# the compiled lexicon; `make check` builds and runs every test, then again
# under ASan+UBSan. System libraries are found with pkg-config (libpq: the
# PostgreSQL store, src/store_pg.c).

BUILD    ?= build
CC       ?= cc
PKGS     := libutf8proc sqlite3 jansson zlib libzstd libxml-2.0 libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS)) -lstemmer -lm -pthread
# build/dyad itself links only the libraries every run needs; it opens libpq,
# libxml2 and libmicrohttpd (and the 27 libraries they bring) on first use
# (cli/lazylibs.c): about 7 ms less CPU at every start.
CORE_PKGS  := libutf8proc sqlite3 jansson zlib libzstd
CLI_LIBS   := $(shell pkg-config --libs $(CORE_PKGS)) -lstemmer -lm -pthread -ldl
soname = $(shell objdump -p $(shell pkg-config --variable=libdir $(1))/$(2).so 2>/dev/null | awk '/SONAME/ {print $$2}')
LAZY_SONAMES := -DDYAD_SONAME_PQ='"$(or $(call soname,libpq,libpq),libpq.so.5)"' \
	-DDYAD_SONAME_XML='"$(or $(call soname,libxml-2.0,libxml2),libxml2.so.2)"' \
	-DDYAD_SONAME_MHD='"$(or $(call soname,libmicrohttpd,libmicrohttpd),libmicrohttpd.so.12)"'
OPT      ?= -O2
CFLAGS_BASE := -std=c11 -g $(OPT) -Wall -Wextra -Werror -Wshadow -Wvla \
	-Wno-unused-parameter -fvisibility=hidden -fPIC \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc $(PKG_CFLAGS)
CFLAGS   += $(CFLAGS_BASE) $(EXTRA_CFLAGS)
LDFLAGS  += $(EXTRA_LDFLAGS)

LIB_SRC  := $(sort $(wildcard src/*.c src/*/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
# dyad serve: libmicrohttpd, and the dashboard (web/) embedded by tools/embed.sh.
WEB_SRC  := $(sort $(wildcard web/*.html web/*.js web/*.css))
CLI_OBJ  += $(BUILD)/obj/web_assets.o
# GDELT's FIPS codes of places (data/geo, tools/gen_gdelt_geo.py), embedded by tools/embed_geo.sh.
CLI_OBJ  += $(BUILD)/obj/gdelt_geo.o
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
DATA_SRC := $(shell find data -type f \( -name '*.tsv' -o -name '*.txt' \) 2>/dev/null | sort)

.PHONY: all check test asan check-asan clean valgrind
all: $(BUILD)/dyad $(BUILD)/libdyad.a $(BUILD)/libdyad.so $(BUILD)/dyad.lex $(TEST_BIN)

$(BUILD)/obj/%.o: %.c $(wildcard include/*.h src/*.h src/*/*.h cli/*.h tests/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libdyad.so: $(LIB_OBJ)
	$(CC) -shared $(CFLAGS) -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyad.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libdyad.a $(LDFLAGS) $(CLI_LIBS)

$(BUILD)/obj/cli/cmd_serve.o: CFLAGS += $(shell pkg-config --cflags libmicrohttpd)
$(BUILD)/obj/cli/lazylibs.o: CFLAGS += $(shell pkg-config --cflags libmicrohttpd) $(LAZY_SONAMES)
$(BUILD)/gen/web_assets.c: $(WEB_SRC) tools/embed.sh
	@mkdir -p $(dir $@)
	sh tools/embed.sh $(WEB_SRC) > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/web_assets.o: $(BUILD)/gen/web_assets.c cli/webassets.h
	$(CC) $(CFLAGS) -Icli -c $< -o $@
$(BUILD)/gen/gdelt_geo.c: data/geo/gdelt_geo.tsv tools/embed_geo.sh
	@mkdir -p $(dir $@)
	sh tools/embed_geo.sh data/geo/gdelt_geo.tsv > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/gdelt_geo.o: $(BUILD)/gen/gdelt_geo.c cli/gdeltgeo.h
	$(CC) $(CFLAGS) -Icli -c $< -o $@

# The compiled lexicon is built from data/ by dyad itself, never committed.
$(BUILD)/dyad.lex: $(BUILD)/dyad $(DATA_SRC)
	$(BUILD)/dyad dict build --data data --out $@.tmp -q && mv $@.tmp $@

$(BUILD)/tests/%: tests/%.c $(BUILD)/libdyad.a tests/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libdyad.a $(LDFLAGS) $(PKG_LIBS) $(shell pkg-config --libs cmocka)

test: all
	@BUILD=$(BUILD) sh tests/run.sh

check: test
	@$(MAKE) --no-print-directory check-asan
	@$(MAKE) --no-print-directory fuzz-smoke

# ASan + UBSan: an ordinary target, run by `make check`.
asan:
	@$(MAKE) --no-print-directory BUILD=build-asan OPT=-O1 \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" all
check-asan: asan
	@BUILD=build-asan ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  sh tests/run.sh

valgrind: all
	@BUILD=$(BUILD) VALGRIND=1 sh tests/run.sh

clean:
	rm -rf build build-asan build-fuzz

# Fuzz harnesses (tests/fuzz/, docs/ROBUSTNESS.md). `make` links each with
# a plain main() that replays corpora (tests/cli/fuzz.sh runs the seeds and
# regressions); `make fuzz` links them with clang's libFuzzer + ASan + UBSan
# in build-fuzz/fuzzer/; `make check` runs each a few seconds when clang
# can (fuzz-smoke; FUZZ_SECONDS to change).
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
all: $(FUZZ_REPLAY)
$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c tests/fuzz/fuzz.h tests/fuzz/fuzz_tabari.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/libdyad.a $(LDFLAGS) $(PKG_LIBS)
.PHONY: fuzz fuzzers fuzz-smoke
fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT=-O1 \
	  EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" fuzzers
fuzzers: $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzzer/%)
$(BUILD)/fuzzer/%: tests/fuzz/%.c tests/fuzz/fuzz.h tests/fuzz/fuzz_tabari.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libdyad.a $(LDFLAGS) $(PKG_LIBS)
# fuzz_serve runs the real server in-process: it links the CLI's objects
# (all but main.o) and libmicrohttpd as well.
# clang (the fuzz build) takes cmd_relations.c's SQL pieces, adjacent
# literals in an array, for a missing comma.
FUZZ_SERVE_OBJ = $(filter-out $(BUILD)/obj/cli/main.o $(BUILD)/obj/cli/lazylibs.o,$(CLI_OBJ))
$(FUZZ_SERVE_OBJ): CFLAGS += $(if $(findstring clang,$(CC)),-Wno-string-concatenation)
$(BUILD)/fuzz/fuzz_serve: tests/fuzz/fuzz_serve.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(FUZZ_SERVE_OBJ) $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Icli -o $@ $< tests/fuzz/replay.c $(FUZZ_SERVE_OBJ) $(BUILD)/libdyad.a \
	  $(LDFLAGS) $(PKG_LIBS) $(shell pkg-config --libs libmicrohttpd)
$(BUILD)/fuzzer/fuzz_serve: tests/fuzz/fuzz_serve.c tests/fuzz/fuzz.h $(FUZZ_SERVE_OBJ) $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Icli -fsanitize=fuzzer -o $@ $< $(FUZZ_SERVE_OBJ) $(BUILD)/libdyad.a \
	  $(LDFLAGS) $(PKG_LIBS) $(shell pkg-config --libs libmicrohttpd)
fuzz-smoke: $(BUILD)/dyad.lex
	@if sh tests/fuzz/run.sh --probe; then $(MAKE) --no-print-directory fuzz && \
	  sh tests/fuzz/run.sh build-fuzz $${FUZZ_SECONDS:-3}; \
	  else echo "fuzz-smoke: clang with libFuzzer not found, skipped (tools/bootstrap.sh installs it)"; fi
