# startup.sh - build/dyad starts without libpq, libxml2 and libmicrohttpd
# (cli/lazylibs.c opens them on first use), and a library that cannot be
# opened then is a clear error naming it and what needed it.
. tests/cli/lib.sh

needed=$(readelf -d "$DYAD" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
check startup/readelf-lists-needed [ -n "$needed" ]
check startup/links-core-libraries-only sh -c '! printf "%s\n" "$1" | grep -Eq "^lib(pq|xml2|microhttpd)\."' _ "$needed"
check startup/version-runs sh -c '"$1" --version | grep -q "^dyad "' _ "$DYAD"

# the HTML reader and the server still find their libraries
printf '<html><head><title>T</title></head><body><article><p>Russia and China signed a trade agreement in Beijing on Monday.</p></article></body></html>' >"$TMP/p.html"
"$DYAD" code --input html "$TMP/p.html" >"$TMP/out" 2>"$TMP/err"; rc=$?
check startup/html-loads-libxml2 [ $rc -eq 0 ]
check startup/html-codes-event grep -q '"code":"0' "$TMP/out"

# a broken libpq first on the search path: the store's open fails with a
# message that names the library and the need, and no crash
soname() { objdump -p "$(pkg-config --variable=libdir "$1" 2>/dev/null)/$2.so" 2>/dev/null | awk '/SONAME/ {print $2}'; }
pq=$(soname libpq libpq); pq=${pq:-libpq.so.5}
xml=$(soname libxml-2.0 libxml2); xml=${xml:-libxml2.so.2}
mkdir "$TMP/lib"
echo "not a library" >"$TMP/lib/$pq"
echo "not a library" >"$TMP/lib/$xml"
LD_LIBRARY_PATH="$TMP/lib" "$DYAD" query --db postgresql://127.0.0.1:1/none >"$TMP/out" 2>"$TMP/err"; rc=$?
check startup/missing-libpq-exit-1 [ $rc -eq 1 ]
check startup/missing-libpq-says-why grep -q "^dyad: $pq could not be loaded (a postgresql:// store needs it): " "$TMP/err"
LD_LIBRARY_PATH="$TMP/lib" "$DYAD" code --input html "$TMP/p.html" >"$TMP/out" 2>"$TMP/err"; rc=$?
check startup/missing-libxml2-exit-1 [ $rc -eq 1 ]
check startup/missing-libxml2-says-why grep -q "^dyad: $xml could not be loaded (reading HTML" "$TMP/err"
# the plain text path needs neither
LD_LIBRARY_PATH="$TMP/lib" "$DYAD" code examples/2022-08_russia-allies.fr.txt >"$TMP/out" 2>"$TMP/err"; rc=$?
check startup/text-needs-no-lazy-library [ $rc -eq 0 ]
