/* warc.h - WARC record headers and HTTP payloads (warc.c), for the
 * reader's `warc` input format. */
#ifndef DYAD_WARC_H
#define DYAD_WARC_H
#include <stddef.h>
#include <stdint.h>
#include "dyad.h"

/* The WARC header fields dyad uses; strings point into the header given
 * to dyadi_warc_head, are not NUL-terminated, and are NULL when absent. */
typedef struct dyadi_warc_head {
    uint64_t length;            /* Content-Length: the block's bytes */
    int response;               /* WARC-Type is response */
    int http;                   /* the block is an HTTP message (Content-Type application/http,
                                   or no Content-Type) */
    const char *type, *uri, *date;
    size_t type_len, uri_len, date_len;
} dyadi_warc_head;

/* Parse a record header: n bytes from its version line ("WARC/1.0") to
 * the end of its last field line (the blank line excluded). 1, or 0 with
 * a reason in why when it is not a WARC header or has no Content-Length. */
int dyadi_warc_parse_head(const char *s, size_t n, dyadi_warc_head *h, char *why, size_t whylen);

/* What an HTTP response holds. */
enum { DYADI_WARC_HTML, DYADI_WARC_NOT_HTML, DYADI_WARC_NOT_OK };

/* Scratch for decoded payloads, reused between records. */
typedef struct dyadi_warc_buf {
    char *buf;
    size_t cap;
} dyadi_warc_buf;

/* Read the HTTP response in block (n bytes; changed in place: a chunked
 * body is joined where it lies). DYAD_OK with *kind: DYADI_WARC_HTML and
 * *html, *len the page (in block, or in scratch when it was compressed),
 * DYADI_WARC_NOT_HTML (another Content-Type) or DYADI_WARC_NOT_OK (a
 * status other than 2xx). Otherwise DYAD_ERR_FORMAT (a malformed message,
 * a broken chunked or compressed body, an encoding dyad cannot decode),
 * DYAD_ERR_TOOBIG (decompressed past max bytes) or DYAD_ERR_NOMEM, with a
 * reason in why. */
dyad_status dyadi_warc_http(char *block, size_t n, size_t max, dyadi_warc_buf *scratch,
                            int *kind, const char **html, size_t *len, char *why,
                            size_t whylen);
void dyadi_warc_buf_free(dyadi_warc_buf *b);
#endif
