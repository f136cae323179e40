#!/bin/sh
# run.sh - runs the libFuzzer harnesses (build with `make fuzz`).
#   sh tests/fuzz/run.sh --probe            exit 0 when clang can build libFuzzer targets
#   sh tests/fuzz/run.sh DIR SECONDS [RUNS]  run each DIR/fuzzer/fuzz_* for SECONDS
#                                            (0: no time limit) or RUNS executions
# Each harness starts from its seeds (tests/fuzz/corpus/H) and every crash
# reproducer kept (tests/fuzz/regressions/H); new corpus entries go to a
# temporary folder, crash reproducers to fuzz-findings/. Prints one line
# per harness: executions, seconds, findings. Exit 1 on any finding.
# Runs niced: the machine is shared. Harnesses read data/ and
# build/dyad.lex: run from the repository.
set -u
if [ "${1:-}" = "--probe" ]; then
    command -v clang >/dev/null 2>&1 || exit 1
    d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
    printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' >"$d/p.c"
    clang -fsanitize=fuzzer,address,undefined -o "$d/p" "$d/p.c" >/dev/null 2>&1
    exit $?
fi
DIR=${1:?build folder}; SECS=${2:-3}; RUNS=${3:--1}
# the harnesses write each input to a file: in memory when possible
[ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
ART=fuzz-findings
mkdir -p "$ART"
# lexicon seeds: compiled from the test fixtures by this dyad
mkdir -p "$TMP/seed-lexicon"
${DYAD:-build/dyad} dict build -q --data tests/fixtures/dict/good --out "$TMP/seed-lexicon/good.lex" 2>/dev/null
${DYAD:-build/dyad} dict build -q --dict tabari:tests/fixtures/foreign/mini.project \
    --out "$TMP/seed-lexicon/mini.lex" 2>/dev/null
# model seeds: small models trained on the syntax fixtures by this dyad
mkdir -p "$TMP/seed-model"
${DYAD:-build/dyad} train -q --lang fr -o "$TMP/seed-model/fr.dsm" --tagger-epochs 1 \
    --parser-epochs 1 --jackknife 0 tests/fixtures/syntax/fr.conllu 2>/dev/null
${DYAD:-build/dyad} train -q --lang en -o "$TMP/seed-model/en.dsm" --tagger-epochs 1 \
    --parser-epochs 1 --jackknife 2 tests/fixtures/syntax/en.conllu 2>/dev/null
fail=0
for bin in "$DIR"/fuzzer/fuzz_*; do
    [ -x "$bin" ] || continue
    h=$(basename "$bin"); h=${h#fuzz_}
    mkdir -p "$TMP/$h"
    seeds="tests/fuzz/corpus/$h tests/fuzz/regressions/$h"
    [ "$h" = lexicon ] && seeds="$TMP/seed-lexicon tests/fuzz/regressions/$h"
    [ "$h" = model ] && seeds="$TMP/seed-model tests/fuzz/regressions/$h"
    dict=""
    [ -f "tests/fuzz/dict/$h.dict" ] && dict="-dict=tests/fuzz/dict/$h.dict"
    existing=""
    for s in $seeds; do [ -d "$s" ] && existing="$existing $s"; done
    t0=$(date +%s)
    mkdir -p "$ART"   # another run in this folder may have removed it when it ended
    # shellcheck disable=SC2086
    nice -n 10 "$bin" -max_total_time="$SECS" -runs="$RUNS" -timeout=20 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$ART/$h-" $dict \
        "$TMP/$h" $existing >"$TMP/$h.log" 2>&1
    rc=$?
    t1=$(date +%s)
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/$h.log" | tail -1)
    if [ "$rc" -ne 0 ]; then
        fail=1
        echo "fuzz_$h: FINDING after ${n:-?} executions (exit $rc); reproducer in $ART/:"
        grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$TMP/$h.log" | head -8
    else
        echo "fuzz_$h: ${n:-?} executions in $((t1 - t0)) s, 0 findings"
    fi
done
rmdir "$ART" 2>/dev/null
exit $fail
