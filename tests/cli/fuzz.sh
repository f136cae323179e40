# fuzz.sh - every fuzz harness (tests/fuzz/) replays its seed corpus and
# every crash reproducer ever found (tests/fuzz/regressions/) without a
# crash, leak or sanitizer report (under build-asan, ASan and UBSan are on).
. tests/cli/lib.sh
B=${BUILD:-build}
"$DYAD" dict build -q --data tests/fixtures/dict/good --out "$TMP/good.lex" 2>/dev/null
"$DYAD" dict build -q --dict tabari:tests/fixtures/foreign/mini.project --out "$TMP/mini.lex" 2>/dev/null
check fuzz/lexicon-seeds test -s "$TMP/good.lex" -a -s "$TMP/mini.lex"
mkdir -p "$TMP/seed-model"
"$DYAD" train -q --lang fr -o "$TMP/seed-model/fr.dsm" --tagger-epochs 1 --parser-epochs 1 \
    --jackknife 0 tests/fixtures/syntax/fr.conllu 2>/dev/null
"$DYAD" train -q --lang en -o "$TMP/seed-model/en.dsm" --tagger-epochs 1 --parser-epochs 1 \
    --jackknife 2 tests/fixtures/syntax/en.conllu 2>/dev/null
check fuzz/model-seeds test -s "$TMP/seed-model/fr.dsm" -a -s "$TMP/seed-model/en.dsm"
for h in text jsonl coder lexicon tabari petrarch model conllu html warc serve; do
    bin="$B/fuzz/fuzz_$h"
    if [ ! -x "$bin" ]; then nok "fuzz/$h-replay" "no $bin"; continue; fi
    seeds="tests/fuzz/corpus/$h"
    [ "$h" = lexicon ] && seeds="$TMP/good.lex $TMP/mini.lex"
    [ "$h" = model ] && seeds="$TMP/seed-model"
    DYAD_LEXICON=$B/dyad.lex "$bin" $seeds "tests/fuzz/regressions/$h" >"$TMP/out" 2>"$TMP/err"; rc=$?
    cnt=$(sed -n 's/^replayed \([0-9]*\) inputs/\1/p' "$TMP/out")
    check "fuzz/$h-replay" test "$rc" -eq 0 -a "${cnt:-0}" -gt 0
    [ "$rc" -ne 0 ] && head -20 "$TMP/err"
    echo "# fuzz_$h: ${cnt:-0} inputs replayed"
done
