/* html.h - the article in a web page (html.c), for the reader. */
#ifndef DYAD_HTML_H
#define DYAD_HTML_H
#include <stddef.h>
#include "dyad.h"

typedef struct dyadi_html {
    char *text;         /* the article's text, UTF-8, paragraphs split by a blank line */
    size_t len, cap;
    char *title;        /* NULL when the page has none */
    char date[11];      /* "YYYY-MM-DD" from the page's meta tags, or "" */
} dyadi_html;

/* Extract title, publication date and main text from n bytes of HTML into
 * h (its buffers are reused between calls; dyadi_html_free frees them).
 * DYAD_ERR_FORMAT with a message in err when libxml2 cannot read it at all,
 * DYAD_ERR_NOMEM. */
dyad_status dyadi_html_extract(const char *html, size_t n, dyadi_html *h, char *err,
                               size_t errlen);
void dyadi_html_free(dyadi_html *h);
#endif
