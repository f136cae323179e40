/* train.c - training the tagger, lemmatiser and parser from CoNLL-U.
 *
 * Deterministic: the same files, options and seed give the same model
 * bytes (sentences are shuffled by a fixed-seed generator, every table is
 * built from sorted data, nothing depends on addresses or threads).
 *
 *  1. the lexicon: most frequent lemma and feature bundle per (word, UPOS),
 *     and per (suffix of 1-4 characters, UPOS) the most frequent rule
 *     "strip N characters, append S" with its bundle;
 *  2. the tagger: averaged perceptron, greedy left to right;
 *  3. the parser's tags: jackknifed (K taggers, each tagging the fold it did
 *     not see), so the parser learns from tags as wrong as at run time;
 *  4. the parser: arc-eager, averaged perceptron, dynamic oracle with
 *     exploration from the second epoch; gold trees are projectivised by
 *     lifting; the labeler learns on every correct arc.
 * Each epoch prints its dev scores; the best epoch's averaged weights are
 * kept (the dev file is a tuning file, never a test file). */
#include "syntax/syntax.h"
#include "text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- a training classifier ------------------------------------------------- */
typedef struct tclf {
    uint32_t nc;
    uint32_t *keys, *rows;
    size_t mask, used;
    size_t nrows, rcap;
    float *w;
    double *wa;
    double c;               /* examples seen (the averaging clock) */
} tclf;

static int tclf_init(tclf *t, uint32_t nc)
{
    memset(t, 0, sizeof *t);
    t->nc = nc;
    t->mask = (1u << 16) - 1;
    t->keys = calloc(t->mask + 1, 4);
    t->rows = calloc(t->mask + 1, 4);
    t->c = 1;
    return t->keys && t->rows;
}

static void tclf_free(tclf *t)
{
    free(t->keys);
    free(t->rows);
    free(t->w);
    free(t->wa);
    memset(t, 0, sizeof *t);
}

static long tclf_find(const tclf *t, uint32_t k)
{
    size_t i = (k * 0x9E3779B1u) & t->mask;
    for (;;) {
        if (t->keys[i] == k)
            return (long)t->rows[i];
        if (t->keys[i] == 0)
            return -1;
        i = (i + 1) & t->mask;
    }
}

static int tclf_grow(tclf *t)
{
    size_t nm = (t->mask + 1) * 2 - 1;
    uint32_t *nk = calloc(nm + 1, 4), *nr = calloc(nm + 1, 4);
    if (!nk || !nr) {
        free(nk);
        free(nr);
        return 0;
    }
    for (size_t i = 0; i <= t->mask; i++) {
        if (!t->keys[i])
            continue;
        size_t j = (t->keys[i] * 0x9E3779B1u) & nm;
        while (nk[j])
            j = (j + 1) & nm;
        nk[j] = t->keys[i];
        nr[j] = t->rows[i];
    }
    free(t->keys);
    free(t->rows);
    t->keys = nk;
    t->rows = nr;
    t->mask = nm;
    return 1;
}

static long tclf_row(tclf *t, uint32_t k)
{
    if ((t->used + 1) * 2 > t->mask + 1 && !tclf_grow(t))
        return -1;
    size_t i = (k * 0x9E3779B1u) & t->mask;
    while (t->keys[i]) {
        if (t->keys[i] == k)
            return (long)t->rows[i];
        i = (i + 1) & t->mask;
    }
    if (t->nrows == t->rcap) {
        size_t nc = t->rcap ? t->rcap * 2 : 4096;
        float *w = realloc(t->w, nc * t->nc * sizeof *w);
        if (!w)
            return -1;
        t->w = w;
        double *wa = realloc(t->wa, nc * t->nc * sizeof *wa);
        if (!wa)
            return -1;
        t->wa = wa;
        t->rcap = nc;
    }
    memset(t->w + t->nrows * t->nc, 0, t->nc * sizeof *t->w);
    memset(t->wa + t->nrows * t->nc, 0, t->nc * sizeof *t->wa);
    t->keys[i] = k;
    t->rows[i] = (uint32_t)t->nrows;
    t->used++;
    return (long)t->nrows++;
}

static void tclf_score(const tclf *t, const uint32_t *f, size_t nf, float *sc)
{
    memset(sc, 0, t->nc * sizeof *sc);
    for (size_t i = 0; i < nf; i++) {
        long r = tclf_find(t, f[i]);
        if (r < 0)
            continue;
        const float *row = t->w + (size_t)r * t->nc;
        for (uint32_t j = 0; j < t->nc; j++)
            sc[j] += row[j];
    }
}

static int tclf_update(tclf *t, const uint32_t *f, size_t nf, uint32_t cls, float d)
{
    for (size_t i = 0; i < nf; i++) {
        long r = tclf_row(t, f[i]);
        if (r < 0)
            return 0;
        t->w[(size_t)r * t->nc + cls] += d;
        t->wa[(size_t)r * t->nc + cls] += t->c * d;
    }
    return 1;
}

/* The averaged weights, quantised to 16 bits; rows that round to zero are
 * dropped. The result owns its arrays (free with qclf_free). */
