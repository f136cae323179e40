#!/bin/sh
# accuracy.sh - regenerate docs/ACCURACY.md: run `dyad eval --json` on every
# gold set in ../shared/data and write one table line per set (size,
# lenient and strict figures, records fully correct, the exact command),
# with the date and the git commit. Sets that are absent are listed as
# such. Then tools/suite_failures.py adds the TABARI and PETRARCH2 suites'
# records fully correct per feature category and writes their failing
# records to docs/SUITE_FAILURES.md (beside OUT); tools/actor_recall.py
# adds actor recognition and tools/miss_causes.py the dev-gold misses by
# cause.
#
# usage: tools/accuracy.sh            (from the repository root, after make)
# env:   DYAD (default build/dyad), DATA (default ../shared/data),
#        OUT (default docs/ACCURACY.md)
set -u
DYAD=${DYAD:-build/dyad}
DATA=${DATA:-../shared/data}
OUT=${OUT:-docs/ACCURACY.md}

if [ ! -x "$DYAD" ]; then
    echo "accuracy.sh: $DYAD not found; run make first" >&2
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "accuracy.sh: python3 is needed to format the report" >&2
    exit 1
fi

TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT

# name|path under DATA
cat >"$TMP/sets" <<'SETS'
dyad-dev-gold fr|dyad-dev-gold/fr-dev.jsonl
dyad-dev-gold en|dyad-dev-gold/en-dev.jsonl
CAMEO codebook examples (code only)|cameo-codebook-icews/cameo-codes.utf8.csv
PLOVER gold standard (event type)|plover/PLOVER_GSR_CAMEO.json
TABARI validation suite|tabari-validation/Validate.text
PETRARCH2 unit tests|petrarch2/text/PETR.UnitTest.records.xml
PETRARCH1 validation suite|petrarch1-validation/PETR.Validate.records.140226.txt
UniversalPetrarch English functional|universal-petrarch/english-functional/PETR_Validate_records_2_02.xml
UniversalPetrarch English GSR|universal-petrarch/english-gsr/PETR2_GSR_validation.xml
UniversalPetrarch Spanish|universal-petrarch/spanish/spanish_validation_1018_noaccent.xml
UniversalPetrarch Spanish protest (PLOVER)|universal-petrarch/spanish/spanish_protest_plover_validation.xml
UniversalPetrarch Spanish fight|universal-petrarch/spanish/spanish_fight_reduced_181227v2_validation.xml
CAMEO codebook examples, PETRARCH2 CAMEO verbs + Phoenix actors|cameo-codebook-icews/cameo-codes.utf8.csv|--dict petrarch:$PHX
PLOVER gold standard, PETRARCH2 CAMEO verbs + Phoenix actors|plover/PLOVER_GSR_CAMEO.json|--dict petrarch:$PHX
dyad-dev-gold en, PETRARCH2 CAMEO verbs + Phoenix actors|dyad-dev-gold/en-dev.jsonl|--dict petrarch:$PHX
UniversalPetrarch English GSR, PETRARCH2 CAMEO verbs + Phoenix actors (the dictionaries it names)|universal-petrarch/english-gsr/PETR2_GSR_validation.xml|--dict petrarch:$PHX,$P/Phoenix.discards.txt
SETS
# PETRARCH2's production dictionaries, named as its PETR_config.ini names them
P='$DATA/petrarch2/dictionaries'
PHX="$P/CAMEO.2.0.txt,$P/Phoenix.Countries.actors.txt,$P/Phoenix.International.actors.txt,$P/Phoenix.MilNonState.actors.txt,$P/Phoenix.agents.txt"

i=0
while IFS='|' read -r name path args; do
    i=$((i + 1))
    # args may name $PHX; expand it (and $DATA in it) for the run and the doc
    args=$(eval "printf '%s' \"$args\"")
    args=$(printf '%s' "$args" | sed "s|\$DATA|$DATA|g")
    cmd="$DYAD eval --json ${args:+$args }$DATA/$path"
    if [ -f "$DATA/$path" ]; then
        # shellcheck disable=SC2086
        "$DYAD" eval --json $args "$DATA/$path" >"$TMP/$i.json" 2>"$TMP/$i.err"
        echo $? >"$TMP/$i.rc"
    fi
    printf '%s\t%s\t%s\n' "$name" "$path" "$cmd" >>"$TMP/index"
    echo "accuracy.sh: $name" >&2
