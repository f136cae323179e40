#!/usr/bin/env python3
"""warc.py - build a CC-NEWS-like WARC.gz from the Wikinews corpora, for
bench/warc.sh.

Every article of the benchmark's base set (bench/corpus.py: winer-fr-
wikinews and wikinews-en) becomes a news page: a <head> with its title and
publication meta tags, a site header and navigation, inline CSS and
scripts, the article in <article>, related links, a comment block and a
footer: about 6 KB of markup around each article (8 KB of text on
average), so a page is ~15 KB and the file compresses ~4x. Real news pages
carry more markup; the figures are then per byte of this file. Each page is written as CC-NEWS writes it: a request record and
a response record (HTTP/1.1 200, text/html), each its own gzip member, after
one warcinfo record. The base set is repeated with varied URLs
(".../rN/...") and a varied page-view counter in the markup until the
compressed file reaches --mb (10^6 bytes). Deterministic: same data, same
options, same bytes.

    python3 bench/warc.py --mb 1000 --out bench/out/news.warc.gz

Prints on stderr the pages, records and sizes. Python 3 standard library.
"""
import argparse
import html
import importlib.util
import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def load_corpus_module():
    spec = importlib.util.spec_from_file_location("corpus", os.path.join(HERE, "corpus.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CSS = "".join(".c%d{margin:%dpx;padding:%dpx;color:#%06x}" % (i, i % 7, i % 5, i * 2654435761 % 0xFFFFFF)
              for i in range(60))
SCRIPT = "".join("window.dl%d=function(a,b){return a*%d+b;};" % (i, i) for i in range(80))
NAV = "".join('<li><a href="/section/%d">Section %d</a></li>' % (i, i) for i in range(40))
RELATED = "".join('<li><a href="/related/%d">Related story number %d</a></li>' % (i, i)
                  for i in range(25))


def page(doc, url, r):
    title = html.escape(doc["title"] or "News")
    paras = "".join("<p>%s</p>\n" % html.escape(p) for p in doc["text"].split("\n") if p.strip())
    lang = doc.get("lang", "en")
    return (
        '<!DOCTYPE html>\n<html lang="%s"><head><meta charset="utf-8">'
        "<title>%s</title>"
        '<meta property="og:title" content="%s">'
        '<meta property="article:published_time" content="%sT08:00:00Z">'
        '<link rel="canonical" href="%s"><style>%s</style>'
        "<script>%s</script></head>\n<body>"
        '<header class="masthead"><div class="logo">Wikinews</div><nav><ul>%s</ul></nav></header>'
        '<div class="cookie-banner">We use cookies. <button>OK</button></div>'
        "<main><article><h1>%s</h1>\n%s</article>"
        '<aside class="related"><ul>%s</ul></aside>'
        '<div id="comments"><p>Comments are closed. Views: %d</p></div></main>'
        '<footer><p>Content under CC BY 2.5</p><ul>%s</ul></footer>'
        "<script>var views=%d;</script></body></html>\n"
        % (lang, title, title, doc["date"], html.escape(url), CSS, SCRIPT, NAV, title, paras,
           RELATED, r * 7919 % 100003, NAV, r)
    ).encode("utf-8")


def record(wtype, uri, date, block, ctype, n):
    head = ["WARC/1.0", "WARC-Type: " + wtype, "WARC-Date: " + date,
            "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>" % n]
    if uri:
        head.append("WARC-Target-URI: " + uri)
    head += ["Content-Type: " + ctype, "Content-Length: %d" % len(block)]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def gz(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


def main():
    ap = argparse.ArgumentParser(description="Build a WARC.gz of news pages from Wikinews.")
    ap.add_argument("--mb", type=float, default=1000.0,
                    help="compressed size in MB (10^6 bytes; default 1000)")
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(HERE, "out", "news.warc.gz"))
    args = ap.parse_args()
    corpus = load_corpus_module()
    fr_root = os.path.join(args.data, "winer-fr-wikinews")
    en_root = os.path.join(args.data, "wikinews-en")
    for d in (fr_root, en_root):
        if not os.path.isdir(d):
            print("warc.py: %s: no such folder" % d, file=sys.stderr)
            return 1
    base = corpus.interleave(corpus.french_docs(fr_root), corpus.english_docs(en_root))
    target = int(args.mb * 1e6)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    n = pages = 0
    size = raw = 0
    with open(tmp, "wb") as f:
        info = record("warcinfo", None, "2016-01-01T00:00:00Z", b"software: bench/warc.py\r\n",
                      "application/warc-fields", n)
        b = gz(info)
        f.write(b)
        size += len(b)
        r = 0
        while size < target:
            r += 1
            for doc in base:
                if size >= target:
                    break
                site = "fr.wikinews.org" if doc["id"].startswith("fr-") else "en.wikinews.org"
                url = "https://%s/r%d/%s" % (site, r, doc["id"])
                date = "%sT12:00:00Z" % doc["date"][:10]
                body = page(doc, url, r)
                http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
                        b"Content-Length: %d\r\n\r\n" % len(body)) + body
                req = ("GET /r%d/%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: bench\r\n\r\n"
                       % (r, doc["id"], site)).encode()
                for wtype, block, ctype in (("request", req, "application/http; msgtype=request"),
                                            ("response", http, "application/http; msgtype=response")):
                    n += 1
                    rec = record(wtype, url, date, block, ctype, n)
                    b = gz(rec)
                    f.write(b)
                    size += len(b)
                    raw += len(rec)
                pages += 1
    os.replace(tmp, args.out)
    print("warc.py: %s: %d pages (%d passes of %d articles), %d records, %.1f MB compressed, "
          "%.1f MB uncompressed" % (args.out, pages, r, len(base), n + 1, size / 1e6, raw / 1e6),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