static int tclf_quantise(const tclf *t, dyadi_clf *q, double prune)
{
    memset(q, 0, sizeof *q);
    q->nclass = t->nc;
    double mx = 0;
    size_t n = t->nrows * t->nc;
    float *avg = malloc((n ? n : 1) * sizeof *avg);
    if (!avg)
        return 0;
    for (size_t i = 0; i < n; i++) {
        avg[i] = (float)(t->w[i] - t->wa[i] / t->c);
        if (fabs(avg[i]) > mx)
            mx = fabs(avg[i]);
    }
    q->scale = mx > 0 ? (float)(mx / 32000.0) : 1.0f;
    /* keep rows with a non-zero weight, in key-table order (deterministic) */
    size_t keep = 0;
    uint32_t *newrow = malloc((t->nrows ? t->nrows : 1) * sizeof *newrow);
    int16_t *w = malloc((n ? n : 1) * sizeof *w);
    if (!newrow || !w) {
        free(avg);
        free(newrow);
        free(w);
        return 0;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        int nz = 0;
        for (uint32_t j = 0; j < t->nc; j++) {
            long v = lrintf(avg[r * t->nc + j] / q->scale);
            nz |= v != 0 && fabs(avg[r * t->nc + j]) >= prune;
        }
        newrow[r] = nz ? (uint32_t)keep++ : UINT32_MAX;
        if (nz)
            for (uint32_t j = 0; j < t->nc; j++)
                w[(size_t)newrow[r] * t->nc + j] = (int16_t)lrintf(avg[r * t->nc + j] / q->scale);
    }
    size_t slots = 16;
    while (slots * 2 < keep * 3)   /* load factor at most 2/3 */
        slots *= 2;
    /* classifiers of at most 4 classes keep their weights in the slot */
    const uint32_t stride = t->nc <= 4 ? 3 : 2;
    uint32_t *pairs = calloc(slots, 4 * stride);
    if (!pairs) {
        free(avg);
        free(newrow);
        free(w);
        return 0;
    }
    for (size_t i = 0; i <= t->mask; i++) {
        if (!t->keys[i] || newrow[t->rows[i]] == UINT32_MAX)
            continue;
        size_t j = (t->keys[i] * 0x9E3779B1u) & (slots - 1);
        while (pairs[stride * j])
            j = (j + 1) & (slots - 1);
        pairs[stride * j] = t->keys[i];
        if (stride == 2) {
            pairs[2 * j + 1] = newrow[t->rows[i]];
        } else {
            int16_t wv[4] = {0, 0, 0, 0};
            memcpy(wv, w + (size_t)newrow[t->rows[i]] * t->nc, t->nc * sizeof *wv);
            memcpy(&pairs[3 * j + 1], wv, sizeof wv);
        }
    }
    free(avg);
    free(newrow);
    if (stride == 3) {
        free(w);
        w = NULL;
    }
    q->stride = stride;
    q->slots = pairs;
    q->w = w;
    q->nrows = (uint32_t)keep;
    q->mask = (uint32_t)(slots - 1);
    return 1;
}

static void qclf_free(dyadi_clf *q)
{
    free((void *)q->slots);
    free((void *)q->w);
    memset(q, 0, sizeof *q);
}

/* ---- training data ------------------------------------------------------------ */
typedef struct tsent {
    dyadi_sword *w;         /* n words */
    uint32_t n;
    uint8_t *gupos;         /* gold UPOS */
    uint8_t *jupos;         /* jackknifed UPOS for the parser */
    int32_t *ghead;         /* [n+1], projectivised; ghead[0] unused */
    int32_t *glab;          /* [n+1] */
    const dyadi_csent *src;
} tsent;

typedef struct trainer {
    const dyad_train_options *o;
    dyadi_arena arena;
    tsent *tr, *dev;
    size_t ntr, ndev;
    /* vocabularies */
    char **labels; uint32_t nlabels; uint32_t root_label, fallback_label;
    uint8_t *label_dir;
    char **feats; uint32_t nfeats;
    uint64_t rng;
    FILE *log;
} trainer;

static void say(trainer *t, const char *fmt, ...)
{
    if (!t->log)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(t->log, fmt, ap);
    va_end(ap);
    fflush(t->log);
}

static uint64_t rnd(trainer *t)
{
    t->rng ^= t->rng << 13;
    t->rng ^= t->rng >> 7;
    t->rng ^= t->rng << 17;
    return t->rng;
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static long find_str(char **v, uint32_t n, const char *s);
/* Index of a feature bundle: "_" is 0, the others sorted after it. */
static long feat_index(char **feats, uint32_t n, const char *s)
{
    if (strcmp(s, "_") == 0)
        return 0;
    long i = n > 1 ? find_str(feats + 1, n - 1, s) : -1;
    return i < 0 ? -1 : i + 1;
}

static long find_str(char **v, uint32_t n, const char *s)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(v[mid], s);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Sorted distinct strings of a list (in place); returns the count. */
static uint32_t uniq(char **v, size_t n)
{
    qsort(v, n, sizeof *v, cmpstr);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || strcmp(v[k - 1], v[i]) != 0)
            v[k++] = v[i];
    return (uint32_t)k;
}

/* Is word d's arc projective: every word between it and its head is
 * dominated by the head? */
static int dominated(const int32_t *h, int32_t x, int32_t by, uint32_t n)
{
    for (uint32_t steps = 0; x > 0 && steps <= n; steps++) {
        if (x == by)
            return 1;
        x = h[x];
    }
    return x == by;
}

void dyadi_projectivise(int32_t *h, uint32_t n)
{
    for (uint32_t iter = 0; iter < n * 2; iter++) {
        int32_t pick = -1, span = 1 << 30;
        for (uint32_t d = 1; d <= n; d++) {
            int32_t hd = h[d];
            if (hd <= 0)
                continue;
            int32_t a = hd < (int32_t)d ? hd : (int32_t)d, b = hd < (int32_t)d ? (int32_t)d : hd;
            for (int32_t k = a + 1; k < b; k++)
                if (!dominated(h, k, hd, n)) {
                    if (b - a < span) {
                        span = b - a;
                        pick = (int32_t)d;
                    }
                    break;
                }
        }
        if (pick < 0)
            return;
        h[pick] = h[h[pick]];
    }
}

