#!/usr/bin/env python3
"""corpus.py - build the benchmark corpus (JSON Lines) from the shared news data.

One record per line: {"id", "date", "lang", "title", "url"?, "text", "source"},
UTF-8, the format `dyad code --input jsonl` reads. The base set is every
French article of winer-fr-wikinews (date from the file name YYYY_MM_DD-NNN,
title from the first line, text from the rest) and every English article of
wikinews-en (CSV columns url, date, title, text). French and English records
are interleaved in proportion, so even a small corpus holds both languages.
The base set is repeated, with ids suffixed "-r2", "-r3", ..., until the
corpus reaches the target size; the last pass stops at the first record that
reaches it. Pass r >= 2 also ends each text with a few whitespace bytes
spelling r ("\n" then r in binary, space for 0 and tab for 1): the words and
sentences are unchanged, but no two texts are byte-identical, so the
content-hash de-duplication of `dyad ingest` stores and codes every record
instead of skipping the repeats. The output is deterministic: same data, same options, same bytes.

Also writes OUT.meta.json: counts per language, the number of base records,
full passes and records of the last pass, so a caller can count sentences on
the base set once and scale exactly.

Python 3 standard library only.
"""
import argparse
import csv
import json
import os
import re
import sys

FR_NAME = re.compile(r"^(\d{4})_(\d{2})_(\d{2})-(\d+)\.txt$")


def french_docs(root):
    """Articles of winer-fr-wikinews, in byte order of their paths."""
    urls = {}
    docs = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name.endswith("-urls.txt"):
                with open(path, encoding="utf-8") as f:
                    for line in f:
                        parts = line.rstrip("\n").split("\t")
                        if len(parts) == 2:
                            urls[parts[0]] = parts[1]
                continue
            m = FR_NAME.match(name)
            if not m:
                continue
            with open(path, encoding="utf-8") as f:
                raw = f.read()
            title, _, body = raw.partition("\n")
            body = body.strip("\n")
            if not body.strip():
                continue
            docs.append({
                "key": name[:-4],
                "date": "%s-%s-%s" % m.group(1, 2, 3),
                "title": title.strip(),
                "text": body,
            })
    docs.sort(key=lambda d: d["key"])
    out = []
    for d in docs:
        rec = {"id": "fr-" + d["key"], "date": d["date"], "lang": "fr",
               "title": d["title"]}
        if d["key"] in urls:
            rec["url"] = urls[d["key"]]
        rec["text"] = d["text"]
        rec["source"] = "winer-fr-wikinews"
        out.append(rec)
    return out


def english_docs(root):
    """Articles of wikinews-en, from its CSV files in name order."""
    csv.field_size_limit(1 << 30)
    out = []
    for name in sorted(os.listdir(root)):
        if not name.endswith(".csv"):
            continue
        stem = name[:-4]
        with open(os.path.join(root, name), encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = {"date", "title", "text"} - set(reader.fieldnames or [])
            if missing:
                raise SystemExit("corpus.py: %s: missing columns %s" % (name, sorted(missing)))
            for i, row in enumerate(reader, 1):
                text = (row["text"] or "").strip()
                if not text:
                    continue
                rec = {"id": "en-%s-%04d" % (stem, i), "date": row["date"].strip(),
                       "lang": "en", "title": (row["title"] or "").strip()}
                if row.get("url"):
                    rec["url"] = row["url"].strip()
                rec["text"] = text
                rec["source"] = "wikinews-en"
                out.append(rec)
    return out


def interleave(a, b):
    """Merge two lists keeping each one's order and spreading them evenly."""
    keyed = [((i + 0.5) / len(a), 0, i, x) for i, x in enumerate(a)]
    keyed += [((i + 0.5) / len(b), 1, i, x) for i, x in enumerate(b)]
    keyed.sort(key=lambda t: t[:3])
    return [t[3] for t in keyed]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description="Build the dyad benchmark corpus (JSON Lines).")
    ap.add_argument("--mb", type=float, default=100.0,
                    help="target size in MB (10^6 bytes; default 100)")
    ap.add_argument("--data", default=os.path.join(repo, "..", "shared", "data"),
                    help="folder holding winer-fr-wikinews/ and wikinews-en/")
    ap.add_argument("--out", default=os.path.join(here, "out", "corpus.jsonl"),
                    help="output file (default bench/out/corpus.jsonl)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args()
    if not args.mb > 0:
        ap.error("--mb must be positive")

    fr_root = os.path.join(args.data, "winer-fr-wikinews")
    en_root = os.path.join(args.data, "wikinews-en")
    for d in (fr_root, en_root):
        if not os.path.isdir(d):
            print("corpus.py: %s: no such folder" % d, file=sys.stderr)
            return 1
    base = interleave(french_docs(fr_root), english_docs(en_root))
    if not base:
        print("corpus.py: no documents found", file=sys.stderr)
        return 1

    target = int(args.mb * 1e6)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    size = 0
    n = 0
    langs = {}
    passes = 0
    last_pass = 0
    with open(tmp, "wb") as f:
        while size < target:
            passes += 1
            last_pass = 0
            marks = "\n" + "".join(" \t"[int(b)] for b in bin(passes)[2:])
            for rec in base:
                if passes > 1:
                    rec = dict(rec, id="%s-r%d" % (rec["id"], passes),
                               text=rec["text"] + marks)
                line = (json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
                f.write(line)
                size += len(line)
                n += 1
                last_pass += 1
                langs[rec["lang"]] = langs.get(rec["lang"], 0) + 1
                if size >= target:
                    break
    os.replace(tmp, args.out)
    meta = {"file": os.path.basename(args.out), "bytes": size, "documents": n,
            "languages": langs, "base_documents": len(base),
            "full_passes": passes - 1 if last_pass < len(base) else passes,
            "last_pass_documents": last_pass if last_pass < len(base) else 0}
    with open(args.out + ".meta.json", "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
        f.write("\n")
    if not args.quiet:
        print("corpus.py: %s: %d documents (%s), %.1f MB, %d base documents x %d pass(es)"
              % (args.out, n, ", ".join("%s %d" % kv for kv in sorted(langs.items())),
                 size / 1e6, len(base), passes), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
