#!/usr/bin/env python3
"""miss_causes.py - why dyad misses the events of the development gold.

For every expected event that `dyad eval --json` reports as missed (kind
"miss"; an inexact event is not a miss) in ../shared/data/dyad-dev-gold
(fr-dev.jsonl, en-dev.jsonl), the record is run through `dyad actors` and
`dyad code` and the miss is put in the first class that applies:

  unknown actor     the source's or the target's country (first 3 letters
                    of its code) is the country of no actor mention of the
                    record (an agent of unknown country, ---GOV, names none);
                    counted apart when no mention at all, a place either,
                    names it (only knowledge of the world can)
  no trigger        both actors are found, and dyad codes no event at all
                    in the record
  other root        dyad codes an event, but none with the expected root
  other actors      an event with the expected root, between other actors
                    (wrong source/target, direction, or an actor composed
                    differently)

usage: python3 tools/miss_causes.py [--data DIR] [--dyad PATH] [--examples N] [--markdown]
Standard library only. Exit status 0, or 2 when the gold or dyad is missing.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = ("fr-dev.jsonl", "en-dev.jsonl")
CLASSES = ("unknown actor", "no trigger", "other root", "other actors")


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 3):
        sys.exit("miss_causes.py: %s failed (%d): %s" % (cmd[:2], p.returncode,
                                                          p.stderr.decode("utf-8", "replace")))
    return p.stdout.decode("utf-8")


def per_record(dyad, sub, recs, extra=()):
    """{id: [json objects]} from `dyad SUB --input jsonl` over the records"""
    lines = "".join(json.dumps({"id": r["id"], "date": r.get("date"), "lang": r.get("lang"),
                                "text": r["text"]}, ensure_ascii=False) + "\n" for r in recs)
    out = collections.defaultdict(list)
    for line in run([dyad, sub, "--input", "jsonl", "-q"] + list(extra) + ["-"], lines.encode("utf-8")).splitlines():
        if line.strip():
            o = json.loads(line)
            out[o["doc"]].append(o)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "dyad-dev-gold"))
    ap.add_argument("--dyad", default=os.environ.get("DYAD", os.path.join(ROOT, "build", "dyad")))
    ap.add_argument("--examples", type=int, default=0, help="misses to show per class")
    ap.add_argument("--markdown", action="store_true", help="a docs/ACCURACY.md section")
    args = ap.parse_args()
    if not os.access(args.dyad, os.X_OK):
        print("miss_causes.py: %s not found; run make first" % args.dyad, file=sys.stderr)
        return 2
    total = collections.Counter()
    nowhere = collections.Counter()
    rows = []
    for name in SETS:
        path = os.path.join(args.data, name)
        if not os.path.exists(path):
            print("miss_causes.py: %s absent, nothing measured" % path, file=sys.stderr)
            return 2
        recs = {}
        for line in open(path, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                recs[r["id"]] = r
        ev = json.loads(run([args.dyad, "eval", "--json", path]))
        misses = [(fr["id"], e["expected"]) for fr in ev["failing_records"]
                  for e in fr["errors"] if e["kind"] == "miss"]
        ids = sorted({i for i, _ in misses})
        ms = per_record(args.dyad, "actors", [recs[i] for i in ids])
        # every event, those with no target too: "no trigger" means none fired
        evs = per_record(args.dyad, "code", [recs[i] for i in ids], ["--one-actor", "all"])
        count = collections.Counter()
        examples = collections.defaultdict(list)
        for rid, exp in misses:
            countries = {m["code"][:3] for m in ms.get(rid, []) if m["kind"] == "actor"} | \
                        {m["country"] for m in ms.get(rid, []) if m["kind"] == "actor" and m["country"]}
            want = [c[:3] for c in (exp.get("source"), exp.get("target")) if c]
            root = exp["code"][:2]
            produced = evs.get(rid, [])
            if any(w not in countries for w in want):
                cls = "unknown actor"
                # named nowhere: no mention of any kind (a place either) gives
                # the country: only knowledge of a person or an institution can
                anywhere = countries | {m["country"] for m in ms.get(rid, []) if m.get("country")}
                if any(w not in anywhere for w in want):
                    nowhere[name] += 1
            elif not produced:
                cls = "no trigger"
            elif not any(e["code"][:2] == root for e in produced):
                cls = "other root"
            else:
                cls = "other actors"
            count[cls] += 1
            examples[cls].append("%s %s->%s %s: %s" % (rid, exp.get("source"), exp.get("target"),
                                                       exp["code"], recs[rid]["text"][:140]))
        total.update(count)
        rows.append((name, len(misses), count))
        if args.markdown:
            continue
        print("%s: %d misses: %s (unknown actor, country named nowhere in the record: %d)" % (
            name, len(misses), ", ".join("%s %d" % (c, count[c]) for c in CLASSES), nowhere[name]))
        for c in CLASSES:
            for x in examples[c][:args.examples]:
                print("  [%s] %s" % (c, x))
    rows.append(("both", sum(total.values()), total))
    if args.markdown:
        print("## Misses of the development gold by cause\n")
        print("<!-- generated by tools/miss_causes.py --markdown (appended by tools/accuracy.sh) -->\n")
        print("Each expected event that `dyad eval` misses (not an inexact one) in the first "
              "class that applies: the source's or target's country is named by no actor "
              "mention of the record (*unknown actor*); dyad codes no event in it (*no "
              "trigger*); none with the expected root (*other root*); or one with that root "
              "between other actors (*other actors*). `python3 tools/miss_causes.py "
              "--examples 5` lists examples.\n")
        print("| gold | misses | %s |" % " | ".join(CLASSES))
        print("|---|---:|%s" % ("---:|" * len(CLASSES)))
        for name, n, cnt in rows:
            print("| %s | %d | %s |" % (name, n, " | ".join(str(cnt[c]) for c in CLASSES)))
        print("\nOf the %d *unknown actor* misses, %d have a country that no mention of the "
              "record names, not even a place (a person, an institution or \"the kingdom\" "
              "known only from the world)." %
              (total["unknown actor"], sum(nowhere.values())))
        return 0
    print("both: %d misses: %s" % (sum(total.values()), ", ".join(
        "%s %d" % (c, total[c]) for c in CLASSES)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
