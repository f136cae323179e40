# exports.sh - every export format validated (tools/check_exports.py:
# column counts, types, code lists, one date per row, null for absent
# values, PLOVER types/modes/contexts) on the hand-made store, on the store
# of examples/, and on a store of 80 French and English Wikinews articles
# when ../shared exists (DYAD_SHARED overrides; skipped cleanly without).
. tests/cli/lib.sh
SHARED=${DYAD_SHARED:-../shared}
validate() {
    name=$1 db=$2
    if python3 tools/check_exports.py --dyad "$DYAD" --plover "$SHARED/data/plover" "$db" >"$TMP/v.txt" 2>&1; then
        ok "exports/$name"
    else
        nok "exports/$name"; cat "$TMP/v.txt"
    fi
}
F=$TMP/fixture.db
"$DYAD" ingest -q --db "$F" /dev/null 2>/dev/null
sqlite3 "$F" <tests/fixtures/store/events.sql
validate fixture-store "$F"

E=$TMP/examples.db
"$DYAD" ingest -q --db "$E" examples/
validate examples-store "$E"

# The GDELT and Phoenix writers format numbers themselves and read the
# store's tables directly: their bytes must stay those the fixture files
# hold (written by the printf-based writer over the views, 2026-12-07;
# GDELT's ActionGeo_CountryCode filled since, "UP" for the Ukrainian places;
# the negated event 5 left out of both since, as neither has a polarity).
G=$TMP/numbers.db
cp "$F" "$G"
sqlite3 "$G" <tests/fixtures/store/numbers.sql
"$DYAD" export -q --db "$G" --format gdelt --mentions "$TMP/gm.tsv" >"$TMP/g.tsv"
check exports/gdelt-bytes cmp -s "$TMP/g.tsv" tests/fixtures/store/export.gdelt.tsv
check exports/gdelt-mentions-bytes cmp -s "$TMP/gm.tsv" tests/fixtures/store/export.gdelt-mentions.tsv
"$DYAD" export -q --db "$G" --format phoenix >"$TMP/ph.tsv"
check exports/phoenix-bytes cmp -s "$TMP/ph.tsv" tests/fixtures/store/export.phoenix.tsv

# A country that is the event's place ("in Syria", "en Corée-du-Nord") is
# ActionGeo_Type 1 (country) with its centre, a city type 4 with its own
# coordinates, an admin-1 region type 5. FIPS 10-4 codes (docs/formats.md,
# "GDELT geography"): the country's code, a country's ADM1Code and
# FeatureID that code again, a city's or region's ADM1Code the country's
# code + GeoNames admin-1 code and its FeatureID its GeoNames id.
C=$TMP/country.db
printf '%s\n' '{"id":"c1","date":"2023-05-01","lang":"en","text":"Turkish troops arrested three men on Monday in Syria. Police arrested a man in Paris on Monday. Turkish police arrested two Syrians in Istanbul on Tuesday."}' \
    '{"id":"c2","date":"2023-05-01","lang":"fr","text":"La police japonaise a arrêté deux Américains en Corée-du-Nord mardi. Les forces irakiennes ont arrêté deux Syriens dans la province de Diyala."}' >"$TMP/c.jsonl"
"$DYAD" ingest -q --db "$C" "$TMP/c.jsonl"
"$DYAD" export -q --db "$C" --format gdelt | awk -F'\t' '{print $52, $53, ($57 != "" && $58 != "")}' | sort >"$TMP/cg.txt"
check exports/gdelt-country-place [ "$(cat "$TMP/cg.txt")" = "$(printf '1 Corée-du-Nord 1\n1 Syria 1\n4 Istanbul 1\n4 Paris 1\n5 Diyala 1')" ]
"$DYAD" export -q --db "$C" --format gdelt | awk -F'\t' '{print $53 "|" $54 "|" $55 "|" $56 "|" $59}' | sort >"$TMP/cf.txt"
check exports/gdelt-fips-geography [ "$(cat "$TMP/cf.txt")" = "$(printf 'Corée-du-Nord|KN|KN||KN\nDiyala|IZ|IZ10||96965\nIstanbul|TU|TU34||745044\nParis|FR|FR11||2988507\nSyria|SY|SY||SY')" ]

# The validator can fail: a GDELT row with a bad code, and "" in JSON.
sqlite3 "$F" "UPDATE events SET code = '999' WHERE id = 1"
python3 tools/check_exports.py --dyad "$DYAD" "$F" >"$TMP/v.txt" 2>&1
check exports/validator-catches-bad-code [ $? -eq 1 ] && grep -q "EventCode '999'" "$TMP/v.txt"

# PLOVER: mode and context from the crosswalk, actors as PLOVER lists.
"$DYAD" export -q --db "$E" --format plover >"$TMP/p.jsonl"
check exports/plover-records [ "$(wc -l <"$TMP/p.jsonl")" -ge 1 ]
jq -e -s 'all(.event != null and (.source | type) == "array" and (.date | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")))' "$TMP/p.jsonl" >/dev/null
check exports/plover-shape [ $? -eq 0 ]
check exports/plover-context [ "$(jq -r 'select(.cameo == "0311") | .context' "$TMP/p.jsonl" | sort -u | head -1)" = economic ] || \
      [ "$(jq -r 'select(.cameo == "0311")' "$TMP/p.jsonl" | wc -l)" -eq 0 ]
"$DYAD" export --db "$E" --format plover --mentions "$TMP/x" 2>/dev/null
check exports/plover-no-mentions-exit-2 [ $? -eq 2 ]

if [ -f "$SHARED/data/wikinews-en/wikinews_2020.csv" ] && [ -d "$SHARED/data/winer-fr-wikinews/2016" ]; then
    python3 - "$SHARED/data" >"$TMP/wn.jsonl" <<'PY'
import csv, json, os, re, sys
d = sys.argv[1]
with open(os.path.join(d, "wikinews-en", "wikinews_2020.csv"), encoding="utf-8", newline="") as f:
    for i, r in enumerate(csv.DictReader(f)):
        if i >= 40:
            break
        print(json.dumps({"id": "en%d" % i, "date": r["date"], "url": r["url"], "title": r["title"],
                          "text": r["text"], "source": "wikinews-en"}, ensure_ascii=False))
n = 0
for root, _, files in sorted(os.walk(os.path.join(d, "winer-fr-wikinews", "2016"))):
    for fn in sorted(files):
        if re.match(r"^\d{4}_\d{2}_\d{2}-\d+\.txt$", fn) and n < 40:
            day = fn[:10].replace("_", "-")
            with open(os.path.join(root, fn), encoding="utf-8") as f:
                print(json.dumps({"id": fn[:-4], "date": day, "text": f.read(),
                                  "source": "wikinews-fr"}, ensure_ascii=False))
            n += 1
PY
    W=$TMP/wikinews.db
    "$DYAD" ingest -q --db "$W" "$TMP/wn.jsonl"
    check exports/wikinews-store-has-events [ "$(sqlite3 "$W" 'SELECT count(*) FROM events')" -gt 10 ]
    validate wikinews-store "$W"
else
    skip exports/wikinews-store-has-events "needs ../shared/data/wikinews-en and winer-fr-wikinews"
    skip exports/wikinews-store "needs ../shared/data/wikinews-en and winer-fr-wikinews"
fi
