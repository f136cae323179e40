/* warc.c - the inside of a WARC record, for the reader's `warc` input
 * format (reader.c frames the records: it reads a header up to its blank
 * line and then Content-Length bytes, and hands both here).
 *
 * A web archive (ISO 28500, WARC 1.0 and 1.1, as Common Crawl's CC-NEWS
 * writes it) is a run of records, each a header of `Name: value` lines
 * and a block; a `response` record's block is the HTTP response as the
 * crawler received it: status line, headers, body. This file reads the
 * few header fields dyad uses and turns a response into the page's HTML:
 * it checks the status (2xx) and the Content-Type (text/html or XHTML),
 * joins a chunked body in place, and inflates a gzip or deflate
 * Content-Encoding (zlib; the output is capped, so a small bomb cannot
 * take the memory). Crawlers that decoded the body themselves rename the
 * headers they applied (StormCrawler, which writes CC-NEWS:
 * X-Crawler-Transfer-Encoding), so only the real ones are acted on.
 * Everything works on buffers the caller holds; nothing here reads files.
 */
#include "warc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

static int blank(char c) { return c == ' ' || c == '\t'; }

/* The next line of [*p, end): its bytes without CR LF, and *p after it. */
static int next_line(const char **p, const char *end, const char **line, size_t *len)
{
    if (*p >= end)
        return 0;
    const char *s = *p;
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl : end;
    *p = nl ? nl + 1 : end;
    if (e > s && e[-1] == '\r')
        e--;
    *line = s;
    *len = (size_t)(e - s);
    return 1;
}

/* A header line "Name: value": 1 with the value trimmed, 0 if not one. */
static int field(const char *s, size_t n, const char **name, size_t *nlen, const char **val,
                 size_t *vlen)
{
    const char *colon = memchr(s, ':', n);
    if (!colon || colon == s)
        return 0;
    *name = s;
    *nlen = (size_t)(colon - s);
    const char *v = colon + 1, *e = s + n;
    while (v < e && blank(*v))
        v++;
    while (e > v && blank(e[-1]))
        e--;
    *val = v;
    *vlen = (size_t)(e - v);
    return 1;
}

static int named(const char *s, size_t n, const char *name)
{
    return strlen(name) == n && strncasecmp(s, name, n) == 0;
}

/* A decimal number that fits in 62 bits. */
static int number(const char *s, size_t n, uint64_t *v)
{
    if (n == 0 || n > 18)
        return 0;
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        x = x * 10 + (uint64_t)(s[i] - '0');
    }
    *v = x;
    return 1;
}

int dyadi_warc_parse_head(const char *s, size_t n, dyadi_warc_head *h, char *why, size_t whylen)
{
    memset(h, 0, sizeof *h);
    const char *p = s, *end = s + n, *line;
    size_t len;
    if (!next_line(&p, end, &line, &len) || len < 8 || memcmp(line, "WARC/1.", 7) != 0) {
        snprintf(why, whylen, "not a WARC record header (no 'WARC/1.x' line)");
        return 0;
    }
    int have_length = 0, have_ctype = 0;
    while (next_line(&p, end, &line, &len)) {
        const char *name, *val;
        size_t nl, vl;
        if (len == 0 || blank(line[0]))
            continue;   /* a folded continuation: none of dyad's fields */
        if (!field(line, len, &name, &nl, &val, &vl)) {
            snprintf(why, whylen, "malformed WARC header line '%.60s'", line);
            for (char *c = why; *c; c++)
                if ((unsigned char)*c < 0x20 || (unsigned char)*c == 0x7f)
                    *c = '?';
            return 0;
        }
        if (named(name, nl, "Content-Length")) {
            if (!number(val, vl, &h->length)) {
                snprintf(why, whylen, "bad WARC Content-Length '%.30s'", val);
                for (char *c = why; *c; c++)
                    if ((unsigned char)*c < 0x20 || (unsigned char)*c == 0x7f)
                        *c = '?';
                return 0;
            }
            have_length = 1;
        } else if (named(name, nl, "WARC-Type")) {
            h->type = val;
            h->type_len = vl;
            h->response = named(val, vl, "response");
        } else if (named(name, nl, "WARC-Target-URI")) {
            /* WARC 1.0 drafts wrote <uri>; some writers still do */
            if (vl >= 2 && val[0] == '<' && val[vl - 1] == '>') {
                val++;
                vl -= 2;
            }
            h->uri = val;
            h->uri_len = vl;
        } else if (named(name, nl, "WARC-Date")) {
            h->date = val;
            h->date_len = vl;
        } else if (named(name, nl, "Content-Type")) {
            have_ctype = 1;
            h->http = vl >= 16 && strncasecmp(val, "application/http", 16) == 0;
        }
    }
    if (!have_length) {
        snprintf(why, whylen, "WARC header without Content-Length");
        return 0;
    }
    if (!have_ctype)
        h->http = 1;
    return 1;
}

