/* html.c - the article in a web page: title, publication date and main
 * text, for the reader's `html` input format (reader.c).
 *
 * Parsing is libxml2's HTML parser (recovering, like a browser, from the
 * tag soup of real pages; no network). On the tree: the title is the
 * page's og:title, else its <title>, else its first <h1>; the date is the
 * first of the usual meta tags (article:published_time, datePublished,
 * DC.date, pubdate, date ...) or <time datetime> in the article that reads
 * as a date. The text is that of the article: the <article> (or
 * itemprop=articleBody) element with the most text, else <main>, else
 * <body>, without scripts, styles, navigation, headers, footers, asides,
 * forms, and without elements whose class or id names boilerplate
 * (comments, menus, sharing, related links, cookie banners, ads). Block
 * elements become paragraphs separated by a blank line, runs of blanks one
 * space; the document's byte spans are offsets into this text.
 */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <libxml/xmlversion.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 512          /* deeper subtrees are not read (libxml2 stops at 256) */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void quiet_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
#if LIBXML_VERSION >= 21200
static void quiet_structured(void *ctx, const xmlError *e) { (void)ctx; (void)e; }
#else
static void quiet_structured(void *ctx, xmlErrorPtr e) { (void)ctx; (void)e; }
#endif
static void init_parser(void) { xmlInitParser(); }

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(s, *list) == 0)
            return 1;
    return 0;
}

/* Elements whose text is never the article's. */
static const char *const skipped_tags[] = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "textarea", "head", "menu", "figure", "object",
    "embed", "canvas", "dialog", NULL};

/* Words in a class or id that mark boilerplate. */
static const char *const boiler_words[] = {
    "comment", "navbar", "nav-", "menu", "footer", "sidebar", "share", "social", "related",
    "cookie", "advert", "promo", "newsletter", "breadcrumb", "subscribe", "banner", "popup",
    "masthead", NULL};

static const char *const block_tags[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
    "td", "th", "tr", "table", "dd", "dt", "dl", "section", "article", "main", "br", "hr",
    "address", "figcaption", "body", NULL};

/* word occurs in s, ignoring ASCII case */
static int has_word(const char *s, const char *word)
{
    size_t wl = strlen(word);
    for (; *s; s++)
        if (strncasecmp(s, word, wl) == 0)
            return 1;
    return 0;
}

static int attr_has_word(const xmlNode *n, const char *attr)
{
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)attr);
    if (!v)
        return 0;
    int hit = 0;
    for (size_t i = 0; boiler_words[i] && !hit; i++)
        hit = has_word((const char *)v, boiler_words[i]);
    xmlFree(v);
    return hit;
}

static int skipped(const xmlNode *n)
{
    if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
        return 1;
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (in_list((const char *)n->name, skipped_tags))
        return 1;
    return attr_has_word(n, "class") || attr_has_word(n, "id");
}

/* ---- text out ---- */

typedef struct out {
    dyadi_html *h;
    int space;      /* a blank is pending */
    int oom;
} out;

static void put(out *o, const char *s, size_t n)
{
    dyadi_html *h = o->h;
    if (o->oom)
        return;
    if (h->len + n + 1 > h->cap) {
        size_t cap = h->cap ? h->cap : 4096;
        while (cap < h->len + n + 1)
            cap *= 2;
        char *t = realloc(h->text, cap);
        if (!t) {
            o->oom = 1;
            return;
        }
        h->text = t;
        h->cap = cap;
    }
    memcpy(h->text + h->len, s, n);
    h->len += n;
    h->text[h->len] = '\0';
}

static int blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Text of a node, blanks collapsed; none at the start of a paragraph. */
static void text(out *o, const char *s)
{
    for (const char *p = s; *p;) {
        if (blank((unsigned char)*p)) {
            o->space = 1;
            p++;
            continue;
        }
        const char *q = p;
        while (*q && !blank((unsigned char)*q))
            q++;
        if (o->space && o->h->len && o->h->text[o->h->len - 1] != '\n')
            put(o, " ", 1);
        o->space = 0;
        put(o, p, (size_t)(q - p));
        p = q;
    }
}

