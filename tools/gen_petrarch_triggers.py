#!/usr/bin/env python3
"""Generate data/triggers/en.petrarch.tsv from PETRARCH2's CAMEO verb dictionary.

Input: shared/data/petrarch2/dictionaries/CAMEO.2.0.txt (MIT, (c) 2015 Open Event
Data Alliance; see data/SOURCES.md).  Output: dyad trigger lines (docs/formats.md,
"Event triggers").  Only the faithful part of the dictionary is converted:

  - verb lines of a block whose block or verb code is a CAMEO code
        --- SUPPORT [050] ---  /  ENDORSE [051]    ->  verb  endorse  051
    multi-word verbs (+CARRY_OUT) become expr entries;
  - patterns with nothing before the verb ("- * ...") whose elements are plain words,
    {phrases} and (PREP words) groups, coded [CODE] or [CODE:CODE] (the same code
    both ways: recip=1):
        - * (TO)            [042]   ->  verb rush 042 obj=none;prep=to
        - * {ARMS SHIPMENT} [072]   ->  expr expedite ... arms shipment 072
        - * (INTO CHARGES)  [090]   ->  expr look ... into ... charges 090
    A pattern is converted for the verb(s) named in its comment (the verb it was
    written for) when they belong to the block, else for every verb of the block.
    PETRARCH takes the target from anywhere after the verb, so converted expressions
    get a generic target preposition list (GENERIC_PREP).

Skipped and counted: patterns with words before the verb, source/target/compound
markers ($ + %), synsets (&NAME), paired or one-sided codes ([042:043], [:173]),
"---" codes, codes absent from data/cameo/codes.tsv (PETRARCH's cyber 176), and
entries whose pattern (or stem key, when libstemmer is available
through ctypes) is already in the hand-written data/triggers/en.tsv, which wins.

Usage: tools/gen_petrarch_triggers.py [--shared DIR] [--out FILE]
"""
import argparse
import ctypes
import ctypes.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GENERIC_PREP = "to,with,against,on,into,at,for"
CODE_RE = re.compile(r"^\d{2,4}$")


class Stemmer:
    """English Snowball through libstemmer, or lower-casing when it is missing."""

    def __init__(self):
        self.lib = None
        for name in ("libstemmer.so.0d", "libstemmer.so", ctypes.util.find_library("stemmer")):
            if not name:
                continue
            try:
                lib = ctypes.CDLL(name)
            except OSError:
                continue
            lib.sb_stemmer_new.restype = ctypes.c_void_p
            lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
            lib.sb_stemmer_stem.restype = ctypes.c_void_p
            lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
            lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
            st = lib.sb_stemmer_new(b"english", b"UTF_8")
            if st:
                self.lib, self.st = lib, st
                break

        # dyad's irregular-form table (data/text/en/lemmas.tsv): dyad keys an
        # irregular form by its lemma, so "burnt" and "burned" are one key
        self.lemmas = {}
        path = os.path.join(ROOT, "data", "text", "en", "lemmas.tsv")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    col = line.rstrip("\n").split("\t")
                    if len(col) >= 2 and not line.startswith("#"):
                        self.lemmas[col[0]] = col[1]

    def key(self, pattern):
        out = []
        for w in pattern.lower().split():
            if w == "..." or self.lib is None:
                out.append(w)
                continue
            w = self.lemmas.get(w, w)
            b = w.encode("utf-8")
            p = self.lib.sb_stemmer_stem(self.st, b, len(b))
            out.append(ctypes.string_at(p, self.lib.sb_stemmer_length(self.st)).decode("utf-8"))
        return " ".join(out)


def words(s):
    return s.replace("_", " ").strip().lower().split()


def parse_code(s):
    """'[070]' -> ('070', False); '[040:040]' -> ('040', True); else None."""
    s = s.strip()[1:-1].strip()
    if CODE_RE.match(s):
        return s, False
    a, sep, b = s.partition(":")
    if sep and CODE_RE.match(a) and a == b:
        return a, True
    return None