/* Join a chunked body in place: *n becomes the joined length. 0, or -1
 * with the byte of the body where the framing broke in *at. */
static int dechunk(char *s, size_t *n, size_t *at)
{
    const char *p = s, *end = s + *n;
    char *o = s;
    for (;;) {
        const char *line;
        size_t len;
        *at = (size_t)(p - s);
        if (!next_line(&p, end, &line, &len))
            return -1;   /* no last chunk */
        uint64_t size = 0;
        size_t i = 0;
        for (; i < len; i++) {
            char c = line[i];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                break;
            if (size >> 56)
                return -1;
            size = size * 16 + (uint64_t)d;
        }
        if (i == 0 || (i < len && line[i] != ';' && !blank(line[i])))
            return -1;
        if (size == 0)
            break;   /* the last chunk; trailers are not needed */
        if (size > (uint64_t)(end - p))
            return -1;
        memmove(o, p, (size_t)size);
        o += size;
        p += size;
        /* the chunk's CRLF */
        if (p < end && *p == '\r')
            p++;
        if (p < end && *p == '\n')
            p++;
    }
    *n = (size_t)(o - s);
    return 0;
}

/* Inflate n bytes at s into scratch, at most max bytes out. */
static dyad_status inflate_body(const char *s, size_t n, int gzip, size_t max,
                                dyadi_warc_buf *b, size_t *out, char *why, size_t whylen)
{
    /* gzip: its wrapper; deflate: zlib's wrapper, as HTTP says, or the raw
     * stream that many servers send instead */
    int tries[2] = {gzip ? 16 + MAX_WBITS : MAX_WBITS, gzip ? 0 : -MAX_WBITS};
    dyad_status st = DYAD_ERR_FORMAT;
    for (int t = 0; t < 2 && tries[t]; t++) {
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        if (inflateInit2(&zs, tries[t]) != Z_OK) {
            snprintf(why, whylen, "out of memory");
            return DYAD_ERR_NOMEM;
        }
        zs.next_in = (Bytef *)(uintptr_t)s;
        zs.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
        size_t made = 0;
        int rc = Z_OK;
        st = DYAD_OK;
        while (rc == Z_OK) {
            if (made == b->cap) {
                if (b->cap >= max + 1) {
                    snprintf(why, whylen, "HTTP body decompresses to more than %zu bytes", max);
                    st = DYAD_ERR_TOOBIG;
                    break;
                }
                size_t cap = b->cap ? b->cap * 2 : 65536;
                if (cap > max + 1)
                    cap = max + 1;
                char *nb = realloc(b->buf, cap);
                if (!nb) {
                    snprintf(why, whylen, "out of memory");
                    st = DYAD_ERR_NOMEM;
                    break;
                }
                b->buf = nb;
                b->cap = cap;
            }
            zs.next_out = (Bytef *)b->buf + made;
            zs.avail_out = (uInt)(b->cap - made);
            rc = inflate(&zs, Z_NO_FLUSH);
            made = b->cap - zs.avail_out;
            if (rc == Z_BUF_ERROR && zs.avail_out > 0) {
                /* no more input and not at the end: cut short */
                snprintf(why, whylen, "%s HTTP body is truncated", gzip ? "gzip" : "deflate");
                st = DYAD_ERR_FORMAT;
                break;
            }
            if (rc == Z_BUF_ERROR)
                rc = Z_OK;
        }
        if (st == DYAD_OK && rc != Z_STREAM_END) {
            snprintf(why, whylen, "%s HTTP body is corrupt (%s)", gzip ? "gzip" : "deflate",
                     zs.msg ? zs.msg : "bad data");
            st = DYAD_ERR_FORMAT;
        }
        inflateEnd(&zs);
        *out = made;
        if (st == DYAD_OK || st == DYAD_ERR_NOMEM || st == DYAD_ERR_TOOBIG)
            return st;
    }
    return st;
}

