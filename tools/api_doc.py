#!/usr/bin/env python3
"""api_doc.py - keeps the examples of docs/api.md true: every block

    ```http
    GET /api/...
    ```

is followed by the block holding the server's answer (```json or ```csv).
With --write the answers are fetched from a running `dyad serve` and written
into the file; without it they are compared, and each differing example is
a "not ok" line (tests/cli/serve_doc.sh runs this on the seed store).

    api_doc.py URL [--write] [docs/api.md]

Python 3 standard library only.
"""
import re
import sys
import urllib.error
import urllib.request

BLOCK = re.compile(r"```http\n(GET (\S+)(?:\nAccept: (\S+))?)\n```\n\n```(json|csv)\n(.*?)```\n",
                   re.S)


def fetch(base, path, accept):
    req = urllib.request.Request(base.rstrip("/") + path)
    if accept:
        req.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            status, body = r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read().decode("utf-8")
    body = body.replace("\r\n", "\n")
    if not body.endswith("\n"):
        body += "\n"
    return status, body


def same(body):
    """The store's size in bytes depends on SQLite's page use: not compared."""
    return re.sub(r'"store_bytes": \d+', '"store_bytes": N', body)


def main():
    args = [a for a in sys.argv[1:] if a != "--write"]
    write = "--write" in sys.argv[1:]
    base = args[0]
    path = args[1] if len(args) > 1 else "docs/api.md"
    text = open(path, encoding="utf-8").read()
    failed = 0
    out, at = [], 0
    for m in BLOCK.finditer(text):
        status, body = fetch(base, m.group(2), m.group(3))
        kind = "csv" if body[:1] not in "{[" else "json"
        shown = body if status == 200 else "HTTP %d\n%s" % (status, body)
        if write:
            out.append(text[at:m.start(5) - len(m.group(4)) - 4])
            out.append("```%s\n%s```\n" % (kind, shown))
            at = m.end()
        elif same(shown) != same(m.group(5)) or kind != m.group(4):
            print("not ok api-doc %s" % m.group(2))
            failed += 1
        else:
            print("ok api-doc %s" % m.group(2))
    if write:
        out.append(text[at:])
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(out))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