static int prep_sents(trainer *t, const dyadi_conllu *c, tsent **out, size_t *nout)
{
    tsent *v = calloc(c->n ? c->n : 1, sizeof *v);
    if (!v)
        return 0;
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++) {
        const dyadi_csent *s = &c->s[i];
        tsent *x = &v[k];
        x->src = s;
        x->n = s->n;
        x->w = dyadi_arena_alloc(&t->arena, s->n * sizeof *x->w);
        x->gupos = dyadi_arena_alloc(&t->arena, s->n + 1);
        x->jupos = dyadi_arena_alloc(&t->arena, s->n + 1);
        x->ghead = dyadi_arena_alloc(&t->arena, (s->n + 1) * sizeof(int32_t));
        x->glab = dyadi_arena_alloc(&t->arena, (s->n + 1) * sizeof(int32_t));
        if (!x->w || !x->gupos || !x->jupos || !x->ghead || !x->glab) {
            free(v);
            return 0;
        }
        memset(x->w, 0, s->n * sizeof *x->w);
        int ok = 1;
        for (uint32_t j = 0; j < s->n; j++) {
            const dyadi_cword *cw = &s->w[j];
            dyadi_sword *w = &x->w[j];
            w->form = cw->form;
            if (!dyadi_sword_keys(w, &t->arena, cw->form, strlen(cw->form), j == 0)) {
                free(v);
                return 0;
            }
            int u = dyadi_upos_id(cw->upos);
            x->gupos[j] = (uint8_t)(u < 0 ? 16 : u);
            x->jupos[j] = x->gupos[j];
            x->ghead[j + 1] = cw->head;
            if (cw->head < 0)
                ok = 0;
            long l = find_str(t->labels, t->nlabels, cw->deprel);
            x->glab[j + 1] = (int32_t)(l < 0 ? t->fallback_label : (uint32_t)l);
        }
        x->ghead[0] = -1;
        if (!ok)
            continue;   /* a tree without heads cannot train the parser */
        /* exactly one root: a treebank with several (rare) keeps the first */
        int roots = 0;
        for (uint32_t j = 1; j <= s->n; j++)
            if (x->ghead[j] == 0)
                roots++;
        if (roots != 1)
            continue;
        dyadi_projectivise(x->ghead, s->n);
        k++;
    }
    *out = v;
    *nout = k;
    return 1;
}

/* ---- the lexicon ---------------------------------------------------------------- */
typedef struct strbuf {
    char *p;
    size_t len, cap;
} strbuf;

static long sb_add(strbuf *b, const char *s)
{
    size_t n = strlen(s) + 1;
    if (b->len + n > b->cap) {
        size_t c = b->cap ? b->cap * 2 : 1 << 16;
        while (c < b->len + n)
            c *= 2;
        char *q = realloc(b->p, c);
        if (!q)
            return -1;
        b->p = q;
        b->cap = c;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return (long)(b->len - n);
}


/* Most frequent value of each key among "KEY\x1fVALUE" lines (sorted);
 * calls fn(key, value, count, total) once per key. Ties go to the smallest
 * value, so the choice is deterministic. */
typedef int (*group_fn)(void *ud, const char *key, size_t klen, const char *val, size_t count,
                        size_t total);
static int best_per_key(char **v, size_t n, group_fn fn, void *ud)
{
    qsort(v, n, sizeof *v, cmpstr);
    size_t i = 0;
    while (i < n) {
        const char *sep = strchr(v[i], '\x1f');
        size_t klen = (size_t)(sep - v[i]);
        size_t j = i, total = 0, bestc = 0;
        const char *best = NULL;
        while (j < n && strncmp(v[j], v[i], klen) == 0 && v[j][klen] == '\x1f') {
            size_t r = j;
            while (r < n && strcmp(v[r], v[j]) == 0)
                r++;
            if (r - j > bestc) {
                bestc = r - j;
                best = v[j] + klen + 1;
            }
            total += r - j;
            j = r;
        }
        if (!fn(ud, v[i], klen, best, bestc, total))
            return 0;
        i = j;
    }
    return 1;
}

/* Character count and the byte offset where the last k characters start. */
static size_t nchars(const char *s)
{
    size_t c = 0;
    for (; *s; s++)
        c += ((unsigned char)*s & 0xC0) != 0x80;
    return c;
}
static const char *tail_chars(const char *s, size_t k)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && k > 0) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
        k--;
    }
    return s + i;
}

typedef struct lexctx {
    trainer *t;
    dyadi_vec *acc;            /* dyadi_lexent */
    strbuf *sb;
} lexctx;

/* Group keys are "K\x1eU\x1eSTRING" (K: 0 exact, 1-4 suffix length; U:
 * 'A' + UPOS); values "LEMMA\x1dFEATS" (exact) or "STRIP\x1dAPPEND\x1dFEATS"
 * (rules). */
