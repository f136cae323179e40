#!/usr/bin/env python3
"""place_check.py - where dyad places events, measured (needs ../shared).

1. RELABEL: the adjudicated subset (source RELABEL, 496 English sentences)
   of ../shared/data/event-location, whose LOCATION spans mark where the
   sentence's event happened. Every sentence is coded alone; an event dyad
   places is counted "at a gold location" when its place name and a gold
   LOCATION span of its sentence contain one another (case-insensitive;
   spans are read through their token numbers, see span_text). The gold
   marks the place of one event, its VERB span's; the events whose trigger
   is that verb are counted apart too.
   Also: the sentences with a gold location where some event is placed
   there. The gold has no countries or GeoNames ids, so this measures the
   place chosen in the text, not its resolution.
   Country right: the gold has no countries, so a gold span's country is
   the one dyad's lexicon gives the mention on that span (`dyad actors`
   on the same sentences: a place's country, an actor's first three code
   letters); an event placed in a sentence whose gold spans have such a
   country is counted right when its place's country is one of them.
   Sentences with no gold location, or whose gold spans the lexicon does
   not know, are left out of this rate (their count is printed).
   Misses by cause: the placed events whose place is no gold span, judged
   by hand in tools/place_relabel_misses.tsv (one row per sentence, trigger
   and place; causes in its header); a miss no row judges is counted as
   "not judged" (judge it and add a row).
2. --store DB: the place names of a store's events with their country, most
   frequent first (--top N), for judging by hand (docs/ACCURACY.md keeps the
   judged lists).

3. --markdown: the "Places" section of docs/ACCURACY.md (tools/accuracy.sh
   appends it): the RELABEL figures and the scores of the samples of located
   events judged by hand (tools/place_sample*.tsv, drawn and re-coded by
   tools/place_sample.py).

    tools/place_check.py [--dyad build/dyad] [--lexicon FILE] [--data DIR] [--store DB --top N] [--markdown]
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


def span_text(r, s):
    """The text of a gold span. Its start and end are character offsets in
    some records and token numbers in others (the 215 LOCATION spans that
    carry a "text" field); token_start and token_end are token numbers in
    all of them, so the span is read from the tokens."""
    tk = r["tokens"]
    return r["text"][tk[s["token_start"]]["start"]:tk[s["token_end"]]["end"]]


def match(name, locs):
    n = name.lower()
    return any(g and (n in g.lower() or g.lower() in n) for g in locs)


SAMPLES = [
    ("place_sample.tsv", "200 located events drawn at random (seed 20261207) and judged by hand at 50c43cc"),
    ("place_sample_after.tsv", "the same 200 events re-coded by this build (`tools/place_sample.py rejudge`)"),
    ("place_sample2.tsv", "a fresh sample of 200 (seed 20261208), drawn after the person, street and"
     " foreign-town rules and judged by hand"),
    ("place_sample2_after.tsv", "the fresh sample re-coded by this build (`tools/place_sample.py"
     " rejudge`; changed places judged by hand)"),
    ("place_sample_locality.tsv", "every distinct locality the rule for places the gazetteer lacks names in the"
     " 1,486 base articles (rule place:locality, \"the village of X\", \"le quartier de X\"), judged by hand"),
    ("place_sample_country.tsv", "every event the country-place and origin rules (places branch)"
     " placed or moved, judged by hand"),
]


CAUSES = [
    ("finer", "the gold span is a smaller place inside the chosen one (village, quarter, landmark, ship)"
     " that the gazetteer lacks: the chosen place contains it"),
    ("other-event", "another event of the sentence than the gold VERB's, placed right for its own trigger"),
    ("gold-missing", "the sentence has no gold LOCATION but names where the event happened; place right"),
    ("wrong", "the event did not happen there (another clause's place, a dateline over headlines,"
     " a place named as a topic)"),
    ("not-a-place", "the name is no place here (a person, a vehicle, a race)"),
]


def judged_misses(here):
    """(doc, trigger text, place name) -> cause, from tools/place_relabel_misses.tsv."""
    path = os.path.join(here, "place_relabel_misses.tsv")
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if line.startswith("#") or c[0] == "doc" or len(c) < 5:
                continue
            out[(c[0], c[1], c[2])] = c[4]
    return out


def miss_causes(misses):
    """Count the misses by their judged cause; (counts, the misses no row judges)."""
    judged = judged_misses(os.path.dirname(os.path.abspath(__file__)))
    counts, unjudged = {}, []
    for e in misses:
        cause = judged.get((e["doc"], e["trigger"]["text"], e["location"]["name"]))
        if cause is None:
            unjudged.append(e)
            cause = "not judged"
        counts[cause] = counts.get(cause, 0) + 1
    return counts, unjudged


def pct(a, b):
    return "%d / %d (%.1f%%)" % (a, b, 100.0 * a / max(b, 1))


def markdown(recs, ev, located, ok, placed, with_gold, judged, cok, lv, okv):
    here = os.path.dirname(os.path.abspath(__file__))
    print("## Places (French and English Wikinews; event-location)\n")
    print("Commands: `python3 tools/place_check.py` (RELABEL: the adjudicated subset of "
          "`../shared/data/event-location`, every sentence coded alone) and `python3 "
          "tools/place_sample.py score FILE` (samples of located events from `dyad code` on the "
          "1,486 base articles of the benchmark corpus, criteria in each file's header; "
          "`tools/place_sample.py draw --seed N` draws one, `rejudge` re-codes one). Targets of "
          "issue 19: country of the place right in >= 95%, the place itself in >= 85%.\n")
    print("| measure | value |")
    print("|---|---|")
    print("| RELABEL (%d sentences): placed events whose place is a gold LOCATION span | %s |" %
          (len(recs), pct(len(ok), len(located))))
    print("| RELABEL: placed events whose trigger is the gold VERB (the event whose place the gold"
          " marks) at a gold LOCATION span | %s |" % pct(len(okv), len(lv)))
    print("| RELABEL: sentences with a gold location where an event is placed there | %s |" %
          pct(len(placed), len(with_gold)))
    jm = judged_misses(here)
    wrongc = [e for e in judged if e not in cok]
    other = sum(jm.get((e["doc"], e["trigger"]["text"], e["location"]["name"])) == "other-event"
                for e in wrongc)
    print("| RELABEL: placed events whose country is a gold span's (as the lexicon reads the span;"
          " %d placed events with no such span left out; of the %d others, %d are another event"
          " than the gold VERB's, placed right for its own trigger) | %s |" %
          (len(located) - len(judged), len(wrongc), other, pct(len(cok), len(judged))))
    def read(path):
        rows, cols = [], None
        with open(path, encoding="utf-8") as f:
            for line in f:
                c = line.rstrip("\n").split("\t")
                if line.startswith("#"):
                    continue
                if c[0] == "n":
                    cols = c
                    continue
                rows.append(dict(zip(cols, c)))
        return rows

    first = set()
    for name, what in SAMPLES:
        path = os.path.join(here, name)
        if not os.path.exists(path):
            continue
        rows = read(path)
        fresh = ""
        if name == "place_sample2.tsv" and first:
            # the rows the first sample did not hold: judged only here
            new = [r for r in rows if (r["doc"], " ".join(r["text"].split())) not in first]
            fresh = "; its %d events whose sentence the first sample did not hold: %s / %s" % (
                len(new), pct(sum(r["country_ok"] == "1" for r in new), len(new)),
                pct(sum(r["place_ok"] == "1" for r in new), len(new)))
        if name == "place_sample.tsv":
            first = {(r["doc"], " ".join(r["text"].split())) for r in rows}
        loc = [r for r in rows if r.get("rule") != "unlocated" and r.get("country_ok") in ("0", "1")]
        gone = len(rows) - len(loc)
        extra = "; %d no longer placed (%d of them judged wrong before; %d because no event is" \
            " coded in the sentence now)" % (
                gone, sum(r.get("place_ok") == "0" for r in rows if r.get("rule") == "unlocated"),
                sum(r.get("note") == "no event coded in this sentence now" for r in rows
                    if r.get("rule") == "unlocated")) if gone else ""
        print("| %s (`tools/%s`): country right / place right | %s / %s%s |" %
              (what, name, pct(sum(r["country_ok"] == "1" for r in loc), len(loc)),
               pct(sum(r["place_ok"] == "1" for r in loc), len(loc)), extra + fresh))
    misses = [e for e in located if e not in ok]
    counts, _ = miss_causes(misses)
    print("\nThe %d RELABEL placed events, the %d whose place is no gold span by cause (judged by"
          " hand in `tools/place_relabel_misses.tsv`; `python3 tools/place_check.py -v` lists them)."
          " The gold marks the place of one event per sentence, its VERB span's, and only places"
          " named as such: most of these places are right, or right at a coarser grain.\n" %
          (len(located), len(misses)))
    print("| placed events | events |")
    print("|---|---|")
    print("| at a gold LOCATION span | %s |" % pct(len(ok), len(located)))
    for cause, what in CAUSES + [("not judged", "not judged yet (a new miss: judge it)")]:
        if counts.get(cause) or cause != "not judged":
            print("| %s: %s | %s |" % (cause, what, pct(counts.get(cause, 0), len(located))))
    right = len(ok) + counts.get("other-event", 0) + counts.get("gold-missing", 0)
    print("| **place right** (at a gold span, other-event, gold-missing) / right or the place that"
          " contains it (and finer) | **%s** / %s |" % (pct(right, len(located)),
                                                      pct(right + counts.get("finer", 0), len(located))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--lexicon")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--store")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("-v", action="store_true", help="list the events placed elsewhere")
    ap.add_argument("--markdown", action="store_true", help="the Places section of docs/ACCURACY.md")
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
    gold, verb = {}, {}
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for i, r in enumerate(recs):
            gold["r%d" % i] = [span_text(r, s) for s in r.get("spans", [])
                               if s["label"] == "LOCATION"]
            verb["r%d" % i] = [(r["tokens"][s["token_start"]]["start"],
                                r["tokens"][s["token_end"]]["end"])
                               for s in r.get("spans", []) if s["label"] == "VERB"]
            f.write(json.dumps({"id": "r%d" % i, "lang": "en", "text": r["text"]}) + "\n")
        path = f.name
    cmd = [a.dyad, "code", "-q"] + (["--lexicon", a.lexicon] if a.lexicon else []) + [path]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, check=False).stdout.decode("utf-8")
    cmd[1] = "actors"
    mout = subprocess.run(cmd, stdout=subprocess.PIPE, check=False).stdout.decode("utf-8")
    os.unlink(path)
    gold_country = {}
    gspans = {"r%d" % i: [(r["tokens"][s["token_start"]]["start"], r["tokens"][s["token_end"]]["end"])
                          for s in r.get("spans", []) if s["label"] == "LOCATION"]
              for i, r in enumerate(recs)}
    for line in mout.splitlines():
        if not line.strip():
            continue
        m = json.loads(line)
        ctry = m.get("country") or (m.get("code") or "")[:3]
        if ctry and any(m["span"][0] < ge and gs < m["span"][1] for gs, ge in gspans.get(m["doc"], [])):
            gold_country.setdefault(m["doc"], set()).add(ctry[:3])
    ev = [json.loads(line) for line in out.splitlines() if line.strip()]
    located = [e for e in ev if e.get("location")]
    ok = [e for e in located if match(e["location"]["name"], gold[e["doc"]])]
    with_gold = [k for k, v in gold.items() if v]
    placed = {e["doc"] for e in ok}
    judged = [e for e in located if gold_country.get(e["doc"])]
    cok = [e for e in judged if (e["location"].get("country") or "")[:3] in gold_country[e["doc"]]]
    # the gold locations are those of one event, the VERB span's: events
    # whose trigger is that verb are the ones the gold judges fully
    def on_verb(e):
        ts, te = e["trigger"]["span"]
        return any(ts < ve and vs < te for vs, ve in verb[e["doc"]])
    lv = [e for e in located if on_verb(e)]
    okv = [e for e in lv if e in ok]
    if a.markdown:
        markdown(recs, ev, located, ok, placed, with_gold, judged, cok, lv, okv)
        return 0
    print("RELABEL: %d sentences, %d events, %d placed, %d at a gold location (%.1f%%);"
          " %d of the %d sentences with a gold location have an event placed there" %
          (len(recs), len(ev), len(located), len(ok), 100.0 * len(ok) / max(len(located), 1),
           len(placed), len(with_gold)))
    print("  country right: %d of the %d placed events whose sentence has a gold location of known"
          " country (%.1f%%); %d placed events left out" %
          (len(cok), len(judged), 100.0 * len(cok) / max(len(judged), 1), len(located) - len(judged)))
    print("  events on the gold verb: %d, %d placed, %d at a gold location (%.1f%%)" %
          (sum(on_verb(e) for e in ev), len(lv), len(okv), 100.0 * len(okv) / max(len(lv), 1)))
    misses = [e for e in located if e not in ok]
    counts, unjudged = miss_causes(misses)
    print("  misses by cause (tools/place_relabel_misses.tsv): " +
          ", ".join("%s %d" % kv for kv in sorted(counts.items(), key=lambda kv: -kv[1])))
    if a.v:
        judged_m = judged_misses(os.path.dirname(os.path.abspath(__file__)))
        for e in misses:
            print("  %s\t%s\t%s\t%s | %s (%s) | gold %s | %s" % (
                e["doc"], e["trigger"]["text"], e["location"]["name"],
                judged_m.get((e["doc"], e["trigger"]["text"], e["location"]["name"]), "not judged"),
                e["location"]["name"], e["location"]["country"], gold[e["doc"]], e["text"][:120]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