/* End a paragraph: one blank line, never two, none at the start. */
static void paragraph(out *o)
{
    dyadi_html *h = o->h;
    o->space = 0;
    if (!h->len || (h->len >= 2 && h->text[h->len - 1] == '\n' && h->text[h->len - 2] == '\n'))
        return;
    put(o, "\n\n", 2);
}

static void walk(out *o, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                text(o, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || skipped(c))
            continue;
        int block = in_list((const char *)c->name, block_tags);
        if (block)
            paragraph(o);
        walk(o, c, depth + 1);
        if (block)
            paragraph(o);
    }
}

/* ---- choosing the article ---- */

static size_t text_size(const xmlNode *n, int depth)
{
    size_t k = 0;
    if (depth > MAX_DEPTH)
        return 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content)
            k += strlen((const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE && !skipped(c))
            k += text_size(c, depth + 1);
    }
    return k;
}

static int is_article(const xmlNode *n)
{
    if (is(n, "article"))
        return 1;
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)"itemprop");
    int hit = v && strcasecmp((const char *)v, "articleBody") == 0;
    xmlFree(v);
    return hit;
}

typedef struct pick {
    const xmlNode *article, *main, *body, *h1, *title;
    size_t article_size;
} pick;

static void find(pick *p, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "title") && !p->title)
            p->title = c;
        if (skipped(c))
            continue;
        if (is_article(c)) {
            size_t k = text_size(c, depth + 1);
            if (!p->article || k > p->article_size) {
                p->article = c;
                p->article_size = k;
            }
        } else if (is(c, "main") && !p->main) {
            p->main = c;
        } else if (is(c, "body") && !p->body) {
            p->body = c;
        } else if (is(c, "h1") && !p->h1) {
            p->h1 = c;
        }
        find(p, c, depth + 1);
    }
}

/* ---- title and date ---- */

static const char *const date_keys[] = {
    "article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
    "dcterms.created", "dc.date", "pubdate", "publishdate", "publish-date", "date",
    "parsely-pub-date", "sailthru.date", NULL};

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* "YYYY-MM-DD..." or "YYYY-MM": keep the date part. */
static int take_date(dyadi_html *h, const char *s)
{
    while (blank((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    if (n < 7 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2))
        return 0;
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    if (month < 1 || month > 12)
        return 0;
    size_t keep = 7;
    if (n >= 10 && s[7] == '-' && digits(s + 8, 2)) {
        int day = (s[8] - '0') * 10 + (s[9] - '0');
        if (day < 1 || day > 31)
            return 0;
        keep = 10;
        if (n > 10 && (digits(s + 10, 1) || s[10] == '-'))
            return 0;
    } else if (n > 7 && !blank((unsigned char)s[7]) && s[7] != 'T') {
        return 0;
    }
    memcpy(h->date, s, keep);
    h->date[keep] = '\0';
    return 1;
}

typedef struct meta {
    int date_rank;              /* index in date_keys of the date kept; -1 none */
    xmlChar *og_title;
} meta;

static void metas(dyadi_html *h, meta *m, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        static const char *const keys[] = {"property", "name", "itemprop"};
        for (int k = 0; k < 3; k++) {
            xmlChar *key = xmlGetProp((xmlNode *)c, (const xmlChar *)keys[k]);
            if (!key)
                continue;
            xmlChar *val = xmlGetProp((xmlNode *)c, (const xmlChar *)"content");
            if (!val)
                val = xmlGetProp((xmlNode *)c, (const xmlChar *)"datetime");
            if (val && strcasecmp((const char *)key, "og:title") == 0 && !m->og_title) {
                m->og_title = val;
                val = NULL;
            }
            for (int r = 0; val && date_keys[r] && (m->date_rank < 0 || r < m->date_rank); r++)
                if (strcasecmp((const char *)key, date_keys[r]) == 0 &&
                    take_date(h, (const char *)val))
                    m->date_rank = r;
            xmlFree(val);
            xmlFree(key);
        }
        metas(h, m, c, depth + 1);
    }
}

static const xmlNode *first_time(const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || skipped(c))
            continue;
        if (is(c, "time") && xmlHasProp((xmlNode *)c, (const xmlChar *)"datetime"))
            return c;
        const xmlNode *t = first_time(c, depth + 1);
        if (t)
            return t;
    }
    return NULL;
}

