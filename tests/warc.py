#!/usr/bin/env python3
"""warc.py - writes small WARC files for the tests (tests/cli/warc.sh) and
the fuzz seeds, in the CC-NEWS layout: a warcinfo record, then for each
page a request, a response and a metadata record; with --gz every record
is its own gzip member, as Common Crawl writes them.

    python3 tests/warc.py OUT [--gz] [--case CASE] [--tag TAG]

CASE: good (default), truncated (the file ends inside the last response),
bad-header (a record whose version line is garbage, between two good
ones), bad-member (--gz: one member's deflate data damaged), chunked-bad
(a response whose chunked body is broken). --tag TAG puts TAG in every
URL's host and a paragraph "Dépêche TAG." / "Dispatch TAG." in every page,
so that archives written with different tags hold different documents.
"""
import gzip
import sys
import zlib

FR = """<html><head><title>Moscou et Pékin</title>
<meta property="article:published_time" content="2020-01-01"></head>
<body><nav>Accueil</nav><article><h1>Moscou renforce ses liens</h1>
<p>La Russie a condamné l'Ukraine lundi.</p></article>
<footer>Le Journal</footer></body></html>"""

EN = """<html><head><title>Washington</title></head><body>
<div id="navbar">Home</div><p>The United States accused China of spying.</p>
</body></html>"""

EN2 = """<html><body><p>Iran threatened Israel on Tuesday.</p></body></html>"""


def record(wtype, uri, date, block, ctype):
    head = ["WARC/1.0", "WARC-Type: " + wtype, "WARC-Date: " + date,
            "WARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>" % (zlib.crc32(((uri or "") + wtype).encode()) % 10**8)]
    if uri:
        head.append("WARC-Target-URI: " + uri)
    head += ["Content-Type: " + ctype, "Content-Length: %d" % len(block)]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http(body, ctype="text/html; charset=UTF-8", status="200 OK", extra=""):
    return ("HTTP/1.1 %s\r\nContent-Type: %s\r\n%s\r\n" % (status, ctype, extra)).encode() + body


def chunked(body, size=17):
    out = b""
    for i in range(0, len(body), size):
        c = body[i:i + size]
        out += b"%x\r\n" % len(c) + c + b"\r\n"
    return out + b"0\r\n\r\n"


def response(uri, date, payload):
    return record("response", uri, date, payload, "application/http; msgtype=response")


def request(uri, date):
    req = ("GET %s HTTP/1.1\r\nHost: example.org\r\n\r\n" % uri).encode()
    return record("request", uri, date, req, "application/http; msgtype=request")


def metadata(uri, date):
    return record("metadata", uri, date, b"fetchTimeMs: 12\r\n", "application/warc-fields")


def records(case, tag=None):
    d = "2016-08-26T12:%02d:00Z"
    recs = [record("warcinfo", None, d % 0, b"software: tests/warc.py\r\n",
                   "application/warc-fields")]
    pages = [
        ("http://example.fr/moscou", http(FR.encode())),
        # chunked and gzip'd, as a server sends it
        ("http://example.com/spying", http(chunked(gzip.compress(EN.encode(), mtime=0)),
                                         extra="Transfer-Encoding: chunked\r\n"
                                               "Content-Encoding: gzip\r\n")),
        ("http://example.com/logo.png", http(b"\x89PNG\r\n\x1a\n\0\0\0binary", "image/png")),
        ("http://example.com/moved", http(b"<html>moved</html>", status="301 Moved Permanently")),
        ("http://example.com/iran", http(EN2.encode())),
    ]
    if tag:
        def tagged(item):
            uri, payload = item
            uri = uri.replace("://", "://%s." % tag)
            note = ("<p>Dépêche %s.</p>" if ".fr/" in uri else "<p>Dispatch %s.</p>") % tag
            end = b"</article>" if b"</article>" in payload else b"</body>"
            if b"text/html" in payload and b"Transfer-Encoding" not in payload:
                payload = payload.replace(end, note.encode() + end)
            return uri, payload
        pages = [tagged(p) for p in pages]
    if case == "chunked-bad":
        pages[1] = ("http://example.com/spying",
                    http(b"zz\r\nnot hex\r\n0\r\n\r\n", extra="Transfer-Encoding: chunked\r\n"))
    for i, (uri, payload) in enumerate(pages):
        recs.append(request(uri, d % (i + 1)))
        recs.append(response(uri, d % (i + 1), payload))
        recs.append(metadata(uri, d % (i + 1)))
    if case == "bad-header":
        # the Moscow page's response loses its version line
        i = 2
        recs[i] = b"GARBAGE/9.9" + recs[i][len(b"WARC/1.0"):]
    return recs


def main(argv):
    out = argv[1]
    gz = "--gz" in argv
    case = argv[argv.index("--case") + 1] if "--case" in argv else "good"
    tag = argv[argv.index("--tag") + 1] if "--tag" in argv else None
    recs = records(case, tag)
    if gz:
        members = [gzip.compress(r, mtime=0) for r in recs]
        if case == "bad-member":
            # damage the Moscow response's deflate data (record 2): flip
            # bytes in its middle
            m = bytearray(members[2])
            for k in range(len(m) // 2, len(m) // 2 + 8):
                m[k] ^= 0x5A
            members[2] = bytes(m)
        data = b"".join(members)
    else:
        data = b"".join(recs)
    if case == "truncated":
        # the file ends inside the last page's response (its last bytes
        # are missing)
        whole = b"".join(gzip.compress(r, mtime=0) for r in recs[:-2]) if gz else b"".join(recs[:-2])
        last = gzip.compress(recs[-2], mtime=0) if gz else recs[-2]
        data = whole + last[:len(last) - 24]
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv)
