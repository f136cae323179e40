#!/usr/bin/env python3
"""spans.py - check that every span dyad printed slices the input.

    python3 tests/spans.py KIND OUTPUT (--text FILE | --jsonl FILE | --db)

KIND says what OUTPUT is: `tokens`, `code`, `quotes`, `actors` (JSON Lines
from those commands), `tsv` (dyad code --format tsv), `parse` (CoNLL-U),
`mentions` (dyad export --format jsonl --mentions) or `store` (OUTPUT is
an SQLite store). The text a span must slice is given by:

  --text FILE    the bytes of FILE (a plain, seed or decompressed file):
                 what every document of OUTPUT was read from;
  --jsonl FILE   the decoded "text" member of FILE's record with the
                 document's id (JSON Lines input: spans index that text);
  --db DB        the store's documents.text (web pages: the extracted text);
  --files F...   (store only) documents.text must be the bytes of one of
                 the files, each document its own file.

For `store`, documents.text must also equal the --text, --jsonl or --files
text, so a stored span slices the input file too. Every reported text must be the
slice of its span, byte for byte. Exits 1 on the first
mismatch, and when no span at all was checked (a test that checks nothing
must not pass). Prints "N spans" on success.
"""
import json
import sqlite3
import sys
import zlib

checked = 0


def fail(msg):
    print("spans.py: " + msg, file=sys.stderr)
    sys.exit(1)


def load_texts(argv):
    if argv[0] == "--text":
        data = open(argv[1], "rb").read()
        return lambda doc: data
    if argv[0] == "--jsonl":
        texts = {}
        for line in open(argv[1], "rb"):
            if line.strip():
                rec = json.loads(line)
                texts[str(rec["id"])] = rec["text"].encode("utf-8")
        return lambda doc: texts[doc]
    if argv[0] == "--files":
        files = [open(f, "rb").read() for f in argv[1:]]
        return lambda doc: files
    if argv[0] == "--db":
        db = connect(argv[1])
        db.text_factory = bytes
        texts = {r[0].decode(): r[1] for r in db.execute("SELECT id, text FROM documents")}
        return lambda doc: texts[doc]
    fail("give --text FILE, --jsonl FILE or --db DB")


def connect(path):
    """An SQLite connection that reads a dyad store's views: the sqlite3
    shell has sqlar_uncompress built in, Python's module does not
    (docs/store.md, "Reading the store elsewhere")."""
    db = sqlite3.connect(path)
    db.create_function("sqlar_uncompress", 2,
                       lambda data, size: data if data is None or size <= 0 or len(data) == size
                       else zlib.decompress(data), deterministic=True)
    return db


def span(text_of, doc, start, end, want, what):
    """want (str) must be text_of(doc)[start:end]."""
    global checked
    if start is None:
        return
    data = text_of(doc)
    if not (0 <= start <= end <= len(data)):
        fail("%s: doc %s: span [%d, %d) outside its %d bytes" % (what, doc, start, end, len(data)))
    got = data[start:end].decode("utf-8", "replace")
    if got != want:
        fail("%s: doc %s: [%d, %d) slices %r, reported %r" % (what, doc, start, end, got, want))
    checked += 1


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def check_tokens(path, text_of):
    for s in jsonl(path):
        span(text_of, s["doc"], *s["span"], s["text"], "sentence %d" % s["sent"])
        for t in s["tokens"]:
            span(text_of, s["doc"], *t["span"], t["text"], "token")


def actor(text_of, doc, a, what):
    if a is not None:
        span(text_of, doc, *a["span"], a["text"], what)


def check_code(path, text_of):
    for e in jsonl(path):
        actor(text_of, e["doc"], e["source"], "source")
        actor(text_of, e["doc"], e["target"], "target")
        actor(text_of, e["doc"], e["trigger"], "trigger")


def check_quotes(path, text_of):
    for q in jsonl(path):
        span(text_of, q["doc"], *q["span"], q["text"], "quote")
        actor(text_of, q["doc"], q["speaker"], "speaker")


def check_actors(path, text_of):
    for m in jsonl(path):
        span(text_of, m["doc"], *m["span"], m["text"], "mention")


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def check_tsv(path, text_of):
    with open(path, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f]
    head = rows[0]
    for r in rows[1:]:
        c = dict(zip(head, r))
        for k in ("source", "target", "trigger"):
            if c[k + "_start"] != "":
                span(text_of, c["doc"], int(c[k + "_start"]), int(c[k + "_end"]),
                     unescape(c[k + "_text"]), "tsv " + k)


def check_parse(path, text_of):
    doc, hidden = None, 0
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# sent_id = "):
            doc = line[len("# sent_id = "):].rsplit("-", 1)[0]
            continue
        if not line or line.startswith("#"):
            continue
        col = line.split("\t")
        misc = dict(kv.split("=", 1) for kv in col[9].split("|") if "=" in kv)
        if "-" in col[0]:                   # a multiword token: its range is its span
            a, b = col[0].split("-")
            hidden = int(b)
        elif hidden and int(col[0]) <= hidden:
            continue                        # a part ("de" of "du") is not written as such
        if "TokenRange" in misc:
            a, b = misc["TokenRange"].split(":")
            span(text_of, doc, int(a), int(b), col[1], "conllu")


def check_mentions(path, text_of):
    for m in jsonl(path):
        doc = m["doc_id"]
        for k in ("trigger", "source", "target"):
            if m[k + "_start"] is not None:
                span(text_of, doc, m[k + "_start"], m[k + "_end"], m[k + "_text"], "export " + k)
        s = m["sentence_start"]
        span(text_of, doc, s, s + len(m["sentence"].encode()), m["sentence"], "export sentence")


def check_store(path, input_of):
    db = connect(path)
    stored = {}
    for doc, text, body in db.execute("SELECT id, CAST(text AS BLOB), body_start FROM documents"):
        text = bytes(text)
        want = input_of(doc)
        if not (text in want if isinstance(want, list) else text == want):
            fail("store: doc %s: documents.text is not the input's text" % doc)
        if not 0 <= body <= len(text):
            fail("store: doc %s: body_start %d outside the text" % (doc, body))
        stored[doc] = text
    text_of = stored.__getitem__
    for doc, a, b, t in db.execute("SELECT doc_id, span_start, span_end, text FROM mentions_actor"):
        span(text_of, doc, a, b, t, "store mention")
    for row in db.execute("SELECT doc_id, sentence, sentence_start, trigger_text, trigger_start,"
                          " trigger_end, source_text, source_start, source_end, target_text,"
                          " target_start, target_end FROM event_mentions"):
        doc, sent, s0 = row[:3]
        span(text_of, doc, s0, s0 + len(sent.encode()), sent, "store sentence")
        for k in range(3):
            t, a, b = row[3 + 3 * k: 6 + 3 * k]
            span(text_of, doc, a, b, t, "store " + ("trigger", "source", "target")[k])
    for doc, a, b, t in db.execute("SELECT doc_id, quote_start, quote_end, text FROM quotes"):
        span(text_of, doc, a, b, t, "store quote")


def main():
    if len(sys.argv) < 4:
        fail(__doc__)
    kind, out = sys.argv[1], sys.argv[2]
    text_of = load_texts(sys.argv[3:])
    {"tokens": check_tokens, "code": check_code, "quotes": check_quotes,
     "actors": check_actors, "tsv": check_tsv, "parse": check_parse,
     "mentions": check_mentions, "store": check_store}[kind](out, text_of)
    if checked == 0:
        fail("%s: no span to check in %s" % (kind, out))
    print("%d spans" % checked)


main()
