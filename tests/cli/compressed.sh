# compressed.sh - gzip and zstd input, recognised by magic bytes in every
# input format (JSON Lines, seed, text; files, folders, standard input),
# gives the same output as the plain file; concatenated gzip members and
# zstd frames are read in turn; a truncated or corrupt stream is reported
# with its file, line, byte and compressed offset, the records before it are
# coded and the other files too (exit 3). The fixtures are written here.
. tests/cli/lib.sh
SEED=examples/2022-08_russia-allies.fr.txt
JSONL=tests/fixtures/reader/good.jsonl
# flip IN OUT: OUT is IN with its middle byte changed
flip() {
    python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[len(b) // 2] ^= 0x55; open(sys.argv[2], "wb").write(b)' "$1" "$2"
}
have_zstd=0; command -v zstd >/dev/null 2>&1 && have_zstd=1

# plain vs compressed: the same events, the same summary
"$DYAD" code -j 1 "$SEED" >"$TMP/seed.plain" 2>/dev/null
gzip -c "$SEED" >"$TMP/seed.gz"
cp "$TMP/seed.gz" "$TMP/seed.txt"          # the name does not matter, the bytes do
"$DYAD" code -j 1 "$TMP/seed.gz" >"$TMP/out" 2>/dev/null; rc=$?
check zip/gzip-seed-exit-0 [ $rc -eq 0 ]
check zip/gzip-seed-events [ -s "$TMP/out" ]
check zip/gzip-seed-same cmp -s "$TMP/seed.plain" "$TMP/out"
"$DYAD" code -j 1 "$TMP/seed.txt" >"$TMP/out" 2>/dev/null
check zip/gzip-named-txt-same cmp -s "$TMP/seed.plain" "$TMP/out"
"$DYAD" code -j 1 - <"$TMP/seed.gz" >"$TMP/out" 2>/dev/null
check zip/gzip-stdin-same cmp -s "$TMP/seed.plain" "$TMP/out"

"$DYAD" code -j 1 "$JSONL" >"$TMP/j.plain" 2>"$TMP/j.err"
gzip -c "$JSONL" >"$TMP/j.gz"
"$DYAD" code -j 1 "$TMP/j.gz" >"$TMP/out" 2>"$TMP/err"
check zip/gzip-jsonl-same cmp -s "$TMP/j.plain" "$TMP/out"
check zip/gzip-jsonl-summary-same cmp -s "$TMP/j.err" "$TMP/err"
"$DYAD" code -j 1 --input text "$TMP/seed.gz" >"$TMP/out" 2>/dev/null
"$DYAD" code -j 1 --input text "$SEED" >"$TMP/out2" 2>/dev/null
check zip/gzip-forced-text-same cmp -s "$TMP/out2" "$TMP/out"

# two gzip members, one after the other, are one stream (as gunzip reads it)
head -c 200 "$SEED" | gzip -c >"$TMP/two.gz"
tail -c +201 "$SEED" | gzip -c >>"$TMP/two.gz"
"$DYAD" code -j 1 "$TMP/two.gz" >"$TMP/out" 2>/dev/null
check zip/gzip-members-same cmp -s "$TMP/seed.plain" "$TMP/out"

# a folder of compressed files, coded on two threads
mkdir -p "$TMP/dir"
cp "$TMP/seed.gz" "$TMP/dir/a.gz"; cp "$TMP/j.gz" "$TMP/dir/b.jsonl.gz"
"$DYAD" code -j 2 "$TMP/dir" >"$TMP/out" 2>/dev/null; rc=$?
cat "$TMP/seed.plain" "$TMP/j.plain" >"$TMP/both"
check zip/folder-same cmp -s "$TMP/both" "$TMP/out"

if [ $have_zstd = 1 ]; then
    zstd -q -c "$SEED" >"$TMP/seed.zst"
    "$DYAD" code -j 1 "$TMP/seed.zst" >"$TMP/out" 2>/dev/null; rc=$?
    check zip/zstd-seed-exit-0 [ $rc -eq 0 ]
    check zip/zstd-seed-same cmp -s "$TMP/seed.plain" "$TMP/out"
    zstd -q -c "$JSONL" >"$TMP/j.zst"
    "$DYAD" code -j 1 "$TMP/j.zst" >"$TMP/out" 2>"$TMP/err"
    check zip/zstd-jsonl-same cmp -s "$TMP/j.plain" "$TMP/out"
    check zip/zstd-jsonl-summary-same cmp -s "$TMP/j.err" "$TMP/err"
    head -c 300 "$SEED" | zstd -q -c >"$TMP/two.zst"
    tail -c +301 "$SEED" | zstd -q -c >>"$TMP/two.zst"
    "$DYAD" code -j 1 "$TMP/two.zst" >"$TMP/out" 2>/dev/null
    check zip/zstd-frames-same cmp -s "$TMP/seed.plain" "$TMP/out"
    "$DYAD" code -j 1 - <"$TMP/j.zst" >"$TMP/out" 2>/dev/null
    check zip/zstd-stdin-same cmp -s "$TMP/j.plain" "$TMP/out"
else
    skip zip/zstd "no zstd command to write the fixtures"
fi

# Truncated: many JSON Lines records, gzip cut in the middle. The records
# decoded before the cut are coded, then one error with file, line, byte
# and compressed offset; the next file is coded; exit 3.
python3 - >"$TMP/many.jsonl" <<'PY'
import json
for i in range(400):
    print(json.dumps({"id": "d%d" % i, "date": "2022-09-01",
                      "text": "Russia condemned Ukraine on Monday %d. The United States accused China of spying." % i},
                     ensure_ascii=False))
PY
gzip -c "$TMP/many.jsonl" >"$TMP/many.gz"
size=$(wc -c <"$TMP/many.gz")
head -c $((size * 2 / 3)) "$TMP/many.gz" >"$TMP/cut.gz"
"$DYAD" code -j 1 "$TMP/cut.gz" "$SEED" >"$TMP/out" 2>"$TMP/err"; rc=$?
check zip/gzip-truncated-exit-3 [ $rc -eq 3 ]
check zip/gzip-truncated-message grep -q "^dyad: $TMP/cut.gz:[0-9]*: byte [0-9]*: gzip stream truncated at byte $((size * 2 / 3)) of the compressed file; the rest of the file is skipped\$" "$TMP/err"
coded=$(grep -o '^{"doc":"d[0-9]*"' "$TMP/out" | sort -u | wc -l)
check zip/gzip-truncated-records-before [ "$coded" -gt 100 ]
check zip/gzip-truncated-not-all [ "$coded" -lt 400 ]
seed_doc=$(head -1 "$TMP/seed.plain" | cut -c1-26)
check zip/gzip-truncated-next-file grep -q "^$seed_doc" "$TMP/out"

# Corrupt: a byte of the deflate data flipped; a garbage header
flip "$TMP/many.gz" "$TMP/bad.gz"
"$DYAD" code -j 1 "$TMP/bad.gz" "$SEED" >"$TMP/out" 2>"$TMP/err"; rc=$?
check zip/gzip-corrupt-exit-3 [ $rc -eq 3 ]
check zip/gzip-corrupt-message grep -q "^dyad: $TMP/bad.gz:[0-9]*: byte [0-9]*: gzip stream corrupt (.*) at byte [0-9]* of the compressed file" "$TMP/err"
tail -n "$(wc -l <"$TMP/seed.plain")" "$TMP/out" >"$TMP/tail"
check zip/gzip-corrupt-next-file cmp -s "$TMP/seed.plain" "$TMP/tail"
printf '\037\213garbage that is not deflate' >"$TMP/hdr.gz"
"$DYAD" code -j 1 "$TMP/hdr.gz" >/dev/null 2>"$TMP/err"; rc=$?
check zip/gzip-bad-header-exit-3 [ $rc -eq 3 ]
check zip/gzip-bad-header-message grep -q "^dyad: $TMP/hdr.gz:1: byte 0: gzip stream corrupt" "$TMP/err"
: | gzip -c >"$TMP/empty.gz"
"$DYAD" code -j 1 "$TMP/empty.gz" >/dev/null 2>"$TMP/err"; rc=$?
check zip/gzip-empty-exit-3 [ $rc -eq 3 ]
check zip/gzip-empty-message grep -q "empty.gz:1: byte 0: empty document" "$TMP/err"

if [ $have_zstd = 1 ]; then
    zstd -q -c "$TMP/many.jsonl" >"$TMP/many.zst"
    size=$(wc -c <"$TMP/many.zst")
    head -c $((size - 5)) "$TMP/many.zst" >"$TMP/cut.zst"
    "$DYAD" code -j 1 "$TMP/cut.zst" "$SEED" >"$TMP/out" 2>"$TMP/err"; rc=$?
    check zip/zstd-truncated-exit-3 [ $rc -eq 3 ]
    check zip/zstd-truncated-message grep -q "^dyad: $TMP/cut.zst:[0-9]*: byte [0-9]*: zstd stream truncated at byte $((size - 5)) of the compressed file" "$TMP/err"
    check zip/zstd-truncated-next-file grep -q "^$seed_doc" "$TMP/out"
    flip "$TMP/many.zst" "$TMP/bad.zst"
    "$DYAD" code -j 1 "$TMP/bad.zst" "$SEED" >"$TMP/out" 2>"$TMP/err"; rc=$?
    check zip/zstd-corrupt-exit-3 [ $rc -eq 3 ]
    check zip/zstd-corrupt-message grep -q "^dyad: $TMP/bad.zst:[0-9]*: byte [0-9]*: zstd stream corrupt (.*), found in bytes [0-9]* to [0-9]* of the compressed file" "$TMP/err"
    check zip/zstd-corrupt-next-file grep -q "^$seed_doc" "$TMP/out"
fi

# ingest reads compressed files too
"$DYAD" ingest -q -j 2 --db "$TMP/s.db" "$TMP/j.gz" 2>/dev/null
"$DYAD" query --db "$TMP/s.db" --limit 1 >"$TMP/q" 2>/dev/null
check zip/ingest-gzip [ -s "$TMP/q" ]
