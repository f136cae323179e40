# warc.sh - `--input warc` (and WARC found by its "WARC/1." magic, plain or
# gzip'd one member per record as CC-NEWS is): each HTTP response holding
# an HTML page is a document with its URL as id and source and its
# WARC-Date as date; chunked and gzip'd bodies are decoded; requests,
# metadata, images and redirects are counted, not coded; a truncated
# record, a corrupt header, a corrupt gzip member and a broken chunked
# body are reported with file and byte and the rest is read (exit 3).
# The archives are written by tests/warc.py.
. tests/cli/lib.sh
W() { python3 tests/warc.py "$@"; }
W "$TMP/good.warc"
W "$TMP/good.warc.gz" --gz
# ids (the URIs) and dates of the documents in dyad code's output
docs() { python3 -c '
import json, sys
seen = []
for l in sys.stdin:
    d = json.loads(l)
    k = (d["doc"], d["date"])
    if k not in seen: seen.append(k)
for k in seen: print("%s %s" % k)' <"$1"; }

"$DYAD" code -j 1 -v --input warc "$TMP/good.warc" >"$TMP/o" 2>"$TMP/err"; rc=$?
check warc/good-exit-0 [ $rc -eq 0 ]
docs "$TMP/o" >"$TMP/d"
check warc/id-is-uri grep -q "^http://example.fr/moscou 2016-08-26\$" "$TMP/d"
check warc/chunked-gzip-body grep -q "^http://example.com/spying 2016-08-26\$" "$TMP/d"
check warc/third-page grep -q "^http://example.com/iran 2016-08-26\$" "$TMP/d"
check warc/no-image sh -c "! grep -q logo.png \"$TMP/d\""
check warc/no-redirect sh -c "! grep -q moved \"$TMP/d\""
check warc/skipped-counted grep -q "3 documents read, 3 coded, 0 skipped, .*; 13 WARC records without an HTML page" "$TMP/err"
check warc/events grep -q '"code":"111"' "$TMP/o"
# the page's date meta tag does not win over WARC-Date
check warc/warc-date-wins sh -c "! grep -q 2020-01-01 \"$TMP/o\""

# found by its magic, plain and gzip'd per record; the same output
"$DYAD" code -j 1 "$TMP/good.warc" >"$TMP/o-auto" 2>/dev/null
check warc/auto-detected cmp -s "$TMP/o" "$TMP/o-auto"
"$DYAD" code -j 1 "$TMP/good.warc.gz" >"$TMP/o-gz" 2>"$TMP/err"; rc=$?
check warc/gz-exit-0 [ $rc -eq 0 ]
check warc/gz-per-record-same cmp -s "$TMP/o" "$TMP/o-gz"
W "$TMP/good.warc.zst"; zstd -q -f "$TMP/good.warc.zst" -o "$TMP/z.warc.zst" 2>/dev/null &&
    { "$DYAD" code -j 1 "$TMP/z.warc.zst" >"$TMP/o-zst" 2>/dev/null
      check warc/zstd-same cmp -s "$TMP/o" "$TMP/o-zst"; }
"$DYAD" code -j 3 "$TMP/good.warc.gz" "$TMP/good.warc" >"$TMP/o3" 2>/dev/null
"$DYAD" code -j 1 "$TMP/good.warc.gz" "$TMP/good.warc" >"$TMP/o1" 2>/dev/null
check warc/threads-same cmp -s "$TMP/o1" "$TMP/o3"
check warc/two-files [ "$(docs "$TMP/o1" | wc -l)" -eq 3 ]
# one file through a pipe
cat "$TMP/good.warc.gz" | "$DYAD" code -j 1 --input warc >"$TMP/o-pipe" 2>/dev/null
check warc/stdin cmp -s "$TMP/o" "$TMP/o-pipe"

# truncated: the last response is cut; the pages before it are coded
for z in "" .gz; do
    W "$TMP/trunc.warc$z" ${z:+--gz} --case truncated
    "$DYAD" code -j 1 "$TMP/trunc.warc$z" >"$TMP/o" 2>"$TMP/err"; rc=$?
    check "warc/truncated$z-exit-3" [ $rc -eq 3 ]
    check "warc/truncated$z-message" grep -q "^dyad: $TMP/trunc.warc$z:199: byte 4562.*: truncated WARC record ([0-9]* of its 126 bytes)" "$TMP/err"
    check "warc/truncated$z-rest-read" [ "$(docs "$TMP/o" | wc -l)" -eq 2 ]
done
check warc/truncated-gz-names-member grep -q "(gzip member at byte 3446)" "$TMP/err"

# a corrupt header: reported, skipped to the next record
for z in "" .gz; do
    W "$TMP/badh.warc$z" ${z:+--gz} --case bad-header
    "$DYAD" code -j 1 "$TMP/badh.warc$z" >"$TMP/o" 2>"$TMP/err"; rc=$?
    check "warc/bad-header$z-exit-3" [ $rc -eq 3 ]
    check "warc/bad-header$z-message" grep -q "^dyad: $TMP/badh.warc$z:24: byte 525.*: not a WARC record header; skipped to the next record\$" "$TMP/err"
    check "warc/bad-header$z-one-message" [ "$(grep -c '^dyad: ' "$TMP/err")" -eq 1 ]
    check "warc/bad-header$z-rest-read" [ "$(docs "$TMP/o" | wc -l)" -eq 2 ]
done

# a corrupt gzip member: reported, reading goes on at the next member
W "$TMP/badm.warc.gz" --gz --case bad-member
"$DYAD" code -j 1 "$TMP/badm.warc.gz" >"$TMP/o" 2>"$TMP/err"; rc=$?
check warc/bad-member-exit-3 [ $rc -eq 3 ]
check warc/bad-member-message grep -q "gzip member corrupt (incorrect data check) at byte 803 of the compressed file; reading on from the next member, at byte 807" "$TMP/err"
docs "$TMP/o" >"$TMP/d"
check warc/bad-member-rest-read grep -q "^http://example.com/iran " "$TMP/d"
check warc/bad-member-page-before grep -q "^http://example.com/spying " "$TMP/d"
# any other format still stops at a corrupt member
cp "$TMP/badm.warc.gz" "$TMP/badm.txt.gz"
"$DYAD" tokens --input text "$TMP/badm.txt.gz" >/dev/null 2>"$TMP/err"; rc=$?
check warc/other-format-stops grep -q "gzip stream corrupt (incorrect data check) at byte 803 of the compressed file; the rest of the file is skipped" "$TMP/err"

# a broken chunked body: that page is reported, the others coded
W "$TMP/chunk.warc" --case chunked-bad
"$DYAD" code -j 1 "$TMP/chunk.warc" >"$TMP/o" 2>"$TMP/err"; rc=$?
check warc/chunked-bad-exit-3 [ $rc -eq 3 ]
check warc/chunked-bad-message grep -q "^dyad: $TMP/chunk.warc:65: byte 1673: http://example.com/spying: malformed chunked HTTP body at byte 0 of the body\$" "$TMP/err"
check warc/chunked-bad-rest-read [ "$(docs "$TMP/o" | wc -l)" -eq 2 ]

# bounds: a 2 MB page; a header over 64 KiB; a Content-Length past the file; garbage after a record
python3 - "$TMP" <<'PY'
import sys
t = sys.argv[1]
def rec(body, length=None, extra=""):
    n = len(body) if length is None else length
    return (("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/%d\r\n"
             "WARC-Date: 2020-02-02T00:00:00Z\r\n%sContent-Type: application/http\r\n"
             "Content-Length: %d\r\n\r\n") % (n, extra, n)).encode() + body + b"\r\n\r\n"
page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Russia condemned Ukraine.</p>"
big = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>" + b"word " * 400000 + b"</p>"
open(t + "/big.warc", "wb").write(rec(big) + rec(page))
open(t + "/hdr.warc", "wb").write(b"WARC/1.0\r\n" + b"X-Pad: " + b"a" * 100000 + b"\r\n\r\n" + rec(page))
open(t + "/len.warc", "wb").write(rec(page) + rec(page, length=10**15))
open(t + "/nolen.warc", "wb").write(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + rec(page))
open(t + "/br.warc", "wb").write(rec(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx") + rec(page))
open(t + "/gzbad.warc", "wb").write(rec(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b\x08\x00garbage") + rec(page))
PY
"$DYAD" tokens --input warc "$TMP/big.warc" >"$TMP/o" 2>"$TMP/err"; rc=$?
check warc/big-exit-0 [ $rc -eq 0 ]
check warc/big-both-read [ "$(grep -o '"doc":"[^"]*"' "$TMP/o" | sort -u | wc -l)" -eq 2 ]
"$DYAD" code -j 1 --input warc "$TMP/hdr.warc" >"$TMP/o" 2>"$TMP/err"; rc=$?
check warc/long-header-exit-3 [ $rc -eq 3 ]
check warc/long-header-message grep -q "WARC record header over 65536 bytes; skipped to the next record" "$TMP/err"
check warc/long-header-rest-read grep -q '"doc":"http://x/' "$TMP/o"
"$DYAD" code -j 1 --input warc "$TMP/len.warc" >"$TMP/o" 2>"$TMP/err"; rc=$?
check warc/huge-length-exit-3 [ $rc -eq 3 ]
check warc/huge-length-message grep -q "truncated WARC record (.* of its 1000000000000000 bytes): the file ends there" "$TMP/err"
check warc/huge-length-first-read grep -q '"doc":"http://x/' "$TMP/o"
"$DYAD" code -j 1 --input warc "$TMP/nolen.warc" >"$TMP/o" 2>"$TMP/err"; rc=$?
check warc/no-length-message grep -q "WARC header without Content-Length; skipped to the next record" "$TMP/err"
check warc/no-length-rest-read grep -q '"doc":"http://x/' "$TMP/o"
"$DYAD" code -j 1 --input warc "$TMP/br.warc" >"$TMP/o" 2>"$TMP/err"; rc=$?
check warc/brotli-reported grep -q "http://x/.*: HTTP Content-Encoding 'br' is not supported" "$TMP/err"
check warc/brotli-rest-read grep -q '"doc":"http://x/' "$TMP/o"
"$DYAD" code -j 1 --input warc "$TMP/gzbad.warc" >"$TMP/o" 2>"$TMP/err"; rc=$?
check warc/gzip-body-reported grep -q "gzip HTTP body is" "$TMP/err"
check warc/gzip-body-rest-read grep -q '"doc":"http://x/' "$TMP/o"

# the same archives into a store
"$DYAD" ingest -q --db "$TMP/s.db" "$TMP/good.warc.gz" 2>/dev/null
check warc/ingest-docs [ "$(sqlite3 "$TMP/s.db" "SELECT count(*) FROM documents")" = 3 ]
check warc/ingest-source-url [ "$(sqlite3 "$TMP/s.db" "SELECT count(*) FROM documents WHERE id = source AND id = url AND id LIKE 'http://%'")" = 3 ]