static int on_group(void *ud, const char *key, size_t klen, const char *val, size_t count,
                    size_t total)
{
    lexctx *x = ud;
    int kind = key[0] - '0';
    int upos = key[2] - 'A';
    const char *str = key + 4;
    size_t slen = klen - 4;
    if (kind > 0 && (total < 2 || count * 2 < total))
        return 1;   /* a suffix rule must be seen twice and be the majority */
    uint64_t h = dyadi_shash(str, slen);
    uint32_t k = kind == 0 ? dyadi_lex_exact_key(h, upos) : dyadi_lex_rule_key(h + (uint64_t)kind, kind, upos);
    dyadi_lexent e = {k, 0, 0, 0, (uint8_t)kind};
    char buf[1024];
    size_t vl = strlen(val);
    if (vl >= sizeof buf)
        return 1;
    memcpy(buf, val, vl + 1);
    char *f1 = strchr(buf, '\x1d');
    if (!f1)
        return 1;
    *f1++ = '\0';
    const char *lemma = buf, *feats = f1;
    if (kind > 0) {
        char *f2 = strchr(f1, '\x1d');
        if (!f2)
            return 1;
        *f2++ = '\0';
        e.strip = (uint8_t)strtoul(buf, NULL, 10);
        lemma = f1;
        feats = f2;
    }
    long off = sb_add(x->sb, lemma);
    if (off < 0)
        return 0;
    e.lemma = (uint32_t)off;
    long fi = feat_index(x->t->feats, x->t->nfeats, feats);
    e.feats = (uint16_t)(fi < 0 ? 0 : fi);
    dyadi_lexent *slot = dyadi_vec_push(x->acc);
    if (!slot)
        return 0;
    *slot = e;
    return 1;
}

static char *tuple(dyadi_arena *a, int kind, int upos, const char *s, size_t sn, const char *v1,
                   const char *v2, const char *v3)
{
    size_t n = 4 + sn + 1 + strlen(v1) + 1 + strlen(v2) + (v3 ? 1 + strlen(v3) : 0) + 1;
    char *p = dyadi_arena_alloc(a, n);
    if (!p)
        return NULL;
    int r = v3 ? snprintf(p, n, "%c\x1e%c\x1e%.*s\x1f%s\x1d%s\x1d%s", '0' + kind, 'A' + upos, (int)sn, s, v1, v2, v3)
               : snprintf(p, n, "%c\x1e%c\x1e%.*s\x1f%s\x1d%s", '0' + kind, 'A' + upos, (int)sn, s, v1, v2);
    return r < 0 || (size_t)r >= n ? NULL : p;
}

/* The lexicon from the training words: exact entries, suffix rules, the
 * most frequent bundle per UPOS and the "des" split table (French). */
static int build_lexicon(trainer *t, dyadi_vec *acc, strbuf *sb, uint16_t upos_feats[DYADI_NUPOS])
{
    size_t cap = 0;
    for (size_t i = 0; i < t->ntr; i++)
        cap += t->tr[i].n * 5;
    char **v = malloc((cap ? cap : 1) * sizeof *v);
    size_t nv = 0;
    size_t fcount[DYADI_NUPOS][64];
    memset(fcount, 0, sizeof fcount);
    if (!v)
        return 0;
    dyadi_arena a;
    dyadi_arena_init(&a, 0);
    int ok = 0;
    for (size_t i = 0; i < t->ntr; i++) {
        const tsent *s = &t->tr[i];
        for (uint32_t j = 0; j < s->n; j++) {
            const dyadi_cword *cw = &s->src->w[j];
            const char *norm = s->w[j].norm;
            int u = s->gupos[j];
            long fi = feat_index(t->feats, t->nfeats, cw->feats);
            if (fi >= 0 && fi < 64)
                fcount[u][fi]++;
            char *x = tuple(&a, 0, u, norm, strlen(norm), cw->lemma, cw->feats, NULL);
            if (!x)
                goto fail;
            v[nv++] = x;
            if (u == 11)
                continue;   /* proper nouns are their own lemma */
            char *ln = dyadi_norm_key(&a, cw->lemma, strlen(cw->lemma));
            if (!ln)
                goto fail;
            /* the rule: strip what follows the common prefix, append the rest */
            size_t p = 0;
            while (norm[p] && norm[p] == ln[p])
                p++;
            while (p > 0 && ((unsigned char)norm[p] & 0xC0) == 0x80)
                p--;
            char strip[8];
            snprintf(strip, sizeof strip, "%zu", nchars(norm + p) > 255 ? (size_t)255 : nchars(norm + p));
            size_t nc = nchars(norm);
            for (size_t k = 1; k <= 4 && k <= nc; k++) {
                const char *sfx = tail_chars(norm, k);
                if (k == nc && nc > 1)
                    break;  /* the whole word is its exact entry, not a suffix */
                x = tuple(&a, (int)k, u, sfx, strlen(sfx), strip, ln + p, cw->feats);
                if (!x)
                    goto fail;
                v[nv++] = x;
            }
        }
    }
    lexctx ctx = {t, acc, sb};
    if (!best_per_key(v, nv, on_group, &ctx))
        goto fail;
    for (int u = 0; u < DYADI_NUPOS; u++) {
        size_t best = 0;
        for (size_t f = 1; f < 64 && f < t->nfeats; f++)
            if (fcount[u][f] > fcount[u][best])
                best = f;
        upos_feats[u] = (uint16_t)best;
    }
    ok = 1;
fail:
    free(v);
    dyadi_arena_free(&a);
    return ok;
}

/* ---- the tagger ------------------------------------------------------------------ */

static void shuffle(trainer *t, size_t *idx, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(rnd(t) % i);
        size_t x = idx[i - 1];
        idx[i - 1] = idx[j];
        idx[j] = x;
    }
}

/* Tag accuracy of a quantised tagger on sentences (UPOS into w[].upos);
 * with pass1, q is the second pass after it. */
