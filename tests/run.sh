#!/bin/sh
# run.sh - runs every test: the cmocka unit tests (build/tests/test_*) and the
# CLI tests (tests/cli/*.sh, which print "ok NAME" / "not ok NAME" lines).
# Ends with one summary line: "N passed, N failed[, N skipped]".
# BUILD selects the build folder (build, build-asan); VALGRIND=1 runs the
# unit tests under valgrind.
BUILD=${BUILD:-build}
export BUILD
DYAD="$BUILD/dyad"
export DYAD
passed=0; failed=0; skipped=0
failures=""
log=$(mktemp); trap 'rm -f "$log"' EXIT

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full "$t" >"$log" 2>&1
    else
        "$t" >"$log" 2>&1
    fi
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    s=$(grep -c '^\[  SKIPPED \]' "$log")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
        [ "$f" -eq 0 ] && failed=$((failed + 1))
        failures="$failures $name"
        cat "$log"
    elif [ "${TEST_VERBOSE:-0}" = 1 ]; then
        cat "$log"
    fi
done

for t in tests/cli/*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    sh "$t" >"$log" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    s=$(grep -c '^skip ' "$log")
    # a check written in Python that crashes prints no "ok" line: its
    # crash is a failure, not a check that went missing from the counts
    if grep -q '^Traceback (most recent call last)' "$log"; then
        echo "not ok cli/$name: a Python check crashed" >>"$log"
        f=$((f + 1))
    fi
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
        [ "$f" -eq 0 ] && failed=$((failed + 1))
        failures="$failures cli/$name"
        cat "$log"
    elif [ "${TEST_VERBOSE:-0}" = 1 ]; then
        cat "$log"
    fi
done

[ -n "$failures" ] && echo "failing:$failures"
echo "$BUILD: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
