#!/usr/bin/env python3
"""langid_sentences.py - language identification of short texts, measured.

Every sentence of the development gold (../shared/data/dyad-dev-gold, or the
folder given with --gold) is coded alone, without its record's "lang", and
the language dyad reports for it is compared with the gold file's language.
The sentences are cut by dyad itself (dyad tokens, with the right language
forced for the cut only). Prints per-language and total accuracy and the
misidentified sentences; exits 1 when the total is under --min (a fraction),
2 when the gold is missing.

    tools/langid_sentences.py [--dyad build/dyad] [--gold DIR] [--min 0.99]
"""
import argparse
import json
import os
import subprocess
import sys


def run_tokens(dyad, records, lang=None):
    args = [dyad, "tokens", "-q", "--input", "jsonl"]
    if lang:
        args += ["--lang", lang]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    out = subprocess.run(args, input=data.encode("utf-8"), stdout=subprocess.PIPE,
                         check=False).stdout.decode("utf-8")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--gold", default="../shared/data/dyad-dev-gold")
    ap.add_argument("--min", type=float, default=0.99)
    ap.add_argument("-v", action="store_true", help="list every misidentified sentence")
    a = ap.parse_args()
    files = {"fr": "fr-dev.jsonl", "en": "en-dev.jsonl"}
    if not all(os.path.exists(os.path.join(a.gold, f)) for f in files.values()):
        print("langid_sentences: no gold at %s (needs ../shared)" % a.gold, file=sys.stderr)
        return 2
    total = right = 0
    wrong = []
    for lang, f in files.items():
        docs = []
        with open(os.path.join(a.gold, f), encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    docs.append({"id": r["id"], "text": r["text"]})
        sents = []
        for s in run_tokens(a.dyad, docs, lang):
            sents.append({"id": "%s#%d" % (s["doc"], s["sent"]), "text": s["text"]})
        got = {s["doc"]: s.get("lang") for s in run_tokens(a.dyad, sents)}
        n = ok = 0
        for s in sents:
            n += 1
            if got.get(s["id"]) == lang:
                ok += 1
            else:
                wrong.append((lang, got.get(s["id"]), s["text"]))
        print("%s: %d/%d sentences identified right (%.1f%%)" % (lang, ok, n, 100.0 * ok / max(n, 1)))
        total += n
        right += ok
    acc = right / max(total, 1)
    print("total: %d/%d (%.1f%%)" % (right, total, 100.0 * acc))
    for lang, got, text in wrong if a.v else wrong[:20]:
        print("  %s as %s: %s" % (lang, got, text))
    return 0 if acc >= a.min else 1


if __name__ == "__main__":
    sys.exit(main())
