# badinput.sh - bad input is reported on stderr as "dyad: FILE:LINE: byte
# OFFSET: what", skipped, counted in the summary, and makes the exit status
# 3; --strict makes the first bad record fatal (exit 1). A 100 MB line is
# skipped with bounded memory.
. tests/cli/lib.sh
FIX=tests/fixtures/reader
SEED=examples/2022-08_russia-allies.fr.txt

# malformed JSON Lines: each bad record named with its line and byte offset
"$DYAD" code "$FIX/bad.jsonl" >"$TMP/out" 2>"$TMP/err"; rc=$?
check bad/jsonl-exit-3 [ $rc -eq 3 ]
check bad/jsonl-malformed-line grep -q "^dyad: $FIX/bad.jsonl:2: byte 50: invalid JSON at column" "$TMP/err"
check bad/jsonl-not-object grep -q "^dyad: $FIX/bad.jsonl:3: byte 75: record is not a JSON object\$" "$TMP/err"
check bad/jsonl-no-text grep -q "^dyad: $FIX/bad.jsonl:4: byte 97: no \"text\" member\$" "$TMP/err"
check bad/jsonl-empty-text grep -q "^dyad: $FIX/bad.jsonl:6: byte 128: empty document\$" "$TMP/err"
check bad/jsonl-blank-line-silent [ "$(grep -c "bad.jsonl:5:" "$TMP/err")" -eq 0 ]
check bad/jsonl-summary grep -q '^dyad code: 6 documents read, 2 coded, 4 skipped, [0-9]* events$' "$TMP/err"
check bad/stdout-still-jsonl python3 -c '
import json, sys
for l in open(sys.argv[1]): json.loads(l)' "$TMP/out"

# --strict: stop at the first bad record, exit 1
"$DYAD" code --strict "$FIX/bad.jsonl" >"$TMP/out" 2>"$TMP/err"; rc=$?
check bad/strict-exit-1 [ $rc -eq 1 ]
check bad/strict-reports-first grep -q "bad.jsonl:2: byte 50:" "$TMP/err"
check bad/strict-stops [ "$(grep -c "bad.jsonl:3:" "$TMP/err")" -eq 0 ]
check bad/strict-summary grep -q '^dyad code: 2 documents read, 1 coded, 1 skipped' "$TMP/err"
"$DYAD" code --strict "$FIX/good.jsonl" >/dev/null 2>&1
check bad/strict-good-input-exit-0 [ $? -eq 0 ]

# truncated last line (no closing brace, no newline)
"$DYAD" code "$FIX/truncated.jsonl" >/dev/null 2>"$TMP/err"; rc=$?
check bad/truncated-exit-3 [ $rc -eq 3 ]
check bad/truncated-message grep -q "^dyad: $FIX/truncated.jsonl:2: byte 30: invalid JSON" "$TMP/err"
check bad/truncated-summary grep -q '^dyad code: 2 documents read, 1 coded, 1 skipped' "$TMP/err"

# a raw NUL byte inside a JSON line: that line only
printf '{"text":"a\000b"}\n{"text":"La Russie a condamné."}\n' >"$TMP/nul.jsonl"
"$DYAD" code "$TMP/nul.jsonl" >/dev/null 2>"$TMP/err"; rc=$?
check bad/jsonl-nul-exit-3 [ $rc -eq 3 ]
check bad/jsonl-nul-message grep -q "nul.jsonl:1: byte 0: NUL byte at column 11\$" "$TMP/err"
check bad/jsonl-nul-summary grep -q '^dyad code: 2 documents read, 1 coded, 1 skipped' "$TMP/err"

# binary files: NUL bytes, or mostly control bytes
printf 'GIF89a\001\000\001\000\200\000\000' >"$TMP/img.gif"
head -c 3000 /dev/urandom | LC_ALL=C tr -d '\000' | LC_ALL=C tr '\040-\377' '\001' >"$TMP/ctl.bin"
"$DYAD" code "$TMP/img.gif" "$TMP/ctl.bin" "$SEED" >/dev/null 2>"$TMP/err"; rc=$?
check bad/binary-exit-3 [ $rc -eq 3 ]
check bad/binary-nul-message grep -q "^dyad: $TMP/img.gif:1: byte 0: binary file (4 NUL bytes in the first 13, the first at byte 7)\$" "$TMP/err"
check bad/binary-control-message grep -q "^dyad: $TMP/ctl.bin:1: byte 0: binary file" "$TMP/err"
check bad/binary-goes-on grep -q '^dyad code: 3 documents read, 1 coded, 2 skipped' "$TMP/err"

# a file that does not exist and a read error: reported, the next one is read
"$DYAD" code "$TMP/missing.txt" "$SEED" >/dev/null 2>"$TMP/err"; rc=$?
check bad/missing-exit-3 [ $rc -eq 3 ]
check bad/missing-message grep -q "^dyad: $TMP/missing.txt: cannot open: No such file or directory\$" "$TMP/err"
check bad/missing-goes-on grep -q '^dyad code: 2 documents read, 1 coded, 1 skipped' "$TMP/err"
if [ -r /proc/self/mem ]; then
    "$DYAD" code /proc/self/mem >/dev/null 2>"$TMP/err"; rc=$?
    check bad/read-error-exit-3 [ $rc -eq 3 ]
    check bad/read-error-message grep -q "^dyad: /proc/self/mem:1: byte 0: read error:" "$TMP/err"