static double tag_eval(const dyadi_clf *pass1, const dyadi_clf *q, tsent *v, size_t n)
{
    dyad_model m;
    memset(&m, 0, sizeof m);
    m.tagger = pass1 ? *pass1 : *q;
    if (pass1)
        m.tagger2 = *q;
    size_t ok = 0, all = 0;
    for (size_t i = 0; i < n; i++) {
        dyadi_tag_upos(&m, v[i].w, v[i].n);
        for (uint32_t j = 0; j < v[i].n; j++) {
            ok += v[i].w[j].upos == v[i].gupos[j];
            all++;
        }
    }
    return all ? 100.0 * (double)ok / (double)all : 0;
}

/* Train a tagger on the sentences idx[0..n) for `epochs`; the best dev
 * epoch's weights (or the last, without dev) go to out. */
static int train_tagger(trainer *t, tsent *v, const size_t *idx0, size_t n, unsigned epochs,
                        tsent *dev, size_t ndev, const dyadi_clf *pass1, dyadi_clf *out,
                        const char *name)
{
    tclf tc;
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx || !tclf_init(&tc, DYADI_NUPOS)) {
        free(idx);
        return 0;
    }
    memcpy(idx, idx0, n * sizeof *idx);
    double best = -1;
    memset(out, 0, sizeof *out);
    uint32_t f[DYADI_MAX_TFEATS];
    float sc[DYADI_NUPOS];
    for (unsigned e = 0; e < epochs; e++) {
        shuffle(t, idx, n);
        size_t ok = 0, all = 0;
        for (size_t ii = 0; ii < n; ii++) {
            tsent *s = &v[idx[ii]];
            for (uint32_t j = 0; j < s->n; j++) {
                size_t nf = dyadi_tag_features(s->w, s->n, j, f, pass1 != NULL);
                tclf_score(&tc, f, nf, sc);
                int p = 0;
                for (int c = 1; c < DYADI_NUPOS; c++)
                    if (sc[c] > sc[p])
                        p = c;
                int g = s->gupos[j];
                if (p != g) {
                    if (!tclf_update(&tc, f, nf, (uint32_t)g, 1.0f) ||
                        !tclf_update(&tc, f, nf, (uint32_t)p, -1.0f))
                        goto fail;
                } else {
                    ok++;
                }
                all++;
                /* the next word sees the predicted tag, as at run time */
                s->w[j].upos = (uint8_t)p;
                tc.c += 1;
            }
        }
        dyadi_clf q;
        if (!tclf_quantise(&tc, &q, t->o->prune))
            goto fail;
        double acc = dev && ndev ? tag_eval(pass1, &q, dev, ndev) : -1;
        if (acc >= 0)
            say(t, "%s epoch %u: train %.2f%%, dev UPOS %.2f%%, %u features\n", name, e + 1,
                all ? 100.0 * (double)ok / (double)all : 0.0, acc, q.nrows);
        else
            say(t, "%s epoch %u: train %.2f%%, %u features\n", name, e + 1,
                all ? 100.0 * (double)ok / (double)all : 0.0, q.nrows);
        if (acc > best || !dev || !ndev) {
            best = acc;
            qclf_free(out);
            *out = q;
        } else {
            qclf_free(&q);
        }
    }
    tclf_free(&tc);
    free(idx);
    return 1;
fail:
    tclf_free(&tc);
    free(idx);
    qclf_free(out);
    return 0;
}

/* ---- the parser ------------------------------------------------------------------ */

typedef struct pscore { size_t uas, las, all; } pscore;

/* Parse sentences with a model and count correct heads/labels (punctuation
 * included, as the UD scorer does). */
static pscore parse_eval(const dyad_model *m, tsent *v, size_t n, int use_gold_tags)
{
    pscore r = {0, 0, 0};
    size_t cap = 0;
    void *mem = NULL;
    for (size_t i = 0; i < n; i++) {
        tsent *s = &v[i];
        size_t need = dyadi_pstate_need(s->n);
        if (need > cap) {
            free(mem);
            cap = need * 2;
            mem = malloc(cap);
            if (!mem)
                return r;
        }
        if (use_gold_tags)
            for (uint32_t j = 0; j < s->n; j++)
                s->w[j].upos = s->gupos[j];
        dyadi_parse(m, s->w, s->n, mem);
        for (uint32_t j = 0; j < s->n; j++) {
            int32_t gh = s->src->w[j].head;
            int hok = s->w[j].head == gh;
            r.uas += hok;
            r.las += hok && strcmp(dyadi_model_str(m, m->labels[s->w[j].label]), s->src->w[j].deprel) == 0;
            r.all++;
        }
    }
    free(mem);
    return r;
}