/* Collapsed text of a short element (title, h1) as a new string. */
static char *short_text(const char *s)
{
    dyadi_html tmp;
    memset(&tmp, 0, sizeof tmp);
    out o = {&tmp, 0, 0};
    text(&o, s ? s : "");
    if (o.oom || !tmp.len) {
        free(tmp.text);
        return NULL;
    }
    return tmp.text;
}

/* Any valid UTF-8 (or plain ASCII)? Then the page is read as UTF-8,
 * whatever it declares; otherwise libxml2 follows its meta charset. */
static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 2 : (c & 0xF0) == 0xE0 ? 3
                 : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 4 : 0;
        if (!k || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

dyad_status dyadi_html_extract(const char *html, size_t n, dyadi_html *h, char *err,
                               size_t errlen)
{
    pthread_once(&init_once, init_parser);
    h->len = 0;
    if (h->text)
        h->text[0] = '\0';
    free(h->title);
    h->title = NULL;
    h->date[0] = '\0';
    if (n > (size_t)INT32_MAX) {
        snprintf(err, errlen, "page too large for the HTML parser");
        return DYAD_ERR_TOOBIG;
    }
    int flags = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    const char *enc = valid_utf8((const unsigned char *)html, n) ? "UTF-8" : NULL;
    /* HTML_PARSE_NOERROR does not cover the encoding layer, which writes
     * "encoding error : input conversion failed" to stderr for a page
     * whose bytes do not fit its charset (seen on web archives): silence
     * this thread's handlers while parsing, then give the caller's back. */
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet_generic);
    xmlSetStructuredErrorFunc(NULL, quiet_structured);
    htmlDocPtr doc = htmlReadMemory(html, (int)n, NULL, enc, flags);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    if (!doc) {
        snprintf(err, errlen, "not readable as HTML");
        return DYAD_ERR_FORMAT;
    }
    dyad_status st = DYAD_OK;
    pick p;
    memset(&p, 0, sizeof p);
    meta m = {-1, NULL};
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        goto done;
    xmlNode top;    /* find() and metas() look at children: give them the root as one */
    memset(&top, 0, sizeof top);
    top.children = root;
    find(&p, &top, 0);
    metas(h, &m, &top, 0);
    const xmlNode *body = p.article ? p.article : p.main ? p.main : p.body ? p.body : root;
    if (m.date_rank < 0) {
        const xmlNode *t = first_time(body, 0);
        xmlChar *v = t ? xmlGetProp((xmlNode *)t, (const xmlChar *)"datetime") : NULL;
        if (v)
            take_date(h, (const char *)v);
        xmlFree(v);
    }
    out o = {h, 0, 0};
    walk(&o, body, 0);
    while (h->len && blank((unsigned char)h->text[h->len - 1]))
        h->text[--h->len] = '\0';
    xmlChar *t = NULL;
    if (m.og_title)
        h->title = short_text((const char *)m.og_title);
    if (!h->title && p.title && (t = xmlNodeGetContent(p.title)))
        h->title = short_text((const char *)t);
    xmlFree(t);
    t = NULL;
    if (!h->title && p.h1 && (t = xmlNodeGetContent(p.h1)))
        h->title = short_text((const char *)t);
    xmlFree(t);
    if (o.oom)
        st = DYAD_ERR_NOMEM;
done:
    xmlFree(m.og_title);
    xmlFreeDoc(doc);
    if (st == DYAD_ERR_NOMEM)
        snprintf(err, errlen, "out of memory");
    if (!h->text && st == DYAD_OK) {
        out o2 = {h, 0, 0};
        put(&o2, "", 0);  /* an empty text, not NULL */
        if (o2.oom) {
            snprintf(err, errlen, "out of memory");
            st = DYAD_ERR_NOMEM;
        }
    }
    return st;
}

void dyadi_html_free(dyadi_html *h)
{
    if (!h)
        return;
    free(h->text);
    free(h->title);
    memset(h, 0, sizeof *h);
}
