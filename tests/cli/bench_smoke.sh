# bench_smoke.sh - the throughput benchmark runs end to end on a 1 MB corpus
# (bench/run.sh --smoke: every step runs, every figure is a number, dyad code
# reads every document of the corpus). Needs ../shared/data; skipped without.
# It measures the binary under test ($DYAD), so under `make check-asan` it
# runs the ASan+UBSan build on 1 MB of real French and English news, which is
# worth having; the figures themselves are then meaningless and not shown.
# Takes a few seconds (the ASan build: ~10 s).
. tests/cli/lib.sh
if [ ! -f ../shared/data/winer-fr-wikinews/README.md ] || [ ! -f ../shared/data/wikinews-en/README.md ]; then
    skip bench/smoke "no ../shared/data"
elif ! command -v python3 >/dev/null 2>&1; then
    skip bench/smoke "no python3"
else
    if DYAD="$DYAD" sh bench/run.sh --smoke --no-build --out "$TMP/bench" >"$TMP/out" 2>"$TMP/err"; then
        ok bench/smoke
    else
        nok bench/smoke "$(grep 'FAIL' "$TMP/err" | head -3 | tr '\n' ' ')"
        cat "$TMP/out" "$TMP/err"
    fi
fi