static int train_parser(trainer *t, dyad_model *m, dyadi_clf *pout, dyadi_clf *lout)
{
    tclf pc, lc;
    size_t *idx = malloc((t->ntr ? t->ntr : 1) * sizeof *idx);
    void *mem = NULL;
    size_t cap = 0;
    int ok = 0;
    if (!idx || !tclf_init(&pc, DYADI_NACT) || !tclf_init(&lc, t->nlabels)) {
        free(idx);
        return 0;
    }
    for (size_t i = 0; i < t->ntr; i++)
        idx[i] = i;
    memset(pout, 0, sizeof *pout);
    memset(lout, 0, sizeof *lout);
    double best = -1;
    uint32_t f[DYADI_MAX_PFEATS], lf[DYADI_MAX_LFEATS];
    float *lsc = malloc(t->nlabels * sizeof *lsc);
    if (!lsc)
        goto fail;
    for (unsigned e = 0; e < t->o->parser_epochs; e++) {
        shuffle(t, idx, t->ntr);
        size_t right = 0, moves = 0;
        for (size_t ii = 0; ii < t->ntr; ii++) {
            tsent *s = &t->tr[idx[ii]];
            for (uint32_t j = 0; j < s->n; j++)
                s->w[j].upos = s->jupos[j];
            size_t need = dyadi_pstate_need(s->n);
            if (need > cap) {
                free(mem);
                cap = need * 2;
                if (!(mem = malloc(cap)))
                    goto fail;
            }
            dyadi_pstate st;
            dyadi_pstate_init(&st, s->n, mem);
            while (!dyadi_pstate_done(&st)) {
                size_t nf = dyadi_parse_features(&st, s->w, f);
                float sc[DYADI_NACT];
                tclf_score(&pc, f, nf, sc);
                int pred = -1, gold = -1, cost[DYADI_NACT];
                for (int a = 0; a < DYADI_NACT; a++) {
                    cost[a] = dyadi_pstate_cost(&st, a, s->ghead);
                    if (!dyadi_pstate_legal(&st, a))
                        continue;
                    if (pred < 0 || sc[a] > sc[pred])
                        pred = a;
                    if (cost[a] == 0 && (gold < 0 || sc[a] > sc[gold]))
                        gold = a;
                }
                if (pred < 0)
                    break;
                if (gold >= 0 && cost[pred] > 0) {
                    if (!tclf_update(&pc, f, nf, (uint32_t)gold, 1.0f) ||
                        !tclf_update(&pc, f, nf, (uint32_t)pred, -1.0f))
                        goto fail;
                } else if (gold >= 0) {
                    right++;
                }
                moves++;
                pc.c += 1;
                int follow = gold < 0 ? pred : (e > 0 && (rnd(t) % 100) < 90 ? pred : gold);
                int32_t label = -1;
                if (follow == DYADI_LA || follow == DYADI_RA) {
                    int32_t h, d;
                    dyadi_pstate_arc(&st, follow, &h, &d);
                    if (h == 0) {
                        label = (int32_t)t->root_label;
                    } else {
                        size_t nlf = dyadi_label_features(&st, s->w, h, d, lf);
                        tclf_score(&lc, lf, nlf, lsc);
                        int32_t lp = dyadi_pick_label(lsc, t->nlabels, t->label_dir, t->root_label,
                                                      follow == DYADI_LA);
                        label = lp;
                        if (s->ghead[d] == h) {
                            int32_t g = s->glab[d];
                            if (g != lp && (!tclf_update(&lc, lf, nlf, (uint32_t)g, 1.0f) ||
                                            !tclf_update(&lc, lf, nlf, (uint32_t)lp, -1.0f)))
                                goto fail;
                            lc.c += 1;
                            label = g;
                        }
                    }
                }
                dyadi_pstate_apply(&st, follow, label);
            }
        }
        dyadi_clf qp, ql;
        if (!tclf_quantise(&pc, &qp, t->o->prune))
            goto fail;
        if (!tclf_quantise(&lc, &ql, t->o->prune_labeler > 0 ? t->o->prune_labeler : t->o->prune)) {
            qclf_free(&qp);
            goto fail;
        }
        m->parser = qp;
        m->labeler = ql;
        pscore r = parse_eval(m, t->dev, t->ndev, 0);
        double las = r.all ? 100.0 * (double)r.las / (double)r.all : -1;
        say(t, "parser epoch %u: train oracle agreement %.2f%%, dev UAS %.2f%% LAS %.2f%% (predicted tags), %u + %u features\n",
            e + 1, moves ? 100.0 * (double)right / (double)moves : 0.0,
            r.all ? 100.0 * (double)r.uas / (double)r.all : -1.0, las, qp.nrows, ql.nrows);
        if (las > best || !t->ndev) {
            best = las;
            qclf_free(pout);
            qclf_free(lout);
            *pout = qp;
            *lout = ql;
        } else {
            qclf_free(&qp);
            qclf_free(&ql);
        }
    }
    ok = 1;
fail:
    memset(&m->parser, 0, sizeof m->parser);
    memset(&m->labeler, 0, sizeof m->labeler);
    free(lsc);
    free(mem);
    free(idx);
    tclf_free(&pc);
    tclf_free(&lc);
    if (!ok) {
        qclf_free(pout);
        qclf_free(lout);
    }
    return ok;
}

/* ---- the whole run ----------------------------------------------------------------- */

static int collect_vocab(trainer *t, dyadi_conllu *sets, size_t nsets)
{
    size_t n = 0;
    for (size_t i = 0; i < nsets; i++)
        n += sets[i].nwords + 2;
    char **lab = malloc(n * sizeof *lab), **fea = malloc(n * sizeof *fea);
    if (!lab || !fea) {
        free(lab);
        free(fea);
        return 0;
    }
    size_t nl = 0, nf = 0;
    lab[nl++] = "root";
    lab[nl++] = "dep";
    for (size_t i = 0; i < nsets; i++)
        for (size_t s = 0; s < sets[i].n; s++)
            for (uint32_t j = 0; j < sets[i].s[s].n; j++) {
                lab[nl++] = (char *)sets[i].s[s].w[j].deprel;
                if (strcmp(sets[i].s[s].w[j].feats, "_") != 0)
                    fea[1 + nf++] = (char *)sets[i].s[s].w[j].feats;
            }
    t->nlabels = uniq(lab, nl);
    /* feats[0] is "_" as the format requires; the bundles follow, sorted */
    fea[0] = "_";
    t->nfeats = 1 + uniq(fea + 1, nf);
    if (t->nfeats > 65535) {
        free(lab);
        free(fea);
        return 0;
    }
    t->labels = lab;
    t->feats = fea;
    t->root_label = (uint32_t)find_str(lab, t->nlabels, "root");
    long fb = find_str(lab, t->nlabels, "parataxis");
    t->fallback_label = (uint32_t)(fb >= 0 ? fb : find_str(lab, t->nlabels, "dep"));
    t->label_dir = calloc(t->nlabels, 1);
    return t->label_dir != NULL;
}

