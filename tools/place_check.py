#!/usr/bin/env python3
"""place_check.py - where dyad places events, measured (needs ../shared).

1. RELABEL: the adjudicated subset (source RELABEL, 496 English sentences)
   of ../shared/data/event-location, whose LOCATION spans mark where the
   sentence's event happened. Every sentence is coded alone; an event dyad
   places is counted "at a gold location" when its place name and a gold
   LOCATION span of its sentence contain one another (case-insensitive).
   Also: the sentences with a gold location where some event is placed
   there. The gold has no countries or GeoNames ids, so this measures the
   place chosen in the text, not its resolution.
2. --store DB: the place names of a store's events with their country, most
   frequent first (--top N), for judging by hand (docs/ACCURACY.md keeps the
   judged lists).

    tools/place_check.py [--dyad build/dyad] [--lexicon FILE] [--data DIR] [--store DB --top N]
"""
import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import zipfile


def relabel(data):
    with zipfile.ZipFile(os.path.join(data, "event-location", "labeled_text.jsonl.zip")) as z:
        name = [n for n in z.namelist() if n.endswith("labeled_text.jsonl") and "MACOSX" not in n][0]
        recs = json.loads(z.read(name).decode("utf-8"))
    return [r for r in recs if r.get("source") == "RELABEL"]


def match(name, locs):
    n = name.lower()
    return any(n in g.lower() or g.lower() in n for g in locs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--lexicon")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--store")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("-v", action="store_true", help="list the events placed elsewhere")
    a = ap.parse_args()
    if a.store:
        db = sqlite3.connect("file:%s?mode=ro" % a.store, uri=True)
        rows = db.execute("SELECT location, location_country, count(*) FROM events"
                          " WHERE location <> '' GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ?",
                          (a.top,)).fetchall()
        total = db.execute("SELECT count(*) FROM events WHERE location <> ''").fetchone()[0]
        print("%d located events; the %d commonest places:" % (total, len(rows)))
        for name, ctry, n in rows:
            print("%5d  %s  %s" % (n, ctry, name))
        return 0
    if not os.path.exists(os.path.join(a.data, "event-location", "labeled_text.jsonl.zip")):
        print("place_check: no %s/event-location (needs ../shared)" % a.data, file=sys.stderr)
        return 2
    recs = relabel(a.data)
    gold = {}
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for i, r in enumerate(recs):
            gold["r%d" % i] = [r["text"][s["start"]:s["end"]] for s in r.get("spans", [])
                               if s["label"] == "LOCATION"]
            f.write(json.dumps({"id": "r%d" % i, "lang": "en", "text": r["text"]}) + "\n")
        path = f.name
    cmd = [a.dyad, "code", "-q"] + (["--lexicon", a.lexicon] if a.lexicon else []) + [path]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, check=False).stdout.decode("utf-8")
    os.unlink(path)
    ev = [json.loads(line) for line in out.splitlines() if line.strip()]
    located = [e for e in ev if e.get("location")]
    ok = [e for e in located if match(e["location"]["name"], gold[e["doc"]])]
    with_gold = [k for k, v in gold.items() if v]
    placed = {e["doc"] for e in ok}
    print("RELABEL: %d sentences, %d events, %d placed, %d at a gold location (%.1f%%);"
          " %d of the %d sentences with a gold location have an event placed there" %
          (len(recs), len(ev), len(located), len(ok), 100.0 * len(ok) / max(len(located), 1),
           len(placed), len(with_gold)))
    if a.v:
        for e in located:
            if e not in ok:
                print("  %s (%s) | gold %s | %s" % (e["location"]["name"], e["location"]["country"],
                                                   gold[e["doc"]], e["text"][:120]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