done <"$TMP/sets"

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit="$commit (with uncommitted changes)"
fi
# eval warns on stderr when it codes without a lexicon
if cat "$TMP"/*.err 2>/dev/null | grep -q 'no lexicon found'; then
    lex="none found (coded without dictionaries: no events)"
else
    lex="the default (\$DYAD_LEXICON, else dyad.lex beside $DYAD)"
fi

python3 - "$TMP" "$OUT" "$(date -u +%Y-%m-%d)" "$commit" "$("$DYAD" --version)" "$lex" <<'PY'
import json, os, sys
tmp, out, day, commit, version, lex = sys.argv[1:7]
rows, notes = [], []
for i, line in enumerate(open(os.path.join(tmp, "index")), 1):
    name, path, cmd = line.rstrip("\n").split("\t")
    jf = os.path.join(tmp, "%d.json" % i)
    if not os.path.exists(jf):
        rows.append("| %s | absent | | | | | | `%s` |" % (name, cmd))
        continue
    rc = open(os.path.join(tmp, "%d.rc" % i)).read().strip()
    try:
        o = json.load(open(jf))
    except ValueError:
        err = open(os.path.join(tmp, "%d.err" % i)).read().strip().splitlines()
        rows.append("| %s | failed (exit %s) | | | | | | `%s` |" % (name, rc, cmd))
        notes.append("%s: %s" % (name, err[-1] if err else "no output"))
        continue
    f = o["files"][0] if o["files"] else {}
    L, S = o["lenient"], o["strict"]
    size = "%d records, %d events" % (o["records"], o["gold_events"])
    skipped = []
    for k in ("malformed", "control", "unannotated"):
        if f.get(k):
            skipped.append("%d %s" % (f[k], k))
    if skipped:
        size += " (skipped: " + ", ".join(skipped) + ")"
    fig = lambda c: "%.3f / %.3f / %.3f (%d/%d/%d)" % (c["precision"], c["recall"], c["f1"], c["tp"], c["fp"], c["fn"])
    extra = []
    if o["code_only"]["records"]:
        c = o["code_only"]
        extra.append("root acc. %.3f, code acc. %.3f" % (c["root_accuracy"], c["code_accuracy"]))
    if o["must_not_hits"]:
        extra.append("%d must_not hits" % o["must_not_hits"])
    if f.get("dictionaries_not_loaded"):
        extra.append("suite dictionaries not loaded")
    if f.get("dictionaries_loaded"):
        extra.append("suite dictionaries loaded")
    rk = o.get("records_correct")
    share = lambda n: "%.1f%% (%d)" % (100.0 * n / rk["records"], n) if rk["records"] else "0"
    correct = "%s / %s" % (share(rk["lenient"]), share(rk["strict"])) if rk else ""
    made = "%d" % o["produced_events"]
    allmade = o["produced_events"] + o["untargeted_ignored"] + o["negated_ignored"]
    if o["untargeted_ignored"]:
        made += "; without a target %d of %d (%.0f%%)" % (
            o["untargeted_ignored"], allmade, 100.0 * o["untargeted_ignored"] / allmade)
    rows.append("| %s | %s | %s | %s | %s | %s | %s | `%s` |" % (
        name, size, fig(L), fig(S), correct, "; ".join(extra), made, cmd))
with open(out + ".tmp", "w") as w:
    w.write("""# dyad accuracy on the gold standards

<!-- generated by tools/accuracy.sh, do not edit: run `sh tools/accuracy.sh` -->

**These figures are regenerated by `tools/accuracy.sh`; do not edit them by
hand.** Each line is one `dyad eval --json` run (the exact command is in the
last column).

- date: %s
- commit: %s
- %s; lexicon: %s

Figures are precision / recall / F1 (true positives / false positives /
misses). *Lenient* compares the first 3 letters of the source and target
actor codes and the CAMEO root; *strict* compares full codes. PLOVER gold is
scored on the PLOVER event type instead of the CAMEO code. Code-only records
(the CAMEO codebook examples, whose actors are not given) are scored on
dyad's best event: root accuracy and full-code accuracy. Negated events, events only possible, and
events without a target are left out: *produced events* counts the scored
ones, then those without a target among all produced. dyad outputs an event
whose target is not found only when its kind stands alone (statements other
than a bare "said", protests, force postures, violence: `--one-actor`,
docs/design.md); a record whose gold expects an event with no or an open
target, and every code-only record, is coded with all of them kept.
*Records fully correct* is the share
(and number) of records whose expected events are all found with no false
alarm (must_not hits count as false alarms), lenient / strict. See
"Evaluation" in docs/design.md.

The TABARI and PETRARCH suites were written for their own dictionaries
(fictional actors such as Arnor and Gondor): `dyad eval` loads the
dictionaries each suite names (TABARI's `.project`, PETRARCH's files) and
codes with them, through dyad's own recogniser and coder; a suite whose
named dictionaries are not all found beside it (UniversalPetrarch's English
GSR names PETRARCH2's production files) is scored with dyad's own lexicon,
and the last line gives it those files with `--dict`. The last four lines
code English gold with PETRARCH2's full CAMEO verbs and Phoenix actors
instead of dyad's own English dictionaries, for comparison.

| gold set | size | lenient P / R / F1 (tp/fp/fn) | strict P / R / F1 (tp/fp/fn) | records fully correct, lenient / strict | notes | produced events | command |
|---|---|---|---|---|---|---|---|
""" % (day, commit, version, lex))
    w.write("\n".join(rows) + "\n")
    if notes:
        w.write("\nProblems:\n\n" + "".join("- %s\n" % n for n in notes))
os.replace(out + ".tmp", out)
print("accuracy.sh: wrote " + out, file=sys.stderr)
PY

# the TABARI and PETRARCH2 suites: records fully correct per category, and
# every failing record with its reasons in SUITE_FAILURES.md beside OUT
echo "accuracy.sh: failing records of the TABARI and PETRARCH2 suites" >&2
python3 tools/suite_failures.py --summary --data "$DATA" --dyad "$DYAD" \
    --out "$(dirname "$OUT")/SUITE_FAILURES.md" --date "$(date -u +%Y-%m-%d)" \
    --commit "$commit" >"$TMP/suites.md" ||
    echo "accuracy.sh: tools/suite_failures.py failed (see above)" >&2
if [ -s "$TMP/suites.md" ]; then
    { echo; cat "$TMP/suites.md"; } >>"$OUT"
fi

# the actor recognition section (French Wikinews), when its corpus is present
if [ -d "$DATA/winer-fr-wikinews" ]; then
    echo "accuracy.sh: actor recognition (French Wikinews)" >&2
    if python3 tools/actor_recall.py --markdown --data "$DATA/winer-fr-wikinews" \
            --dyad "$DYAD" >"$TMP/actors.md"; then
        { echo; cat "$TMP/actors.md"; } >>"$OUT"
    fi
fi

# people mined from the news (tools/gen_persons.py) and their judged sample
# (no ../shared needed: the counts are in persons.tsv's header)
if [ -f tools/persons_sample.tsv ] && [ -f data/actors/persons.tsv ]; then
    if python3 tools/gen_persons.py --markdown >"$TMP/persons.md"; then
        { echo; cat "$TMP/persons.md"; } >>"$OUT"
    fi
fi

# events on real news judged by hand (tools/event_sample.py; no ../shared needed
# to score a judged file)
heading=""
for f in tools/event_sample.tsv tools/event_sample2.tsv tools/event_sample2_after.tsv; do
    [ -f "$f" ] || continue
    if python3 tools/event_sample.py score --markdown $heading "$f" >"$TMP/sample.md"; then
        { echo; cat "$TMP/sample.md"; } >>"$OUT"
        heading=--no-heading
    fi
done

# the places section (event-location RELABEL and the judged samples of
# located events), when the event-location data are present
if [ -d "$DATA/event-location" ]; then
    echo "accuracy.sh: places (event-location RELABEL, judged samples)" >&2
    if python3 tools/place_check.py --markdown --data "$DATA" --dyad "$DYAD" >"$TMP/places.md"; then
        { echo; cat "$TMP/places.md"; } >>"$OUT"
    fi
fi

# the syntax section (UD test sets), when the treebanks are present
if [ -d "$DATA/ud-train" ]; then
    echo "accuracy.sh: syntax (UD test sets)" >&2
    if DYAD="$DYAD" DATA="$DATA" sh tools/syntax_accuracy.sh >"$TMP/syntax.md"; then
        { echo; cat "$TMP/syntax.md"; } >>"$OUT"
    fi
fi

# why the development gold's events are missed (tools/miss_causes.py)
if [ -d "$DATA/dyad-dev-gold" ]; then
    echo "accuracy.sh: misses of the development gold by cause" >&2
    if python3 tools/miss_causes.py --markdown --data "$DATA/dyad-dev-gold" \
            --dyad "$DYAD" >"$TMP/misses.md"; then
        { echo; cat "$TMP/misses.md"; } >>"$OUT"
    fi
fi
