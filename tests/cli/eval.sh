# eval.sh - `dyad eval`: the JSON report has the required keys, malformed
# gold is reported with its line, usage errors and unreadable files give
# the documented exit codes; the real gold sets run when ../shared/data is
# there (skipped cleanly otherwise).
. tests/cli/lib.sh
FIX=tests/fixtures/gold

have_python() { command -v python3 >/dev/null 2>&1; }

# json_keys FILE KEY... : FILE is one JSON object holding every KEY
json_keys() {
    f=$1; shift
    python3 - "$f" "$@" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
need = sys.argv[2:]
missing = [k for k in need if k not in o]
for k in ("lenient", "strict"):
    if k in o:
        missing += [k + "." + x for x in ("precision", "recall", "f1", "tp", "fp", "fn") if x not in o[k]]
sys.exit(1 if missing else 0)
PY
}

"$DYAD" eval -q --json "$FIX/dyad.jsonl" >"$TMP/out.json" 2>"$TMP/err"
rc=$?
check eval/malformed-exit-3 [ "$rc" -eq 3 ]
check eval/malformed-line grep -q 'dyad.jsonl:4: invalid JSON' "$TMP/err"
check eval/malformed-line-7 grep -q 'dyad.jsonl:7: .*code "abc"' "$TMP/err"
if have_python; then
    check eval/json-keys json_keys "$TMP/out.json" records lenient strict per_root confusion must_not_hits code_only files
    check eval/json-records python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); sys.exit(0 if o["records"] == 3 and o["lenient"]["fn"] == 3 else 1)' "$TMP/out.json"
else
    skip eval/json-keys "no python3"
    skip eval/json-records "no python3"
fi

"$DYAD" eval -q "$FIX/tabari.text" >"$TMP/out.txt" 2>"$TMP/err"
check eval/text-report grep -q '^  lenient ' "$TMP/out.txt"
check eval/suite-dictionaries grep -q 'Fixture.actors.*not loaded' "$TMP/out.txt"
check eval/tabari-bad-brace grep -q 'tabari.text:34:' "$TMP/err"

"$DYAD" eval -q --json --show-errors "$FIX/cameo.csv" >"$TMP/errs.json" 2>/dev/null
if have_python; then
    check eval/show-errors python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); c=o["code_only"]; sys.exit(0 if c["records"] == 3 and len(o["errors"]) == 3 - c["code_correct"] else 1)' "$TMP/errs.json"
else
    skip eval/show-errors "no python3"
fi
"$DYAD" eval -q --show-errors "$FIX/plover.json" >"$TMP/errs.txt" 2>/dev/null
check eval/show-errors-text grep -q 'AGREE-0001 (line 3): Senior Hungarian' "$TMP/errs.txt"

"$DYAD" eval -q --limit 1 --json "$FIX/dyad.jsonl" >"$TMP/lim.json" 2>/dev/null
check eval/limit grep -q '"records": 1,' "$TMP/lim.json"

"$DYAD" eval -q --format xml "$FIX/dyad.jsonl" >/dev/null 2>&1
check eval/bad-format-exit-2 [ $? -eq 2 ]
"$DYAD" eval -q >/dev/null 2>&1
check eval/no-gold-exit-2 [ $? -eq 2 ]
"$DYAD" eval -q "$FIX/no-such-file.jsonl" >/dev/null 2>"$TMP/err"
check eval/missing-file-exit-1 [ $? -eq 1 ]
"$DYAD" eval -q "$FIX/bad-plover.json" >/dev/null 2>"$TMP/err"
check eval/bad-json-file-line grep -q 'bad-plover.json:3: invalid JSON' "$TMP/err"
"$DYAD" eval --help | grep -q -- '--show-errors'
check eval/help [ $? -eq 0 ]

# (a code-only record gives one error unless its best event has the full code)

# The real gold sets (a few records each: the machinery, not the figures).
D=../shared/data
for set in dyad-dev-gold/fr-dev.jsonl dyad-dev-gold/en-dev.jsonl \
           cameo-codebook-icews/cameo-codes.utf8.csv plover/PLOVER_GSR_CAMEO.json \
           tabari-validation/Validate.text petrarch2/text/PETR.UnitTest.records.xml \
           petrarch1-validation/PETR.Validate.records.140226.txt \
           universal-petrarch/english-functional/PETR_Validate_records_2_02.xml \
           universal-petrarch/spanish/spanish_protest_plover_validation.xml; do
    name=eval/shared-$(basename "$set")
    if [ ! -f "$D/$set" ]; then
        skip "$name" "no $D/$set"
        continue
    fi
    "$DYAD" eval -q --json --limit 20 "$D/$set" >"$TMP/real.json" 2>"$TMP/err"
    rc=$?
    if have_python; then
        check "$name" sh -c "[ $rc -eq 0 ] && python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); sys.exit(0 if o[\"records\"] == 20 else 1)' '$TMP/real.json'"
    else
        check "$name" [ "$rc" -eq 0 ]
    fi
done
