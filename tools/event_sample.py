#!/usr/bin/env python3
"""event_sample.py - a random sample of dyad's events on real news, for judging by hand
(needs ../shared).

    tools/event_sample.py draw --seed N --out FILE [--size 100]
    tools/event_sample.py score FILE [--markdown [--no-heading]]

draw: codes the base articles of the benchmark corpus (bench/corpus.py: French
and English Wikinews 2016-2021, as tools/place_sample.py does) with
`dyad code -j 2 --input jsonl` and its default settings, keeps the asserted
events with a source and a target (the rows a table of who did what to whom
gets), and draws --size of them with Python's random.seed(N);
random.sample(events, size). The TSV has blank source_ok, target_ok and
root_ok columns for the judge. score: the share of each, and of events
right on all three, per language and in all (--markdown: the section of
docs/ACCURACY.md that tools/accuracy.sh appends).

Criteria (the header of every file), lenient as `dyad eval` is: source_ok:
the source's country (first three letters; an IGO's code) is that of the
actor the text says acted, and its sector, when given, is not wrong;
target_ok: the same for the actor acted upon; root_ok: the CAMEO root (two
digits) names what the text says the source did to the target (a
statement coded as the act it reports fails). A row with a wrong source or
target may still have root_ok 1. event_ok is all three.
"""
import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import place_sample  # noqa: E402  (shares the corpus, the coding and the TSV reader)

REPO = os.path.dirname(HERE)
COLS = ["n", "lang", "code", "source", "source_text", "target", "target_text", "trigger",
        "rule", "doc", "source_ok", "target_ok", "root_ok", "note", "text"]
CRITERIA = [
    "source_ok: the source's country (first three letters; an IGO's code) is that of the actor",
    "the text says acted, and its sector, when given, is not wrong; target_ok: the same for the",
    "actor acted upon; root_ok: the CAMEO root names what the text says the source did to the",
    "target (a statement coded as the act it reports fails). event_ok: all three.",
]


def row_of(i, e):
    one = lambda s: " ".join((s or "").split())
    return {"n": str(i), "lang": e.get("lang") or "", "code": e["code"],
            "source": e["source"]["code"], "source_text": one(e["source"].get("text")),
            "target": e["target"]["code"], "target_text": one(e["target"].get("text")),
            "trigger": one(e["trigger"]["text"]), "rule": e.get("rule") or "", "doc": e["doc"],
            "source_ok": "", "target_ok": "", "root_ok": "", "note": "", "text": one(e["text"])}


def draw(a):
    ev = [e for e in place_sample.code(a.dyad, a.data)
          if e.get("target") and e.get("polarity") == "asserted" and e.get("modality") == "actual"]
    random.seed(a.seed)
    sample = random.sample(ev, min(a.size, len(ev)))
    rows = [row_of(i + 1, e) for i, e in enumerate(sample)]
    head = ["# %d of %d asserted events with a source and a target, drawn at random (Python"
            " random.seed(%d), random.sample)" % (len(rows), len(ev), a.seed),
            "# from `build/dyad code -j 2 --input jsonl` on the base articles of the benchmark"
            " corpus (bench/corpus.py:",
            "# French and English Wikinews); `tools/event_sample.py draw --seed %d --size %d`." %
            (a.seed, a.size)] + ["# " + c for c in CRITERIA]
    with open(a.out, "w", encoding="utf-8") as f:
        for h in head:
            f.write(h + "\n")
        f.write("\t".join(COLS) + "\n")
        for r in rows:
            f.write("\t".join(r[c] for c in COLS) + "\n")
    return 0


def score(a):
    rows = place_sample.read_tsv(a.file)[1]
    judged = [r for r in rows if all(r.get(k) in ("0", "1") for k in ("source_ok", "target_ok",
                                                                        "root_ok"))]
    if len(judged) < len(rows):
        print("event_sample: %d of %d rows not judged" % (len(rows) - len(judged), len(rows)),
              file=sys.stderr)
    head = place_sample.read_tsv(a.file)[0]
    if a.markdown:
        if not a.no_heading:
            print("## Events on real news, judged by hand\n")
        print("`%s`: %s The figures are the share of events whose source, target, CAMEO root"
              " and all three are right (criteria in the file's header), from `python3"
              " tools/event_sample.py score %s`.\n" % (
                  os.path.relpath(a.file, REPO),
                  " ".join(h.lstrip("# ") for h in head[:3] + head[-1:]),
                  os.path.relpath(a.file, REPO)))
        print("| language | events | source right | target right | root right | all three |")
        print("|---|---|---|---|---|---|")
    for lang in sorted({r["lang"] for r in judged}) + ["all"]:
        rs = [r for r in judged if lang == "all" or r["lang"] == lang]
        if not rs:
            continue
        cell = lambda n: "%d (%.1f%%)" % (n, 100.0 * n / len(rs))
        share = lambda k: cell(sum(r[k] == "1" for r in rs))
        ev = cell(sum(all(r[k] == "1" for k in ("source_ok", "target_ok", "root_ok")) for r in rs))
        if a.markdown:
            print("| %s | %d | %s | %s | %s | **%s** |" % (lang, len(rs), share("source_ok"),
                                                          share("target_ok"), share("root_ok"), ev))
        else:
            print("%s: %d events: source %s, target %s, root %s, all three %s" % (
                lang, len(rs), share("source_ok"), share("target_ok"), share("root_ok"), ev))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--size", type=int, default=100)
    d.add_argument("--out", required=True)
    d.add_argument("--dyad", default=os.environ.get("DYAD", os.path.join(REPO, "build", "dyad")))
    d.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data"))
    s = sub.add_parser("score")
    s.add_argument("file")
    s.add_argument("--markdown", action="store_true")
    s.add_argument("--no-heading", action="store_true", help="with --markdown: the table only, under an earlier file's heading")
    a = ap.parse_args()
    if a.cmd == "draw":
        if not os.path.isdir(a.data):
            print("event_sample: %s not found (it needs ../shared)" % a.data, file=sys.stderr)
            return 2
        return draw(a)
    return score(a)


if __name__ == "__main__":
    sys.exit(main())