static dyad_status fail_msg(char *err, size_t errlen, dyad_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return st;
}

DYAD_API dyad_status dyad_model_train(const dyad_train_options *o, char *err, size_t errlen)
{
    if (!o || !o->lang || !o->out || !o->train || o->ntrain == 0 || o->ntrain > 64 ||
        strlen(o->lang) >= 8)
        return fail_msg(err, errlen, DYAD_ERR_ARG, "training needs a language, training files and an output path");
    trainer t;
    memset(&t, 0, sizeof t);
    t.o = o;
    t.log = o->progress;
    t.rng = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)o->seed * 0x2545F4914F6CDD1DULL);
    if (!t.rng)
        t.rng = 1;
    dyadi_arena_init(&t.arena, 0);
    dyadi_conllu sets[65];
    size_t nsets = 0;
    dyad_status st = DYAD_ERR_NOMEM;
    dyadi_clf tagger = {0}, parser = {0}, labeler = {0}, tagger2 = {0};
    dyadi_vec acc;
    dyadi_vec_init(&acc, sizeof(dyadi_lexent), 0);
    strbuf sb = {0};
    uint32_t *labels = NULL, *feats = NULL;
    dyadi_lexent *lex = NULL;
    size_t *idx = NULL;
    memset(sets, 0, sizeof sets);
    for (size_t i = 0; i <= o->ntrain; i++) {
        const char *p = i < o->ntrain ? o->train[i] : o->dev;
        if (!p)
            continue;
        st = dyadi_conllu_read(&sets[nsets], p, err, errlen);
        if (st != DYAD_OK)
            goto done;
        say(&t, "read %s: %zu sentences, %zu words\n", p, sets[nsets].n, sets[nsets].nwords);
        nsets++;
    }
    st = DYAD_ERR_NOMEM;
    /* labels and bundles from training files only: the dev file must not
     * add classes the model could never have learnt */
    if (!collect_vocab(&t, sets, o->ntrain))
        goto done;
    /* every training file's sentences in one list */
    {
        size_t total = 0;
        for (size_t i = 0; i < o->ntrain; i++)
            total += sets[i].n;
        t.tr = calloc(total ? total : 1, sizeof *t.tr);
        if (!t.tr)
            goto done;
        for (size_t i = 0; i < o->ntrain; i++) {
            tsent *v;
            size_t n;
            if (!prep_sents(&t, &sets[i], &v, &n))
                goto done;
            memcpy(t.tr + t.ntr, v, n * sizeof *v);
            t.ntr += n;
            free(v);
        }
        if (o->dev && !prep_sents(&t, &sets[o->ntrain], &t.dev, &t.ndev))
            goto done;
    }
    for (size_t i = 0; i < t.ntr; i++)
        for (uint32_t d = 1; d <= t.tr[i].n; d++)
            if (t.tr[i].ghead[d] > 0)
                t.label_dir[t.tr[i].glab[d]] |= d < (uint32_t)t.tr[i].ghead[d] ? 1 : 2;
    say(&t, "training on %zu sentences (%u labels, %u feature bundles), dev %zu sentences\n", t.ntr,
        t.nlabels, t.nfeats, t.ndev);
    if (t.ntr == 0) {
        st = fail_msg(err, errlen, DYAD_ERR_FORMAT, "no usable training sentence");
        goto done;
    }
    idx = malloc(t.ntr * sizeof *idx);
    if (!idx)
        goto done;
    for (size_t i = 0; i < t.ntr; i++)
        idx[i] = i;
    /* 1. tagger */
    if (!train_tagger(&t, t.tr, idx, t.ntr, o->tagger_epochs, t.dev, t.ndev, NULL, &tagger, "tagger"))
        goto done;
    /* 2. jackknifed tags for the parser */
    if (o->jackknife >= 2) {
        unsigned K = o->jackknife;
        size_t *part = malloc(t.ntr * sizeof *part);
        if (!part)
            goto done;
        for (unsigned k = 0; k < K; k++) {
            size_t np = 0;
            for (size_t i = 0; i < t.ntr; i++)
                if (i % K != k)
                    part[np++] = i;
            dyadi_clf q;
            char name[32];
            snprintf(name, sizeof name, "jackknife %u/%u", k + 1, K);
            if (!train_tagger(&t, t.tr, part, np, o->tagger_epochs, NULL, 0, NULL, &q, name)) {
                free(part);
                goto done;
            }
            dyad_model m;
            memset(&m, 0, sizeof m);
            m.tagger = q;
            for (size_t i = k; i < t.ntr; i += K) {
                dyadi_tag_upos(&m, t.tr[i].w, t.tr[i].n);
                for (uint32_t j = 0; j < t.tr[i].n; j++)
                    t.tr[i].jupos[j] = t.tr[i].w[j].upos;
            }
            qclf_free(&q);
        }
        free(part);
        size_t ok = 0, all = 0;
        for (size_t i = 0; i < t.ntr; i++)
            for (uint32_t j = 0; j < t.tr[i].n; j++, all++)
                ok += t.tr[i].jupos[j] == t.tr[i].gupos[j];
        say(&t, "jackknifed training tags: %.2f%% UPOS\n", all ? 100.0 * (double)ok / (double)all : 0.0);
    }
    /* 2b. the second tagging pass learns from the jackknifed first-pass
     * tags to the right: as wrong as the first pass will be at run time */
    if (o->jackknife >= 2) {
        for (size_t i = 0; i < t.ntr; i++)
            for (uint32_t j = 0; j < t.tr[i].n; j++)
                t.tr[i].w[j].upos1 = t.tr[i].jupos[j];
        dyad_model m1;
        memset(&m1, 0, sizeof m1);
        m1.tagger = tagger;
        for (size_t i = 0; i < t.ndev; i++) {
            dyadi_tag_upos(&m1, t.dev[i].w, t.dev[i].n);
            for (uint32_t j = 0; j < t.dev[i].n; j++)
                t.dev[i].w[j].upos1 = t.dev[i].w[j].upos;
        }
        if (!train_tagger(&t, t.tr, idx, t.ntr, o->tagger_epochs, t.dev, t.ndev, &tagger, &tagger2,
                          "tagger pass 2"))
            goto done;
    }
    /* the dev set is tagged by the final tagger (the parser is tuned on
     * predicted tags, as it will run) */
    {
        dyad_model m;
        memset(&m, 0, sizeof m);
        m.tagger = tagger;
        m.tagger2 = tagger2;
        for (size_t i = 0; i < t.ndev; i++)
            dyadi_tag_upos(&m, t.dev[i].w, t.dev[i].n);
    }
    /* 3. string pool: labels and bundles first */
    labels = malloc(t.nlabels * sizeof *labels);
    feats = malloc(t.nfeats * sizeof *feats);
    if (!labels || !feats || sb_add(&sb, "") < 0)
        goto done;
    for (uint32_t i = 0; i < t.nlabels; i++) {
        long off = sb_add(&sb, t.labels[i]);
        if (off < 0)
            goto done;
        labels[i] = (uint32_t)off;
    }
    for (uint32_t i = 0; i < t.nfeats; i++) {
        long off = sb_add(&sb, t.feats[i]);
        if (off < 0)
            goto done;
        feats[i] = (uint32_t)off;
    }
    /* 4. parser */
    dyad_model pm;
    memset(&pm, 0, sizeof pm);
    pm.labels = labels;
    pm.nlabels = t.nlabels;
    pm.label_dir = t.label_dir;
    pm.root_label = t.root_label;
    pm.fallback_label = t.fallback_label;
    pm.strings = sb.p;
    pm.nstrings = (uint32_t)sb.len;
    if (!train_parser(&t, &pm, &parser, &labeler))
        goto done;
    /* 5. lexicon */
    uint16_t upos_feats[DYADI_NUPOS];
    if (!build_lexicon(&t, &acc, &sb, upos_feats))
        goto done;

    size_t slots = 16;
    const dyadi_lexent *ae = acc.data;
    while (slots < acc.len * 2)
        slots *= 2;
    lex = calloc(slots, sizeof *lex);
    if (!lex)
        goto done;
    for (size_t i = 0; i < acc.len; i++) {
        size_t j = (ae[i].key * 0x9E3779B1u) & (slots - 1);
        while (lex[j].key && lex[j].key != ae[i].key)
            j = (j + 1) & (slots - 1);
        if (!lex[j].key)
            lex[j] = ae[i];
    }
    dyadi_model_src src;
    memset(&src, 0, sizeof src);
    memcpy(src.lang, o->lang, strlen(o->lang));
    src.strings = sb.p;
    src.nstrings = (uint32_t)sb.len;
    src.labels = labels;
    src.nlabels = t.nlabels;
    src.label_dir = t.label_dir;
    src.root_label = t.root_label;
    src.feats = feats;
    src.nfeats = t.nfeats;
    src.tagger = tagger;
    src.tagger2 = tagger2;
    src.parser = parser;
    src.labeler = labeler;
    src.lex = lex;
    src.lex_slots = (uint32_t)slots;
    memcpy(src.upos_feats, upos_feats, sizeof upos_feats);
    size_t nw = 0;
    for (size_t i = 0; i < t.ntr; i++)
        nw += t.tr[i].n;
    src.nwords_train = (uint32_t)nw;
    st = dyadi_model_write(&src, o->out, err, errlen);
    if (st == DYAD_OK)
        say(&t, "wrote %s: tagger %u, parser %u, labeler %u feature rows, %zu lexicon entries\n", o->out,
            tagger.nrows, parser.nrows, labeler.nrows, acc.len);
done:
    if (st == DYAD_ERR_NOMEM && err && errlen && !err[0])
        snprintf(err, errlen, "out of memory while training");
    for (size_t i = 0; i < nsets; i++)
        dyadi_conllu_free(&sets[i]);
    qclf_free(&tagger);
    qclf_free(&tagger2);
    qclf_free(&parser);
    qclf_free(&labeler);
    dyadi_vec_free(&acc);
    free(sb.p);
    free(labels);
    free(feats);
    free(lex);
    free(idx);
    free(t.tr);
    free(t.dev);
    free(t.labels);
    free(t.feats);
    free(t.label_dir);
    dyadi_arena_free(&t.arena);
    return st;
}