def parse_pattern(body):
    """Elements of the part after '*', or None when it uses unsupported syntax."""
    if re.search(r"[$+%&]", body):
        return None
    elems = []
    i = 0
    body = body.strip()
    while i < len(body):
        c = body[i]
        if c.isspace():
            i += 1
        elif c == "{":
            j = body.find("}", i)
            if j < 0:
                return None
            elems.append(("phrase", words(body[i + 1:j])))
            i = j + 1
        elif c == "(":
            j = body.find(")", i)
            if j < 0:
                return None
            inner = body[i + 1:j].replace("{", " ").replace("}", " ")
            if "(" in inner:
                return None
            w = words(inner)
            if not w:
                return None
            elems.append(("pp", w))
            i = j + 1
        elif re.match(r"[A-Za-z0-9'\-]", c):
            m = re.match(r"[A-Za-z0-9'\-_]+", body[i:])
            w = words(m.group(0))
            if not w:
                return None
            elems.append(("word", w))
            i += m.end()
        else:
            return None
    return elems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("DYAD_SHARED", "/work/shared/data"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "triggers", "en.petrarch.tsv"))
    ap.add_argument("--manual", default=os.path.join(ROOT, "data", "triggers", "en.tsv"))
    a = ap.parse_args()
    src = os.path.join(a.shared, "petrarch2", "dictionaries", "CAMEO.2.0.txt")
    stem = Stemmer()

    codes = set()
    with open(os.path.join(ROOT, "data", "cameo", "codes.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                codes.add(line.split("\t", 1)[0])

    manual = set()
    if os.path.exists(a.manual):
        with open(a.manual, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                col = line.rstrip("\n").split("\t")
                if len(col) >= 3:
                    manual.add(stem.key(col[2]))

    stats = dict(blocks=0, verbs=0, patterns=0, verb_out=0, pat_out=0, skip_preverb=0,
                 skip_markers=0, skip_code=0, skip_manual=0, skip_dup=0, skip_syntax=0,
                 skip_unknown=0)
    out = []          # (kind, pattern, code, attrs, comment)
    seen = {}

    def emit(kind, pattern, code, attrs, what):
        if code not in codes:
            stats["skip_unknown"] += 1
            return False
        k = stem.key(pattern)
        if k in manual:
            stats["skip_manual"] += 1
            return False
        if k in seen:
            stats["skip_dup"] += 1
            return False
        seen[k] = len(out)
        out.append((kind, pattern, code, attrs))
        stats[what] += 1
        return True

    block_code = None
    block_verbs = []   # (words, code or None)
    in_verbs = False
    with open(src, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    started = False
    pending_patterns = []

    def flush_block():
        # verb entries first, then patterns
        for vw, vcode in block_verbs:
            code = vcode or block_code
            if not code:
                continue
            kind = "verb" if len(vw) == 1 else "expr"
            emit(kind, " ".join(vw), code, "", "verb_out")
        names = {" ".join(vw): vw for vw, _ in block_verbs}
        for body, codestr, comment in pending_patterns:
            stats["patterns"] += 1
            pre, star, post = body.partition("*")
            if not star:
                stats["skip_syntax"] += 1
                continue
            if pre.strip():
                stats["skip_preverb"] += 1
                continue
            if re.search(r"[$+%&]", post):
                stats["skip_markers"] += 1
                continue
            pc = parse_code(codestr)
            if pc is None:
                stats["skip_code"] += 1
                continue
            code, recip = pc
            elems = parse_pattern(post)
            if not elems:
                stats["skip_syntax"] += 1
                continue
            targets = []
            for name in re.split(r"[,\s]+", comment.strip()):
                n = " ".join(words(name))
                if n in names and names[n] not in targets:
                    targets.append(names[n])
            if not targets:
                targets = [vw for vw, _ in block_verbs]
            for vw in targets:
                attrs = []
                if len(elems) == 1 and elems[0][0] == "pp" and len(elems[0][1]) == 1:
                    kind = "verb" if len(vw) == 1 else "expr"
                    pattern = " ".join(vw)
                    attrs = ["obj=none", "prep=" + elems[0][1][0]]
                else:
                    kind = "expr"
                    parts = [" ".join(vw)]
                    for et, ew in elems:
                        if et == "pp":
                            parts.append(ew[0] if len(ew) == 1 else ew[0] + " ... " + " ".join(ew[1:]))
                        else:
                            parts.append(" ".join(ew))
                    pattern = " ... ".join(parts)
                    attrs = ["obj=none", "prep=" + GENERIC_PREP]
                if recip:
                    attrs.append("recip=1")
                emit(kind, pattern, code, ";".join(attrs), "pat_out")

    for raw in lines:
        line = raw.rstrip()
        if "VERB PATTERNS" in line:
            started = True
            continue
        if not started:
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            if block_verbs or pending_patterns:
                flush_block()
            stats["blocks"] += 1
            c = m.group(2).strip()
            block_code = c if CODE_RE.match(c) else None
            block_verbs, pending_patterns = [], []
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("-"):
            pm = re.match(r"^-\s*(.*?)\s*(\[[^\]]*\])\s*(?:#\s*(.*))?$", line)
            if not pm:
                stats["patterns"] += 1
                stats["skip_syntax"] += 1
                continue
            pending_patterns.append((pm.group(1), pm.group(2), pm.group(3) or ""))
            continue
        vm = re.match(r"^\+?([A-Za-z][A-Za-z_'\-]*)\s*(\[[^\]]*\])?", line)
        if vm:
            vcode = None
            if vm.group(2):
                pc = parse_code(vm.group(2))
                vcode = pc[0] if pc else None
            w = words(vm.group(1))
            if w:
                block_verbs.append((w, vcode))
                stats["verbs"] += 1
    if block_verbs or pending_patterns:
        flush_block()

    skipped = (stats["skip_preverb"] + stats["skip_markers"] + stats["skip_code"]
               + stats["skip_syntax"])
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# generated by tools/gen_petrarch_triggers.py, do not edit\n")
        f.write("# source: PETRARCH2 CAMEO.2.0.txt (openeventdata/petrarch2, MIT, (c) 2015 Open Event Data Alliance)\n")
        f.write("# %d blocks, %d verbs, %d patterns; written: %d verb entries, %d pattern entries\n"
                % (stats["blocks"], stats["verbs"], stats["patterns"], stats["verb_out"], stats["pat_out"]))
        f.write("# patterns skipped: %d (words before the verb %d, $/+/%%/& markers %d, paired or empty codes %d, other syntax %d)\n"
                % (skipped, stats["skip_preverb"], stats["skip_markers"], stats["skip_code"], stats["skip_syntax"]))
        f.write("# entries left out because data/triggers/en.tsv has the same pattern (it wins): %d; duplicates: %d;"
                " codes not in data/cameo/codes.tsv: %d\n"
                % (stats["skip_manual"], stats["skip_dup"], stats["skip_unknown"]))
        f.write("# converted expressions take their target from any of: %s\n" % GENERIC_PREP)
        for kind, pattern, code, attrs in out:
            f.write("\t".join([kind, "en", pattern, code] + ([attrs] if attrs else [])) + "\n")
    print("%s: %d entries (%d verbs, %d patterns); %d patterns skipped; %d overridden by en.tsv"
          % (a.out, len(out), stats["verb_out"], stats["pat_out"], skipped, stats["skip_manual"]),
          file=sys.stderr)


if __name__ == "__main__":
    main()