dyad_status dyadi_warc_http(char *block, size_t n, size_t max, dyadi_warc_buf *scratch,
                            int *kind, const char **html, size_t *len, char *why,
                            size_t whylen)
{
    const char *p = block, *end = block + n, *line;
    size_t ll;
    *html = NULL;
    *len = 0;
    if (!next_line(&p, end, &line, &ll) || ll < 12 || memcmp(line, "HTTP/", 5) != 0) {
        snprintf(why, whylen, "the response record holds no HTTP status line");
        return DYAD_ERR_FORMAT;
    }
    const char *sp = memchr(line, ' ', ll);
    if (!sp || (size_t)(line + ll - sp) < 4 || sp[1] < '1' || sp[1] > '5' || sp[2] < '0' ||
        sp[2] > '9' || sp[3] < '0' || sp[3] > '9') {
        snprintf(why, whylen, "malformed HTTP status line");
        return DYAD_ERR_FORMAT;
    }
    int status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
    int is_html = 0, chunked = 0, enc = 0;   /* enc: 0 identity, 1 gzip, 2 deflate */
    int ended = 0;
    char encname[32] = "";
    while (next_line(&p, end, &line, &ll)) {
        if (ll == 0) {
            ended = 1;
            break;
        }
        const char *name, *val;
        size_t nl, vl;
        if (blank(line[0]) || !field(line, ll, &name, &nl, &val, &vl))
            continue;   /* servers send all sorts; only three fields matter */
        if (named(name, nl, "Content-Type")) {
            size_t t = 0;
            while (t < vl && val[t] != ';' && !blank(val[t]))
                t++;
            is_html = named(val, t, "text/html") || named(val, t, "application/xhtml+xml");
        } else if (named(name, nl, "Transfer-Encoding")) {
            for (size_t i = 0; i + 7 <= vl; i++)
                if (strncasecmp(val + i, "chunked", 7) == 0)
                    chunked = 1;
        } else if (named(name, nl, "Content-Encoding")) {
            if (vl == 0 || named(val, vl, "identity"))
                enc = 0;
            else if (named(val, vl, "gzip") || named(val, vl, "x-gzip"))
                enc = 1;
            else if (named(val, vl, "deflate"))
                enc = 2;
            else {
                enc = -1;
                snprintf(encname, sizeof encname, "%.*s", (int)(vl < 20 ? vl : 20), val);
                for (char *c = encname; *c; c++)
                    if ((unsigned char)*c < 0x20 || (unsigned char)*c == 0x7f)
                        *c = '?';
            }
        }
    }
    if (!ended) {
        snprintf(why, whylen, "the HTTP headers do not end (no blank line)");
        return DYAD_ERR_FORMAT;
    }
    if (status < 200 || status > 299) {
        *kind = DYADI_WARC_NOT_OK;
        return DYAD_OK;
    }
    if (!is_html) {
        *kind = DYADI_WARC_NOT_HTML;
        return DYAD_OK;
    }
    *kind = DYADI_WARC_HTML;
    char *body = (char *)(uintptr_t)p;
    size_t blen = (size_t)(end - p);
    if (chunked) {
        size_t at = 0;
        if (dechunk(body, &blen, &at) != 0) {
            snprintf(why, whylen, "malformed chunked HTTP body at byte %zu of the body", at);
            return DYAD_ERR_FORMAT;
        }
    }
    if (enc < 0) {
        snprintf(why, whylen, "HTTP Content-Encoding '%s' is not supported (gzip, deflate)",
                 encname);
        return DYAD_ERR_FORMAT;
    }
    if (enc > 0) {
        size_t made = 0;
        dyad_status st = inflate_body(body, blen, enc == 1, max, scratch, &made, why, whylen);
        if (st != DYAD_OK)
            return st;
        *html = scratch->buf;
        *len = made;
        return DYAD_OK;
    }
    *html = body;
    *len = blen;
    return DYAD_OK;
}

void dyadi_warc_buf_free(dyadi_warc_buf *b)
{
    if (!b)
        return;
    free(b->buf);
    b->buf = NULL;
    b->cap = 0;
}
