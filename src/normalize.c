/* normalize.c - UTF-8 decoding and the normalised key of a token.
 *
 * First text stage: the tokenizer walks the original bytes with
 * dyadi_utf8_next (never trusting them to be valid), and the coder turns
 * each token's byte slice into its norm key with dyadi_norm_key. The key is
 * what every dictionary lookup compares: NFC, case-folded, accents kept,
 * typographic apostrophes unified to ', invalid bytes shown as U+FFFD, so
 * "L’Iran" and "l'Iran" key the same. Unicode work is utf8proc's; the only
 * code of our own is the ASCII fast path (most tokens of French and English
 * news are pure ASCII and need nothing but lower-casing) and the apostrophe
 * mapping, done through utf8proc's custom-mapping hook so there is no extra
 * pass. No malloc: scratch space is on the stack or, for long tokens, in
 * the document arena. */
#include "text.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

int32_t dyadi_utf8_next(const char *str, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return (int32_t)c;
    }
    size_t len;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; cp = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; cp = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; cp = c & 0x07; min = 0x10000;
    } else {
        *i = p + 1;     /* continuation byte, C0/C1 or F5..FF */
        return -1;
    }
    if (n - p < len) {
        *i = p + 1;
        return -1;
    }
    for (size_t k = 1; k < len; k++) {
        unsigned b = s[p + k];
        if ((b & 0xC0) != 0x80) {
            *i = p + 1;
            return -1;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    /* overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8 */
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        *i = p + 1;
        return -1;
    }
    *i = p + len;
    return (int32_t)cp;
}

/* utf8proc custom mapping: the apostrophe look-alikes writers and word
 * processors produce all become the ASCII apostrophe the dictionaries use. */
static utf8proc_int32_t map_apostrophe(utf8proc_int32_t cp, void *data)
{
    (void)data;
    switch (cp) {
    case 0x2019:    /* ’ right single quotation mark */
    case 0x02BC:    /* ʼ modifier letter apostrophe */
    case 0x2018:    /* ‘ left single quotation mark */
    case 0x2032:    /* ′ prime */
        return '\'';
    default:
        return cp;
    }
}

#define STACK_CPS 256

char *dyadi_norm_key(dyadi_arena *a, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            break;
    if (i == n) {   /* ASCII: NFC and case folding reduce to tolower */
        char *out = dyadi_arena_alloc(a, n + 1);
        if (!out)
            return NULL;
        for (i = 0; i < n; i++) {
            char ch = s[i];
            out[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
        }
        out[n] = '\0';
        return out;
    }

    /* utf8proc refuses invalid UTF-8; replace bad bytes by U+FFFD first
     * (rare: only tokens flagged DYAD_TOKF_REPLACED get here). */
    const char *src = s;
    size_t srclen = n;
    size_t bad = 0;
    for (size_t p = 0; p < n;)
        if (dyadi_utf8_next(s, n, &p) < 0)
            bad++;
    if (bad) {
        if (bad > (SIZE_MAX - n) / 2)
            return NULL;
        char *fixed = dyadi_arena_alloc(a, n + 2 * bad);
        if (!fixed)
            return NULL;
        size_t o = 0;
        for (size_t p = 0; p < n;) {
            size_t q = p;
            if (dyadi_utf8_next(s, n, &p) < 0) {
                memcpy(fixed + o, "\xEF\xBF\xBD", 3);
                o += 3;
            } else {
                memcpy(fixed + o, s + q, p - q);
                o += p - q;
            }
        }
        src = fixed;
        srclen = o;
    }
    if (srclen > (size_t)PTRDIFF_MAX / 8)
        return NULL;

    const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                   UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
    utf8proc_int32_t stackbuf[STACK_CPS];
    utf8proc_int32_t *buf = stackbuf;
    utf8proc_ssize_t cap = STACK_CPS;
    utf8proc_ssize_t r = utf8proc_decompose_custom((const utf8proc_uint8_t *)src,
                                                   (utf8proc_ssize_t)srclen, buf, cap,
                                                   opts, map_apostrophe, NULL);
    if (r > cap) {
        /* long token: case folding can grow it (ß -> ss), utf8proc tells how much */
        if ((size_t)r > SIZE_MAX / sizeof *buf)
            return NULL;
        buf = dyadi_arena_alloc(a, (size_t)r * sizeof *buf);
        if (!buf)
            return NULL;
        cap = r;
        r = utf8proc_decompose_custom((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)srclen,
                                      buf, cap, opts, map_apostrophe, NULL);
    }
    if (r < 0 || r > cap)
        return NULL;
    /* compose and re-encode in place: UTF-8 never needs more than 4 bytes a code point */
    utf8proc_ssize_t len = utf8proc_reencode(buf, r, opts);
    if (len < 0)
        return NULL;
    return dyadi_arena_strndup(a, (const char *)buf, (size_t)len);
}