fi
if [ "$(id -u)" -ne 0 ]; then
    printf 'secret\n' >"$TMP/locked.txt"; chmod 000 "$TMP/locked.txt"
    "$DYAD" code "$TMP/locked.txt" >/dev/null 2>"$TMP/err"; rc=$?
    check bad/unreadable-exit-3 [ $rc -eq 3 ]
    check bad/unreadable-message grep -q "locked.txt: cannot open: Permission denied" "$TMP/err"
else
    skip bad/unreadable "running as root: mode 000 does not stop reading"
fi

# empty documents
"$DYAD" code "$FIX/blank.txt" </dev/null >/dev/null 2>"$TMP/err"; rc=$?
check bad/empty-exit-3 [ $rc -eq 3 ]
check bad/empty-message grep -q "^dyad: $FIX/blank.txt:1: byte 0: empty document\$" "$TMP/err"
: | "$DYAD" code >/dev/null 2>"$TMP/err"; rc=$?
check bad/empty-stdin-exit-3 [ $rc -eq 3 ]
check bad/empty-stdin-message grep -q '^dyad: -:1: byte 0: empty document$' "$TMP/err"

# invalid UTF-8 is not a reader error: the document is coded
"$DYAD" code "$FIX/latin1.txt" >/dev/null 2>"$TMP/err"; rc=$?
check bad/invalid-utf8-exit-0 [ $rc -eq 0 ]
check bad/invalid-utf8-coded grep -q '^dyad code: 1 documents read, 1 coded, 0 skipped' "$TMP/err"
# the coder's warning names file, doc and byte offset in the file, its date
# header counted ("date 2022-08-15\nLe pr\xe9...")
check bad/invalid-utf8-warning grep -Eq "^dyad: $FIX/latin1.txt: doc [0-9a-f]{16}: byte 21: " "$TMP/err"
"$DYAD" code -q "$FIX/latin1.txt" >/dev/null 2>"$TMP/err"
check bad/invalid-utf8-quiet [ ! -s "$TMP/err" ]

# a forced format that does not fit
"$DYAD" code --input seed "$FIX/plain.en.txt" >/dev/null 2>"$TMP/err"; rc=$?
check bad/not-seed-exit-3 [ $rc -eq 3 ]
check bad/not-seed-message grep -q "plain.en.txt:1: byte 0: a seed file starts with 'date YYYY-MM\[-DD\]'" "$TMP/err"

# 100 MB on one line: skipped (over the 32 MiB cap) with bounded memory.
# It runs in well under a second even under ASan, but ASan's shadow memory
# and quarantine make RSS meaningless there: the RSS bound is checked only
# in the plain build.
python3 -c '
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b"{\"text\":\"")
    chunk = b"x" * (1 << 20)
    for _ in range(100):
        f.write(chunk)
    f.write(b"\"}\n{\"id\":\"after\",\"text\":\"La Russie a condamn\xc3\xa9.\"}\n")
' "$TMP/huge.jsonl"
case "$BUILD" in
*asan*) have_time=0 ;;
*) if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then have_time=1; else have_time=0; fi ;;
esac
if [ $have_time -eq 1 ]; then
    # the same command on the small record alone: the lexicon and the
    # syntax models (mapped and checksummed at load) are the baseline
    printf '{"id":"after","text":"La Russie a condamn\303\251."}\n' >"$TMP/small.jsonl"
    /usr/bin/time -v "$DYAD" code "$TMP/small.jsonl" >/dev/null 2>"$TMP/err0"
    base=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$TMP/err0")
    /usr/bin/time -v "$DYAD" code "$TMP/huge.jsonl" >/dev/null 2>"$TMP/err"; rc=$?
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$TMP/err")
    echo "# peak RSS on a 100 MB line: ${rss} KiB (${base} KiB on one small record)"
    # a run that failed to start would have a tiny RSS: require the skip too;
    # the 100 MB line may cost at most 40 MiB over the baseline (the 32 MiB
    # record cap and the reader's buffer)
    rss_ok() { [ "$rc" -eq 3 ] && [ -n "$base" ] && [ "${rss:-999999}" -lt $((base + 40960)) ]; }
    check bad/huge-line-bounded-rss rss_ok
else
    "$DYAD" code "$TMP/huge.jsonl" >/dev/null 2>"$TMP/err"; rc=$?
    skip bad/huge-line-bounded-rss "no /usr/bin/time -v, or an ASan build"
fi
check bad/huge-line-exit-3 [ $rc -eq 3 ]
check bad/huge-line-message grep -q "huge.jsonl:1: byte 0: record of 104857611 bytes is over the 33554432-byte limit" "$TMP/err"
check bad/huge-line-goes-on grep -q '^dyad code: 2 documents read, 1 coded, 1 skipped' "$TMP/err"
rm -f "$TMP/huge.jsonl"
# the same size as plain text on a pipe: read up to the cap, then dropped
head -c 104857600 /dev/zero | tr '\000' 'a' | "$DYAD" code >/dev/null 2>"$TMP/err"; rc=$?
check bad/huge-stdin-exit-3 [ $rc -eq 3 ]
check bad/huge-stdin-message grep -q '^dyad: -:1: byte 0: document is over the 33554432-byte limit$' "$TMP/err"
