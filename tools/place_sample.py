#!/usr/bin/env python3
"""place_sample.py - a random sample of located events, for judging places by hand (needs ../shared).

    tools/place_sample.py draw --seed N --out FILE [--judged OLD.tsv ...]
    tools/place_sample.py rejudge OLD.tsv --out FILE [--judged JUDGED.tsv ...]
    tools/place_sample.py score FILE

draw: codes the 1,486 base articles of the benchmark corpus (bench/corpus.py:
French and English Wikinews) with `dyad code -j 2 --input jsonl`, keeps the
events with a location, and draws 200 of them with Python's
random.seed(N); random.sample(located, 200) (seed 20261207 drew
tools/place_sample.tsv at commit 50c43cc). The TSV has blank country_ok and
place_ok columns for the judge; with --judged, a row whose sentence, place
name and GeoNames id were judged in an earlier file takes that judgement.
rejudge: codes the same articles with the current build and writes each
row of OLD with the place the build now gives its sentence's event (the
place of the event whose old place had the same name, else the sentence's
first), keeping the judgement when the place is the same (or was judged in
a --judged file for that sentence); a changed place
gets blank columns to judge, an event no longer located is marked
"unlocated". score: country and place accuracy of a judged file, and how
many events are no longer located (with their old judgement).

Criteria (the header of every file): country_ok: the chosen place's country
is the country of the place the text means; place_ok: the chosen place is
that place (a province for a province, the right one of same-name places).
A name that is no place (a person, a street of another city) fails both.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
COLS = ["n", "name", "type", "country", "geonames", "rule", "doc", "country_ok", "place_ok",
        "note", "text"]
CRITERIA = [
    "country_ok: the chosen place's country is the country of the place the text means;",
    "place_ok: the chosen place is that place (a province for a province, the right one of",
    "same-name places). A name that is no place (a person, a street of another city) fails both.",
]


def base_corpus(data, path):
    """The base articles of the benchmark corpus (no repeats) into path."""
    full = path + ".full"
    subprocess.run([sys.executable, os.path.join(REPO, "bench", "corpus.py"), "--mb", "4",
                    "--data", data, "--out", full, "-q"], check=True)
    with open(full + ".meta.json", encoding="utf-8") as f:
        nbase = json.load(f)["base_documents"]
    with open(full, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i >= nbase:
                break
            out.write(line)
    os.unlink(full)
    os.unlink(full + ".meta.json")
    return nbase


def code(dyad, data):
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "base.jsonl")
        n = base_corpus(data, corpus)
        with open(corpus, "rb") as f:
            out = subprocess.run([dyad, "code", "-q", "-j", "2", "--input", "jsonl"], stdin=f,
                                 stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    ev = [json.loads(line) for line in out.splitlines() if line.strip()]
    print("place_sample: %d articles, %d events, %d located" %
          (n, len(ev), sum(1 for e in ev if e.get("location"))), file=sys.stderr)
    return ev


def row_of(i, e, judged=None):
    loc = e["location"]
    r = {"n": str(i), "name": loc["name"], "type": loc.get("type") or "",
         "country": loc.get("country") or "", "geonames": loc.get("id") or "",
         "rule": loc.get("rule") or "", "doc": e["doc"], "country_ok": "", "place_ok": "",
         "note": "", "text": " ".join(e["text"].split())}
    if judged:
        j = judged.get((r["doc"], r["text"], r["name"], r["geonames"]))
        if j:
            r["country_ok"], r["place_ok"], r["note"] = j
    return r


def read_tsv(path):
    head, rows = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                head.append(line)
                continue
            cells = line.split("\t")
            if cells[0] == "n":
                cols = cells
                continue
            rows.append(dict(zip(cols, cells)))
    return head, rows


def write_tsv(path, head, rows):
    with open(path, "w", encoding="utf-8") as f:
        for h in head:
            f.write(h + "\n")
        f.write("\t".join(COLS) + "\n")
        for r in rows:
            f.write("\t".join(r.get(c, "") for c in COLS) + "\n")


def judged_rows(paths):
    """(doc, text, place name, GeoNames id) -> judgement, from judged files."""
    judged = {}
    for path in paths or []:
        for r in read_tsv(path)[1]:
            if r.get("country_ok") in ("0", "1") and r.get("rule") != "unlocated":
                judged[(r["doc"], " ".join(r["text"].split()), r["name"], r["geonames"])] = (
                    r["country_ok"], r["place_ok"], r.get("note", ""))
    return judged


def draw(a):
    ev = [e for e in code(a.dyad, a.data) if e.get("location")]
    random.seed(a.seed)
    sample = random.sample(ev, min(a.size, len(ev)))
    judged = judged_rows(a.judged)
    rows = [row_of(i + 1, e, judged) for i, e in enumerate(sample)]
    head = ["# %d located events drawn at random (Python random.seed(%d), random.sample) from" %
            (len(rows), a.seed),
            "# `build/dyad code -j 2 --input jsonl` on the base articles of the benchmark corpus",
            "# (bench/corpus.py: French and English Wikinews); drawn by `tools/place_sample.py draw"
            " --seed %d`." % a.seed] + ["# " + c for c in CRITERIA]
    write_tsv(a.out, head, rows)
    return 0


NO_EVENT = "no event coded in this sentence now"


def rejudge(a):
    ev = code(a.dyad, a.data)
    by_sent = {}
    for e in ev:
        by_sent.setdefault((e["doc"], " ".join(e["text"].split())), []).append(e)
    head, rows = read_tsv(a.old)
    judged = judged_rows(a.judged)
    out = []
    for r in rows:
        cands = [e for e in by_sent.get((r["doc"], " ".join(r["text"].split())), []) if e.get("location")]
        same = [e for e in cands if e["location"]["name"] == r["name"]]
        pick = (same or cands or [None])[0]
        if pick is None:
            n = dict(r)
            n["rule"] = "unlocated"
            if not by_sent.get((r["doc"], " ".join(r["text"].split()))):
                n["note"] = NO_EVENT
            out.append(n)
            continue
        n = row_of(int(r["n"]), pick, judged)
        if n["country_ok"]:
            pass
        elif n["name"] == r["name"] and n["geonames"] == r["geonames"]:
            n["country_ok"], n["place_ok"], n["note"] = r["country_ok"], r["place_ok"], r.get("note", "")
        else:
            n["note"] = "was %s (%s, %s/%s)" % (r["name"], r["country"], r["country_ok"], r["place_ok"])
        out.append(n)
    head = head + ["# re-coded by `tools/place_sample.py rejudge`: rule 'unlocated' = the build no"
                   " longer places the event", "# (its old place and judgement kept; the note says when it codes no"
                   " event at all in the sentence now); a changed place is judged again, its note"
                   " gives the old one."]
    write_tsv(a.out, head, out)
    return 0


def score(a):
    _, rows = read_tsv(a.file)
    located = [r for r in rows if r["rule"] != "unlocated"]
    gone = [r for r in rows if r["rule"] == "unlocated"]
    todo = [r for r in located if r["country_ok"] not in ("0", "1")]
    c = sum(r["country_ok"] == "1" for r in located)
    p = sum(r["place_ok"] == "1" for r in located)
    n = max(len(located) - len(todo), 1)
    print("%s: %d events, %d located and judged: country right %d (%.1f%%), place right %d (%.1f%%)"
          % (a.file, len(rows), n, c, 100.0 * c / n, p, 100.0 * p / n))
    if gone:
        print("  no longer located: %d (of which %d had a wrong country, %d a wrong place before;"
              " %d because no event is coded in the sentence now)" %
              (len(gone), sum(r["country_ok"] == "0" for r in gone),
               sum(r["place_ok"] == "0" for r in gone), sum(r.get("note") == NO_EVENT for r in gone)))
    if todo:
        print("  not judged yet: %d" % len(todo))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dyad", default=os.path.join(REPO, "build", "dyad"))
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--size", type=int, default=200)
    d.add_argument("--out", required=True)
    d.add_argument("--judged", action="append")
    r = sub.add_parser("rejudge")
    r.add_argument("old")
    r.add_argument("--out", required=True)
    r.add_argument("--judged", action="append", help="files whose judgements of the same sentence"
                   " and place are taken")
    s = sub.add_parser("score")
    s.add_argument("file")
    a = ap.parse_args()
    return {"draw": draw, "rejudge": rejudge, "score": score}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
