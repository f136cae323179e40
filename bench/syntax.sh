#!/bin/sh
# syntax.sh - speed and memory of the tagger + parser (issue "Syntax").
#
#   bench/syntax.sh [--mb N] [--markdown]
#
# 1. words/s of tagging + parsing alone (one thread, gold tokenisation) on
#    en/ewt-test and fr/gsd-test: `dyad parse --eval --json` times only the
#    tagger and parser calls;
# 2. model load: `dyad parse` on one sentence minus `dyad tokens --no-syntax`
#    on it (median of 20 runs each: the two differ by loading both models and
#    parsing five words);
# 3. end to end on N MB (default 20) of the news benchmark corpus, one
#    thread (-j 1: per-core figures)
#    (bench/corpus.py): `dyad parse -q` against `dyad tokens -q --no-syntax`
#    on the same bytes; the difference is what tagging and parsing add, per
#    word parsed; peak RSS of `dyad parse` with both models loaded.
# Needs ../shared/data (ud-train, winer-fr-wikinews, wikinews-en). A benchmark,
# not a test: it prints figures (docs/BENCHMARKS.md, "Syntax").
set -eu
cd "$(dirname "$0")/.."
mb=20; markdown=0
while [ $# -gt 0 ]; do
    case $1 in
    --mb) mb=$2; shift ;;
    --markdown) markdown=1 ;;
    *) echo "syntax.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
DYAD=${DYAD:-build/dyad}
UD=../shared/data/ud-train
out=bench/out
mkdir -p "$out"
[ -x "$DYAD" ] || make -j2 >/dev/null
python3 bench/corpus.py --mb "$mb" --data ../shared/data --out "$out/syntax-corpus.jsonl" >/dev/null
exec python3 - "$DYAD" "$UD" "$out/syntax-corpus.jsonl" "$markdown" "$mb" <<'PY'
import json, os, resource, statistics, subprocess, sys, time
dyad, ud, corpus, markdown, mb = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5]
rows = []
for f, lang in (("en/ewt-test", "en"), ("fr/gsd-test", "fr")):
    best = 0
    for _ in range(3):
        r = json.loads(subprocess.run([dyad, "parse", "--eval", f"{ud}/{f}.conllu", "--lang", lang, "--json"],
                                      check=True, capture_output=True, text=True).stdout)
        best = max(best, r["words_per_second"])
    rows.append((f"tag + parse, {f} ({r['words']} words)", f"{best:,.0f} words/s"))

def run(cmd, stdin=None):
    t = time.perf_counter()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - t, (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)

one = "/tmp/dyad-syntax-one.txt"
open(one, "w").write("La Chine a refusé de condamner la Russie.\n")
tp = statistics.median(run([dyad, "parse", "-q", "-j", "1", "--lang", "fr", one])[0] for _ in range(20))
tt = statistics.median(run([dyad, "tokens", "-q", "-j", "1", "--no-syntax", "--lang", "fr", one])[0] for _ in range(20))
rows.append(("load both models + parse one sentence", f"{(tp - tt) * 1000:.1f} ms"))

size = os.path.getsize(corpus)
cp = min(run([dyad, "parse", "-q", "-j", "1", "--input", "jsonl", corpus])[1] for _ in range(2))
ct = min(run([dyad, "tokens", "-q", "-j", "1", "--no-syntax", "--input", "jsonl", corpus])[1] for _ in range(2))
out = subprocess.run([dyad, "parse", "-q", "-j", "1", "--input", "jsonl", corpus], check=True, capture_output=True, text=True).stdout
words = sum(1 for l in out.splitlines() if l and l[0].isdigit() and "-" not in l.split("\t", 1)[0])
rss = subprocess.run(["/usr/bin/time", "-f", "%M", dyad, "parse", "-q", "-j", "1", "--input", "jsonl", corpus],
                     capture_output=True, text=True).stderr.strip().splitlines()[-1]
rows.append((f"news corpus, {size/1e6:.0f} MB: `dyad tokens --no-syntax`", f"{size/1e6/ct:.1f} MB/s per core"))
rows.append((f"news corpus: `dyad parse` (tokens + tag + parse + CoNLL-U)", f"{size/1e6/cp:.1f} MB/s per core"))
rows.append((f"news corpus: tagging + parsing alone ({words:,} words)", f"{words/(cp-ct):,.0f} words/s"))
rows.append(("peak RSS of `dyad parse`, both models", f"{int(rss)/1024:.1f} MB"))
if markdown:
    print(f"Measured by `bench/syntax.sh --mb {mb}`:\n\n| measure | value |\n|---|---|")
    for a, b in rows:
        print(f"| {a} | {b} |")
else:
    for a, b in rows:
        print(f"{a:70s} {b}")
PY
