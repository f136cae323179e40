# html.sh - `--input html`: a web page's title, publication date (meta
# tags, else <time datetime>) and article text, without scripts, styles,
# navigation, header, footer, asides, comments, sharing buttons, cookie
# banners; byte spans into that text; a legacy charset decoded; gzip'd
# pages; a page with no article text is an empty document. In French and
# English. The pages are written here, but for the French one, which is
# html's fuzz seed.
. tests/cli/lib.sh

# the French page is also html's fuzz seed: nav, cookie banner, article,
# share buttons, figure, comments, aside, footer, script, style
cp tests/fuzz/corpus/html/fr-article.html "$TMP/fr.html"

# sentences as "span<TAB>text", and a check that each span is as long as its text
sents() {
    python3 -c '
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    a, b = d["span"]
    assert b - a == len(d["text"].encode()), (d["span"], d["text"])
    print("%d-%d\t%s" % (a, b, d["text"]))'
}

"$DYAD" tokens --input html "$TMP/fr.html" 2>"$TMP/err" | sents >"$TMP/s"; rc=$?
check html/fr-exit-0 [ $rc -eq 0 ]
check html/fr-article-text grep -q "La Russie a condamné l'Ukraine lundi\." "$TMP/s"
check html/fr-blanks-collapsed grep -q "	Le président russe a rencontré le président chinois\.\$" "$TMP/s"
check html/fr-entity-decoded grep -q "l'offensive & les sanctions" "$TMP/s"
check html/fr-heading-first grep -q "^0-37	Moscou renforce ses liens avec Pékin\$" "$TMP/s"
for junk in "var x" "color: red" Accueil cookies Partager "Photo AFP" lecteur "lire aussi" "Le Journal"; do
    check "html/fr-no-$(echo "$junk" | tr ' :' '--')" sh -c "! grep -q \"$junk\" \"$TMP/s\""
done
"$DYAD" code --input html "$TMP/fr.html" >"$TMP/ev" 2>/dev/null
check html/fr-date-from-meta grep -q '"date":"2022-08-15"' "$TMP/ev"
check html/fr-events [ "$(grep -c . "$TMP/ev")" -ge 3 ]
"$DYAD" ingest -q --input html --db "$TMP/s.db" "$TMP/fr.html" 2>/dev/null
"$DYAD" export --db "$TMP/s.db" --format jsonl --mentions "$TMP/m.jsonl" >/dev/null 2>&1
check html/fr-ingested [ -s "$TMP/m.jsonl" ]

# English: no <article>, the body without its boilerplate; the date from
# <time datetime>; the title from <title>; a compressed page
cat >"$TMP/en.html" <<'HTML'
<html><head><title>Russia condemns Ukraine</title></head>
<body>
<div id="navbar"><ul><li>Home</li><li>World</li></ul></div>
<div class="story">
<p>Posted <time datetime="2023-03-02">March 2</time></p>
<p>Russia condemned Ukraine on Monday.</p>
<p>The United States accused China of spying.</p>
</div>
<div class="related-links"><p>Iran threatened Israel.</p></div>
<form><input name="q"> Search</form>
</body></html>
HTML
gzip -c "$TMP/en.html" >"$TMP/en.html.gz"
"$DYAD" tokens --input html "$TMP/en.html.gz" 2>/dev/null | sents >"$TMP/s"
check html/en-text grep -q "Russia condemned Ukraine on Monday\." "$TMP/s"
check html/en-no-nav sh -c "! grep -q 'Home' \"$TMP/s\""
check html/en-no-related sh -c "! grep -q 'Iran' \"$TMP/s\""
check html/en-no-form sh -c "! grep -q 'Search' \"$TMP/s\""
"$DYAD" code --input html "$TMP/en.html.gz" >"$TMP/ev" 2>/dev/null
check html/en-date-from-time grep -q '"date":"2023-03-02"' "$TMP/ev"
check html/en-events grep -q '"code":"111"' "$TMP/ev"

# a legacy charset, declared in the page
printf '<html><head><meta charset="iso-8859-1"></head><body><p>La Russie a condamn\351 la France.</p></body></html>' >"$TMP/latin1.html"
"$DYAD" tokens --input html "$TMP/latin1.html" 2>/dev/null | sents >"$TMP/s"
check html/latin1-decoded grep -q "La Russie a condamné la France\." "$TMP/s"

# no article text: an empty document (exit 3); the next page is read
printf '<html><body><nav>Home</nav><script>x()</script></body></html>' >"$TMP/empty.html"
"$DYAD" code --input html "$TMP/empty.html" "$TMP/fr.html" >"$TMP/ev" 2>"$TMP/err"; rc=$?
check html/empty-exit-3 [ $rc -eq 3 ]
check html/empty-message grep -q "^dyad: $TMP/empty.html:1: byte 0: empty document\$" "$TMP/err"
check html/empty-next-page grep -q '"date":"2022-08-15"' "$TMP/ev"

# tag soup is read as a browser would; the same page on 1 and 3 threads
printf '<p>La Russie <b>a condamn\303\251 <i>la France.</p><p>Fin' >"$TMP/soup.html"
"$DYAD" tokens --input html "$TMP/soup.html" 2>/dev/null | sents >"$TMP/s"
check html/soup-read grep -q "La Russie a condamné la France\." "$TMP/s"
"$DYAD" code -j 1 --input html "$TMP/fr.html" "$TMP/en.html" "$TMP/soup.html" >"$TMP/o1" 2>&1
"$DYAD" code -j 3 --input html "$TMP/fr.html" "$TMP/en.html" "$TMP/soup.html" >"$TMP/o3" 2>&1
check html/threads-same cmp -s "$TMP/o1" "$TMP/o3"
"$DYAD" code --input xml "$TMP/fr.html" >/dev/null 2>"$TMP/err"; rc=$?
check html/bad-input-usage [ $rc -eq 2 ]
check html/bad-input-message grep -q "must be auto, seed, text, jsonl, html or warc" "$TMP/err"
